"""The Chroma store: one wrapper for the three collections, embedded or client/server.

- `quotedesk_chunks`: one record per chunk, its fields as metadata (those no `where` reads
  packed into one key, `PACKED`; `flat_metadata` reads them back), without a document:
  a chunk's text is its article's text between `start` and `end`, read from the article
  record (`_texts`). Chroma indexes each document for full-text search, which nothing here
  asks of it, and each metadata value in SQLite: on 6,000 BBC chunk and quote records the
  documents were 0.3-0.4 ms of a 0.8-1.0 ms `add` per record, and llama-index's keys
  (`_node_content`, its node as JSON, 800 bytes a record; `_node_type`, the article id as
  `document_id`, `doc_id`, `ref_doc_id`), which stores written before 2026-12-05 hold, about
  0.1 ms more (`python -m benchmarks.bench_chroma_add`): about 12 s of CPU for the full BBC's
  26k records. Readers need neither (`article_id` names the article).
- `quotedesk_quotes`: one node per quotation with speaker metadata (no document either), so
  "what did X say" is a Chroma `where` filter on `speaker` instead of a Python loop over every
  quote. Quotes get their own collection (not chunk metadata) because a chunk holds several
  speakers and a quote needs its own vector to rank one speaker's words by topic.
- `quotedesk_articles`: the original article text and metadata. A record here is written last
  and is the commit mark of an article: chunks or quotes of an article without a matching
  record (a killed ingest) are invisible to readers and replaced by the next ingest.
- `quotedesk_ledger`: one entry per article written or deleted (id, stamp), appended just
  before the article records change, so in commit order. Chroma returns a collection's records
  in the order they were added, so a replica that remembers how many entries it read
  (`Records.ledger_mark`) reads only the newer ones at its next open: what another machine
  changed, without reading every article's stamp (0.09 s per 1k articles). An entry is a hint,
  not a commit: a killed write leaves an entry whose article Chroma never got, which readers
  keep looking at (`LedgerMark.pending`) and which changes nothing.

Beside Chroma, `ArticleArchive` (ingest/archive.py) keeps a copy of every article in plain
files under the store folder, written first: what `rebuild` re-creates every index from, even
when the Chroma folder is gone; and `LexicalStore` (ingest/lexical.py) keeps the BM25 indexes
under `lexical/`, written before the Chroma records and trimmed after them, so that the article
record stays the one commit mark of both.

This module is the only one that talks to Chroma: readers get our records (`Chunk`, `Quote`),
ids with similarities, and `StoreError` for whatever Chroma raises while reading.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ingest.archive import ArticleArchive
from ingest.dates import day_number
from ingest.ids import chunk_id, quote_id
from ingest.lexical import Commit, LexicalError, LexicalStore
from ingest.record_filter import RecordFilter
from ingest.records import FILE_NAME, Derived, LedgerEntry, LedgerMark, Records, RecordsError
from ingest.sentence_vectors import FOLDER as SENTENCE_FOLDER
from ingest.types import Article, Chunk, Quote

CHUNKS = "quotedesk_chunks"
QUOTES = "quotedesk_quotes"
ARTICLES = "quotedesk_articles"
LEDGER = "quotedesk_ledger"
# Its name among the records file's derived data: the records state and lexical index commit at
# which the two last agreed (`Store.index_missing`).
LEXICAL_CHECK = "lexical_check"
# HNSW of the chunk and quote collections. `ef_construction` 100 (Chroma's default; 200 before
# 2026-12-05): an insert searches fewer candidates, and its cost grows with the collection. The
# full BBC's 25,527 records replayed (`python -m benchmarks.bench_chroma_add --variants
# stored,stored-ef100`): 0.70 / 0.76 -> 0.54 / 0.58 ms of CPU a record; the BBC dev eval (500)
# unchanged on a store ingested with it (docs/notes/perf21.md). Stores made before keep 200:
# Chroma keeps a collection's settings, whatever `get_or_create_collection` is given.
_HNSW = {"hnsw": {"space": "cosine", "ef_construction": 100, "ef_search": 200}}
# What `Store.persist_vectors` sets for a moment: embedded Chroma saves a collection's HNSW index
# when it applies at least `sync_threshold` records at once, so at 1 the next apply saves it.
# `batch_size` must not exceed it; what they are put back to when a collection does not say
# (Chroma's defaults, `populate_create_hnsw_defaults`).
_SAVE_NOW = {"batch_size": 1, "sync_threshold": 1}
_SAVE_DEFAULTS = {"batch_size": 100, "sync_threshold": 1000}
_ARTICLE_VECTOR = [1.0]  # the articles collection is a record store; Chroma needs a vector
_ARTICLES_PER_READ = 500  # article ids per Chroma `$in` filter
_VECTORS_PER_READ = 64  # vectors per Chroma request (see `Store.vectors`)


# The metadata a stored record copies from a chunk or a quote: every field but the text (the
# record's document) and the chunk id (the record's id), in the dataclass's order.
_CHUNK_FIELDS = tuple(f.name for f in fields(Chunk) if f.name not in ("text", "id"))
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote) if f.name != "text")


class StoredVectors(NamedTuple):
    """Records' ids and their stored vectors, row for row (float32)."""

    ids: list[str]
    matrix: np.ndarray


class StoreError(RuntimeError):
    """A store that cannot be opened or read; the message says what to do."""


@contextlib.contextmanager
def _reading(what: str, location: str) -> Iterator[None]:
    """Chroma's errors while reading (a damaged or vanished database, a full disk, a server
    gone away) become one `StoreError` that says what failed and what to do."""
    from chromadb.errors import ChromaError

    try:
        yield
    except (ChromaError, OSError) as exc:
        raise StoreError(
            f"cannot read {what} from the store at {location} ({exc}); if its disk is full, "
            "free space and retry, else run `quotedesk rebuild`"
        ) from exc


def refused_write(exc: BaseException) -> bool:
    """OS errors (the records file and the lexical index raise OSError subclasses) and
    Chroma's own errors: the store refused a write, which is not a bug of ours. Here so that
    no module but this one imports chromadb (`ingest/pipeline.py` can call this)."""
    from chromadb.errors import ChromaError

    return isinstance(exc, (OSError, ChromaError))


class Store:
    """Chroma collections of one quotedesk store. Built by `open`; tests may pass a client."""

    def __init__(
        self,
        client: Any,
        location: str,
        archive: ArticleArchive,
        reopen: Callable[[], Any] | None = None,
        lexical: LexicalStore | None = None,
    ) -> None:
        self.location = location
        self.archive = archive
        # Beside the archive by default: `<store>/lexical` (the archive is `<store>/articles`).
        try:
            self.lexical = lexical or LexicalStore(archive.root.parent / "lexical")
            self.records = Records(archive.root.parent / FILE_NAME)
        except (LexicalError, RecordsError) as exc:
            raise StoreError(str(exc)) from exc
        self._reopen = reopen  # makes a fresh embedded client; None for a Chroma server
        self._lock = threading.RLock()  # a reopen waits for this process's writes
        self.written = 0  # batches this process wrote: its own changes need no reopen
        self._attach(client)
        self.max_batch = int(client.get_max_batch_size())
        self.read_page = min(self.max_batch, 5000)  # records per read request

    def _attach(self, client: Any) -> None:
        try:
            chunks = client.get_or_create_collection(
                CHUNKS, embedding_function=None, configuration=_HNSW
            )
            quotes = client.get_or_create_collection(
                QUOTES, embedding_function=None, configuration=_HNSW
            )
            articles = client.get_or_create_collection(ARTICLES, embedding_function=None)
            ledger = client.get_or_create_collection(LEDGER, embedding_function=None)
        except Exception as exc:  # Chroma raises many types for a damaged store
            raise StoreError(
                f"cannot open the store at {self.location} ({exc}); "
                "run `quotedesk rebuild` to re-create its indexes"
            ) from exc
        self.client, self.chunks, self.quotes, self.articles = client, chunks, quotes, articles
        self.ledger = ledger

    @property
    def chunk_vectors(self) -> Any:
        """llama-index's view of the chunk collection, for writes and llama-index baselines;
        made on use, so that answering a question never imports llama-index (start-up time)."""
        return _vector_store(self.chunks)

    @property
    def quote_vectors(self) -> Any:
        return _vector_store(self.quotes)

    @property
    def sentence_folder(self) -> Path:
        """Where the sentence vectors live: beside the article archive (`<store>/articles`),
        so local with a Chroma server too."""
        return self.archive.root.parent / SENTENCE_FOLDER

    def reopen(self) -> None:
        """See vectors another process wrote into the embedded store.

        An embedded Chroma client keeps its HNSW index in memory and never reloads it, so
        another process's new vectors stay invisible to `query` (Chroma: `PersistentClient` is
        not process-safe). A fresh client replays them from Chroma's log. Queries already
        running finish on the old client; writes of this process are waited for.
        """
        if self._reopen is None:
            return
        with self._lock:
            self._attach(self._reopen())

    def persist_vectors(self) -> None:
        """Leave the chunk and quote HNSW indexes wholly saved on disk, so that every process
        that opens the store searches the same graph. Called after an ingest or rebuild.

        Why: embedded Chroma saves a collection's index only when `sync_threshold` (1,000)
        records were applied since the last save; the records after it (the last ingest batch)
        stay in its log, and every process that opens the store adds them to its in-memory
        graph again, in parallel and in an order that differs from process to process, which
        changes the graph's paths to older records too: on the press store (108 chunks in the
        log) one query left out a true neighbour in 3 processes of 10, 0 of 10 once saved
        (docs/notes/det26.md). Chroma 1.5 has no call that saves an index: its threshold is set
        to 1 for a moment, a fresh client applies the log (`count` does) and so saves it, and
        the collection's own settings are put back. A fresh client then loads the saved graph,
        so this process searches it too. Nothing to do with a Chroma server, whose one process
        holds the index for every client."""
        if self._reopen is None:
            return
        with self._lock:
            collections = (self.chunks, self.quotes)
            kept = [_hnsw_to_keep(c) for c in collections]
            for collection in collections:
                collection.modify(configuration={"hnsw": _SAVE_NOW})
            try:
                self._attach(self._reopen())
                for collection in (self.chunks, self.quotes):
                    collection.count()  # applies the log: saves the index at threshold 1
            finally:
                for collection, hnsw in zip((self.chunks, self.quotes), kept, strict=True):
                    collection.modify(configuration={"hnsw": hnsw})
                self._attach(self._reopen())

    @classmethod
    def open(cls, store_dir: Path, chroma_url: str | None = None) -> Store:
        """Embedded Chroma in `store_dir/chroma`, or a Chroma server when a URL is given.

        The article archive is always local, in `store_dir/articles` (with a server, each
        machine that ingests keeps the copies of what it ingested).
        """
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        archive = ArticleArchive(Path(store_dir) / "articles")
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if chroma_url:
            from urllib.parse import urlparse

            parsed = urlparse(chroma_url)
            try:
                client = chromadb.HttpClient(
                    host=parsed.hostname or "127.0.0.1",
                    port=parsed.port or 8000,
                    ssl=parsed.scheme == "https",
                    settings=chroma_settings,
                )
            except Exception as exc:
                raise StoreError(f"cannot reach the Chroma server at {chroma_url} ({exc})") from exc
            return cls(client, chroma_url, archive)
        path = Path(store_dir) / "chroma"
        path.mkdir(parents=True, exist_ok=True)

        def fresh_client() -> Any:
            from chromadb.api.client import SharedSystemClient

            # Chroma shares one client per path in a process; drop ours to get a new one, and
            # its count of clients: else the new client is never released by `close` (it
            # counts the dropped ones too), and another client of the path with other
            # settings is refused for the rest of the process.
            SharedSystemClient._identifier_to_system.pop(str(path), None)
            SharedSystemClient._identifier_to_refcount.pop(str(path), None)
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)

        try:
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:  # a damaged database file raises Chroma's InternalError
            raise StoreError(
                f"cannot open the store at {path} ({exc}); if its database is damaged, move "
                "that folder away and run `quotedesk rebuild`: it re-creates every index "
                "from the article archive"
            ) from exc
        return cls(client, str(path), archive, reopen=fresh_client)

    # ----- reading -------------------------------------------------------------------------

    def article_hashes(self) -> dict[str, str]:
        """Committed articles and their stamps, read in pages under the batch limit."""
        return {
            record_id: meta.get("hash", "")
            for record_id, meta in self.iter_records(self.articles, include=["metadatas"])
        }

    def counts(self) -> dict[str, int]:
        with _reading("the record counts", self.location):
            return {
                "articles": self.articles.count(),
                "chunks": self.chunks.count(),
                "quotes": self.quotes.count(),
            }

    def change_mark(self) -> tuple[int, ...]:
        """What moves whenever any process writes: the record counts, and the ledger's length,
        which also grows when an article is replaced elsewhere with as many records."""
        counts = self.counts()
        with _reading("the ledger", self.location):
            ledger = self.ledger.count()
        return (counts["articles"], counts["chunks"], counts["quotes"], ledger)

    def visible(
        self, hashes: Mapping[str, str], article_ids: Sequence[str] | None = None
    ) -> tuple[dict[str, Chunk], dict[str, tuple[Quote, str]]]:
        """The chunks and the quotes (with their article id) of committed articles: records
        whose article record holds their stamp (`hashes`); of `article_ids` only, when given."""
        chunks: dict[str, Chunk] = {}
        quotes: dict[str, tuple[Quote, str]] = {}
        wanted = list(hashes) if article_ids is None else list(article_ids)
        for ids in _pages(wanted, _ARTICLES_PER_READ):
            texts = self._texts(ids)
            where = {"article_id": {"$in": list(ids)}}
            for record_id, packed in self.iter_records(self.chunks, ["metadatas"], where):
                meta = flat_metadata(packed)
                if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                    text = _span_text(texts, meta)
                    chunk = chunk_from_metadata(record_id, text, meta)
                    chunks[chunk.id] = chunk
            for record_id, packed in self.iter_records(self.quotes, ["metadatas"], where):
                meta = flat_metadata(packed)
                if hashes.get(meta.get("article_id")) == meta.get("article_hash"):
                    article_id = shared(meta["article_id"])
                    quote = quote_from_metadata(_span_text(texts, meta), meta)
                    quotes[record_id] = (quote, article_id)
        return chunks, quotes

    def _texts(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The stored texts of these articles (at most `read_page` ids): where chunk and quote
        texts are read from, as their records hold no document."""
        with _reading("article texts", self.location):
            result = self.articles.get(ids=list(article_ids), include=["documents"])
        return dict(zip(result["ids"], result["documents"], strict=True))

    def nearest(
        self, collection: Any, vector: Sequence[float], k: int, within: RecordFilter | None = None
    ) -> dict[str, float]:
        """Ids -> cosine similarity of the `k` nearest records, best first (dict order).

        Ids and distances only, not through `ChromaVectorStore.query`, which also fetches every
        hit's text and metadata and builds a llama-index node from each: 17-19 ms against 4 ms
        per 40 hits on the BBC store (2 cores; `ask` p50 in benchmarks/bench_query.py)."""
        with _reading("nearest records", self.location):
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

    def sync_lexical(
        self,
        hashes: Mapping[str, str],
        chunks: Mapping[str, Chunk],
        quotes: Mapping[str, tuple[Quote, str]],
    ) -> list[Commit]:
        """Index the committed articles the lexical indexes lack or hold in another version,
        from their records (`chunks`, `quotes`: those `visible` returned); returns the commits
        of their stamps, in order.

        Why a reader writes: a store written before the lexical index existed, or by another
        machine into a shared Chroma server, has articles no local ingest indexed."""
        indexed = self.lexical.stamps.of(list(hashes))
        missing = {a: stamp for a, stamp in hashes.items() if indexed.get(a) != stamp}
        commits = []
        for ids in _pages(list(missing), _ARTICLES_PER_READ):
            wanted = set(ids)
            commits.append(
                self.lexical.write(
                    {a: missing[a] for a in ids},
                    [c for c in chunks.values() if c.article_id in wanted],
                    [(qid, q, a) for qid, (q, a) in quotes.items() if a in wanted],
                )
            )
        return commits

    def sync_records(self) -> Mapping[str, str]:
        """Bring the records file up to the committed articles; returns their marks, as a
        mapping read from the records file on demand (`Records.marks`).

        The records file marks an article after its Chroma record, and unmarks it before. What
        other processes or machines changed since this file last looked is in the ledger
        entries written since (`LedgerMark`): only the articles they name are looked up in
        Chroma, and only those that differ are copied in. A file that never followed this
        ledger (a store or records file written before it existed) compares the counts, and
        only when they differ reads every Chroma article stamp (~0.1 ms an article), once.
        Then, or when the counts still differ after the ledger's changes (a writer that does
        not log), the whole store is compared as before the ledger.

        Only the marks of the articles the new entries name are read (`Records.marks_of`):
        reading every mark into a dict cost 0.14 s and 30 MB at 100k articles, per open."""
        seen = self.records.ledger_mark()
        ledger = str(self.ledger.id)
        # Counted before the article stamps are read: later entries are read next time.
        with _reading("the ledger", self.location):
            total = self.ledger.count()
        if seen is None or seen.ledger != ledger or seen.position > total:
            self._copy_all()
            self.records.move_ledger(seen, LedgerMark(ledger, total, ()))
            return self.records.marks()
        entries = [
            LedgerEntry(meta["article_id"], meta.get("stamp", ""))
            for _, meta in self.iter_records(self.ledger, ["metadatas"], start=seen.position)
        ]
        latest = {e.article_id: e for e in (*seen.pending, *entries)}  # later entries win
        # Read before Chroma is: `_copy_in` leaves an article another process commits meanwhile.
        marks = self.records.marks_of(list(latest))
        # This process's own writes (its marks already hold the stamp) need no look.
        looked = [a for a, e in latest.items() if marks.get(a, "") != e.stamp]
        found = self.stamps_of(looked)
        gone = [a for a in looked if a in marks and a not in found]
        self._copy_in(marks, {a: found[a] for a in looked if a in found}, gone)
        pending = tuple(latest[a] for a in looked if found.get(a, "") != latest[a].stamp)
        self._copy_all()
        self.records.move_ledger(seen, LedgerMark(ledger, seen.position + len(entries), pending))
        return self.records.marks()

    def _copy_all(self) -> None:
        """When the records file's mark count and Chroma's article count differ, compare every
        Chroma article stamp with every mark and copy in what differs."""
        if self.records.article_count() == self._article_count():
            return
        stamps = self.records.stamps()
        hashes = self.article_hashes()
        self._copy_in(stamps, hashes, [a for a in stamps if a not in hashes])

    def _article_count(self) -> int:
        with _reading("the article count", self.location):
            return self.articles.count()

    def _copy_in(
        self, stamps: Mapping[str, str], hashes: Mapping[str, str], gone: Sequence[str]
    ) -> None:
        """Unmark `gone` (deleted elsewhere) and copy in the articles of `hashes` (Chroma's
        stamps) whose mark differs; `stamps` are the marks read before Chroma was, so an
        article another process committed meanwhile is left to it (`Records.write`)."""
        if gone:
            self.records.uncommit(gone, seen=stamps)
        changed = [a for a, stamp in hashes.items() if stamps.get(a) != stamp]
        for ids in _pages(changed, _ARTICLES_PER_READ):
            chunks, quotes = self.visible(hashes, ids)
            found = {a: hashes[a] for a in ids}
            rows = [(qid, q, a) for qid, (q, a) in quotes.items()]
            self.records.write(found, chunks.values(), rows, seen=stamps)

    def stamps_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Chroma's stamps of these articles (absent: not committed)."""
        found: dict[str, str] = {}
        for ids in _pages(list(article_ids), self.read_page):
            with _reading("article stamps", self.location):
                result = self.articles.get(ids=list(ids), include=["metadatas"])
            found.update(
                (a, meta.get("hash", ""))
                for a, meta in zip(result["ids"], result["metadatas"], strict=True)
            )
        return found

    def index_missing(self, stamps: Mapping[str, str]) -> int:
        """Index in the lexical index, from the records file, the committed articles (`stamps`:
        the records file's marks, as `sync_records` returns them) it lacks or holds in another
        version; returns how many (see `sync_lexical`).

        Not every article at every open: the records file keeps the records state and the
        lexical index's commit (`LexicalStore.stamps.version`) at which the two were last found
        to agree (`LEXICAL_CHECK`). When the lexical index has not committed since, only the
        articles whose marks changed since that state are compared (`Records.article_changes`:
        after another machine's ingest, the few it wrote); else every article is (0.7 s and
        135 MB at 100k articles). The check is stored only when no other process committed
        stamps to the lexical index meanwhile (each of this one's commits began at the version
        the last one left, and none followed), so a killed ingest's lexical commit (stamps of a
        version never marked) is always compared."""
        records = self.records
        version = self.lexical.stamps.version()
        saved = records.derived(LEXICAL_CHECK)
        with records.snapshot() as state:
            known = saved is not None and saved.data == version
            if known and saved.state == state:
                return 0
            changed = records.article_changes(saved.state) if known else None
            if changed is None:
                marks = dict(stamps.items())
                indexed = self.lexical.stamps.read()
            else:
                marks = {a: stamps[a] for a in sorted(changed) if a in stamps}
                indexed = self.lexical.stamps.of(list(marks))
        missing = [a for a, stamp in marks.items() if indexed.get(a) != stamp]
        commits: list[Commit] = []
        for ids in _pages(missing, _ARTICLES_PER_READ):
            chunks = {c.id: c for c in self.records.chunks_of(ids)}
            quotes = {
                s.id: (s.quote, s.article_id) for s in self.records.quotes_where("article_id", ids)
            }
            commits += self.sync_lexical({a: marks[a] for a in ids}, chunks, quotes)
        ours = [version] + [c.after for c in commits]
        alone = all(c.before == last for c, last in zip(commits, ours, strict=False))
        if alone and self.lexical.stamps.version() == ours[-1]:
            with contextlib.suppress(RecordsError):  # a read-only file: compare again next time
                records.put_derived(LEXICAL_CHECK, Derived(state, ours[-1]))
        return len(missing)

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
            chunk_from_metadata(record_id, _span_text(texts, meta), meta)
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
            with _reading("records", self.location):
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
            with _reading("vectors", self.location):
                result = collection.get(
                    ids=list(ids[start : start + _VECTORS_PER_READ]), include=["embeddings"]
                )
            if not result["ids"]:
                continue
            page = np.asarray(result["embeddings"], dtype=np.float32)
            if rows is None:
                rows = np.empty((len(ids), page.shape[1]), dtype=np.float32)
            where = [at[record_id] for record_id in result["ids"]]
            rows[where] = page
            present[where] = True
        if rows is None:
            return StoredVectors([], np.zeros((0, 0), dtype=np.float32))
        kept = np.flatnonzero(present)
        matrix = rows if len(kept) == len(ids) else rows[kept]
        return StoredVectors([ids[n] for n in kept], matrix)

    # ----- writing -------------------------------------------------------------------------

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
        for ids in _pages(list(article_ids), self.read_page):
            with _reading("what is stored of these articles", self.location):
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
        article records change: see the module docstring)."""
        for start in range(0, len(entries), self.max_batch):
            page = entries[start : start + self.max_batch]
            self.ledger.add(
                ids=[uuid.uuid4().hex for _ in page],
                embeddings=np.ones((len(page), 1), dtype=np.float32),
                metadatas=[{"article_id": e.article_id, "stamp": e.stamp} for e in page],
            )

    def _add(
        self, collection: Any, records: Sequence[_Record], vectors: Sequence[Sequence[float]]
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
        quotes: Sequence[tuple[str, Quote]],
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
            chunk_records = [_chunk_record(c, stamps[c.article_id]) for c in chunks]
            quote_records = []
            for qid, q in quotes:
                article = by_id[qid.rsplit(":", 1)[0]]
                quote_records.append(_quote_record(qid, q, article, stamps[article.id]))
            self.lexical.write(
                article_stamps,
                chunks,
                [(qid, q, qid.rsplit(":", 1)[0]) for qid, q in quotes],
            )
            self._add(self.chunks, chunk_records, chunk_vectors)
            self._add(self.quotes, quote_records, quote_vectors)
            self._log([LedgerEntry(a.id, stamps[a.id]) for a in articles])
            for start in range(0, len(articles), self.max_batch):
                batch = articles[start : start + self.max_batch]
                self.articles.upsert(
                    ids=[a.id for a in batch],
                    embeddings=[_ARTICLE_VECTOR for _ in batch],
                    documents=[a.text for a in batch],
                    metadatas=[_article_metadata(a, stamps[a.id]) for a in batch],
                )
            rows = [(qid, q, qid.rsplit(":", 1)[0]) for qid, q in quotes]
            self.records.write(article_stamps, chunks, rows)  # rows and marks, last
            self.written += 1


def _hnsw_to_keep(collection: Any) -> dict[str, int]:
    """The collection's own `batch_size` and `sync_threshold`, to put back after a save; a
    value of `_SAVE_NOW` is what a save killed midway left, and Chroma's default replaces it
    (else every later write would save the whole index)."""
    hnsw = collection.configuration["hnsw"]
    return {
        key: default if hnsw.get(key, default) == _SAVE_NOW[key] else hnsw.get(key, default)
        for key, default in _SAVE_DEFAULTS.items()
    }


def where(within: RecordFilter) -> dict[str, Any] | None:
    """The filter as a Chroma `where` clause on chunk and quote metadata (None: no filter)."""
    clauses: list[dict[str, Any]] = []
    if within.source:
        clauses.append({"source": within.source})
    if within.since is not None:
        clauses.append({"day": {"$gte": within.since}})
    if within.until is not None:
        clauses.append({"day": {"$lte": within.until}})
    if within.speakers:
        clauses.append({"speaker": {"$in": list(within.speakers)}})
    if len(clauses) > 1:
        return {"$and": clauses}
    return clauses[0] if clauses else None


def _pages(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def _vector_store(collection: Any) -> Any:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    return ChromaVectorStore(chroma_collection=collection)


def _clean(meta: dict[str, Any]) -> dict[str, Any]:
    """Chroma metadata takes str/int/float/bool only: drop the empty values."""
    return {k: v for k, v in meta.items() if v is not None and v != ()}


def _article_metadata(article: Article, stamp: str) -> dict[str, Any]:
    meta = asdict(article)
    meta.pop("text")
    meta.pop("id")
    meta["hash"] = stamp
    meta["ingested_at"] = time.time()
    return _clean(meta)


def article_from_record(text: str, meta: dict[str, Any], article_id: str) -> Article:
    return Article(
        id=article_id,
        title=meta.get("title", ""),
        text=text,
        source=meta.get("source"),
        published=meta.get("published"),
        url=meta.get("url"),
        section=meta.get("section"),
        origin=meta.get("origin"),
    )


class _Record(NamedTuple):
    """One chunk or quote record for Chroma: its id and flat metadata (no document)."""

    id: str
    metadata: dict[str, Any]


def _chunk_record(chunk: Chunk, article_hash: str) -> _Record:
    meta = {name: getattr(chunk, name) for name in _CHUNK_FIELDS}
    meta["article_hash"] = article_hash
    meta["day"] = day_number(chunk.published)  # what the date filter compares
    return _Record(chunk.id, _packed(_clean(meta)))


def _quote_record(quote_id: str, quote: Quote, article: Article, stamp: str) -> _Record:
    meta = {name: getattr(quote, name) for name in _QUOTE_FIELDS}
    meta["article_id"] = article.id
    meta["article_hash"] = stamp
    # The source and date filters are Chroma `where` clauses on quotes too.
    meta["source"] = article.source
    meta["day"] = day_number(article.published)
    return _Record(quote_id, _packed(_clean(meta)))


# The metadata keys a Chroma `where` reads (`where`; the deletes and reads by article id): each
# its own key. Every other field of a chunk or quote record is packed into one JSON string,
# `PACKED`: Chroma writes one SQLite row, and an index entry, per key of a record, so 12-13
# keys cost more than 5. The full BBC's 25,527 records replayed (`python -m
# benchmarks.bench_chroma_add --variants stored,stored-packed`): 0.70 / 0.76 -> 0.61 / 0.59 ms
# of CPU a record; with `ef_construction` 100 too, 3,050 records (300 articles): 0.48 -> 0.31
# (docs/notes/perf21.md). Records written before 2026-12-05 (perf21) hold every field as its
# own key; `flat_metadata` reads both.
FILTERED_KEYS = ("article_id", "source", "day", "speaker")
PACKED = "packed"


def _packed(meta: dict[str, Any]) -> dict[str, Any]:
    kept = {k: v for k, v in meta.items() if k in FILTERED_KEYS}
    rest = {k: v for k, v in meta.items() if k not in FILTERED_KEYS}
    kept[PACKED] = json.dumps(rest, ensure_ascii=False, separators=(",", ":"))
    return kept


def flat_metadata(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A chunk or quote record's metadata as Chroma returns it, with its packed fields (if it
    has any: see `PACKED`) as keys of their own again: what every reader of those fields
    takes."""
    flat = {k: v for k, v in meta.items() if k != PACKED}
    packed = meta.get(PACKED)
    if packed is not None:
        flat.update(json.loads(packed))
    return flat


def shared(value: str | None) -> str | None:
    """One string object per distinct value. An app holds every chunk and quote of the store
    in memory, and Chroma returns a new string per record for values that repeat across
    thousands of them (article ids, titles, sources, speakers, cues)."""
    return sys.intern(value) if value else None


def _span_text(article_texts: Mapping[str, str], meta: dict[str, Any]) -> str:
    """A chunk's or quote's text: its article's text between its `start` and `end`."""
    return article_texts[meta["article_id"]][int(meta["start"]) : int(meta["end"])]


def chunk_from_metadata(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a `Chunk` from its text and what Chroma returns (flat metadata)."""
    return Chunk(
        id=shared(chunk_id),
        article_id=shared(meta["article_id"]),
        index=int(meta["index"]),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        paragraph_start=int(meta["paragraph_start"]),
        paragraph_end=int(meta["paragraph_end"]),
        title=shared(meta.get("title")) or "",
        source=shared(meta.get("source")),
        published=shared(meta.get("published")),
        url=shared(meta.get("url")),
    )


def quote_from_metadata(text: str, meta: dict[str, Any]) -> Quote:
    return Quote(
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        kind=shared(meta.get("kind")) or "direct",
        speaker=shared(meta.get("speaker")),
        speaker_as_written=shared(meta.get("speaker_as_written")),
        role=shared(meta.get("role")),
        cue=shared(meta.get("cue")),
        chunk_id=shared(meta.get("chunk_id")),
        rule=shared(meta.get("rule")),
    )
