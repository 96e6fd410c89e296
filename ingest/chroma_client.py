"""Chroma's client and collections: the four collection names and the vector collections'
HNSW settings, a client for an embedded store or a Chroma server (`connect`), the collections
of a client (`open_collections`), and Chroma's errors made into `StoreError` (`reading`) or
recognised as a refused write (`refused_write`). With `ingest/store.py` and the modules it is
built from, the only place that imports chromadb.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ingest.archive import ArticleArchive
from ingest.lexical import LexicalStore
from ingest.records import Records

CHUNKS = "quotedesk_chunks"
QUOTES = "quotedesk_quotes"
ARTICLES = "quotedesk_articles"
LEDGER = "quotedesk_ledger"
# HNSW of the chunk and quote collections. `ef_construction` 100 (Chroma's default; 200 before
# 2026-12-05): an insert searches fewer candidates, and its cost grows with the collection. The
# full BBC's 25,527 records replayed (`python -m benchmarks.bench_chroma_add --variants
# stored,stored-ef100`): 0.70 / 0.76 -> 0.54 / 0.58 ms of CPU a record; the BBC dev eval (500)
# unchanged on a store ingested with it (docs/notes/perf21.md). Stores made before keep 200:
# Chroma keeps a collection's settings, whatever `get_or_create_collection` is given.
_HNSW = {"hnsw": {"space": "cosine", "ef_construction": 100, "ef_search": 200}}


class StoreError(RuntimeError):
    """A store that cannot be opened or read; the message says what to do."""


class Collections(NamedTuple):
    """The four collections of one client."""

    chunks: Any
    quotes: Any
    articles: Any
    ledger: Any


class Connection(NamedTuple):
    """A client, where it reads from (a folder or a URL), and how to make a fresh one: None
    for a Chroma server, whose one process every client sees."""

    client: Any
    location: str
    reopen: Callable[[], Any] | None


class StoreBase:
    """The parts of an open store that `Store` and the classes it is built from share (set by
    `Store.__init__`): declared here so that each of those classes names what it reads."""

    location: str
    archive: ArticleArchive
    lexical: LexicalStore
    records: Records
    client: Any
    chunks: Any
    quotes: Any
    articles: Any
    ledger: Any
    max_batch: int
    read_page: int
    written: int
    _lock: threading.RLock

    def _attach(self, client: Any) -> None:
        """Use this client's collections from now on (all four, or none if one fails)."""
        self.chunks, self.quotes, self.articles, self.ledger = open_collections(
            client, self.location
        )
        self.client = client


@contextlib.contextmanager
def reading(what: str, location: str) -> Iterator[None]:
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
    no module but the store's imports chromadb (`ingest/pipeline.py` can call this)."""
    from chromadb.errors import ChromaError

    return isinstance(exc, (OSError, ChromaError))


def open_collections(client: Any, location: str) -> Collections:
    """The client's four collections, made if missing."""
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
            f"cannot open the store at {location} ({exc}); "
            "run `quotedesk rebuild` to re-create its indexes"
        ) from exc
    return Collections(chunks, quotes, articles, ledger)


def connect(store_dir: Path, chroma_url: str | None = None) -> Connection:
    """Embedded Chroma in `store_dir/chroma`, or a Chroma server when a URL is given."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

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
        return Connection(client, chroma_url, None)
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
    return Connection(client, str(path), fresh_client)
