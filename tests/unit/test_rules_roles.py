"""Roles the article gives a person before the name (`ingest/quoting/roles.py`): a joining
word right before the role word joins two phrases, so the role starts after it, unless the
word before it is a role word too (two titles of one person). Made-up text."""

from __future__ import annotations

import pytest

from ingest.quoting.roles import find_roles

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
]


@pytest.mark.parametrize(("text", "name", "role"), ROLES)
def test_role_before_a_name(text: str, name: str, role: str) -> None:
    assert [(r.name, r.role) for r in find_roles(text)] == [(name, role)]
