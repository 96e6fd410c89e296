"""Hybrid retrieval: dense (Chroma, ids and similarities only) + BM25 (tantivy), fused by RRF.

BM25 is tantivy's, on disk under `<store>/lexical/` (ingest/lexical.py), written by ingest in
the same commit order as Chroma: a process opens it in milliseconds instead of building or
unpickling an index over the whole corpus. Documents hold the terms of `ingest/terms.py`, so
stemming and stop words are those of answer verification; llama-index's `BM25Retriever` would
need TextNodes and an in-memory bm25s index. The fusion is our own 10-line `fuse()` because
llama-index's `QueryFusionRetriever` resolves an LLM even with `num_queries=1`, and a pure
function is easy to test.

Chunks and quotes are not held in memory: `Corpus` (app/corpus.py) reads them by id from the
store's records file. Whenever the store's record counts change (checked at most every
`refresh_seconds`) the store copies in what another process or machine committed, so an app
process sees articles ingested elsewhere without a restart, with embedded Chroma or a Chroma
server alike. Only `ingest/store.py` and the modules it is built from talk to Chroma.
"""

from __future__ import annotations

import io
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.corpus import Corpus
from app.settings import RetrievalSettings
from app.types import Filters, Passage
from ingest.embedding import Embedder
from ingest.lexical import LexicalError, LexicalIndex
from ingest.record_filter import RecordFilter
from ingest.records import Derived, RecordsError
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


# Rows of a pool turned back into float32 at a time when scoring: a block (384 KB) stays in
# the CPU's cache for the product, so scoring int8 rows costs little more than float32 rows
# (2.5 against 1.9 ms for 18,585 rows, `python -m benchmarks.pool_int8`).
_SCORE_BLOCK_ROWS = 256
# A speaker set's unfiltered pool of at least this many quotes is kept in the records file,
# with the records' state it was built at (`Records.put_derived`), for the next process: the
# vectors come from Chroma at about 0.04 ms each (its client decodes every number), so the
# two most quoted speakers of the press store took 84-92 ms to build at their first question
# in each process, against about 1 ms to read back (docs/notes/det26.md).
SAVED_POOL_QUOTES = 500
_SAVED_POOL = "quote_pool:"  # its name among the records file's derived data, then the speakers
# Quotes whose float32 vectors are read from the store at a time when a pool is built (3 MB):
# the whole pool in float32 at once (28.5 MB for the most quoted speaker at 100k articles) was
# a transient the process did not always hand back.
_POOL_READ_ROWS = 2048


@dataclass(frozen=True)
class QuotePool:
    """Some speakers' attributed quotes and their vectors, for dense search among them.

    Dense search over one speaker's quotes is an exact dot product here rather than a Chroma
    query with a speaker `where` clause: at 20k articles (126k quotes) Chroma's filtered query
    took 176 ms against 4 ms unfiltered (benchmarks/bench_query.py, see the commit), while a
    speaker's few thousand vectors multiply in well under a millisecond. (Their BM25 side is a
    tantivy query with a speaker filter.)

    The vectors are held in int8, each row with its own scale (its largest component / 127):
    a quarter of float32's memory, the answering process's largest share that grows with the
    store (the most quoted speaker's pool is 28.5 MB in float32 at 100k articles). Scores
    move by less than 2e-3 (1.7e-3 at most at 100k); `python -m benchmarks.pool_int8` compares
    the rankings.
    """

    ids: list[str]
    codes: np.ndarray  # (quotes, dimensions) int8: each row over its scale
    scales: np.ndarray  # (quotes,) float32

    @classmethod
    def of(cls, ids: list[str], vectors: np.ndarray) -> QuotePool:
        """The pool of these quotes' float32 vectors (rows in the order of `ids`)."""
        largest = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, np.float32)
        scales = (np.maximum(largest, 1e-12) / 127).astype(np.float32)
        codes = np.rint(vectors / scales[:, None]).astype(np.int8)
        return cls(ids, codes, scales)

    @classmethod
    def joined(cls, parts: Sequence[QuotePool]) -> QuotePool:
        """One pool of these pools' quotes, in order."""
        if not parts:
            return cls([], np.zeros((0, 0), dtype=np.int8), np.zeros(0, dtype=np.float32))
        return cls(
            [qid for part in parts for qid in part.ids],
            np.concatenate([part.codes for part in parts]),
            np.concatenate([part.scales for part in parts]),
        )

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.scales.nbytes

    def to_bytes(self) -> bytes:
        """The pool as stored (`from_bytes` reads it back equal): ids, codes and scales."""
        out = io.BytesIO()
        np.savez(out, ids=np.asarray(self.ids, dtype=str), codes=self.codes, scales=self.scales)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> QuotePool:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            return cls(stored["ids"].tolist(), stored["codes"], stored["scales"])

    def dense(self, vector: list[float], k: int) -> dict[str, float]:
        """Ids -> cosine similarity, best first (vectors are stored normalised)."""
        if not self.ids:
            return {}
        query = np.asarray(vector, dtype=np.float32)
        scores = np.empty(len(self.ids), dtype=np.float32)
        block = np.empty((_SCORE_BLOCK_ROWS, self.codes.shape[1]), dtype=np.float32)
        for start in range(0, len(self.ids), _SCORE_BLOCK_ROWS):
            rows = self.codes[start : start + _SCORE_BLOCK_ROWS]
            block[: len(rows)] = rows
            np.dot(block[: len(rows)], query, out=scores[start : start + len(rows)])
        scores *= self.scales
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
    ) -> None:
        self.store = store
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
        self._load()

    @property
    def bm25(self) -> LexicalIndex:
        """The chunks' lexical index (old name, kept for callers of `bm25.idf(term)`)."""
        return self.store.lexical.chunks

    # ----- corpus state --------------------------------------------------------------------

    def _load(self) -> None:
        """Bring the store's records file and lexical index up to its committed articles
        (copying in only what another process or machine committed since), then read records
        from the file on demand."""
        stamps = self.store.sync_records()
        self._index_missing(stamps)
        signature = self._store_signature()
        # One assignment: a question answered during a reload meets the old corpus or the
        # new one, never a half-built state.
        self.corpus = Corpus(self.store.records, stamps)
        self._quote_pools: dict[tuple, QuotePool] = {}
        self._signature = signature
        self._written = self.store.written

    def _index_missing(self, stamps: dict[str, str]) -> None:
        """See the lexical index's latest commit and index there the committed articles it
        lacks; when another process holds its writer too long, the next reload tries again
        (meanwhile those articles are found by dense search only)."""
        self.store.lexical.reload()
        try:
            added = self.store.index_missing(stamps)
        except LexicalError as exc:
            log.warning("lexical index not brought up to date: %s", exc)
            return
        if added:
            log.info("indexed %d articles the lexical index lacked", added)

    @property
    def hashes(self) -> dict[str, str]:
        """Committed articles and their stamps."""
        return self.corpus.stamps

    @property
    def chunks(self) -> Mapping[str, Chunk]:
        return self.corpus.chunks

    @property
    def quotes(self) -> Mapping[str, tuple[Quote, str]]:
        return self.corpus.quotes

    @property
    def quotes_by_chunk(self) -> Mapping[str, list[str]]:
        return self.corpus.quotes_by_chunk

    @property
    def quotes_by_speaker(self) -> Mapping[str, list[str]]:
        return self.corpus.quotes_by_speaker

    def _store_signature(self) -> tuple:
        return self.store.change_mark()

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
        if not self.corpus:
            return {}
        return self.store.nearest(collection, vector, self.settings.dense_k, within)

    def _quote_pool(self, speakers: tuple[str, ...], filters: Filters | None) -> QuotePool:
        """The attributed quotes of these speakers within `filters`, with their vectors; built
        once per speaker set, filter and store version: big speakers have thousands of
        transcript turns.

        The pools kept are bounded in bytes held (`quote_pool_cache_mb`) as well as in number,
        least recently used out first: one much-quoted speaker's pool grows with the store
        (18,585 quotes at 100k articles: 28.5 MB in float32, 7.2 MB held). A big unfiltered
        pool is also kept in the records file for other processes (`SAVED_POOL_QUOTES`)."""
        key = (speakers, filters)
        pools = self._quote_pools
        with self._cache_lock:
            pool = pools.pop(key, None)
            if pool is not None:
                pools[key] = pool  # most recently used last
                return pool
        pool = (
            self._saved_pool(speakers) if filters is None else self._built_pool(speakers, filters)
        )
        bound = self.settings.quote_pool_cache_mb * 1e6
        with self._cache_lock:
            pools[key] = pool
            held = sum(p.nbytes for p in pools.values())
            while len(pools) > 1 and (held > bound or len(pools) > QUOTE_INDEX_CACHE_SIZE):
                held -= pools.pop(next(iter(pools))).nbytes
        return pool

    def _saved_pool(self, speakers: tuple[str, ...]) -> QuotePool:
        """The unfiltered pool as another process stored it at the records' present state,
        else built here (and stored when big): the same ids, codes and scales either way."""
        records = self.corpus.records
        name = _SAVED_POOL + json.dumps(speakers, ensure_ascii=False)
        with records.snapshot() as state:
            saved = records.derived(name)
            if saved is not None and saved.state == state:
                return QuotePool.from_bytes(saved.data)
            pool = self._built_pool(speakers, None)
        if len(pool.ids) >= SAVED_POOL_QUOTES:
            try:
                records.put_derived(name, Derived(state, pool.to_bytes()))
            except RecordsError as exc:  # a read-only or full disk: built again next time
                log.warning("quote pool not stored: %s", exc)
        return pool

    def _built_pool(self, speakers: tuple[str, ...], filters: Filters | None) -> QuotePool:
        """The pool read from the store. Unfiltered, only the quotes' ids are read; the vectors
        come page by page (`Store.vectors`), `_POOL_READ_ROWS` at a time, into int8."""
        if filters is None:  # ids only: no quote text read for a pool of thousands
            ids = self.corpus.records.quote_ids_of(speakers)
        else:
            ids = [
                qid for quote, qid in self._quotes_of(speakers) if self._admitted(quote, filters)
            ]
        parts = []
        for start in range(0, len(ids), _POOL_READ_ROWS):
            found = self.store.vectors(self.store.quotes, ids[start : start + _POOL_READ_ROWS])
            if found.ids:  # none of them stored (a reload elsewhere removed them)
                parts.append(QuotePool.of(found.ids, found.matrix))
        return QuotePool.joined(parts)

    def _quotes_of(self, speakers: Sequence[str]) -> list[tuple[Quote, str]]:
        """These speakers' quotes with their ids, speaker by speaker, each in written order."""
        records = self.corpus.records
        return [
            (row.quote, row.id)
            for name in speakers
            for row in records.quotes_where("speaker", [name])
        ]

    def _admitted(self, quote: Quote, filters: Filters) -> bool:
        chunk = self.chunks.get(quote.chunk_id or "")
        return chunk is not None and filters.admits(chunk)
