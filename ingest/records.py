"""The store's chunks, quotes and committed-article stamps in one local SQLite file,
`<store>/records.sqlite`, read by id when an answer needs them.

Why: Chroma returns records at about 0.2 ms each (each metadata key is its own row), so every
app process used to read every chunk and quote of the store into Python dicts at start-up (or
unpickle them from a start-up cache): 108 s and 3.8 GB at 100k articles. Here a reader opens
the file in milliseconds and reads only the records an answer cites.

Commit order (kept by `ingest.store.Store`): an article's chunk and quote rows and its row in
`articles` (id, stamp) are written in one transaction after its Chroma article record (the
commit mark of the store), and the `articles` row is removed first on deletion, so that table
holds exactly the committed articles. A kill between Chroma's mark and this file's leaves an
article Chroma has and this file lacks, which the next reader copies in (below); rows without
a mark of their stamp (`put_rows` alone) are never returned.

A store written before this file existed, or by another machine into a shared Chroma server,
has committed articles the file lacks: `Store.sync_records` copies them in from Chroma. What
it has seen of the store's ledger (a Chroma collection where every write logs the articles it
is about to commit or delete, in commit order) is kept here too (`LedgerMark`), so that the
next sync reads only the ledger entries written since, not every article's stamp.

Derived data (the speaker index): every write transaction recounts the speakers of the articles
it touched (`speaker_counts`, what `speaker_rows` reads, so no process groups every quote) and
moves the file's `state` on; a reader that builds something from the rows stores it with the
state it read them at (`put_derived`), and a later process at the same state reads it back
instead of building it again (about 1.3 s at 20k articles, growing with the store).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from ingest.dates import day_number
from ingest.types import Chunk, Quote, StoredQuote

FILE_NAME = "records.sqlite"
_IN_BATCH = 500  # ids per `IN (...)` (SQLite allows 999 parameters in old builds)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, stamp TEXT NOT NULL, idx INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    paragraph_start INTEGER NOT NULL, paragraph_end INTEGER NOT NULL, title TEXT NOT NULL,
    source TEXT, published TEXT, url TEXT, day INTEGER);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks (article_id);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, stamp TEXT NOT NULL, text TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, kind TEXT NOT NULL, speaker TEXT,
    speaker_as_written TEXT, role TEXT, cue TEXT, chunk_id TEXT, rule TEXT);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_chunk ON quotes (chunk_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
CREATE TABLE IF NOT EXISTS speaker_counts (
    article_id TEXT NOT NULL, speaker TEXT NOT NULL, speaker_as_written TEXT, role TEXT,
    quotes INTEGER NOT NULL, first INTEGER PRIMARY KEY);
CREATE INDEX IF NOT EXISTS speaker_counts_article ON speaker_counts (article_id);
CREATE INDEX IF NOT EXISTS speaker_counts_speaker ON speaker_counts (speaker);
CREATE TABLE IF NOT EXISTS speaker_changes (generation INTEGER NOT NULL, speaker TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS speaker_changes_generation ON speaker_changes (generation);
CREATE TABLE IF NOT EXISTS article_changes (generation INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_changes_generation ON article_changes (generation);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_pending (
    article_id TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS derived (
    name TEXT PRIMARY KEY, state TEXT NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
"""

_CHUNK_COLUMNS = (
    "c.id, c.article_id, c.idx, c.text, c.start, c.end, c.paragraph_start, c.paragraph_end, "
    "c.title, c.source, c.published, c.url"
)
_QUOTE_COLUMNS = (
    "q.id, q.article_id, q.text, q.start, q.end, q.kind, q.speaker, q.speaker_as_written, "
    "q.role, q.cue, q.chunk_id, q.rule"
)
# Only rows of committed articles, in the version committed.
_VISIBLE_CHUNKS = "chunks c JOIN articles a ON a.id = c.article_id AND a.stamp = c.stamp"
_VISIBLE_QUOTES = "quotes q JOIN articles a ON a.id = q.article_id AND a.stamp = q.stamp"


# A visible article's attributed quotes counted by speaker, written name and role; `first` is
# the group's first quote row (the counts table's key, so reading it in order is one pass),
# and reading the counts in its order is reading them first seen first, as when the speaker
# index read every quote.
_COUNT_SPEAKERS = (
    "SELECT q.article_id, q.speaker, q.speaker_as_written, q.role, count(*), min(q.rowid) "
    f"FROM {_VISIBLE_QUOTES} WHERE q.speaker IS NOT NULL AND q.speaker != '' "
    "{within} GROUP BY q.article_id, q.speaker, q.speaker_as_written, q.role"
)
# `state` keys: the file's identity (a new file, even at the same path, never matches derived
# data of an old one), its write generation, whether `speaker_counts` has been filled for the
# articles of a file written before that table existed, and the generation from which on
# `speaker_changes` logs every speaker whose counts changed, and the generation from which on
# `article_changes` logs every article whose rows or mark changed (a file written before that
# log existed starts it at its first open).
_FILE, _GENERATION, _COUNTED, _LOGGED = "file", "generation", "speaker_counts", "logged_from"
_ARTICLES_LOGGED = "articles_logged_from"
_STATE_KEYS = (_FILE, _COUNTED, _LOGGED, _ARTICLES_LOGGED)
_LEDGER = "ledger"  # "<ledger collection id>:<entries read>"; absent: never synced by it
_LOG_LIMIT = 200_000  # change log rows kept; past it the logs start again (readers of an
# older state then build the speaker index from all counts, and compare every article)


class RecordsError(OSError):
    """The records file cannot be opened or written (disk full, permissions, damage)."""


class ArticlePlace(NamedTuple):
    """Where and when one article was published: its source and day (YYYYMMDD), each None
    when unknown. Who a bare office is when the article names nobody is read from the
    articles of the same source around the same day (`SpeakerIndex.recorded_holder`)."""

    source: str | None
    day: int | None


class SpeakerRow(NamedTuple):
    """How often one stored speaker name is quoted in one article, as written and in a role:
    what the speaker index is built from, without reading any quote's text. `first` orders
    the rows as their first quotes were written (first seen first)."""

    speaker: str
    speaker_as_written: str | None
    role: str | None
    article_id: str
    quotes: int
    first: int


class SpeakerTotal(NamedTuple):
    """One stored speaker name's quotes over the store, and its first quote row."""

    quotes: int
    first: int


class LedgerEntry(NamedTuple):
    """One entry of the store's ledger: an article about to be committed in version `stamp`,
    or (stamp "") about to be deleted. Written before the commit, so an entry is a hint of
    what to look at, never the commit itself: the article record stays the commit mark."""

    article_id: str
    stamp: str


class LedgerMark(NamedTuple):
    """How far this file has followed the store's ledger: which ledger (a Chroma collection's
    id: a re-created ledger starts again), how many of its entries were read, and the entries
    whose commit had not landed in Chroma when they were read (a write in flight, or a killed
    one): looked at again by every sync until Chroma holds what they announce."""

    ledger: str
    position: int
    pending: tuple[LedgerEntry, ...]


class Derived(NamedTuple):
    """Something built from the records, stored with the `Records.state` it was built at."""

    state: str
    data: bytes


def _chunk(row: Sequence) -> Chunk:
    return Chunk(
        id=row[0],
        article_id=row[1],
        index=row[2],
        text=row[3],
        start=row[4],
        end=row[5],
        paragraph_start=row[6],
        paragraph_end=row[7],
        title=row[8],
        source=row[9],
        published=row[10],
        url=row[11],
    )


def _stored_quote(row: Sequence) -> StoredQuote:
    quote = Quote(
        text=row[2],
        start=row[3],
        end=row[4],
        kind=row[5],
        speaker=row[6],
        speaker_as_written=row[7],
        role=row[8],
        cue=row[9],
        chunk_id=row[10],
        rule=row[11],
    )
    return StoredQuote(row[0], quote, row[1])


def _batches(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _IN_BATCH):
        yield ids[start : start + _IN_BATCH]


class Records:
    """One store's records file; safe to share between threads (a connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db().executescript(_SCHEMA)  # its own transaction
        except (OSError, sqlite3.Error) as exc:
            raise RecordsError(f"cannot open the records file {self.path} ({exc})") from exc
        marks = ",".join("?" * len(_STATE_KEYS))
        found = self._query(f"SELECT key FROM state WHERE key IN ({marks})", _STATE_KEYS)
        if len(found) < len(_STATE_KEYS):
            self._initialise_state()

    def _initialise_state(self) -> None:
        """Give a new file its identity, and count the speakers of a file written before
        `speaker_counts` existed (once, by whichever process opens it first)."""
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO state VALUES (?, ?)", (_FILE, uuid.uuid4().hex))
            db.execute("INSERT OR IGNORE INTO state VALUES (?, ?)", (_GENERATION, "0"))
            if not db.execute("SELECT 1 FROM state WHERE key = ?", (_COUNTED,)).fetchone():
                db.execute("DELETE FROM speaker_counts")
                db.execute("INSERT INTO speaker_counts " + _COUNT_SPEAKERS.format(within=""))
                db.execute("INSERT INTO state VALUES (?, '1')", (_COUNTED,))
                _restart_log(db, _next_generation(db))
            elif not db.execute("SELECT 1 FROM state WHERE key = ?", (_LOGGED,)).fetchone():
                _restart_log(db, _generation(db))
            elif not db.execute(
                "SELECT 1 FROM state WHERE key = ?", (_ARTICLES_LOGGED,)
            ).fetchone():
                db.execute("DELETE FROM article_changes")
                db.execute(
                    "INSERT INTO state VALUES (?, ?)", (_ARTICLES_LOGGED, str(_generation(db)))
                )

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def _write(self) -> _Transaction:
        return _Transaction(self._db())

    def _query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        try:
            return self._db().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise RecordsError(f"cannot read the records file {self.path} ({exc})") from exc

    # ----- writing -------------------------------------------------------------------------

    def put_rows(
        self,
        stamps: Mapping[str, str],
        chunks: Iterable[Chunk],
        quotes: Iterable[StoredQuote],
    ) -> None:
        """Replace these articles' chunk and quote rows (`quotes`: id, quote, article id),
        stamped, without marking them: invisible until `commit` (what a killed write leaves)."""
        with self._write() as db:
            _put_rows(db, stamps, chunks, quotes)
            _changed(db, list(stamps))

    def write(
        self,
        stamps: Mapping[str, str],
        chunks: Iterable[Chunk],
        quotes: Iterable[StoredQuote],
        seen: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Replace these articles' rows and mark them committed, in one transaction, after
        their Chroma records; returns the ids written.

        With `seen` (a reader copying articles in from Chroma: the marks it read before it
        read Chroma), an article whose mark changed since is skipped: another process
        committed or removed it meanwhile, and its rows are newer than the reader's copy."""
        with self._write() as db:
            if seen is not None:
                current = _marks(db, list(stamps))
                stamps = {a: s for a, s in stamps.items() if current.get(a) == seen.get(a)}
                chunks = [c for c in chunks if c.article_id in stamps]
                quotes = [q for q in quotes if q.article_id in stamps]
            _put_rows(db, stamps, chunks, quotes)
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", stamps.items())
            _changed(db, list(stamps))
        return list(stamps)

    def commit(self, stamps: Mapping[str, str]) -> None:
        """Mark these articles committed in these versions (after their Chroma records)."""
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", stamps.items())
            _changed(db, list(stamps))

    def uncommit(self, article_ids: Sequence[str], seen: Mapping[str, str] | None = None) -> None:
        """Unmark these articles (before their Chroma records are deleted); with `seen` (a
        reader), only those whose mark is still the one it saw."""
        with self._write() as db:
            if seen is not None:
                current = _marks(db, list(article_ids))
                article_ids = [a for a in article_ids if current.get(a) == seen.get(a)]
            for batch in _batches(list(article_ids)):
                marks = ",".join("?" * len(batch))
                db.execute(f"DELETE FROM articles WHERE id IN ({marks})", batch)
            _changed(db, list(article_ids))

    def delete(self, article_ids: Sequence[str]) -> None:
        """Remove these articles' mark and rows."""
        with self._write() as db:
            for batch in _batches(list(article_ids)):
                marks = ",".join("?" * len(batch))
                for table, column in (("articles", "id"), ("chunks", "article_id")):
                    db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", batch)
                db.execute(f"DELETE FROM quotes WHERE article_id IN ({marks})", batch)
            _changed(db, list(article_ids))

    def clear_rows(self) -> None:
        """Drop every chunk and quote row and every mark (a rebuild writes them again)."""
        with self._write() as db:
            for table in ("articles", "chunks", "quotes", "speaker_counts", "ledger_pending"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM state WHERE key = ?", (_LEDGER,))  # no marks: sync anew
            _restart_log(db, _next_generation(db))

    def put_derived(self, name: str, derived: Derived) -> bool:
        """Store data built from the records at `derived.state`, unless the records have
        changed since (then it describes no state a reader will see); returns whether it was
        stored."""
        with self._write() as db:
            if _state(db) != derived.state:
                return False
            db.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (name, *derived))
        return True

    def move_ledger(self, seen: LedgerMark | None, mark: LedgerMark) -> bool:
        """Record that this file has followed the ledger to `mark`, unless another process
        moved it since this one read `seen` (then that one's mark stands); returns whether it
        was recorded."""
        with self._write() as db:
            if _ledger_mark(db) != seen:
                return False
            value = f"{mark.ledger}:{mark.position}"
            db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (_LEDGER, value))
            db.execute("DELETE FROM ledger_pending")
            db.executemany("INSERT OR REPLACE INTO ledger_pending VALUES (?, ?)", mark.pending)
        return True

    # ----- reading -------------------------------------------------------------------------

    def ledger_mark(self) -> LedgerMark | None:
        """How far this file has followed the store's ledger (None: never)."""
        try:
            return _ledger_mark(self._db())
        except sqlite3.Error as exc:
            raise RecordsError(f"cannot read the records file {self.path} ({exc})") from exc

    def stamps(self) -> dict[str, str]:
        """Committed articles and their stamps, all read (a store-wide pass: see `marks`)."""
        return dict(self._query("SELECT id, stamp FROM articles"))

    def marks(self) -> Marks:
        """Committed articles and their stamps as a mapping read on demand: what an answering
        process holds instead of a dict of every article (30 MB and 0.14 s at 100k)."""
        return Marks(self)

    def marks_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The marks of these articles (absent: not committed), read now."""
        try:
            return _marks(self._db(), article_ids)
        except sqlite3.Error as exc:
            raise RecordsError(f"cannot read the records file {self.path} ({exc})") from exc

    def article_count(self) -> int:
        """Committed articles."""
        return self._query("SELECT count(*) FROM articles")[0][0]

    def counts(self) -> tuple[int, int, int]:
        """Committed articles, and the visible chunks and quotes."""
        return (
            self._query("SELECT count(*) FROM articles")[0][0],
            self._query(f"SELECT count(*) FROM {_VISIBLE_CHUNKS}")[0][0],
            self._query(f"SELECT count(*) FROM {_VISIBLE_QUOTES}")[0][0],
        )

    def chunk(self, chunk_id: str) -> Chunk | None:
        rows = self._query(
            f"SELECT {_CHUNK_COLUMNS} FROM {_VISIBLE_CHUNKS} WHERE c.id = ?", (chunk_id,)
        )
        return _chunk(rows[0]) if rows else None

    def quote(self, quote_id: str) -> StoredQuote | None:
        rows = self._query(
            f"SELECT {_QUOTE_COLUMNS} FROM {_VISIBLE_QUOTES} WHERE q.id = ?", (quote_id,)
        )
        return _stored_quote(rows[0]) if rows else None

    def chunks_of(self, article_ids: Sequence[str], stamped: bool = False) -> list[Chunk]:
        """Visible chunks of these articles; with `stamped`, rows of any version (what a
        writer just put, before its commit)."""
        table = "chunks c" if stamped else _VISIBLE_CHUNKS
        found = []
        for batch in _batches(list(article_ids)):
            marks = ",".join("?" * len(batch))
            sql = f"SELECT {_CHUNK_COLUMNS} FROM {table} WHERE c.article_id IN ({marks})"
            found += [_chunk(row) for row in self._query(sql, batch)]
        return found

    def quotes_where(self, column: str, values: Sequence[str]) -> list[StoredQuote]:
        """Visible quotes whose `column` (article_id, chunk_id or speaker) is one of `values`,
        in the order they were written."""
        if column not in ("article_id", "chunk_id", "speaker"):
            raise ValueError(f"no quote lookup by {column!r}")
        found = []
        for batch in _batches(list(values)):
            marks = ",".join("?" * len(batch))
            sql = f"SELECT {_QUOTE_COLUMNS} FROM {_VISIBLE_QUOTES} WHERE q.{column} IN ({marks})"
            found += [_stored_quote(row) for row in self._query(sql + " ORDER BY q.rowid", batch)]
        return found

    def quote_ids_of(self, speakers: Sequence[str]) -> list[str]:
        """Ids of the visible quotes of these stored speaker names, speaker by speaker, each in
        the order written (as `quotes_where("speaker", [name])` per name), without reading
        their text: a much-quoted speaker has thousands."""
        sql = f"SELECT q.id FROM {_VISIBLE_QUOTES} WHERE q.speaker = ? ORDER BY q.rowid"
        return [row[0] for name in speakers for row in self._query(sql, (name,))]

    def article_places(self, article_ids: Sequence[str]) -> dict[str, ArticlePlace]:
        """The source and day of each visible article among these (its chunks share them)."""
        found: dict[str, ArticlePlace] = {}
        for batch in _batches(list(article_ids)):
            marks = ",".join("?" * len(batch))
            sql = (
                f"SELECT c.article_id, min(c.source), min(c.day) FROM {_VISIBLE_CHUNKS} "
                f"WHERE c.article_id IN ({marks}) GROUP BY c.article_id"
            )
            found.update({row[0]: ArticlePlace(row[1], row[2]) for row in self._query(sql, batch)})
        return found

    def iter_quotes(self) -> Iterator[StoredQuote]:
        """Every visible quote, streamed."""
        cursor = self._db().execute(f"SELECT {_QUOTE_COLUMNS} FROM {_VISIBLE_QUOTES}")
        for row in cursor:
            yield _stored_quote(row)

    def state(self) -> str:
        """Names what the file holds now: it changes with every write of rows or marks."""
        return _state(self._db())

    def derived(self, name: str) -> Derived | None:
        """Data stored by `put_derived`, with the state it was built at (maybe an old one)."""
        rows = self._query("SELECT state, data FROM derived WHERE name = ?", (name,))
        return Derived(*rows[0]) if rows else None

    @contextmanager
    def snapshot(self) -> Iterator[str]:
        """A read transaction: every read of this thread inside the block sees the file as it
        was at its start, whatever other processes write meanwhile; yields that `state`."""
        db = self._db()
        try:
            db.execute("BEGIN")
            state = _state(db)  # the first read fixes the snapshot
        except sqlite3.Error as exc:
            raise RecordsError(f"cannot read the records file {self.path} ({exc})") from exc
        try:
            yield state
        finally:
            db.execute("COMMIT")

    def speaker_rows(self, speakers: Sequence[str] | None = None) -> list[SpeakerRow]:
        """Visible attributed quotes counted by speaker, written name, role and article, first
        seen first (kept per article by every write, so this reads no quote); of every
        speaker, or of these stored speaker names."""
        sql = (
            "SELECT speaker, speaker_as_written, role, article_id, quotes, first "
            "FROM speaker_counts"
        )
        if speakers is None:
            return [SpeakerRow(*row) for row in self._query(sql + " ORDER BY first")]
        found = []
        for batch in _batches(list(speakers)):
            marks = ",".join("?" * len(batch))
            found += self._query(f"{sql} WHERE speaker IN ({marks})", batch)
        return [SpeakerRow(*row) for row in sorted(found, key=lambda row: row[5])]

    def speaker_totals(self, speakers: Sequence[str]) -> dict[str, SpeakerTotal]:
        """Quotes and first quote row of each of these stored speaker names that is quoted
        in a visible article (absent: no longer quoted)."""
        found: dict[str, SpeakerTotal] = {}
        for batch in _batches(list(speakers)):
            marks = ",".join("?" * len(batch))
            sql = (
                "SELECT speaker, sum(quotes), min(first) FROM speaker_counts "
                f"WHERE speaker IN ({marks}) GROUP BY speaker"
            )
            found.update(
                (name, SpeakerTotal(n, first)) for name, n, first in self._query(sql, batch)
            )
        return found

    def speaker_changes(self, since: str) -> set[str] | None:
        """The stored speaker names whose counts changed after state `since` (an earlier state
        of this file), or None when that is not known (another file, or a state the log no
        longer reaches back to): then every count has to be read."""
        return self._changes_since(since, "speaker", "speaker_changes", _LOGGED)

    def article_changes(self, since: str) -> set[str] | None:
        """The articles whose rows or mark changed after state `since` (an earlier state of
        this file), or None when that is not known (as for `speaker_changes`, or a generation
        missing from the log: a writer of an older version wrote): then every article has to
        be compared."""
        found = self._changes_since(since, "article_id", "article_changes", _ARTICLES_LOGGED)
        if found is None:
            return None
        since_generation = int(since.partition(":")[2])
        sql = "SELECT count(DISTINCT generation) FROM article_changes WHERE generation > ?"
        logged = self._query(sql, (since_generation,))[0][0]
        if logged != self._generation() - since_generation:
            return None
        return found - {""}

    def _changes_since(self, since: str, column: str, table: str, start: str) -> set[str] | None:
        file_id, _, generation = since.partition(":")
        found = dict(
            self._query("SELECT key, value FROM state WHERE key IN (?, ?)", (_FILE, start))
        )
        if not generation.isdigit() or file_id != found.get(_FILE) or start not in found:
            return None
        if int(generation) < int(found[start]) or int(generation) > self._generation():
            return None
        sql = f"SELECT DISTINCT {column} FROM {table} WHERE generation > ?"
        return {row[0] for row in self._query(sql, (int(generation),))}

    def _generation(self) -> int:
        return int(self._query("SELECT value FROM state WHERE key = ?", (_GENERATION,))[0][0])

    def sources(self) -> list[str]:
        sql = f"SELECT DISTINCT c.source FROM {_VISIBLE_CHUNKS} WHERE c.source IS NOT NULL"
        return sorted(row[0] for row in self._query(sql) if row[0])

    def undated_titles(self) -> list[str]:
        """Titles (else ids) of visible articles whose chunks have no readable date."""
        sql = (
            f"SELECT c.article_id, min(c.title) FROM {_VISIBLE_CHUNKS} "
            "WHERE c.day IS NULL GROUP BY c.article_id"
        )
        return sorted(title or article_id for article_id, title in self._query(sql))

    def articles_without_chunks(self) -> list[str]:
        sql = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.article_id = a.id AND c.stamp = a.stamp)"
        )
        return sorted(row[0] for row in self._query(sql))


def _put_rows(
    db: sqlite3.Connection,
    stamps: Mapping[str, str],
    chunks: Iterable[Chunk],
    quotes: Iterable[StoredQuote],
) -> None:
    """Replace these articles' chunk and quote rows, stamped (inside a transaction)."""
    ids = list(stamps)
    for batch in _batches(ids):
        marks = ",".join("?" * len(batch))
        db.execute(f"DELETE FROM chunks WHERE article_id IN ({marks})", batch)
        db.execute(f"DELETE FROM quotes WHERE article_id IN ({marks})", batch)
    db.executemany(
        "INSERT OR REPLACE INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                c.id,
                c.article_id,
                stamps[c.article_id],
                c.index,
                c.text,
                c.start,
                c.end,
                c.paragraph_start,
                c.paragraph_end,
                c.title,
                c.source,
                c.published,
                c.url,
                day_number(c.published),
            )
            for c in chunks
        ),
    )
    db.executemany(
        "INSERT OR REPLACE INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            (
                stored.id,
                stored.article_id,
                stamps[stored.article_id],
                stored.quote.text,
                stored.quote.start,
                stored.quote.end,
                stored.quote.kind,
                stored.quote.speaker,
                stored.quote.speaker_as_written,
                stored.quote.role,
                stored.quote.cue,
                stored.quote.chunk_id,
                stored.quote.rule,
            )
            for stored in quotes
        ),
    )


def _changed(db: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Recount the speakers of these articles' visible quotes, move the state on, and log the
    articles and the speaker names counted before and after (inside the write transaction
    that changed the articles' rows or marks)."""
    generation = _next_generation(db)
    log = "INSERT INTO speaker_changes SELECT DISTINCT ?, speaker FROM speaker_counts "
    for batch in _batches(list(article_ids)):
        marks = ",".join("?" * len(batch))
        within = f"WHERE article_id IN ({marks})"
        db.execute(log + within, (generation, *batch))
        db.execute(f"DELETE FROM speaker_counts {within}", batch)
        within = f"AND q.article_id IN ({marks})"
        db.execute("INSERT INTO speaker_counts " + _COUNT_SPEAKERS.format(within=within), batch)
        db.execute(log + f"WHERE article_id IN ({marks})", (generation, *batch))
    # A row for every generation ("" when no article), so that a gap (a writer of a version
    # that did not log) shows, and `article_changes` does not trust the log across it.
    db.executemany(
        "INSERT INTO article_changes VALUES (?, ?)",
        ((generation, a) for a in set(article_ids) or {""}),
    )
    logged = (
        "SELECT (SELECT count(*) FROM speaker_changes) + (SELECT count(*) FROM article_changes)"
    )
    if db.execute(logged).fetchone()[0] > _LOG_LIMIT:
        _restart_log(db, generation)


def _restart_log(db: sqlite3.Connection, generation: int) -> None:
    """Empty the change logs: they reach back to `generation` from now on."""
    db.execute("DELETE FROM speaker_changes")
    db.execute("DELETE FROM article_changes")
    for key in (_LOGGED, _ARTICLES_LOGGED):
        db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, str(generation)))


def _generation(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT value FROM state WHERE key = ?", (_GENERATION,)).fetchone()[0])


def _next_generation(db: sqlite3.Connection) -> int:
    generation = _generation(db) + 1
    db.execute("UPDATE state SET value = ? WHERE key = ?", (str(generation), _GENERATION))
    return generation


def _state(db: sqlite3.Connection) -> str:
    found = dict(
        db.execute("SELECT key, value FROM state WHERE key IN (?, ?)", (_FILE, _GENERATION))
    )
    return f"{found.get(_FILE, '')}:{found.get(_GENERATION, '')}"


def _ledger_mark(db: sqlite3.Connection) -> LedgerMark | None:
    row = db.execute("SELECT value FROM state WHERE key = ?", (_LEDGER,)).fetchone()
    ledger, _, position = (row[0] if row else "").rpartition(":")
    if not ledger or not position.isdigit():
        return None
    pending = db.execute("SELECT article_id, stamp FROM ledger_pending ORDER BY article_id")
    return LedgerMark(ledger, int(position), tuple(LedgerEntry(*e) for e in pending))


def _marks(db: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for batch in _batches(list(article_ids)):
        marks = ",".join("?" * len(batch))
        sql = f"SELECT id, stamp FROM articles WHERE id IN ({marks})"
        found.update(db.execute(sql, batch).fetchall())
    return found


class _Transaction:
    """`with` block of one write transaction (IMMEDIATE: it waits for another writer)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise RecordsError(f"cannot write the records file ({exc})") from exc
        return self.db

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        if exc is None:
            try:
                self.db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                self._rollback()
                raise RecordsError(f"cannot write the records file ({error})") from error
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise RecordsError(f"cannot write the records file ({exc})") from exc

    def _rollback(self) -> None:
        """Undo the transaction if SQLite has not already: a COMMIT that fails on a full disk
        can end the transaction itself, and a ROLLBACK then raises "no transaction is active",
        which would hide the error that names the real cause."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")


class Marks(Mapping[str, str]):
    """Committed article id -> stamp, read from the records file when asked (a live view: it
    sees every later commit). Iterating or `len` is a pass over the marks table."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def __getitem__(self, article_id: str) -> str:
        if isinstance(article_id, str):
            rows = self._records._query("SELECT stamp FROM articles WHERE id = ?", (article_id,))
            if rows:
                return rows[0][0]
        raise KeyError(article_id)

    def __iter__(self) -> Iterator[str]:
        return iter([row[0] for row in self._records._query("SELECT id FROM articles")])

    def __len__(self) -> int:
        return self._records.article_count()

    def __bool__(self) -> bool:
        return bool(self._records._query("SELECT 1 FROM articles LIMIT 1"))

    def items(self) -> list[tuple[str, str]]:  # type: ignore[override]
        """Every mark, in one query (the mixin's would query once per article)."""
        return self._records._query("SELECT id, stamp FROM articles")
