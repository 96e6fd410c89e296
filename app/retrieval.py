"""Hybrid retrieval: dense (Chroma, ids and similarities only) + BM25 (tantivy), fused by RRF.

BM25 is tantivy's, on disk under `<store>/lexical/` (ingest/lexical.py), written by ingest in
the same commit order as Chroma: a process opens it in milliseconds instead of building or
unpickling an index over the whole corpus. Documents hold the terms of `ingest/terms.py`, so
stemming and stop words are those of answer verification; llama-index's `BM25Retriever` would
need TextNodes and an in-memory bm25s index. The fusion is our own 10-line `fuse()` because
llama-index's `QueryFusionRetriever` resolves an LLM even with `num_queries=1`, and a pure
function is easy to test.

The visible chunks and quotes are still read into memory at start-up (or restored from
`app/corpus_cache.py` when the articles are the same as last time) and re-read for the changed
articles whenever the store's article records change (checked at most every
`refresh_seconds`), so an app process sees articles that another process ingested without a
restart, with embedded Chroma or a Chroma server alike. Only `ingest/store.py` talks to Chroma.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.corpus_cache import CorpusCache, corpus_key
from app.settings import RetrievalSettings
from app.types import Filters, Passage
from ingest.embedding import Embedder
from ingest.lexical import LexicalError, LexicalIndex
from ingest.record_filter import RecordFilter
from ingest.store import Store
from ingest.types import Chunk, Quote

log = logging.getLogger(__name__)

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
    """Some speakers' attributed quotes and their vectors, for dense search among them.

    Dense search over one speaker's quotes is an exact dot product here rather than a Chroma
    query with a speaker `where` clause: at 20k articles (126k quotes) Chroma's filtered query
    took 176 ms against 4 ms unfiltered (benchmarks/bench_query.py, see the commit), while a
    speaker's few thousand vectors multiply in well under a millisecond, exactly. (Their BM25
    side is a tantivy query with a speaker filter.)
    """

    ids: list[str]
    vectors: np.ndarray

    def dense(self, vector: list[float], k: int) -> dict[str, float]:
        """Ids -> cosine similarity, best first (vectors are stored normalised)."""
        if not self.ids:
            return {}
        scores = self.vectors @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return {self.ids[i]: float(scores[i]) for i in top}


def record_filter(filters: Filters | None, speakers: Sequence[str] = ()) -> RecordFilter | None:
    """The app's filters as the store's (source, day range, speakers); None when nothing is
    narrowed. Only the speakers given here count: a chunk has no speaker."""
    since, until = filters.days if filters else (None, None)
    within = RecordFilter(
        source=filters.source if filters else None,
        since=since,
        until=until,
        speakers=tuple(speakers),
    )
    return None if within.empty else within


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
        self.lexicon = store.lexical.lexicon
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
        self._load()

    @property
    def bm25(self) -> LexicalIndex:
        """The chunks' lexical index (old name, kept for callers of `bm25.idf(term)`)."""
        return self.store.lexical.chunks

    # ----- corpus state --------------------------------------------------------------------

    def _load(self) -> None:
        """Read committed articles, then their chunks and quotes from the cache or, when the
        articles changed, from the store; index in the lexical index what it lacks."""
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
        _, chunks, quotes = cached
        self._sync_lexical(hashes, chunks, quotes)
        by_chunk: dict[str, list[str]] = {}
        by_speaker: dict[str, list[str]] = {}  # attributed quotes only
        for qid, (quote, _) in quotes.items():
            if quote.chunk_id:
                by_chunk.setdefault(quote.chunk_id, []).append(qid)
            if quote.speaker:
                by_speaker.setdefault(quote.speaker, []).append(qid)
        # Built before any of it is swapped in: a question answered during a reload meets
        # only a few adjacent assignments, never half-built dicts.
        self.hashes = hashes
        self.chunks, self.quotes = chunks, quotes
        self.quotes_by_chunk, self.quotes_by_speaker = by_chunk, by_speaker
        self._quote_pools: dict[tuple, QuotePool] = {}
        self._signature = signature
        self._written = self.store.written

    def _sync_lexical(
        self,
        hashes: dict[str, str],
        chunks: dict[str, Chunk],
        quotes: dict[str, tuple[Quote, str]],
    ) -> None:
        """See the lexical index's latest commit and index there the committed articles it
        lacks; when another process holds its writer too long, the next reload tries again
        (meanwhile those articles are found by dense search only)."""
        self.store.lexical.reload()
        try:
            added = self.store.sync_lexical(hashes, chunks, quotes)
        except LexicalError as exc:
            log.warning("lexical index not brought up to date: %s", exc)
            return
        if added:
            log.info("indexed %d articles the lexical index lacked", added)

    def _state(self) -> tuple:
        """The loaded state, shaped as the start-up cache saves it."""
        return self.hashes, self.chunks, self.quotes

    def _read(
        self, hashes: dict[str, str], signature: tuple, base: tuple
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]]]:
        """Visible chunks and quotes of these articles, kept from `base` (a state as `_state`
        gives) for the unchanged articles when only some changed."""
        return self._read_changed(hashes, signature, base) or self.store.visible(hashes)

    def _read_changed(
        self, hashes: dict[str, str], signature: tuple, base: tuple
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]]] | None:
        """On a reload after a small ingest: the records in memory for articles whose stamp
        is unchanged, plus those of the changed articles read from Chroma (at about 0.2 ms a
        record, a full read took 100 s at 20k articles). None when most articles changed, or
        when kept and read records do not add up to the store's counts (a lost or damaged
        index, leftovers of a killed ingest): then everything is read, as on a first open."""
        old, old_chunks, old_quotes = base
        changed = [a for a, stamp in hashes.items() if old.get(a) != stamp]
        if not old or len(changed) > len(hashes) // 2:
            return None
        same = {a for a, stamp in hashes.items() if old.get(a) == stamp}
        chunks = {i: c for i, c in old_chunks.items() if c.article_id in same}
        quotes = {i: q for i, q in old_quotes.items() if q[1] in same}
        new_chunks, new_quotes = self.store.visible(hashes, changed)
        chunks |= new_chunks
        quotes |= new_quotes
        if (len(chunks), len(quotes)) != tuple(signature[1:]):
            return None
        return chunks, quotes

    def _store_signature(self) -> tuple:
        counts = self.store.counts()
        return (counts["articles"], counts["chunks"], counts["quotes"])

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
        within = record_filter(filters)
        chunks = self.chunks
        dense = self._nearest(self.store.chunks, vector, within)
        dense_ids = [i for i in dense if i in chunks]
        lexical = [
            hit.id
            for hit in self.store.lexical.chunks.search(
                self.lexicon.terms(query), self.settings.bm25_k, self.hashes, within
            )
            if hit.id in chunks
        ]
        fused = fuse([dense_ids, lexical], self.settings.rrf_k)[:k]
        return [Passage(chunks[i], score, dense.get(i)) for i, score in fused]

    def search_quotes(
        self,
        query: str,
        k: int,
        speakers: Sequence[str] | None = None,
        vector: list[float] | None = None,
        filters: Filters | None = None,
    ) -> list[QuoteHit]:
        """Quotes ranked by RRF of dense (exact over named speakers' quotes, else Chroma) and
        BM25 over the same speakers' attributed quotes (all speakers' when none is named)."""
        self.refresh()
        vector = vector if vector is not None else self.embed_query(query)
        named = tuple(sorted(speakers or ()))
        scope = filters if filters and filters.narrows_passages else None
        quotes = self.quotes
        if named:
            dense = self._quote_pool(named, scope).dense(vector, self.settings.dense_k)
        else:  # Unfiltered is ~20x faster in Chroma; unattributed quotes are dropped below.
            dense = self._nearest(self.store.quotes, vector, record_filter(filters))
        dense_ids = [i for i in dense if i in quotes and quotes[i][0].speaker]
        lexical = [
            hit.id
            for hit in self.store.lexical.quotes.search(
                self.lexicon.terms(query),
                self.settings.bm25_k,
                self.hashes,
                record_filter(scope, named),
            )
            if hit.id in quotes  # indexed by another process since the last reload
        ]
        fused = fuse([dense_ids, lexical], self.settings.rrf_k)[:k]
        return [
            QuoteHit(qid, quotes[qid][0], quotes[qid][1], score, dense.get(qid))
            for qid, score in fused
        ]

    def _nearest(
        self, collection: Any, vector: list[float], within: RecordFilter | None
    ) -> dict[str, float]:
        if not self.chunks:
            return {}
        return self.store.nearest(collection, vector, self.settings.dense_k, within)

    def _quote_pool(self, speakers: tuple[str, ...], filters: Filters | None) -> QuotePool:
        """The attributed quotes of these speakers within `filters`, with their vectors; built
        once per speaker set, filter and store version: big speakers have thousands of
        transcript turns."""

        def build() -> QuotePool:
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
            return QuotePool(ids, vectors)

        return self._cached(self._quote_pools, (speakers, filters), QUOTE_INDEX_CACHE_SIZE, build)

    def _admitted(self, quote: Quote, filters: Filters) -> bool:
        chunk = self.chunks.get(quote.chunk_id or "")
        return chunk is not None and filters.admits(chunk)
