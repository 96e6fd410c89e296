"""`evals.fit_ranker.extend_units` (`--extend-units`): the kept trees stay, in order, and the
trees added on top learn what the kept ones do not read; `joined_trees` scores as the sum of
its two parts, whatever their widths."""

from __future__ import annotations

import numpy as np

from app.evidence.features import FEATURES
from app.ranker import TreeModel
from evals.fit_ranker import EXTEND_TREES, PASSED, Question, extend_units, joined_trees

COVER = FEATURES.index("unit_cover")
RANK = FEATURES.index("chunk_rank")


def _stump(feature: int, threshold: float, left: float, right: float) -> dict[str, list]:
    """One tree of one split: `left` at or below the threshold, `right` above."""
    return {"feature": [[feature]], "threshold": [[threshold]], "left_leaves": [[1]],
            "value": [[left, right]]}  # fmt: skip


def _scores(trees: dict[str, list], x: np.ndarray) -> np.ndarray:
    return TreeModel.from_json({"trees": trees, "scale": 1.0, "intercept": 0.0}).scores(x)


def test_joined_trees_score_the_sum_of_their_parts() -> None:
    first = _stump(COVER, 0.5, -1.0, 2.0)
    wide = {  # two splits and three leaves: rank first, then cover on its left branch
        "feature": [[RANK, COVER]],
        "threshold": [[0.3, 0.2]],
        "left_leaves": [[0b011, 0b001]],
        "value": [[0.5, 1.5, 4.0]],
    }
    joined = joined_trees(first, wide)
    assert joined["threshold"][0] == [0.5, PASSED]  # the narrow tree padded to two splits
    x = np.zeros((4, len(FEATURES)))
    x[:, COVER] = [0.1, 0.3, 0.9, 0.1]
    x[:, RANK] = [0.1, 0.1, 0.1, 0.9]
    assert np.allclose(_scores(joined, x), _scores(first, x) + _scores(wide, x))
    assert np.allclose(_scores(joined, x), [-0.5, 0.5, 3.5, 3.0])


def _questions(n: int) -> list[Question]:
    """Questions whose evidence unit (index 2) alone has a high `chunk_rank`, while the kept
    tree reads only `unit_cover`, which is noise here."""
    rng = np.random.default_rng(3)
    found = []
    for _ in range(n):
        x = rng.uniform(0.0, 1.0, size=(5, len(FEATURES)))
        x[:, RANK] = rng.uniform(0.0, 0.3, size=5)
        x[2, RANK] = 0.9
        labels = np.zeros(5, dtype=int)
        labels[2] = 1
        found.append(Question("speaker", True, x, labels, 0.0, 2))
    return found


def test_extended_trees_keep_the_kept_ones_and_learn_what_moved() -> None:
    kept = {"trees": _stump(COVER, 0.5, 0.0, 1.0), "scale": 1.0, "intercept": 0.0}
    questions = _questions(300)
    fitted = extend_units(questions, kept, "speaker")
    trees = fitted.stored["trees"]
    assert len(trees["feature"]) == 1 + EXTEND_TREES
    assert trees["feature"][0][0] == COVER and trees["value"][0][:2] == [0.0, 1.0]
    model = TreeModel.from_json(fitted.stored)
    tops = [int(np.argmax(model.probabilities(q.features))) for q in questions]
    kept_tops = [int(np.argmax(_scores(kept["trees"], q.features))) for q in questions]
    assert np.mean([t == 2 for t in tops]) > 0.8
    assert np.mean([t == 2 for t in kept_tops]) < 0.5
    assert fitted.gain[RANK] > 0.0
