"""What the app reads of the store's records: chunks, quotes and their lookups, by id, on demand.

Why not dicts of everything: an app process used to read every chunk and quote into memory at
start-up (108 s and 3.8 GB at 100k articles; README "Performance"). `Corpus` reads the store's
records file (`ingest/records.py`) by id when an answer needs a record, and keeps the last
`CACHE_SIZE` looked up of each kind (answers look the same chunks up several times).

The mappings keep the shape callers used (`chunks[id]`, `quotes[id] -> (Quote, article id)`,
`quotes_by_chunk[id]`, `quotes_by_speaker[name] -> quote ids`), but they are not meant to be
iterated: that would read the whole store. What needs a pass over it has its own query here
(`sources`, `undated_articles`, `speaker_rows`, ...), run by SQLite.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, TypeVar

from ingest.records import Records, SpeakerRow, StoredQuote
from ingest.types import Chunk, Quote

CACHE_SIZE = 4096  # records of each kind kept in memory (a few MB)

Value = TypeVar("Value")


class _Lookup(Mapping[str, Value], Generic[Value]):
    """A read-only mapping whose values are read by key through `read` (None: absent) and kept
    in a bounded LRU. Iterating it reads every key of `keys`: only for small stores and tests."""

    def __init__(
        self,
        read: Callable[[str], Value | None],
        keys: Callable[[], list[str]],
        count: Callable[[], int],
    ) -> None:
        self._read = read
        self._keys = keys
        self._count = count
        self._cache: OrderedDict[str, Value | None] = OrderedDict()
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> Value:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def _lookup(self, key: str) -> Value | None:
        if not isinstance(key, str):
            return None
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = self._read(key)
        with self._lock:
            self._cache[key] = value
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return self._count()


class Corpus:
    """The committed records of one store, as of one `sync` of it (`stamps`)."""

    def __init__(self, records: Records, stamps: Mapping[str, str]) -> None:
        self.records = records
        self.stamps = dict(stamps)  # committed article id -> stamp, for lexical visibility
        self.counts = records.counts()  # articles, chunks, quotes
        self.chunks: Mapping[str, Chunk] = _Lookup(
            records.chunk, lambda: self._ids("c"), lambda: self.counts[1]
        )
        self.quotes: Mapping[str, tuple[Quote, str]] = _Lookup(
            self._quote, lambda: self._ids("q"), lambda: self.counts[2]
        )
        self.quotes_by_chunk: Mapping[str, list[str]] = _Lookup(
            lambda chunk_id: self._quote_ids("chunk_id", chunk_id), list, lambda: 0
        )
        self.quotes_by_speaker: Mapping[str, list[str]] = _Lookup(
            lambda name: self._quote_ids("speaker", name), list, lambda: 0
        )

    def _quote(self, quote_id: str) -> tuple[Quote, str] | None:
        found = self.records.quote(quote_id)
        return (found.quote, found.article_id) if found else None

    def _quote_ids(self, column: str, value: str) -> list[str] | None:
        ids = [s.id for s in self.records.quotes_where(column, [value])]
        return ids or None

    def _ids(self, kind: str) -> list[str]:
        if kind == "c":
            return [c.id for c in self.records.chunks_of(list(self.stamps))]
        return [s.id for s in self.records.iter_quotes()]

    def __bool__(self) -> bool:
        return bool(self.stamps)

    # ----- whole-store questions, answered by SQLite --------------------------------------

    def sources(self) -> list[str]:
        return self.records.sources()

    def quotes_of(self, article_id: str) -> list[Quote]:
        return [s.quote for s in self.records.quotes_where("article_id", [article_id])]

    def quotes_of_speakers(self, names: Sequence[str]) -> list[tuple[Quote, str]]:
        """The quotes stored under any of these speaker names, with their article ids."""
        return [(s.quote, s.article_id) for s in self.records.quotes_where("speaker", names)]

    def undated_articles(self) -> list[str]:
        return self.records.undated_titles()

    def missing_articles(self) -> list[str]:
        """Committed articles without a visible chunk: a lost or damaged chunk index."""
        return self.records.articles_without_chunks()

    def speaker_rows(self) -> list[SpeakerRow]:
        return self.records.speaker_rows()

    def iter_quotes(self) -> Iterator[StoredQuote]:
        return self.records.iter_quotes()
