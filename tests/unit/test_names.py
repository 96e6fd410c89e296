"""Name resolution rules that keep one person from standing in for another (made-up names)."""

from __future__ import annotations

import pytest

from ingest.speakers.matching import NameForm, match_name, match_speaker
from ingest.speakers.mentions import name_mentions
from ingest.speakers.offices import role_phrase_variants, same_office
from ingest.speakers.recorded_roles import ROLE_JUNK_RULES, role_problem, usable_role

KNOWN = ["Owen Pryce", "Ivo Owen", "Tobias", "Nora Vance", "Piet Vance", "Mara Holm"]
KNOWN += ["Lars Holme", "Ken Halloway", "Ida Branton"]

# Confusable shapes, each with the asked name and who it may be (nobody: []).
CONFUSABLE = [
    # full name vs another person whose surname is the asked first name
    ("Owen Pryce", ["Owen Pryce"], "exact"),
    ("Owen Marsh", [], None),
    # full name vs a one-word speaker who is the asked first name
    ("Tobias Quint", [], None),
    ("Tobias", ["Tobias"], "exact"),
    # two people sharing a surname with different first names
    ("Piet Vance", ["Piet Vance"], "exact"),
    ("P. Vance", ["Piet Vance"], "surname"),
    ("Vance", ["Nora Vance", "Piet Vance"], "surname"),
    ("Kai Vance", [], None),
    # a close spelling only where nobody carries the asked surname
    ("Lars Holm", [], None),
    ("Ken Haloway", ["Ken Halloway"], "close_spelling"),
    ("Jo Haloway", [], None),
    ("Haloway", ["Ken Halloway"], "close_spelling"),
    # a surname inside a longer one is another name, not a misspelling
    ("Elbranton", [], None),
    ("Brantonn", ["Ida Branton"], "close_spelling"),
]


@pytest.mark.parametrize(("asked", "names", "rule"), CONFUSABLE)
def test_confusable_names(asked: str, names: list[str], rule: str | None) -> None:
    found = match_name(asked, [NameForm(n, n) for n in KNOWN])
    assert [m.name for m in found] == names
    assert {m.rule for m in found} == ({rule} if rule else set())


def test_an_alias_matches_exactly_but_never_carries_a_two_word_name() -> None:
    """ "Quint" stored as an alias of Tobias Quint finds him; the one-word speaker "Tobias" is
    never "Tobias Quint" even though the alias table holds both."""
    forms = [NameForm("Quint", "Tobias Quint"), NameForm("Tobias Quint", "Tobias Quint")]
    forms.append(NameForm("Tobias", "Tobias"))
    assert [m.name for m in match_name("Quint", forms)] == ["Tobias Quint"]
    assert [m.name for m in match_name("Tobias Quint", forms)] == ["Tobias Quint"]
    assert match_name("Tobias Marsh", forms) == []


# (text, the names it writes)
MENTIONS = [
    ("What did Owen Pryce say about the ferry?", ["Owen Pryce"]),
    ("Did Mr Vance say anything?", ["Vance"]),
    ("What was Nora Vance's view of Piet Vance's plan?", ["Nora Vance", "Piet Vance"]),
    ("According to Ludwig van Hoek, what happened?", ["Ludwig van Hoek"]),
    ("How did the Harbour Secretary Ida Brandt react?", ["Ida Brandt"]),
    # `name_mentions` passes over a lowercase word with no name open at once: a particle or
    # an "&" after one starts nothing, a lowercase word or a lone dash still ends a name, and
    # a possessive after a lowercase word is a name of its own ("Vell's", then "Tamm Group")
    ("The mayor met Ana van Vell and van Tamm.", ["Ana van Vell", "Tamm"]),
    ("He praised Vell & Marsh and & Co too.", ["Vell & Marsh", "Co"]),
    ("Ana Vell - Bob Tamm spoke first.", ["Ana Vell", "Bob Tamm"]),
    ("Talks with Vell's Tamm Group ended.", ["Talks", "Vell", "Tamm Group"]),
    ("talks went on. Vell's Tamm Group said so.", ["Vell", "Tamm Group"]),
    # ... and jumps to the next word that opens with a capital: a capital inside a word
    # ("x&Tom", "re-Elected") starts nothing, one after a lone "&" or beyond ASCII does, and a
    # lowercase word beyond ASCII ("über") is passed over like any other
    (
        "Shares in x&Tom Vell rose as re-Elected mayor Ola Tamm spoke.",
        ["Shares", "Vell", "Ola Tamm"],
    ),
    (
        "Talks with &Bob Hale and AT&T ended, said Émile Vell after über Ola Tamm left.",
        ["Talks", "Bob Hale", "AT&T", "Émile Vell", "Ola Tamm"],
    ),
]


@pytest.mark.parametrize(("text", "names"), MENTIONS)
def test_name_mentions(text: str, names: list[str]) -> None:
    assert [m.text for m in name_mentions(text)] == names


def test_lowercase_text_tries_pairs_before_single_words() -> None:
    mentions = [m.text for m in name_mentions("what did owen pryce say")]
    assert mentions[:1] == ["owen pryce"] and "owen" in mentions


def test_match_speaker_prefers_the_exact_name() -> None:
    assert match_speaker("What did Owen Pryce say about Dafydd?", KNOWN)[0] == "Owen Pryce"
    assert match_speaker("What did Owen Marsh say?", KNOWN) == []


# (recorded role, its problem, what may be shown)
ROLES = [
    ("Harbour Secretary", None, "Harbour Secretary"),
    ("Lowtown United manager Sir", "ends_in_an_honorific", "Lowtown United manager"),
    ("Speaking in Lowtown Mr", "opens_a_clause", None),
    ("Speaking in Lowtown", "opens_a_clause", None),
    ("Asked", "opens_a_clause", None),
    ("Acting mayor", None, "Acting mayor"),
    ("Managing director", None, "Managing director"),
    ("spokesman said the", "reporting_verb", None),
    ("head of the", "ends_in_a_function_word", None),
    ("whose father served as harbour master", "relative_clause", None),
    ("Mr", "ends_in_an_honorific", None),
    ("chair of the harbour board's finance and audit committee", "too_long", None),
    ("the minister, who", "not_words", None),
    ("", "empty", None),
]


@pytest.mark.parametrize(("role", "problem", "shown"), ROLES)
def test_junk_roles(role: str, problem: str | None, shown: str | None) -> None:
    assert role_problem(role) == problem
    assert usable_role(role) == shown


def test_every_junk_rule_has_a_case() -> None:
    covered = {problem for _, problem, _ in ROLES if problem}
    assert {rule.name for rule in ROLE_JUNK_RULES} == covered


# (asked phrase, recorded role, same office)
OFFICES = [
    ("the harbour secretary", "Harbour Secretary", True),
    ("the harbour secretary", "Shadow harbour secretary", False),
    ("the shadow harbour secretary", "Shadow harbour secretary", True),
    ("the mayor", "Former mayor", False),
    ("the former mayor", "Former mayor", True),
]


@pytest.mark.parametrize(("phrase", "role", "same"), OFFICES)
def test_a_shadow_or_former_office_is_another_office(phrase: str, role: str, same: bool) -> None:
    assert same_office(phrase, role) is same


# (asked role phrase, the phrases looked up, in order)
VARIANTS = [
    ("the harbour secretary", ["the harbour secretary"]),
    ("the new Lowtown manager", ["the Lowtown manager", "the Lowtown boss", "the Lowtown coach"]),
    (
        "the council spokesman",
        ["the council spokesman", "the council spokeswoman", "the council spokesperson"],
    ),
    ("the Russian defence minister", ["the Russian defence minister", "the defence minister"]),
    ("the Russian", ["the Russian"]),  # a nationality alone is no office
    (
        "the alliance chief",
        [
            "the alliance chief",
            "the alliance head",
            "the alliance boss",
            "the alliance leader",
            "the alliance chairman",
            "the alliance chair",
            "the alliance director",
            "the alliance general",
        ],
    ),
]


@pytest.mark.parametrize(("phrase", "variants"), VARIANTS)
def test_role_phrase_variants(phrase: str, variants: list[str]) -> None:
    assert role_phrase_variants(phrase) == variants


def test_match_speaker_by_full_name_surname_spelling_variant_and_role() -> None:
    known = ["Sergei Lavrov", "Dmitry Peskov"]
    assert match_speaker("What did Sergei Lavrov say about the OSCE?", known) == ["Sergei Lavrov"]
    assert match_speaker("What was Lavrov's view on NATO?", known) == ["Sergei Lavrov"]
    assert match_speaker("what did lavrof say", known) == ["Sergei Lavrov"]
    roles = {"Dmitry Peskov": "Kremlin spokesman"}
    assert match_speaker("How did the Kremlin spokesman describe it?", known, roles) == [
        "Dmitry Peskov"
    ]
    assert match_speaker("What did Biden say?", known) == []


@pytest.mark.parametrize(
    ("asked", "matched"),
    [
        ("Halloway", ["Ana Halloway"]),  # the surname itself
        ("Haloway", ["Ana Halloway"]),  # one letter missing
        ("Ana Hallowey", ["Ana Halloway"]),  # one letter wrong
        ("Pearsons", ["Ivo Pearson"]),  # one letter added
        ("Parsons", []),  # another surname: two edits in seven letters
        ("Hollowson", []),
    ],
)
def test_close_spelling_allows_a_typo_not_another_surname(asked: str, matched: list) -> None:
    known = [NameForm("Ana Halloway", "Ana Halloway"), NameForm("Ivo Pearson", "Ivo Pearson")]
    assert [m.name for m in match_name(asked, known)] == matched
