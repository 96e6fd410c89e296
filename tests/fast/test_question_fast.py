"""Question understanding against the speaker index the fake desk built from its articles."""

from __future__ import annotations

import pytest

from app.question import Turn, understand

# question, kind, speakers, a word the topic must hold ("" = the topic is empty)
CASES = [
    ("What did Alma Ruiz say about the bridge?", "speaker_topic", ["Alma Ruiz"], "bridge"),
    ("What did Ruiz say about ferries?", "speaker_topic", ["Alma Ruiz"], "ferries"),
    ("What did the mayor say?", "speaker_topic", ["Alma Ruiz"], ""),
    ("How did Priya Shah describe the frost?", "speaker_topic", ["Priya Shah"], "frost"),
    ("Who said the steel is tired?", "who_said", [], "steel"),
    ("When will the bridge repairs begin?", "general", [], "bridge"),
]


@pytest.mark.parametrize(("question", "kind", "speakers", "topic_word"), CASES)
def test_kind_speakers_and_topic(fake_desk, question, kind, speakers, topic_word) -> None:
    intent = understand(question, fake_desk.speaker_index())
    assert intent.kind == kind
    assert intent.speakers == speakers
    if topic_word:
        assert topic_word in intent.topic.split()
    else:
        assert intent.topic == ""


def test_a_name_nobody_in_the_store_carries_is_reported(fake_desk) -> None:
    intent = understand("What did Boris Vance say about taxes?", fake_desk.speaker_index())
    assert intent.speakers == [] and intent.unknown_person == "Boris Vance"


# follow-up question, speakers, wants_more, who_is; the previous turn was Priya Shah on frost
FOLLOW_UPS = [
    ("What else did she say?", ["Priya Shah"], True, False),
    ("Who is she?", ["Priya Shah"], False, True),
    ("What did Alma Ruiz say about it?", ["Alma Ruiz"], False, False),
]


@pytest.mark.parametrize(("question", "speakers", "wants_more", "who_is"), FOLLOW_UPS)
def test_follow_ups_carry_the_previous_speaker_unless_another_is_named(
    fake_desk, question, speakers, wants_more, who_is
) -> None:
    previous = Turn(speaker="Priya Shah", topic="frost")
    intent = understand(question, fake_desk.speaker_index(), previous)
    assert (intent.speakers, intent.wants_more, intent.who_is) == (speakers, wants_more, who_is)


def test_a_follow_up_pointing_back_inherits_the_topic(fake_desk) -> None:
    previous = Turn(speaker="Priya Shah", topic="frost")
    intent = understand("What did Alma Ruiz say about it?", fake_desk.speaker_index(), previous)
    assert "frost" in intent.topic.split()
