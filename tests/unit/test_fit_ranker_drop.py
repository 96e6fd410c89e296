"""`evals.fit_ranker.without` (`--drop`): the named columns read zero, every other is kept,
and the question it came from is not changed."""

from __future__ import annotations

import numpy as np

from app.evidence.features import FEATURES
from evals.fit_ranker import Question, without


def test_dropped_features_read_zero_and_the_rest_stay() -> None:
    features = np.arange(2 * len(FEATURES), dtype=float).reshape(2, len(FEATURES)) + 1.0
    question = Question("speaker", True, features, np.array([1, 0]), 0.0, 2)
    dropped = without(question, ["intro_gain", "unit_cover"])
    gone = [FEATURES.index("intro_gain"), FEATURES.index("unit_cover")]
    assert not dropped.features[:, gone].any()
    kept = [i for i in range(len(FEATURES)) if i not in gone]
    assert np.array_equal(dropped.features[:, kept], features[:, kept])
    assert question.features.all()  # the original keeps its values
    assert without(question, []) is question
