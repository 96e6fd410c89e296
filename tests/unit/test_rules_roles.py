"""Roles the article gives a person before the name (`ingest/quoting/roles.py`): a joining
word right before the role word joins two phrases, so the role starts after it, unless the
word before it is a role word too (two titles of one person); a capitalised role word or body
linked by `to the` / `of the` opens the role (`Adviser to the President`). Made-up text."""

from __future__ import annotations

import pytest

from ingest.quoting.rolephrase import role_phrase
from ingest.quoting.roles import find_roles
from ingest.speakers.recorded_roles import usable_role

# (text, name, role)
ROLES = [
    pytest.param(
        "a pivot to Asia and Secretary Ana Vell declared it", "Ana Vell", "Secretary", id="place"
    ),
    pytest.param(
        "Foreign and Commonwealth Secretary Ana Vell said",
        "Ana Vell",
        "Foreign and Commonwealth Secretary",
        id="an office word after the and",
    ),
    pytest.param(
        "Harbour and Ferries Minister Ana Vell said",
        "Ana Vell",
        "Harbour and Ferries Minister",
        id="a ministry of two words",
    ),
    pytest.param(
        "President and CEO Ana Vell said", "Ana Vell", "President and CEO", id="two titles"
    ),
    pytest.param(
        "This was stated by Adviser to the President of Westland Ana Vell.",
        "Ana Vell",
        "Adviser to the President of Westland",
        id="an office held to another office",
    ),
    pytest.param(
        "Deputy Head of the Office of the President Tom Reed said it",
        "Tom Reed",
        "Deputy Head of the Office of the President",
        id="two linked offices",
    ),
    pytest.param(
        "an aide to President Tom Reed said it", "Tom Reed", "President", id="staff served"
    ),
    pytest.param(
        "He wrote to the President of Westland Ana Vell.",
        "Ana Vell",
        "President of Westland",
        id="a verb's preposition links no office",
    ),
    pytest.param(
        "The trip was set up with the First Lady Ana Vell.",
        "Ana Vell",
        "First Lady",
        id="an office headed by a form of address",
    ),
    pytest.param(
        "First Lady of Westland Ana Vell met the mayors.",
        "Ana Vell",
        "First Lady of Westland",
        id="an office headed by a form of address, of a place",
    ),
    pytest.param(
        "Ana Vell, the First Lady of Westland, met the mayors.",
        "Ana Vell",
        "First Lady of Westland",
        id="an office headed by a form of address, after the name",
    ),
]


# (role as extracted, the role recorded or None): a form of address ends no role, but an
# office it heads is one.
RECORDED_ROLES = [
    pytest.param("First Lady", "First Lady", id="an office headed by a form of address"),
    pytest.param("First Lady of Westland", "First Lady of Westland", id="of a place"),
    pytest.param("Quill Air boss Lady", "Quill Air boss", id="a form of address is cut"),
    pytest.param("Lady", None, id="a form of address alone is no role"),
]


@pytest.mark.parametrize(("role", "recorded"), RECORDED_ROLES)
def test_recorded_role(role: str, recorded: str | None) -> None:
    assert usable_role(role_phrase(role)) == recorded


def test_a_form_of_address_before_a_name_is_no_role() -> None:
    assert find_roles("Lady Ana Vell opened the fete.") == []


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_role_before_a_name(text: str, name: str, role: str) -> None:
    assert [(r.name, r.role) for r in find_roles(text)] == [(name, role)]
