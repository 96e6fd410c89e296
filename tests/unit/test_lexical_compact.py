"""ingest/lexical.py's compaction and tie order: a store whose articles were replaced ranks BM25
exactly as a store that ingested the same articles once (tantivy on disk, fake embedder), a
rewrite killed at any point leaves indexes that open and answer, equal scores come in id order,
and a missing or damaged `meta.json` never starts a rewrite nor crashes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ingest.lexical import (
    COMPACT_SHARE,
    DocCount,
    HeldArticles,
    LexicalDoc,
    LexicalIndex,
    LexicalStore,
)
from ingest.terms import Lexicon
from ingest.types import Chunk
from tests.helpers import make_fake_desk, run_killed, write_jsonl

LEXICON = Lexicon()
TOPICS = ("harbour wall", "council budget", "storm warning", "school roof", "rail strike")


def article(n: int, version: int) -> dict[str, str]:
    """A made-up article; `version` changes its words (an update replaces its documents)."""
    topic = TOPICS[n % len(TOPICS)]
    extra = " again" * version
    text = (
        f"The {topic} plan of Westland was discussed{extra} on day {n}.\n\n"
        f'"We will fix the {topic} soon{extra}," said Ana Vell, the mayor.\n\n'
        f"Tom Reed said the {topic} costs rose by {n} percent."
    )
    return {
        "id": f"art-{n}",
        "title": f"Westland {topic} {n}",
        "source": "Norland Times",
        "published": "2031-03-02",
        "text": text,
    }


def bm25(desk, query: str) -> list[tuple[str, float]]:
    """Every chunk and quote hit for `query` with its exact score."""
    store = desk.store
    visible = store.records.stamps()
    terms = LEXICON.terms(query)
    found = store.lexical.chunks.search(terms, 100, visible)
    found += store.lexical.quotes.search(terms, 100, visible)
    return [(h.id, h.score) for h in found]


def test_a_replaced_store_ranks_as_one_ingested_once(tmp_path: Path) -> None:
    """Without the rewrite, the replaced store's deleted documents move every score."""
    final = [article(n, 1 if n < 8 else 0) for n in range(20)]
    once = make_fake_desk(tmp_path / "once")
    once.ingest([write_jsonl(tmp_path / "final.jsonl", final)], progress=False)
    replaced = make_fake_desk(tmp_path / "replaced")
    first = [article(n, 0) for n in range(20)]
    replaced.ingest([write_jsonl(tmp_path / "first.jsonl", first)], progress=False)
    report = replaced.ingest([write_jsonl(tmp_path / "final2.jsonl", final)], progress=False)
    assert report.updated == 8
    assert replaced.store.lexical.chunks.counts().deleted == 0
    for query in ("harbour wall costs", "council budget fix soon again", "storm day 3"):
        assert bm25(replaced, query) == bm25(once, query) != []


def held(stamps: dict[str, str], words: str = "harbour storm") -> HeldArticles:
    chunks = [Chunk(f"{a}:0", a, 0, words, 0, len(words), 1, 1) for a in stamps]
    return HeldArticles(stamps, chunks, [])


def store_with_deletes(folder: Path, replaced: int) -> LexicalStore:
    """Ten articles written, then `replaced` of them written again (their old docs deleted)."""
    store = LexicalStore(folder)
    first = {f"a{i}": "v1" for i in range(10)}
    store.write(first, held(first).chunks, [])
    again = {f"a{i}": "v2" for i in range(replaced)}
    store.write(again, held(again).chunks, [])
    return store


def current(replaced: int) -> dict[str, str]:
    return {f"a{i}": "v2" if i < replaced else "v1" for i in range(10)}


def test_compact_rewrites_past_the_share_only(tmp_path: Path) -> None:
    store = store_with_deletes(tmp_path / "lex", 3)
    assert store.chunks.counts() == DocCount(13, 3)
    assert store.deleted_share() == pytest.approx(3 / 13)
    assert COMPACT_SHARE < 3 / 13
    stamps = current(3)
    assert store.compact(stamps, held)
    assert store.chunks.counts() == DocCount(10, 0) and store.deleted_share() == 0.0
    assert store.stamps.read() == stamps
    hits = store.chunks.search(LEXICON.terms("harbour"), 20, stamps)
    assert sorted(h.id for h in hits) == sorted(f"{a}:0" for a in stamps)
    assert not store.compact(stamps, held)  # nothing deleted: no rewrite


def test_compact_keeps_a_small_share(tmp_path: Path) -> None:
    store = LexicalStore(tmp_path / "lex")
    stamps = {f"a{i:02d}": "v1" for i in range(40)}
    store.write(stamps, held(stamps).chunks, [])
    store.write({"a00": "v2"}, held({"a00": "v2"}).chunks, [])
    assert store.chunks.counts() == DocCount(41, 1)  # 2.4%, under COMPACT_SHARE
    assert not store.compact({**stamps, "a00": "v2"}, held)
    assert store.chunks.counts() == DocCount(41, 1)


def test_equal_scores_come_in_id_order_and_ties_at_k_are_not_cut_by_place(
    tmp_path: Path,
) -> None:
    """Identical documents score alike; written in reverse id order over two commits (two
    segments), they still come back by id, and the k-th is the smallest id of the tie."""
    index = LexicalIndex(tmp_path / "chunks")
    stamps = {f"d{i}": "s" for i in range(6)}
    for i in (5, 4, 3):
        index.replace([], [LexicalDoc(f"d{i}:0", f"d{i}", "s", ["harbour"])])
    index.replace([], [LexicalDoc(f"d{i}:0", f"d{i}", "s", ["harbour"]) for i in (2, 1, 0)])
    index.replace([], [LexicalDoc("x:0", "x", "s", ["harbour", "harbour"])])
    hits = index.search(["harbour"], 3, {**stamps, "x": "s"})
    assert [h.id for h in hits] == ["x:0", "d0:0", "d1:0"]
    assert hits[1].score == hits[2].score < hits[0].score


@pytest.mark.parametrize(
    "meta",
    [None, "", "{not json", "[]", '{"segments": 3}', '{"segments": [{"max_doc": "x"}]}'],
)
def test_an_unreadable_meta_counts_nothing(tmp_path: Path, meta: str | None) -> None:
    index = LexicalIndex(tmp_path / "chunks")
    index.replace([], [LexicalDoc("a:0", "a", "s", ["harbour"])])
    path = tmp_path / "chunks" / "meta.json"
    if meta is None:
        path.unlink()
    else:
        path.write_text(meta)
    assert index.counts() == DocCount(0, 0)
    assert index.counts().share == 0.0


KILLED_REWRITE = textwrap.dedent(
    """
    import os, signal, sys
    from ingest.lexical import HeldArticles, LexicalStore
    from ingest.types import Chunk

    folder, mode = sys.argv[1], sys.argv[2]
    store = LexicalStore(folder)
    stamps = {f"a{i}": ("v2" if i < 3 else "v1") for i in range(10)}

    def read(page):
        if mode == "mid-chunks":
            os.kill(os.getpid(), signal.SIGKILL)
        chunks = [Chunk(f"{a}:0", a, 0, "harbour storm", 0, 13, 1, 1) for a in page]
        return HeldArticles(page, chunks, [])

    if mode == "before-quotes":
        store.quotes.rewrite = lambda docs: os.kill(os.getpid(), signal.SIGKILL)
    if mode == "before-stamps":
        store.stamps.rewrite = lambda stamps: os.kill(os.getpid(), signal.SIGKILL)
    store.compact(stamps, read)
    """
)


@pytest.mark.parametrize("mode", ["mid-chunks", "before-quotes", "before-stamps"])
def test_a_killed_compaction_leaves_whole_indexes(tmp_path: Path, mode: str) -> None:
    """Killed inside the chunk rewrite: the old index, deleted documents and all. Killed after
    it: the new one. Either way it opens, answers every article once, takes writes, and the
    next compaction finishes the job."""
    folder = tmp_path / "lexical"
    store_with_deletes(folder, 3)
    run_killed(KILLED_REWRITE, str(folder), mode)
    reopened = LexicalStore(folder)
    stamps = current(3)
    hits = reopened.chunks.search(LEXICON.terms("harbour"), 20, stamps)
    assert sorted(h.id for h in hits) == sorted(f"{a}:0" for a in stamps)
    rewritten = mode != "mid-chunks"
    assert reopened.chunks.counts() == (DocCount(10, 0) if rewritten else DocCount(13, 3))
    reopened.write({"k": "v1"}, held({"k": "v1"}).chunks, [])  # no lock left behind
    reopened.compact({**stamps, "k": "v1"}, held)
    assert reopened.chunks.counts() == DocCount(11, 0)
