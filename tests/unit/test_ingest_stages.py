"""Overlapped ingest's parts (`ingest.stages`): a short lead of the first stage and a short
tail of the last, written as planned and in order, storing what ingest in turn stores.
Made-up articles; the embedder is a hashing double, so no model loads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest.chunk_pass import BatchVectors, joined_vectors
from ingest.pipeline import Ingestor
from ingest.stages import Part, Prepared, plan_parts, run_overlapped
from ingest.store import Store
from ingest.token_pass import PassStats
from ingest.types import Article
from tests.helpers import count_words
from tests.unit.test_one_pass_ingest import RecordingEmbedder

# (name, stage sizes, expected parts as (articles, writes))
PLAN_CASES = [
    ("no stage", [], []),
    ("one article stays whole", [1], [(1, True)]),
    ("two articles: a lead of one, no tail left", [2], [(1, False), (1, True)]),
    (
        "one stage: lead, rest, tail",
        [150],
        [(25, False), (103, True), (22, True)],
    ),
    (
        "two stages: lead of the first, tail of the last",
        [150, 150],
        [(25, False), (125, True), (128, True), (22, True)],
    ),
    (
        "a short last stage: its tail is a seventh of it",
        [150, 150, 14],
        [(25, False), (125, True), (150, True), (12, True), (2, True)],
    ),
    (
        "stages of five (the fault test's): lead and tail of one",
        [5, 5, 5],
        [(1, False), (4, True), (5, True), (4, True), (1, True)],
    ),
]


def _articles(count: int, prefix: str = "made-up") -> list[Article]:
    return [
        Article(
            id=f"{prefix}-{n}",
            title=f"Bridge {n} repaired",
            text=(
                f"Bridge {n} reopened on Tuesday after repairs, the council said.\n\n"
                f"“Traffic can cross bridge {n} again,” said engineer Pell Varo. "
                f"She added that the work on bridge {n} cost less than planned."
            ),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(("name", "sizes", "expected"), PLAN_CASES, ids=[c[0] for c in PLAN_CASES])
def test_plan_parts(name: str, sizes: list[int], expected: list[tuple[int, bool]]):
    articles = _articles(sum(sizes))
    stages, start = [], 0
    for size in sizes:
        stages.append(articles[start : start + size])
        start += size
    parts = plan_parts(stages)
    assert [(len(p.articles), p.writes) for p in parts] == expected
    assert [a for p in parts for a in p.articles] == articles  # every article once, in order
    assert not parts or parts[-1].writes


def _vectors(rows: int, quotes: int, alone: list[int]) -> BatchVectors:
    return BatchVectors(
        chunks=np.full((rows, 3), rows, dtype=np.float32) if rows else np.zeros((0, 0), np.float32),
        quotes=np.full((quotes, 3), quotes, dtype=np.float32)
        if quotes
        else np.zeros((0, 0), np.float32),
        sentences=[],
        read=PassStats(rows, 10 * rows, 12 * rows, rows),
        quotes_read_alone=alone,
    )


def test_joined_vectors_keep_the_parts_rows_in_order():
    joined = joined_vectors([_vectors(2, 3, [1]), _vectors(0, 0, []), _vectors(1, 2, [0])])
    assert joined.chunks.tolist() == [[2] * 3, [2] * 3, [1] * 3]
    assert joined.quotes.tolist() == [[3] * 3] * 3 + [[2] * 3] * 2
    assert joined.quotes_read_alone == [1, 3]  # the second part's quote 0 is row 3
    assert joined.read == PassStats(3, 30, 36, 2)


def test_joined_vectors_of_empty_parts_have_no_rows():
    joined = joined_vectors([_vectors(0, 0, []), _vectors(0, 0, [])])
    assert joined.chunks.shape == (0, 0) and joined.quotes.shape == (0, 0)


def test_run_overlapped_writes_each_unit_once_in_order():
    parts = plan_parts([_articles(5, "a"), _articles(5, "b")])
    written: list[list[str]] = []
    embedded: list[int] = []

    def prepare(batch: Sequence[Article]) -> Prepared:
        return Prepared(batch, [], [])

    def embed(prepared: Prepared) -> BatchVectors:
        embedded.append(len(prepared.articles))
        return _vectors(0, 0, [])

    def write(prepared: Prepared, vectors: BatchVectors) -> None:
        written.append([a.id for a in prepared.articles])

    run_overlapped(parts, prepare, embed, write)
    assert embedded == [1, 4, 4, 1]
    assert written == [
        [f"a-{n}" for n in range(5)],  # lead and rest: one write
        [f"b-{n}" for n in range(4)],
        ["b-4"],  # the tail
    ]


def test_run_overlapped_stops_at_a_failed_write():
    parts = [Part(_articles(1, f"s{n}"), writes=True) for n in range(4)]
    written: list[str] = []

    def write(prepared: Prepared, vectors: BatchVectors) -> None:
        if prepared.articles[0].id == "s1-0":
            raise OSError("disk full")
        written.append(prepared.articles[0].id)

    with pytest.raises(OSError, match="disk full"):
        run_overlapped(
            parts, lambda batch: Prepared(batch, [], []), lambda _: _vectors(0, 0, []), write
        )
    assert written == ["s0-0"]  # a write is submitted only after the one before succeeded


def _ingest(folder: Path, overlap: bool) -> Store:
    store = Store.open(folder)
    ingestor = Ingestor(
        store,
        RecordingEmbedder(),  # type: ignore[arg-type]
        count_words,
        chunk_max_tokens=200,
        max_file_bytes=10**6,
        batch_articles=7,  # stages of 7, 7, 6: a lead of 2 and a tail of 1
        overlap=overlap,
    )
    report = ingestor.ingest_articles(_articles(20), progress=False)
    assert report.added == 20 and report.failed == 0
    return store


def test_overlapped_parts_store_what_ingest_in_turn_stores(tmp_path: Path):
    parted = _ingest(tmp_path / "overlapped", overlap=True)
    in_turn = _ingest(tmp_path / "in-turn", overlap=False)
    for name in ("chunks", "quotes"):
        ours, theirs = getattr(parted, name), getattr(in_turn, name)
        ours_records = sorted(parted.iter_records(ours, include=["metadatas"]))
        theirs_records = sorted(in_turn.iter_records(theirs, include=["metadatas"]))
        assert ours_records and ours_records == theirs_records
        ids = [record_id for record_id, _ in ours_records]
        np.testing.assert_array_equal(
            parted.vectors(ours, ids).matrix, in_turn.vectors(theirs, ids).matrix
        )
    assert parted.article_hashes() == in_turn.article_hashes()
