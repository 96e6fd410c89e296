"""A question for a number answered by its best unit below the ranker's threshold
(`app.answer.declines.figure_held`): the unit writes a number of the kind asked and its
passage holds every word of what is measured, on made-up passages."""

from __future__ import annotations

import pytest

from app.answer.declines import FIGURE_TERMS, figure_held
from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from app.quantities import quantity_asked
from app.question import Intent
from app.question_parse.parse import parse_question
from ingest.terms import Lexicon
from ingest.types import Chunk

TERMS = Lexicon().terms
TITLE = "Harbour report"
PASSAGE = (
    "Tolls at the Westland quay rose by 12% in 2023, Ola Tamm said. "
    "The ferry carried 40,000 people."
)


def _best(sentence: str) -> Candidate:
    chunk = Chunk("a:0", "a", 0, PASSAGE, 0, len(PASSAGE), 1, 1, title=TITLE)
    start = PASSAGE.index(sentence)
    unit = Unit(chunk, start, start + len(sentence), "sentence")
    return Candidate(unit, tuple(0.0 for _ in FEATURES), 0.5)


TOLLS = "Tolls at the Westland quay rose by 12% in 2023, Ola Tamm said."
FERRY = "The ferry carried 40,000 people."
# (question, best unit, does it answer the question though the ranker declines)
CASES = [
    ("What percentage is given for the tolls in the report on the harbour?", TOLLS, True),
    ("Which year is given for the tolls in the report on Westland?", TOLLS, True),
    ("How many people are mentioned for the ferry?", FERRY, True),  # any digit: a count
    ("What percentage is given for the ferry in the report on the harbour?", FERRY, False),  # no %
    ("Which year is given for the tolls in the report on Lowtown?", TOLLS, False),  # "Lowtown"
    ("How many tolls are mentioned?", TOLLS, False),  # one word measured: in anything
    ("What did Ola Tamm say about the tolls at the Westland quay?", TOLLS, False),  # no number
]


@pytest.mark.parametrize(("question", "sentence", "held"), CASES)
def test_a_unit_with_the_number_and_every_word_asked_answers(question, sentence, held) -> None:
    assert FIGURE_TERMS == 2
    intent = Intent(
        "general",
        question,
        quantity=quantity_asked(question),
        measured=parse_question(question).measured,
    )
    assert figure_held(question, intent, _best(sentence), TERMS) is held
