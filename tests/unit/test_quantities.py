"""The kinds of number a question asks for, and the passages that state them: a table each."""

from __future__ import annotations

import pytest

from app.quantities import QUANTITY_KINDS, quantity_asked, states_quantity

# (question, kind asked): the first kind in table order whose question form matches.
ASKED = [
    ("Which year did the ferry company float?", "year"),
    ("When was the pier built, in what year?", "year"),
    ("What percentage of the vote did Ann Vell win?", "percent"),
    ("How much of the budget goes to the harbour?", "percent"),
    ("How much money did the council lose?", "money"),
    ("How much did Lowtown Rovers pay for the striker?", "money"),
    ("What price did the ferry tickets reach?", "money"),
    ("How old is the harbour master?", "age"),
    ("How long did the phone call last?", "duration"),
    ("When did the strike start?", "date"),
    ("Until when does his contract run?", "date"),
    ("And how many jobs will go?", "count"),
    ("What figure does the report give for exports?", "count"),
    ("What did Ann Vell say about the pier?", None),
    ("Who said the pier was unsafe?", None),
]


@pytest.mark.parametrize(("question", "kind"), ASKED)
def test_the_kind_a_question_asks_for(question: str, kind: str | None) -> None:
    assert quantity_asked(question) == kind


# (kind, text, states it)
STATED = [
    ("year", "The firm, which floated in 2003, recently bought a rival.", True),
    ("year", "The £13.8m deal gives it access to the market.", False),
    ("percent", "Shares were up 19.6% at $17.04.", True),
    ("percent", "Sales rose by 3 per cent.", True),
    ("percent", "Sales rose by $3m.", False),
    ("money", "It posted a $676m (£352m) loss.", True),
    ("money", "Debts of 14bn euros were revealed.", True),
    ("money", "Debts rose for 14 months.", False),
    ("age", "The 41-year-old singer retired.", True),
    ("age", "He retired after 41 years.", False),
    ("duration", "It lasted for just over an hour.", True),
    ("duration", "The talks took 53 minutes.", True),
    ("duration", "The talks were held in 2004.", False),
    ("date", "The talks began on Tuesday.", True),
    ("date", "The talks began in March.", True),
    ("date", "The talks began in the port.", False),
    ("count", "About 1,600 officers were freed.", True),
    ("count", "Dozens of officers were freed.", True),
    ("count", "Officers were freed.", False),
]


@pytest.mark.parametrize(("kind", "text", "stated"), STATED)
def test_a_text_states_a_quantity_of_that_kind(kind: str, text: str, stated: bool) -> None:
    assert states_quantity(kind, text) is stated


def test_every_kind_has_cases() -> None:
    asked = {kind for _, kind in ASKED}
    stated = {kind for kind, _, _ in STATED}
    assert {k.name for k in QUANTITY_KINDS} <= asked & stated
