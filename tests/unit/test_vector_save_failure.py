"""`Store.persist_vectors` after a committed ingest: when saving the HNSW indexes fails, the
ingest still reports success and the failure is one log line naming what failed; the store
reads as before (each process replays Chroma's log, as before the save existed)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl


class FailingReopen:
    """A fresh-client factory that fails its first `fails` calls, then makes real clients."""

    def __init__(self, reopen, fails: int) -> None:
        self.reopen, self.fails, self.calls = reopen, fails, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.fails:
            raise OSError("disk full")
        return self.reopen()


@pytest.mark.parametrize("fails", [1, 2], ids=["first-reopen", "every-reopen"])
def test_a_failed_save_is_one_log_line_and_the_ingest_succeeds(
    tmp_path: Path, caplog, fails: int
) -> None:
    desk = make_fake_desk(tmp_path / "store")
    store = desk.store
    failing = FailingReopen(store._reopen, fails)
    store._reopen = failing
    with caplog.at_level(logging.WARNING, logger="ingest.store"):
        report = desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    assert report.added == len(FAKE_ARTICLES) and not report.failed
    assert failing.calls >= 2  # the save was tried, and its settings put back
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("could not save the vector indexes of the store at ")
    assert "(OSError: disk full)" in line
    assert store.counts()["articles"] == len(FAKE_ARTICLES)
    for collection in (store.chunks, store.quotes):  # not left saving on every write
        assert collection.configuration["hnsw"]["sync_threshold"] == 1000
