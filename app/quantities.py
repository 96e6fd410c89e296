"""What kind of number a question asks for ("Which year ...", "How much money ...").

The ranker prefers units with a number when a question asks for one (`number_wanted`); the
kinds are an ordered table (the first whose question form matches wins, so "how much money" is
money before "how much" is an amount), with a table of cases in `tests/unit/test_quantities.py`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# What may stand before the question's own words: "And", "So", a preposition ("By how much"),
# or the source it is asked of ("According to the ministry, how many ...").
_OPENER = (
    r"^\s*(?:according\s+to\s[^,?]+,\s*)?(?:and\s+)?(?:so\s+)?(?:by\s+|in\s+|since\s+|until\s+)?"
)


class QuantityKind(NamedTuple):
    """One kind of quantity and how a question asks for it."""

    name: str
    asked_by: re.Pattern[str]


def _kind(name: str, asked_by: str) -> QuantityKind:
    return QuantityKind(name, re.compile(_OPENER + asked_by, re.I))


QUANTITY_KINDS: tuple[QuantityKind, ...] = (
    _kind("year", r"(?:what|which)\s+year\b|when\b.*\byear\b"),
    _kind(
        "percent",
        r"(?:what|which)\s+(?:\w+\s+)?(?:percentage|percent|share|proportion|rate)\b|"
        r"how\s+much\s+of\b",
    ),
    _kind(
        "money",
        r"how\s+much\s+(?:money|cash|funding|did|does|do|will|would|is|was|were|are)\b|"
        r"(?:what|which)\s+(?:price|amount|sum|cost|fee|salary|budget|value)\b",
    ),
    _kind("age", r"how\s+old\b|(?:what|which)\s+age\b"),
    _kind("duration", r"how\s+long\b|for\s+how\s+long\b"),
    _kind("date", r"when\b|(?:what|which)\s+(?:date|day|month)\b"),
    _kind(
        "count",
        r"how\s+(?:many|much|often|far|big|large|high|fast)\b|"
        r"(?:what|which)\s+(?:figure|number|total)\b|"
        r"what\s+(?:is|was|are|were)\s+the\s+(?:figure|number|total)s?\b",
    ),
)


def quantity_asked(question: str) -> str | None:
    """The kind of quantity the question asks for ("year", "money", ...), None for none."""
    return next((k.name for k in QUANTITY_KINDS if k.asked_by.search(question)), None)
