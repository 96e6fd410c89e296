"""The rules that reject the phrase after an inverted verb as its speaker (`INVERSION_RULES`),
one table of invented sentences per rule. Each row is checked twice: with the table, the
phrase speaks no statement; without the row's rule, it does (so no row can pass without
its rule). NER-free (`analyse`), so no spaCy is loaded."""

from __future__ import annotations

import pytest

from ingest.quoting import inversion
from ingest.quoting.analyse import analyse
from ingest.quoting.inversion import INVERSION_RULES, Inversion, not_speaker
from ingest.quoting.table import rule_names

# (rule, text, the phrase the inverted verb would make its speaker without the rule)
REJECTED = [
    (
        "listener_object",
        "The Mayor of Westland, in particular, informed Tom Reed about the new ferry line.",
        "Tom Reed",
    ),
    (
        "listener_object",
        "The ferry line will reopen in May, his top aide, Bob Hale, told the Westland Courier.",
        "the Westland Courier",
    ),
    (
        "set_off_phrase",
        "The pier is the oldest in the region and will close, Remark: Hello.",
        "Hello",
    ),
    (
        "place_after_preposition",
        "Ana Ashry and Ola Tamm were returning home to Lowtown after a month in Westland, their "
        "children's school, Westland College, confirmed on Facebook Friday.",
        "Facebook Friday",
    ),
    (
        "owned_object",
        "Ana Vell, a harbour delegate from Westland, criticized her town's lax ferry rules.",
        "her town's lax ferry rules",
    ),
    (
        "owned_object",
        "Tom Reed, a prominent harbour supporter, said Ana Vell's plan for the pier was a mistake.",
        "Ana Vell's plan",
    ),
    (
        "unlisted_verb_unquoted",
        "We will treat the port workers in the same way as you, invaders, treated Westlanders.",
        "Westlanders",
    ),
]


def _speakers(text: str) -> list[str]:
    return [s.np for s in analyse(text).indirect]


@pytest.mark.parametrize(("rule", "text", "phrase"), REJECTED)
def test_the_rule_rejects_the_phrase(rule: str, text: str, phrase: str) -> None:
    assert phrase not in _speakers(text)


@pytest.mark.parametrize(("rule", "text", "phrase"), REJECTED)
def test_without_the_rule_the_phrase_speaks(
    rule: str, text: str, phrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    others = tuple(r for r in INVERSION_RULES if r.name != rule)
    monkeypatch.setattr(inversion, "INVERSION_RULES", others)
    assert phrase in _speakers(text)


def test_every_inversion_rule_has_a_case() -> None:
    assert {row[0] for row in REJECTED} == set(rule_names(INVERSION_RULES))


# The phrase after an inverted verb that is its speaker: no rule rejects it.
# (cue, text between the verb and the phrase, phrase, a quotation before the verb)
SPEAKERS = [
    ("said", " ", "Tom Reed", False),  # `The pier will close, said Tom Reed.`
    ("said", " ", "Westland's harbour director", False),  # an owned office speaks
    ("said", " ", "Westland's mayor Ana Vell", False),  # a name after the owned office
    ("said", " ", "Tom Reed's office", False),  # an owned speaking body
    ("exhorted", " actress ", "Ana Vell", True),  # `," exhorted actress Ana Vell`
    ("asked", " ", "Ida Vale", False),  # `Why now? asked Ida Vale.`: no listener object
]


@pytest.mark.parametrize(("cue", "between", "np", "quoted"), SPEAKERS)
def test_a_speaker_after_its_verb_is_kept(cue: str, between: str, np: str, quoted: bool) -> None:
    assert not_speaker(Inversion(cue, between, np, quoted)) is None
