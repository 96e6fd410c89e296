"""Which spans of a chunk become citable units: a quoted fragment is never a unit of its own.

Made-up text only.
"""

from __future__ import annotations

from app.evidence import _quote_units, _sentence_units
from ingest.types import Chunk, Quote

TEXT = (
    'The bishop called the novel a "great thriller" but said its history was poor. '
    "Ann Vell: Thank you."
)


def _chunk() -> Chunk:
    return Chunk("a:0", "a", 0, TEXT, 0, len(TEXT), 1, 1, title="Made-up")


def _quote(words: str, kind: str = "direct") -> Quote:
    start = TEXT.index(words)
    return Quote(words, start, start + len(words), kind, "Tom Wright")


def test_a_fragment_is_cited_in_its_sentence_not_framed_alone() -> None:
    fragment = _quote("great thriller")
    assert list(_quote_units(_chunk(), "q1", fragment, str)) == []
    sentences = list(_sentence_units(_chunk(), [("q1", fragment)], str))
    first = sentences[0]
    assert TEXT[first.start : first.end].startswith("The bishop called")
    assert (first.kind, first.speaker, first.quoted) == ("sentence", "Tom Wright", False)


def test_a_short_transcript_turn_is_still_a_unit() -> None:
    turn = _quote("Thank you.", kind="transcript")
    units = list(_quote_units(_chunk(), "q2", turn, str))
    assert [(u.kind, u.quoted, TEXT[u.start : u.end]) for u in units] == [
        ("transcript", True, "Thank you.")
    ]


def test_a_quotation_of_four_words_is_its_own_unit() -> None:
    quote = _quote("its history was poor")
    units = list(_quote_units(_chunk(), "q3", quote, str))
    assert [(u.kind, u.quoted) for u in units] == [("direct", True)]
