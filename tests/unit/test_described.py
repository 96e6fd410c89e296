"""Speakers a question describes instead of naming: who-said questions ("Which Arsenal striker
...?": the description read from the question, the speaker's fit to it from the article, and the
re-ordering), and a person found through a body ("the OECD"), whose reported word is cited."""

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
    ("Which Arsenal striker, standing in as captain, expected to be blamed?", "Arsenal striker"),
    ("Which Labour backbencher suggested the Mafia was behind the casinos?", "Labour backbencher"),
    ("Which collapsed dairy company's founder said sorry?", "dairy company's founder"),
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
        ("collapsed dairy company's founder", "founder"),
        ("Labour backbenchers", "backbencher"),
        ("Arsenal striker", "striker"),
        ("boss", "boss"),
    ],
)
def test_head_noun(description: str, head: str) -> None:
    assert head_noun(description) == head


FITS = [
    # a title before the name, in the same sentence
    ("striker", "Thierry Henry", None, "Arsenal striker Thierry Henry said he would lead.", True),
    # an apposition after the name, up to its comma
    ("backbencher", "Stephen Pound", None, "Stephen Pound, a Labour backbencher, said so.", True),
    # the recorded role
    ("backbencher", "Stephen Pound", "Labour backbencher", "Pound said so.", True),
    # the quotation after the name is not a description of its speaker
    ("player", "David Moyes", None, 'Moyes said: "He is a competitive player."', False),
    # the previous sentence describes somebody else
    ("striker", "Steven Gerrard", None, "The striker scored. Gerrard said it was fine.", False),
]


@pytest.mark.parametrize(("head", "speaker", "role", "text", "expected"), FITS)
def test_fits(head: str, speaker: str, role: str | None, text: str, expected: bool) -> None:
    assert fits(head, speaker, role, [text]) is expected


def _candidate(speaker: str | None, article_id: str) -> SimpleNamespace:
    return SimpleNamespace(
        unit=SimpleNamespace(speaker=speaker, chunk=SimpleNamespace(article_id=article_id))
    )


ARTICLES = {
    "a1": "Liverpool captain Steven Gerrard said the draw was hard.",
    "a2": "Arsenal striker Thierry Henry, standing in as captain, said he would take the blame.",
}


def test_the_best_described_quotation_goes_first_and_the_rest_keep_their_order() -> None:
    index = _index(("Steven Gerrard", None), ("Thierry Henry", None))
    ranked = [
        _candidate("Steven Gerrard", "a1"),
        _candidate(None, "a1"),
        _candidate("Thierry Henry", "a2"),
    ]
    moved = described_first(ranked, "Arsenal striker", index, ARTICLES.__getitem__)
    assert [c.unit.speaker for c in moved] == ["Thierry Henry", "Steven Gerrard", None]


def test_nothing_moves_when_the_best_fits_or_nobody_does() -> None:
    index = _index(("Steven Gerrard", None), ("Thierry Henry", None))
    ranked = [_candidate("Thierry Henry", "a2"), _candidate("Steven Gerrard", "a1")]
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
