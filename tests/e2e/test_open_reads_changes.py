"""An open reads what changed, not every article: the lexical index is compared with the
records file only for the articles changed since the two last agreed, every article's mark is
not read into the process, and a running app on another `Store` of the same Chroma answers from
an article replaced elsewhere without reopening. Embedded Chroma and tantivy in tmp_path, fake
embedder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.api import QuoteDesk
from app.retrieval import HybridRetriever
from ingest.archive import ArticleArchive
from ingest.lexical import ArticleStamps
from ingest.records import Records
from ingest.store import Store
from tests.helpers import FAKE_ARTICLES, FakeEmbedder, make_fake_desk, write_jsonl

CHANGED = dict(FAKE_ARTICLES[1], text=f"{FAKE_ARTICLES[1]['text']} “We start again,” Shah said.")


def reader(writer, home: Path) -> HybridRetriever:
    """A process opening its own records file and lexical index on the writer's Chroma."""
    store = Store(writer.store.client, "shared", ArticleArchive(home / "articles"))
    settings = replace(writer.settings.retrieval, refresh_seconds=0.0)
    return HybridRetriever(store, FakeEmbedder(), settings)


def lexical_articles(retriever: HybridRetriever, query: str) -> set[str]:
    terms = retriever.lexicon.terms(query)
    hits = retriever.store.lexical.chunks.search(terms, 50, retriever.hashes)
    return {hit.article_id for hit in hits}


class Reads:
    """Spies on the lexical index's stamp reads; `whole` refuses a read of every stamp."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, whole: bool) -> None:
        self.asked: list[str] = []
        of = ArticleStamps.of

        def spy(stamps: ArticleStamps, ids):
            self.asked += list(ids)
            return of(stamps, ids)

        def refuse(*_):
            raise AssertionError("read every article's mark or lexical stamp")

        monkeypatch.setattr(ArticleStamps, "of", spy)
        if not whole:
            monkeypatch.setattr(ArticleStamps, "read", refuse)
            monkeypatch.setattr(Records, "stamps", refuse)


@pytest.fixture
def writer(tmp_path: Path):
    desk = make_fake_desk(tmp_path / "writer")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    return desk


def test_an_unchanged_open_reads_no_stamps(writer, tmp_path, monkeypatch) -> None:
    reader(writer, tmp_path / "reader")  # its first open copies in and indexes everything
    reader(writer, tmp_path / "reader")  # and this one checks every stamp once more
    with monkeypatch.context() as patch:
        reads = Reads(patch, whole=False)
        opened = reader(writer, tmp_path / "reader")
    assert reads.asked == []
    assert lexical_articles(opened, "frost blossom") == {"fake-orchard"}
    assert len(opened.hashes) == len(FAKE_ARTICLES)


def test_after_a_replacement_elsewhere_only_that_article_is_compared(
    writer, tmp_path, monkeypatch
) -> None:
    reader(writer, tmp_path / "reader")
    reader(writer, tmp_path / "reader")
    writer.ingest([write_jsonl(tmp_path / "b.jsonl", [CHANGED])], progress=False)
    with monkeypatch.context() as patch:
        reads = Reads(patch, whole=False)
        opened = reader(writer, tmp_path / "reader")
    assert set(reads.asked) == {CHANGED["id"]}
    stamps = writer.store.article_hashes()
    assert opened.hashes == stamps
    assert opened.store.lexical.stamps.of([CHANGED["id"]]) == {CHANGED["id"]: stamps[CHANGED["id"]]}
    assert CHANGED["id"] in lexical_articles(opened, "start again")


def test_a_lexical_commit_never_marked_is_found_and_undone(writer, tmp_path, monkeypatch) -> None:
    """A killed ingest: the lexical index holds an article's new version, the records file
    still marks the old one. The next open must compare every article and index the marked
    version again, though the records file has not changed since the last check."""
    reader(writer, tmp_path / "reader")
    opened = reader(writer, tmp_path / "reader")
    article = CHANGED["id"]
    old = opened.corpus.records.chunks_of([article])
    killed = [replace(c, text="Nothing about the harvest at all.") for c in old]
    opened.store.lexical.write({article: "stamp-of-a-killed-write"}, killed, [])
    assert lexical_articles(opened, "frost blossom") == set()  # hidden: a version never marked
    with monkeypatch.context() as patch:
        Reads(patch, whole=True)
        reopened = reader(writer, tmp_path / "reader")
    assert lexical_articles(reopened, "frost blossom") == {article}


def test_a_running_app_answers_from_an_article_replaced_elsewhere(writer, tmp_path) -> None:
    """Two `Store` objects on one Chroma, each with its own records file: a replacement
    through one keeps every record count equal, yet the other's running `QuoteDesk` answers
    from the new text at its next question, without being reopened."""
    retriever = reader(writer, tmp_path / "reader")
    # The ingestor is never used: this desk only answers.
    desk = QuoteDesk(writer.settings, retriever.store, retriever, writer.ingestor)
    question = "What did Priya Shah say about prices?"
    said, now = "Prices for apples will rise this autumn.", "Pear prices will fall next winter."
    assert said in str(desk.ask(question)) and now not in str(desk.ask(question))
    counts = writer.store.counts()
    text = FAKE_ARTICLES[1]["text"].replace(said, now)
    writer.ingest([write_jsonl(tmp_path / "b.jsonl", [dict(CHANGED, text=text)])], progress=False)
    assert writer.store.counts() == counts
    answer = str(desk.ask(question))
    assert now in answer and said not in answer


def test_an_open_that_indexed_what_changed_lets_the_next_read_nothing(
    writer, tmp_path, monkeypatch
) -> None:
    reader(writer, tmp_path / "reader")
    writer.ingest([write_jsonl(tmp_path / "b.jsonl", [CHANGED])], progress=False)
    reader(writer, tmp_path / "reader")  # copies in and indexes the replaced article
    with monkeypatch.context() as patch:
        reads = Reads(patch, whole=False)
        reader(writer, tmp_path / "reader")
    assert reads.asked == []


def test_a_stamp_committed_by_another_process_meanwhile_is_compared_next_time(
    writer, tmp_path, monkeypatch
) -> None:
    """Another process commits stamps to the lexical index while this one indexes what
    changed: this one's check is not stored, so the next open compares every article (the
    other commit may be a killed ingest's, of a version never marked)."""
    reader(writer, tmp_path / "reader")
    writer.ingest([write_jsonl(tmp_path / "b.jsonl", [CHANGED])], progress=False)
    put = ArticleStamps.put

    def after_another(stamps: ArticleStamps, marks):
        put(stamps, {"ghost": "stamp-of-a-killed-write"})  # the other process's commit
        return put(stamps, marks)

    with monkeypatch.context() as patch:
        patch.setattr(ArticleStamps, "put", after_another)
        reader(writer, tmp_path / "reader")
    read = ArticleStamps.read
    full: list[int] = []
    monkeypatch.setattr(ArticleStamps, "read", lambda s: full.append(1) or read(s))
    reader(writer, tmp_path / "reader")
    assert full == [1]
