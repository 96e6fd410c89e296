"""The stored speaker index on a real store (real quote extraction, fake vectors): what a
process reads back equals a fresh build from every stored quote, after the first ingest, an
incremental one, a replaced article and a deleted one, and an unchanged store is never built
again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.speaker_index import SpeakerIndex
from tests.helpers import ROOT, make_fake_desk, read_jsonl, write_jsonl

PRESS = ROOT / "data" / "samples" / "presidential-press.jsonl"
SAMPLE = ROOT / "data" / "samples" / "articles.jsonl"


def fresh(desk) -> SpeakerIndex:
    """The index built from every visible quote of the store, one by one (no counts kept)."""
    return SpeakerIndex((s.quote, s.article_id) for s in desk.retriever.corpus.iter_quotes())


def stored(desk, monkeypatch: pytest.MonkeyPatch) -> SpeakerIndex:
    """The index a new process over the same store reads, without building it."""

    def no_build(rows):
        raise AssertionError("built again although the store did not change")

    other = make_fake_desk(desk.settings.store_dir)
    with monkeypatch.context() as patch:
        patch.setattr(SpeakerIndex, "from_rows", no_build)
        return other.speaker_index()


def updated(desk, monkeypatch: pytest.MonkeyPatch) -> SpeakerIndex:
    """This process's index after a change: the stored one updated, never built from all
    counts, and equal to such a build."""

    def no_build(rows):
        raise AssertionError("built from every count instead of updated")

    with monkeypatch.context() as patch:
        patch.setattr(SpeakerIndex, "from_rows", no_build)
        index = desk.speaker_index()
    records = desk.retriever.corpus.records
    assert index.to_json() == SpeakerIndex.from_rows(records.speaker_rows()).to_json()
    return index


def assert_same(read: SpeakerIndex, built: SpeakerIndex) -> None:
    speakers = built.speakers()
    assert read.speakers() == speakers and len(speakers) > 5
    assert json.loads(read.to_json())["canonical"] == json.loads(built.to_json())["canonical"]
    for info in speakers[:10]:
        surname = info.name.split()[-1]
        assert read.resolve(surname) == built.resolve(surname)
        assert read.members(info.name) == built.members(info.name)
        if info.role:
            assert read.role_holders(info.role) == built.role_holders(info.role)
    question = f"What did {speakers[0].name} and {speakers[1].name} say?"
    assert read.find(question) == built.find(question)


def test_the_stored_index_equals_a_fresh_build_through_changes(tmp_path: Path, monkeypatch) -> None:
    articles = read_jsonl(PRESS)
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    write_jsonl(first, articles[:8])
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([first], progress=False)
    desk.speaker_index()  # built and stored by this process
    assert_same(stored(desk, monkeypatch), fresh(desk))

    write_jsonl(later, articles[8:])  # an incremental ingest
    desk.ingest([later, SAMPLE], progress=False)
    before = updated(desk, monkeypatch)
    assert_same(stored(desk, monkeypatch), fresh(desk))

    replaced = dict(articles[0], text=articles[8]["text"])  # another article's speakers
    write_jsonl(first, [replaced, *articles[1:8]])
    assert desk.ingest([first], progress=False).updated == 1
    assert updated(desk, monkeypatch).speakers() != before.speakers()
    assert_same(stored(desk, monkeypatch), fresh(desk))

    desk.store.delete_articles([articles[1]["id"]])
    desk.retriever.refresh(force=True)
    updated(desk, monkeypatch)
    assert_same(stored(desk, monkeypatch), fresh(desk))
