"""The records file (`<store>/records.sqlite`, ingest/records.py) that app processes read by id:
it holds exactly what Chroma holds for the committed articles; a reopen reads nothing from
Chroma when they agree, and only the articles that differ when they do not (a store written
before the file existed, another machine's ingest, a kill between the two commits)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ingest.records import FILE_NAME
from ingest.store import CHUNKS, QUOTES, Store
from tests.helpers import SAMPLE, make_desk

QUESTION = "What did Lavrov say about the OSCE?"
WHO_SAID = "Who said that the reaction should not be delayed?"


def chroma_reads(monkeypatch: pytest.MonkeyPatch) -> list[dict | None]:
    """The `where` filter of every chunk and quote read from Chroma from now on (None: all)."""
    filters: list[dict | None] = []
    original = Store.iter_records

    def spied(self, collection, include, where=None, start=0):
        if collection.name in (CHUNKS, QUOTES):
            filters.append(where)
        return original(self, collection, include, where, start)

    monkeypatch.setattr(Store, "iter_records", spied)
    return filters


def state(desk) -> tuple:
    retriever = desk.retriever
    top = [p.chunk.id for p in desk.search(QUESTION, k=5)]
    answers = [desk.ask(q).answer for q in (QUESTION, WHO_SAID)]
    speakers = [(s.name, s.quotes, s.articles) for s in desk.speakers()]
    return sorted(retriever.chunks), sorted(retriever.quotes), top, answers, speakers


def assert_records_equal_chroma(desk) -> None:
    """Every visible chunk and quote in Chroma, and nothing else, is in the records file."""
    retriever = desk.retriever
    chunks, quotes = desk.store.visible(retriever.hashes)
    assert retriever.hashes == desk.store.article_hashes()
    assert dict(retriever.chunks.items()) == chunks
    assert dict(retriever.quotes.items()) == {q: (s.quote, s.article_id) for q, s in quotes.items()}
    by_chunk = {}
    for qid, stored in quotes.items():
        by_chunk.setdefault(stored.quote.chunk_id, []).append(qid)
    for chunk_id, ids in by_chunk.items():
        assert sorted(retriever.quotes_by_chunk[chunk_id]) == sorted(ids)


def test_an_unchanged_store_reopens_without_reading_chroma(tmp_path, monkeypatch):
    first = make_desk(tmp_path)
    first.ingest([SAMPLE], progress=False)
    assert_records_equal_chroma(first)
    reads = chroma_reads(monkeypatch)
    second = make_desk(tmp_path)
    assert reads == []
    assert state(second) == state(first)


def test_a_store_written_before_the_records_file_is_filled_from_chroma(tmp_path, monkeypatch):
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE.parent], progress=False)
    before = state(desk)
    for path in tmp_path.glob(f"{FILE_NAME}*"):
        path.unlink()
    reads = chroma_reads(monkeypatch)
    reopened = make_desk(tmp_path)
    assert reads  # read from Chroma once...
    assert_records_equal_chroma(reopened)
    assert state(reopened) == before
    reads.clear()
    make_desk(tmp_path)
    assert reads == []  # ...and never again


def test_only_articles_committed_elsewhere_are_read(tmp_path, monkeypatch):
    """Another machine's ingest into a shared Chroma server leaves this machine's records file
    without its articles (here: one article's rows and mark are removed)."""
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE], progress=False)
    record = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    extra = tmp_path / "extra.jsonl"
    record |= {"id": "extra-1", "text": record["text"].replace("OSCE", "Council of Europe")}
    extra.write_text(json.dumps(record) + "\n", encoding="utf-8")
    desk.ingest([extra], progress=False)
    expected = state(desk)
    desk.store.records.delete(["extra-1"])
    reads = chroma_reads(monkeypatch)
    reopened = make_desk(tmp_path)
    assert reads and all(f == {"article_id": {"$in": ["extra-1"]}} for f in reads)
    assert_records_equal_chroma(reopened)
    assert state(reopened) == expected


def test_rows_of_an_uncommitted_article_are_invisible(tmp_path):
    """A kill after the records rows but before the Chroma article record: nothing shows."""
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE], progress=False)
    chunk = next(iter(desk.retriever.chunks.values()))
    half = dataclasses.replace(chunk, id="ghost:0", article_id="ghost")
    desk.store.records.put_rows({"ghost": "s"}, [half], [])
    reopened = make_desk(tmp_path)
    assert "ghost:0" not in reopened.retriever.chunks
    assert "ghost" not in reopened.retriever.hashes
    assert_records_equal_chroma(reopened)


def test_a_lost_chunk_index_is_reported(tmp_path):
    desk = make_desk(tmp_path)
    desk.ingest([SAMPLE], progress=False)
    desk.store.reset_indexes()  # chunks and quotes lost, article records kept
    lost = make_desk(tmp_path)
    assert not list(lost.retriever.chunks)
    assert "quotedesk rebuild" in (lost.index_problem() or "")


def test_a_reload_after_an_ingest_reads_nothing_from_chroma(tmp_path: Path, monkeypatch) -> None:
    """The store writes the records file itself: after a small ingest the retriever reads the
    changed articles from it, and ends in exactly the state a full read of Chroma gives."""
    samples = SAMPLE.parent
    desk = make_desk(tmp_path / "store")
    desk.ingest([samples], progress=False)
    reads = chroma_reads(monkeypatch)
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
    assert reads == []
    monkeypatch.undo()
    assert_records_equal_chroma(desk)
    retriever = desk.retriever
    assert "Monday" in desk.ask("When does the harbour reopen?").answer
    # The lexical index holds exactly the visible chunks and attributed quotes, new ones too.
    lexical = desk.store.lexical
    chunks, quotes = desk.store.visible(retriever.hashes)
    assert lexical.stamps.read() == retriever.hashes
    assert lexical.chunks.size == len(chunks)
    assert lexical.quotes.size == sum(1 for s in quotes.values() if s.quote.speaker)
    assert "Alma Ruiz" in desk.ask("Who said the harbour reopens on Monday?").answer
