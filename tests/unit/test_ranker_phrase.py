"""The topic as written in the asked person's passages (`chunk_phrase`, `named_phrase`), and
refitting one family's answerability with the other models kept: made-up words and numbers."""

from __future__ import annotations

import numpy as np
import pytest

from app.evidence.covers import phrase_cover, term_pairs
from app.evidence.features import FEATURES, QUESTION_FEATURES, question_features
from evals.fit_ranker import (
    Question,
    Row,
    choose_thresholds,
    fit_family,
    kept_models,
    tree_arrays,
)
from evals.ranker_folds import print_answerable

COL = {name: n for n, name in enumerate(FEATURES)}


def features(**values: float) -> tuple[float, ...]:
    return tuple(values.get(name, 0.0) for name in FEATURES)


PHRASES = [
    # (topic terms, passage terms, share of the topic found as written)
    ("unified energy system", "the energy system is unified", 0.5),  # one pair of two
    ("unified energy system", "a unified energy system", 1.0),
    ("unified energy system", "unified and energy security", 0.0),  # the words, not the phrase
    ("odesa", "the port of odesa", 1.0),  # one term: the term itself
    ("odesa", "the port of kherson", 0.0),
    ("", "anything", 0.0),  # no topic, nothing found
]


@pytest.mark.parametrize(("topic", "passage", "share"), PHRASES)
def test_a_phrase_is_found_as_the_topic_writes_it(topic: str, passage: str, share: float) -> None:
    terms = topic.split()
    assert phrase_cover(terms, term_pairs(terms), passage.split()) == pytest.approx(share)


def test_named_phrase_reads_only_passages_that_quote_or_name_the_asked_person() -> None:
    ranked = [
        Row(features(chunk_phrase=1.0), 0.9),  # the phrase, in someone else's story
        Row(features(speaker_asked=1.0, chunk_phrase=0.5), 0.5),
        Row(features(name_in_chunk=1.0, chunk_phrase=0.0), 0.4),
    ]
    values = dict(zip(QUESTION_FEATURES, question_features(ranked, 0.0, 3), strict=True))
    assert values["named_phrase"] == 0.5
    named = [*ranked, Row(features(name_in_chunk=1.0, chunk_phrase=1.0), 0.01)]
    values = dict(zip(QUESTION_FEATURES, question_features(named, 0.0, 3), strict=True))
    assert values["named_phrase"] == 1.0  # however low the unit ranks
    assert question_features([], 0.0, 2)[QUESTION_FEATURES.index("named_phrase")] == 0.0


def _weights(features_fitted: list[str], question_names: list[str]) -> dict:
    """A weights file fitted on earlier features: one tree reading `unit_cover`."""
    tree = {
        "trees": {
            "feature": [[COL["unit_cover"]]],
            "threshold": [[0.5]],
            "left_leaves": [[1]],
            "value": [[0.0, 1.0]],
        },
        "scale": 1.0,
        "intercept": 0.0,
    }
    coef = [0.5 if name == "top_score" else 0.0 for name in question_names]
    model = {
        "units": tree,
        "answerable": {"coef": coef, "intercept": -0.1},
        "threshold": 0.3,
        "long_threshold": 0.2,
    }
    return {
        "version": "test",
        "features": features_fitted,
        "question_features": question_names,
        "models": {"speaker": model, "general": model},
    }


def test_kept_weights_are_matched_by_name_and_a_new_question_feature_weighs_nothing() -> None:
    earlier = [n for n in QUESTION_FEATURES if n != "named_phrase"]
    weights = _weights(list(FEATURES[:-1]), earlier)
    kept = kept_models(weights)
    coef = dict(zip(QUESTION_FEATURES, kept["speaker"]["answerable"]["coef"], strict=True))
    assert coef["top_score"] == 0.5 and coef["named_phrase"] == 0.0
    assert kept["speaker"]["units"] is weights["models"]["speaker"]["units"]
    assert kept["speaker"]["threshold"] == 0.3


@pytest.mark.parametrize(
    ("features_fitted", "question_names", "weighed"),
    [
        (["unit_dense", "chunk_dense"], list(QUESTION_FEATURES), None),  # other columns
        (list(FEATURES), [*QUESTION_FEATURES[:-1], "gone"], "gone"),  # a dropped feature
    ],
)
def test_weights_that_cannot_be_read_today_are_refused(
    features_fitted: list[str], question_names: list[str], weighed: str | None
) -> None:
    weights = _weights(features_fitted, question_names)
    if weighed:
        weights["models"]["speaker"]["answerable"]["coef"][question_names.index(weighed)] = 1.0
    with pytest.raises(SystemExit):
        kept_models(weights)


def _questions(rng: np.random.Generator, n: int) -> list[Question]:
    """Answerable questions have the topic as written in a passage of the asked person;
    unanswerable ones do not, with every other feature drawn alike (so only the phrase
    tells them apart)."""
    found = []
    for i in range(n):
        answerable = i % 3 != 0
        x = rng.uniform(0.0, 0.4, size=(5, len(FEATURES)))
        x[:, COL["chunk_phrase"]] = 0.0
        x[:, COL["speaker_asked"]] = 1.0
        x[1, COL["unit_cover"]] = 0.9
        labels = np.zeros(5, dtype=int)
        if answerable:
            x[1, COL["chunk_phrase"]] = 1.0
            labels[1] = 1
        found.append(Question("speaker", answerable, x, labels, 0.0, 2))
    return found


def test_a_refitted_answerability_model_learns_the_phrase_and_keeps_the_trees() -> None:
    questions = _questions(np.random.default_rng(4), 150)
    kept = kept_models(_weights(list(FEATURES), list(QUESTION_FEATURES)))["speaker"]
    model, _ = fit_family("speaker", questions, kept, keep_answerable=False)
    assert model["units"] is kept["units"]
    weight = dict(zip(QUESTION_FEATURES, model["answerable"]["coef"], strict=True))
    assert weight["named_phrase"] > 0
    unchanged, _ = fit_family("speaker", questions, kept, keep_answerable=True)
    assert unchanged["answerable"] == kept["answerable"]
    assert unchanged["threshold"] == kept["threshold"]
    again, _ = fit_family("speaker", questions, kept, keep_answerable=True, recalibrate=True)
    assert again["answerable"] == kept["answerable"]
    assert again["threshold"] != kept["threshold"]  # chosen on these questions


def test_a_lower_target_never_raises_the_thresholds() -> None:
    scores = [(p / 100, True) for p in range(1, 101)] + [(0.05, False)] * 10
    terms = [2] * len(scores)
    assert choose_thresholds(scores, terms, target=0.04) == (0.05, 0.05)
    assert choose_thresholds(scores, terms, target=0.02) == (0.03, 0.03)


def test_held_out_answerability_declines_what_the_kept_model_cannot_tell_apart(capsys) -> None:
    questions = _questions(np.random.default_rng(5), 180)
    members = [(q, i % 2) for i, q in enumerate(questions)]
    weights = kept_models(_weights(list(FEATURES), list(QUESTION_FEATURES)))
    weights["speaker"]["units"] = {**tree_arrays({"tree_info": []}), "scale": 1.0, "intercept": 0}
    print_answerable({"speaker made-up": members}, weights, [])
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines()[2:]]
    assert [r[0] for r in rows] == ["| speaker made-up", "| speaker (all sets)"]
    assert float(rows[0][3]) == 0.0  # the kept model reads the top score only, alike for all
    assert float(rows[0][5]) == 1.0  # refitted on the other fold, it reads the phrase
    assert float(rows[0][6].rstrip(" |")) <= 0.1
    print_answerable({"speaker made-up": members}, weights, ["named_phrase"])
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines()[2:]]
    assert float(rows[0][5]) < 1.0  # without the phrase it cannot tell them apart


def test_a_fold_fitted_without_unanswerable_questions_declines_nothing(capsys) -> None:
    questions = _questions(np.random.default_rng(6), 90)
    # every unanswerable question in fold 0: the model for fold 0 is fitted on fold 1 alone
    members = [(q, 0 if not q.answerable else i % 2) for i, q in enumerate(questions)]
    weights = kept_models(_weights(list(FEATURES), list(QUESTION_FEATURES)))
    print_answerable({"speaker made-up": members}, weights, [])
    rows = [line.split(" | ") for line in capsys.readouterr().out.splitlines()[2:]]
    assert float(rows[0][5]) == 0.0  # held out: no unanswerable question declined
