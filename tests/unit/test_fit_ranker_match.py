"""Thresholds of refitted trees matched to the kept weights' declines (`fit_ranker
--match-declines`): made-up probabilities and questions."""

from __future__ import annotations

import numpy as np
import pytest

from app.evidence.features import QUESTION_FEATURES
from evals.fit_ranker import (
    MATCH_MARGIN,
    MATCH_STEP,
    Unanswerable,
    answerable_probabilities,
    fit_family,
    matched_declines,
    matched_threshold,
    unanswerable_groups,
)
from tests.helpers import made_up_questions

# Each case: the groups (kept declines, refitted probabilities) and the threshold they need
# (the lowest that declines as many, plus the margin).
MATCHED_THRESHOLD_CASES = [
    pytest.param(
        [Unanswerable(2, (0.3, 0.1, 0.5))], 0.3 + MATCH_STEP + MATCH_MARGIN, id="the-second-lowest"
    ),
    pytest.param([Unanswerable(0, (0.3, 0.1))], 0.0, id="nothing-declined-nothing-needed"),
    pytest.param([], 0.0, id="no-set"),
    pytest.param(
        [Unanswerable(1, (0.2, 0.6)), Unanswerable(2, (0.05, 0.4))],
        0.4 + MATCH_STEP + MATCH_MARGIN,
        id="the-strictest-set-decides",
    ),
    pytest.param(
        [Unanswerable(3, (0.2,))], 0.2 + MATCH_STEP + MATCH_MARGIN, id="more-kept-than-questions"
    ),
]


@pytest.mark.parametrize(("groups", "expected"), MATCHED_THRESHOLD_CASES)
def test_matched_threshold_is_the_lowest_that_declines_as_many(groups, expected) -> None:
    threshold = matched_threshold(groups)
    assert threshold == pytest.approx(expected)
    for group in groups:
        declined = sum(p < threshold for p in group.probabilities)
        assert declined >= min(group.kept_declined, len(group.probabilities))
    below = threshold - MATCH_MARGIN - 2 * MATCH_STEP  # any lower threshold misses one set
    if threshold:
        assert any(
            sum(p < below for p in g.probabilities) < min(g.kept_declined, len(g.probabilities))
            for g in groups
        )


def _kept_and_refit(questions):
    """A model fitted on the questions, and the same trees under a squeezed Platt scale: the
    refit's probabilities move as a refit's do, so the kept thresholds read them wrongly."""
    kept, _ = fit_family("speaker", questions)
    units = {**kept["units"], "scale": kept["units"]["scale"] * 0.3}
    return kept, {**kept, "units": units}


def test_matched_declines_declines_as_many_unanswerable_questions_per_set() -> None:
    rng = np.random.default_rng(3)
    short = made_up_questions(rng, 120, "speaker", 8, 2)
    long = made_up_questions(rng, 120, "speaker", 8, 5)
    kept, refit = _kept_and_refit(short + long)
    matched = matched_declines([short, long], kept, refit)
    for questions in (short, long):
        for before, after in zip(
            unanswerable_groups(questions, kept, kept),
            unanswerable_groups(questions, kept, matched),
            strict=True,
        ):
            assert after.kept_declined == before.kept_declined
            cut = matched["long_threshold"] if questions is long else matched["threshold"]
            assert sum(p < cut for p in after.probabilities) >= before.kept_declined
    assert matched["units"] is refit["units"] and matched["answerable"] == refit["answerable"]


def test_a_kept_model_that_declines_nothing_needs_no_threshold() -> None:
    questions = made_up_questions(np.random.default_rng(4), 80, "speaker", 8, 2)
    kept, refit = _kept_and_refit(questions)
    nothing = {**kept, "threshold": 0.0, "long_threshold": 0.0}
    matched = matched_declines([questions], nothing, refit)
    assert matched["threshold"] == 0.0 == matched["long_threshold"]


def test_answerable_probabilities_read_the_model_s_own_trees() -> None:
    questions = made_up_questions(np.random.default_rng(5), 40, "speaker", 8, 2)
    kept, refit = _kept_and_refit(questions)
    assert len(answerable_probabilities(questions, kept)) == 40
    assert answerable_probabilities(questions, kept) != answerable_probabilities(questions, refit)
    flat = {**kept, "answerable": {"coef": [0.0] * len(QUESTION_FEATURES), "intercept": 0.0}}
    assert answerable_probabilities(questions, flat) == [0.5] * 40
