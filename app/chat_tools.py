"""The quote desk tools answered in the chat: a message that asks to check a quotation, for a
speaker over time or for two speakers side by side (`app.chat_request`) becomes a `ToolAnswer`
built from `QuoteDesk.check`, `.timeline` or `.compare`; any other message is left to `ask`.

The quotations a tool found become the turn's citations, located like an answer's (paragraph
and sentence), so the sources panel shows them and the exports carry them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from app.api import MAX_QUESTION_CHARS
from app.chat_request import CheckRequest, TimelineRequest, parse_tool_request
from app.chat_tool_html import check_body, comparison_body, timeline_body
from app.tool_render import VERDICT_LABELS
from app.tool_turn import ToolAnswer
from app.types import Citation
from ingest.loaders import strip_control
from ingest.text import paragraph_spans, sentence_spans

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from app.check import CheckResult
    from app.html import ArticleLookup
    from app.quote_records import QuoteRecord
    from app.timeline import Comparison, Timeline

MAX_CITED = 20  # quotations of one tool turn that become citations (and sources panel blocks)
# Requests phrased as ordinary questions ("What did X and Y say about Z?"): when the tool
# cannot run (a name that is no stored speaker, such as "the report"), `ask` answers them.
# Explicit requests ("Compare X and Y", a pasted quotation) say in one line why not.
ASKED_AS_QUESTIONS = frozenset({"what_did_x_and_y_say", "position_changed", "changed_position"})


def tool_answer(desk: QuoteDesk, message: str) -> ToolAnswer | None:
    """The tool turn a chat message asks for, or None when it is an ordinary question.

    A tool that cannot run (an unknown speaker, the same speaker twice) gives a one-line turn
    saying so, never an exception; or None for a request phrased as a question
    (`ASKED_AS_QUESTIONS`), which `ask` then answers."""
    # Cleaned as `ask` cleans a question: terminal escapes and control characters go whole.
    question = " ".join(strip_control(message or "").split())[:MAX_QUESTION_CHARS]
    request = parse_tool_request(question)
    if request is None:
        return None
    try:
        if isinstance(request, CheckRequest):
            result = desk.check(request.quotation, request.speaker)
            return check_turn(question, result, desk.article)
        if isinstance(request, TimelineRequest):
            found = desk.timeline(request.speaker, request.topic)
            return timeline_turn(question, found, desk.article)
        comparison = desk.compare(request.first, request.second, request.topic)
        return compare_turn(question, comparison, desk.article)
    except ValueError as exc:
        if request.rule in ASKED_AS_QUESTIONS:
            return None
        return ToolAnswer(question=question, answer=str(exc), abstained=True, tool="problem")


def check_turn(question: str, result: CheckResult, article: ArticleLookup) -> ToolAnswer:
    """The verdict, the word diff and every place the words were found, earliest first."""
    records = [o.record for o in result.occurrences][:MAX_CITED]
    citations = citations_of(records, article)
    places = f" Found in {len(result.occurrences)} place(s), earliest first: {_markers(citations)}."
    summary = f"{VERDICT_LABELS[result.verdict]}: {result.explanation}"
    return ToolAnswer(
        question=question,
        answer=summary + (places if citations else ""),
        abstained=result.verdict == "not_found",
        citations=citations,
        speaker=result.best.record.speaker if result.best else None,
        timings_ms=dict(result.timings_ms),
        tool="check",
        body=partial(check_body, result, citations),
    )


def timeline_turn(question: str, found: Timeline, article: ArticleLookup) -> ToolAnswer:
    """The speaker's statements in date order, grouped by day, with statements per month."""
    from app.tool_html import months_figure  # plotly is imported only when a plot is drawn

    citations = citations_of(found.records[:MAX_CITED], article)
    about = f" on {found.topic}" if found.topic else ""
    dated = [r.published for r in found.records if r.day]
    span = f", dated {dated[0]} to {dated[-1]}" if dated else ", none of them dated"
    summary = f"{found.speaker}{about}: {len(found.records)} statement(s){span}."
    return ToolAnswer(
        question=question,
        answer=f"{summary} {_markers(citations)}".strip(),
        abstained=not found.records,
        citations=citations,
        speaker=found.speaker,
        topic=found.topic,
        tool="timeline",
        body=partial(timeline_body, found, citations),
        figure=months_figure(found.months, f"{found.speaker}{about}") if found.records else None,
    )


def compare_turn(question: str, found: Comparison, article: ArticleLookup) -> ToolAnswer:
    """Each speaker's own cited words in a column of their own."""
    records = [*found.left.records, *found.right.records][:MAX_CITED]
    citations = citations_of(records, article)
    left = citations[: len(found.left.records)]
    right = citations[len(found.left.records) :]
    about = f" on {found.topic}" if found.topic else ""
    summary = " ".join(
        f"{side.speaker}{about}: {len(side.records)} quotation(s) {_markers(cited)}".strip() + "."
        for side, cited in ((found.left, left), (found.right, right))
    )
    return ToolAnswer(
        question=question,
        answer=summary,
        abstained=not records,
        citations=citations,
        topic=found.topic,
        tool="compare",
        body=partial(comparison_body, found, left, right),
    )


def citations_of(records: list[QuoteRecord], article: ArticleLookup) -> list[Citation]:
    """Numbered citations of `records`, in order, each located in its stored article."""
    texts: dict[str, str | None] = {}
    citations = []
    for n, record in enumerate(records, start=1):
        if record.article_id not in texts:
            stored = article(record.article_id)
            texts[record.article_id] = stored.text if stored else None
        sentence, paragraphs = _sentence(texts[record.article_id], record.start)
        citations.append(
            Citation(
                n=n,
                article_id=record.article_id,
                title=record.title,
                source=record.source,
                published=record.published,
                url=record.url,
                paragraph=record.paragraph,
                start=record.start,
                end=record.end,
                text=record.quote,
                speaker=record.speaker,
                kind=record.kind,
                sentence=sentence,
                paragraphs=paragraphs,
            )
        )
    return citations


def _sentence(text: str | None, position: int) -> tuple[int, int]:
    """The sentence (1-based) of `position` within its paragraph, and the article's paragraph
    count; in an article without paragraph breaks, the sentence within the whole text."""
    if not text:
        return 1, 1
    spans = paragraph_spans(text)
    start, end = next(((s, e) for s, e in spans if position < e), (0, len(text)))
    sentences = sentence_spans(text, start, end)
    return max(1, sum(1 for s, _ in sentences if s <= position)), max(1, len(spans))


def _markers(citations: list[Citation]) -> str:
    return " ".join(f"[{c.n}]" for c in citations)
