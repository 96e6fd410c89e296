"""A "What about Y?" follow-up whose new person does not answer asks the last person about Y
(`AskedPerson.kept_person`)."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.answer.answerer import ExtractiveAnswerer
from app.answer.asked import _names
from app.answer.search import Evidence
from app.question import Intent, Turn

THRESHOLD = 0.5
# The ranker's answerability of each person's own words on each topic (the rest: 0.0).
ANSWERABLE = {
    ("Ana Vell", "ferry deal"): 0.1,
    ("Tom Reed", "Harbour Council's plan"): 0.8,
    ("Bob Hale", "ferry deal"): 0.7,
    ("Tom Reed", "Bob Hale"): 0.9,
    ("Ida Vale", "ferry deal"): 0.6,
    ("Tom Reed", "Vale"): 0.8,
    ("Tom Reed", "Norland"): 0.3,
    ("Tom Reed", "Westland bank's budget"): 0.9,
    ("Ola Tamm", "ferry deal"): 0.2,
    ("Tom Reed", "Ola Tamm"): 0.9,
    ("Tom Reed", "Tamm"): 0.9,
    ("Tom Reed", "Assembly"): 0.9,
    ("Tom Reed", "Hale"): 0.9,
}


def _evidence_of(self, question, intent, index, previous) -> Evidence:
    speaker = intent.speakers[0] if intent.speakers else None
    answerable = ANSWERABLE.get((speaker, intent.topic), 0.0)
    return Evidence("speaker", [], 0.0, 1, answerable, THRESHOLD, speaker)


@pytest.fixture
def answerer(monkeypatch) -> ExtractiveAnswerer:
    monkeypatch.setattr(ExtractiveAnswerer, "_evidence_of", _evidence_of)
    return ExtractiveAnswerer(retriever=None, settings=None, ranker=None)


class KeptCase(NamedTuple):
    """A follow-up, the person and topic it was read as, the last turn, and whose words on
    what it asks for after `kept_person`."""

    name: str
    question: str
    intent: Intent
    previous: Turn | None
    speakers: list[str]
    topic: str


REED = Turn("Tom Reed", "ferry deal")
KEPT_CASES = [
    KeptCase(
        "the body's head does not answer, the last person on the body's plan does",
        "What about the Harbour Council's plan?",
        Intent("speaker_topic", "ferry deal", ["Ana Vell"], role="Harbour Council head"),
        REED,
        ["Tom Reed"],
        "Harbour Council's plan",
    ),
    KeptCase(
        "the new person's words answer the last topic: their words, as read",
        "What about Bob Hale?",
        Intent("speaker_topic", "ferry deal", ["Bob Hale"]),
        REED,
        ["Bob Hale"],
        "ferry deal",
    ),
    KeptCase(
        "another person the name may mean answers: the new person's reading stands",
        "What about Vale?",
        Intent("speaker_topic", "ferry deal", ["Ken Vale"], alternatives=["Ida Vale"]),
        REED,
        ["Ken Vale"],
        "ferry deal",
    ),
    KeptCase(
        "neither answers: the reading stands (the decline names the new person)",
        "What about Norland?",
        Intent("speaker_topic", "ferry deal", ["Ola Tamm"], role="Norland envoy"),
        REED,
        ["Ola Tamm"],
        "ferry deal",
    ),
    KeptCase(
        "an article before the thing is not asked for",
        "What about the Westland bank's budget?",
        Intent("speaker_topic", "ferry deal", ["Ola Tamm"], role="Westland bank chief"),
        REED,
        ["Tom Reed"],
        "Westland bank's budget",
    ),
    KeptCase(
        "the new person named in full does not answer: their reading stands (a decline says so)",
        "What about Ola Tamm?",
        Intent("speaker_topic", "ferry deal", ["Ola Tamm"]),
        REED,
        ["Ola Tamm"],
        "ferry deal",
    ),
    KeptCase(
        "... or by surname",
        "What about Tamm?",
        Intent("speaker_topic", "ferry deal", ["Ola Tamm"]),
        REED,
        ["Ola Tamm"],
        "ferry deal",
    ),
    KeptCase(
        "Y is the thing a misread speaker's owner owns: the last person on it",
        "What about the Assembly?",
        Intent("speaker_topic", "ferry deal", ["Bob Hale’s Assembly"]),
        REED,
        ["Tom Reed"],
        "Assembly",
    ),
    KeptCase(
        "... but the owner's name names that speaker: their reading stands",
        "What about Hale?",
        Intent("speaker_topic", "ferry deal", ["Bob Hale's Assembly"]),
        REED,
        ["Bob Hale's Assembly"],
        "ferry deal",
    ),
    KeptCase(
        "not a 'What about Y?' follow-up: unchanged",
        "How did Ana Vell see it?",
        Intent("speaker_topic", "ferry deal", ["Ana Vell"]),
        REED,
        ["Ana Vell"],
        "ferry deal",
    ),
    KeptCase(
        "no last turn: unchanged",
        "What about the Harbour Council's plan?",
        Intent("speaker_topic", "ferry deal", ["Ana Vell"]),
        None,
        ["Ana Vell"],
        "ferry deal",
    ),
    KeptCase(
        "the last turn named nobody: unchanged",
        "What about the Harbour Council's plan?",
        Intent("speaker_topic", "ferry deal", ["Ana Vell"]),
        Turn(None, "ferry deal"),
        ["Ana Vell"],
        "ferry deal",
    ),
    KeptCase(
        "the last person asked again: unchanged",
        "What about Tom Reed?",
        Intent("speaker_topic", "ferry deal", ["Tom Reed"]),
        REED,
        ["Tom Reed"],
        "ferry deal",
    ),
    KeptCase(
        "a general question: unchanged",
        "What about the Harbour Council's plan?",
        Intent("general", "Harbour Council's plan"),
        REED,
        [],
        "Harbour Council's plan",
    ),
]


@pytest.mark.parametrize("case", KEPT_CASES, ids=[c.name for c in KEPT_CASES])
def test_a_what_about_follow_up_keeps_the_last_person_when_the_new_one_does_not_answer(
    answerer: ExtractiveAnswerer, case: KeptCase
) -> None:
    kept = answerer.kept_person(case.question, case.intent, None, case.previous)
    assert (kept.speakers, kept.topic) == (case.speakers, case.topic)
    # Idempotent: `answer` and `evidence` both apply it.
    again = answerer.kept_person(case.question, kept, None, case.previous)
    assert (again.speakers, again.topic) == (kept.speakers, kept.topic)


def test_the_kept_person_is_asked_without_the_new_persons_office(
    answerer: ExtractiveAnswerer,
) -> None:
    intent = Intent(
        "speaker_topic",
        "ferry deal",
        ["Ana Vell"],
        role="Harbour Council head",
        alternatives=["Ida Lind"],
    )
    kept = answerer.kept_person("What about the Harbour Council's plan?", intent, None, REED)
    assert (kept.role, kept.alternatives) == (None, [])


# The person's words on a follow-up's own words, and on them with the last topic carried.
ANSWERABLE |= {
    ("Tom Reed", "harbour ferry deal"): 0.1,
    ("Tom Reed", "harbour"): 0.7,
    ("Tom Reed", "port ferry deal"): 0.6,
    ("Tom Reed", "port"): 0.9,
    ("Tom Reed", "weather ferry deal"): 0.1,
    ("Tom Reed", "weather"): 0.2,
}


class OwnCase(NamedTuple):
    """A follow-up as read (its topic joined to the last turn's), the last turn, and the
    topic asked after `own_topic`."""

    name: str
    intent: Intent
    previous: Turn | None
    topic: str


OWN_CASES = [
    OwnCase(
        "the joined topic does not answer, the follow-up's own words do",
        Intent("speaker_topic", "harbour ferry deal", ["Tom Reed"]),
        REED,
        "harbour",
    ),
    OwnCase(
        "the joined topic answers: it stays",
        Intent("speaker_topic", "port ferry deal", ["Tom Reed"]),
        REED,
        "port ferry deal",
    ),
    OwnCase(
        "neither answers: the joined topic stays (the decline names it)",
        Intent("speaker_topic", "weather ferry deal", ["Tom Reed"]),
        REED,
        "weather ferry deal",
    ),
    OwnCase(
        "nothing carried: unchanged",
        Intent("speaker_topic", "harbour", ["Tom Reed"]),
        REED,
        "harbour",
    ),
    OwnCase(
        "only the carried topic: unchanged",
        Intent("speaker_topic", "ferry deal", ["Tom Reed"]),
        REED,
        "ferry deal",
    ),
    OwnCase(
        "no last turn: unchanged",
        Intent("speaker_topic", "harbour ferry deal", ["Tom Reed"]),
        None,
        "harbour ferry deal",
    ),
    OwnCase(
        "others the name may mean: weighed on the joined topic, unchanged",
        Intent("speaker_topic", "harbour ferry deal", ["Tom Reed"], alternatives=["Ida Reed"]),
        REED,
        "harbour ferry deal",
    ),
    OwnCase(
        "a general question: unchanged",
        Intent("general", "harbour ferry deal"),
        REED,
        "harbour ferry deal",
    ),
]


@pytest.mark.parametrize("case", OWN_CASES, ids=[c.name for c in OWN_CASES])
def test_a_follow_up_asks_its_own_words_when_the_joined_topic_does_not_answer(
    answerer: ExtractiveAnswerer, case: OwnCase
) -> None:
    asked = answerer.own_topic("How did he describe it?", case.intent, None, case.previous)
    assert asked.topic == case.topic
    again = answerer.own_topic("How did he describe it?", asked, None, case.previous)
    assert again.topic == asked.topic


def test_a_declined_follow_ups_searches_run_once_per_question(
    answerer: ExtractiveAnswerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`answer` applies `asked_person`, then `evidence` applies it again to the intent it
    returned: that second pass runs no search (`Intent.person_found`)."""
    searched: list[tuple[str | None, str]] = []

    def counted(self, question, intent, index, previous) -> Evidence:
        searched.append((intent.speakers[0] if intent.speakers else None, intent.topic))
        return _evidence_of(self, question, intent, index, previous)

    monkeypatch.setattr(ExtractiveAnswerer, "_evidence_of", counted)
    question = "What about the Norland deal?"
    intent = Intent("speaker_topic", "ferry deal", ["Ola Tamm"])
    asked = answerer.asked_person(question, intent, None, REED)
    # The new person on the last topic, then the last person on Y: neither answers.
    assert searched == [("Ola Tamm", "ferry deal"), ("Tom Reed", "Norland deal")]
    assert (asked.speakers, asked.topic, asked.person_found) == (["Ola Tamm"], "ferry deal", True)
    assert answerer.asked_person(question, asked, None, REED) == asked
    answerer.evidence(question, asked, None, REED)
    assert searched[2:] == [("Ola Tamm", "ferry deal")]  # the evidence's own search only


NAMES_CASES = [
    ("Hale", "Bob Hale", True),
    ("the Bob Hale", "Bob Hale", True),
    ("Hale's plan", "Bob Hale", False),
    ("the Assembly", "Bob Hale’s Assembly", False),
    ("Hale", "Bob Hale’s Assembly", True),
    ("Bob Hale", "Bob Hale's Assembly", True),
    ("Ostby", "Ostbys' Council", False),
    ("", "Bob Hale", False),
]


@pytest.mark.parametrize(("subject", "person", "named"), NAMES_CASES)
def test_what_about_y_names_the_person_only_by_the_words_up_to_an_owner(
    subject: str, person: str, named: bool
) -> None:
    assert _names(subject, person) is named
