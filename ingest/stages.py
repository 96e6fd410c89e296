"""Overlapped ingest: while the model reads one part of the articles, one thread finds the
quotes and chunks of the next part and another writes the previous write unit to the store.

A stage (`ingest.pipeline.STAGE_ARTICLES` articles) is what one store write commits. With
every stage read whole, nothing ran beside the first stage's quote finding (the model had no
chunks yet: chunking needs an article's quotes, since it never cuts one) or beside the last
stage's write (the model had read everything): one core idle for 1.0-1.6 s at each end of
an ingest of 300 BBC articles (22-26 s). So the first stage is read in two parts, a short
lead whose quotes are found at once and the rest, found while the model reads the lead, and
written together as one stage; and the last stage is read and written in two parts, the
second short, so that the first part's write runs while the model reads the second
(docs/notes/lean12.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from ingest.chunk_pass import BatchVectors, joined_vectors
from ingest.pooling import Pieces
from ingest.types import Article, Chunk, StoredQuote

# The lead's share of the first stage (300 BBC articles, five runs): the model read a sixth
# of a stage (25 of 150 articles) in 2.0-2.5 s while the rest of the stage was prepared in
# 1.3-1.9 s beside it, so the model did not wait for it; the lead's own quote finding took
# 0.2 s, against 1.0-1.2 s for a whole stage.
LEAD_SHARE = 1 / 6
# The tail's share of the last stage: the model read a seventh of a stage (22 of 150) in
# 2.2-2.9 s while the write of the rest took 1.2-1.8 s beside it; the tail's own write took
# 0.2-0.4 s, against 1.1-1.6 s for a whole stage.
TAIL_SHARE = 1 / 7


@dataclass(frozen=True)
class Prepared:
    """One part ready for the model: its articles, chunks, and quotes, and
    each chunk's word pieces when the chunker read them (`ingest.chunking.Chunked`)."""

    articles: Sequence[Article]
    chunks: list[Chunk]
    quotes: list[StoredQuote]
    pieces: list[Pieces] | None = None


@dataclass(frozen=True)
class Part:
    """Articles read by one model call; `writes`: the store write of everything read since
    the previous write follows it."""

    articles: Sequence[Article]
    writes: bool


def plan_parts(stages: Sequence[Sequence[Article]]) -> list[Part]:
    """Each stage as one part, except a short lead of the first and a short tail of the last
    (see the module docstring); a stage too short to give both halves an article stays
    whole."""
    parts = [Part(stage, writes=True) for stage in stages]
    if not parts:
        return parts
    first = parts[0].articles
    lead = math.ceil(len(first) * LEAD_SHARE)
    if 0 < lead < len(first):
        parts[:1] = [Part(first[:lead], writes=False), Part(first[lead:], writes=True)]
    last = parts[-1].articles
    tail = math.ceil(len(stages[-1]) * TAIL_SHARE)
    if 0 < tail < len(last):
        parts[-1:] = [Part(last[:-tail], writes=True), Part(last[-tail:], writes=True)]
    return parts


def joined(read: Sequence[tuple[Prepared, BatchVectors]]) -> tuple[Prepared, BatchVectors]:
    """Consecutive parts as one write unit, in their order (one part: itself)."""
    if len(read) == 1:
        return read[0]
    prepared = Prepared(  # no pieces: a write unit has been read
        [a for p, _ in read for a in p.articles],
        [c for p, _ in read for c in p.chunks],
        [q for p, _ in read for q in p.quotes],
    )
    return prepared, joined_vectors([v for _, v in read])


def run_overlapped(
    parts: Sequence[Part],
    prepare: Callable[[Sequence[Article]], Prepared],
    embed: Callable[[Prepared], BatchVectors],
    write: Callable[[Prepared, BatchVectors], None],
) -> None:
    """Prepare part k+1 and write the last finished unit while the model reads part k.
    Writes stay in order and one at a time, so a failed write stops ingest (its error is
    raised here) with every earlier unit committed."""
    if not parts:
        return
    with (
        ThreadPoolExecutor(1, thread_name_prefix="ingest-prepare") as preparer,
        ThreadPoolExecutor(1, thread_name_prefix="ingest-write") as writer,
    ):
        upcoming = preparer.submit(prepare, parts[0].articles)
        writing: Future[None] | None = None
        unit: list[tuple[Prepared, BatchVectors]] = []
        for index, part in enumerate(parts):
            prepared = upcoming.result()
            if index + 1 < len(parts):
                upcoming = preparer.submit(prepare, parts[index + 1].articles)
            unit.append((prepared, embed(prepared)))
            if not part.writes and index + 1 < len(parts):
                continue
            if writing is not None:
                writing.result()  # raises the previous unit's write error, in order
            writing = writer.submit(write, *joined(unit))
            unit = []
        if writing is not None:
            writing.result()
