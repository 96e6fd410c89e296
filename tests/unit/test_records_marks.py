"""What an open reads of the records file instead of every article's mark: the marks as a
mapping read on demand (`Records.marks`), a few marks (`marks_of`), and the log of articles
changed since a state (`article_changes`), which must say when it cannot tell."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ingest import records as records_module
from ingest.records import Records
from tests.unit.test_corpus import chunk, quote


@pytest.fixture
def records(tmp_path: Path) -> Records:
    found = Records(tmp_path / "records.sqlite")
    found.write({"a": "1", "b": "1"}, [chunk("a", 0), chunk("b", 0)], [quote("a", 1, "Ana Vell")])
    return found


def test_the_marks_mapping_reads_the_file_and_sees_later_commits(records: Records) -> None:
    marks = records.marks()
    assert dict(marks.items()) == records.stamps() == {"a": "1", "b": "1"}
    assert marks == {"a": "1", "b": "1"} and len(marks) == 2 and marks
    assert marks["a"] == "1" and marks.get("c") is None and "c" not in marks
    assert marks.get(3) is None  # not an id: absent, never an error
    records.write({"c": "2"}, [chunk("c", 0)], [])
    records.uncommit(["a"])
    assert dict(marks) == {"b": "1", "c": "2"}  # a live view, not a copy
    assert records.marks_of(["a", "c", "zz"]) == {"c": "2"}
    records.uncommit(["b", "c"])
    assert not marks and len(marks) == 0


def test_the_article_log_names_the_changed_articles(records: Records) -> None:
    start = records.state()
    assert records.article_changes(start) == set()
    records.write({"c": "1"}, [chunk("c", 0)], [])
    records.uncommit(["a"])
    records.put_rows({"d": "1"}, [chunk("d", 0)], [])  # rows without a mark count too
    assert records.article_changes(start) == {"a", "c", "d"}
    later = records.state()
    records.commit({"b": "2"})
    assert records.article_changes(later) == {"b"}
    assert records.article_changes(records.state()) == set()


def test_the_article_log_says_when_it_cannot_tell(tmp_path: Path, records: Records) -> None:
    start = records.state()
    other = Records(tmp_path / "other" / "records.sqlite")
    assert records.article_changes(other.state()) is None  # another file's state
    assert records.article_changes("nonsense") is None
    # A writer of an older version moves the generation on without logging the article.
    with sqlite3.connect(records.path) as db:
        db.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")
    assert records.article_changes(start) is None
    after = records.state()
    records.write({"c": "1"}, [chunk("c", 0)], [])
    assert records.article_changes(after) == {"c"}  # logged again from there on
    records.clear_rows()
    assert records.article_changes(after) is None  # the log starts again


def test_the_log_starts_again_past_its_limit(
    monkeypatch: pytest.MonkeyPatch, records: Records
) -> None:
    start = records.state()
    monkeypatch.setattr(records_module, "_LOG_LIMIT", 4)
    for n in range(4):
        records.commit({f"n{n}": "1"})
    assert records.article_changes(start) is None
    last = records.state()
    records.commit({"z": "1"})
    assert records.article_changes(last) == {"z"}


def test_a_file_written_before_the_article_log_starts_it_at_its_next_open(
    tmp_path: Path, records: Records
) -> None:
    before = records.state()
    records.commit({"c": "1"})
    with sqlite3.connect(records.path) as db:  # as an older version left it
        db.execute("DELETE FROM state WHERE key = 'articles_logged_from'")
        db.execute("DELETE FROM article_changes")
    reopened = Records(records.path)
    assert reopened.article_changes(before) is None  # not logged before this open
    now = reopened.state()
    reopened.commit({"e": "1"})
    assert reopened.article_changes(now) == {"e"}
