"""After an ingest, the chunk and quote HNSW indexes are saved on disk up to the last record
(`Store.persist_vectors`): no record is left in Chroma's log for every process that opens the
store to add again, each in its own order (docs/notes/det26.md: a query then found a true
neighbour in some processes and not in others). The collections keep their own settings.

The check reads Chroma's own tables (`max_seq_id`: how far a segment has saved;
`embeddings_queue`: the log), read-only: Chroma has no call that says whether its index is
saved. Before `persist_vectors`, an ingest of a few articles left every record in the log
(embedded Chroma saves at 1,000) and this test failed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest.store import CHUNKS, QUOTES
from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl


def _unsaved(chroma_dir: Path, name: str) -> tuple[int, int]:
    """The collection's last record in the log, and the last its vector segment saved."""
    db = sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True)
    try:
        (collection,) = db.execute("SELECT id FROM collections WHERE name = ?", (name,)).fetchone()
        (segment,) = db.execute(
            "SELECT id FROM segments WHERE collection = ? AND scope = 'VECTOR'", (collection,)
        ).fetchone()
        logged = db.execute(
            "SELECT MAX(seq_id) FROM embeddings_queue WHERE topic LIKE ?", (f"%/{collection}",)
        ).fetchone()[0]
        saved = db.execute("SELECT seq_id FROM max_seq_id WHERE segment_id = ?", (segment,))
        row = saved.fetchone()
    finally:
        db.close()
    return logged, row[0] if row else 0


def test_an_ingest_leaves_the_vector_indexes_saved_to_the_last_record(tmp_path: Path) -> None:
    desk = make_fake_desk(tmp_path / "store")
    report = desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    assert report.added == len(FAKE_ARTICLES) and report.quotes_written > 0
    chroma = tmp_path / "store" / "chroma"
    for name in (CHUNKS, QUOTES):
        logged, saved = _unsaved(chroma, name)
        assert logged is not None and saved == logged, name


def test_saving_keeps_the_collections_settings_and_the_search(tmp_path: Path) -> None:
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    before = [p.chunk.id for p in desk.search("harbour bridge traffic", k=5)]
    desk.store.persist_vectors()  # again: nothing left to save, nothing changes
    for collection in (desk.store.chunks, desk.store.quotes):
        hnsw = collection.configuration_json["hnsw"]
        assert (hnsw["sync_threshold"], hnsw["ef_search"]) == (1000, 200)
    assert [p.chunk.id for p in desk.search("harbour bridge traffic", k=5)] == before
    again = make_fake_desk(tmp_path / "store")  # another open of the same store
    assert [p.chunk.id for p in again.search("harbour bridge traffic", k=5)] == before


def test_a_save_killed_midway_leaves_no_threshold_of_1_behind(tmp_path: Path) -> None:
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    for collection in (desk.store.chunks, desk.store.quotes):  # as a kill midway leaves them
        collection.modify(configuration={"hnsw": {"batch_size": 1, "sync_threshold": 1}})
    desk.store.persist_vectors()
    for collection in (desk.store.chunks, desk.store.quotes):
        assert collection.configuration_json["hnsw"]["sync_threshold"] == 1000
