"""The article archive that `rebuild` reads: exact round trip, replace by id, damage tolerated."""

from __future__ import annotations

from pathlib import Path

from ingest.archive import ArticleArchive
from ingest.types import Article


def test_articles_round_trip_and_a_changed_one_replaces_its_file(tmp_path: Path) -> None:
    archive = ArticleArchive(tmp_path / "articles")
    first = Article("a/../1", "Title", "Text \u201cquoted\u201d.\n\nMore.", "CNN", "2022-01-27")
    other = Article("b", "Other", "Other text.")
    archive.put([first, other])
    assert sorted(archive, key=lambda a: a.id) == [first, other]

    changed = Article(first.id, "Title", "New text.", "CNN", "2022-01-28")
    archive.put([changed])
    assert archive.count() == 2 and changed in list(archive) and first not in list(archive)
    assert not list((tmp_path / "articles").glob("*/*.tmp"))  # nothing half-written left
    assert all(p.parent.parent == tmp_path / "articles" for p in archive.root.glob("*/*.json"))


def test_a_damaged_file_is_skipped_not_fatal(tmp_path: Path) -> None:
    archive = ArticleArchive(tmp_path)
    archive.put([Article("a", "A", "Text a."), Article("b", "B", "Text b.")])
    next(iter(sorted(tmp_path.glob("*/*.json")))).write_bytes(b"{not json")
    assert len(list(archive)) == 1
