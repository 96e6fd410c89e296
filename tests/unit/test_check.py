"""Word alignment and the check verdicts on made-up quotations (no store, no model)."""

from __future__ import annotations

import pytest

from app.alignment import align, ellipsis_gaps, words
from app.check import Occurrence, judge
from app.quote_records import QuoteRecord

STORED = (
    "We will rebuild the old harbour bridge before winter, and the ferries will run "
    "every hour until the work is done."
)


def record(text: str, speaker: str = "Mara Quill", article: str = "a1") -> QuoteRecord:
    return QuoteRecord(
        quote_id=f"{article}:q0",
        speaker=speaker,
        role=None,
        quote=text,
        kind="direct",
        article_id=article,
        title="Harbour plans",
        source="Gazette",
        published="2021-05-04",
        url=None,
        paragraph=2,
        start=0,
        end=len(text),
    )


def occurrence(given: str, stored: str, speaker: str, named: str | None) -> Occurrence:
    alignment = align(given, stored)
    return Occurrence(
        record=record(stored, speaker),
        matched=stored[alignment.start : alignment.end],
        diff=alignment.diff,
        equal=alignment.equal,
        edits=alignment.edits,
        left_out=alignment.left_out,
        covered=alignment.covered,
        covered_share=alignment.covered / alignment.stored_words,
        given_words=alignment.given_words,
        by_named_speaker=None if named is None else named == speaker,
    )


# (case, given quotation, named speaker, expected verdict, expected non-equal diff steps)
VERDICT_CASES = [
    ("verbatim", STORED, None, "exact", []),
    ("other quote marks and case", f"“{STORED.upper()}”", None, "exact", []),
    ("punctuation differs", STORED.replace(",", "").replace(".", "!"), None, "exact", []),
    ("right speaker named", STORED, "Mara Quill", "exact", []),
    (
        "word changed",
        STORED.replace("before winter", "before summer"),
        None,
        "misquoted",
        [("changed", "summer", "winter")],
    ),
    (
        "word dropped",
        STORED.replace("old harbour", "harbour"),
        None,
        "misquoted",
        [("dropped", "", "old")],
    ),
    (
        "word added",
        STORED.replace("every hour", "every single hour"),
        None,
        "misquoted",
        [("added", "single", "")],
    ),
    (
        "sentence added",
        STORED + " Nobody will pay a penny more.",
        None,
        "misquoted",
        [("added", "Nobody will pay a penny more", "")],
    ),
    ("clause cut out of it", "the ferries will run every hour", None, "out_of_context", []),
    ("ellipsis stands for words", "We will rebuild ... until the work is done", None, "exact", []),
    ("bracketed ellipsis", "We will rebuild (...) until the work is done", None, "exact", []),
    ("another speaker named", STORED, "Tobias Wren", "misattributed", []),
]


@pytest.mark.parametrize(
    ("given", "named", "verdict", "changes"),
    [case[1:] for case in VERDICT_CASES],
    ids=[case[0] for case in VERDICT_CASES],
)
def test_verdicts(given: str, named: str | None, verdict: str, changes: list) -> None:
    judged = judge([occurrence(given, STORED, "Mara Quill", named)], named is not None)
    assert judged.verdict == verdict
    assert judged.best is not None
    assert [(d.op, d.given, d.stored) for d in judged.best.diff if d.op != "equal"] == changes


def test_nothing_found() -> None:
    assert judge([], named=False) == ("not_found", "no match", None)


def test_unrelated_words_do_not_match() -> None:
    alignment = align("The orchestra tours Lisbon next spring", STORED)
    assert not alignment.matches


def test_the_named_speakers_words_win_over_a_closer_quote_by_someone_else() -> None:
    """Two people said similar words: naming one of them is no misattribution."""
    theirs = occurrence(STORED, STORED, "Tobias Wren", "Mara Quill")
    hers = occurrence(STORED, STORED.replace("every hour", "hourly"), "Mara Quill", "Mara Quill")
    assert judge([theirs, hers], named=True) == ("misquoted", "words differ", hers)


def test_a_few_shared_words_by_the_named_speaker_are_not_their_words() -> None:
    """The named speaker said "the old harbour" somewhere; the quotation is someone else's."""
    others = occurrence(STORED, STORED, "Tobias Wren", "Mara Quill")
    hers = occurrence(STORED, "I love the old harbour at dawn", "Mara Quill", "Mara Quill")
    assert judge([others, hers], named=True) == ("misattributed", "other speaker", others)


def test_a_sentence_of_someone_else_added_to_the_named_speakers_words_is_a_misquote() -> None:
    added = "Nobody in this town has ever paid a single penny for the old bridge or the ferries."
    given = f"{STORED} {added}"
    hers = occurrence(given, STORED, "Mara Quill", "Mara Quill")
    his = occurrence(given, added, "Tobias Wren", "Mara Quill")
    assert judge([hers, his], named=True) == ("misquoted", "words differ", hers)


def test_cut_quotation_points_at_its_whole() -> None:
    alignment = align("the ferries will run every hour", STORED)
    assert STORED[alignment.start : alignment.end] == "the ferries will run every hour"
    assert alignment.left_out == len(words(STORED)) - 6


def test_long_stored_quotation_is_aligned_in_a_window() -> None:
    """A transcript turn of hundreds of words: rapidfuzz finds where the words are."""
    filler = " ".join(f"word{n}" for n in range(400))
    stored = f"{filler} {STORED} {filler}"
    alignment = align(STORED.replace("winter", "spring"), stored)
    assert stored[alignment.start : alignment.end] == STORED.rstrip(".")
    assert [(d.op, d.given) for d in alignment.diff if d.op != "equal"] == [("changed", "spring")]


@pytest.mark.parametrize(
    ("text", "gaps"),
    [
        ("one two ... three", {2}),
        ("one two … three", {2}),
        ("one (...) two [...] three", {1, 2}),
        ("... one two", {0}),
        ("one. two. three.", set()),
    ],
)
def test_ellipsis_gaps(text: str, gaps: set[int]) -> None:
    assert ellipsis_gaps(text) == gaps
