"""The start-up cache (app/corpus_cache.py): a second open of an unchanged store restores the
retriever's state from the cache, identical to a read from Chroma; any change to the articles
or the collections, or a damaged cache file, means a fresh read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.corpus_cache import corpus_key
from app.retrieval import HybridRetriever
from ingest.store import CHUNKS, QUOTES, Store
from tests.helpers import SAMPLE, make_desk

QUESTION = "What did Lavrov say about the OSCE?"
WHO_SAID = "Who said that the reaction should not be delayed?"


def cache_files(home: Path) -> list[Path]:
    return sorted((home / "cache").glob("corpus-*.pickle"))


def reads_of_the_store(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts HybridRetriever._read calls (the slow path) from now on."""
    calls: list[int] = []
    original = HybridRetriever._read

    def counted(self, hashes, signature, base):
        calls.append(len(hashes))
        return original(self, hashes, signature, base)

    monkeypatch.setattr(HybridRetriever, "_read", counted)
    return calls


def filters_of_record_reads(monkeypatch: pytest.MonkeyPatch) -> list[dict | None]:
    """The `where` filter of every chunk and quote read from now on (None: a full read)."""
    filters: list[dict | None] = []
    original = Store.iter_records

    def spied(self, collection, include, where=None):
        if collection.name in (CHUNKS, QUOTES):
            filters.append(where)
        return original(self, collection, include, where)

    monkeypatch.setattr(Store, "iter_records", spied)
    return filters


def state(desk) -> tuple:
    retriever = desk.retriever
    top = [p.chunk.id for p in desk.search(QUESTION, k=5)]
    answers = [desk.ask(q).answer for q in (QUESTION, WHO_SAID)]
    return sorted(retriever.chunks), sorted(retriever.quotes), top, answers


def test_an_unchanged_store_opens_from_the_cache_with_the_same_state(tmp_path, monkeypatch):
    first = make_desk(tmp_path)
    first.ingest([SAMPLE], progress=False)
    first.retriever.refresh(force=True)
    assert len(cache_files(tmp_path)) == 1
    reads = reads_of_the_store(monkeypatch)
    second = make_desk(tmp_path)
    assert reads == []
    assert state(second) == state(first)


def test_a_new_article_or_a_lost_index_means_a_fresh_read(tmp_path, monkeypatch):
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE], progress=False)
    desk.retriever.refresh(force=True)
    record = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    extra = tmp_path / "extra.jsonl"
    record |= {"id": "extra-1", "text": record["text"].replace("OSCE", "Council of Europe")}
    extra.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [before] = cache_files(tmp_path)
    stale = before.read_bytes()
    desk.ingest([extra], progress=False)  # this desk reloads and caches the new state...
    for path in cache_files(tmp_path):  # ...which another machine's cache would not have
        path.unlink()
    before.write_bytes(stale)

    reads = reads_of_the_store(monkeypatch)
    filters = filters_of_record_reads(monkeypatch)
    reopened = make_desk(tmp_path)
    articles = {c.article_id for c in reopened.retriever.chunks.values()}
    assert reads == [2] and len(articles) == 2 and "extra-1" in articles
    # Started from the stale state: only the new article's chunks and quotes were read.
    assert filters and all(f == {"article_id": {"$in": ["extra-1"]}} for f in filters)
    assert state(reopened) == state(desk)
    assert len(cache_files(tmp_path)) == 1  # only the latest state is kept

    reopened.store.reset_indexes()  # chunks and quotes lost, article records kept
    lost = make_desk(tmp_path)
    assert reads == [2, 2] and not lost.retriever.chunks
    assert "quotedesk rebuild" in (lost.index_problem() or "")


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path, monkeypatch):
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE], progress=False)
    desk.retriever.refresh(force=True)
    [cached] = cache_files(tmp_path)
    cached.write_bytes(cached.read_bytes()[:100])
    reads = reads_of_the_store(monkeypatch)
    reopened = make_desk(tmp_path)
    assert reads == [1] and state(reopened) == state(desk)
    assert cache_files(tmp_path) == [cached] and cached.stat().st_size > 100


def test_the_key_covers_every_article_stamp_and_the_counts() -> None:
    hashes = {"a": "1", "b": "2"}
    key = corpus_key(hashes, (2, 5, 3))
    assert key == corpus_key(dict(reversed(hashes.items())), (2, 5, 3))
    assert key != corpus_key({"a": "1", "b": "3"}, (2, 5, 3))
    assert key != corpus_key({"a": "1"}, (2, 5, 3))
    assert key != corpus_key(hashes, (2, 5, 0))


def test_a_reload_reads_only_the_changed_articles(tmp_path: Path) -> None:
    """After a small ingest the retriever reads the new and changed articles from Chroma, keeps
    the rest from memory, and ends in exactly the state a full read gives."""
    samples = SAMPLE.parent
    desk = make_desk(tmp_path / "store")
    desk.ingest([samples], progress=False)
    retriever = desk.retriever
    store = retriever.store
    reads: list[dict | None] = []  # the filters of chunk and quote reads
    iter_records = store.iter_records

    def spied(collection, include, where=None):
        if collection.name in (store.chunks.name, store.quotes.name):
            reads.append(where)
        return iter_records(collection, include, where)

    store.iter_records = spied
    record = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    record["text"] += "\n\n\u201cWe will talk again next week,\u201d Lavrov added."
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(record), encoding="utf-8")
    added = tmp_path / "new.txt"
    added.write_text(
        "Harbour reopens\n\n\u201cThe harbour reopens on Monday,\u201d said Alma Ruiz.\n",
        encoding="utf-8",
    )
    report = desk.ingest([changed, added], progress=False)
    assert (report.added, report.updated) == (1, 1)
    assert reads and None not in reads  # no full read of the collections
    read_ids = {a for f in reads for a in f["article_id"]["$in"]}
    assert record["id"] in read_ids and len(read_ids) == 2  # the changed one and the new one
    chunks, quotes = store.visible(retriever.hashes)
    assert retriever.chunks == chunks and retriever.quotes == quotes
    assert "Monday" in desk.ask("When does the harbour reopen?").answer
    # The lexical index holds exactly the visible chunks and attributed quotes, new ones too.
    lexical = store.lexical
    assert lexical.stamps.read() == retriever.hashes
    assert lexical.chunks.size == len(chunks)
    assert lexical.quotes.size == sum(1 for q, _ in quotes.values() if q.speaker)
    terms = retriever.lexicon.terms("harbour reopens Monday")
    assert lexical.quotes.search(terms, 1, retriever.hashes)[0].article_id == harbour_article(desk)
    assert "Alma Ruiz" in desk.ask("Who said the harbour reopens on Monday?").answer


def harbour_article(desk) -> str:
    """The id the new text article got (the one article whose title is "Harbour reopens")."""
    chunks = desk.retriever.chunks.values()
    return next(c.article_id for c in chunks if c.title == "Harbour reopens")
