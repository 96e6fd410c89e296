"""Chunk and quote records keep as keys of their own only what a Chroma `where` reads, the
rest packed into one string (`ingest.store.PACKED`); records written before, every field its
own key, read the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from ingest.record_filter import RecordFilter
from ingest.store import FILTERED_KEYS, PACKED, Store, flat_metadata, where
from tests.helpers import FakeEmbedder, count_words
from tests.unit.test_store_records import ARTICLES


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "store")
    ingestor = Ingestor(
        store, FakeEmbedder(), count_words, chunk_max_tokens=60, max_file_bytes=10**6
    )
    ingestor.ingest_articles(ARTICLES, progress=False)
    return store


def _read(store: Store) -> tuple:
    chunks, quotes = store.visible(store.article_hashes())
    return chunks, quotes, store.all_chunks()


def test_records_keep_only_the_filtered_keys_apart(store: Store):
    for collection in (store.chunks, store.quotes):
        metas = collection.get(include=["metadatas"])["metadatas"]
        assert metas
        assert all(set(m) <= {*FILTERED_KEYS, PACKED} and PACKED in m for m in metas)
        assert all("start" in flat_metadata(m) for m in metas)


def test_records_written_flat_read_the_same(store: Store):
    packed = _read(store)
    assert packed[0] and packed[1]
    for collection in (store.chunks, store.quotes):
        got = collection.get(include=["metadatas", "embeddings"])
        collection.delete(ids=got["ids"])
        collection.add(
            ids=got["ids"],
            embeddings=got["embeddings"],
            metadatas=[flat_metadata(m) for m in got["metadatas"]],
        )
        assert not any(PACKED in m for m in collection.get(include=["metadatas"])["metadatas"])
    assert _read(store) == packed


@pytest.mark.parametrize(
    "within",
    [
        RecordFilter(source="made-up wire"),
        RecordFilter(speakers=("Mira Osk",)),
        RecordFilter(since=0, until=99_999_999),
    ],
)
def test_filters_still_find_their_records(store: Store, within: RecordFilter):
    clause = where(within)
    found = store.quotes.get(where=clause, include=["metadatas"])["metadatas"]
    flat = [flat_metadata(m) for m in store.quotes.get(include=["metadatas"])["metadatas"]]
    assert found
    assert len(found) < len(flat)
    assert [flat_metadata(m) for m in found] == [
        m
        for m in flat
        if (within.source is None or m.get("source") == within.source)
        and (not within.speakers or m.get("speaker") in within.speakers)
        and (within.since is None or "day" in m)
    ]
