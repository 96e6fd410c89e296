"""ingest/lexical.py: tantivy indexes on disk (in tmp_path), on made-up text: write, search,
filters, replace, delete, clear, idf, another handle's commits, and what a killed writer
leaves (nothing visible)."""

from __future__ import annotations

import math
import textwrap
import threading
import time
from pathlib import Path

import pytest

from ingest.lexical import (
    LexicalDoc,
    LexicalError,
    LexicalIndex,
    LexicalStore,
    chunk_doc,
    quote_doc,
)
from ingest.record_filter import RecordFilter
from ingest.terms import Lexicon
from ingest.types import Chunk, Quote, StoredQuote
from tests.helpers import run_killed

LEXICON = Lexicon()

# (id, article, text, source, day, speaker)
DOCS = [
    ("a:0", "a", "The harbour reopens on Monday after the storm", "Gazette", 100, "Alma Ruiz"),
    ("a:1", "a", "Fishermen waited for the harbour gates", "Gazette", 100, None),
    ("b:0", "b", "Council budget vote delayed again", "Herald", 200, "Tom Vale"),
    ("b:1", "b", "The budget funds the harbour wall repairs", "Herald", 200, "Tom Vale"),
    ("c:0", "c", "Storm warnings for the coast on Monday", "Gazette", 300, "Alma Ruiz"),
]
STAMPS = {"a": "s1", "b": "s1", "c": "s1"}


def doc(record: tuple) -> LexicalDoc:
    doc_id, article, text, source, day, speaker = record
    return LexicalDoc(doc_id, article, "s1", LEXICON.terms(text), source, day, speaker)


@pytest.fixture
def index(tmp_path: Path) -> LexicalIndex:
    index = LexicalIndex(tmp_path / "chunks")
    index.replace(STAMPS, [doc(r) for r in DOCS])
    return index


def ids(index: LexicalIndex, query: str, visible=STAMPS, within=None, k: int = 10) -> list[str]:
    return [h.id for h in index.search(LEXICON.terms(query), k, visible, within)]


def test_search_ranks_by_bm25_on_the_stemmed_terms(index: LexicalIndex) -> None:
    assert ids(index, "harbours reopening")[0] == "a:0"  # stemmed: harbour, reopen
    assert set(ids(index, "harbour")) == {"a:0", "a:1", "b:1"}
    assert ids(index, "budget", k=1) == ["b:0"]  # the shorter text first
    assert ids(index, "the and of") == []  # stop words only
    assert ids(index, "zeppelin") == []


def test_a_repeated_query_term_counts_again(index: LexicalIndex) -> None:
    once = {h.id: h.score for h in index.search(["harbor", "monday"], 5, STAMPS)}
    twice = {h.id: h.score for h in index.search(["harbor", "harbor", "monday"], 5, STAMPS)}
    assert twice["a:1"] == pytest.approx(2 * once["a:1"])


@pytest.mark.parametrize(
    ("within", "expected"),
    [
        (RecordFilter(source="Gazette"), {"a:0", "c:0"}),
        (RecordFilter(source="Nobody"), set()),
        (RecordFilter(since=150), {"c:0"}),
        (RecordFilter(until=150), {"a:0"}),
        (RecordFilter(since=100, until=300), {"a:0", "c:0"}),
        (RecordFilter(speakers=("Alma Ruiz",)), {"a:0", "c:0"}),
        (RecordFilter(speakers=("Tom Vale",)), set()),
        (RecordFilter(source="Gazette", speakers=("Alma Ruiz",), since=200), {"c:0"}),
    ],
)
def test_filters_narrow_without_changing_scores(
    index: LexicalIndex, within: RecordFilter, expected: set[str]
) -> None:
    scores = {h.id: h.score for h in index.search(["monday"], 10, STAMPS)}
    found = index.search(["monday"], 10, STAMPS, within)
    assert {h.id for h in found} == expected
    assert all(h.score == pytest.approx(scores[h.id]) for h in found)


@pytest.mark.parametrize(
    ("visible", "expected"),
    [
        (STAMPS, {"a:0", "a:1", "b:1"}),
        ({"b": "s1"}, {"b:1"}),  # a and c not committed (a killed ingest)
        ({**STAMPS, "a": "s2"}, {"b:1"}),  # a committed in another version
        ({}, set()),
    ],
)
def test_only_documents_of_committed_articles_are_returned(
    index: LexicalIndex, visible: dict[str, str], expected: set[str]
) -> None:
    assert set(ids(index, "harbour", visible)) == expected


def test_hidden_documents_do_not_starve_the_top_k(tmp_path: Path) -> None:
    """Many leftovers of an uncommitted article outrank the committed one: still found."""
    index = LexicalIndex(tmp_path / "chunks")
    leftovers = [LexicalDoc(f"x:{i}", "x", "s1", ["harbor"]) for i in range(50)]
    index.replace(["x", "y"], [*leftovers, LexicalDoc("y:0", "y", "s1", ["harbor", "wall"])])
    assert ids(index, "harbour", {"y": "s1"}, k=3) == ["y:0"]


def test_replace_drops_the_old_version_and_delete_removes(index: LexicalIndex) -> None:
    index.replace(["a"], [LexicalDoc("a:0", "a", "s2", LEXICON.terms("Harbour closed"))])
    visible = {**STAMPS, "a": "s2"}
    assert set(ids(index, "harbour", visible)) == {"a:0", "b:1"}
    assert ids(index, "fishermen", visible) == []
    index.replace(["b"], [])
    assert ids(index, "budget") == [] and index.size == 2


def test_a_damaged_index_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "chunks").mkdir()
    (tmp_path / "chunks" / "meta.json").write_text("not json", encoding="utf-8")
    with pytest.raises(LexicalError, match="remove that folder"):
        LexicalIndex(tmp_path / "chunks")


def test_idf_is_lucenes_and_an_unseen_term_is_rarest(index: LexicalIndex) -> None:
    n = len(DOCS)
    assert index.idf("harbor") == pytest.approx(math.log(1 + (n - 3 + 0.5) / 3.5))
    assert index.idf("zeppelin") == pytest.approx(math.log(1 + (n + 0.5) / 0.5))
    assert index.idf("zeppelin") > index.idf("budget") > index.idf("harbor")


def test_another_handle_sees_commits_after_reload(index: LexicalIndex) -> None:
    other = LexicalIndex(index.folder)
    assert set(ids(other, "harbour")) == {"a:0", "a:1", "b:1"}
    index.replace(["d"], [LexicalDoc("d:0", "d", "s1", ["harbor"])])
    other.reload()
    assert "d:0" in ids(other, "harbour", {**STAMPS, "d": "s1"})


def test_a_writer_waits_for_another_handles_writer(index: LexicalIndex) -> None:
    other = LexicalIndex(index.folder)
    held = other._writer()
    release = threading.Timer(0.3, lambda: other._commit(held))
    release.start()
    started = time.monotonic()
    index.replace(["d"], [LexicalDoc("d:0", "d", "s1", ["harbor"])])
    release.join()
    assert time.monotonic() - started >= 0.25
    assert "d:0" in ids(index, "harbour", {**STAMPS, "d": "s1"})


def test_store_writes_chunks_and_attributed_quotes_then_stamps(tmp_path: Path) -> None:
    store = LexicalStore(tmp_path / "lexical")
    chunk = Chunk("n-1:0", "n-1", 0, "The dam holds, engineers said.", 0, 30, 1, 1, "Dam news")
    said = Quote("The dam holds", 0, 13, speaker="Ida Kern", chunk_id="n-1:0")
    unattributed = Quote("water", 20, 25, chunk_id="n-1:0")
    quotes = [StoredQuote("n-1:q0", said, "n-1"), StoredQuote("n-1:q1", unattributed, "n-1")]
    store.write({"n-1": "v1"}, [chunk], quotes)
    assert store.stamps.read() == {"n-1": "v1"}
    visible = {"n-1": "v1"}
    assert [h.id for h in store.chunks.search(["dam"], 5, visible)] == ["n-1:0"]
    # A quote is found by its headline too; only attributed quotes are indexed.
    assert [h.id for h in store.quotes.search(["news"], 5, visible)] == ["n-1:q0"]
    assert store.quotes.size == 1
    store.delete(["n-1"])
    assert store.stamps.read() == {} and store.chunks.size == store.quotes.size == 0
    store.write({"n-1": "v1"}, [chunk], [])
    store.clear()
    assert store.stamps.read() == {} and store.chunks.size == 0


def test_documents_carry_their_chunks_source_and_day() -> None:
    chunk = Chunk("n-1:0", "n-1", 0, "Text", 0, 4, 1, 1, "Title", "Gazette", "2021-03-04")
    quote = Quote("Text", 0, 4, speaker="Ida Kern", chunk_id="n-1:0")
    as_chunk = chunk_doc(LEXICON, chunk, "v1")
    as_quote = quote_doc(LEXICON, StoredQuote("n-1:q0", quote, "n-1"), "v1", {chunk.id: chunk})
    assert as_chunk.source == as_quote.source == "Gazette"
    assert as_chunk.day == as_quote.day is not None
    assert list(as_chunk.terms) == ["titl", "text"] and as_quote.speaker == "Ida Kern"
    orphan = quote_doc(LEXICON, StoredQuote("n-1:q1", quote, "n-1"), "v1", {})
    assert orphan.source is None and orphan.day is None and list(orphan.terms) == ["text"]


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from ingest.lexical import LexicalDoc, LexicalIndex, LexicalStore
    from ingest.types import Chunk

    folder, mode = sys.argv[1], sys.argv[2]
    if mode == "before-commit":
        index = LexicalIndex(folder + "/chunks")
        writer = index._writer()
        for i in range(100):
            writer.add_document(index._document(LexicalDoc(f"k:{i}", "k", "v1", ["harbor"])))
        os.kill(os.getpid(), signal.SIGKILL)
    store = LexicalStore(folder)
    store.stamps.put = lambda stamps: os.kill(os.getpid(), signal.SIGKILL)
    store.write({"k": "v1"}, [Chunk("k:0", "k", 0, "harbour", 0, 7, 1, 1)], [])
    """
)


@pytest.mark.parametrize("mode", ["before-commit", "before-stamp"])
def test_a_killed_writer_leaves_nothing_visible(tmp_path: Path, mode: str) -> None:
    """Killed before its commit: nothing is in the index. Killed after the documents but
    before the stamp: no stamp, so a reader re-indexes; and without the Chroma article record
    (written after), `search` returns none of them."""
    folder = tmp_path / "lexical"
    store = LexicalStore(folder)
    store.write({"z": "v1"}, [], [])
    run_killed(KILLED_WRITER, str(folder), mode)
    reopened = LexicalStore(folder)
    assert reopened.stamps.read() == {"z": "v1"}
    assert reopened.chunks.search(["harbour"], 10, {"z": "v1"}) == []
    written = 1 if mode == "before-stamp" else 0  # committed, but its article is not
    assert reopened.chunks.size == written
    reopened.write({"k": "v2"}, [], [])  # the lock of the killed writer does not block
    assert reopened.stamps.read() == {"z": "v1", "k": "v2"}
