"""Speakers a question describes instead of naming: who-said questions ("Which Harbour United
striker ...?": the description read from the question, the speaker's fit to it from the article,
and the re-ordering), and a person found through a body ("the OECD"), whose reported word is
cited."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer import _cites
from app.described import described_first, fits, head_noun
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
        "striker",
        "Tomas Orvel",
        None,
        "Harbour United striker Tomas Orvel said he would lead.",
        True,
    ),
    # an apposition after the name, up to its comma
    ("backbencher", "Ann Vell", None, "Ann Vell, a Green backbencher, said so.", True),
    # the recorded role
    ("backbencher", "Ann Vell", "Green backbencher", "Vell said so.", True),
    # the quotation after the name is not a description of its speaker
    ("player", "Rolf Danner", None, 'Danner said: "He is a competitive player."', False),
    # the previous sentence describes somebody else
    ("striker", "Lenny Marsh", None, "The striker scored. Marsh said it was fine.", False),
]


@pytest.mark.parametrize(("head", "speaker", "role", "text", "expected"), FITS)
def test_fits(head: str, speaker: str, role: str | None, text: str, expected: bool) -> None:
    assert fits(head, speaker, role, [text]) is expected


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


# ----- a person found through a body: its reported word, never someone else's --------------


@pytest.mark.parametrize(
    ("role", "texts", "expected"),
    [
        ("OECD", ["In its report, the OECD cut its growth predictions."], True),
        ("Kremlin spokesman", ["A Kremlin spokesman said the talks would go on."], True),
        ("OECD", ["The IMF cut its growth forecast."], False),
    ],
)
def test_a_bodys_reported_word_is_cited_only_when_it_names_the_body(
    role: str, texts: list[str], expected: bool
) -> None:
    answer = SimpleNamespace(citations=[SimpleNamespace(text=t) for t in texts])
    assert _cites(answer, role) is expected
