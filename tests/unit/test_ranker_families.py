"""Tree settings per question family, new trees under a kept answerability model, and dev
halved by article several ways (`evals.ranker_folds --splits`): made-up numbers."""

from __future__ import annotations

import numpy as np
import pytest

from app.evidence.features import QUESTION_FEATURES
from evals import fit_ranker, ranker_folds
from evals.fit_ranker import (
    TREE_PARAMS,
    Question,
    fit_family,
    fit_units,
    rank_questions,
    tree_params,
)
from evals.ranker_folds import _folds, _train, article_fold, print_models, set_param
from tests.helpers import made_up_questions


def _questions(n: int, seed: int = 0) -> list[Question]:
    """Made-up speaker questions of eight candidates (`tests.helpers.made_up_questions`)."""
    return made_up_questions(np.random.default_rng(seed), n, "speaker", 8, 2)


def test_speaker_trees_are_randomised_and_coarse_and_the_others_keep_the_shared_settings():
    assert tree_params("speaker")["extra_trees"] is True
    assert tree_params("speaker")["min_child_samples"] == 100
    assert tree_params("who_said") == TREE_PARAMS == tree_params("general") == tree_params(None)
    assert TREE_PARAMS["extra_trees"] is False  # the override does not leak into the shared


def test_speaker_trees_differ_from_the_shared_settings_and_still_find_the_evidence() -> None:
    questions = _questions(240)
    speaker, shared = fit_units(questions, "speaker"), fit_units(questions, "general")
    assert speaker.stored["trees"] != shared.stored["trees"]
    assert shared.stored == fit_units(questions).stored  # no family: the shared settings
    assert all(r.top_hit for r in rank_questions(questions, speaker.model) if r.answerable)


def test_refit_units_fits_new_trees_under_the_kept_answerability_model() -> None:
    questions = _questions(160)
    fresh, _ = fit_family("general", questions)
    other = {
        **fresh,
        "units": {**fresh["units"], "scale": 0.0},  # marks the kept trees
        "answerable": {"coef": [0.0] * len(QUESTION_FEATURES), "intercept": 1.0},
        "threshold": 0.3,
    }
    kept, _ = fit_family("general", questions, other, keep_answerable=True)
    assert kept["units"] is other["units"]
    refit, _ = fit_family("general", questions, other, keep_answerable=True, refit_units=True)
    assert refit["units"] == fresh["units"]  # fitted again, as a fresh fit would
    assert refit["answerable"] == other["answerable"] and refit["threshold"] == 0.3


def test_a_param_can_name_one_family_and_a_shared_one_replaces_the_overrides(monkeypatch):
    monkeypatch.setattr(fit_ranker, "TREE_PARAMS", dict(TREE_PARAMS))
    monkeypatch.setattr(ranker_folds, "TREE_PARAMS", fit_ranker.TREE_PARAMS)
    overrides = {"speaker": {"extra_trees": True, "min_child_samples": 200}}
    monkeypatch.setattr(fit_ranker, "FAMILY_TREE_PARAMS", overrides)
    monkeypatch.setattr(ranker_folds, "FAMILY_TREE_PARAMS", overrides)
    assert set_param("speaker:extra_trees=0") is None
    assert fit_ranker.tree_params("speaker")["extra_trees"] is False
    assert set_param("who_said:num_leaves=15") is None
    assert fit_ranker.tree_params("who_said")["num_leaves"] == 15
    assert fit_ranker.tree_params("general")["num_leaves"] == TREE_PARAMS["num_leaves"]
    assert set_param("min_child_samples=80") is None
    assert fit_ranker.tree_params("speaker")["min_child_samples"] == 80  # for every family
    assert set_param("nobody:num_leaves=3") and set_param("leaves=3")  # refused, with a reason


def test_each_halving_keeps_an_article_on_one_side_and_trains_on_its_own_other_half() -> None:
    rows = [{"id": f"q{i}", "gold_docs": [f"article-{i % 40}"]} for i in range(200)]
    for split in range(3):
        folds = {r["gold_docs"][0]: article_fold(r, split) for r in rows}
        assert all(article_fold(r, split) == folds[r["gold_docs"][0]] for r in rows)
        assert set(folds.values()) == {0, 1}
    halvings = [[article_fold(r, split) for r in rows[:40]] for split in range(3)]
    assert halvings[0] != halvings[1] != halvings[2]  # three different ways
    assert all(article_fold(r) == article_fold(r, 0) for r in rows)  # the earlier tables' own
    questions = _questions(6)
    group = [(q, 2 * s + (n % 2)) for s in range(3) for n, q in enumerate(questions)]
    assert _folds(group) == [0, 1, 2, 3, 4, 5]
    assert _train(group, 3) == [q for n, q in enumerate(questions) if n % 2 == 0]


def test_the_model_table_pools_every_halving(capsys) -> None:
    questions = _questions(80)
    group = [(q, 2 * s + (n % 2)) for s in range(2) for n, q in enumerate(questions)]
    print_models({"general": group})
    row = capsys.readouterr().out.splitlines()[2].strip(" |").split(" | ")
    assert int(row[1]) == 2 * sum(q.answerable for q in questions)  # once per halving
    assert float(row[3]) == pytest.approx(1.0)  # the trees find the planted evidence


def test_a_family_direction_holds_its_trees_and_no_other_family(monkeypatch) -> None:
    """Made-up questions where another person's words hold the evidence: free trees learn to
    prefer them; trees held to `speaker_other` -1 can never score a unit higher for it."""
    from app.evidence.features import FEATURES

    monkeypatch.setattr(fit_ranker, "FAMILY_MONOTONE", {"speaker": {"speaker_other": -1}})
    other = FEATURES.index("speaker_other")
    questions = _questions(240)
    for q in questions:
        q.features[:, other] = 0.0
        q.features[2, other] = 1.0  # the evidence unit is always someone else's
    rows = np.concatenate([q.features for q in questions])
    flipped = rows.copy()
    flipped[:, other] = 1.0 - flipped[:, other]
    rises = flipped[:, other] > rows[:, other]

    def gain(family: str) -> np.ndarray:
        model = fit_units(questions, family).model
        return np.where(rises, 1, -1) * (model.scores(flipped) - model.scores(rows))

    assert gain("speaker").max() <= 1e-9  # never up with speaker_other
    assert gain("general").max() > 0.0  # the general family keeps the feature free
    assert fit_ranker.monotone_constraints("general")[other] == 0
    assert fit_ranker.monotone_constraints("speaker")[other] == -1


def test_a_direction_can_name_one_family_or_every_one(monkeypatch) -> None:
    from app.evidence.features import FEATURES

    monkeypatch.setattr(ranker_folds, "FAMILY_MONOTONE", {})
    monkeypatch.setattr(fit_ranker, "FAMILY_MONOTONE", ranker_folds.FAMILY_MONOTONE)
    assert ranker_folds.set_monotone("speaker:speaker_other=-1") is None
    assert ranker_folds.set_monotone("kind_direct=+1") is None
    at = FEATURES.index
    speaker, general = (fit_ranker.monotone_constraints(f) for f in ("speaker", "general"))
    assert speaker[at("speaker_other")] == -1 and general[at("speaker_other")] == 0
    assert speaker[at("kind_direct")] == 1 == general[at("kind_direct")]
    assert ranker_folds.set_monotone("unit_dense=0") is None  # frees one of MONOTONE
    assert fit_ranker.monotone_constraints("general")[at("unit_dense")] == 0
    assert fit_ranker.monotone_constraints("general")[at("chunk_dense")] == 1
    assert ranker_folds.set_monotone("nobody:unit_dense=1")  # refused, with a reason
    assert ranker_folds.set_monotone("unit_dense=2") and ranker_folds.set_monotone("dense=1")
