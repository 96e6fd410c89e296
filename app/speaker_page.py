"""A speaker at a glance: counts, roles, sources, statements per month, latest quotations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from app.quote_records import QuoteRecord, by_date, record_of, resolve_speaker, speaker_quote_ids
from app.retrieval import HybridRetriever
from app.speaker_index import SpeakerIndex
from app.timeline import MonthCount, per_month

RECENT = 10


@dataclass(frozen=True)
class Count:
    name: str
    count: int


@dataclass(frozen=True)
class SpeakerProfile:
    speaker: str
    quotes: int
    articles: int
    roles: list[Count]  # most frequent first
    sources: list[Count]
    months: list[MonthCount]
    recent: list[QuoteRecord]  # latest first; undated after dated


def speaker_profile(
    retriever: HybridRetriever, index: SpeakerIndex, name: str, recent: int = RECENT
) -> SpeakerProfile:
    """ValueError when `name` is no stored speaker."""
    speaker = resolve_speaker(index, name)
    records = by_date(
        record_of(qid, retriever, index) for qid in speaker_quote_ids(retriever, index, speaker)
    )
    dated = [r for r in records if r.day]
    latest = dated[::-1] + [r for r in records if not r.day]
    return SpeakerProfile(
        speaker=speaker,
        quotes=len(records),
        articles=len({r.article_id for r in records}),
        roles=_counts(r.role for r in records if r.role),
        sources=_counts(r.source or "unknown source" for r in records),
        months=per_month(records),
        recent=latest[:recent],
    )


def _counts(values) -> list[Count]:
    return [Count(name, n) for name, n in Counter(values).most_common()]
