"""The chat driven through `gradio_client`, against the real app on the real sample store.

Each `Client` is its own browser-like session: its history lives in the server's `gr.State`.
"""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request

import pytest
from gradio_client import Client, handle_file

from tests.helpers import SAMPLE, make_desk
from tests.ui.conftest import serving

pytestmark = pytest.mark.slow

EXAMPLE = "What did Lavrov say about the OSCE?"


def client(url: str, **kwargs) -> Client:
    return Client(url, verbose=False, download_files=False, **kwargs)


def text_of(message: dict) -> str:
    content = message["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content)
    return content


def test_ask_returns_a_cited_answer_sources_and_markdown(served_sample) -> None:
    box, chat, sources, markdown = client(served_sample.url).predict(EXAMPLE, api_name="/ask")
    assert box == ""
    assert [m["role"] for m in chat] == ["user", "assistant"]
    answer = text_of(chat[1])
    assert "Lavrov" in answer and 'href="#source-1"' in answer
    for n in re.findall(r'href="#source-(\d+)"', answer):
        assert f'id="source-{n}"' in sources
    marked = re.findall(r"<mark>(.*?)</mark>", sources)
    assert any("OSCE" in m for m in marked)
    assert markdown.startswith("# quotedesk conversation\n\n## 1. What did Lavrov say")
    assert "\nSources:\n\n1. **Sergei Lavrov**, *US and NATO answers" in markdown
    # Each source is quoted under its heading as the article writes it.
    for excerpt in marked:
        written = html.unescape(re.sub(r"<[^>]+>", "", excerpt)).strip()
        assert f"   > {written[:40]}" in markdown


def test_the_answer_streams(served_sample) -> None:
    job = client(served_sample.url).submit(EXAMPLE, api_name="/ask")
    job.result()
    answers = [text_of(out[1][-1]) for out in job.outputs() if out[1]]
    assert len(answers) >= 3
    assert "qd-streaming" in answers[0] and len(answers[0]) < len(answers[-1])
    assert "qd-streaming" not in answers[-1]


def test_follow_up_uses_this_sessions_history_only(served_sample) -> None:
    alice, bob = client(served_sample.url), client(served_sample.url)
    alice.predict(EXAMPLE, api_name="/ask")
    _, bob_chat, _, _ = bob.predict("What did Peskov say?", api_name="/ask")
    _, alice_chat, _, alice_md = alice.predict("And what did Peskov say about it?", api_name="/ask")

    assert len(alice_chat) == 4  # the follow-up joined Alice's conversation
    assert "Peskov" in text_of(alice_chat[3])
    assert "OSCE" in alice_md  # "it" resolved to the OSCE from Alice's first turn
    assert len(bob_chat) == 2  # Bob never sees Alice's turns
    assert "OSCE" not in text_of(bob_chat[1])
    assert EXAMPLE not in " ".join(text_of(m) for m in bob_chat)


def test_clear_starts_a_new_conversation(served_sample) -> None:
    c = client(served_sample.url)
    c.predict(EXAMPLE, api_name="/ask")
    chat, sources, markdown, box, saved, exported, answer = c.predict(api_name="/clear")
    assert chat == [] and markdown == exported == answer == "" and "Sources appear here" in sources
    assert saved == []
    _, chat, _, _ = c.predict("What did Peskov say?", api_name="/ask")
    assert len(chat) == 2


def test_a_quote_check_typed_in_the_chat_shows_its_verdict_and_diff(served_sample) -> None:
    _, chat, sources, markdown = client(served_sample.url).predict(
        "Did Sergei Lavrov say “There is no negative reaction on the main issue in this document”?",
        api_name="/ask",
    )
    shown = text_of(chat[1])
    assert 'data-verdict="misquoted"' in shown
    assert "<del>positive</del>" in shown and "<ins>negative</ins>" in shown
    assert 'href="#source-1"' in shown and 'id="source-1"' in sources
    assert "<mark>There is no positive reaction on the main issue" in sources
    assert "MISQUOTED" in markdown  # the turn's summary, exported like any answer


def test_a_position_over_time_question_shows_dated_statements_and_a_plot(
    served_sample, sample_desk
) -> None:
    _, chat, sources, _ = client(served_sample.url).predict(
        "How has Dmitry Peskov's position changed?", api_name="/ask"
    )
    assert [m["role"] for m in chat] == ["user", "assistant", "assistant"]
    shown = text_of(chat[1])
    quotes = sample_desk.speaker_index().info("Dmitry Peskov").quotes
    assert f"{quotes} statement(s) by <b>Dmitry Peskov</b>" in shown
    assert '<h4 class="qd-date">2022-01-27</h4>' in shown
    assert shown.count('class="qd-item"') == quotes
    assert [part.get("component") for part in chat[2]["content"]] == ["plot"]
    assert sources.count('<details class="qd-source"') >= 1


def test_compare_in_the_chat_gives_each_speaker_a_column_of_their_own_words(
    served_sample,
) -> None:
    _, chat, _, _ = client(served_sample.url).predict(
        "Compare Sergei Lavrov and Dmitry Peskov on NATO", api_name="/ask"
    )
    columns = re.findall(r'<div class="qd-column" data-speaker="([^"]+)">', text_of(chat[1]))
    assert columns == ["Sergei Lavrov", "Dmitry Peskov"]
    for column in text_of(chat[1]).split('<div class="qd-column"')[1:]:
        speaker = re.search(r'data-speaker="([^"]+)"', column).group(1)
        items = re.findall(r'<div class="qd-item" data-speaker="([^"]*)"', column)
        assert items and set(items) == {speaker}


def test_a_tool_turn_says_the_filters_do_not_apply_to_it(served_sample) -> None:
    _, chat, _, _ = client(served_sample.url).predict(
        "How has Dmitry Peskov's position changed?", "quotes", "", "CNN", "", "", api_name="/ask"
    )
    assert "The filters apply to answers, not to this tool" in text_of(chat[1])
    _, chat, _, _ = client(served_sample.url).predict(
        "How has Dmitry Peskov's position changed?", api_name="/ask"
    )
    assert "filters" not in text_of(chat[1])


def test_a_tool_for_an_unknown_speaker_says_so_in_one_line(served_sample) -> None:
    _, chat, sources, _ = client(served_sample.url).predict(
        "Compare Zorblax Quint and Dmitry Peskov on NATO", api_name="/ask"
    )
    shown = text_of(chat[1])
    assert "Zorblax Quint" in shown and "qd-abstained" in shown and "Traceback" not in shown


def test_nothing_found_shows_the_abstention(served_sample) -> None:
    _, chat, sources, markdown = client(served_sample.url).predict(
        "What is the recipe for banana bread?", api_name="/ask"
    )
    said = "The articles do not cover this question: none mentions recipe for banana bread."
    assert said in text_of(chat[1])
    assert "do not cover" in sources and said in markdown


def test_favicon_and_title(served_sample) -> None:
    with urllib.request.urlopen(served_sample.url + "favicon.ico") as response:
        assert response.headers["content-type"] == "image/svg+xml"
    with urllib.request.urlopen(served_sample.url + "config") as response:
        assert '"title":"quotedesk"' in response.read().decode().replace(": ", ":")


def test_basic_auth(sample_desk) -> None:
    with serving(sample_desk, auth="ann:s3cret") as served:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a plain error
            client(served.url).predict(EXAMPLE, api_name="/ask")
        _, chat, _, _ = client(served.url, auth=("ann", "s3cret")).predict(EXAMPLE, api_name="/ask")
        assert "Lavrov" in text_of(chat[1])


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """Its own store (uploads change it), served with a tiny upload limit."""
    desk = make_desk(tmp_path_factory.mktemp("ui-upload-store"))
    desk.ingest([SAMPLE], progress=False)
    with serving(desk, max_upload_mb=0.01) as served:
        yield served


def test_upload_reports_each_file_and_refreshes_the_numbers(fresh, tmp_path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour reopens after storm\n\n"
        "\u201cThe harbour will reopen on Monday,\u201d said port director Alma Ruiz.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    c = client(fresh.url)
    results, stats, *_ = c.predict([handle_file(article), handle_file(empty)], api_name="/add")
    assert re.search(r"<td>harbour.txt</td><td>added</td>", results)
    assert re.search(r"<td>empty.md</td><td>failed</td><td>file is empty</td>", results)
    assert "<b>2</b> articles" in stats
    results, stats, *_ = c.predict([handle_file(article)], api_name="/add")
    assert "<td>unchanged</td>" in results and "<b>2</b> articles" in stats

    _, chat, sources, _ = c.predict("When will the harbour reopen?", api_name="/ask")
    assert "Monday" in text_of(chat[1])
    assert "Harbour reopens after storm" in sources


def test_filters_scope_the_answer(fresh) -> None:
    """Speaker, source and date filters reach the answer; a bad date is a message, not an error."""
    c = client(fresh.url)
    question = "When will the harbour reopen?"
    _, chat, sources, _ = c.predict(question, "quotes", "", "CNN", "", "", api_name="/ask")
    assert "Harbour reopens" not in sources  # the harbour article has no source: filtered out
    assert "Filtered to CNN" in text_of(chat[-1])

    _, chat, sources, _ = c.predict(
        "What was said?", "quotes", "Alma Ruiz", "", "", "", api_name="/ask"
    )
    assert "Monday" in text_of(chat[-1]) and "Alma Ruiz" in sources

    _, chat, sources, _ = c.predict(question, "quotes", "", "", "2022-01-01", "", api_name="/ask")
    assert "Harbour reopens" not in sources  # undated articles are outside any range

    assert "1 article has no date and is left out: ‘Harbour reopens after storm’" in text_of(
        chat[-1]
    )

    kept, chat, _, _ = c.predict(question, "quotes", "", "", "last week", "", api_name="/ask")
    assert kept == question and "Filter not applied" in text_of(chat[-1])


def test_an_unknown_speaker_gets_no_answer(served_sample) -> None:
    """A typed speaker nobody stored is said to be unquoted, not answered with others' words."""
    box, chat, sources, _ = client(served_sample.url).predict(
        "What did she say about the OSCE?", "quotes", "Angela Merkel", "", "", "", api_name="/ask"
    )
    answer = text_of(chat[-1])
    assert "Angela Merkel is not quoted in the articles." in answer
    assert "Lavrov" not in answer and "source-1" not in sources and box == ""


def test_over_long_questions_say_how_much_was_kept(served_sample) -> None:
    c = client(served_sample.url)
    _, chat, _, _ = c.predict("What did Lavrov say? " + "x" * 10_000, api_name="/ask")
    assert "only the first 2,000 were used" in text_of(chat[-1])
    assert "10,021 characters" in text_of(chat[-1])
    _, chat, _, _ = c.predict("\x1b[31mWhat did Lavrov say?", api_name="/ask")
    assert "[31m" not in json.dumps(chat)


def test_upload_over_the_limit_is_refused(fresh, tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Big file\n\n" + "word " * 5_000, encoding="utf-8")  # 25 kB > 10 kB limit
    with pytest.raises(Exception, match=r"(?i)size|large|exceed|413"):  # gradio's own check
        client(fresh.url).predict([handle_file(big)], api_name="/add")
    try:
        urllib.request.urlopen(fresh.url + "config")
    except urllib.error.URLError:  # the server is still up
        pytest.fail("server went down after a refused upload")
