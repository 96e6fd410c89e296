"""Whether a who-said answer's best unit says what was asked (`app.said_it.says_it`), on
made-up feature values."""

from __future__ import annotations

import pytest

from app.evidence import FEATURES, Candidate, Unit
from app.said_it import SAID_IT, says_it
from ingest.types import Chunk


def _best(cover: float, unit: float, sentence: float) -> Candidate:
    chunk = Chunk("a:0", "a", 0, "x", 0, 1, 1, 1, title="Made-up")
    values = dict.fromkeys(FEATURES, 0.0) | {
        "lead_cover": cover,
        "unit_dense": unit,
        "sentence_dense": sentence,
    }
    unit_ = Unit(chunk, 0, 1, "direct", "Mara Quell", None, True, None)
    return Candidate(unit_, tuple(values[f] for f in FEATURES), 0.5)


# (lead_cover, unit_dense, sentence_dense, does the unit say what was asked)
SAYS_IT_CASES = [
    (0.6, 0.10, 0.10, True),  # the question's words, as generated questions copy them
    (0.1, 0.45, 0.20, True),  # a paraphrase: few shared words, close in meaning
    (0.1, 0.20, 0.45, True),  # ... close in its sentence's meaning
    (0.3, 0.25, 0.20, False),  # near neither: a statement nobody made
    (0.49, 0.29, 0.29, False),
]


@pytest.mark.parametrize(("cover", "unit", "sentence", "says"), SAYS_IT_CASES)
def test_a_who_said_unit_says_it_by_words_or_meaning(cover, unit, sentence, says) -> None:
    assert says_it(_best(cover, unit, sentence), SAID_IT) is says
