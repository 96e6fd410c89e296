"""Question understanding against a small speaker index (no model, no store)."""

from __future__ import annotations

import pytest

from app.question import Turn, understand
from app.speaker_index import SpeakerIndex
from ingest.types import Quote


def quote(speaker: str, role: str | None = None, written: str | None = None) -> Quote:
    return Quote(
        text="words",
        start=0,
        end=5,
        speaker=speaker,
        role=role,
        speaker_as_written=written or speaker,
    )


@pytest.fixture
def index() -> SpeakerIndex:
    return SpeakerIndex(
        [
            (quote("Sergei Lavrov", "Russian Foreign Minister"), "a1"),
            (quote("Lavrov"), "a2"),
            (quote("Dmitry Peskov", "Kremlin spokesman"), "a1"),
            (quote("Kremlin"), "a1"),
            (quote("American"), "a3"),
        ]
    )


def test_speaker_and_topic(index: SpeakerIndex) -> None:
    intent = understand("What did Lavrov say about the OSCE?", index)
    assert (intent.kind, intent.speakers, intent.topic) == (
        "speaker_topic",
        ["Sergei Lavrov"],
        "OSCE",
    )
    full = understand("What did Dmitry Peskov say about the OSCE?", index)
    assert full.speakers == ["Dmitry Peskov"] and full.topic == "OSCE"


def test_role_beats_organisation_inside_it(index: SpeakerIndex) -> None:
    intent = understand("How did the Kremlin spokesman describe the talks?", index)
    assert intent.speakers[0] == "Dmitry Peskov"


def test_who_said_forms(index: SpeakerIndex) -> None:
    assert understand("Who said the reaction should not be delayed?", index).kind == "who_said"
    which = understand("Which 48-year-old player boasted that she was still fit?", index)
    assert which.kind == "who_said"


def test_names_in_a_who_said_question_are_its_topic(index: SpeakerIndex) -> None:
    """The speaker is what is asked for; a quoted speaker named in the question is a subject."""
    intent = understand("Who said Lavrov had misled the Kremlin spokesman?", index)
    assert intent.kind == "who_said"
    assert {"Lavrov", "Kremlin", "spokesman", "misled"} <= set(intent.topic.split())


@pytest.fixture
def news_index() -> SpeakerIndex:
    """Speakers whose names are also common words, or share a surname."""
    names = ["Mervyn King", "Oxford University Press", "Alun Michael", "Louis Michel"]
    names.append("Ken Livingstone")
    return SpeakerIndex([(quote(name), "a1") for name in names])


def test_another_first_name_is_another_person(news_index: SpeakerIndex) -> None:
    # Neither the same surname nor a close spelling of it ("Michel") with another first name.
    assert understand("What did George Michael say about fame?", news_index).speakers == []
    assert understand("What did Alun Michael say?", news_index).speakers == ["Alun Michael"]
    assert understand("What did Mr Michael say?", news_index).speakers == ["Alun Michael"]


def test_lowercase_words_are_not_close_spellings_of_names(news_index: SpeakerIndex) -> None:
    intent = understand("Is he making music again?", news_index)
    assert intent.speakers == []  # "making" is not a misspelt "King"
    assert understand("What did Livingston say?", news_index).speakers == ["Ken Livingstone"]


def test_pronoun_follow_up_keeps_its_person(news_index: SpeakerIndex) -> None:
    previous = Turn(speaker="Ken Livingstone", topic="Evening Standard apology")
    intent = understand("Has he changed a policy because of the press?", news_index, previous)
    assert intent.speakers == ["Ken Livingstone"]
    assert "Ken Livingstone" in intent.topic  # the question only says "he"
    nameless = Turn(speaker=None, topic="George Michael documentary")
    carried = understand("Is he giving up music?", news_index, nameless)
    assert "George Michael documentary" in carried.topic


def test_role_questions_find_the_person_who_holds_it() -> None:
    index = SpeakerIndex(
        [
            (quote("Alex Ferguson", "Manchester United manager Sir"), "a1"),
            (quote("David Moyes", "Manager"), "a2"),
            (quote("Tessa Jowell", "Culture Secretary"), "a3"),
            (quote("David Davis", "secretary", written="He"), "a4"),
            (quote("Gordon Brown", "Chancellor"), "a5"),
            (quote("shadow chancellor"), "a6"),
        ]
    )

    def asked(question: str) -> str:
        return understand(question, index).speakers[0]

    # The role's trailing "Sir" (from "manager Sir Alex Ferguson") no longer hides it.
    assert asked("What did the Manchester United manager say about Milan?") == "Alex Ferguson"
    # An alias "He" is not found inside "the".
    assert asked("How has the culture secretary argued for casinos?") == "Tessa Jowell"
    # At a tie, a named person before a quote left to a role phrase.
    assert asked("What did the Chancellor say about the vaccine fund?") == "Gordon Brown"


def test_nationality_is_not_a_speaker(index: SpeakerIndex) -> None:
    assert understand("What did analysts predict for American growth?", index).speakers == []


def test_follow_ups_carry_speaker_and_topic(index: SpeakerIndex) -> None:
    previous = Turn(speaker="Sergei Lavrov", topic="OSCE")
    more = understand("What else did he say?", index, previous)
    assert more.speakers == ["Sergei Lavrov"] and more.wants_more and more.topic == ""
    other = understand("And what did Peskov say about it?", index, previous)
    assert other.speakers == ["Dmitry Peskov"] and "OSCE" in other.topic
    fresh = understand("What did Peskov say?", index, previous)
    assert "OSCE" not in fresh.topic
    who = understand("Who is he?", index, previous)
    assert who.who_is and who.speakers == ["Sergei Lavrov"]


def test_unknown_person(index: SpeakerIndex) -> None:
    intent = understand("What did Angela Merkel say about NATO?", index)
    assert intent.kind == "general" and intent.unknown_person == "Angela Merkel"
