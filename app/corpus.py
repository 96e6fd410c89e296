"""What the app reads of the store's records: chunks, quotes and their lookups, by id, on demand.

Why not dicts of everything: an app process used to read every chunk and quote into memory at
start-up (108 s and 3.8 GB at 100k articles; README "Performance"). `Corpus` reads the store's
records file (`ingest/records.py`) by id when an answer needs a record, and keeps the last
`CACHE_SIZE` looked up of each kind (answers look the same chunks up several times).

The mappings keep the shape callers used (`chunks[id]`, `quotes[id] -> (Quote, article id)`,
`quotes_by_chunk[id]`, `quotes_by_speaker[name] -> quote ids`), but they are not meant to be
iterated: that would read the whole store. What needs a pass over it has its own query here
(`sources`, `undated_articles`, `speaker_index`, ...), run by SQLite.

The speaker index is stored in the records file with the state it describes (`speaker_index`):
other processes, and later opens of an unchanged store, read it back (at 20k articles: 1.3 s
to build from every count, 0.1 s to read); after a change, the first process that needs it
updates the stored one for the speakers whose counts changed, and stores that.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from app.speaker_index import SpeakerIndex
from ingest.records import ArticlePlace, Derived, Records, RecordsError
from ingest.types import Chunk, Quote, StoredQuote

CACHE_SIZE = 4096  # records of each kind kept in memory (a few MB)
SPEAKER_INDEX = "speaker_index"  # its name among the records file's derived data

log = logging.getLogger(__name__)

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


class ArticleText(NamedTuple):
    """One article's headline and text as its stored chunks hold them."""

    title: str
    text: str


class Corpus:
    """The committed records of one store, as of one `sync` of it (`stamps`)."""

    def __init__(self, records: Records, stamps: Mapping[str, str]) -> None:
        self.records = records
        # Committed article id -> stamp, for lexical visibility: the records file's marks read
        # on demand (`Records.marks`), not a dict of every article held per process.
        self.stamps = stamps
        self._counts: tuple[int, int, int] | None = None
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

    @property
    def counts(self) -> tuple[int, int, int]:
        """Articles, chunks and quotes; read when first asked for (two joins over the store:
        0.2 s at 20k articles, which an open need not pay)."""
        if self._counts is None:
            self._counts = self.records.counts()
        return self._counts

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

    def article(self, article_id: str) -> ArticleText | None:
        """One article's headline and text, rebuilt from its chunks in one query (none:
        not committed). Offsets stay those of the article: the breaks between paragraphs that
        no chunk holds are blank lines of the same length."""
        chunks = sorted(self.records.chunks_of([article_id]), key=lambda c: c.index)
        if not chunks:
            return None
        parts: list[str] = []
        at = 0
        for chunk in chunks:
            parts += ["\n" * max(0, chunk.start - at), chunk.text[max(0, at - chunk.start) :]]
            at = max(at, chunk.end)
        return ArticleText(chunks[0].title, "".join(parts))

    def article_places(self, article_ids: Sequence[str]) -> dict[str, ArticlePlace]:
        """The source and day of each of these articles."""
        return self.records.article_places(article_ids)

    def quotes_of_speakers(self, names: Sequence[str]) -> list[tuple[Quote, str]]:
        """The quotes stored under any of these speaker names, with their article ids."""
        return [(s.quote, s.article_id) for s in self.records.quotes_where("speaker", names)]

    def undated_articles(self) -> list[str]:
        return self.records.undated_titles()

    def missing_articles(self) -> list[str]:
        """Committed articles without a visible chunk: a lost or damaged chunk index."""
        return self.records.articles_without_chunks()

    def speaker_index(self) -> SpeakerIndex:
        """The speaker index of the records as they are now: read back if some process stored
        it at this state; else the stored one of an earlier state updated for the speakers
        whose counts changed since; else built from every count. Stored for the next one."""
        records = self.records
        with records.snapshot() as state:
            saved = records.derived(SPEAKER_INDEX)
            stored = _read_index(saved)
            if stored is not None and saved.state == state:
                return stored
            changed = records.speaker_changes(saved.state) if stored is not None else None
            if changed is None:
                index = SpeakerIndex.from_rows(records.speaker_rows())
            else:
                index = stored.updated(changed, records.speaker_totals, records.speaker_rows)
        try:
            records.put_derived(SPEAKER_INDEX, Derived(state, index.to_json()))
        except RecordsError as exc:  # a read-only or full disk: answer anyway, build it again
            log.warning("speaker index not stored: %s", exc)
        return index

    def iter_quotes(self) -> Iterator[StoredQuote]:
        return self.records.iter_quotes()


def _read_index(saved: Derived | None) -> SpeakerIndex | None:
    if saved is None:
        return None
    try:
        return SpeakerIndex.from_json(saved.data)
    except ValueError as exc:
        log.warning("building the speaker index again: %s", exc)
        return None
