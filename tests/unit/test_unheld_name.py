"""A speaker question's named thing held by none of the person's passages
(`app.answer.declines.unheld_name`): the person was not quoted on it, however many of its
words their passages share; on made-up passages."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.answer.declines import NAME_TERMS, topic_names, unheld_name, written_names
from ingest.terms import Lexicon

TERMS = Lexicon().terms
FORUM = "Westland Harbour Forum: Tom Reed said the forum would open the harbour to trade."
TALKS = "Tom Reed said his talks with Bob Hale on the bridge went well."
SCHOOLS = "Tom Reed said the new schools would open in the spring."


class Case(NamedTuple):
    """One topic, the asked person's passages, and the name none of them holds (None: all
    held)."""

    name: str
    topic: str
    asked: str  # the question the user wrote in this turn
    passages: list[str]
    unheld: str | None


CASES = [
    Case(
        "name held whole",
        "Westland Harbour Forum",
        "What did Tom Reed say about the Westland Harbour Forum?",
        [FORUM, SCHOOLS],
        None,
    ),
    # every word of the name is somewhere, never together in one passage
    Case(
        "name split over passages",
        "Harbour Forum talks",
        "What did Tom Reed say about Harbour Forum talks?",
        [TALKS, SCHOOLS],
        "Harbour Forum",
    ),
    Case(
        "a forum no passage names",
        "Norland Economic Forum",
        "What did Tom Reed say about the Norland Economic Forum?",
        [FORUM],
        "Norland Economic Forum",
    ),
    Case(
        "a person held", "Bob Hale", "What did Tom Reed say about Bob Hale?", [SCHOOLS, TALKS], None
    ),
    Case(
        "a person no passage names",
        "Ana Vell",
        "What did Tom Reed say about Ana Vell?",
        [FORUM, TALKS],
        "Ana Vell",
    ),
    Case(
        "the second name unheld",
        "Bob Hale and Westland Radio",
        "What did Tom Reed say about Bob Hale and Westland Radio?",
        [TALKS],
        "Westland Radio",
    ),
    # one word: an adjective as often as a name ("Norland tennis"), not held to it
    Case(
        "a one-word name",
        "Norland tennis",
        "What did Tom Reed say about Norland tennis?",
        [SCHOOLS],
        None,
    ),
    Case(
        "no name: common words only",
        "the new bridge tolls",
        "What did Tom Reed say about the new bridge tolls?",
        [SCHOOLS],
        None,
    ),
    Case(
        "no passage",
        "Westland Harbour Forum",
        "What did Tom Reed say about the Westland Harbour Forum?",
        [],
        "Westland Harbour Forum",
    ),
    Case("empty topic", "", "What did Tom Reed say?", [FORUM], None),
    # a follow-up: the name came with the last turn's topic, not from the user's words now
    Case(
        "a name carried from the last turn",
        "Norland Economic Forum",
        "What about Tom Reed?",
        [SCHOOLS],
        None,
    ),
    Case(
        "a carried name beside a new one",
        "Ana Vell Norland Economic Forum",
        "And what did he say about Ana Vell?",
        [TALKS],
        "Ana Vell",
    ),
    Case(
        "a carried name the user wrote again",
        "Norland Economic Forum",
        "And Tom Reed on the Norland Economic Forum?",
        [SCHOOLS],
        "Norland Economic Forum",
    ),
    Case(
        "a name in lowercase is not written as a name",
        "Norland Economic Forum",
        "and tom reed?",
        [SCHOOLS],
        None,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_unheld_name(case: Case) -> None:
    assert NAME_TERMS == 2
    assert unheld_name(case.topic, case.asked, case.passages, TERMS) == case.unheld


def test_a_topic_names_its_runs_of_capitalised_words() -> None:
    assert topic_names("the Westland Harbour Forum and Bob Hale") == [
        "Westland Harbour Forum",
        "Bob Hale",
    ]
    assert topic_names("the new bridge tolls") == []


def test_written_names_cut_a_follow_up_topic_to_this_turn_s_words() -> None:
    topic = "Ana Vell Norland Economic Forum"
    assert written_names(topic, "And what did he say about Ana Vell?") == ["Ana Vell"]
    assert written_names(topic, "What about Tom Reed?") == []
    assert written_names("Westland Harbour Forum", "Westland Harbour Forum?") == [
        "Westland Harbour Forum"
    ]
