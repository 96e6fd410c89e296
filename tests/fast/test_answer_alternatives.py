"""An ambiguous name: the answer takes the person whose words answer the topic."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from app.answer.answerer import ExtractiveAnswerer
from app.answer.holders import HOLDER_MARGIN, holder_in_conversation, holder_meant
from app.answer.search import Evidence
from app.question import Intent, Turn

ANSWERABLE = {"Ken Vale": 0.2, "Ida Vale": 0.7, "Rob Vale": 0.5, "Sam Vale": 0.9}
ANSWERABLE |= {"Tom Vale": 0.1, "Una Vale": 0.1}
# Which article each holder of the office is quoted in; the topic's search finds Ida's first.
HOLDER_ARTICLES = {"Ken Vale": ("k",), "Rob Vale": ("r",), "Tom Vale": ("t",), "Una Vale": ("u",)}
HOLDER_ARTICLES |= {"Ida Vale": ("i",), "Sam Vale": ("s",)}
TOPIC_ARTICLES = ("i", "x", "r", "s")
ANSWERABLE |= {"Mayor of Lowtown": 0.9, "Sam's adviser": 0.9, "Harbour Council": 0.9, "Sam": 0.9}


def _evidence_of(self, question, intent, index, previous) -> Evidence:
    speaker = intent.speakers[0] if intent.kind == "speaker_topic" else None
    return Evidence("speaker", [], 0.0, 1, ANSWERABLE.get(speaker, 0.0), 0.5, speaker)


class Holders:
    """The index's view of an office: its holders and their articles."""

    def role_holders(self, role: str) -> list[SimpleNamespace]:
        return [SimpleNamespace(name=n, article_ids=a) for n, a in HOLDER_ARTICLES.items()]


class Search:
    """Passages for the topic, from `TOPIC_ARTICLES` in that order."""

    def search(self, topic: str, k: int, filters=None) -> list[SimpleNamespace]:
        return [SimpleNamespace(chunk=SimpleNamespace(article_id=a)) for a in TOPIC_ARTICLES]


@pytest.fixture
def answerer(monkeypatch) -> ExtractiveAnswerer:
    monkeypatch.setattr(ExtractiveAnswerer, "_evidence_of", _evidence_of)
    return ExtractiveAnswerer(retriever=Search(), settings=None, ranker=None)


@pytest.mark.parametrize(
    ("intent", "chosen"),
    [
        (Intent("speaker_topic", "rents", ["Ken Vale"], alternatives=["Ida Vale"]), "Ida Vale"),
        (Intent("speaker_topic", "rents", ["Ida Vale"], alternatives=["Ken Vale"]), "Ida Vale"),
        (
            Intent("speaker_topic", "rents", ["Ken Vale"], alternatives=["Rob Vale", "Ida Vale"]),
            "Ida Vale",
        ),
        # At most MAX_ALTERNATIVES others are tried: the fourth is never read.
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                alternatives=["Rob Vale", "Rob Vale", "Rob Vale", "Sam Vale"],
            ),
            "Rob Vale",
        ),
        # "What did Vale say?" has no topic to tell them apart: the first guess stands.
        (Intent("speaker_topic", "", ["Ken Vale"], alternatives=["Ida Vale"]), "Ken Vale"),
        # An office's other holders are tried only when written as a person's name.
        (
            Intent("speaker_topic", "rents", ["Ken Vale"], role="mayor", alternatives=["Ida Vale"]),
            "Ida Vale",
        ),
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                role="mayor",
                alternatives=["Mayor of Lowtown", "Sam's adviser", "Harbour Council", "Sam"],
            ),
            "Ken Vale",
        ),
        # An office's holders are tried in the order their articles come up for the topic:
        # the fifth holder, whose article the topic finds first, is tried and chosen.
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                role="mayor",
                alternatives=["Tom Vale", "Una Vale", "Rob Vale", "Ida Vale"],
            ),
            "Ida Vale",
        ),
        # The first holder in that order whose words answer (above the threshold) is the one
        # meant, though a later holder's words score higher.
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                role="mayor",
                alternatives=["Sam Vale", "Ida Vale"],
            ),
            "Ida Vale",
        ),
    ],
)
def test_the_alternative_whose_words_answer_best(
    answerer: ExtractiveAnswerer, intent: Intent, chosen: str
) -> None:
    assert answerer.evidence("q", intent, index=Holders(), previous=None).speaker == chosen


def _found(speaker: str, own: float, other: float = 0.0) -> Evidence:
    """Evidence whose best unit of `speaker`'s own words scores `own`, beside another
    speaker's unit scoring `other`."""

    def unit(name: str, score: float) -> SimpleNamespace:
        return SimpleNamespace(unit=SimpleNamespace(speaker=name), score=score)

    candidates = [unit("Someone Else", other), unit(speaker, own)]
    return Evidence("speaker", candidates, 0.0, 1, 0.99, 0.5, speaker)


@pytest.mark.parametrize(
    ("answering", "chosen"),
    [
        # both presidents answer; the second's own words on it score twice the first's
        ([_found("Ida Vale", 0.17), _found("Sam Vale", 0.35)], "Sam Vale"),
        # a near tie keeps the topic search's order
        ([_found("Ida Vale", 0.33), _found("Sam Vale", 0.37)], "Ida Vale"),
        # another speaker's strong unit is not the holder's own words
        ([_found("Ida Vale", 0.2), _found("Sam Vale", 0.1, other=0.9)], "Ida Vale"),
        # a first holder none of whose own words came up gives way to one whose did
        ([_found("Ida Vale", 0.0), _found("Sam Vale", 0.2)], "Sam Vale"),
        ([_found("Ida Vale", 0.0), _found("Sam Vale", 0.0)], "Ida Vale"),
        ([_found("Ida Vale", 0.1), _found("Rob Vale", 0.12), _found("Sam Vale", 0.5)], "Sam Vale"),
    ],
)
def test_the_holder_meant_is_the_first_unless_another_is_far_stronger(
    answering: list[Evidence], chosen: str
) -> None:
    assert holder_meant(answering, HOLDER_MARGIN).speaker == chosen


@pytest.mark.parametrize(
    ("answering", "others"),
    [
        # a near tie: the office is ambiguous, and the other holder is named
        ([_found("Ida Vale", 0.33), _found("Sam Vale", 0.37)], ("Sam Vale",)),
        # the chosen holder is far stronger: nobody else is named
        ([_found("Ida Vale", 0.17), _found("Sam Vale", 0.35)], ()),
        ([_found("Ida Vale", 0.4), _found("Sam Vale", 0.1)], ()),
        ([_found("Ida Vale", 0.3)], ()),
    ],
)
def test_an_office_two_holders_answer_names_the_other(
    answering: list[Evidence], others: tuple[str, ...]
) -> None:
    assert holder_meant(answering, HOLDER_MARGIN).other_holders == others


_PRESIDENTS = Intent(
    "speaker_topic",
    "the harbour",
    speakers=["Ida Vale"],
    role="President",
    alternatives=["Sam Vale", "Tom Reed"],
)
_OTHERS = ["Sam Vale", "Tom Reed"]


@pytest.mark.parametrize(
    ("intent", "previous", "speakers", "alternatives"),
    [
        # a follow-up's office held by the person just asked about means that person
        (_PRESIDENTS, Turn("Tom Reed", "the port"), ["Tom Reed"], []),
        # ... also when the index put them first: the other holders are not tried
        (_PRESIDENTS, Turn("Ida Vale", "the port"), ["Ida Vale"], []),
        # the person before holds no such office: the holders are tried as before
        (_PRESIDENTS, Turn("Bob Hale", "the port"), ["Ida Vale"], _OTHERS),
        (_PRESIDENTS, Turn(None, "the port"), ["Ida Vale"], _OTHERS),
        # a question that starts the conversation
        (_PRESIDENTS, None, ["Ida Vale"], _OTHERS),
        # a person asked by name, not by an office
        (replace(_PRESIDENTS, role=None), Turn("Tom Reed", "the port"), ["Ida Vale"], _OTHERS),
        # who said it is no question about the holder's words
        (replace(_PRESIDENTS, kind="who_said"), Turn("Tom Reed", None), ["Ida Vale"], _OTHERS),
    ],
)
def test_an_office_in_a_follow_up_means_the_holder_just_asked_about(
    intent: Intent, previous: Turn | None, speakers: list[str], alternatives: list[str]
) -> None:
    resolved = holder_in_conversation(intent, previous)
    assert (resolved.speakers, resolved.alternatives) == (speakers, alternatives)
