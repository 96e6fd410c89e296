"""Name shapes as tables of cases: a name keeps its particles, an owner's name drops its `'s`,
a pronoun's `'s` is a contraction. Pure functions, no spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.nameshapes import name_with_particles, uncontracted, without_possessive

# (phrase, NER's person span, the name)
PARTICLES = [
    ("Commission President Greta von der Holm", (21, 31), "Greta von der Holm"),  # cut at `von`
    ("Greta von der", (0, 13), "Greta"),  # a particle ends no name
    ("Greta von der Holm", (0, 5), "Greta von der Holm"),  # cut before the particles
    ("Crown Prince Khalid bin Rashed", (13, 23), "Khalid bin Rashed"),
    ("Tom Vell of the Harbour Board", (0, 8), "Tom Vell"),  # `of` is no particle
    ("Anna de Wit", (0, 11), "Anna de Wit"),  # whole already
    # a weekday surname NER cut off as a date, after a role word
    ("England sevens coach Ivo Friday", (21, 24), "Ivo Friday"),
    ("coach Ivo Friday.", (6, 9), "Ivo Friday"),
    ("Reed Monday", (0, 5), "Reed"),  # a US-style date after a bare surname
    ("coach Ivo on Friday", (6, 9), "Ivo"),  # a date with `on`
    ("coach Ivo Vell Friday", (6, 14), "Ivo Vell"),  # a full name: a date after it
]


@pytest.mark.parametrize(("phrase", "span", "name"), PARTICLES)
def test_a_name_keeps_its_particles(phrase: str, span: tuple[int, int], name: str) -> None:
    assert name_with_particles(phrase, *span) == name


@pytest.mark.parametrize(
    ("name", "owner"),
    [
        ("Owen Pryce's", "Owen Pryce"),
        ("Owen Pryce’s", "Owen Pryce"),
        ("Ana Gillis'", "Ana Gillis"),
        ("Owen Pryce", "Owen Pryce"),
    ],
)
def test_an_owner_is_named_without_the_possessive(name: str, owner: str) -> None:
    assert without_possessive(name) == owner


@pytest.mark.parametrize(
    ("phrase", "pronoun"),
    [("he's", "he"), ("she’s", "she"), ("it's", "it"), ("he", "he"), ("vell's", "vell's")],
)
def test_a_pronoun_with_s_is_a_contraction(phrase: str, pronoun: str) -> None:
    assert uncontracted(phrase) == pronoun
