"""The records file (ingest/records.py) and the `Corpus` reader over it (app/corpus.py):
visibility follows the commit marks, lookups by id, and the whole-store queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.corpus import CACHE_SIZE, SPEAKER_INDEX, Corpus
from app.speaker_index import SpeakerIndex
from ingest.records import Derived, Records, RecordsError
from ingest.types import Chunk, Quote, StoredQuote


def chunk(article: str, n: int, published: str | None = "2024-03-01") -> Chunk:
    return Chunk(
        id=f"{article}:{n}",
        article_id=article,
        index=n,
        text=f"text {article} {n}",
        start=0,
        end=10,
        paragraph_start=1,
        paragraph_end=1,
        title=f"Title {article}",
        source="Daily",
        published=published,
    )


def quote(article: str, n: int, speaker: str | None, role: str | None = None) -> StoredQuote:
    q = Quote(
        text=f"words {n}",
        start=n,
        end=n + 5,
        speaker=speaker,
        speaker_as_written=speaker,
        role=role,
        chunk_id=f"{article}:0",
    )
    return StoredQuote(f"{article}:q{n}", q, article)


@pytest.fixture
def records(tmp_path: Path) -> Records:
    found = Records(tmp_path / "records.sqlite")
    found.put_rows(
        {"a": "1", "b": "1"},
        [chunk("a", 0), chunk("a", 1), chunk("b", 0, published=None)],
        [quote("a", 1, "Ana Vell", "minister"), quote("a", 2, "Ana Vell"), quote("b", 1, None)],
    )
    found.commit({"a": "1", "b": "1"})
    return found


def test_rows_are_invisible_until_their_article_is_committed(tmp_path: Path) -> None:
    records = Records(tmp_path / "records.sqlite")
    records.put_rows({"a": "1"}, [chunk("a", 0)], [quote("a", 1, "Ana Vell")])
    assert records.chunk("a:0") is None and records.quote("a:q1") is None
    assert records.counts() == (0, 0, 0)
    records.commit({"a": "1"})
    assert records.chunk("a:0") == chunk("a", 0)
    assert records.counts() == (1, 1, 1)


def test_a_mark_of_another_version_hides_the_rows(records: Records) -> None:
    records.commit({"a": "2"})  # committed in a version whose rows are not here
    assert records.chunk("a:0") is None
    assert records.counts() == (2, 1, 1)
    assert records.articles_without_chunks() == ["a"]


def test_uncommit_hides_and_delete_removes(records: Records) -> None:
    records.uncommit(["a"])
    assert records.chunk("a:0") is None and records.chunks_of(["a"], stamped=True)
    records.delete(["a"])
    assert records.chunks_of(["a"], stamped=True) == []
    assert records.stamps() == {"b": "1"}


def test_rewriting_an_article_replaces_all_its_rows(records: Records) -> None:
    records.put_rows({"a": "2"}, [chunk("a", 0)], [])
    records.commit({"a": "2"})
    assert records.chunk("a:1") is None and records.chunk("a:0") is not None
    assert records.quotes_where("article_id", ["a"]) == []


def test_a_reader_copy_skips_articles_committed_since_it_looked(records: Records) -> None:
    """A reader copying articles in from Chroma must not write over what another process
    committed after the reader read the marks: its copy is older."""
    seen = records.stamps()
    records.write({"a": "2"}, [chunk("a", 0)], [])  # another process commits a new version
    written = records.write({"a": "1", "c": "1"}, [chunk("a", 5), chunk("c", 0)], [], seen=seen)
    assert written == ["c"]
    assert records.stamps()["a"] == "2" and records.chunk("a:0") is not None
    assert records.chunk("a:5") is None and records.chunk("c:0") is not None
    records.uncommit(["a"], seen=seen)  # the mark changed since: kept
    assert "a" in records.stamps()


def test_quote_round_trip_and_lookups(records: Records) -> None:
    qid, q, article = quote("a", 1, "Ana Vell", "minister")
    assert records.quote(qid) == (qid, q, article)
    assert [s.id for s in records.quotes_where("speaker", ["Ana Vell"])] == ["a:q1", "a:q2"]
    assert [s.id for s in records.quotes_where("chunk_id", ["a:0"])] == ["a:q1", "a:q2"]
    with pytest.raises(ValueError):
        records.quotes_where("text; DROP TABLE quotes", ["x"])


def test_whole_store_queries(records: Records) -> None:
    assert records.sources() == ["Daily"]
    assert records.undated_titles() == ["Title b"]
    assert records.articles_without_chunks() == []
    assert [row[:5] for row in records.speaker_rows()] == [
        ("Ana Vell", "Ana Vell", "minister", "a", 1),
        ("Ana Vell", "Ana Vell", None, "a", 1),
    ]


def test_corpus_mappings_read_by_id(records: Records) -> None:
    corpus = Corpus(records, records.stamps())
    assert corpus.chunks["a:1"] == chunk("a", 1)
    assert corpus.chunks.get("nope") is None and "nope" not in corpus.chunks
    assert 42 not in corpus.chunks  # a wrong key type is absent, never a crash
    with pytest.raises(KeyError):
        corpus.quotes["nope"]
    assert corpus.quotes["a:q2"][1] == "a"
    assert corpus.quotes_by_chunk["a:0"] == ["a:q1", "a:q2"]
    assert corpus.quotes_by_speaker.get("Nobody", ()) == ()
    assert sorted(corpus.chunks) == ["a:0", "a:1", "b:0"] and len(corpus.chunks) == 3
    assert corpus.quotes_of("b") == [quote("b", 1, None)[1]]
    assert corpus.missing_articles() == [] and corpus.undated_articles() == ["Title b"]


def test_the_lookup_cache_is_bounded(records: Records) -> None:
    corpus = Corpus(records, records.stamps())
    for n in range(CACHE_SIZE + 10):
        corpus.chunks.get(f"x:{n}")
    assert len(corpus.chunks._cache) == CACHE_SIZE  # noqa: SLF001 - the bound is the point


def test_the_speaker_index_from_counts_equals_the_one_from_quotes(records: Records) -> None:
    quotes = [(s.quote, s.article_id) for s in records.iter_quotes()]
    from_quotes = SpeakerIndex(quotes)
    from_rows = SpeakerIndex.from_rows(records.speaker_rows())
    assert from_rows.speakers() == from_quotes.speakers()
    assert from_rows.speakers()[0].quotes == 2
    assert from_rows.role_holders("the minister") == from_quotes.role_holders("the minister")


def test_an_unwritable_place_is_a_records_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RecordsError):
        Records(blocker / "records.sqlite")


# ----- the speaker counts and the stored speaker index -------------------------------------


def grouped_from_quotes(records: Records) -> list[tuple]:
    """What `speaker_rows` gave before the counts were kept per article: every visible quote
    grouped, first seen first (the reference the kept counts must equal)."""
    sql = (
        "SELECT q.speaker, q.speaker_as_written, q.role, q.article_id, count(*), min(q.rowid) "
        "FROM quotes q JOIN articles a ON a.id = q.article_id AND a.stamp = q.stamp "
        "WHERE q.speaker IS NOT NULL AND q.speaker != '' "
        "GROUP BY q.speaker, q.speaker_as_written, q.role, q.article_id ORDER BY min(q.rowid)"
    )
    return records._query(sql)  # noqa: SLF001 - the reference reads the tables themselves


def assert_counts_current(records: Records) -> None:
    assert [tuple(r) for r in records.speaker_rows()] == grouped_from_quotes(records)


def test_the_speaker_counts_follow_every_kind_of_write(records: Records) -> None:
    assert_counts_current(records)
    records.write(
        {"c": "1"}, [chunk("c", 0)], [quote("c", 1, "Bo Lind"), quote("c", 2, "Ana Vell")]
    )
    assert_counts_current(records)
    records.write({"a": "2"}, [chunk("a", 0)], [quote("a", 7, "Bo Lind", "mayor")])  # replaced
    assert_counts_current(records)
    records.put_rows({"c": "2"}, [chunk("c", 0)], [quote("c", 3, "Cy Dale")])  # not committed
    assert_counts_current(records)
    assert "Cy Dale" not in {r.speaker for r in records.speaker_rows()}
    records.commit({"c": "2"})
    assert_counts_current(records)
    records.uncommit(["a"])
    assert_counts_current(records)
    records.delete(["c"])
    assert_counts_current(records)
    assert records.speaker_rows() == [] and records.stamps() == {"b": "1"}
    records.write({"d": "1"}, [chunk("d", 0)], [quote("d", 1, "Di Moss")])
    records.clear_rows()
    assert_counts_current(records)
    assert records.speaker_rows() == []


def test_a_skipped_copy_changes_no_counts(records: Records) -> None:
    seen = records.stamps()
    records.write({"a": "2"}, [chunk("a", 0)], [quote("a", 5, "Bo Lind")])  # another process
    records.write({"a": "1"}, [chunk("a", 0)], [quote("a", 6, "Cy Dale")], seen=seen)  # skipped
    assert_counts_current(records)
    assert {r.speaker for r in records.speaker_rows()} == {"Bo Lind"}


def test_a_file_written_before_the_counts_gets_them_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite"
    old = Records(path)
    old.write({"a": "1"}, [chunk("a", 0)], [quote("a", 1, "Ana Vell"), quote("a", 2, "Bo Lind")])
    old._db().executescript(  # noqa: SLF001 - what a file of the previous version lacks
        "DROP TABLE speaker_counts; DROP TABLE state; DROP TABLE derived;"
    )
    reopened = Records(path)
    assert_counts_current(reopened)
    assert [r.speaker for r in reopened.speaker_rows()] == ["Ana Vell", "Bo Lind"]


def test_the_state_moves_with_every_write_and_names_the_file(tmp_path: Path, records) -> None:
    states = [records.state()]
    records.commit({"a": "1"})
    states.append(records.state())
    records.uncommit(["zzz"])  # nothing there: still a write, never a missed change
    states.append(records.state())
    records.clear_rows()
    states.append(records.state())
    assert len(set(states)) == 4
    assert Records(records.path).state() == states[-1]  # another connection, the same state
    other = Records(tmp_path / "other" / "records.sqlite")
    assert other.state().split(":")[0] != states[0].split(":")[0]


def test_derived_data_of_an_old_state_is_not_stored(records: Records) -> None:
    state = records.state()
    records.commit({"a": "1"})
    assert not records.put_derived("x", Derived(state, b"old"))
    assert records.derived("x") is None
    assert records.put_derived("x", Derived(records.state(), b"new"))
    assert records.derived("x") == Derived(records.state(), b"new")


def index_state(index: SpeakerIndex) -> dict:
    return json.loads(index.to_json())


def test_the_stored_speaker_index_is_read_back_not_built(records, monkeypatch) -> None:
    built = Corpus(records, records.stamps()).speaker_index()
    fresh = SpeakerIndex.from_rows(records.speaker_rows())
    assert index_state(built) == index_state(fresh)

    def no_build(rows):
        raise AssertionError("built again at an unchanged state")

    monkeypatch.setattr(SpeakerIndex, "from_rows", no_build)
    read = Corpus(Records(records.path), records.stamps()).speaker_index()  # another process
    assert index_state(read) == index_state(fresh)
    assert read.speakers() == fresh.speakers() and read.canonical("Vell") == fresh.canonical("Vell")
    assert read.role_holders("the minister") == fresh.role_holders("the minister")
    assert (
        read.find("What did Ana Vell say?") == fresh.find("What did Ana Vell say?") == ["Ana Vell"]
    )


def test_a_changed_store_builds_the_index_again(records: Records) -> None:
    Corpus(records, records.stamps()).speaker_index()
    records.write({"c": "1"}, [chunk("c", 0)], [quote("c", 1, "Vell", "minister")])
    index = Corpus(records, records.stamps()).speaker_index()
    assert index_state(index) == index_state(SpeakerIndex.from_rows(records.speaker_rows()))
    assert index.info("Ana Vell").articles == 2  # "Vell" of article c is Ana Vell
    assert records.derived(SPEAKER_INDEX).state == records.state()


def test_damaged_stored_index_is_built_again(records: Records) -> None:
    assert records.put_derived(SPEAKER_INDEX, Derived(records.state(), b"\xff{not json"))
    index = Corpus(records, records.stamps()).speaker_index()
    assert [s.name for s in index.speakers()] == ["Ana Vell"]
    assert (
        SpeakerIndex.from_json(records.derived(SPEAKER_INDEX).data).speakers() == index.speakers()
    )
    for bad in (
        b"[]",
        b'{"canonical": {}}',
        b'{"canonical": 1, "members": {}, "info": [], "holders": []}',
    ):
        with pytest.raises(ValueError):
            SpeakerIndex.from_json(bad)


def test_index_stored_by_other_naming_rules_is_built_again(records: Records) -> None:
    """An upgrade that changes how names merge must not keep reading the old merges."""
    built = json.loads(Corpus(records, records.stamps()).speaker_index().to_json())
    older = built | {"version": built["version"] - 1, "info": []}  # says: nobody speaks
    assert records.put_derived(SPEAKER_INDEX, Derived(records.state(), json.dumps(older).encode()))
    with pytest.raises(ValueError, match="naming rules"):
        SpeakerIndex.from_json(json.dumps(older).encode())
    assert [s.name for s in Corpus(records, records.stamps()).speaker_index().speakers()] == [
        "Ana Vell"
    ]


def test_the_change_log_names_changed_speakers_or_says_it_cannot(tmp_path, records) -> None:
    start = records.state()
    assert records.speaker_changes(start) == set()
    records.write({"c": "1"}, [chunk("c", 0)], [quote("c", 1, "Bo Lind")])
    records.write({"a": "2"}, [chunk("a", 0)], [quote("a", 3, "Cy Dale")])  # Ana Vell's gone
    assert records.speaker_changes(start) == {"Bo Lind", "Ana Vell", "Cy Dale"}
    other = Records(tmp_path / "other" / "records.sqlite")
    assert records.speaker_changes(other.state()) is None  # another file's state
    assert records.speaker_changes("nonsense") is None
    records.clear_rows()
    assert records.speaker_changes(start) is None  # the log starts again


def test_the_updated_index_equals_a_build_from_every_count(records, monkeypatch) -> None:
    corpus = Corpus(records, records.stamps())
    corpus.speaker_index()
    built = []
    original = SpeakerIndex.from_rows.__func__

    def counting(cls, rows):
        built.append(1)
        return original(cls, rows)

    monkeypatch.setattr(SpeakerIndex, "from_rows", classmethod(counting))
    writes = [
        ({"c": "1"}, [quote("c", 1, "Vell", "minister")]),  # a bare surname joins Ana Vell
        ({"d": "1"}, [quote("d", 1, "Bo Vell"), quote("d", 2, "Bo Vell", "mayor")]),
        (
            {"d": "2"},
            [quote("d", 1, "Bo Vell"), quote("d", 2, "Bo Vell"), quote("d", 3, "Bo Vell")],
        ),
        ({"a": "2"}, [quote("a", 1, "Cy Dale")]),  # Ana Vell's article now quotes someone else
    ]
    for stamps, quotes in writes:
        article = next(iter(stamps))
        records.write(stamps, [chunk(article, 0)], quotes)
        index = Corpus(records, records.stamps()).speaker_index()
        expected = original(SpeakerIndex, records.speaker_rows())
        assert index.to_json() == expected.to_json()
        assert built == []  # updated, not built from every count
    records.delete(["d"])
    index = Corpus(records, records.stamps()).speaker_index()
    assert index.to_json() == original(SpeakerIndex, records.speaker_rows()).to_json()
    assert [s.name for s in index.speakers()] == ["Cy Dale", "Vell"]  # no Ana Vell left


def test_an_article_is_rebuilt_from_its_chunks_at_their_offsets(tmp_path: Path) -> None:
    text = "Tom Reed met the mayors.\n \nThe President noted that roads matter."
    second = text.index("The")
    parts = [(0, text.index("\n")), (second, len(text))]
    chunks = [
        Chunk(f"w:{n}", "w", n, text[s:e], s, e, n + 1, n + 1, title="Talks in Westland")
        for n, (s, e) in enumerate(parts)
    ]
    records = Records(tmp_path / "records.sqlite")
    records.put_rows({"w": "1"}, chunks[::-1], [])
    records.commit({"w": "1"})
    found = Corpus(records, records.marks()).article("w")
    assert found is not None and found.title == "Talks in Westland"
    # the break between paragraphs that no chunk holds: blank lines, the offsets kept
    assert found.text == text.replace("\n \n", "\n\n\n")
    assert Corpus(records, records.marks()).article("nowhere") is None
