"""The junk-speaker census (`evals.speaker_census`): which speakers it counts as possessives,
and where it reads a speaker phrase. The parse-based kinds need spaCy and are not tested here."""

from __future__ import annotations

import pytest

from evals.speaker_census import (
    ampersand_cut,
    bare_surname,
    clause_speaker,
    cut_name,
    finding_phrase,
    mention,
    possessive,
    quoted_label,
)
from ingest.types import Quote

# (speaker, as written, counted as a possessive)
POSSESSIVES = [
    ("Dana Ortiz's", "he", True),  # an owner taken for the speaker
    ("Portview's statement", "Portview's statement", True),  # a document
    ("prime minister's official spokesman", "the prime minister's official spokesman", False),
    ("Portview's chief executive", "Portview's chief executive", False),
    ("Dana Ortiz", "Ortiz", False),
]


@pytest.mark.parametrize(("speaker", "written", "counted"), POSSESSIVES)
def test_possessive(speaker: str, written: str, counted: bool) -> None:
    quote = Quote("x", 0, 1, speaker=speaker, speaker_as_written=written)
    assert possessive(quote) is counted


def test_mention_is_the_last_before_the_quote_and_never_a_pronoun() -> None:
    text = 'Other analysts met. Other analysts said "no". Other views differ.'
    quote = Quote("no", 40, 42, speaker="Other", speaker_as_written="Other")
    assert mention(text, quote) == (20, 25)
    assert mention(text, Quote("no", 40, 42, speaker="X", speaker_as_written="he")) is None


# (text, speaker, counted as a surname the article writes in full)
BARE_SURNAMES = [
    ("Vell said no. Later the writer Ana Vell left.", "Vell", True),  # after the quote
    ("Vell said no. It was up to Ana J. Vell, they said.", "Vell", True),  # an initial
    ("Vell said no. Ana Vell left.", "Vell", False),  # a sentence's capital: maybe no given name
    ("Vell said no. Later with Vell away, nothing moved.", "Vell", False),  # no given name
    ("Ana Vell said no.", "Ana Vell", False),  # named in full
    ("Vell said no. Later the new Lord Vell came.", "Vell", False),  # a title, no given name
    ("The board met. Later the new Westland President came.", "President", False),  # an office
]


@pytest.mark.parametrize(("text", "speaker", "counted"), BARE_SURNAMES)
def test_bare_surname(text: str, speaker: str, counted: bool) -> None:
    assert bare_surname(text, speaker) is counted


@pytest.mark.parametrize(
    ("speaker", "counted"),
    [
        ("research from technology analysts Vellcorp", True),
        ("recent report by Harbour Weekly", True),
        ("Vellcorp", False),
        ("report", False),  # a finding, but no body named after it
        ("survey of voters", False),
    ],
)
def test_finding_phrase(speaker: str, counted: bool) -> None:
    assert finding_phrase(speaker) is counted


# (speaker, as written, counted as a name cut short)
CUT_NAMES = [
    ("Ivo", "England sevens coach Ivo Friday", True),
    ("Ivo Friday", "England sevens coach Ivo Friday", False),
    ("Ivo", "coach Ivo", False),
    ("Ivo", "coach Ivo on Friday", False),  # a lower-case word after the name
    ("Vell", "Vell", False),
]


@pytest.mark.parametrize(("speaker", "written", "counted"), CUT_NAMES)
def test_cut_name(speaker: str, written: str, counted: bool) -> None:
    quote = Quote("x", 0, 1, speaker=speaker, speaker_as_written=written)
    assert cut_name(quote) is counted


@pytest.mark.parametrize(
    ("speaker", "counted"),
    [
        ("hosts don't", True),
        ("The Home Office has already", True),
        ("it had complied fully", True),
        ("Theresa May", False),
        ("Will Young", False),
        ("harbour master", False),
    ],
)
def test_clause_speaker(speaker: str, counted: bool) -> None:
    assert clause_speaker(speaker) is counted


@pytest.mark.parametrize(
    ("written", "counted"),
    [("Marks", True), ("Spencer", True), ("Marks & Spencer", False), ("Vell", False)],
)
def test_ampersand_cut(written: str, counted: bool) -> None:
    text = 'Ana Vell and Marks & Spencer said: "Sales rose."'
    quote = Quote(text="Sales rose.", start=35, end=46, speaker=written, speaker_as_written=written)
    assert ampersand_cut(text, quote) is counted


def test_a_short_name_written_alone_is_no_cut() -> None:
    text = 'Marsh & McLennan cut jobs.\n\nMarsh said: "Costs fell."'
    quote = Quote(text="Costs fell.", start=42, end=53, speaker="Marsh", speaker_as_written="Marsh")
    assert not ampersand_cut(text, quote)


@pytest.mark.parametrize(
    ("words", "speaker", "counted"),
    [
        ("Dana Ortiz: Seriously, who pays for it?", "Ivo Marsh", True),
        ("ORTIZ: Mr Marsh, you sent an email.", None, True),
        ("Dana Ortiz: Seriously, who pays for it?", "Dana Ortiz", False),
        ("We will rebuild the pier.", "Ivo Marsh", False),
    ],
)
def test_quoted_label(words: str, speaker: str | None, counted: bool) -> None:
    quote = Quote(text=words, start=0, end=len(words), kind="direct", speaker=speaker)
    assert quoted_label(quote) is counted
