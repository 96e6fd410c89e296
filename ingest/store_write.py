"""What `Store` writes to Chroma, in commit order: an article's chunks and quotes, a ledger
entry, then its article record (the commit mark); a delete removes them the other way round.
The lexical index and the records file follow the same order (see `ingest/store.py`).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from typing import Any

import numpy as np

from ingest.chroma_client import CHUNKS, QUOTES, StoreBase, reading
from ingest.chroma_codec import ChromaRecord, article_metadata, chunk_record, quote_record
from ingest.ids import chunk_id, quote_id
from ingest.records import LedgerEntry
from ingest.store_read import pages
from ingest.types import Article, Chunk, StoredQuote

_ARTICLE_VECTOR = [1.0]  # the articles collection is a record store; Chroma needs a vector


class StoreWrites(StoreBase):
    """The writing half of `Store`."""

    def reset_indexes(self) -> None:
        """Drop and re-create the chunk and quote collections and empty the lexical indexes;
        article records are kept (the lexical index is re-filled by the `write`s that follow,
        or from the records by a reader's `sync_lexical`)."""
        with self._lock:
            for name in (CHUNKS, QUOTES):
                with contextlib.suppress(Exception):  # missing or damaged: re-created below
                    self.client.delete_collection(name)
            self._attach(self.client)
            self.lexical.clear()
            self.records.clear_rows()
            self.written += 1

    def stored(self, article_ids: Sequence[str]) -> list[str]:
        """Those of these articles of which Chroma may hold anything: an article record, or
        their first chunk or first quote (what an ingest or a delete killed midway leaves: a
        write adds an article's chunks, then its quotes, each in one request, before its
        record, and a delete removes the record, then the chunks, then the quotes). What
        `delete_articles` must be given before these articles are written again; an article
        never written needs none of its work (1.1 s of CPU for the 2,225 new BBC articles:
        Chroma deletes, ledger entries, lexical commits)."""
        found: set[str] = set()
        for ids in pages(list(article_ids), self.read_page):
            with reading("what is stored of these articles", self.location):
                found.update(self.articles.get(ids=list(ids), include=[])["ids"])
                first_chunks = {chunk_id(a, 0): a for a in ids}
                found.update(
                    first_chunks[i]
                    for i in self.chunks.get(ids=list(first_chunks), include=[])["ids"]
                )
                first_quotes = {quote_id(a, 0): a for a in ids}
                found.update(
                    first_quotes[i]
                    for i in self.quotes.get(ids=list(first_quotes), include=[])["ids"]
                )
        return [a for a in article_ids if a in found]

    def delete_articles(self, article_ids: Sequence[str]) -> None:
        """Remove every chunk, quote and record of these articles (commit mark first), then
        their lexical documents."""
        if not article_ids:
            return
        with self._lock:
            self.records.uncommit(article_ids)
            self._log([LedgerEntry(a, "") for a in article_ids])
            for start in range(0, len(article_ids), self.max_batch):
                ids = list(article_ids[start : start + self.max_batch])
                self.articles.delete(ids=ids)
                self.chunks.delete(where={"article_id": {"$in": ids}})
                self.quotes.delete(where={"article_id": {"$in": ids}})
            self.lexical.delete(list(article_ids))
            self.records.delete(article_ids)
            self.written += 1

    def _log(self, entries: Sequence[LedgerEntry]) -> None:
        """Append ledger entries for articles about to be committed or deleted (before their
        article records change: see `ingest/store.py`)."""
        for start in range(0, len(entries), self.max_batch):
            page = entries[start : start + self.max_batch]
            self.ledger.add(
                ids=[uuid.uuid4().hex for _ in page],
                embeddings=np.ones((len(page), 1), dtype=np.float32),
                metadatas=[{"article_id": e.article_id, "stamp": e.stamp} for e in page],
            )

    def _add(
        self, collection: Any, records: Sequence[ChromaRecord], vectors: Sequence[Sequence[float]]
    ) -> None:
        """Add records with their vectors, as many per request as Chroma takes."""
        if len(records) != len(vectors):
            raise ValueError(f"{len(records)} records but {len(vectors)} vectors")
        for start in range(0, len(records), self.max_batch):
            page = records[start : start + self.max_batch]
            collection.add(
                ids=[r.id for r in page],
                embeddings=np.asarray(vectors[start : start + self.max_batch], dtype=np.float32),
                metadatas=[r.metadata for r in page],
            )

    def write(
        self,
        articles: Sequence[Article],
        chunks: Sequence[Chunk],
        chunk_vectors: Sequence[Sequence[float]],
        quotes: Sequence[StoredQuote],
        quote_vectors: Sequence[Sequence[float]],
        stamps: dict[str, str],
    ) -> None:
        """Write the lexical documents, chunks and quotes, then the article records that make
        them visible.

        `stamps` maps each article id to the stamp readers compare (content hash plus the
        ingest pipeline's version), written on every chunk, quote and record alike.

        The caller has deleted any earlier version of these articles, so a crash between the
        steps leaves only invisible leftovers that the next ingest deletes again.
        """
        with self._lock:
            self.archive.put(articles)
            article_stamps = {a.id: stamps[a.id] for a in articles}
            by_id = {a.id: a for a in articles}
            chunk_records = [chunk_record(c, stamps[c.article_id]) for c in chunks]
            quote_records = [
                quote_record(s.id, s.quote, by_id[s.article_id], stamps[s.article_id])
                for s in quotes
            ]
            self.lexical.write(article_stamps, chunks, quotes)
            self._add(self.chunks, chunk_records, chunk_vectors)
            self._add(self.quotes, quote_records, quote_vectors)
            self._log([LedgerEntry(a.id, stamps[a.id]) for a in articles])
            for start in range(0, len(articles), self.max_batch):
                batch = articles[start : start + self.max_batch]
                self.articles.upsert(
                    ids=[a.id for a in batch],
                    embeddings=[_ARTICLE_VECTOR for _ in batch],
                    documents=[a.text for a in batch],
                    metadatas=[article_metadata(a, stamps[a.id]) for a in batch],
                )
            self.records.write(article_stamps, chunks, quotes)  # rows and marks, last
            self.written += 1
