"""Hybrid retrieval: dense (Chroma, ids and distances only) + BM25, fused by RRF.

BM25 is our own (`app/bm25.py`, scored as bm25s scores) rather than llama-index's
`BM25Retriever` wrapper: the wrapper needs TextNodes and copies them per hit, while we keep
`Chunk`s and need ids in, objects out, and a reload extends our index instead of rebuilding it.
The fusion is our own 10-line `fuse()` because llama-index's `QueryFusionRetriever` resolves an
LLM even with `num_queries=1`, and a pure function is easy to test.

The BM25 index is built from the store (or restored from `app/corpus_cache.py` when the
articles are the same as last time) at start-up, and extended with the changed articles
whenever the store's article records change (checked at most every `refresh_seconds`), so an
app process sees articles that another process ingested without a restart, with embedded
Chroma or a Chroma server alike.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from app.bm25 import Bm25Index, Lexicon
from app.corpus_cache import CorpusCache, corpus_key
from app.settings import RetrievalSettings
from app.types import Filters, Passage
from ingest.chunking import embedding_text
from ingest.embedding import Embedder
from ingest.store import Store, chunk_from_metadata, quote_from_metadata, shared
from ingest.types import Chunk, Quote

_ARTICLES_PER_READ = 500  # article ids per Chroma `$in` filter on a reload
QUERY_CACHE_SIZE = 2048
QUOTE_INDEX_CACHE_SIZE = 256


def fuse(rankings: Sequence[Sequence[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(id) = sum over rankings of 1 / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class QuoteHit:
    quote_id: str
    quote: Quote
    article_id: str
    score: float
    dense: float | None


@dataclass(frozen=True)
class QuotePool:
    """Some speakers' attributed quotes: ids, a BM25 index in the same order, and vectors.

    Dense search over one speaker's quotes is an exact dot product here rather than a Chroma
    query with a speaker `where` clause: at 20k articles (126k quotes) Chroma's filtered query
    took 176 ms against 4 ms unfiltered (benchmarks/bench_query.py, see the commit), while a
    speaker's few thousand vectors multiply in well under a millisecond, exactly.
    """

    ids: list[str]
    bm25: Bm25Index
    vectors: np.ndarray | None  # None: all speakers, searched in Chroma instead
    mask: np.ndarray | None = None  # 0/1 per id: the ones within the question's filters

    def dense(self, vector: list[float], k: int) -> dict[str, float]:
        """Ids -> cosine similarity, best first (vectors are stored normalised)."""
        if self.vectors is None or not self.ids:
            return {}
        scores = self.vectors @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return {self.ids[i]: float(scores[i]) for i in top}


def _attributed(quotes: dict[str, tuple[Quote, str]]) -> list[str]:
    """Ids of the quotes with a speaker, in dict order: the positions of the quotes' BM25."""
    return [qid for qid, (quote, _) in quotes.items() if quote.speaker]


def _quote_context(quote: Quote, chunks: dict[str, Chunk]) -> str:
    """A quote's words plus its article headline: the topic often lives in the headline."""
    chunk = chunks.get(quote.chunk_id or "")
    return f"{chunk.title}\n{quote.text}" if chunk else quote.text


class HybridRetriever:
    """Searches chunks and quotes of one store; safe to share between threads."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        settings: RetrievalSettings,
        cache: CorpusCache | None = None,
    ) -> None:
        self.store = store
        self.cache = cache
        self.embedder = embedder
        self.settings = settings
        self.lexicon = Lexicon()
        self._lock = threading.Lock()  # one reload at a time
        # The small caches have their own lock, so that questions asked while another thread
        # reloads the corpus go on with the previous state instead of waiting for the reload.
        self._cache_lock = threading.Lock()
        self._query_vectors: dict[str, list[float]] = {}
        self._checked_at = 0.0
        self._signature: tuple | None = None
        self.hashes: dict[str, str] = {}
        self.chunks: dict[str, Chunk] = {}
        self.quotes: dict[str, tuple[Quote, str]] = {}
        self.chunk_ids: list[str] = []  # BM25 positions
        self.bm25 = Bm25Index(self.lexicon, [])
        self.attributed = QuotePool([], self.bm25, None)  # every attributed quote
        self._load()

    # ----- corpus state --------------------------------------------------------------------

    def _load(self) -> None:
        """Read committed articles, then their chunks, quotes and BM25 from the cache or, when
        the articles changed, from the store."""
        hashes = self.store.article_hashes()
        signature = self._store_signature()
        key = corpus_key(hashes, signature)
        cached = self.cache.load(key) if self.cache else None
        if cached is None:
            # A new process after another's ingest starts from the last saved state, so that
            # only what changed since is read from Chroma (a full read took 100 s at 20k).
            stale = self.cache.latest() if self.cache and not self.hashes else None
            cached = (hashes, *self._read(hashes, signature, stale or self._state()))
            if self.cache:
                self.cache.save(key, cached)
        _, chunks, quotes, bm25, quote_bm25 = cached
        by_chunk: dict[str, list[str]] = {}
        by_speaker: dict[str, list[str]] = {}  # attributed quotes only
        for qid, (quote, _) in quotes.items():
            if quote.chunk_id:
                by_chunk.setdefault(quote.chunk_id, []).append(qid)
            if quote.speaker:
                by_speaker.setdefault(quote.speaker, []).append(qid)
        # Built before any of it is swapped in: a question answered during a reload no longer
        # meets half-built indexes while the loop above runs, only a few adjacent assignments,
        # and BM25 positions and the chunk ids they index are swapped in one statement.
        self.hashes = hashes
        attributed = QuotePool(_attributed(quotes), quote_bm25, None)
        self.chunk_ids, self.bm25 = list(chunks), bm25
        self.chunks, self.quotes, self.attributed = chunks, quotes, attributed
        self.quotes_by_chunk, self.quotes_by_speaker = by_chunk, by_speaker
        self._quote_pools: dict[tuple, QuotePool] = {}
        self._masks: dict[Filters, np.ndarray] = {}
        self._signature = signature
        self._written = self.store.written

    def _state(self) -> tuple:
        """The loaded state, shaped as the start-up cache saves it."""
        return self.hashes, self.chunks, self.quotes, self.bm25, self.attributed.bm25

    def _read(
        self, hashes: dict[str, str], signature: tuple, base: tuple
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]], Bm25Index, Bm25Index]:
        """Visible chunks and quotes of these articles, BM25 over the chunks and BM25 over the
        attributed quotes (both in dict order), extended from those of `base` (a state as
        `_state` gives) when only some articles changed. The quotes' BM25 is built here, not
        by the first "who said" question: seconds at 20k articles."""
        _, old_chunks, old_quotes, old_bm25, old_quote_bm25 = base
        changed = self._read_changed(hashes, signature, base)
        chunks, quotes, kept_chunks, kept_quotes = changed or (*self._read_all(hashes), 0, 0)
        chunk_bm25 = self._extended(
            old_bm25,
            list(old_chunks),
            list(chunks),
            kept_chunks,
            lambda c: embedding_text(chunks[c]),
        )
        kept = len(_attributed(dict(itertools.islice(quotes.items(), kept_quotes))))
        quote_bm25 = self._extended(
            old_quote_bm25,
            _attributed(old_quotes),
            _attributed(quotes),
            kept,
            lambda q: _quote_context(quotes[q][0], chunks),
        )
        return chunks, quotes, chunk_bm25, quote_bm25

    def _extended(
        self,
        index: Bm25Index,
        indexed: list[str],
        ids: list[str],
        kept: int,
        text_of: Callable[[str], str],
    ) -> Bm25Index:
        """BM25 over `ids`, whose first `kept` are unchanged since `index` was built over
        `indexed`: only the others are tokenised."""
        texts = [text_of(i) for i in ids[kept:]]
        if not kept:
            return Bm25Index(self.lexicon, texts)
        position = {record_id: n for n, record_id in enumerate(indexed)}
        return index.extended([position[i] for i in ids[:kept]], texts)

    def _read_all(
        self, hashes: dict[str, str]
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]]]:
        chunks: dict[str, Chunk] = {}
        quotes: dict[str, tuple[Quote, str]] = {}
        self._read_records(hashes, chunks, quotes, None)
        return chunks, quotes

    def _read_changed(
        self, hashes: dict[str, str], signature: tuple, base: tuple
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]], int, int] | None:
        """On a reload after a small ingest: the records in memory for articles whose stamp
        is unchanged, plus those of the changed articles read from Chroma (at about 0.2 ms a
        record, a full read took 100 s at 20k articles), and how many chunks and quotes come
        first from memory, in their previous order. None when most articles changed, or
        when kept and read records do not add up to the store's counts (a lost or damaged
        index, leftovers of a killed ingest): then everything is read, as on a first open."""
        old, old_chunks, old_quotes = base[:3]
        changed = [a for a, stamp in hashes.items() if old.get(a) != stamp]
        if not old or len(changed) > len(hashes) // 2:
            return None
        same = {a for a, stamp in hashes.items() if old.get(a) == stamp}
        chunks = {i: c for i, c in old_chunks.items() if c.article_id in same}
        quotes = {i: q for i, q in old_quotes.items() if q[1] in same}
        kept = len(chunks), len(quotes)
        for start in range(0, len(changed), _ARTICLES_PER_READ):
            where = {"article_id": {"$in": changed[start : start + _ARTICLES_PER_READ]}}
            self._read_records(hashes, chunks, quotes, where)
        if (len(chunks), len(quotes)) != tuple(signature[1:]):
            return None
        return chunks, quotes, *kept

    def _read_records(
        self,
        hashes: dict[str, str],
        chunks: dict[str, Chunk],
        quotes: dict[str, tuple[Quote, str]],
        where: dict | None,
    ) -> None:
        """Add the visible chunk and quote records that `where` selects (all when None)."""
        include = ["metadatas", "documents"]
        for record_id, meta, text in self.store.iter_records(self.store.chunks, include, where):
            if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                chunk = chunk_from_metadata(record_id, text, meta)
                chunks[chunk.id] = chunk
        for record_id, meta, text in self.store.iter_records(self.store.quotes, include, where):
            if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                quotes[record_id] = (quote_from_metadata(text, meta), shared(meta["article_id"]))

    def _store_signature(self) -> tuple:
        return (self.store.articles.count(), self.store.chunks.count(), self.store.quotes.count())

    def refresh(self, force: bool = False) -> bool:
        """Reload when another process changed the store; returns whether it reloaded.

        Counts catch additions; `force` (used after an in-process ingest) also catches
        replacements that kept the counts equal.
        """
        now = time.monotonic()
        if not force and now - self._checked_at < self.settings.refresh_seconds:
            return False
        with self._lock:
            self._checked_at = now
            if force or self._store_signature() != self._signature:
                if not force and self.store.written == self._written:
                    self.store.reopen()  # another process wrote: see its vectors too
                self._load()
                return True
        return False

    # ----- search --------------------------------------------------------------------------

    def embed_query(self, query: str) -> list[float]:
        """Cached: follow-ups, example questions and retries repeat the same text."""
        return self._cached(
            self._query_vectors,
            query,
            QUERY_CACHE_SIZE,
            lambda: self.embedder.query(query),
        )

    def _cached(self, cache: dict, key: Any, limit: int, make: Callable[[], Any]) -> Any:
        """Get or make `cache[key]`; made outside the lock (it may be slow), and the oldest
        entry goes when `limit` is reached."""
        with self._cache_lock:
            if key in cache:
                return cache[key]
        value = make()
        with self._cache_lock:
            if len(cache) >= limit:
                cache.pop(next(iter(cache)))
            cache[key] = value
        return value

    def search(
        self,
        query: str,
        k: int,
        vector: list[float] | None = None,
        filters: Filters | None = None,
    ) -> list[Passage]:
        """Top-k chunks by RRF of dense and BM25 rankings, within `filters` when given."""
        self.refresh()
        vector = vector if vector is not None else self.embed_query(query)
        where = filters.where() if filters else None
        dense = self._dense(self.store.chunks, vector, self.settings.dense_k, where)
        dense_ids = [i for i in dense if i in self.chunks]
        mask = self._chunk_mask(filters) if where else None
        lexical = [
            self.chunk_ids[i] for i, _ in self.bm25.search(query, self.settings.bm25_k, mask)
        ]
        fused = fuse([dense_ids, lexical], self.settings.rrf_k)[:k]
        return [Passage(self.chunks[i], score, dense.get(i)) for i, score in fused]

    def search_quotes(
        self,
        query: str,
        k: int,
        speakers: Sequence[str] | None = None,
        vector: list[float] | None = None,
        filters: Filters | None = None,
    ) -> list[QuoteHit]:
        """Quotes ranked by RRF of dense (Chroma, speaker `where` filter) and BM25 over the
        same speakers' quotes; with no speakers, over all attributed quotes."""
        self.refresh()
        vector = vector if vector is not None else self.embed_query(query)
        scope = filters if filters and filters.narrows_passages else None
        pool = self._quote_pool(tuple(sorted(speakers or ())), scope)
        if pool.vectors is not None:
            dense = pool.dense(vector, self.settings.dense_k)
        else:  # Unfiltered is ~20x faster in Chroma; unattributed quotes are dropped below.
            where = filters.where() if filters else None
            dense = self._dense(self.store.quotes, vector, self.settings.dense_k, where)
        dense_ids = [i for i in dense if i in self.quotes and self.quotes[i][0].speaker]
        lexical = [
            pool.ids[i]
            for i, _ in pool.bm25.search(query, self.settings.bm25_k, pool.mask)
            if pool.ids[i] in self.quotes  # a pool of the state before a reload
        ]
        fused = fuse([dense_ids, lexical], self.settings.rrf_k)[:k]
        return [
            QuoteHit(qid, self.quotes[qid][0], self.quotes[qid][1], score, dense.get(qid))
            for qid, score in fused
        ]

    def _chunk_mask(self, filters: Filters) -> np.ndarray:
        """1.0 for the chunks `filters` admits, in BM25 order; cached per filter and store."""
        return self._cached(
            self._masks,
            filters,
            QUOTE_INDEX_CACHE_SIZE,
            lambda: np.array(
                [1.0 if filters.admits(self.chunks[c]) else 0.0 for c in self.chunk_ids],
                dtype=np.float32,
            ),
        )

    def _quote_pool(self, speakers: tuple[str, ...], filters: Filters | None) -> QuotePool:
        """The attributed quotes of these speakers (all when empty) within `filters`, with
        their BM25 index and, for named speakers, their vectors; built once per speaker set,
        filter and store version: big speakers have thousands of transcript turns. All
        speakers' quotes share the index built at load, masked by the filters."""
        everyone = self.attributed
        if not speakers and filters is None:
            return everyone

        def build() -> QuotePool:
            if not speakers:
                admitted = [self._admitted(self.quotes[q][0], filters) for q in everyone.ids]
                return replace(everyone, mask=np.asarray(admitted, dtype=np.float32))
            ids = [
                qid
                for name in speakers
                for qid in self.quotes_by_speaker.get(name, ())
                if filters is None or self._admitted(self.quotes[qid][0], filters)
            ]
            found = self.store.embeddings(self.store.quotes, ids)
            ids = [qid for qid in ids if qid in found]
            rows = [np.asarray(found[q], dtype=np.float32) for q in ids]
            vectors = np.stack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
            bm25 = Bm25Index(self.lexicon, [self.quote_context(qid) for qid in ids])
            return QuotePool(ids, bm25, vectors)

        return self._cached(self._quote_pools, (speakers, filters), QUOTE_INDEX_CACHE_SIZE, build)

    def _admitted(self, quote: Quote, filters: Filters) -> bool:
        chunk = self.chunks.get(quote.chunk_id or "")
        return chunk is not None and filters.admits(chunk)

    def quote_context(self, quote_id: str) -> str:
        return _quote_context(self.quotes[quote_id][0], self.chunks)

    def _dense(
        self, collection: Any, vector: list[float], k: int, where: dict | None
    ) -> dict[str, float]:
        """Ids -> cosine similarity, best first (dict order).

        Queries the Chroma collection directly for ids and distances only, not through
        `ChromaVectorStore.query`, which also fetches every hit's text and metadata and builds
        a llama-index node from each: 17-19 ms against 4 ms per 40 hits on the BBC store (2
        cores; `ask` p50 in benchmarks/bench_query.py, see the commit), and an answer runs two
        to four of these. Writes still go through `ChromaVectorStore`.
        """
        if not self.chunks:
            return {}
        result = collection.query(
            query_embeddings=[vector], n_results=k, where=where, include=["distances"]
        )
        # Cosine space: distance = 1 - cosine similarity.
        return {
            record_id: 1.0 - distance
            for record_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        }
