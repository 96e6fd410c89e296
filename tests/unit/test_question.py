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
