"""Saving the chunk and quote collections' HNSW indexes on disk (`Store.persist_vectors`).

Why: embedded Chroma saves a collection's index only when `sync_threshold` (1,000) records were
applied since the last save; the records after it (the last ingest batch) stay in its log, and
every process that opens the store adds them to its in-memory graph again, in parallel and in an
order that differs from process to process, which changes the graph's paths to older records
too: on the press store (108 chunks in the log) one query left out a true neighbour in 3
processes of 10, 0 of 10 once saved (docs/notes/det26.md). Chroma 1.5 has no call that saves an
index: its threshold is set to 1 for a moment, a fresh client applies the log (`count` does)
and so saves it, and the collection's own settings are put back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

# What a save sets for a moment: embedded Chroma saves a collection's HNSW index when it
# applies at least `sync_threshold` records at once, so at 1 the next apply saves it.
# `batch_size` must not exceed it; what they are put back to when a collection does not say
# (Chroma's defaults, `populate_create_hnsw_defaults`).
_SAVE_NOW = {"batch_size": 1, "sync_threshold": 1}
_SAVE_DEFAULTS = {"batch_size": 100, "sync_threshold": 1000}


def save_indexes(collections: Sequence[Any], reattach: Callable[[], Sequence[Any]]) -> None:
    """Save the indexes of `collections` (the chunk and quote collections of the current
    client). `reattach` opens a fresh client, makes the store use it and returns its same
    collections: the one that applies the log, then the one the store keeps, which loads the
    saved graph."""
    kept = [_hnsw_to_keep(c) for c in collections]
    for collection in collections:
        collection.modify(configuration={"hnsw": _SAVE_NOW})
    fresh = collections
    try:
        fresh = reattach()
        for collection in fresh:
            collection.count()  # applies the log: saves the index at threshold 1
    finally:
        for collection, hnsw in zip(fresh, kept, strict=True):
            collection.modify(configuration={"hnsw": hnsw})
        reattach()


def _hnsw_to_keep(collection: Any) -> dict[str, int]:
    """The collection's own `batch_size` and `sync_threshold`, to put back after a save; a
    value of `_SAVE_NOW` is what a save killed midway left, and Chroma's default replaces it
    (else every later write would save the whole index)."""
    hnsw = collection.configuration["hnsw"]
    return {
        key: default if hnsw.get(key, default) == _SAVE_NOW[key] else hnsw.get(key, default)
        for key, default in _SAVE_DEFAULTS.items()
    }
