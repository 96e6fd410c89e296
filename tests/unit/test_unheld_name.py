"""A speaker question's named thing held by none of the person's passages
(`app.answer.declines.unheld_name`): the person was not quoted on it, however many of its
words their passages share; on made-up passages."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.answer.declines import NAME_TERMS, topic_names, unheld_name
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
    passages: list[str]
    unheld: str | None


CASES = [
    Case("name held whole", "Westland Harbour Forum", [FORUM, SCHOOLS], None),
    # every word of the name is somewhere, never together in one passage
    Case("name split over passages", "Harbour Forum talks", [TALKS, SCHOOLS], "Harbour Forum"),
    Case("a forum no passage names", "Norland Economic Forum", [FORUM], "Norland Economic Forum"),
    Case("a person held", "Bob Hale", [SCHOOLS, TALKS], None),
    Case("a person no passage names", "Ana Vell", [FORUM, TALKS], "Ana Vell"),
    Case("the second name unheld", "Bob Hale and Westland Radio", [TALKS], "Westland Radio"),
    # one word: an adjective as often as a name ("Norland tennis"), not held to it
    Case("a one-word name", "Norland tennis", [SCHOOLS], None),
    Case("no name: common words only", "the new bridge tolls", [SCHOOLS], None),
    Case("no passage", "Westland Harbour Forum", [], "Westland Harbour Forum"),
    Case("empty topic", "", [FORUM], None),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_unheld_name(case: Case) -> None:
    assert NAME_TERMS == 2
    assert unheld_name(case.topic, case.passages, TERMS) == case.unheld


def test_a_topic_names_its_runs_of_capitalised_words() -> None:
    assert topic_names("the Westland Harbour Forum and Bob Hale") == [
        "Westland Harbour Forum",
        "Bob Hale",
    ]
    assert topic_names("the new bridge tolls") == []
