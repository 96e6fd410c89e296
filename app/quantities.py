"""What kind of number a question asks for, and whether a passage holds one of that kind.

"Which year did the firm float?" is answered by the sentence with a year in it, not by the one
with the deal's price; "What percentage ..." by a share, "How much money ..." by an amount.
Every sentence of a business story has some number, so "has a digit" says little: the kind
does. The kinds are an ordered table (the first whose question form matches wins, so "how
much money" is money before "how much" is an amount), each rule built from the word lists
below and each with a table of cases in `tests/unit/test_quantities.py`.
"""

from __future__ import annotations

import re
from typing import NamedTuple


def _words(text: str) -> str:
    """A lexicon line as a regex alternation of whole words."""
    return "|".join(re.escape(w) for w in text.split())


_MONTHS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_RELATIVE_DAYS = _words("yesterday today tomorrow tonight")
_CURRENCY_WORDS = _words(
    """euro euros dollar dollars pound pounds sterling rouble roubles ruble rubles hryvnia
    hryvnias hryvnas yen yuan rupee rupees franc francs cents pence"""
)
_CURRENCY_SIGNS = "£$€¥₽₴"
_SCALES = _words("bn m mn k million billion trillion thousand")
_TIME_UNITS = _words(
    """second seconds minute minutes hour hours day days week weeks month months year years
    decade decades"""
)
_NUMBER_WORDS = _words(
    """one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
    millions billion billions dozen dozens half"""
)
_NUMBER = rf"(?:\d[\d,.]*|\b(?:{_NUMBER_WORDS})\b|\ban?\b)"
_OPENER = r"^\s*(?:and\s+)?(?:so\s+)?(?:by\s+|in\s+|since\s+|until\s+)?"


class QuantityKind(NamedTuple):
    """One kind of quantity: how a question asks for it, and how a passage states one."""

    name: str
    asked_by: re.Pattern[str]
    stated_by: re.Pattern[str]


def _kind(name: str, asked_by: str, stated_by: str) -> QuantityKind:
    return QuantityKind(name, re.compile(_OPENER + asked_by, re.I), re.compile(stated_by, re.I))


_YEAR = r"\b(?:1[89]\d\d|20\d\d)s?\b"
_DATE = rf"{_YEAR}|\b(?:{_MONTHS}|{_WEEKDAYS}|{_RELATIVE_DAYS})\b|\b\d{{1,2}}(?:st|nd|rd|th)\b"
_MONEY = (
    rf"[{_CURRENCY_SIGNS}]\s?\d|\b\d[\d,.]*\s?(?:{_SCALES})?\s?(?:{_CURRENCY_WORDS})\b"
    rf"|\b(?:{_CURRENCY_WORDS})\s?\d"
)

QUANTITY_KINDS: tuple[QuantityKind, ...] = (
    _kind("year", r"(?:what|which)\s+year\b|when\b.*\byear\b", _YEAR),
    _kind(
        "percent",
        r"(?:what|which)\s+(?:percentage|percent|share|proportion|rate)\b|how\s+much\s+of\b",
        r"\d\s?%|\bper\s?cent\b|\bpercent(?:age)?\b",
    ),
    _kind(
        "money",
        r"how\s+much\s+(?:money|cash|funding|did|does|do|will|would|is|was|were|are)\b|"
        r"(?:what|which)\s+(?:price|amount|sum|cost|fee|salary|budget|value)\b",
        _MONEY,
    ),
    _kind("age", r"how\s+old\b|(?:what|which)\s+age\b", r"\b\d+-year-old\b|\baged?\s+\d"),
    _kind(
        "duration",
        r"how\s+long\b|for\s+how\s+long\b",
        rf"{_NUMBER}\s+(?:more\s+than\s+)?(?:{_TIME_UNITS})\b|\bhalf\s+an?\s+hour\b",
    ),
    _kind("date", r"when\b|(?:what|which)\s+(?:date|day|month)\b", _DATE),
    _kind(
        "count",
        r"how\s+(?:many|much|often|far|big|large|high|fast)\b|"
        r"(?:what|which)\s+(?:figure|number|total)\b",
        rf"\d|\b(?:{_NUMBER_WORDS})\b",
    ),
)
_BY_NAME = {kind.name: kind for kind in QUANTITY_KINDS}


def quantity_asked(question: str) -> str | None:
    """The kind of quantity the question asks for ("year", "money", ...), None for none."""
    return next((k.name for k in QUANTITY_KINDS if k.asked_by.search(question)), None)


def states_quantity(kind: str, text: str) -> bool:
    """The text states a quantity of that kind (a year for "year", an amount for "money")."""
    return bool(_BY_NAME[kind].stated_by.search(text))
