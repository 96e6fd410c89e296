"""Plain-text renderings of the quote desk tools' results, for the CLI."""

from __future__ import annotations

from app.alignment import WordDiff
from app.check import CheckResult, Occurrence
from app.quote_records import QuoteRecord
from app.timeline import Comparison, Timeline

AROUND_CHARS = 300  # of a long quotation, shown either side of the checked words
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


def whole_quotation(best: Occurrence, around: int = AROUND_CHARS) -> tuple[str, str]:
    """The quotation the checked words come from: all of it, or for a long one (a transcript
    turn of thousands of characters) the words around them, with "…" where it is cut."""
    quote = best.record.quote
    start = quote.find(best.matched)
    if len(quote) <= 2 * around + len(best.matched) or start < 0:
        return "The whole quotation", quote
    first = max(0, start - around)
    last = min(len(quote), start + len(best.matched) + around)
    first = quote.find(" ", first) + 1 if first else 0
    last = quote.rfind(" ", 0, last) if last < len(quote) else last
    head = "… " if first else ""
    tail = " …" if last < len(quote) else ""
    return "The quotation around these words", f"{head}{quote[first:last]}{tail}"


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
        label, text = whole_quotation(best)
        lines += ["", f"{label}:", f"  “{text}”"]
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
