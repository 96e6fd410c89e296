"""Which spans of a chunk become citable units: a quoted fragment is never a unit of its own, a
sentence ends before a transcript turn, and a quotation over several sentences is cited whole.

Made-up text only.
"""

from __future__ import annotations

import pytest

from app.evidence.units import quote_units, sentence_units
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
    assert list(quote_units(_chunk(), "q1", fragment, str)) == []
    sentences = list(sentence_units(_chunk(), [("q1", fragment)], str))
    first = sentences[0]
    assert TEXT[first.start : first.end].startswith("The bishop called")
    assert (first.kind, first.speaker, first.quoted) == ("sentence", "Tom Wright", False)


def test_a_short_transcript_turn_is_still_a_unit() -> None:
    turn = _quote("Thank you.", kind="transcript")
    units = list(quote_units(_chunk(), "q2", turn, str))
    assert [(u.kind, u.quoted, TEXT[u.start : u.end]) for u in units] == [
        ("transcript", True, "Thank you.")
    ]


def test_a_quotation_of_four_words_is_its_own_unit() -> None:
    quote = _quote("its history was poor")
    units = list(quote_units(_chunk(), "q3", quote, str))
    assert [(u.kind, u.quoted) for u in units] == [("direct", True)]


TURN_CASES = [
    (
        "Ministers met on Monday. The meeting was attended by Ana Vell. * * * Chair Tom Wright:"
        " Colleagues, we begin.",
        "Colleagues, we begin.",
        ["Ministers met on Monday.", "The meeting was attended by Ana Vell."],
    ),
    (
        "Head of Westland Ana Vell Vell AnaHead of the Republic of Westland: Thank you, Mr Chair.",
        "Thank you, Mr Chair.",
        [],
    ),
    (  # a sentence the turn does not start in is left as it was
        "The talks went on. Tom Wright: We agreed. Reporters waited outside.",
        "We agreed.",
        ["The talks went on.", "Reporters waited outside."],
    ),
]


@pytest.mark.parametrize(("text", "turn", "narrative"), TURN_CASES)
def test_a_sentence_ends_before_a_transcript_turn_that_starts_in_it(
    text: str, turn: str, narrative: list[str]
) -> None:
    chunk = Chunk("b:0", "b", 0, text, 0, len(text), 1, 1, title="Made-up")
    start = text.index(turn)
    quote = Quote(turn, start, start + len(turn), "transcript", "Tom Wright")
    units = list(sentence_units(chunk, [("q", quote)], str))
    assert [text[u.start : u.end] for u in units] == narrative
    assert all(u.speaker is None for u in units)


# (text, the narrative units' texts): a paragraph break ends a sentence, and a sentence that
# opens or closes a quotation running over several is cited whole, within its paragraph.
MARK_CASES = [
    (
        "Ana Vell wrote on Monday.\n\n<post>“Very good reporter. Terrific.” Tom Reed agreed.",
        ["Ana Vell wrote on Monday.", "<post>“Very good reporter. Terrific.”", "Tom Reed agreed."],
    ),
    (  # a mark closed in the next paragraph is left as written
        "She wrote: “Very good.\n\nTerrific.” Then she left.",
        ["She wrote: “Very good.", "Terrific.”", "Then she left."],
    ),
    (  # balanced marks: sentences as they are
        "He called it “good”. Others did not.",
        ["He called it “good”.", "Others did not."],
    ),
]


@pytest.mark.parametrize(("text", "narrative"), MARK_CASES)
def test_a_quotation_over_several_sentences_is_cited_whole_within_its_paragraph(
    text: str, narrative: list[str]
) -> None:
    chunk = Chunk("c:0", "c", 0, text, 0, len(text), 1, 1, title="Made-up")
    units = list(sentence_units(chunk, [], str))
    assert [text[u.start : u.end] for u in units] == narrative


def test_a_quotation_is_never_cited_whole_across_a_transcript_turn() -> None:
    text = "The host read “a letter. Tom Wright: We agreed.” Then they left."
    chunk = Chunk("d:0", "d", 0, text, 0, len(text), 1, 1, title="Made-up")
    start = text.index("We agreed.")
    quote = Quote("We agreed.", start, start + len("We agreed."), "transcript", "Tom Wright")
    units = list(sentence_units(chunk, [("q", quote)], str))
    assert [text[u.start : u.end] for u in units] == ["The host read “a letter.", "Then they left."]
