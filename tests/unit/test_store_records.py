"""The store writes chunk and quote records as llama-index's `ChromaVectorStore.add` wrote
them from `TextNode`s (the writer before 2026-12-04, kept here as the reference), less what
it no longer writes (`ingest/store.py`): the document and llama-index's own keys. Same ids,
the same values of every other metadata key, the same vector bytes, and the texts the store
reads back are llama-index's documents, so stores written before and after read the same.
Made-up articles, real quote finding and chunking, no model."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest

from ingest.chroma_codec import clean
from ingest.dates import day_number
from ingest.pipeline import Ingestor
from ingest.store import Store, flat_metadata
from ingest.types import Article, Chunk, Quote
from tests.helpers import FakeEmbedder, count_words

ARTICLES = [
    Article(
        id="made-up-harbour",
        title="Harbour to reopen — “soon”",
        text=(
            "The harbour will reopen in spring, officials said on Monday.\n\n"
            "“We expect the first ships in April,” said port director Aldo Brenn. "
            "He added that repairs were ahead of schedule.\n\n"
            "Critics were not convinced. “Nobody believes these dates,” said Mira Osk.\n\n"
            'The old sign still says "closed \\ until further notice" in red letters.\n\n'
            'On the quay, a banner: "No ships, no jobs, no future" hung from a crane.'
        ),
        source="made-up wire",
        published="2026-03-02",
        url="https://example.invalid/harbour?a=1&b=\u00e9",
    ),
    Article(
        id="made-up-library",
        title="Library opens",
        text=(
            "A new library opened in the old town.\n\n"
            "“Books belong to everyone,” said the mayor, Tessa Lind. Visitors queued early."
        ),
    ),
]


def _reference_chunk_node(chunk: Chunk, vector: list[float], article_hash: str):
    """How `ingest/store.py` built a chunk's node before (commit 8ff9cb0)."""
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    meta = asdict(chunk)
    meta.pop("text")
    meta.pop("id")
    meta["article_hash"] = article_hash
    meta["day"] = day_number(chunk.published)
    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        metadata=clean(meta),
        embedding=list(vector),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=chunk.article_id)},
    )


def _reference_quote_node(
    quote_id: str, quote: Quote, vector: list[float], article: Article, stamp: str
):
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    meta = asdict(quote)
    meta.pop("text")
    meta["article_id"] = article.id
    meta["article_hash"] = stamp
    meta["source"] = article.source
    meta["day"] = day_number(article.published)
    return TextNode(
        id_=quote_id,
        text=quote.text,
        metadata=clean(meta),
        embedding=list(vector),
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.id)},
    )


@pytest.fixture
def ingested(tmp_path: Path):
    """The made-up articles ingested by the real pipeline, and what it passed to the store."""
    store = Store.open(tmp_path / "store")
    calls: list[tuple] = []
    write = store.write

    def recording_write(*args):
        calls.append(args)
        write(*args)

    store.write = recording_write  # type: ignore[method-assign]
    ingestor = Ingestor(
        store, FakeEmbedder(), count_words, chunk_max_tokens=60, max_file_bytes=10**6
    )
    ingestor.ingest_articles(ARTICLES, progress=False)
    return store, calls


# What llama-index adds to a node's metadata, which the store no longer writes.
LLAMA_INDEX_KEYS = ("_node_content", "_node_type", "document_id", "doc_id", "ref_doc_id")


def _get(collection) -> list[tuple]:
    """Every record as Chroma returns it, its packed fields unpacked (`flat_metadata`), less
    its document and llama-index's keys (Chroma keeps no metadata key order)."""
    got = collection.get(include=["metadatas", "embeddings"])
    rows = zip(got["ids"], got["metadatas"], got["embeddings"], strict=True)
    return sorted(
        (
            record_id,
            sorted((k, v) for k, v in flat_metadata(meta).items() if k not in LLAMA_INDEX_KEYS),
            np.asarray(vector).tobytes(),
        )
        for record_id, meta, vector in rows
    )


def _documents(collection) -> dict[str, str]:
    got = collection.get(include=["documents"])
    return dict(zip(got["ids"], got["documents"], strict=True))


def test_records_equal_llama_index_writes(ingested, tmp_path: Path):
    from llama_index.vector_stores.chroma import ChromaVectorStore

    store, calls = ingested
    assert calls
    reference = Store.open(tmp_path / "reference")
    for articles, chunks, chunk_vectors, quotes, quote_vectors, stamps in calls:
        by_id = {a.id: a for a in articles}
        chunk_nodes = [
            _reference_chunk_node(c, v, stamps[c.article_id])
            for c, v in zip(chunks, chunk_vectors, strict=True)
        ]
        quote_nodes = []
        for s, v in zip(quotes, quote_vectors, strict=True):
            article = by_id[s.article_id]
            quote_nodes.append(_reference_quote_node(s.id, s.quote, v, article, stamps[article.id]))
        ChromaVectorStore(chroma_collection=reference.chunks).add(chunk_nodes)
        ChromaVectorStore(chroma_collection=reference.quotes).add(quote_nodes)

    for ours, theirs in ((store.chunks, reference.chunks), (store.quotes, reference.quotes)):
        written, expected = _get(ours), _get(theirs)
        assert len(written) == len(expected) > 0
        for row, want in zip(written, expected, strict=True):
            assert row == want, row[0]
    assert _documents(store.chunks) == dict.fromkeys(_documents(reference.chunks))  # all None
    for collection in (store.chunks, store.quotes):
        written = collection.get(include=["metadatas"])["metadatas"]
        assert not {k for meta in written for k in meta} & set(LLAMA_INDEX_KEYS)
    chunks, quotes = store.visible(store.article_hashes())
    assert {c: chunk.text for c, chunk in chunks.items()} == _documents(reference.chunks)
    assert {q: s.quote.text for q, s in quotes.items()} == _documents(reference.quotes)
    assert {c.id: c.text for c in store.all_chunks()} == _documents(reference.chunks)


def test_cases_the_records_must_cover(ingested):
    """The comparison above is only as good as its data: unicode and escapes in the
    metadata and the texts, quotes with and without a speaker, articles with and without
    source and date."""
    store, _ = ingested
    quotes = [flat_metadata(m) for m in store.quotes.get(include=["metadatas"])["metadatas"]]
    chunks = [flat_metadata(m) for m in store.chunks.get(include=["metadatas"])["metadatas"]]
    assert any("speaker" in m for m in quotes) and any("speaker" not in m for m in quotes)
    assert any("day" in m for m in chunks) and any("day" not in m for m in chunks)
    assert any("“" in m["title"] for m in chunks)
    _, read = store.visible(store.article_hashes())
    assert any("\\" in s.quote.text for s in read.values())
