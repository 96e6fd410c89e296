"""How our records become Chroma records and back: a chunk's or quote's metadata (the keys a
`where` reads each its own key, the rest packed into one), an article record's metadata, the
`where` clause of a `RecordFilter`, and the `Chunk`, `Quote` and `Article` rebuilt from what
Chroma returns. Pure functions: this module imports no Chroma (`ingest/store.py` does the I/O).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Mapping
from dataclasses import asdict, fields
from typing import Any, NamedTuple

from ingest.dates import day_number
from ingest.record_filter import RecordFilter
from ingest.types import Article, Chunk, Quote

# The metadata a stored record copies from a chunk or a quote: every field but the text (the
# record's document) and the chunk id (the record's id), in the dataclass's order.
_CHUNK_FIELDS = tuple(f.name for f in fields(Chunk) if f.name not in ("text", "id"))
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote) if f.name != "text")

# The metadata keys a Chroma `where` reads (`where`; the deletes and reads by article id): each
# its own key. Every other field of a chunk or quote record is packed into one JSON string,
# `PACKED`: Chroma writes one SQLite row, and an index entry, per key of a record, so 12-13
# keys cost more than 5. The full BBC's 25,527 records replayed (`python -m
# benchmarks.bench_chroma_add --variants stored,stored-packed`): 0.70 / 0.76 -> 0.61 / 0.59 ms
# of CPU a record; with `ef_construction` 100 too, 3,050 records (300 articles): 0.48 -> 0.31
# (docs/notes/perf21.md). Records written before 2026-12-05 (perf21) hold every field as its
# own key; `flat_metadata` reads both.
FILTERED_KEYS = ("article_id", "source", "day", "speaker")
PACKED = "packed"


class ChromaRecord(NamedTuple):
    """One chunk or quote record for Chroma: its id and flat metadata (no document)."""

    id: str
    metadata: dict[str, Any]


def where(within: RecordFilter) -> dict[str, Any] | None:
    """The filter as a Chroma `where` clause on chunk and quote metadata (None: no filter)."""
    clauses: list[dict[str, Any]] = []
    if within.source:
        clauses.append({"source": within.source})
    if within.since is not None:
        clauses.append({"day": {"$gte": within.since}})
    if within.until is not None:
        clauses.append({"day": {"$lte": within.until}})
    if within.speakers:
        clauses.append({"speaker": {"$in": list(within.speakers)}})
    if len(clauses) > 1:
        return {"$and": clauses}
    return clauses[0] if clauses else None


def clean(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma metadata takes str/int/float/bool only: drop the empty values."""
    return {k: v for k, v in meta.items() if v is not None and v != ()}


def article_metadata(article: Article, stamp: str) -> dict[str, Any]:
    """An article record's metadata: every field but the text (its document) and the id, with
    its stamp (`hash`) and the time it was written."""
    meta = asdict(article)
    meta.pop("text")
    meta.pop("id")
    meta["hash"] = stamp
    meta["ingested_at"] = time.time()
    return clean(meta)


def article_from_record(text: str, meta: dict[str, Any], article_id: str) -> Article:
    return Article(
        id=article_id,
        title=meta.get("title", ""),
        text=text,
        source=meta.get("source"),
        published=meta.get("published"),
        url=meta.get("url"),
        section=meta.get("section"),
        origin=meta.get("origin"),
    )


def chunk_record(chunk: Chunk, article_hash: str) -> ChromaRecord:
    meta = {name: getattr(chunk, name) for name in _CHUNK_FIELDS}
    meta["article_hash"] = article_hash
    meta["day"] = day_number(chunk.published)  # what the date filter compares
    return ChromaRecord(chunk.id, _packed(clean(meta)))


def quote_record(quote_id: str, quote: Quote, article: Article, stamp: str) -> ChromaRecord:
    meta = {name: getattr(quote, name) for name in _QUOTE_FIELDS}
    meta["article_id"] = article.id
    meta["article_hash"] = stamp
    # The source and date filters are Chroma `where` clauses on quotes too.
    meta["source"] = article.source
    meta["day"] = day_number(article.published)
    return ChromaRecord(quote_id, _packed(clean(meta)))


def _packed(meta: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in meta.items() if k in FILTERED_KEYS}
    rest = {k: v for k, v in meta.items() if k not in FILTERED_KEYS}
    kept[PACKED] = json.dumps(rest, ensure_ascii=False, separators=(",", ":"))
    return kept


def flat_metadata(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A chunk or quote record's metadata as Chroma returns it, with its packed fields (if it
    has any: see `PACKED`) as keys of their own again: what every reader of those fields
    takes."""
    flat = {k: v for k, v in meta.items() if k != PACKED}
    packed = meta.get(PACKED)
    if packed is not None:
        flat.update(json.loads(packed))
    return flat


def shared(value: str | None) -> str | None:
    """One string object per distinct value. An app holds every chunk and quote of the store
    in memory, and Chroma returns a new string per record for values that repeat across
    thousands of them (article ids, titles, sources, speakers, cues)."""
    return sys.intern(value) if value else None


def span_text(article_texts: Mapping[str, str], meta: dict[str, Any]) -> str:
    """A chunk's or quote's text: its article's text between its `start` and `end`."""
    return article_texts[meta["article_id"]][int(meta["start"]) : int(meta["end"])]


def chunk_from_metadata(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a `Chunk` from its text and what Chroma returns (flat metadata)."""
    return Chunk(
        id=shared(chunk_id),
        article_id=shared(meta["article_id"]),
        index=int(meta["index"]),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        paragraph_start=int(meta["paragraph_start"]),
        paragraph_end=int(meta["paragraph_end"]),
        title=shared(meta.get("title")) or "",
        source=shared(meta.get("source")),
        published=shared(meta.get("published")),
        url=shared(meta.get("url")),
    )


def quote_from_metadata(text: str, meta: dict[str, Any]) -> Quote:
    """Rebuild a `Quote` from its text and what Chroma returns (flat metadata)."""
    return Quote(
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        kind=shared(meta.get("kind")) or "direct",
        speaker=shared(meta.get("speaker")),
        speaker_as_written=shared(meta.get("speaker_as_written")),
        role=shared(meta.get("role")),
        cue=shared(meta.get("cue")),
        chunk_id=shared(meta.get("chunk_id")),
        rule=shared(meta.get("rule")),
    )
