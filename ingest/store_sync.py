"""Bringing the local files up to Chroma's committed articles: the records file (`sync_records`,
through the ledger) and the lexical index (`index_missing`, `sync_lexical`). Why a reader writes:
another process or machine (a shared Chroma server) commits articles no local ingest recorded,
and stores written before the records file or the lexical index existed lack them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence

from ingest.chroma_client import reading
from ingest.lexical import Commit, HeldArticles
from ingest.records import Derived, LedgerEntry, LedgerMark, RecordsError
from ingest.store_read import ARTICLES_PER_READ, StoreReads, pages
from ingest.types import Chunk, StoredQuote

# Its name among the records file's derived data: the records state and lexical index commit at
# which the two last agreed (`RecordsSync.index_missing`).
LEXICAL_CHECK = "lexical_check"


class RecordsSync(StoreReads):
    """The records file's and the lexical index's sync half of `Store`."""

    def sync_lexical(
        self,
        hashes: Mapping[str, str],
        chunks: Mapping[str, Chunk],
        quotes: Mapping[str, StoredQuote],
    ) -> list[Commit]:
        """Index the committed articles the lexical indexes lack or hold in another version,
        from their records (`chunks`, `quotes`: those `visible` returned); returns the commits
        of their stamps, in order.

        Why a reader writes: a store written before the lexical index existed, or by another
        machine into a shared Chroma server, has articles no local ingest indexed."""
        indexed = self.lexical.stamps.of(list(hashes))
        missing = {a: stamp for a, stamp in hashes.items() if indexed.get(a) != stamp}
        commits = []
        for ids in pages(list(missing), ARTICLES_PER_READ):
            wanted = set(ids)
            commits.append(
                self.lexical.write(
                    {a: missing[a] for a in ids},
                    [c for c in chunks.values() if c.article_id in wanted],
                    [s for s in quotes.values() if s.article_id in wanted],
                )
            )
        return commits

    def compact_lexical(self) -> bool:
        """Rewrite the lexical indexes from the records file's committed articles when they
        hold too many deleted documents (`LexicalStore.compact`); returns whether it did."""
        return self.lexical.compact(self.records.stamps(), self._held)

    def _held(self, stamps: Mapping[str, str]) -> HeldArticles:
        ids = list(stamps)
        quotes = self.records.quotes_where("article_id", ids)
        return HeldArticles(stamps, self.records.chunks_of(ids), quotes)

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
        with reading("the ledger", self.location):
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
        with reading("the article count", self.location):
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
        for ids in pages(changed, ARTICLES_PER_READ):
            chunks, quotes = self.visible(hashes, ids)
            found = {a: hashes[a] for a in ids}
            self.records.write(found, chunks.values(), quotes.values(), seen=stamps)

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
        for ids in pages(missing, ARTICLES_PER_READ):
            chunks = {c.id: c for c in self.records.chunks_of(ids)}
            quotes = {s.id: s for s in self.records.quotes_where("article_id", ids)}
            commits += self.sync_lexical({a: marks[a] for a in ids}, chunks, quotes)
        ours = [version] + [c.after for c in commits]
        alone = all(c.before == last for c, last in zip(commits, ours, strict=False))
        if alone and self.lexical.stamps.version() == ours[-1]:
            with contextlib.suppress(RecordsError):  # a read-only file: compare again next time
                records.put_derived(LEXICAL_CHECK, Derived(state, ours[-1]))
        return len(missing)
