"""The pure HTML renderers of the chat and the sources panel, on hand-made answers."""

from __future__ import annotations

import re

import pytest

from app.html import (
    FileResult,
    chat_messages,
    render_answer,
    render_question,
    render_sources,
    render_stats,
    render_upload_results,
    safe_url,
    stream_cuts,
)
from app.types import Answer, Citation
from ingest.pipeline import IngestReport
from ingest.types import Article

XSS = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
TEXT = (
    "First paragraph about the weather.\n\n"
    f"The minister said the talks were \u201cuseful\u201d. {XSS}\n\n"
    "A third paragraph ends it."
)
ARTICLE = Article(
    id="a1", title="Talks <b>end</b>", text=TEXT, source="Wire & Co", published="2022-01-27"
)


def cite(n: int, needle: str, **fields) -> Citation:
    start = TEXT.index(needle)
    values = dict(
        n=n,
        article_id="a1",
        title=ARTICLE.title,
        source=ARTICLE.source,
        published=ARTICLE.published,
        url=None,
        paragraph=2,
        start=start,
        end=start + len(needle),
        text=needle,
        speaker="Jane <Doe>",
        kind="indirect",
        sentence=1,
        paragraphs=3,
    )
    return Citation(**(values | fields))


def answer(text: str, citations: list[Citation], **fields) -> Answer:
    return Answer(
        question="What was said?", answer=text, abstained=False, citations=citations, **fields
    )


def lookup(article_id: str) -> Article | None:
    return ARTICLE if article_id == "a1" else None


def no_raw_markup(html: str) -> None:
    assert "<script" not in html and "<img" not in html and "<b>end" not in html


def test_markers_link_to_their_sources_and_only_cited_numbers_become_links() -> None:
    a = answer("Talks were useful [1], see also [7].", [cite(1, "the talks were")])
    html = render_answer(a)
    assert '<a class="qd-marker" href="#source-1"' in html
    assert "[7]" in html and 'href="#source-7"' not in html
    assert "Jane &lt;Doe&gt;" in html  # the short source list under the answer


def test_older_answers_keep_markers_without_links() -> None:
    a = answer("Useful [1].", [cite(1, "the talks were")])
    html = render_answer(a, linked=False)
    assert "href=" not in html and '<span class="qd-marker">[1]</span>' in html


def test_answer_question_and_notice_are_escaped() -> None:
    a = answer(f"He said {XSS} [1]", [cite(1, XSS)], notice="<i>note</i>")
    html = render_answer(a)
    no_raw_markup(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;note&lt;/i&gt;" in html
    assert render_question(XSS).count("&lt;") == 3 and "<script" not in render_question(XSS)


def test_abstention_is_the_answer_and_the_panel_says_so() -> None:
    a = Answer(
        question="Banana bread?", answer="The articles do not cover this question.", abstained=True
    )
    html = render_answer(a)
    assert "The articles do not cover this question." in html and "qd-abstained" in html
    assert "do not cover" in render_sources(a, lookup)


def test_sources_highlight_the_cited_span_inside_its_paragraph() -> None:
    c = cite(1, "the talks were \u201cuseful\u201d")
    html = render_sources(answer("x [1]", [c]), lookup)
    passage = re.search(r'<blockquote class="qd-passage">(.*?)</blockquote>', html).group(1)
    assert passage.startswith("<p>The minister said <mark>the talks were \u201cuseful\u201d</mark>")
    assert "First paragraph" not in passage  # only the cited paragraph in the passage
    assert '<details class="qd-source" id="source-1" open>' in html
    assert "Jane &lt;Doe&gt;" in html and "Talks &lt;b&gt;end&lt;/b&gt;" in html
    assert "Wire &amp; Co · 2022-01-27 · paragraph 2, sentence 1 · indirect quote" in html
    assert "Whole article" in html and "A third paragraph ends it." in html
    assert "Surrounding paragraphs" in html
    no_raw_markup(html)


def test_article_payloads_are_escaped_everywhere_in_the_panel() -> None:
    html = render_sources(answer("x [1]", [cite(1, "useful")]), lookup)
    no_raw_markup(html)
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # passage and whole article


def test_a_paragraph_cited_twice_is_shown_once_and_both_markers_point_to_it() -> None:
    first = cite(1, "The minister said", sentence=1)
    second = cite(2, "useful", kind="direct", speaker="Ann Other", sentence=1)
    other = cite(3, "A third paragraph", paragraph=3, speaker=None, kind=None)
    html = render_sources(answer("x [1] y [2] z [3]", [first, second, other]), lookup)
    assert html.count('<details class="qd-source"') == 2
    assert (
        '<details class="qd-source" id="source-1" open><span class="qd-anchor" id="source-2">'
        in html
    )
    passage = re.search(r'<blockquote class="qd-passage">(.*?)</blockquote>', html).group(1)
    assert passage.count("<mark>") == 2 and "<mark>useful</mark>" in passage
    assert "Jane &lt;Doe&gt;" in html and "Ann Other" in html
    assert "[1] paragraph 2, sentence 1 · indirect quote" in html
    assert "[2] paragraph 2, sentence 1 · direct quote" in html
    assert 'id="source-3" open>' in html


@pytest.mark.parametrize(
    ("paragraph", "sentence", "paragraphs", "shown"),
    [
        (4, 2, 9, "paragraph 4, sentence 2"),
        (1, 14, 1, "sentence 14"),  # an article scraped without paragraph breaks
    ],
)
def test_panel_and_source_list_give_the_citation_location(
    paragraph: int, sentence: int, paragraphs: int, shown: str
) -> None:
    c = cite(1, "useful", paragraph=paragraph, sentence=sentence, paragraphs=paragraphs)
    a = answer("x [1]", [c])
    assert f"{shown} · indirect quote" in render_sources(a, lookup)
    assert render_answer(a).endswith(f"{shown}</li></ol></div>")


def test_a_marker_group_links_each_number_it_cites() -> None:
    a = answer("Both said so [1, 2] and [2; 9].", [cite(1, "useful"), cite(2, "talks")])
    html = render_answer(a)
    assert html.count('href="#source-2"') == 3  # two in the text, one in the source list
    assert 'href="#source-1"' in html and "[9]" not in html.split("</div>")[0]


def test_a_citation_across_paragraphs_marks_both_parts() -> None:
    needle = "weather.\n\nThe minister"
    c = cite(1, needle, paragraph=1)
    passage = re.search(
        r'<blockquote class="qd-passage">(.*?)</blockquote>',
        render_sources(answer("[1]", [c]), lookup),
    ).group(1)
    assert passage.count("<mark>") == 2
    assert "<mark>weather.</mark>" in passage and "<mark>The minister</mark>" in passage


def test_missing_or_changed_article_falls_back_to_the_cited_words() -> None:
    gone = cite(1, "useful", article_id="gone")
    html = render_sources(answer("[1]", [gone]), lookup)
    assert "<mark>useful</mark>" in html and "no longer available" in html
    stale = cite(2, "useful", start=0, end=6)  # offsets no longer match the stored text
    assert "no longer available" in render_sources(answer("[2]", [stale]), lookup)


def test_links_only_for_http_urls() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert (
        safe_url('https://example.com/a?b=1&c="2"')
        == "https://example.com/a?b=1&amp;c=&quot;2&quot;"
    )
    html = render_sources(answer("[1]", [cite(1, "useful", url="javascript:alert(1)")]), lookup)
    assert "javascript:" not in html
    html = render_sources(answer("[1]", [cite(1, "useful", url="https://example.com/x")]), lookup)
    assert 'href="https://example.com/x" target="_blank" rel="noopener noreferrer"' in html


@pytest.mark.parametrize("words", [0, 1, 5, 12, 13, 200])
def test_stream_cuts_end_at_word_boundaries_and_at_the_end(words: int) -> None:
    text = " ".join(f"w{i}" for i in range(words))
    cuts = list(stream_cuts(text, max_steps=12))
    assert cuts[-1] == len(text)
    assert cuts == sorted(set(cuts)) and len(cuts) <= 12
    assert all(text[c - 1] != " " for c in cuts if c)


def test_streamed_prefix_has_no_source_list_until_complete() -> None:
    a = answer("One two three [1] four.", [cite(1, "useful")])
    partial = render_answer(a, upto=8)
    assert "One two " in partial and "three" not in partial and "qd-cite-list" not in partial
    assert "qd-cite-list" in render_answer(a, upto=len(a.answer))


def test_chat_messages_come_from_the_answers_and_only_the_latest_links() -> None:
    first = answer("Earlier [1].", [cite(1, "useful")])
    second = answer("Later [1].", [cite(1, "useful")])
    messages = chat_messages([first], (second, 3))
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant"]
    assert "href=" not in messages[1]["content"]
    assert "Lat" in messages[3]["content"] and "Later" not in messages[3]["content"]
    assert 'href="#source-1"' in chat_messages([first, second])[3]["content"]


def test_stats_and_upload_results_are_escaped() -> None:
    stats = render_stats({"articles": 1234, "quotes": 1, "speakers": 2})
    assert "<b>1,234</b> articles · <b>1</b> quote · <b>2</b> speakers" in stats
    html = render_upload_results(
        [FileResult("<img src=x onerror=alert(1)>.txt", "failed", "bad <b>")]
    )
    assert "<img" not in html and "&lt;img src=x" in html and "bad &lt;b&gt;" in html
    assert render_upload_results([]) == ""


def test_file_result_rows() -> None:
    from app.uploads import file_result
    from ingest.loaders import LoadError

    assert file_result("a.txt", "/tmp/x/a.txt", IngestReport(added=1)).status == "added"
    assert file_result("a.txt", "/tmp/x/a.txt", IngestReport(unchanged=1)).status == "unchanged"
    failed = IngestReport(failed=1, errors=[LoadError("/tmp/x/a.txt", "file is empty")])
    assert file_result("a.txt", "/tmp/x/a.txt", failed) == FileResult(
        "a.txt", "failed", "file is empty"
    )
    mixed = IngestReport(
        added=2, failed=1, errors=[LoadError("/tmp/x/b.jsonl:3", "missing or empty 'text' field")]
    )
    row = file_result("b.jsonl", "/tmp/x/b.jsonl", mixed)
    assert row.status == "2 added, 1 failed"
    assert row.detail == "line 3: missing or empty 'text' field"  # no temp paths shown


def test_uploads_over_the_limit_fail_before_ingest(tmp_path) -> None:
    from app.uploads import ingest_upload

    class NoIngest:
        def ingest(self, *args, **kwargs):
            raise AssertionError("must not ingest an oversized file")

    for name, content, reason in [
        ("big.txt", "x" * 2_000, "over the 0.001 MB limit"),
        ("run.exe", "x", "unsupported type"),
    ]:
        upload_folder = tmp_path / name.replace(".", "-")  # Gradio makes one folder per upload
        upload_folder.mkdir()
        path = upload_folder / name
        path.write_text(content)
        row = ingest_upload(NoIngest(), path, max_bytes=1_000)
        assert row.status == "failed" and reason in row.detail
        assert not upload_folder.exists()  # a refused upload leaves Gradio's temp folder too


def test_auth_must_be_user_colon_pass() -> None:
    from app.ui import parse_auth

    assert parse_auth(None) is None
    assert parse_auth("ann:s3:cret") == ("ann", "s3:cret")
    for bad in ("ann", ":pw", "ann:"):
        with pytest.raises(ValueError):
            parse_auth(bad)
