"""`evals.fit_ranker.fit_share_weights`: the fit pool weighted so a corpus without a fit set
keeps its dev-alone share of the trees' weight (rank18b: held-out who-said BBC no longer falls
when the pool joins), and a weighted fit really changes the trees."""

from __future__ import annotations

import numpy as np

from app.evidence.features import FEATURES
from evals.fit_ranker import Question, fit_share_weights, fit_units

COVER = FEATURES.index("unit_cover")


def _questions(n: int, seed: int, family: str = "who_said") -> list[Question]:
    rng = np.random.default_rng(seed)
    found = []
    for _ in range(n):
        x = rng.uniform(0.0, 1.0, size=(6, len(FEATURES)))
        labels = np.zeros(6, dtype=int)
        labels[int(np.argmax(x[:, COVER]))] = 1
        found.append(Question(family, True, x, labels, 0.0, 2))
    return found


def test_a_corpus_without_fit_keeps_its_dev_share() -> None:
    sets = [
        ("bbc-dev", _questions(40, 1)),
        ("press-dev", _questions(10, 2) + _questions(3, 9, "general")),
        ("polnear-dev", _questions(10, 3)),
        ("press-fit", _questions(30, 4)),
        ("polnear-fit", _questions(50, 5)),
    ]
    weighted = fit_share_weights(sets, "who_said")
    assert len(weighted) == 140 and {q.family for q in weighted} == {"who_said"}
    bbc = sum(q.weight for q in weighted[:40])
    total = sum(q.weight for q in weighted)
    assert np.isclose(bbc / total, 40 / 60)  # as on dev alone: 40 of 60
    assert {q.weight for q in weighted[40:]} == {20 / 100}
    assert {q.weight for q in weighted[:40]} == {1.0}


def test_without_a_fit_set_nothing_is_weighted() -> None:
    sets = [("bbc-dev", _questions(5, 1)), ("press-dev", _questions(5, 2))]
    assert {q.weight for q in fit_share_weights(sets, "who_said")} == {1.0}


def test_the_weights_reach_the_trees() -> None:
    questions = _questions(60, 6)
    same = fit_units(questions, "who_said").stored
    light = [
        q if i % 2 else Question(q.family, True, q.features, q.labels, 0.0, 2, weight=0.05)
        for i, q in enumerate(questions)
    ]
    assert fit_units(questions, "who_said").stored == same  # unweighted: deterministic
    assert fit_units(light, "who_said").stored != same
