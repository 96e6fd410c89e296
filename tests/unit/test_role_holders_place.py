"""An office asked with a place resolves to that place's holder, never another's (issue 17).

"the French President" whom no quote records in those words is not every president the store
quotes: dropping the nationality (`role_phrase_variants`) finds the holders of an office
recorded without a place ("Defence Minister" in a ministry's own release), never one recorded
with another place. A country's "leader", asked or stored, is the person the store records as
that country's president, else its prime minister (`COUNTRY_LEADER_OFFICES`).

Made-up names and places only.
"""

from __future__ import annotations

import pytest

from app.speaker_index import SpeakerIndex, person_named
from ingest.types import Quote


def _quoted(speaker: str, article: str, role: str | None = None) -> tuple[Quote, str]:
    return Quote("words", 0, 5, speaker=speaker, role=role, speaker_as_written=speaker), article


def _store() -> SpeakerIndex:
    return SpeakerIndex(
        [
            _quoted("Ana Vell", "n1", "President of Norland"),
            _quoted("Tom Reed", "w1", "President of Westland"),
            _quoted("Tom Reed", "w2", "President of Westland"),
            _quoted("Bob Hale", "r1", "Defence Minister"),
            _quoted("Ola Tamm", "o1", "Ostby Defence Minister"),
            _quoted("Ida Vale", "x1", "Leader of the Nation"),
            _quoted("Ada Lind", "s1", "Prime Minister of Ostby"),
            _quoted("Priya Shah", "p1", "Polish President"),
            _quoted("Bob Hale", "w4", "Prime Minister of Westland"),
            _quoted("Mara Quell", "l1", "Harbour Party leader"),
            _quoted("Alma Ruiz", "l2", "Harbour Party President"),
            _quoted("Westland leader", "w3"),
            _quoted("Ostby leader", "o2"),
        ]
    )


# (the role asked, who it resolves to, most likely first; [] nobody)
PLACE_ROWS = [
    # No quote records a French president: Norland's and Westland's are other offices.
    ("the French President", []),
    ("the Polish President", ["Priya Shah"]),  # as asked
    # A ministry's own release writes "Defence Minister": the nationality is where it is;
    # "Ostby Defence Minister" is another country's.
    ("the French defence minister", ["Bob Hale"]),
    # A country's leader is its president, else its prime minister; never a "Leader of the
    # Nation" of somewhere else.
    ("the Westland leader", ["Tom Reed"]),  # its president before its prime minister
    ("the leader of Westland", ["Tom Reed"]),
    ("the Ostby leader", ["Ada Lind"]),
    ("the Polish leader", ["Priya Shah"]),
    ("the French leader", []),
    ("the Harbour Party leader", ["Mara Quell"]),  # held as asked, before any president
    ("the leader", ["Ida Vale", "Mara Quell"]),  # no place: those recorded as leaders
]


@pytest.mark.parametrize(("phrase", "holders"), PLACE_ROWS)
def test_an_office_of_a_place_is_held_there(phrase: str, holders: list[str]) -> None:
    found = [h.name for h in _store().role_holders(phrase) if person_named(h.name)]
    assert found == holders


# (a stored office-only speaker, the people named in full who hold it)
STORED_LEADER_ROWS = [
    ("Westland leader", {"Tom Reed"}),
    ("Ostby leader", {"Ada Lind"}),
]


@pytest.mark.parametrize(("name", "holders"), STORED_LEADER_ROWS)
def test_a_stored_country_leader_is_its_recorded_head(name: str, holders: set[str]) -> None:
    assert _store().office_holders(name) == holders


def test_a_bare_leader_is_no_country_s_president() -> None:
    """Nobody is recorded as a leader: "the leader" names no place, so no president is it."""
    index = SpeakerIndex([_quoted("Tom Reed", "w1", "President of Westland")])
    assert [h.name for h in index.role_holders("the leader")] == []


# (a stored speaker's name, whether it is a person named in full)
PERSON_NAMED_ROWS = [
    ("Tom Reed", True),
    ("Westland Federation", False),
    ("Westland Federation's", False),  # debris with a possessive is still a body
    ("Westland Federation’s", False),
    ("Westland President", False),
]


@pytest.mark.parametrize(("name", "named"), PERSON_NAMED_ROWS)
def test_a_body_is_no_person_possessive_or_not(name: str, named: bool) -> None:
    assert person_named(name) is named


def test_a_possessive_body_is_no_second_holder_of_a_country_s_leader() -> None:
    """A quote extraction gave to "Westland Federation's" as "Westland President" leaves the
    stored "Westland leader" one holder, its president."""
    index = SpeakerIndex(
        [
            _quoted("Tom Reed", "w1", "President of Westland"),
            _quoted("Westland Federation's", "w2", "Westland President"),
            _quoted("Westland leader", "w3"),
        ]
    )
    assert index.office_holders("Westland leader") == {"Tom Reed"}
