"""The kinds of number a question asks for: a table of cases."""

from __future__ import annotations

import pytest

from app.quantities import QUANTITY_KINDS, quantity_asked

# (question, kind asked): the first kind in table order whose question form matches.
ASKED = [
    ("Which year did the ferry company float?", "year"),
    ("When was the pier built, in what year?", "year"),
    ("What percentage of the vote did Ann Vell win?", "percent"),
    ("How much of the budget goes to the harbour?", "percent"),
    ("What unemployment rate does the report give for Lowtown?", "percent"),
    # the source may come first; a figure may be asked as what it "is"
    ("According to the ministry, how many people were evacuated?", "count"),
    ("What was the figure for ferry exports in the report?", "count"),
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


def test_every_kind_has_cases() -> None:
    assert {k.name for k in QUANTITY_KINDS} <= {kind for _, kind in ASKED}
