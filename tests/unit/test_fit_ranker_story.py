"""The follow-up feature (`previous_article`) is never fitted into the unit trees, and the fold
tool judges the prior the app applies (`app.reorder.story_first`), on made-up questions."""

from __future__ import annotations

import numpy as np

from app.evidence.features import FEATURES, STORY_FEATURES
from evals.fit_ranker import Question, fit_units
from evals.ranker_folds import story_top_hit

STORY = FEATURES.index("previous_article")
COVER = FEATURES.index("unit_cover")


def _story_questions(n: int) -> list[Question]:
    """Questions whose evidence unit (index 3) is the only one in the previous answer's
    article: a tree free to read `previous_article` would need nothing else."""
    rng = np.random.default_rng(5)
    found = []
    for _ in range(n):
        x = rng.uniform(0.0, 0.4, size=(6, len(FEATURES)))
        x[:, STORY] = 0.0
        x[3, STORY] = 1.0
        labels = np.zeros(6, dtype=int)
        labels[3] = 1
        found.append(Question("speaker", True, x, labels, 0.0, 2))
    return found


def test_the_trees_never_split_on_the_story_feature() -> None:
    assert "previous_article" in STORY_FEATURES
    fitted = fit_units(_story_questions(300), "general")
    assert STORY not in set(np.asarray(fitted.stored["trees"]["feature"]).ravel().tolist())
    assert fitted.gain[STORY] == 0.0


def test_the_fold_tool_scores_the_lead_the_app_would_cite() -> None:
    x = np.zeros((3, len(FEATURES)))
    x[2, STORY] = 1.0
    question = Question("speaker", True, x, np.asarray([1, 0, 0]), 0.0, 2)
    p = np.asarray([0.50, 0.30, 0.45])  # the story's unit at 0.9 of the best
    assert story_top_hit(question, p, 1.01)  # no prior: the best unit, which holds it
    assert story_top_hit(question, p, 0.95)  # 0.45 is under 0.95 of 0.50: order stands
    assert not story_top_hit(question, p, 0.8)  # the story's unit leads, and misses
