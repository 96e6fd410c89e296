"""HTML of the quote desk tools inside the chat: pure functions of a tool's result and the
citations made of its quotations.

Each quotation carries its `[n]` marker, which links to its block in the sources panel while
the turn is the latest (as an answer's markers do). Everything from the store is escaped, and
reported speech is never put in quotation marks (`app.tool_render.quoted`).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from app.html import marker
from app.tool_html import MAX_LISTED, diff_html
from app.tool_render import VERDICT_LABELS, quoted, whole_quotation

if TYPE_CHECKING:
    from app.check import CheckResult
    from app.quote_records import QuoteRecord
    from app.timeline import Comparison, Timeline
    from app.types import Citation


def record_item(
    record: QuoteRecord, citation: Citation | None, linked: bool, with_speaker: bool = True
) -> str:
    """One quotation: its marker, who (unless the column says it), the words, where."""
    n = f"{marker(citation.n, linked)} " if citation else ""
    who = f"<b>{escape(record.speaker or 'Unattributed')}</b>: " if with_speaker else ""
    where = ", ".join(escape(p) for p in (record.source, record.published) if p)
    location = citation.location if citation else f"paragraph {record.paragraph}"
    cite = f"<i>{escape(record.title or '(untitled)')}</i>{', ' + where if where else ''}, "
    return (
        f'<div class="qd-item" data-speaker="{escape(record.speaker or "")}">{n}{who}'
        f'{escape(quoted(record))}<div class="qd-cite">{cite}{location}</div></div>'
    )


def check_body(result: CheckResult, citations: Sequence[Citation], linked: bool) -> str:
    """The verdict, the word diff (stored words struck out, the checked ones inserted), the
    whole quotation when the words were cut from it, and every place they were found."""
    verdict = result.verdict
    parts = [
        f'<div class="qd-check"><span class="qd-verdict qd-verdict-{verdict}" '
        f'data-verdict="{verdict}">{VERDICT_LABELS[verdict]}</span> {escape(result.explanation)}'
    ]
    best = result.best
    if best is not None:
        if any(step.op != "equal" for step in best.diff):
            parts.append(f'<p class="qd-diff">{diff_html(best)}</p>')
        parts.append(f"<p>Stored words: “{escape(best.matched)}”</p>")
        if best.left_out:
            label, whole = whole_quotation(best)
            parts.append(f'<p class="qd-whole-quote">{label}: “{escape(whole)}”</p>')
        parts.append(f"<p>Found in {len(result.occurrences)} place(s), earliest first:</p>")
        cited = iter(citations)  # the first MAX_CITED places are cited; the rest are listed
        parts += [record_item(o.record, next(cited, None), linked) for o in result.occurrences]
    return "".join(parts) + "</div>"


def timeline_body(found: Timeline, citations: Sequence[Citation], linked: bool) -> str:
    """The statements grouped by day, earliest first (undated last); the plot is apart."""
    if not found.records:
        return f"<p>No statements by {escape(found.speaker)} found.</p>"
    total = len(found.records)
    about = f" on {escape(found.topic)}" if found.topic else ""
    shown = f", the first {MAX_LISTED} listed" if total > MAX_LISTED else ""
    parts = [
        f'<div class="qd-timeline"><p>{total} statement(s) by <b>{escape(found.speaker)}</b>'
        f"{about}{shown}</p>"
    ]
    cited = iter(citations)
    listed = 0
    for group in found.groups:
        if listed >= MAX_LISTED:
            break
        parts.append(f'<h4 class="qd-date">{escape(group.date)}</h4>')
        for record in group.records[: MAX_LISTED - listed]:
            parts.append(record_item(record, next(cited, None), linked, with_speaker=False))
            listed += 1
    return "".join(parts) + "</div>"


def comparison_body(
    found: Comparison, left: Sequence[Citation], right: Sequence[Citation], linked: bool
) -> str:
    """Two columns, each holding only its own speaker's words."""
    columns = []
    for side, cited in ((found.left, left), (found.right, right)):
        numbers = iter(cited)
        items = "".join(
            record_item(r, next(numbers, None), linked, with_speaker=False) for r in side.records
        )
        columns.append(
            f'<div class="qd-column" data-speaker="{escape(side.speaker)}">'
            f"<h3>{escape(side.speaker)}</h3>{items or '<p>Nothing found.</p>'}</div>"
        )
    return f'<div class="qd-columns">{"".join(columns)}</div>'
