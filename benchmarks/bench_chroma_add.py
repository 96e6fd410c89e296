"""What inside Chroma's `add` costs: the records of a stored quotedesk store written again
into fresh embedded collections, with one part of each record changed at a time.

    python -m benchmarks.bench_chroma_add --store DIR [--chunks 8242] [--quotes 6000]
        [--articles 0] [--stage 550] [--variants base,no-node,no-docs,ef100,m8,page100]
        [--repeat 1]

Reads the chunk and quote records (ids, vectors, documents, metadata) of an ingested store
(`python -m benchmarks.profile_ingest --no-model --store DIR` makes one cheaply), then for
each variant adds them to a new `PersistentClient` in a temporary folder, in pages the size
of one ingest stage's add, and prints the process CPU seconds of the adds (every thread's:
Chroma's Rust core writes SQLite and HNSW on its own threads) and per record. Variants:

- `base`: the records as stored, the store's HNSW settings.
- `no-node`: without the llama-index keys (`_node_content`, `_node_type`, `doc_id`,
  `ref_doc_id`), keeping `document_id`, which the store's deletes filter on.
- `no-docs`: without documents (the text would live in the store's own records file).
- `ef100`, `m8`: HNSW `ef_construction` 100, `max_neighbors` 8 (Chroma's default is 16).
- `page100`, `page2000`: adds of 100 or 2,000 records instead of one stage's.
- `stored-ef100`, `stored-packed`, `stored-ef100-packed`: records as stored (no document)
  with `ef_construction` 100, with the keys no `where` reads packed into one JSON string, or
  both.
- `text-in-meta`: the document as a metadata value (`text`) instead (for article records,
  whose text the store must keep in Chroma).
- `ef100-sync20000`, `ef100-batch1000`, `ef100-resize2`, `ef100-threads1`: records as stored,
  the store's own HNSW settings (`ef_construction` 100) with one of Chroma's upkeep options
  changed (`sync_threshold`, `batch_size`, `resize_factor`, `num_threads`).

Each variant's line also gives the ms per record of the first and the last fifth of each
collection's adds: whether a record costs more as its collection grows (perf26: it does,
0.25 -> 0.44 ms a chunk and 0.36 -> 0.57 ms a quote over the full BBC, with every option).

Article records (`--articles`) are added with the store's settings for them (Chroma's
default HNSW; their one-number vector is a placeholder), whatever the variant's HNSW.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from benchmarks.common import machine

_ARTICLES = "quotedesk_articles"
_NODE_KEYS = ("_node_content", "_node_type", "doc_id", "ref_doc_id")
_HNSW: dict[str, Any] = {"space": "cosine", "ef_construction": 200, "ef_search": 200}
_STORE_HNSW: dict[str, Any] = {**_HNSW, "ef_construction": 100}  # as `ingest.store._HNSW`


class Records(NamedTuple):
    """One collection's records, row for row."""

    ids: list[str]
    vectors: np.ndarray
    documents: list[str]
    metadatas: list[dict[str, Any]]


class Variant(NamedTuple):
    """How a replay differs from the stored records: a record change, HNSW settings, page size."""

    hnsw: dict[str, Any]
    page: int | None  # None: the stage size
    documents: bool
    metadata: Callable[[dict[str, Any]], dict[str, Any]]
    text_in_metadata: bool = False
    upsert: bool = False  # `upsert` instead of `add` (the store upserts article records)


def _same(meta: dict[str, Any]) -> dict[str, Any]:
    return meta


def _without_node(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k not in _NODE_KEYS}


# The keys a Chroma `where` filters on (`ingest.store.where`, the deletes by article id).
_FILTERED = ("article_id", "source", "day", "speaker")


def _packed(meta: dict[str, Any]) -> dict[str, Any]:
    """The keys no filter reads packed into one JSON string: one SQLite row per record for
    them instead of one per key (Chroma writes a row and an index entry per metadata key)."""
    kept = {k: v for k, v in meta.items() if k in _FILTERED}
    rest = {k: v for k, v in meta.items() if k not in _FILTERED}
    return {**kept, "fields": json.dumps(rest, separators=(",", ":"))}


VARIANTS: dict[str, Variant] = {
    "base": Variant(_HNSW, None, True, _same),
    "no-node": Variant(_HNSW, None, True, _without_node),
    "no-docs": Variant(_HNSW, None, False, _same),
    "no-node-no-docs": Variant(_HNSW, None, False, _without_node),
    "ef100": Variant({**_HNSW, "ef_construction": 100}, None, True, _same),
    "m8": Variant({**_HNSW, "max_neighbors": 8}, None, True, _same),
    "page100": Variant(_HNSW, 100, True, _same),
    "page2000": Variant(_HNSW, 2000, True, _same),
    "text-in-meta": Variant(_HNSW, None, False, _same, text_in_metadata=True),
    # Chroma's HNSW upkeep, on records as stored since 2026-12-05 (no document): the index
    # written to disk every 5,000 or 20,000 adds instead of 1,000 (`sync_threshold`), vectors
    # moved from the brute-force buffer into HNSW 500 at a time instead of 100 (`batch_size`),
    # capacity doubled when full instead of x1.2 (`resize_factor`), one insert thread.
    "sync5000": Variant({**_HNSW, "sync_threshold": 5000}, None, False, _same),
    "sync20000": Variant({**_HNSW, "sync_threshold": 20000}, None, False, _same),
    "batch500": Variant({**_HNSW, "batch_size": 500}, None, False, _same),
    "resize2": Variant({**_HNSW, "resize_factor": 2.0}, None, False, _same),
    "threads1": Variant({**_HNSW, "num_threads": 1}, None, False, _same),
    # Smaller adds of records as stored (each add holds the GIL throughout), and upserts.
    "stored": Variant(_HNSW, None, False, _same),
    "stored-page64": Variant(_HNSW, 64, False, _same),
    "stored-page128": Variant(_HNSW, 128, False, _same),
    "stored-page256": Variant(_HNSW, 256, False, _same),
    "upsert": Variant(_HNSW, None, True, _same, upsert=True),
    # Records as stored with `ef_construction` 100 (Chroma's default; perf21), and with the
    # unfiltered metadata keys packed into one (`_packed`).
    "stored-ef100": Variant({**_HNSW, "ef_construction": 100}, None, False, _same),
    "stored-packed": Variant(_HNSW, None, False, _packed),
    "stored-ef100-packed": Variant({**_HNSW, "ef_construction": 100}, None, False, _packed),
    # The store's own HNSW settings (`ingest.store._HNSW`, ef_construction 100 since perf21)
    # with Chroma's upkeep options changed one at a time (perf26, issue 21: does an add into a
    # collection of the full BBC's 17,000 quotes cost more per record because of them?).
    "ef100-sync20000": Variant({**_STORE_HNSW, "sync_threshold": 20000}, None, False, _same),
    "ef100-batch1000": Variant({**_STORE_HNSW, "batch_size": 1000}, None, False, _same),
    "ef100-resize2": Variant({**_STORE_HNSW, "resize_factor": 2.0}, None, False, _same),
    "ef100-threads1": Variant({**_STORE_HNSW, "num_threads": 1}, None, False, _same),
}


def read(store: Path, name: str, limit: int) -> Records:
    """The first `limit` records of a stored collection, in Chroma's order."""
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(
        path=str(store / "chroma"), settings=Settings(anonymized_telemetry=False)
    )
    got = client.get_collection(name).get(
        limit=limit, include=["embeddings", "documents", "metadatas"]
    )
    return Records(
        list(got["ids"]),
        np.asarray(got["embeddings"], dtype=np.float32),
        list(got["documents"]),
        list(got["metadatas"]),
    )


class Replay(NamedTuple):
    """CPU seconds of a replay, and of each page per collection (to see whether a record costs
    more as its collection grows)."""

    cpu: float
    pages: dict[str, list[tuple[int, float]]]  # collection -> (records in the page, CPU s)


def growth(pages: Sequence[tuple[int, float]]) -> str:
    """ms per record in the first and last fifth of a collection's pages."""
    fifth = max(1, len(pages) // 5)

    def rate(part: Sequence[tuple[int, float]]) -> float:
        return 1000 * sum(cpu for _, cpu in part) / max(1, sum(n for n, _ in part))

    return f"{rate(pages[:fifth]):.3f} -> {rate(pages[-fifth:]):.3f}"


def replay(collections: Sequence[tuple[str, Records]], variant: Variant, stage: int) -> Replay:
    """CPU seconds of adding the records to fresh collections, page by page."""
    import chromadb
    from chromadb.config import Settings

    page = variant.page or stage
    with tempfile.TemporaryDirectory(prefix="chroma-add-") as folder:
        client = chromadb.PersistentClient(
            path=folder, settings=Settings(anonymized_telemetry=False)
        )
        made = [
            (
                client.create_collection(
                    name,
                    embedding_function=None,
                    configuration=None if name == _ARTICLES else {"hnsw": variant.hnsw},
                ),
                records,
            )
            for name, records in collections
        ]
        metas = [
            [
                {**variant.metadata(m), "text": text}
                if variant.text_in_metadata
                else variant.metadata(m)
                for m, text in zip(records.metadatas, records.documents, strict=True)
            ]
            for _, records in made
        ]
        start = time.process_time()
        pages: dict[str, list[tuple[int, float]]] = {}
        for (collection, records), metadatas in zip(made, metas, strict=True):
            for at in range(0, len(records.ids), page):
                end = at + page
                write = collection.upsert if variant.upsert else collection.add
                before = time.process_time()
                write(
                    ids=records.ids[at:end],
                    embeddings=records.vectors[at:end],
                    documents=records.documents[at:end] if variant.documents else None,
                    metadatas=metadatas[at:end],
                )
                taken = time.process_time() - before
                pages.setdefault(collection.name, []).append((len(records.ids[at:end]), taken))
        return Replay(time.process_time() - start, pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--chunks", type=int, default=8242)
    parser.add_argument("--quotes", type=int, default=6000)
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--stage", type=int, default=550, help="records per add, as one stage")
    parser.add_argument("--variants", default="base,no-node,no-docs,ef100,m8,page100,page2000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    wanted = [
        ("quotedesk_chunks", args.chunks),
        ("quotedesk_quotes", args.quotes),
        (_ARTICLES, args.articles),
    ]
    collections = [(name, read(args.store, name, n)) for name, n in wanted if n > 0]
    total = sum(len(r.ids) for _, r in collections)
    print(f"# Chroma add replay: {total} records ({args.store}); {machine()}")
    for _ in range(args.repeat):
        for name in args.variants.split(","):
            done = replay(collections, VARIANTS[name], args.stage)
            firsts = ", ".join(f"{c} {growth(p)}" for c, p in done.pages.items())
            print(
                f"{name:16s} CPU {done.cpu:7.2f} s  {1000 * done.cpu / total:.3f} ms/record"
                f" (first -> last fifth of the adds: {firsts})",
                flush=True,
            )


if __name__ == "__main__":
    main()
