"""Speakers' quote pools fetch their vectors page by page into one float32 array, keep them in
int8 and stay cached under a byte bound: the same vectors and the same top quotes as one
unpaged fetch, scores within 2e-3 of float32's, and the least recently used pool goes first."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import app.retrieval
import ingest.store
import ingest.store_read
from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl

SPEAKERS = [("Alma Ruiz",), ("Engineer Tom Hale",), ("Priya Shah",)]


@pytest.fixture
def desk(tmp_path: Path):
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    return desk


def unpaged(store: ingest.store.Store, ids: list[str]) -> tuple[list[str], np.ndarray]:
    """The fetch before paging: one Chroma request, a dict of rows, stacked in asked order."""
    result = store.quotes.get(ids=ids, include=["embeddings"])
    found = dict(zip(result["ids"], result["embeddings"], strict=True))
    kept = [i for i in ids if i in found]
    return kept, np.stack([np.asarray(found[i], dtype=np.float32) for i in kept])


def test_paged_vectors_equal_one_fetch_in_the_order_asked(desk, monkeypatch) -> None:
    store = desk.store
    ids = sorted(store.quotes.get(include=[])["ids"], reverse=True)
    assert len(ids) >= 5
    asked = [*ids[:3], "no-such-quote", *ids[3:]]
    monkeypatch.setattr(ingest.store_read, "_VECTORS_PER_READ", 2)
    paged = store.vectors(store.quotes, asked)
    kept, matrix = unpaged(store, asked)
    assert paged.ids == kept == ids
    assert paged.matrix.dtype == np.float32
    assert np.array_equal(paged.matrix, matrix)
    assert store.vectors(store.quotes, ["no-such-quote"]).ids == []


def test_a_pool_ranks_the_same_quotes_paged_or_not(desk, monkeypatch) -> None:
    retriever = desk.retriever
    vector = retriever.embed_query("the bridge and the ferry")
    top = {}
    for page in (1, 10_000):
        monkeypatch.setattr(ingest.store_read, "_VECTORS_PER_READ", page)
        retriever._quote_pools.clear()
        pool = retriever._quote_pool(("Alma Ruiz",), None)
        top[page] = pool.dense(vector, 10)
    assert len(top[1]) >= 2
    assert top[1] == top[10_000]
    assert pool.ids == [qid for _, qid in retriever._quotes_of(("Alma Ruiz",))]
    ids, matrix = unpaged(desk.store, pool.ids)
    assert top[1] == app.retrieval.QuotePool.of(ids, matrix).dense(vector, 10)


def test_a_pool_read_in_slices_is_the_pool_read_at_once(desk, monkeypatch) -> None:
    retriever = desk.retriever
    pools = []
    for rows in (10_000, 2):
        monkeypatch.setattr(app.retrieval, "_POOL_READ_ROWS", rows)
        retriever._quote_pools.clear()
        pools.append(retriever._quote_pool(("Alma Ruiz",), None))
    whole, sliced = pools
    assert len(whole.ids) >= 3  # more than one slice of 2
    assert sliced.ids == whole.ids
    assert np.array_equal(sliced.codes, whole.codes)
    assert np.array_equal(sliced.scales, whole.scales)
    assert app.retrieval.QuotePool.joined([]).dense([1.0], 3) == {}


def test_int8_pool_scores_as_float32_within_its_rounding() -> None:
    """Made-up unit vectors, more rows than one scoring block, and a zero row."""
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(700, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[5] = 0.0
    ids = [f"q{i}" for i in range(len(vectors))]
    pool = app.retrieval.QuotePool.of(ids, vectors)
    assert pool.codes.dtype == np.int8 and pool.nbytes < vectors.nbytes / 3.5
    query = rng.normal(size=384).astype(np.float32)
    query /= np.linalg.norm(query)
    exact = vectors @ query
    got = pool.dense(query.tolist(), len(ids))
    assert list(got)[:1] == [ids[int(np.argmax(exact))]]
    assert max(abs(got[i] - float(exact[n])) for n, i in enumerate(ids)) < 2e-3
    assert got["q5"] == 0.0
    assert app.retrieval.QuotePool.of([], np.zeros((0, 0), np.float32)).dense([1.0], 3) == {}


def test_the_least_recently_used_pool_goes_first(desk, monkeypatch) -> None:
    retriever = desk.retriever
    monkeypatch.setattr(app.retrieval, "QUOTE_INDEX_CACHE_SIZE", 2)
    first, second, third = SPEAKERS
    pool = retriever._quote_pool(first, None)
    retriever._quote_pool(second, None)
    assert retriever._quote_pool(first, None) is pool  # a hit: now the most recent
    retriever._quote_pool(third, None)
    assert [key[0] for key in retriever._quote_pools] == [first, third]


def test_pools_are_bounded_in_bytes(tmp_path: Path) -> None:
    desk = make_fake_desk(tmp_path / "store", quote_pool_cache_mb=0.0)
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    retriever = desk.retriever
    for speakers in SPEAKERS:
        assert len(retriever._quote_pool(speakers, None).ids) >= 1
    assert [key[0] for key in retriever._quote_pools] == [SPEAKERS[-1]]  # the last one only
