"""Offices and roles: a written role fits a recorded one only with its head and its words."""

from __future__ import annotations

import pytest

from ingest.speakers.offices import is_office, role_head, role_matches


def test_role_matching_needs_the_head_noun_and_compatible_modifiers() -> None:
    assert role_matches("the Russian foreign minister", "Russian Foreign Minister")
    assert role_matches("Russia's foreign minister", "Russian Foreign Minister")
    assert role_matches("the minister", "Russian Foreign Minister")
    assert not role_matches("the defence minister", "Russian Foreign Minister")
    assert not role_matches("the Kremlin spokesman", "Russian Foreign Minister")
    assert role_matches("the President", "President of Ukraine")
    assert role_matches("the President of Ukraine", "President of Ukraine")
    assert not role_matches("the Ukrainian minister", "President of Ukraine")
    assert role_matches("the head of state", "Polish President")
    assert role_matches("the Polish head of state", "Polish President")
    assert not role_matches("the Polish head of state", "Ukrainian President")
    assert not role_matches("the head of state", "Prime Minister")


# (asked role, recorded role, fits): a postpositive "general" after an office noun
# (`GENERAL_OFFICES`) makes another office than a general's.
GENERAL_OFFICE_CASES = [
    ("the General", "Attorney General", False),
    ("the General", "Michigan Attorney General", False),
    ("the general", "Surgeon General", False),
    ("the attorney general", "Michigan Attorney General", True),
    ("the Attorney General", "Attorney General", True),
    ("the attorney", "Attorney General", False),
    ("the General", "General", True),
    ("the General", "Lieutenant General", True),  # a rank of general is a general
    ("the Secretary General", "Secretary General", True),
]


@pytest.mark.parametrize(("asked", "role", "fits"), GENERAL_OFFICE_CASES)
def test_a_postpositive_general_makes_another_office(asked: str, role: str, fits: bool) -> None:
    assert role_matches(asked, role) is fits


@pytest.mark.parametrize(
    ("phrase", "office"),
    [
        ("President", True),
        ("President of Westland", True),
        ("Westland leader", True),
        ("Head of State", True),
        ("Adviser to the President of Westland", True),
        ("First Lady", True),  # the head of state's spouse: "First Lady of Westland Ana Vell"
        ("First Lady of Westland", True),
        ("Lady Vell", False),  # a title before a name
        ("spokesman for the Harbour Council", False),
        ("Ana Vell", False),
        ("Westland Ana Vell", False),
        ("A Little Princess", False),
        ("Executive Order", False),
    ],
)
def test_is_office(phrase: str, office: bool) -> None:
    assert is_office(phrase) is office


@pytest.mark.parametrize(
    ("mention", "role", "fits"),
    [
        ("the Westlandian minister", "Minister of Westland", True),
        ("the Norlandian president", "President of Norland", True),
        ("Federated's chairman", "Federal Bank chairman", False),
        ("the Norland chairman", "Norlandish Bank chairman", True),
    ],
)
def test_role_words_match_a_place_and_its_adjective_only(
    mention: str, role: str, fits: bool
) -> None:
    assert role_matches(mention, role) is fits


# (role, head): the head is the word before the first `HEAD_LINKS` word, so an office held in
# or for another ("Adviser to the President") is the holder's own, not the one served.
ROLE_HEAD_CASES = [
    ("President of Westland", "president"),
    ("Deputy Head of the Office of the President", "head"),
    ("Adviser to the President of Westland", "adviser"),
    ("spokesman for the President", "spokesman"),
    ("Westland Foreign Minister", "minister"),
]


@pytest.mark.parametrize(("role", "head"), ROLE_HEAD_CASES)
def test_role_head_is_the_word_before_the_first_link(role: str, head: str) -> None:
    assert role_head(role) == head


def test_an_adviser_to_the_president_is_no_president() -> None:
    assert not role_matches("the President", "Adviser to the President of Westland")
    assert role_matches("the Adviser to the President", "Adviser to the President of Westland")
