"""Store write and read through `QuoteDesk` on a fresh fake store: counts, dedup by content,
updates that replace old chunks, and quotes that are exact spans of the stored text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl


@pytest.fixture
def desk(tmp_path: Path):
    return make_fake_desk(tmp_path / "store")


def test_ingest_counts_then_unchanged_then_updated(desk, tmp_path: Path) -> None:
    articles = write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)
    first = desk.ingest([articles], progress=False)
    assert (first.added, first.updated, first.unchanged, first.failed) == (3, 0, 0, 0)
    assert desk.stats()["articles"] == 3 and desk.stats()["chunks"] == first.chunks_written

    again = desk.ingest([articles], progress=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert again.chunks_written == 0

    changed = dict(FAKE_ARTICLES[1], text="Growers now expect a normal harvest after all.")
    updated = desk.ingest([write_jsonl(tmp_path / "b.jsonl", [changed])], progress=False)
    assert (updated.added, updated.updated) == (0, 1)
    assert desk.article("fake-orchard").text == changed["text"]
    assert desk.quotes("fake-orchard") == []  # the old quotes went with the old text
    assert "Priya Shah" not in {s.name for s in desk.speakers()}


def test_a_stored_article_reads_back_as_written(desk, tmp_path: Path) -> None:
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES[:1])], progress=False)
    stored = desk.article("fake-harbour")
    record = FAKE_ARTICLES[0]
    assert (stored.title, stored.source, stored.published) == (
        record["title"],
        record["source"],
        record["published"],
    )
    assert stored.text == record["text"]
    assert desk.article("no-such-id") is None
    assert desk.sources() == ["Valley Post"]


def test_quotes_are_exact_spans_in_text_order_and_filter_by_speaker(fake_desk) -> None:
    text = fake_desk.article("fake-harbour").text
    quotes = fake_desk.quotes("fake-harbour")
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(text[q.start : q.end] == q.text for q in quotes)
    ruiz = fake_desk.quotes("fake-harbour", speaker="Alma Ruiz")
    assert len(ruiz) == 2 and {q.speaker for q in ruiz} == {"Alma Ruiz"}
    assert ruiz[0].text.startswith("The bridge has carried traffic")


def test_bad_files_are_reported_and_good_ones_still_ingested(desk, tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", FAKE_ARTICLES[2:])
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x", "text": ', encoding="utf-8")
    errors = []
    report = desk.ingest([bad, good], on_error=errors.append, progress=False)
    assert (report.added, report.failed) == (1, 1)
    assert len(errors) == 1 and "bad.json" in str(errors[0])
    assert desk.article("fake-ferry") is not None
