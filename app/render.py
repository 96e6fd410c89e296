"""Plain-text renderings of answers and quotes, shared by the CLI and the UI's copy button."""

from __future__ import annotations

from app.types import Answer, Citation
from ingest.types import Quote

QUOTE_MARKS = "“”\"‘’'"


def citation_label(citation: Citation) -> str:
    """ "Title — Source, date, paragraph 4, sentence 2" in one line."""
    where = ", ".join(p for p in (citation.source, citation.published) if p)
    where = f" — {where}" if where else ""
    return f"{citation.title}{where}, {citation.location}"


def format_answer_text(answer: Answer) -> str:
    """The answer, then one block per source: who, where, and the exact cited words."""
    lines = [answer.answer]
    if answer.notice:
        lines += ["", f"({answer.notice})"]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            speaker = f"{c.speaker}: " if c.speaker else ""
            lines.append(f"[{c.n}] {speaker}{citation_label(c)}")
            lines.append(f"    {cited_text(c)}")
            if c.url:
                lines.append(f"    {c.url}")
    return "\n".join(lines)


def cited_text(citation: Citation) -> str:
    """A quotation's own words inside quotation marks; narrative and reported speech as the
    article wrote them (marks and all), so no mark is added or lost."""
    if citation.kind in ("direct", "transcript"):
        return f"“{citation.text.strip(QUOTE_MARKS)}”"
    return citation.text


def format_quote_line(quote: Quote) -> str:
    speaker = quote.speaker or "(unattributed)"
    role = f", {quote.role}" if quote.role else ""
    return f"[{quote.start}-{quote.end}] {quote.kind:<10} {speaker}{role}: “{quote.text}”"
