"""A speaker's statements over time, and two speakers side by side.

Both read one speaker's own attributed quotes (every name that speaker was stored under), so
words are never mixed between people; a topic narrows them with the store's quote search
(BM25 and vectors over that speaker's quotes only) and keeps the hits that are about it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from app.quote_records import QuoteRecord, by_date, record_of, resolve_speaker, speaker_quote_ids
from app.retrieval import HybridRetriever
from app.speaker_index import SpeakerIndex
from app.types import Filters

TOPIC_CANDIDATES = 60  # a speaker's quotes fetched per topic search
# Cosine to the topic for a quote that shares no word with it: on a 263-article BBC and press
# store, on-topic quotes without the topic's word scored 0.40-0.47 and off-topic ones mostly
# below 0.40 (e.g. "the Tories" 0.37 for Tony Blair on Iraq).
TOPIC_MIN_SIMILARITY = 0.4
COMPARE_PER_SPEAKER = 8
UNDATED = "undated"


@dataclass(frozen=True)
class DateGroup:
    date: str  # "2022-02-24", or UNDATED
    records: list[QuoteRecord]


@dataclass(frozen=True)
class MonthCount:
    """Statements per month and source: one bar segment of the timeline plot."""

    month: str
    source: str
    count: int


@dataclass(frozen=True)
class Timeline:
    speaker: str  # canonical
    topic: str | None
    records: list[QuoteRecord]  # earliest first, undated last
    groups: list[DateGroup] = field(default_factory=list)
    months: list[MonthCount] = field(default_factory=list)


@dataclass(frozen=True)
class Side:
    speaker: str
    records: list[QuoteRecord]  # most relevant first, all by `speaker`


@dataclass(frozen=True)
class Comparison:
    topic: str | None
    left: Side
    right: Side


def speaker_records(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    speaker: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[QuoteRecord]:
    """One canonical speaker's quotes within the dates, on `topic` when given (most
    relevant first), else all of them (earliest first)."""
    dates = Filters(since=since, until=until)
    topic = " ".join((topic or "").split()) or None
    if topic:
        hits = retriever.search_quotes(
            topic,
            TOPIC_CANDIDATES,
            speakers=index.members(speaker),
            filters=dates if dates.narrows_passages else None,
        )
        terms = set(retriever.lexicon.terms(topic))
        records = [
            record_of(h.quote_id, retriever, index)
            for h in hits
            if (h.dense or 0.0) >= TOPIC_MIN_SIMILARITY
            or terms & set(retriever.lexicon.terms(h.quote.text))
        ]
    else:
        records = by_date(
            record_of(qid, retriever, index) for qid in speaker_quote_ids(retriever, index, speaker)
        )
    records = [r for r in records if r.speaker == speaker and _within(r, dates)]
    return records[:limit] if limit else records


def _within(record: QuoteRecord, dates: Filters) -> bool:
    since, until = dates.days
    if not (since or until):
        return True
    day = record.day
    return day is not None and (not since or day >= since) and (not until or day <= until)


def timeline(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    name: str,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Timeline:
    """ValueError when `name` is no stored speaker or a date is unreadable."""
    speaker = resolve_speaker(index, name)
    records = by_date(speaker_records(retriever, index, speaker, topic, since, until))
    return Timeline(speaker, topic, records, group_by_date(records), per_month(records))


def group_by_date(records: list[QuoteRecord]) -> list[DateGroup]:
    """Consecutive records of one day in one group (records come earliest first)."""
    return [
        DateGroup(date, list(group))
        for date, group in groupby(records, key=lambda r: _day_label(r) or UNDATED)
    ]


def _day_label(record: QuoteRecord) -> str | None:
    day = record.day
    return f"{day // 10000:04d}-{day // 100 % 100:02d}-{day % 100:02d}" if day else None


def per_month(records: list[QuoteRecord]) -> list[MonthCount]:
    """Dated statements per month and source, months in order (undated ones are not plotted)."""
    counts = Counter((r.month, r.source or "unknown source") for r in records if r.month)
    return [MonthCount(m, s, n) for (m, s), n in sorted(counts.items())]


def compare(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    first: str,
    second: str,
    topic: str | None = None,
    per_speaker: int = COMPARE_PER_SPEAKER,
) -> Comparison:
    """Each speaker's own words on `topic`, side by side; ValueError for an unknown speaker
    or the same speaker twice."""
    a, b = resolve_speaker(index, first), resolve_speaker(index, second)
    if a == b:
        raise ValueError(f"{first!r} and {second!r} are the same speaker ({a})")
    sides = [
        Side(s, speaker_records(retriever, index, s, topic, limit=per_speaker)) for s in (a, b)
    ]
    return Comparison(topic, *sides)
