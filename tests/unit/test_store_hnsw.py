"""The HNSW settings of the chunk and quote collections: a new store builds its index with
`ef_construction` 100 (cheaper inserts, same answers: docs/notes/perf21.md), a store made
before keeps the settings it was made with and opens as it is."""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings

from ingest.store import CHUNKS, QUOTES, Store


def _hnsw(collection) -> dict:
    return collection.configuration_json["hnsw"]


def test_a_new_store_builds_with_ef_construction_100(tmp_path: Path):
    store = Store.open(tmp_path / "store")
    for collection in (store.chunks, store.quotes):
        hnsw = _hnsw(collection)
        assert (hnsw["space"], hnsw["ef_construction"], hnsw["ef_search"]) == ("cosine", 100, 200)


def test_a_store_built_with_ef_construction_200_keeps_it(tmp_path: Path):
    path = tmp_path / "store" / "chroma"
    path.mkdir(parents=True)
    client = chromadb.PersistentClient(str(path), settings=Settings(anonymized_telemetry=False))
    old = {"hnsw": {"space": "cosine", "ef_construction": 200, "ef_search": 200}}
    for name in (CHUNKS, QUOTES):
        client.create_collection(name, embedding_function=None, configuration=old)
    store = Store.open(tmp_path / "store")
    assert [_hnsw(c)["ef_construction"] for c in (store.chunks, store.quotes)] == [200, 200]
