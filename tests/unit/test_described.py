"""Speakers a question describes instead of naming: who-said questions ("Which Harbour United
striker ...?": the description read from the question, the speaker's fit to it from the article,
and the re-ordering), and a person found through a body ("the OECD"), whose reported word is
cited."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer.declines import cites
from app.described import (
    described_first,
    described_speakers,
    described_words,
    fits,
    head_noun,
)
from app.question import understand
from app.speaker_index import SpeakerIndex
from ingest.types import Quote


def _index(*people: tuple[str, str | None]) -> SpeakerIndex:
    quotes = [
        Quote(text="w", start=0, end=1, speaker=name, role=role, speaker_as_written=name)
        for name, role in people
    ]
    return SpeakerIndex([(q, "a1") for q in quotes])


DESCRIPTIONS = [
    (
        "Which Harbour United striker, standing in as captain, expected to be blamed?",
        "Harbour United striker",
    ),
    ("Which Green backbencher warned that the ferry plan would fail?", "Green backbencher"),
    ("Which bankrupt bakery chain's founder said sorry?", "bankrupt bakery chain's founder"),
    # describes anyone: nothing to check
    ("Which person was quoted on the war in the story about borders?", None),
    ("Who said the reaction should not be delayed?", None),
]


@pytest.mark.parametrize(("question", "described"), DESCRIPTIONS)
def test_a_who_said_question_keeps_how_it_describes_the_speaker(
    question: str, described: str | None
) -> None:
    intent = understand(question, _index())
    assert intent.kind == "who_said"
    assert intent.described_as == described


@pytest.mark.parametrize(
    ("description", "head"),
    [
        ("bankrupt bakery chain's founder", "founder"),
        ("Green backbenchers", "backbencher"),
        ("Harbour United striker", "striker"),
        ("boss", "boss"),
    ],
)
def test_head_noun(description: str, head: str) -> None:
    assert head_noun(description) == head


FITS = [
    # a title before the name, in the same sentence
    (
        {"striker"},
        "Tomas Orvel",
        None,
        "Harbour United striker Tomas Orvel said he would lead.",
        True,
    ),
    # an apposition after the name, up to its comma
    ({"backbencher"}, "Ann Vell", None, "Ann Vell, a Green backbencher, said so.", True),
    # the recorded role
    ({"backbencher"}, "Ann Vell", "Green backbencher", "Vell said so.", True),
    # the quotation after the name is not a description of its speaker
    ({"player"}, "Rolf Danner", None, 'Danner said: "He is a competitive player."', False),
    # the previous sentence describes somebody else
    ({"striker"}, "Lenny Marsh", None, "The striker scored. Marsh said it was fine.", False),
    # an office of several words: every word of it
    (
        {"harbour", "united", "boss"},
        "Ed Pask",
        None,
        "Harbour United boss Ed Pask said he would stay.",
        True,
    ),
    ({"eastport", "boss"}, "Ed Pask", None, "Harbour United boss Ed Pask said so.", False),
]


@pytest.mark.parametrize(("words", "speaker", "role", "text", "expected"), FITS)
def test_fits(words: set[str], speaker: str, role: str | None, text: str, expected: bool) -> None:
    assert fits(words, speaker, role, [text]) is expected
    assert fits(words, speaker, role, [text], introduced=True) is expected


# Introduced: only the words right before the name (over given names, a club, the office's
# words) count; the window also holds an office given to somebody else earlier in the sentence.
DISPUTE = "Harbour United boss Ed Pask reopened his dispute with striker Lenny Marsh."
INTRODUCED = [
    ("Ed Pask", True, True),
    ("Lenny Marsh", True, False),
]


@pytest.mark.parametrize(("speaker", "in_window", "introduced"), INTRODUCED)
def test_an_office_fits_only_the_name_it_introduces(
    speaker: str, in_window: bool, introduced: bool
) -> None:
    words = described_words("the Harbour United boss")
    assert fits(words, speaker, None, [DISPUTE]) is in_window
    assert fits(words, speaker, None, [DISPUTE], introduced=True) is introduced


@pytest.mark.parametrize(
    ("description", "words"),
    [
        ("the Harbour United boss", {"harbour", "united", "boss"}),
        ("the spokesman for the Eastport prosecutor", {"spokesman", "eastport", "prosecutor"}),
        ("the OECD's chief economist", {"oecd", "chief", "economist"}),
    ],
)
def test_described_words(description: str, words: set[str]) -> None:
    assert described_words(description) == words


def _candidate(speaker: str | None, article_id: str) -> SimpleNamespace:
    return SimpleNamespace(
        unit=SimpleNamespace(speaker=speaker, chunk=SimpleNamespace(article_id=article_id))
    )


ARTICLES = {
    "a1": "Eastport captain Lenny Marsh said the draw was hard.",
    "a2": "Harbour United striker Tomas Orvel, standing in as captain, said he would take blame.",
}


def test_the_best_described_quotation_goes_first_and_the_rest_keep_their_order() -> None:
    index = _index(("Lenny Marsh", None), ("Tomas Orvel", None))
    ranked = [
        _candidate("Lenny Marsh", "a1"),
        _candidate(None, "a1"),
        _candidate("Tomas Orvel", "a2"),
    ]
    moved = described_first(ranked, "Harbour United striker", index, ARTICLES.__getitem__)
    assert [c.unit.speaker for c in moved] == ["Tomas Orvel", "Lenny Marsh", None]


def test_nothing_moves_when_the_best_fits_or_nobody_does() -> None:
    index = _index(("Lenny Marsh", None), ("Tomas Orvel", None))
    ranked = [_candidate("Tomas Orvel", "a2"), _candidate("Lenny Marsh", "a1")]
    assert described_first(ranked, "striker", index, ARTICLES.__getitem__) == ranked
    assert described_first(ranked[::-1], "goalkeeper", index, ARTICLES.__getitem__) == ranked[::-1]


def _unit(speaker: str | None, article_id: str, text: str) -> SimpleNamespace:
    chunk = SimpleNamespace(article_id=article_id)
    return SimpleNamespace(unit=SimpleNamespace(speaker=speaker, chunk=chunk, text=text))


def test_an_office_is_held_by_whom_the_articles_introduce_in_its_words() -> None:
    """The speaker of a quotation, or a quoted person a report names in full, whose article
    introduces them in every word of the office; best first, each once."""
    index = _index(("Ed Pask", None), ("Lenny Marsh", None), ("Ann Vell", None))
    articles = {
        "a1": DISPUTE,
        "a2": "Lenny Marsh said he was hurt. Eastport boss Ann Vell, quoted too, said so.",
    }
    ranked = [
        _unit("Lenny Marsh", "a2", "I was hurt"),
        _unit(None, "a1", DISPUTE),
        _unit("Ed Pask", "a1", "He stays"),
    ]
    found = described_speakers(ranked, "the Harbour United boss", index, articles.__getitem__)
    assert found == ["Ed Pask"]
    # Ann Vell fits, but no ranked unit is hers or names her: the units answer the question.
    assert described_speakers(ranked, "the Eastport boss", index, articles.__getitem__) == []
    ranked.append(_unit("Ann Vell", "a2", "So it is"))
    assert described_speakers(ranked, "the Eastport boss", index, articles.__getitem__) == [
        "Ann Vell"
    ]


# ----- a person found through a body: its reported word, never someone else's --------------


@pytest.mark.parametrize(
    ("role", "texts", "expected"),
    [
        ("OECD", ["In its report, the OECD cut its growth predictions."], True),
        ("Westland spokesman", ["A Westland spokesman said the talks would go on."], True),
        ("OECD", ["The IMF cut its growth forecast."], False),
    ],
)
def test_a_bodys_reported_word_is_cited_only_when_it_names_the_body(
    role: str, texts: list[str], expected: bool
) -> None:
    answer = SimpleNamespace(citations=[SimpleNamespace(text=t) for t in texts])
    assert cites(answer, role) is expected


# A headline in title case is all capitalised words: the office in it introduces nobody
# named at its end; a name with an initial is still introduced by its title.
HEADLINE = "Vale Under Pressure To Drop General Who Called For Curfews Of Harbour Towns Ida Vale"
INTRODUCTIONS = [
    ({"general"}, "Ida Vale", HEADLINE, False),
    ({"general"}, "Rob Danner", "Retired General Rob K. Danner said so.", True),
    ({"general"}, "Rob Danner", "General Robert Danner said so.", True),
    ({"harbour", "united", "boss"}, "Pask", "Harbour United boss Ed Pask said so.", True),
]


@pytest.mark.parametrize(("words", "speaker", "text", "expected"), INTRODUCTIONS)
def test_an_introduction_stands_next_to_the_name(
    words: set[str], speaker: str, text: str, expected: bool
) -> None:
    assert fits(words, speaker, None, [text], introduced=True) is expected
