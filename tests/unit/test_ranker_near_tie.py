"""A speaker question's near tie between the trees' best unit and another article's is broken
by the passage the passage search puts closer to the question, its cosine and its hybrid rank
together (`app.ranker.closest_passage_first`); beyond the share, and within the best unit's
own article, the trees' order stands (issue 16; made-up scores and articles)."""

from __future__ import annotations

import pytest

from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from app.ranker import NEAR_TIE, closest_passage_first
from ingest.types import Chunk

TEXT = "Tom Reed said the ferry fares would rise."


def _candidate(score: float, passage: float, rank: float = 0.0, article: str = "") -> Candidate:
    """A unit of `article` (its own made-up article when none is given)."""
    article = article or f"a{score}-{passage}-{rank}"
    chunk = Chunk(f"{article}:0", article, 0, TEXT, 0, len(TEXT), 1, 1, title="Made-up")
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("chunk_dense")] = passage
    features[FEATURES.index("chunk_rank")] = rank
    return Candidate(Unit(chunk, 0, len(TEXT), "sentence"), tuple(features), score)


# (units best first as (probability, the passage's cosine to the question[, its hybrid rank
# feature[, its article]]), the index that leads)
CASES = [
    ([(0.50, 0.30), (0.48, 0.45)], 1),  # near tie: the other article's closer passage leads
    ([(0.50, 0.30), (0.50 * NEAR_TIE - 0.01, 0.60)], 0),  # too far below: order stands
    ([(0.50, 0.45), (0.49, 0.30)], 0),  # the best is the closest already
    ([(0.50, 0.30), (0.49, 0.30)], 0),  # equal passages: the trees' order stands
    ([(0.50, 0.30), (0.48, 0.40), (0.46, 0.50)], 2),  # the closest within the share
    ([(0.50, 0.30), (0.48, 0.40), (0.20, 0.90)], 1),  # ... never one far below it
    ([(0.50, 0.30)], 0),  # one unit
    ([(0.50, 0.40, 0.0), (0.48, 0.30, 0.5)], 1),  # the search's first passage, less close
    ([(0.50, 0.40, 0.5), (0.48, 0.50, 0.2)], 0),  # both views together, not the cosine alone
    ([(0.50, 0.30, 0.0, "x"), (0.48, 0.45, 0.0, "x")], 0),  # the best's own article: order stands
    ([(0.50, 0.30, 0.0, "x"), (0.49, 0.60, 0.0, "x"), (0.48, 0.45)], 2),  # ... another's may lead
]


@pytest.mark.parametrize(("units", "lead"), CASES)
def test_near_ties_are_broken_by_the_closer_passage(units: list[tuple], lead: int) -> None:
    ranked = [_candidate(*unit) for unit in units]
    result = closest_passage_first(ranked, NEAR_TIE)
    assert result[0] is ranked[lead]
    assert [c for c in result if c is not ranked[lead]] == [  # the rest keep their order
        c for c in ranked if c is not ranked[lead]
    ]


def test_nothing_ranked_is_nothing_reordered() -> None:
    assert closest_passage_first([], NEAR_TIE) == []
