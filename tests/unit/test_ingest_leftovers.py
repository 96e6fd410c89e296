"""Ingest deletes only what the store may hold of an article before writing it: nothing for an
article never written, and everything a killed ingest or delete left (real Store and Ingestor,
hashed-word vectors, made-up articles)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from ingest.store import Store, flat_metadata
from ingest.types import Article
from tests.helpers import FakeEmbedder, count_words

OLD = Article(
    id="made-up-dock",
    title="Dock repairs",
    text="\n\n".join(
        f"Paragraph {n} of the old story. “Work goes on at berth {n},” said engineer Ola Vint."
        for n in range(1, 6)
    ),
)
NEW = Article(id=OLD.id, title="Dock repairs", text="The dock is shut. Nothing was said.")
OTHER = Article(id="made-up-mill", title="Mill sold", text="“It was time,” said owner Ines Farr.")


class Killed(Exception):
    """Stands for the process dying at that point of a write or a delete."""


def _ingestor(tmp_path: Path) -> Ingestor:
    return Ingestor(
        Store.open(tmp_path / "store"),
        FakeEmbedder(),  # type: ignore[arg-type]
        count_words,
        chunk_max_tokens=40,  # OLD is several chunks, NEW one
        max_file_bytes=10**6,
    )


def _kill_before_quotes(ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write dies after the chunks were added, before the quotes."""
    store, add = ingestor.store, ingestor.store._add

    def add_then_die(collection, records, vectors):  # noqa: ANN001, ANN202
        if collection is store.quotes:
            raise Killed
        add(collection, records, vectors)

    monkeypatch.setattr(store, "_add", add_then_die)
    with pytest.raises(Killed):
        ingestor.ingest_articles([OLD], progress=False)
    monkeypatch.undo()


def _kill_before_record(ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write dies after chunks and quotes, before the article's record."""
    monkeypatch.setattr(ingestor.store, "_log", lambda entries: (_ for _ in ()).throw(Killed))
    with pytest.raises(Killed):
        ingestor.ingest_articles([OLD], progress=False)
    monkeypatch.undo()


def _kill_delete_after_chunks(ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    """A committed article's delete dies after its record and chunks went, before its quotes."""
    ingestor.ingest_articles([OLD], progress=False)
    store = ingestor.store
    store.articles.delete(ids=[OLD.id])
    store.chunks.delete(where={"article_id": {"$in": [OLD.id]}})


def _committed(ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    ingestor.ingest_articles([OLD], progress=False)


def _nothing(ingestor: Ingestor, monkeypatch: pytest.MonkeyPatch) -> None:
    pass


Setup = Callable[[Ingestor, pytest.MonkeyPatch], None]
# (name, what happened to OLD before, whether the store may hold anything of it)
CASES: list[tuple[str, Setup, bool]] = [
    ("never written", _nothing, False),
    ("committed", _committed, True),
    ("write killed after its chunks", _kill_before_quotes, True),
    ("write killed before its record", _kill_before_record, True),
    ("delete killed with its quotes left", _kill_delete_after_chunks, True),
]


@pytest.mark.parametrize(("name", "setup", "held"), CASES)
def test_stored_names_every_article_chroma_may_hold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, setup: Setup, held: bool
) -> None:
    ingestor = _ingestor(tmp_path)
    setup(ingestor, monkeypatch)
    assert ingestor.store.stored([OTHER.id, OLD.id]) == ([OLD.id] if held else []), name


@pytest.mark.parametrize(("name", "setup", "held"), CASES)
def test_writing_again_leaves_nothing_of_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, setup: Setup, held: bool
) -> None:
    ingestor = _ingestor(tmp_path)
    setup(ingestor, monkeypatch)
    ingestor.ingest_articles([NEW], progress=False)
    store = ingestor.store
    chunks = store.chunks.get(where={"article_id": OLD.id}, include=["metadatas"])
    quotes = store.quotes.get(where={"article_id": OLD.id}, include=["metadatas"])
    spans = [(m["start"], m["end"]) for m in map(flat_metadata, chunks["metadatas"])]
    assert spans == [(0, len(NEW.text))], name
    assert quotes["ids"] == [], name  # NEW quotes no one
    assert [c.text for c in store.all_chunks()] == [NEW.text], name


def test_new_articles_cost_no_delete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingestor = _ingestor(tmp_path)
    ingestor.ingest_articles([OLD], progress=False)
    deleted: list[list[str]] = []
    delete = ingestor.store.delete_articles
    monkeypatch.setattr(
        ingestor.store, "delete_articles", lambda ids: (deleted.append(list(ids)), delete(ids))
    )
    report = ingestor.ingest_articles([NEW, OTHER], progress=False)
    assert (report.added, report.updated) == (1, 1)
    assert deleted == [[OLD.id]]  # the changed article only
