"""Quotations and answers with their sources, as CSV, JSON or Markdown.

Every exported row carries who said it, the exact words and where to find them (article,
source, date, URL, paragraph, sentence, offsets). Text is sanitised on the way out: HTML tags
and control characters removed, links kept only when they are http(s), spreadsheet formulas
defused.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Literal

from app.quote_records import QuoteRecord
from app.types import Answer

Format = Literal["csv", "json", "md"]
FORMATS: tuple[Format, ...] = ("csv", "json", "md")
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


@dataclass(frozen=True)
class ExportRow:
    speaker: str
    role: str
    quote: str
    kind: str  # direct, transcript, indirect (reported speech: not the speaker's wording)
    article_id: str
    title: str
    source: str
    date: str
    url: str
    paragraph: int
    sentence: int | None  # within the paragraph (within the article when it has no breaks)
    start: int
    end: int


COLUMNS = tuple(f.name for f in fields(ExportRow))


def clean_text(value: str | None) -> str:
    """No HTML tags or entities, no control characters, one space between words. Entities are
    decoded first, so that an escaped tag ("&lt;script&gt;") is removed like a written one."""
    return " ".join(_CONTROL.sub(" ", _TAG.sub(" ", html.unescape(value or ""))).split())


def clean_url(value: str | None) -> str:
    """The URL when it is http(s) and has no spaces or quotes, else nothing."""
    url = (value or "").strip()
    ok = re.fullmatch(r"https?://[^\s\"'<>]+", url, re.IGNORECASE)
    return url if ok else ""


def row_of_record(record: QuoteRecord, sentence: int | None = None) -> ExportRow:
    """A stored quotation's row; `sentence` is left empty unless the caller located it."""
    return ExportRow(
        speaker=clean_text(record.speaker),
        role=clean_text(record.role),
        quote=clean_text(record.quote),
        kind=record.kind,
        article_id=clean_text(record.article_id),
        title=clean_text(record.title),
        source=clean_text(record.source),
        date=clean_text(record.published),
        url=clean_url(record.url),
        paragraph=record.paragraph,
        sentence=sentence,
        start=record.start,
        end=record.end,
    )


def rows_of_answer(answer: Answer) -> list[ExportRow]:
    """An answer's citations, one row each (the role is not part of a citation)."""
    return [
        ExportRow(
            speaker=clean_text(c.speaker),
            role="",
            quote=clean_text(c.text),
            kind=c.kind or "",
            article_id=clean_text(c.article_id),
            title=clean_text(c.title),
            source=clean_text(c.source),
            date=clean_text(c.published),
            url=clean_url(c.url),
            paragraph=c.paragraph,
            sentence=c.sentence,
            start=c.start,
            end=c.end,
        )
        for c in answer.citations
    ]


def render(rows: Iterable[ExportRow], fmt: Format, heading: str = "") -> str:
    """The rows in one format; ValueError naming the formats for any other."""
    rows = list(rows)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return _markdown(rows, clean_text(heading))
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _csv(rows: list[ExportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_no_formula(v) for v in asdict(row).values()])
    return out.getvalue()


def _no_formula(value: object) -> object:
    """A spreadsheet runs a cell that starts like a formula: such text gets a leading '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _markdown(rows: list[ExportRow], heading: str) -> str:
    lines = [f"# {_md(heading)}", ""] if heading else []
    for n, row in enumerate(rows, 1):
        who = _md(row.speaker) or "Unattributed"
        role = f" ({_md(row.role)})" if row.role else ""
        title = _md(row.title) or _md(row.article_id)
        linked = f"[{title}]({row.url})" if row.url else title
        where = ", ".join(_md(p) for p in (row.source, row.date) if p)
        lines += [
            f"{n}. **{who}**{role}: {_md_quote(row)}",
            f"   — {linked}{f', {where}' if where else ''}, {_location(row)} "
            f"(`{_md(row.article_id)}` {row.start}-{row.end})",
        ]
    return "\n".join(lines) + "\n"


def _location(row: ExportRow) -> str:
    sentence = f", sentence {row.sentence}" if row.sentence else ""
    return f"paragraph {row.paragraph}{sentence}"


def _md_quote(row: ExportRow) -> str:
    """In quotation marks only when the words are the speaker's own (not reported speech)."""
    return f"(reported) {_md(row.quote)}" if row.kind == "indirect" else f"“{_md(row.quote)}”"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
