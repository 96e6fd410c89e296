"""What `Store` reads from Chroma: counts and the change mark, committed articles, chunks and
quotes (`visible`), nearest records, stored vectors, and records page by page. Readers get our
records (`Chunk`, `Quote`, `Article`), ids with similarities, and `StoreError` for whatever
Chroma raises while reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

from ingest.chroma_client import StoreBase, reading
from ingest.chroma_codec import (
    article_from_record,
    chunk_from_metadata,
    flat_metadata,
    quote_from_metadata,
    shared,
    span_text,
    where,
)
from ingest.record_filter import RecordFilter
from ingest.types import Article, Chunk, StoredQuote

ARTICLES_PER_READ = 500  # article ids per Chroma `$in` filter
_VECTORS_PER_READ = 64  # vectors per Chroma request (see `StoreReads.vectors`)


class StoredVectors(NamedTuple):
    """Records' ids and their stored vectors, row for row (float32)."""

    ids: list[str]
    matrix: np.ndarray


def pages(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class VisibleRecords(NamedTuple):
    """The committed articles' chunks and quotes, by id, as `StoreReads.visible` reads them."""

    chunks: dict[str, Chunk]
    quotes: dict[str, StoredQuote]


class StoreReads(StoreBase):
    """The reading half of `Store`."""

    def article_hashes(self) -> dict[str, str]:
        """Committed articles and their stamps, read in pages under the batch limit."""
        return {
            record_id: meta.get("hash", "")
            for record_id, meta in self.iter_records(self.articles, include=["metadatas"])
        }

    def counts(self) -> dict[str, int]:
        with reading("the record counts", self.location):
            return {
                "articles": self.articles.count(),
                "chunks": self.chunks.count(),
                "quotes": self.quotes.count(),
            }

    def change_mark(self) -> tuple[int, ...]:
        """What moves whenever any process writes: the record counts, and the ledger's length,
        which also grows when an article is replaced elsewhere with as many records."""
        counts = self.counts()
        with reading("the ledger", self.location):
            ledger = self.ledger.count()
        return (counts["articles"], counts["chunks"], counts["quotes"], ledger)

    def visible(
        self, hashes: Mapping[str, str], article_ids: Sequence[str] | None = None
    ) -> VisibleRecords:
        """The chunks and the quotes of committed articles: records whose article record
        holds their stamp (`hashes`); of `article_ids` only, when given."""
        chunks: dict[str, Chunk] = {}
        quotes: dict[str, StoredQuote] = {}
        wanted = list(hashes) if article_ids is None else list(article_ids)
        for ids in pages(wanted, ARTICLES_PER_READ):
            texts = self._texts(ids)
            of_articles = {"article_id": {"$in": list(ids)}}
            for record_id, packed in self.iter_records(self.chunks, ["metadatas"], of_articles):
                meta = flat_metadata(packed)
                if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                    text = span_text(texts, meta)
                    chunk = chunk_from_metadata(record_id, text, meta)
                    chunks[chunk.id] = chunk
            for record_id, packed in self.iter_records(self.quotes, ["metadatas"], of_articles):
                meta = flat_metadata(packed)
                if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                    article_id = shared(meta["article_id"])
                    quote = quote_from_metadata(span_text(texts, meta), meta)
                    quotes[record_id] = StoredQuote(record_id, quote, article_id)
        return VisibleRecords(chunks, quotes)

    def _texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The stored texts of these articles (at most `read_page` ids): where chunk and quote
        texts are read from, as their records hold no document."""
        with reading("article texts", self.location):
            result = self.articles.get(ids=list(article_ids), include=["documents"])
        return dict(zip(result["ids"], result["documents"], strict=True))

    def nearest(
        self, collection: Any, vector: Sequence[float], k: int, within: RecordFilter | None = None
    ) -> dict[str, float]:
        """Ids -> cosine similarity of the `k` nearest records, best first (dict order).

        Ids and distances only, not through `ChromaVectorStore.query`, which also fetches every
        hit's text and metadata and builds a llama-index node from each: 17-19 ms against 4 ms
        per 40 hits on the BBC store (2 cores; `ask` p50 in benchmarks/bench_query.py)."""
        with reading("nearest records", self.location):
            result = collection.query(
                query_embeddings=[list(vector)],
                n_results=k,
                where=where(within) if within else None,
                include=["distances"],
            )
        # Cosine space: distance = 1 - cosine similarity.
        return {
            record_id: 1.0 - distance
            for record_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        }

    def stamps_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Chroma's stamps of these articles (absent: not committed)."""
        found: dict[str, str] = {}
        for ids in pages(list(article_ids), self.read_page):
            with reading("article stamps", self.location):
                result = self.articles.get(ids=list(ids), include=["metadatas"])
            found.update(
                (a, meta.get("hash", ""))
                for a, meta in zip(result["ids"], result["metadatas"], strict=True)
            )
        return found

    def get_article(self, article_id: str) -> Article | None:
        result = self.articles.get(ids=[article_id], include=["documents", "metadatas"])
        if not result["ids"]:
            return None
        return article_from_record(result["documents"][0], result["metadatas"][0], article_id)

    def iter_articles(self) -> Iterable[Article]:
        for record_id, meta, text in self.iter_records(
            self.articles, include=["metadatas", "documents"]
        ):
            yield article_from_record(text, meta, record_id)

    def all_articles(self) -> list[Article]:
        """Every article the store knows: the archive, plus Chroma records it lacks (stores
        written before the archive existed)."""
        articles = {a.id: a for a in self.archive}
        if len(articles) < self.articles.count():
            for article in self.iter_articles():
                articles.setdefault(article.id, article)
        return list(articles.values())

    def all_chunks(self) -> list[Chunk]:
        """The chunks of committed articles (whose article record holds their stamp; only
        those have the text they were cut from), in the order they were added."""
        texts, hashes = {}, {}
        for article_id, meta, text in self.iter_records(
            self.articles, include=["metadatas", "documents"]
        ):
            texts[article_id], hashes[article_id] = text, meta.get("hash")
        records = self.iter_records(self.chunks, include=["metadatas"])
        flat = ((record_id, flat_metadata(meta)) for record_id, meta in records)
        return [
            chunk_from_metadata(record_id, span_text(texts, meta), meta)
            for record_id, meta in flat
            if hashes.get(meta.get("article_id")) == meta.get("article_hash")
        ]

    def iter_records(
        self, collection: Any, include: list[str], where: dict | None = None, start: int = 0
    ) -> Iterable[tuple]:
        """Records in pages under the batch limit, in the order they were added (Chroma's
        order), from the `start`-th on."""
        offset = start
        page = self.read_page
        while True:
            with reading("records", self.location):
                result = collection.get(include=include, where=where, limit=page, offset=offset)
            if not result["ids"]:
                return
            columns = [result[key] for key in include]
            yield from zip(result["ids"], *columns, strict=True)
            offset += len(result["ids"])

    def embeddings(self, collection: Any, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these records (float32 rows of one array; see `vectors`)."""
        found = self.vectors(collection, ids)
        return dict(zip(found.ids, found.matrix, strict=True))

    def vectors(self, collection: Any, ids: Sequence[str]) -> StoredVectors:
        """Stored vectors of these records, in the order asked (absent records left out), as
        one float32 array filled page by page.

        Why pages of `_VECTORS_PER_READ`: Chroma's client decodes a page of vectors into
        Python objects before it is an array, about 30 bytes a number; one page of 3,717
        quote vectors (a much-quoted speaker at 20k articles) was a 120 MB transient, and the
        freed objects' memory is not all given back. For an 18,585-vector pool (28.5 MB) at
        100k articles with a Chroma server, the process grew by 36 / 79 / 168 MB with pages of
        64 / 256 / 1,024 (`python -m benchmarks.pool_memory --store STORE --server`)."""
        rows: np.ndarray | None = None
        at = {record_id: n for n, record_id in enumerate(ids)}
        present = np.zeros(len(ids), dtype=bool)
        for start in range(0, len(ids), _VECTORS_PER_READ):
            with reading("vectors", self.location):
                result = collection.get(
                    ids=list(ids[start : start + _VECTORS_PER_READ]), include=["embeddings"]
                )
            if not result["ids"]:
                continue
            page = np.asarray(result["embeddings"], dtype=np.float32)
            if rows is None:
                rows = np.empty((len(ids), page.shape[1]), dtype=np.float32)
            found_at = [at[record_id] for record_id in result["ids"]]
            rows[found_at] = page
            present[found_at] = True
        if rows is None:
            return StoredVectors([], np.zeros((0, 0), dtype=np.float32))
        kept = np.flatnonzero(present)
        matrix = rows if len(kept) == len(ids) else rows[kept]
        return StoredVectors([ids[n] for n in kept], matrix)
