"""The lexicon's suffix rule, its regex alternations, and the rule-table runner."""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from ingest.quoting.lexicon import PARTICIPLES, VERBS, alternation, inflect
from ingest.quoting.table import STOP, Rule, first_match, rule_names

# (lemma, forms asked for, forms made)
INFLECTIONS = [
    ("warn", "bspi", {"warn", "warns", "warned", "warning"}),
    ("argue", "spi", {"argues", "argued", "arguing"}),
    ("agree", "pi", {"agreed", "agreeing"}),
    ("deny", "sp", {"denies", "denied"}),
    ("stress", "s", {"stresses"}),
    ("admit", "pi", {"admitted", "admitting"}),
    ("say", "bsp", {"say", "says", "said"}),
    ("write", "pi", {"wrote", "writing"}),
    ("echo", "s", {"echoes"}),
]


@pytest.mark.parametrize(("lemma", "forms", "made"), INFLECTIONS, ids=[r[0] for r in INFLECTIONS])
def test_inflect(lemma: str, forms: str, made: set[str]) -> None:
    assert inflect(lemma, forms) == made


# (word, is a reporting-verb form): form classes keep nouns out of the verb list
VERB_FORMS = [
    ("warned", True),
    ("blasting", True),
    ("blame", False),  # the base form is mostly a noun
    ("demands", False),  # so is the -s form
    ("referring", False),  # `referring to X` names a topic
    ("continuing", False),
    ("labelled", True),
]


@pytest.mark.parametrize(("word", "listed"), VERB_FORMS, ids=[r[0] for r in VERB_FORMS])
def test_reporting_verb_forms(word: str, listed: bool) -> None:
    assert (word in VERBS) is listed


def test_participles_are_the_ing_forms() -> None:
    assert "saying" in PARTICIPLES and "said" not in PARTICIPLES


# (words, text, whole match)
ALTERNATIONS = [
    ({"call", "called"}, "they called", "called"),  # never loses to its own prefix
    ({"pointed out"}, "she pointed   out", "pointed   out"),  # a space matches a run of spaces
    ({"a.b"}, "axb a.b", "a.b"),  # escaped
]


@pytest.mark.parametrize(("words", "text", "match"), ALTERNATIONS, ids=["prefix", "space", "dot"])
def test_alternation(words: set[str], text: str, match: str) -> None:
    found = re.search(alternation(words), text)
    assert found is not None and found.group() == match


class Found(NamedTuple):
    word: str
    rule: str = ""


def _first_word(text: str) -> Found | None:
    return Found(text.split()[0]) if text else None


def _stop_on_x(text: str) -> object:
    return STOP if text.startswith("x") else None


def _named(text: str) -> Found:
    return Found(text, "inner")


TABLE = (Rule("stop_on_x", _stop_on_x), Rule("first_word", _first_word), Rule("named", _named))


# (input, result of first_match over TABLE)
FIRST_MATCH = [
    ("alpha beta", Found("alpha", "first_word")),  # the rule's name is stamped on the result
    ("x marks", None),  # STOP ends the search
    ("", Found("", "inner")),  # a result that names its rule keeps it
]


@pytest.mark.parametrize(("text", "result"), FIRST_MATCH, ids=["stamped", "stop", "named"])
def test_first_match(text: str, result: Found | None) -> None:
    assert first_match(TABLE, text) == result


def test_rule_names_follow_table_order() -> None:
    assert rule_names(TABLE) == ["stop_on_x", "first_word", "named"]
