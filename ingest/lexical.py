"""Lexical (BM25) search on disk: tantivy indexes of the chunks and the attributed quotes of one
store, under `<store>/lexical/`.

Why tantivy rather than an index built in memory: every process used to read every chunk and
quote and rebuild (or unpickle) its own BM25 at start-up, so opening cost grew with the whole
corpus. A tantivy index is written once by ingest, memory-mapped by readers and extended or
trimmed in place when articles are added, replaced or removed.

Three indexes, not one: tantivy's BM25 takes its statistics (document count, average length)
over a whole index, so chunks and quotes each get their own and rank as separate collections did
before. The third, `articles`, holds one document per indexed article with its stamp: what a
reader compares with the store's committed articles to see what it must index itself (a store
written before this index existed, or by another machine with a Chroma server).

Deleted documents are rewritten away (`LexicalStore.compact`): tantivy only marks a replaced
document deleted and keeps counting it in BM25's statistics (document count, mean length, each
term's document frequency) until a merge rewrites its segment, and tantivy-py has no merge call.
So a store whose articles were re-ingested ranked differently from the same articles ingested
once (a press copy re-ingested held 16% deleted chunk documents and answered three questions
of 80 differently). Past `COMPACT_SHARE`, each index is rewritten from the records in one commit.

Documents hold pre-tokenised terms (`ingest/terms.py`), split by tantivy on white space, so
stemming and stop words are the same as in answer verification. Each document carries its
article id and stamp; a search returns only documents whose article is committed with that
stamp (`visible`), so what a killed ingest left behind is never returned.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import tantivy

from ingest.chunking import embedding_text
from ingest.dates import day_number
from ingest.record_filter import RecordFilter
from ingest.terms import Lexicon
from ingest.types import Chunk, StoredQuote

_WRITER_HEAP = 50_000_000  # bytes of tantivy's indexing arena (its minimum is 15 MB a thread)
_OVERFETCH = 2  # hits asked for per wanted one again while leftovers of a killed ingest hide some
_IDS_PER_QUERY = 1000  # ids per term-set query of `stamps_of`
_LOCK_WAIT = 30.0  # seconds to wait for another process's writer (it holds it for one commit)
_REBUILD_PAGE = 500  # articles read from the records per page of a rebuild
# Past this share of deleted documents in the chunk or quote index, an ingest rewrites both
# (`LexicalStore.compact`). Not 0: a rewrite re-tokenises every record (about 8 s for 1,500
# press articles), which one changed article should not cost; an ingest that replaces more than
# a twentieth of a store (an update, a pipeline bump) leaves an index that holds only its
# articles, and a smaller one moves BM25's statistics by at most this share.
COMPACT_SHARE = 0.05


class LexicalError(OSError):
    """The lexical index cannot be opened or written; the message says which and why.

    An OSError because what tantivy reports to us is a failure of its folder (disk full,
    permissions, a writer lock held too long), which ingest reports as a refused write."""


@dataclass(frozen=True)
class LexicalDoc:
    """One searchable record: a chunk, or an attributed quote with its headline."""

    id: str
    article_id: str
    stamp: str
    terms: Sequence[str]
    source: str | None = None
    day: int | None = None
    speaker: str | None = None


class Commit(NamedTuple):
    """An index's version (`LexicalIndex.version`) just before and just after one commit of
    this process, both read while it held the index's writer lock: when `before` is the version
    it read earlier, no other process committed in between."""

    before: str
    after: str


@dataclass(frozen=True)
class DocCount:
    """An index's documents as its `meta.json` lists them: all its segments hold (`held`,
    deleted ones included) and those marked deleted, which BM25's statistics still count."""

    held: int
    deleted: int

    @property
    def share(self) -> float:
        return self.deleted / self.held if self.held > 0 else 0.0


@dataclass(frozen=True)
class HeldArticles:
    """Committed articles (id -> stamp) with their chunks and quotes, read from the records:
    what a rebuild indexes again."""

    stamps: Mapping[str, str]
    chunks: Sequence[Chunk]
    quotes: Sequence[StoredQuote]


class LexicalHit(NamedTuple):
    id: str
    article_id: str
    score: float


def chunk_doc(lexicon: Lexicon, chunk: Chunk, stamp: str) -> LexicalDoc:
    """A chunk is searched by what is embedded for it: its headline and its text."""
    return LexicalDoc(
        id=chunk.id,
        article_id=chunk.article_id,
        stamp=stamp,
        terms=lexicon.terms(embedding_text(chunk)),
        source=chunk.source,
        day=day_number(chunk.published),
    )


def quote_doc(
    lexicon: Lexicon, stored: StoredQuote, stamp: str, chunks: Mapping[str, Chunk]
) -> LexicalDoc:
    """A quote is searched by its words plus its headline (the topic often lives there); its
    source and date are its chunk's (`chunks` by id), as the filters read them."""
    quote = stored.quote
    chunk = chunks.get(quote.chunk_id or "")
    context = f"{chunk.title}\n{quote.text}" if chunk else quote.text
    return LexicalDoc(
        id=stored.id,
        article_id=stored.article_id,
        stamp=stamp,
        terms=lexicon.terms(context),
        source=chunk.source if chunk else None,
        day=day_number(chunk.published) if chunk else None,
        speaker=quote.speaker,
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("article_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("stamp", stored=True, tokenizer_name="raw")
    builder.add_text_field("terms", tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("source", tokenizer_name="raw")
    builder.add_text_field("speaker", tokenizer_name="raw")
    builder.add_integer_field("day", indexed=True, fast=True)
    return builder.build()


class LexicalIndex:
    """One tantivy index on disk; searches see the last commit (of any process) after `reload`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.schema = _schema()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._index = tantivy.Index(self.schema, path=str(self.folder), reuse=True)
        except (OSError, ValueError) as exc:
            raise LexicalError(
                f"cannot open the lexical index at {self.folder} ({exc}); if it is damaged or "
                "from another version, remove that folder: the next open re-creates it from "
                "the store's records"
            ) from exc
        self._lock = threading.Lock()  # tantivy allows one writer per index

    # ----- writing -------------------------------------------------------------------------

    def replace(self, article_ids: Iterable[str], docs: Iterable[LexicalDoc]) -> Commit:
        """Delete every document of these articles, add `docs`, and commit once."""
        with self._lock:
            writer = self._writer()
            before = self.version()
            for article_id in article_ids:
                writer.delete_documents_by_term("article_id", article_id)
            for doc in docs:
                writer.add_document(self._document(doc))
            return Commit(before, self._commit(writer))

    def clear(self) -> None:
        self.rewrite([])

    def rewrite(self, docs: Iterable[LexicalDoc]) -> Commit:
        """Replace every document by `docs` in one commit: segments with no deleted document.

        Kill-safe as any commit: tantivy writes the new segments, then its `meta.json` at
        once, so a reader finds the old index or the new one; a killed rewrite leaves only
        unlisted segment files, which the next commit's garbage collection removes."""
        with self._lock:
            writer = self._writer()
            before = self.version()
            writer.delete_all_documents()
            for doc in docs:
                writer.add_document(self._document(doc))
            return Commit(before, self._commit(writer))

    def _writer(self) -> tantivy.IndexWriter:
        """Tantivy's writer; another process may hold its lock for one commit: wait for it."""
        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                return self._index.writer(heap_size=_WRITER_HEAP, num_threads=1)
            except ValueError as exc:  # LockBusy, or a folder that cannot be written
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise LexicalError(
                        f"cannot write the lexical index at {self.folder} ({exc})"
                    ) from exc
                time.sleep(0.05)

    def _commit(self, writer: tantivy.IndexWriter) -> str:
        """Commit; returns the index's version just after, read before the writer lock goes
        (a merge may still change it after: then it is not the version a reader finds)."""
        try:
            writer.commit()
            after = self.version()
            writer.wait_merging_threads()  # releases the writer lock
        except ValueError as exc:
            raise LexicalError(f"cannot commit the lexical index at {self.folder} ({exc})") from exc
        self._index.reload()
        return after

    def version(self) -> str:
        """Names the index's last commit (any process's): tantivy rewrites its `meta.json` at
        every commit (and merge), with an opstamp that only grows."""
        try:
            return hashlib.sha256((self.folder / "meta.json").read_bytes()).hexdigest()
        except OSError:
            return ""

    @staticmethod
    def _document(doc: LexicalDoc) -> tantivy.Document:
        fields: dict[str, object] = {
            "id": doc.id,
            "article_id": doc.article_id,
            "stamp": doc.stamp,
            "terms": " ".join(doc.terms),
        }
        if doc.source:
            fields["source"] = doc.source
        if doc.speaker:
            fields["speaker"] = doc.speaker
        if doc.day is not None:
            fields["day"] = doc.day
        return tantivy.Document(**fields)

    # ----- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        """See the latest commit, another process's included."""
        self._index.reload()

    @property
    def size(self) -> int:
        return self._index.searcher().num_docs

    def counts(self) -> DocCount:
        """Held and deleted documents, read from `meta.json` (no segment is opened); an
        unreadable or strange file counts nothing, so it never starts a rewrite by itself."""
        try:
            meta = json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))
            held = deleted = 0
            for segment in meta["segments"]:
                held += int(segment["max_doc"])
                deleted += int((segment.get("deletes") or {}).get("num_deleted_docs", 0))
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return DocCount(0, 0)
        return DocCount(held, deleted)

    def stamps(self) -> dict[str, str]:
        """Document id -> stamp of every document (reads them all: for the small index)."""
        searcher = self._index.searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
        docs = [searcher.doc(address) for _, address in hits]
        return {d.get_first("id"): d.get_first("stamp") for d in docs}

    def stamps_of(self, ids: Sequence[str]) -> dict[str, str]:
        """Document id -> stamp of the documents with these ids."""
        searcher = self._index.searcher()
        found: dict[str, str] = {}
        for start in range(0, len(ids), _IDS_PER_QUERY):
            batch = list(ids[start : start + _IDS_PER_QUERY])
            query = tantivy.Query.term_set_query(self.schema, "id", batch)
            for _, address in searcher.search(query, len(batch), count=False).hits:
                doc = searcher.doc(address)
                found[doc.get_first("id")] = doc.get_first("stamp")
        return found

    def idf(self, term: str) -> float:
        """How rare a (stemmed) term is, as Lucene's BM25 counts it; an unseen term is rarest."""
        searcher = self._index.searcher()
        n, df = searcher.num_docs, searcher.doc_freq("terms", term)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def search(
        self,
        terms: Sequence[str],
        k: int,
        visible: Mapping[str, str],
        within: RecordFilter | None = None,
    ) -> list[LexicalHit]:
        """The best `k` documents of committed articles (`visible`: article id -> stamp) for
        these terms, best first; a repeated term counts again. Scores are tantivy's BM25.

        Equal scores are ordered by id, and hits are fetched past the k-th while the last one
        fetched ties with it: tantivy orders ties by their place in its segments, which
        depends on the store's history (duplicate articles score exactly alike)."""
        if not terms or k <= 0:
            return []
        query = self._query(terms, within)
        searcher = self._index.searcher()
        limit = k
        while True:
            found = searcher.search(query, limit, count=False).hits
            hits = []
            for score, address in found:
                doc = searcher.doc(address)
                article_id = doc.get_first("article_id")
                if visible.get(article_id) == doc.get_first("stamp"):
                    hits.append(LexicalHit(doc.get_first("id"), article_id, float(score)))
            hits.sort(key=lambda h: (-h.score, h.id))
            if len(found) < limit or (len(hits) >= k and hits[k - 1].score > found[-1][0]):
                return hits[:k]
            limit *= _OVERFETCH

    def _query(self, terms: Sequence[str], within: RecordFilter | None) -> tantivy.Query:
        should = tantivy.Occur.Should
        scored = tantivy.Query.boolean_query(
            [(should, tantivy.Query.term_query(self.schema, "terms", t)) for t in terms]
        )
        clauses = self._filters(within) if within else []
        if not clauses:
            return scored
        must = tantivy.Occur.Must
        # Filters score nothing: the ranking is the terms' BM25 alone, as with a mask.
        return tantivy.Query.boolean_query(
            [(must, scored)] + [(must, tantivy.Query.const_score_query(c, 0.0)) for c in clauses]
        )

    def _filters(self, within: RecordFilter) -> list[tantivy.Query]:
        clauses = []
        if within.source:
            clauses.append(tantivy.Query.term_query(self.schema, "source", within.source))
        if within.since is not None or within.until is not None:
            clauses.append(
                tantivy.Query.range_query(
                    self.schema, "day", tantivy.FieldType.Integer, within.since, within.until
                )
            )
        if within.speakers:
            clauses.append(
                tantivy.Query.term_set_query(self.schema, "speaker", list(within.speakers))
            )
        return clauses


class ArticleStamps:
    """Which article versions the lexical indexes hold: one document per article, written
    after its chunks and quotes are committed, removed before they are."""

    def __init__(self, folder: Path) -> None:
        self._index = LexicalIndex(folder)

    def read(self) -> dict[str, str]:
        """Article id -> stamp of every indexed article (reads them all: 0.7 s and 135 MB at
        100k articles; `of` reads a few)."""
        self._index.reload()
        return self._index.stamps()

    def of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> stamp of these articles, those indexed."""
        self._index.reload()
        return self._index.stamps_of(article_ids)

    def version(self) -> str:
        """Names the last commit of these stamps: what a reader stores beside the records
        state it compared them with, so that it compares again only what changed since."""
        return self._index.version()

    def put(self, stamps: Mapping[str, str]) -> Commit:
        return self._index.replace(
            stamps, [LexicalDoc(a, a, stamp, ()) for a, stamp in stamps.items()]
        )

    def remove(self, article_ids: Sequence[str]) -> None:
        self._index.replace(article_ids, [])

    def rewrite(self, stamps: Mapping[str, str]) -> Commit:
        """Hold exactly these stamps (a compaction's)."""
        return self._index.rewrite(LexicalDoc(a, a, stamp, ()) for a, stamp in stamps.items())

    def clear(self) -> None:
        self._index.clear()


class LexicalStore:
    """The chunk and quote indexes of one store and the stamps of the articles they hold.

    Write order (the caller commits Chroma after `write`, and removes from Chroma before
    `delete`): documents first, then the stamp; on delete the stamp first. A reader that finds
    a stamp can trust the documents are all there; documents without a committed article are
    never returned by `LexicalIndex.search`.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.lexicon = Lexicon()
        self.chunks = LexicalIndex(self.folder / "chunks")
        self.quotes = LexicalIndex(self.folder / "quotes")
        self.stamps = ArticleStamps(self.folder / "articles")

    def write(
        self,
        stamps: Mapping[str, str],
        chunks: Sequence[Chunk],
        quotes: Sequence[StoredQuote],
    ) -> Commit:
        """Index these articles' chunks and attributed quotes, replacing whatever the indexes
        held of them; returns the commit of their stamps."""
        held = HeldArticles(stamps, chunks, quotes)
        self.chunks.replace(stamps, self._chunk_docs(held))
        self.quotes.replace(stamps, self._quote_docs(held))
        return self.stamps.put(stamps)

    def _chunk_docs(self, held: HeldArticles) -> list[LexicalDoc]:
        return [chunk_doc(self.lexicon, c, held.stamps[c.article_id]) for c in held.chunks]

    def _quote_docs(self, held: HeldArticles) -> list[LexicalDoc]:
        """Attributed quotes only: "what did X say" searches speakers' words."""
        by_id = {c.id: c for c in held.chunks}
        return [
            quote_doc(self.lexicon, stored, held.stamps[stored.article_id], by_id)
            for stored in held.quotes
            if stored.quote.speaker
        ]

    def deleted_share(self) -> float:
        """The larger share of deleted documents of the chunk and quote indexes."""
        return max(self.chunks.counts().share, self.quotes.counts().share)

    def compact(
        self, stamps: Mapping[str, str], read: Callable[[Mapping[str, str]], HeldArticles]
    ) -> bool:
        """When deleted documents pass `COMPACT_SHARE`, rewrite the indexes with the records of
        the committed articles (`stamps`; `read` gives a page of them): then BM25 counts only
        the store's articles, however often they were replaced. Returns whether it did.

        Chunks, then quotes, then stamps, one commit each (`LexicalIndex.rewrite`): killed in
        between, each index is whole, old or new. The stamps become exactly `stamps`, so an
        article another process indexed but had not yet committed is indexed again by a
        reader (`index_missing`) instead of trusted."""
        if self.deleted_share() <= COMPACT_SHARE:
            return False
        self.chunks.rewrite(d for held in _pages(stamps, read) for d in self._chunk_docs(held))
        self.quotes.rewrite(d for held in _pages(stamps, read) for d in self._quote_docs(held))
        self.stamps.rewrite(stamps)
        return True

    def delete(self, article_ids: Sequence[str]) -> None:
        self.stamps.remove(article_ids)
        self.chunks.replace(article_ids, [])
        self.quotes.replace(article_ids, [])

    def clear(self) -> None:
        self.stamps.clear()
        self.chunks.clear()
        self.quotes.clear()

    def reload(self) -> None:
        self.chunks.reload()
        self.quotes.reload()


def _pages(
    stamps: Mapping[str, str], read: Callable[[Mapping[str, str]], HeldArticles]
) -> Iterator[HeldArticles]:
    """The records of these articles, `_REBUILD_PAGE` at a time (in id order)."""
    ids = sorted(stamps)
    for start in range(0, len(ids), _REBUILD_PAGE):
        yield read({a: stamps[a] for a in ids[start : start + _REBUILD_PAGE]})
