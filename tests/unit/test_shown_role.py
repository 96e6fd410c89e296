"""The role shown beside a speaker's name never repeats the name or the office (made-up people)."""

from __future__ import annotations

import pytest

from app.compose import shown_role

# (speaker, recorded role, shown role)
ROLES = [
    ("Ana Vell", "Prime Minister of Westland Ana Vell", "Prime Minister of Westland"),
    ("Ana Vell", "President Vell", "President"),
    (
        "Ana Vell",
        "Deputy Head of the Office of the President Ana",
        "Deputy Head of the Office of the President",
    ),
    ("Ana Vell", "President of Westland President", "President of Westland"),
    ("Ana Vell", "Secretary of State", "Secretary of State"),
    ("Ana Vell", "Minister of Foreign Affairs", "Minister of Foreign Affairs"),
    ("Adviser", "Adviser", None),
    ("Ana Vell", None, None),
]


@pytest.mark.parametrize(("speaker", "role", "shown"), ROLES)
def test_the_role_shown_beside_a_name(speaker: str, role: str | None, shown: str | None) -> None:
    assert shown_role(speaker, role) == shown
