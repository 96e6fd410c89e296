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

`Store` is built from one-job parts, and they are the only modules that talk to Chroma:
`ingest/chroma_client.py` (the client, the collections, Chroma's errors),
`ingest/chroma_codec.py` (records to Chroma metadata and back, `where` clauses; no Chroma),
`ingest/store_read.py` (reading), `ingest/store_write.py` (writing in commit order),
`ingest/store_sync.py` (the records file and lexical index brought up to Chroma) and
`ingest/vector_save.py` (the HNSW indexes saved on disk). Readers get our records (`Chunk`,
`Quote`), ids with similarities, and `StoreError` for whatever Chroma raises while reading.
This module opens a store and re-exports what callers import from it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.archive import ArticleArchive
from ingest.chroma_client import (
    ARTICLES,
    CHUNKS,
    LEDGER,
    QUOTES,
    StoreError,
    connect,
    refused_write,
)
from ingest.chroma_codec import (
    FILTERED_KEYS,
    PACKED,
    article_from_record,
    chunk_from_metadata,
    flat_metadata,
    quote_from_metadata,
    shared,
    where,
)
from ingest.lexical import LexicalError, LexicalStore
from ingest.records import FILE_NAME, Records, RecordsError
from ingest.sentence_vectors import FOLDER as SENTENCE_FOLDER
from ingest.store_read import StoredVectors
from ingest.store_sync import LEXICAL_CHECK, RecordsSync
from ingest.store_write import StoreWrites
from ingest.vector_save import save_indexes

__all__ = [
    "ARTICLES",
    "CHUNKS",
    "FILTERED_KEYS",
    "LEDGER",
    "LEXICAL_CHECK",
    "PACKED",
    "QUOTES",
    "Store",
    "StoreError",
    "StoredVectors",
    "article_from_record",
    "chunk_from_metadata",
    "flat_metadata",
    "quote_from_metadata",
    "refused_write",
    "shared",
    "where",
]

log = logging.getLogger(__name__)


class Store(RecordsSync, StoreWrites):
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
        that opens the store searches the same graph (`ingest/vector_save.py` says why and
        how). Called after an ingest or rebuild; a fresh client then loads the saved graph, so
        this process searches it too. Nothing to do with a Chroma server, whose one process
        holds the index for every client.

        A failure is one log line, not an error: the data is already committed, and every
        process that opens the store replays Chroma's log into its graph as before the save
        existed; the next ingest (or this call again) saves it."""
        if self._reopen is None:
            return
        reopen = self._reopen

        def reattach() -> tuple[Any, Any]:
            self._attach(reopen())
            return self.chunks, self.quotes

        with self._lock:
            try:
                save_indexes((self.chunks, self.quotes), reattach)
            except Exception as exc:  # noqa: BLE001 - Chroma raises many types; data is safe
                log.warning(
                    "could not save the vector indexes of the store at %s (%s: %s); the "
                    "ingest is committed, and each process that opens the store replays "
                    "Chroma's log until the next ingest saves them",
                    self.location,
                    type(exc).__name__,
                    exc,
                )

    @classmethod
    def open(cls, store_dir: Path, chroma_url: str | None = None) -> Store:
        """Embedded Chroma in `store_dir/chroma`, or a Chroma server when a URL is given.

        The article archive is always local, in `store_dir/articles` (with a server, each
        machine that ingests keeps the copies of what it ingested).
        """
        archive = ArticleArchive(Path(store_dir) / "articles")
        client, location, reopen = connect(Path(store_dir), chroma_url)
        return cls(client, location, archive, reopen=reopen)


def _vector_store(collection: Any) -> Any:
    from llama_index.vector_stores.chroma import ChromaVectorStore

    return ChromaVectorStore(chroma_collection=collection)
