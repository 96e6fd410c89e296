"""One stored quotation with everything a reader needs to cite it: who, what, where, when.

The quote desk tools (check, timeline, compare, export, speaker page) all hand back quotes
this way, so that each front end renders and exports one shape, and no tool reaches into the
retriever's `(Quote, article_id)` pairs or chunk metadata itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.answer.articles import paragraph_of
from app.retrieval import HybridRetriever
from app.speaker_index import SpeakerIndex
from ingest.dates import day_number


@dataclass(frozen=True)
class QuoteRecord:
    """A quotation located in its article: `quote == article.text[start:end]`."""

    quote_id: str
    speaker: str | None  # canonical across the store ("Tom Reed" for "Reed")
    role: str | None
    quote: str
    kind: str
    article_id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    paragraph: int
    start: int
    end: int

    @property
    def day(self) -> int | None:
        """YYYYMMDD, or None for an undated article (sorted last)."""
        return day_number(self.published)

    @property
    def month(self) -> str | None:
        """ "2022-02", or None for an undated article."""
        day = self.day
        return f"{day // 10000:04d}-{day // 100 % 100:02d}" if day else None


def record_of(quote_id: str, retriever: HybridRetriever, index: SpeakerIndex) -> QuoteRecord:
    """The record of one stored quote id (which must be in `retriever.quotes`)."""
    quote, article_id = retriever.quotes[quote_id]
    chunk = retriever.chunks.get(quote.chunk_id or "")
    return QuoteRecord(
        quote_id=quote_id,
        speaker=index.canonical(quote.speaker) if quote.speaker else None,
        role=quote.role,
        quote=quote.text,
        kind=quote.kind,
        article_id=article_id,
        title=chunk.title if chunk else "",
        source=chunk.source if chunk else None,
        published=chunk.published if chunk else None,
        url=chunk.url if chunk else None,
        paragraph=paragraph_of(chunk, quote.start) if chunk else 0,
        start=quote.start,
        end=quote.end,
    )


def date_key(record: QuoteRecord) -> tuple[bool, int, str, int]:
    """Earliest first; undated last; ties in article and text order."""
    return (record.day is None, record.day or 0, record.article_id, record.start)


def by_date(records: Iterable[QuoteRecord]) -> list[QuoteRecord]:
    return sorted(records, key=date_key)


def resolve_speaker(index: SpeakerIndex, name: str) -> str:
    """The canonical speaker a user's `name` means; ValueError naming it when there is none."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValueError("no speaker given")
    if index.info(cleaned) is not None:
        return index.canonical(cleaned)
    found = index.find(cleaned)
    if not found:
        raise ValueError(f"no speaker named {cleaned!r} in the store")
    return found[0]


def speaker_quote_ids(retriever: HybridRetriever, index: SpeakerIndex, speaker: str) -> list[str]:
    """Ids of every stored quote of one canonical speaker (all the names it was stored as)."""
    return [
        qid
        for member in index.members(speaker)
        for qid in retriever.quotes_by_speaker.get(member, ())
        if qid in retriever.quotes
    ]
