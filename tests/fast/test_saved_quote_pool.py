"""A big speaker's unfiltered quote pool is kept in the records file with the records' state, and
another process reads it back instead of reading every vector from Chroma again: the same ids,
codes and scales, so the same ranking. A pool of another state (after an ingest) is built again;
a small one is not kept."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import app.retrieval
from app.retrieval import HybridRetriever, QuotePool
from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl

SPEAKER = ("Alma Ruiz",)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES[:2])], progress=False)
    return tmp_path


def _built_counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    built: list[tuple] = []
    build = HybridRetriever._built_pool

    def counted(self, speakers, filters):
        built.append(speakers)
        return build(self, speakers, filters)

    monkeypatch.setattr(HybridRetriever, "_built_pool", counted)
    return built


def _same(a: QuotePool, b: QuotePool) -> bool:
    return (
        a.ids == b.ids
        and np.array_equal(a.codes, b.codes)
        and np.array_equal(a.scales, b.scales)
        and a.codes.dtype == b.codes.dtype == np.int8
    )


def test_a_kept_pool_is_read_back_by_the_next_process_equal(home, monkeypatch) -> None:
    monkeypatch.setattr(app.retrieval, "SAVED_POOL_QUOTES", 1)
    built = _built_counted(monkeypatch)
    first = make_fake_desk(home / "store").retriever
    pool = first._quote_pool(SPEAKER, None)
    assert len(pool.ids) >= 2 and built == [SPEAKER]
    again = make_fake_desk(home / "store").retriever  # another open: an empty pool cache
    read = again._quote_pool(SPEAKER, None)
    assert built == [SPEAKER] and _same(read, pool)  # read back, not built
    vector = again.embed_query("the bridge and the ferry")
    assert read.dense(vector, 5) == pool.dense(vector, 5)


def test_a_pool_of_another_state_is_built_again(home, monkeypatch) -> None:
    monkeypatch.setattr(app.retrieval, "SAVED_POOL_QUOTES", 1)
    built = _built_counted(monkeypatch)
    desk = make_fake_desk(home / "store")
    desk.retriever._quote_pool(SPEAKER, None)
    desk.ingest([write_jsonl(home / "b.jsonl", FAKE_ARTICLES[2:])], progress=False)
    make_fake_desk(home / "store").retriever._quote_pool(SPEAKER, None)
    assert built == [SPEAKER, SPEAKER]


def test_a_small_pool_is_not_kept(home, monkeypatch) -> None:
    built = _built_counted(monkeypatch)  # SAVED_POOL_QUOTES as shipped: far above these few
    make_fake_desk(home / "store").retriever._quote_pool(SPEAKER, None)
    make_fake_desk(home / "store").retriever._quote_pool(SPEAKER, None)
    assert built == [SPEAKER, SPEAKER]


def test_a_pool_as_bytes_reads_back_equal() -> None:
    rows = np.random.default_rng(3).standard_normal((5, 4)).astype(np.float32)
    pool = QuotePool.of(["q:1", "q:0", "Ана:2", "q:3", "q:4"], rows)
    assert _same(QuotePool.from_bytes(pool.to_bytes()), pool)
