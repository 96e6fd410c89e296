"""The learned ranker's pieces on made-up numbers: the models, loading, ranking order, the
question-level features, and the fitting steps (threshold, reliability, both fits)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import lightgbm
import numpy as np
import pytest

from app.evidence.covers import pair_cover, term_pairs
from app.evidence.features import (
    FEATURES,
    QUESTION_FEATURES,
    STORY_FEATURES,
    Candidate,
    question_features,
)
from app.evidence.units import Unit
from app.ranker import (
    FAMILIES,
    LONG_TOPIC_TERMS,
    RUNNER_UP,
    WEIGHTS_PATH,
    EvidenceRanker,
    FamilyModel,
    LinearModel,
    TreeModel,
)
from evals.fit_ranker import (
    TREE_PARAMS,
    Question,
    Row,
    choose_threshold,
    choose_thresholds,
    fit_answerable,
    fit_family,
    fit_units,
    rank_questions,
    reliability,
    tree_arrays,
)
from ingest.types import Chunk
from tests.helpers import made_up_questions

COL = {name: n for n, name in enumerate(FEATURES)}


def features(**values: float) -> tuple[float, ...]:
    return tuple(values.get(name, 0.0) for name in FEATURES)


def chunk(article_id: str = "a1") -> Chunk:
    text = "The mayor said the bridge will reopen. Traffic was light."
    return Chunk(
        id=f"{article_id}#0",
        article_id=article_id,
        index=0,
        text=text,
        start=0,
        end=len(text),
        title="Bridge",
        source="Post",
        published=None,
        url=None,
        paragraph_start=1,
        paragraph_end=1,
    )


def one_split(name: str, threshold: float, low: float, high: float) -> TreeModel:
    """One tree: `low` when feature `name` is at or below `threshold`, else `high`."""
    return TreeModel.from_json(
        {
            "trees": {
                "feature": [[COL[name]]],
                "threshold": [[threshold]],
                "left_leaves": [[0b01]],
                "value": [[low, high]],
            },
            "scale": 1.0,
            "intercept": 0.0,
        }
    )


def family(units: TreeModel) -> FamilyModel:
    """A family that ranks with `units` and never declines."""
    return FamilyModel(units, LinearModel((0.0,) * len(QUESTION_FEATURES), 0.0), 0.0, 0.0)


def candidate(start: int, score: float = 0.0, article_id: str = "a1", **values: float) -> Candidate:
    return Candidate(
        Unit(chunk(article_id), start, start + 5, "sentence"), features(**values), score
    )


@pytest.mark.parametrize(
    ("coef", "intercept", "x", "expected"),
    [
        ((0.0, 0.0), 0.0, (1.0, 1.0), 0.5),
        ((1.0, 0.0), 0.0, (2.0, 5.0), 1 / (1 + math.exp(-2))),
        ((1.0, -1.0), 1.0, (0.0, 1.0), 0.5),
        ((100.0,), 0.0, (1.0,), 1 / (1 + math.exp(-30))),  # clamped, never overflows
    ],
)
def test_linear_model_is_a_logistic_of_the_weighted_sum(coef, intercept, x, expected) -> None:
    assert LinearModel(coef, intercept).probability(x) == pytest.approx(expected)


def test_the_shipped_weights_load_for_every_family() -> None:
    ranker = EvidenceRanker.load(WEIGHTS_PATH)
    assert set(ranker.models) == set(FAMILIES)
    for family in FAMILIES:
        units = ranker.models[family].units
        assert units.feature.shape[0] > 0 and units.feature.max() < len(FEATURES)
        assert units.value.shape[0] == units.feature.shape[0]
        assert len(ranker.models[family].answerable.coef) == len(QUESTION_FEATURES)
        assert 0.0 <= ranker.threshold(family, 1) < 1.0 and 0.0 <= ranker.threshold(family, 9) < 1.0


def test_weights_fitted_on_other_features_are_refused(tmp_path: Path) -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["features"] = [n for n in data["features"] if n != "chunk_phrase"]
    stale = tmp_path / "ranker.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="refit"):
        EvidenceRanker.load(stale)


def test_weights_fitted_before_a_feature_no_tree_reads_still_load(tmp_path: Path) -> None:
    """`previous_article` is read by a prior, never by the trees, and unit features appended
    after it are read only by trees fitted since: weights fitted before them score the same
    rows (features are read by position)."""
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["features"] = list(FEATURES[: FEATURES.index(STORY_FEATURES[0])])
    older = tmp_path / "ranker.json"
    older.write_text(json.dumps(data), encoding="utf-8")
    assert EvidenceRanker.load(older).models.keys() == set(FAMILIES)


def test_the_runner_up_share_is_read_per_family_and_defaults_for_older_files(
    tmp_path: Path,
) -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["models"]["general"]["runner_up"] = 0.25
    data["models"]["speaker"].pop("runner_up", None)  # fitted before the share was
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ranker = EvidenceRanker.load(path)
    assert ranker.runner_up("general") == 0.25
    assert ranker.runner_up("speaker") == RUNNER_UP


def test_rank_orders_by_probability_then_by_article_order() -> None:
    ranker = EvidenceRanker(
        "test", {f: family(one_split("unit_cover", 0.5, 0.0, 2.0)) for f in FAMILIES}
    )
    ranked = ranker.rank(
        "general",
        [
            candidate(20, unit_cover=0.2),
            candidate(10, unit_cover=0.9),
            candidate(5, unit_cover=0.2),
        ],
    )
    assert [c.unit.start for c in ranked] == [10, 5, 20]
    assert ranked[0].score == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert ranked[1].score == pytest.approx(0.5)


def test_a_value_on_the_threshold_goes_left() -> None:
    model = one_split("unit_cover", 0.5, -1.0, 1.0)
    x = np.asarray([features(unit_cover=0.5), features(unit_cover=0.500001)])
    assert model.scores(x).tolist() == [-1.0, 1.0]


def test_no_trees_score_every_unit_alike() -> None:
    neutral = TreeModel.from_json(
        {**tree_arrays({"tree_info": []}), "scale": 0.0, "intercept": 0.0}
    )
    x = np.asarray([features(unit_cover=0.1), features(unit_cover=0.9)])
    assert neutral.probabilities(x).tolist() == [0.5, 0.5]


def test_exported_trees_score_as_lightgbm_does() -> None:
    """The numpy evaluation of the exported arrays against LightGBM's own prediction, with an
    interaction a weighted sum cannot express (two features that only count together)."""
    rng = np.random.default_rng(3)
    x = rng.random((3000, len(FEATURES)))
    y = (x[:, 3] + 0.4 * (x[:, 7] > 0.5) * (x[:, 1] > 0.5) > 0.9).astype(int)
    fitted = lightgbm.LGBMRanker(**TREE_PARAMS).fit(x, y, group=[30] * 100)
    stored = json.loads(json.dumps(tree_arrays(fitted.booster_.dump_model())))
    model = TreeModel.from_json({**stored, "scale": 1.0, "intercept": 0.0})
    fresh = rng.random((400, len(FEATURES)))
    assert model.scores(fresh) == pytest.approx(fitted.booster_.predict(fresh), abs=1e-4)


def test_question_features_read_the_best_units_and_the_asked_speakers_own() -> None:
    ranked = [
        candidate(0, 0.9, unit_cover=0.5, chunk_dense=0.4, lead_cover=0.6, chunk_cover=0.9),
        candidate(5, 0.7, unit_cover=0.2, chunk_dense=0.7, speaker_asked=1.0, unit_dense=0.6),
        candidate(9, 0.1, unit_cover=1.0, speaker_asked=1.0, unit_dense=0.3, title_cover=0.4),
        candidate(12, 0.05, unit_cover=0.8, name_in_chunk=1.0, chunk_cover=0.5),
    ]
    values = dict(zip(QUESTION_FEATURES, question_features(ranked, 0.25, 3), strict=True))
    assert values["top_score"] == 0.9 and values["second_score"] == 0.7
    assert values["top_cover"] == 1.0  # among the top three
    assert values["best_cover"] == 1.0
    assert values["best_lead_cover"] == 0.6
    assert values["best_chunk_dense"] == 0.7
    assert values["best_asked_dense"] == 0.6
    assert values["best_asked_cover"] == 1.0
    assert values["asked_top_score"] == 0.7  # the best of their own words, not the best unit
    assert "asked_title_cover" not in values and "asked_units" not in values
    assert values["asked_chunk_cover"] == 0.0
    # the passage naming them counts; the unrelated top passage (cover 0.9) does not
    assert values["named_chunk_cover"] == 0.5
    assert values["named_unit_cover"] == 1.0
    assert values["unseen_names"] == 0.25
    assert values["topic_terms"] == pytest.approx(math.log1p(3) / 3)


def test_question_features_of_no_candidates_are_zero_but_the_topic() -> None:
    values = dict(zip(QUESTION_FEATURES, question_features([], 1.0, 2), strict=True))
    assert values["top_score"] == 0.0 and values["best_asked_dense"] == 0.0
    assert values["unseen_names"] == 1.0


@pytest.mark.parametrize(
    ("scores", "target", "expected"),
    [
        # 10 answerable: 0.04 of them may be declined -> none, so the lowest answerable score
        ([(p / 10, True) for p in range(1, 11)] + [(0.05, False)], 0.04, 0.1),
        # 0.2 of 10 -> two may be declined: the third lowest
        ([(p / 10, True) for p in range(1, 11)], 0.2, 0.3),
        ([(0.3, False)], 0.04, 0.0),  # nothing answerable: decline nothing
    ],
)
def test_threshold_keeps_false_abstention_within_the_target(scores, target, expected) -> None:
    threshold = choose_threshold(scores, target)
    assert threshold == pytest.approx(expected)
    answerable = [p for p, a in scores if a]
    if answerable:
        assert np.mean([p < threshold for p in answerable]) <= target


def test_reliability_bins_count_every_question_once() -> None:
    scores = [(0.05, False), (0.15, True), (0.95, True), (1.0, True), (0.97, False)]
    rows = reliability(scores)
    assert sum(count for _, count, _ in rows) == len(scores)
    assert rows[-1] == ("0.9-1.0", 3, pytest.approx(2 / 3))
    assert rows[5][2] is None  # an empty bin has no share


def _questions(rng: np.random.Generator, n: int) -> list[Question]:
    """Made-up general questions of six candidates (`tests.helpers.made_up_questions`)."""
    return made_up_questions(rng, n, "general", 6, 3)


def test_fitting_learns_the_informative_feature_and_ranks_the_evidence_first() -> None:
    questions = _questions(np.random.default_rng(0), 200)
    units = fit_units(questions)
    assert int(np.argmax(units.gain)) == COL["unit_cover"]
    ranked = rank_questions(questions, units.model)
    assert all(r.top_hit for r in ranked if r.answerable)
    answer_coef, _ = fit_answerable(ranked)
    top = QUESTION_FEATURES.index("top_cover")
    assert answer_coef[top] > 0  # high cover among the top units means answerable


def test_kept_units_are_stored_as_they_were_and_only_answerability_is_refitted() -> None:
    questions = _questions(np.random.default_rng(2), 120)
    fresh, _ = fit_family("general", questions)
    model, _ = fit_family("general", questions, fresh)
    assert model["units"] is fresh["units"]
    assert model["answerable"] == fresh["answerable"]  # the same trees, the same decision
    other = {**fresh, "answerable": {"coef": [0.0] * len(QUESTION_FEATURES), "intercept": 1.0}}
    kept, _ = fit_family("general", questions, other, keep_answerable=True)
    assert kept["answerable"] == other["answerable"]
    assert kept["threshold"] == other["threshold"]  # kept, not calibrated again


def test_the_runner_up_share_stays_with_the_trees_it_was_fitted_under() -> None:
    questions = _questions(np.random.default_rng(2), 120)
    fresh, _ = fit_family("general", questions)
    shared = {**fresh, "runner_up": 0.15}
    kept, _ = fit_family("general", questions, shared)
    assert kept["runner_up"] == 0.15
    refit, _ = fit_family("general", questions, shared, refit_units=True)
    assert "runner_up" not in refit  # a share of other trees' probabilities: fit it again


def test_long_topics_get_their_own_threshold_when_both_groups_can_calibrate_one() -> None:
    """Long topics score lower: one threshold for both declined them more often."""
    short = [(0.9, True)] * 60 + [(0.5, True)] * 2 + [(0.1, False)] * 20
    long = [(0.5, True)] * 60 + [(0.2, True)] * 2 + [(0.05, False)] * 20
    terms = [2] * len(short) + [LONG_TOPIC_TERMS] * len(long)
    family, long_only = choose_thresholds(short + long, terms)
    assert family == choose_threshold(short + long)
    assert long_only == 0.5  # declines 2 of the 62 long answerable (0.032)
    both = choose_threshold(short + long[:40])
    assert choose_thresholds(short + long[:40], terms[: len(short) + 40]) == (both, both)
    assert choose_thresholds(short + long, terms, family=0.4) == (0.4, 0.4)  # never above it
    assert choose_thresholds(short + long, terms, family=0.7) == (0.7, 0.5)


def test_the_threshold_read_depends_on_the_topic_length() -> None:
    model = replace(family(one_split("unit_cover", 0.5, 0.0, 0.0)), threshold=0.6)
    ranker = EvidenceRanker("test", {f: replace(model, long_threshold=0.2) for f in FAMILIES})
    assert ranker.threshold("speaker", LONG_TOPIC_TERMS - 1) == 0.6
    assert ranker.threshold("speaker", LONG_TOPIC_TERMS) == 0.2


def test_answerability_is_not_fitted_without_unanswerable_questions() -> None:
    questions = [q for q in _questions(np.random.default_rng(1), 40) if q.answerable]
    assert fit_answerable(rank_questions(questions, fit_units(questions).model)) is None


def test_a_fitting_row_is_read_like_a_candidate() -> None:
    row = Row(features(unit_cover=0.5), 0.8)
    values = dict(zip(QUESTION_FEATURES, question_features([row], 0.0, 1), strict=True))
    assert values["top_score"] == 0.8 and values["top_cover"] == 0.5


def test_folds_keep_an_article_on_one_side_and_both_models_find_the_evidence() -> None:
    from evals.ranker_folds import MODELS, article_fold, top_hit, without

    rows = [{"id": f"q{i}", "gold_docs": [f"a{i % 7}"]} for i in range(60)]
    assert {article_fold(r) for r in rows[:7]} == {0, 1}  # both folds are used
    assert all(article_fold(r) == article_fold(rows[i % 7]) for i, r in enumerate(rows))
    questions = _questions(np.random.default_rng(2), 200)
    for name, fit in MODELS.items():
        hits = top_hit(questions, fit(questions))
        assert len(hits) == 150 and all(hits), name
    blind = [without(q, ["unit_cover"]) for q in questions]
    assert not any(q.features[:, COL["unit_cover"]].any() for q in blind)
    assert questions[1].features[2, COL["unit_cover"]] >= 0.7  # the originals are untouched


def test_by_set_scores_each_set_in_sample_and_held_out(capsys) -> None:
    from evals.ranker_folds import print_by_set

    questions = _questions(np.random.default_rng(3), 120)
    members = [(q, i % 2) for i, q in enumerate(questions)]
    print_by_set({"general": members}, {"general one": members[:60], "general two": members[60:]})
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split(" | ") for line in lines[2:]]
    assert [r[0] for r in rows] == ["| general one", "| general two"]
    answerable = [sum(q.answerable for q, _ in part) for part in (members[:60], members[60:])]
    assert [int(r[1]) for r in rows] == answerable
    assert all(float(r[2]) == 1.0 and float(r[3]) == 1.0 for r in rows)  # planted evidence


@pytest.mark.parametrize(
    ("topic", "unit", "share"),
    [
        # two of the three neighbouring pairs of the topic are side by side in the unit
        ("sanction pressure weekly increase", "sanction pressure and the weekly increase", 2 / 3),
        ("sanction pressure", "pressure to lift a sanction", 0.0),  # the words, not the pair
        ("sanction pressure", "sanction pressure", 1.0),
        ("sanction", "sanction pressure", 0.0),  # a one-term topic has no pair to find
    ],
)
def test_pair_cover_counts_the_topics_neighbouring_terms_found_together(
    topic: str, unit: str, share: float
) -> None:
    assert pair_cover(term_pairs(topic.split()), unit.split()) == pytest.approx(share)
