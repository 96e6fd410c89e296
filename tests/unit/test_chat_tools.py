"""Quote desk tools as chat turns (made-up articles and quotations): routing, located
citations, and the HTML each turn shows (escaped, markers linked only while latest)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.alignment import WordDiff
from app.chat_tool_html import check_body, comparison_body, record_item, timeline_body
from app.chat_tools import MAX_CITED, citations_of, tool_answer
from app.check import CheckResult, Occurrence
from app.conversation import to_markdown
from app.html import chat_messages, render_answer
from app.quote_records import QuoteRecord
from app.timeline import Comparison, Side, Timeline, group_by_date, per_month
from app.tool_html import MAX_LISTED
from app.tool_turn import ToolAnswer
from ingest.types import Article

BROKEN = (  # paragraphs: the quotation is the second sentence of the third
    "The harbour closed on Monday.\n\n"
    "Ferries were cancelled.\n\n"
    "Crowds gathered. Mara Quill said “The bridge opens in May.” Nobody cheered."
)
UNBROKEN = "One. Two. Three. Mara Quill said “The bridge opens in May.” Four."
ARTICLES = {
    "broken": Article(id="broken", title="Bridge <b>news</b>", text=BROKEN),
    "unbroken": Article(id="unbroken", title="Bridge news", text=UNBROKEN),
}
WORDS = "The bridge opens in May."


def record(article_id: str = "broken", n: int = 0, **changes) -> QuoteRecord:
    start = ARTICLES[article_id].text.index(WORDS) if article_id in ARTICLES else 0
    values = dict(
        quote_id=f"{article_id}:q{n}",
        speaker="Mara Quill",
        role=None,
        quote=WORDS,
        kind="direct",
        article_id=article_id,
        title="Bridge <b>news</b>",
        source="Gazette",
        published=f"2021-05-{n % 28 + 1:02d}",
        url="https://example.org/bridge",
        paragraph=3,
        start=start,
        end=start + len(WORDS),
    )
    return QuoteRecord(**(values | changes))


@pytest.mark.parametrize(
    ("article_id", "location"),
    [
        ("broken", "paragraph 3, sentence 2"),
        ("unbroken", "sentence 4"),  # no paragraph breaks: counted over the whole text
        ("gone", "sentence 1"),  # the article is no longer stored
    ],
)
def test_citations_are_located_in_their_article(article_id: str, location: str) -> None:
    [cited] = citations_of([record(article_id)], ARTICLES.get)
    assert cited.location == location
    assert (cited.n, cited.speaker, cited.text, cited.kind) == (1, "Mara Quill", WORDS, "direct")


@pytest.mark.parametrize(
    ("changes", "linked", "present", "absent"),
    [
        ({}, True, '<a class="qd-marker" href="#source-1"', "(reported)"),
        ({}, False, '<span class="qd-marker">[1]</span>', "href="),
        ({"kind": "indirect"}, True, "(reported) The bridge opens in May.", "“"),
        ({"quote": "<img src=x onerror=alert(1)>"}, True, "&lt;img src=x", "<img"),
    ],
)
def test_record_item(changes: dict, linked: bool, present: str, absent: str) -> None:
    shown = record(**changes)
    [cited] = citations_of([shown], ARTICLES.get)
    html = record_item(shown, cited, linked)
    assert present in html and absent not in html
    assert "Bridge &lt;b&gt;news&lt;/b&gt;" in html and "paragraph 3, sentence 2" in html


def occurrence(rec: QuoteRecord, diff: tuple[WordDiff, ...]) -> Occurrence:
    return Occurrence(
        record=rec,
        matched=WORDS,
        diff=diff,
        equal=4,
        edits=1,
        left_out=0,
        covered=5,
        covered_share=1.0,
        given_words=5,
        by_named_speaker=None,
    )


def test_check_body_shows_the_verdict_the_word_diff_and_every_place() -> None:
    diff = (
        WordDiff("equal", "The bridge", "The bridge"),
        WordDiff("changed", "closes", "opens"),
        WordDiff("equal", "in May.", "in May."),
    )
    places = [occurrence(record(n=n), diff) for n in range(MAX_CITED + 2)]
    result = CheckResult(
        "The bridge closes in May.", None, "misquoted", "misquoted", "Close.", places[0], places
    )
    cited = citations_of([o.record for o in places][:MAX_CITED], ARTICLES.get)
    html = check_body(result, cited, linked=True)
    assert 'data-verdict="misquoted"' in html and "qd-verdict-misquoted" in html
    assert "<del>opens</del>" in html and "<ins>closes</ins>" in html
    assert html.count('class="qd-item"') == MAX_CITED + 2  # every place listed...
    assert html.count('class="qd-marker"') == MAX_CITED  # ...the first MAX_CITED cited


def test_comparison_body_keeps_each_speakers_words_in_their_column() -> None:
    left = [record(n=1), record(n=2)]
    right = [record(n=3, speaker="Tomas Brey")]
    found = Comparison("tolls", Side("Mara Quill", left), Side("Tomas Brey", right))
    cited = citations_of([*left, *right], ARTICLES.get)
    html = comparison_body(found, cited[:2], cited[2:], linked=True)
    mara, tomas = html.split('<div class="qd-column"')[1:]
    assert 'data-speaker="Mara Quill"' in mara and mara.count('data-speaker="Mara Quill"') == 3
    assert 'data-speaker="Tomas Brey"' in tomas and "Mara Quill" not in tomas
    assert 'href="#source-3"' in tomas


def test_timeline_body_groups_by_day_and_marks_undated_last() -> None:
    records = [record(n=2), record(n=2, quote_id="b"), record(n=5), record(n=9, published=None)]
    found = Timeline("Mara Quill", None, records, group_by_date(records), per_month(records))
    html = timeline_body(found, citations_of(records, ARTICLES.get), linked=True)
    dates = [part.split("</h4>")[0] for part in html.split('<h4 class="qd-date">')[1:]]
    assert dates == ["2021-05-03", "2021-05-06", "undated"]
    assert html.count('class="qd-item"') == 4


def test_timeline_body_lists_at_most_max_listed_and_cites_the_first() -> None:
    records = [record(n=n) for n in range(MAX_LISTED + 5)]
    found = Timeline("Mara Quill", None, records, group_by_date(records), per_month(records))
    cited = citations_of(records[:MAX_CITED], ARTICLES.get)
    html = timeline_body(found, cited, linked=True)
    assert html.count('class="qd-item"') == MAX_LISTED
    assert html.count('class="qd-marker"') == MAX_CITED
    assert f"{MAX_LISTED + 5} statement(s)" in html


@dataclass
class FakeDesk:
    """A desk whose tools return made-up results or fail like the real ones."""

    calls: list[tuple] = field(default_factory=list)

    def article(self, article_id: str) -> Article | None:
        return ARTICLES.get(article_id)

    def timeline(self, speaker: str, topic: str | None = None) -> Timeline:
        self.calls.append(("timeline", speaker, topic))
        records = [record(n=1), record(n=4)]
        return Timeline(speaker, topic, records, group_by_date(records), per_month(records))

    def compare(self, first: str, second: str, topic: str | None = None) -> Comparison:
        self.calls.append(("compare", first, second, topic))
        raise ValueError(f"{second} is not quoted in the articles")


def test_a_question_is_not_a_tool_turn() -> None:
    desk = FakeDesk()
    assert tool_answer(desk, "What did Mara Quill say about the bridge?") is None
    assert desk.calls == []


def test_a_timeline_question_becomes_a_turn_with_citations_view_and_plot() -> None:
    desk = FakeDesk()
    turn = tool_answer(desk, "How has Mara Quill's position on the bridge changed?")
    assert desk.calls == [("timeline", "Mara Quill", "the bridge")]
    assert isinstance(turn, ToolAnswer) and turn.tool == "timeline"
    assert turn.answer == (
        "Mara Quill on the bridge: 2 statement(s), dated 2021-05-02 to 2021-05-05. [1] [2]"
    )
    assert [c.location for c in turn.citations] == ["paragraph 3, sentence 2"] * 2
    assert turn.figure is not None
    html = render_answer(turn)
    assert '<h4 class="qd-date">2021-05-02</h4>' in html and "qd-cite-list" not in html
    assert "Mara Quill on the bridge: 2 statement(s)" in to_markdown([turn])
    shown = chat_messages([turn], plot=lambda figure: ("plot", figure))
    assert [m["role"] for m in shown] == ["user", "assistant", "assistant"]
    assert shown[2]["content"] == ("plot", turn.figure)
    assert len(chat_messages([turn])) == 2  # without a plot maker, no plot message


def test_a_tool_that_cannot_run_says_why_in_one_line() -> None:
    turn = tool_answer(FakeDesk(), "Compare Mara Quill and \x1b[31mNobody Known on tolls")
    assert isinstance(turn, ToolAnswer) and turn.abstained and turn.tool == "problem"
    assert turn.answer == "Nobody Known is not quoted in the articles"
    assert "\x1b" not in turn.question and "[31m" not in turn.question


def test_a_comparison_asked_as_a_question_falls_back_to_ask_when_it_cannot_run() -> None:
    desk = FakeDesk()
    assert tool_answer(desk, "What did Mara Quill and the report say about tolls?") is None
    assert desk.calls == [("compare", "Mara Quill", "the report", "tolls")]
