"""A replica's records file follows another process's writes through the store's ledger: two
`Store` objects on one Chroma (one embedded client, and a real `chroma run` server), writes
through one, opens through the other.
After every kind of write the replica's records file equals a fresh sync of the whole store,
and the replica never reads every article's stamp to get there."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.archive import ArticleArchive
from ingest.records import LedgerEntry
from ingest.store import LEDGER, Store
from tests.helpers import FAKE_ARTICLES, FakeEmbedder, chroma_server, make_fake_desk, write_jsonl

Opener = Callable[[Path], Store]


def contents(store: Store) -> tuple:
    """Everything a reader of the records file sees: marks, chunks, quotes, speaker counts."""
    records = store.records
    stamps = records.stamps()
    ids = sorted(stamps)
    chunks = sorted(records.chunks_of(ids), key=lambda c: c.id)
    quotes = sorted(records.quotes_where("article_id", ids), key=lambda q: q.id)
    speakers = sorted(row[:5] for row in records.speaker_rows())
    return stamps, chunks, quotes, speakers


def fresh_sync(open_store: Opener, home: Path) -> tuple:
    """What a new records file holds after its first sync (every article stamp read)."""
    store = open_store(home)
    store.sync_records()
    return contents(store)


def no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Store) -> dict[str, str]:
        raise AssertionError("read every article's stamp instead of the ledger's entries")

    monkeypatch.setattr(Store, "article_hashes", refuse)


def check_replica_follows(
    writer, open_store: Opener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole flow, for any writer desk and any way of opening a second store on its
    Chroma (each with its own records file)."""
    replica = open_store(tmp_path / "replica")
    replica.sync_records()  # its first sync: an empty store, a mark at the ledger's start
    fresh = 0

    def step(write: Callable[[], object]) -> None:
        nonlocal fresh
        write()
        with monkeypatch.context() as patch:
            no_full_read(patch)
            # The replica process opens again: a new Store on the same files.
            reopened = open_store(tmp_path / "replica")
            reopened.sync_records()
        fresh += 1
        expected = fresh_sync(open_store, tmp_path / f"fresh-{fresh}")
        assert contents(reopened) == expected
        assert expected[0] == writer.store.article_hashes()

    articles = write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)
    step(lambda: writer.ingest([articles], progress=False))
    assert len(contents(replica)[0]) == len(FAKE_ARTICLES)

    changed = dict(
        FAKE_ARTICLES[1], text=f"{FAKE_ARTICLES[1]['text']} “We start again,” Shah said."
    )
    replaced = write_jsonl(tmp_path / "b.jsonl", [changed])
    step(lambda: writer.ingest([replaced], progress=False))  # replaced: the counts do not change
    assert "We start again" in str(contents(open_store(tmp_path / "replica"))[2])

    step(lambda: writer.store.delete_articles([FAKE_ARTICLES[0]["id"]]))

    # A killed write: its ledger entry, never its commit. Nothing shows.
    ghost = LedgerEntry(FAKE_ARTICLES[2]["id"], "stamp-of-a-killed-write")
    step(lambda: writer.store._log([ghost]))
    assert ghost in open_store(tmp_path / "replica").records.ledger_mark().pending

    # A write in flight: the replica reads its entry before the commit lands, and copies the
    # article in at its next open (no later entry names it).
    log = writer.store._log

    def log_then_sync(entries: list[LedgerEntry]) -> None:
        log(entries)
        open_store(tmp_path / "replica").sync_records()

    again = dict(FAKE_ARTICLES[2], text=f"{FAKE_ARTICLES[2]['text']} More to come.")
    with monkeypatch.context() as patch:
        patch.setattr(writer.store, "_log", log_then_sync)
        step(lambda: writer.ingest([write_jsonl(tmp_path / "c.jsonl", [again])], progress=False))
    assert "More to come" in str(contents(open_store(tmp_path / "replica"))[1])
    assert open_store(tmp_path / "replica").records.ledger_mark().pending == ()


def shared_client(writer) -> Opener:
    """A second store over the writer's Chroma client, with its own records file."""
    return lambda home: Store(writer.store.client, "shared", ArticleArchive(home / "articles"))


def test_a_replica_follows_ingest_replace_and_delete_through_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = make_fake_desk(tmp_path / "writer")
    check_replica_follows(writer, shared_client(writer), tmp_path, monkeypatch)


@pytest.mark.slow
@pytest.mark.server
def test_a_replica_on_a_chroma_server_follows_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its own server: the session's `chroma_server` is shared by tests that expect it empty.
    with chroma_server(tmp_path / "db", tmp_path / "server.log") as (url, _):
        writer = make_fake_desk(tmp_path / "writer", chroma_url=url)
        check_replica_follows(writer, lambda home: Store.open(home, url), tmp_path, monkeypatch)


def test_chroma_returns_ledger_entries_in_the_order_added(tmp_path: Path) -> None:
    """What the ledger's positions rest on: a collection's records come back in the order
    they were added (random ids, batches of random size), read from any offset."""
    store = make_fake_desk(tmp_path / "store").store
    store.read_page = 7  # several pages per read
    rng = random.Random(0)
    added = []
    for batch in range(12):
        entries = [
            LedgerEntry(f"{rng.getrandbits(64):016x}", f"s{batch}")
            for _ in range(rng.randint(1, 40))
        ]
        store._log(entries)
        added += entries
    for start in (0, 1, 17, len(added) - 1):
        read = [
            LedgerEntry(meta["article_id"], meta["stamp"])
            for _, meta in store.iter_records(store.ledger, ["metadatas"], start=start)
        ]
        assert read == added[start:]


def test_a_store_without_a_ledger_still_opens_and_syncs_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before the ledger existed (here: its ledger dropped) has no entries
    for its articles: a records file that never followed a ledger compares every stamp once,
    then follows the (new, empty) ledger."""
    writer = make_fake_desk(tmp_path / "writer")
    writer.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    writer.store.client.delete_collection(LEDGER)
    open_store = shared_client(writer)
    replica = open_store(tmp_path / "replica")  # re-creates an empty ledger
    assert replica.ledger.count() == 0
    assert replica.records.ledger_mark() is None
    replica.sync_records()
    assert contents(replica)[0] == writer.store.article_hashes()
    with monkeypatch.context() as patch:
        no_full_read(patch)
        open_store(tmp_path / "replica").sync_records()


def test_a_replica_of_a_re_created_ledger_syncs_from_the_whole_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mark in another ledger (the store's collections were re-created) is not followed."""
    writer = make_fake_desk(tmp_path / "writer")
    open_store = shared_client(writer)
    open_store(tmp_path / "replica").sync_records()
    writer.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    writer.store.client.delete_collection(LEDGER)
    replica = open_store(tmp_path / "replica")
    replica.sync_records()
    assert contents(replica) == fresh_sync(open_store, tmp_path / "fresh")


def test_a_running_reader_reloads_after_a_replacement_elsewhere(tmp_path: Path) -> None:
    """A replacement made by another process keeps every record count equal; the ledger's
    length still moves, so a reader that polls (`refresh`) reloads and answers from it."""
    from app.retrieval import HybridRetriever

    writer = make_fake_desk(tmp_path / "writer")
    writer.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    settings = replace(writer.settings.retrieval, refresh_seconds=0.0)
    reader = HybridRetriever(shared_client(writer)(tmp_path / "reader"), FakeEmbedder(), settings)
    assert not reader.refresh()  # nothing changed since it loaded
    counts = writer.store.counts()
    changed = dict(FAKE_ARTICLES[1], text=FAKE_ARTICLES[1]["text"].replace("a", "o", 1))
    writer.ingest([write_jsonl(tmp_path / "b.jsonl", [changed])], progress=False)
    assert writer.store.counts() == counts
    assert reader.refresh()
    assert changed["text"] in {c.text for c in reader.corpus.records.chunks_of([changed["id"]])}
