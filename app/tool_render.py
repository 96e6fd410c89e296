"""Plain-text renderings of the quote desk tools' results, for the CLI."""

from __future__ import annotations

from app.alignment import WordDiff
from app.check import CheckResult, Occurrence
from app.quote_records import QuoteRecord
from app.timeline import Comparison, Timeline

LONG_QUOTE_CHARS = 400  # longer quotations are shown shortened in lists (exports keep all)
VERDICT_LABELS = {
    "exact": "EXACT",
    "misquoted": "MISQUOTED",
    "misattributed": "MISATTRIBUTED",
    "out_of_context": "OUT OF CONTEXT",
    "not_found": "NOT FOUND",
}


def cite(record: QuoteRecord) -> str:
    """ "Title — Source, date, paragraph 4 [article-id 120-188]" in one line."""
    where = ", ".join(p for p in (record.source, record.published) if p)
    where = f" — {where}" if where else ""
    span = f"[{record.article_id} {record.start}-{record.end}]"
    return f"{record.title}{where}, paragraph {record.paragraph} {span}"


def diff_text(diff: tuple[WordDiff, ...]) -> str:
    """Equal words as they are, [-stored-] dropped, {+given+} added, [-old-]{+new+} changed."""
    parts = []
    for step in diff:
        if step.op == "equal":
            parts.append(step.given)
        elif step.op == "added":
            parts.append(f"{{+{step.given}+}}")
        elif step.op == "dropped":
            parts.append(f"[-{step.stored}-]")
        else:
            parts.append(f"[-{step.stored}-]{{+{step.given}+}}")
    return " ".join(parts)


def _occurrence_lines(occurrence: Occurrence) -> list[str]:
    record = occurrence.record
    lines = [f"  {record.speaker or '(unattributed)'}: {cite(record)}"]
    if record.url:
        lines.append(f"    {record.url}")
    return lines


def format_check(result: CheckResult) -> str:
    lines = [f"{VERDICT_LABELS[result.verdict]}: {result.explanation}"]
    best = result.best
    if best is None:
        return "\n".join(lines)
    if result.verdict == "misquoted":
        lines += ["", "Differences (stored [-...-], yours {+...+}):", f"  {diff_text(best.diff)}"]
    lines += ["", "Stored words:", f"  “{best.matched}”"]
    if best.left_out:
        lines += ["", "The whole quotation:", f"  “{best.record.quote}”"]
    lines += ["", f"Found in {len(result.occurrences)} place(s), earliest first:"]
    for occurrence in result.occurrences:
        lines += _occurrence_lines(occurrence)
    return "\n".join(lines)


def shortened(quote: str, limit: int = LONG_QUOTE_CHARS) -> str:
    """A long quotation (a transcript turn) up to a word boundary, with "…" for the rest."""
    if len(quote) <= limit:
        return quote
    return quote[:limit].rsplit(" ", 1)[0] + " …"


def quoted(record: QuoteRecord) -> str:
    """The words in quotation marks when they are the speaker's own; reported speech (the
    writer's paraphrase) is marked as such and never put in quotation marks."""
    text = shortened(record.quote)
    return f"(reported) {text}" if record.kind == "indirect" else f"“{text}”"


def format_records(records: list[QuoteRecord]) -> list[str]:
    lines = []
    for record in records:
        lines.append(f"  {quoted(record)}")
        lines.append(f"    — {cite(record)}")
    return lines


def format_timeline(found: Timeline) -> str:
    about = f" on {found.topic}" if found.topic else ""
    lines = [f"{found.speaker}{about}: {len(found.records)} statement(s)"]
    for group in found.groups:
        lines += ["", group.date]
        lines += format_records(group.records)
    return "\n".join(lines)


def format_comparison(found: Comparison) -> str:
    about = f" on {found.topic}" if found.topic else ""
    lines = []
    for side in (found.left, found.right):
        lines += [f"{side.speaker}{about}: {len(side.records)} quotation(s)"]
        lines += format_records(side.records) or ["  (nothing found)"]
        lines.append("")
    return "\n".join(lines).rstrip()
