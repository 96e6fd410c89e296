"""Name keys: titles and descriptions stripped, keys folded, names that can be one person."""

from __future__ import annotations

import pytest

from ingest.speakers.keys import canonical_key, speakers_named, strip_titles, surname


def test_strip_titles_keeps_the_name() -> None:
    assert strip_titles("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"
    assert strip_titles("Sen. Ted Cruz (R-Texas)") == "Ted Cruz"
    assert strip_titles("House Speaker Paul Ryan, R-Wis.") == "Paul Ryan"
    assert strip_titles("Mr. Obama") == "Obama"
    assert strip_titles("Martin Luther King Jr.") == "Martin Luther King"


# (written speaker, the name it keeps): words before a name that describe who follows.
NAME_AFTER_DESCRIPTION_CASES = [
    ("Tory MP Ann Vell", "Ann Vell"),  # party and membership
    ("Lib Dem Ann Vell", "Ann Vell"),
    ("Northland Green MEP Ann Vell", "Ann Vell"),
    ("Singer Ann Vell", "Ann Vell"),  # an occupation
    ("Pop star Ann Vell", "Ann Vell"),
    ("Lowtown Rovers boss Ann Vell", "Ann Vell"),
    ("Lowtown Rovers' Ann Vell", "Ann Vell"),  # a possessive
    ("Westland TV’s Ann Vell", "Ann Vell"),
    ("President of Westland Ann Vell", "Ann Vell"),  # an office of a place
    ("Minister of Trade of Westland Ann Vell", "Ann Vell"),
    ("President of Westland George W. Vell", "George W. Vell"),
    ("Labour Party", "Labour Party"),  # a party alone speaks as itself
    ("Ann Singer", "Ann Singer"),  # an occupation's word as a surname
    ("Star", "Star"),  # ... or alone: what speaks
    ("Lib Dems", "Lib Dems"),
    ("Westland TV's", "Westland TV's"),
    ("Democratic National Convention", "Democratic National Convention"),  # a body
    ("St Ann's High School", "St Ann's High School"),
    ("President of Westland", "President of Westland"),  # an office, no name
    ("Senate Minority Whip Ann J. Vell", "Ann J. Vell"),  # a parliamentary office
    ("Pastor Ann Vell", "Ann Vell"),  # church offices
    ("Archbishop Ann Vell", "Ann Vell"),
    ("Special Agent Ann Vell", "Ann Vell"),
    ("Ann Bishop", "Ann Bishop"),  # an office's word as a surname
    ("Bishop of Lowtown", "Bishop of Lowtown"),  # an office, no name
]


@pytest.mark.parametrize(("written", "name"), NAME_AFTER_DESCRIPTION_CASES)
def test_strip_titles_drops_a_description_before_the_name(written: str, name: str) -> None:
    assert strip_titles(written) == name


def test_canonical_key_folds_case_accents_titles_and_possessives() -> None:
    assert canonical_key("Dr. José Álvarez") == "jose alvarez"
    assert canonical_key("Lavrov’s") == "lavrov"
    assert surname("President Vladimir Putin") == "putin"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Ivan Dovrensky", "ivan dovrensky"),
        ("Ivan Dovrenskyy", "ivan dovrensky"),
        ("Ivan Dovrenskiy", "ivan dovrensky"),
        ("Oles Vernyak", "oles vernyak"),
        ("Oles Verniak", "oles vernyak"),
        ("Oles Kovaliuk", "oles kovalyuk"),
        # Only a surname's ending: a given name or a word inside keeps its letters.
        ("Maria Skiy Dovrenskiy", "maria skiy dovrensky"),
        ("Brian Kozak", "brian kozak"),
    ],
)
def test_canonical_key_folds_slavic_surname_endings(written: str, key: str) -> None:
    assert canonical_key(written) == key


def test_an_office_with_no_name_after_it_stays_whole() -> None:
    # Stripping the title from "President of Ukraine" would leave the junk speaker "of Ukraine".
    assert strip_titles("President of Ukraine") == "President of Ukraine"
    assert strip_titles("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"


# (a person the article writes with a role, its speakers, those who take the role)
SPEAKERS_NAMED_CASES = [
    ("Tom Vell", {"Ana Vell"}, set()),  # a shared surname is not the person
    ("Tom Vell", {"Vell", "Ana Vell"}, {"Vell"}),  # the bare surname may be him
    ("Tom Vell", {"Tom Vell", "Ana Vell"}, {"Tom Vell"}),
    ("T. Vell", {"Tom Vell"}, {"Tom Vell"}),  # an initial is compatible
    ("Vell", {"Ana Vell"}, {"Ana Vell"}),  # `Mr Vell` written alone: one Vell speaks
    ("Tom Vell", {"Tom Reed"}, set()),
]


@pytest.mark.parametrize(("person", "speakers", "named"), SPEAKERS_NAMED_CASES)
def test_a_role_goes_to_a_speaker_who_can_be_the_person(
    person: str, speakers: set[str], named: set[str]
) -> None:
    assert speakers_named(person, speakers) == named
