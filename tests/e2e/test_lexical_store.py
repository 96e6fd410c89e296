"""The lexical index in a real store (embedded Chroma and tantivy in tmp_path, fake embedder):
written by ingest, replaced with a changed article, re-filled by rebuild, re-built by a reader
when it is missing, and nothing of a write killed before its commit mark is ever returned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl


@pytest.fixture
def desk(tmp_path: Path):
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    return desk


def lexical_ids(desk, query: str, kind: str = "chunks") -> set[str]:
    retriever = desk.retriever
    index = getattr(desk.store.lexical, kind)
    return {h.id for h in index.search(retriever.lexicon.terms(query), 50, retriever.hashes)}


def indexed_exactly_the_store(desk) -> None:
    retriever = desk.retriever
    lexical = desk.store.lexical
    assert lexical.stamps.read() == retriever.hashes
    assert set(lexical.chunks.stamps()) == set(retriever.chunks)
    attributed = {q for q, (quote, _) in retriever.quotes.items() if quote.speaker}
    assert set(lexical.quotes.stamps()) == attributed and attributed


def test_ingest_writes_the_index_under_the_store(desk, tmp_path: Path) -> None:
    assert (tmp_path / "store" / "lexical" / "chunks" / "meta.json").is_file()
    indexed_exactly_the_store(desk)
    assert {i.split(":")[0] for i in lexical_ids(desk, "frost blossom")} == {"fake-orchard"}
    assert lexical_ids(desk, "orchard", "quotes") == {  # by the headline
        q
        for q, (quote, a) in desk.retriever.quotes.items()
        if a == "fake-orchard" and quote.speaker
    }
    assert [p.chunk.article_id for p in desk.search("apple harvest frost", k=1)] == ["fake-orchard"]


def test_a_changed_article_replaces_its_documents(desk, tmp_path: Path) -> None:
    changed = dict(FAKE_ARTICLES[1], text="Growers now expect a normal harvest after all.")
    desk.ingest([write_jsonl(tmp_path / "b.jsonl", [changed])], progress=False)
    indexed_exactly_the_store(desk)
    assert lexical_ids(desk, "frost blossom") == set()
    assert {i.split(":")[0] for i in lexical_ids(desk, "normal harvest")} == {"fake-orchard"}


def test_rebuild_refills_the_index(desk) -> None:
    before = set(desk.store.lexical.chunks.stamps())
    desk.rebuild(progress=False)
    indexed_exactly_the_store(desk)
    assert set(desk.store.lexical.chunks.stamps()) == before


def test_a_reader_indexes_what_the_index_lacks(desk, tmp_path: Path) -> None:
    """A store written before the lexical index existed (or by another machine into a shared
    Chroma server): the first open indexes the committed articles from their records."""
    desk.store.client.close()
    shutil.rmtree(tmp_path / "store" / "lexical")
    reopened = make_fake_desk(tmp_path / "store")
    indexed_exactly_the_store(reopened)
    assert {i.split(":")[0] for i in lexical_ids(reopened, "frost blossom")} == {"fake-orchard"}


def test_a_write_killed_before_its_commit_mark_shows_nothing(desk, tmp_path: Path) -> None:
    """The lexical documents and Chroma chunks are written, the article record is not: no
    search returns any of them, and the next ingest completes the article."""
    new = {
        "id": "fake-zeppelin",
        "title": "Zeppelin lands at the quay",
        "source": "Valley Post",
        "published": "2031-08-01",
        "text": "\u201cThe zeppelin is here to stay,\u201d said pilot Ida Kern.",
    }
    articles = desk.store.articles

    class Killed(BaseException):
        """Stands for SIGKILL: nothing after it runs, no handler sees it."""

    class Dying:
        """The articles collection, dying at the write of the commit mark."""

        def __getattr__(self, name: str):
            return getattr(articles, name)

        def upsert(self, **_records) -> None:
            raise Killed

    desk.store.articles = Dying()
    with pytest.raises(Killed):
        desk.ingest([write_jsonl(tmp_path / "z.jsonl", [new])], progress=False)
    desk.store.articles = articles
    desk.retriever.refresh(force=True)
    assert "fake-zeppelin" in desk.store.lexical.stamps.read()  # written, not committed
    assert lexical_ids(desk, "zeppelin") == lexical_ids(desk, "zeppelin", "quotes") == set()
    assert all(p.chunk.article_id != "fake-zeppelin" for p in desk.search("zeppelin", k=5))
    assert desk.ingest([write_jsonl(tmp_path / "z.jsonl", [new])], progress=False).added == 1
    indexed_exactly_the_store(desk)
    assert {i.split(":")[0] for i in lexical_ids(desk, "zeppelin")} == {"fake-zeppelin"}
