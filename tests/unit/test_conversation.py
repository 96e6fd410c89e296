"""Conversations kept in the browser and exported: round trips, real Markdown, no HTML."""

from __future__ import annotations

import json
import re
from dataclasses import fields

import pytest

from app.conversation import restored, stored, to_json, to_markdown
from app.types import Answer, Citation, Generation, Removed

IMG = "<img src=x onerror=alert(1)>"


def citation(n: int, **changes) -> Citation:
    values = dict(
        n=n,
        article_id="a1",
        title="Harbour reopens",
        source="Eastport News",
        published="2024-03-01",
        url="https://news.example.org/harbour",
        paragraph=2,
        start=10,
        end=60,
        text="“The harbour will reopen on Monday,” said Alma Ruiz.",
        speaker="Alma Ruiz",
        sentence=3,
        paragraphs=5,
    )
    return Citation(**(values | changes))


ANSWER = Answer(
    question="When will the harbour reopen?",
    answer="Alma Ruiz said it reopens on Monday [1].",
    abstained=False,
    citations=[citation(1)],
    speaker="Alma Ruiz",
    topic="harbour",
    notice="Filtered to Alma Ruiz",
    generation=Generation("ollama:x", "answer@1", 2, 1, [Removed("Bad.", "unsupported")]),
)


def test_the_browser_copy_reads_back_as_the_same_answers() -> None:
    assert restored(json.loads(json.dumps(stored([ANSWER, ANSWER])))) == [ANSWER, ANSWER]


@pytest.mark.parametrize(
    "junk",
    [None, "text", [1], [{"question": "q"}], [{"question": 1, "answer": 2, "abstained": False}]],
    ids=["none", "string", "number", "missing fields", "wrong types"],
)
def test_malformed_browser_copies_are_dropped(junk) -> None:
    assert restored(junk) == []


def test_a_malformed_entry_leaves_the_others() -> None:
    kept = stored([ANSWER])[0]
    assert restored([1, {"question": "q"}, kept, "x"]) == [ANSWER]


def test_markdown_export_has_headings_blockquotes_links_and_sources() -> None:
    markdown = to_markdown([ANSWER])
    assert markdown.startswith("# quotedesk conversation\n")
    assert "## 1. When will the harbour reopen?" in markdown
    assert "Sources:" in markdown
    assert (
        "1. **Alma Ruiz**, [Harbour reopens](https://news.example.org/harbour), "
        "Eastport News, 2024-03-01, paragraph 2, sentence 3" in markdown
    )
    # The cited words as written, opening quotation mark included: quotes stay balanced.
    assert "   > “The harbour will reopen on Monday,” said Alma Ruiz." in markdown
    assert "Alma Ruiz said it reopens on Monday \\[1\\]." in markdown


def test_markdown_export_carries_no_html_and_no_unsafe_links() -> None:
    hostile = Answer(
        question=f"Why {IMG}?",
        answer=f"Because {IMG} [1] and [x](javascript:alert(1))",
        abstained=False,
        citations=[
            citation(1, title=f"Title {IMG}", url="javascript:alert(1)", text=f"Said {IMG}"),
            citation(2, url="https://news.example.org/a)(c"),
        ],
    )
    markdown = to_markdown([hostile])
    assert not re.search(r"(?<!\\)<", markdown)  # every < escaped: no HTML tag
    links = re.findall(r"(?<!\\)\]\(([^)]*)\)", markdown)  # an escaped \] starts no link
    assert links == ["https://news.example.org/a%29%28c"]  # only the http(s) one


def test_json_export_is_the_answer_schema_without_raw_html() -> None:
    hostile = Answer("q", f"a {IMG}", False, [citation(1, url="javascript:alert(1)")])
    text = to_json([ANSWER, hostile])
    assert "<" not in text and ">" not in text
    turns = json.loads(text)["turns"]
    assert [t["question"] for t in turns] == ["When will the harbour reopen?", "q"]
    assert turns[1]["answer"] == f"a {IMG}"  # the words themselves are kept, as data
    assert turns[1]["citations"][0]["url"] is None
    assert turns[0]["citations"][0]["url"] == "https://news.example.org/harbour"


def test_a_tool_turn_is_stored_as_its_answer_without_view_or_plot() -> None:
    from app.tool_turn import ToolAnswer

    turn = ToolAnswer(
        **{f.name: getattr(ANSWER, f.name) for f in fields(Answer)},
        tool="timeline",
        body=lambda linked: "<div>view</div>",
        figure=object(),
    )
    kept = stored([turn])
    assert set(kept[0]) == {f.name for f in fields(Answer)}
    assert kept == stored([ANSWER])
    json.dumps(kept)  # JSON-ready: no view, no figure
    assert restored(kept) == [ANSWER]
