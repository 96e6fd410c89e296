"""The learned evidence ranker: per question family, boosted trees over `app.evidence` features
that score each candidate unit (LightGBM's lambdarank, mapped to a probability), and a logistic
model over `QUESTION_FEATURES` that says whether the question is answerable from those
candidates at all, with the threshold below which the answer declines.

The trees are evaluated here with numpy from their exported arrays: LightGBM itself is only
needed to fit them (`evals/`), and importing it would add two seconds to every start.

The weights are data, fitted on the dev split of the generated question sets by
`python -m evals.fit_ranker` and kept in `app/ranker.json` (small, versioned, reviewed like
code); nothing here is tuned by hand. A model whose features do not match `FEATURES` or
`QUESTION_FEATURES` is refused at load, so stale weights can never score the wrong columns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from app.evidence.features import FEATURES, QUESTION_FEATURES, Candidate

Family = Literal["speaker", "who_said", "general"]
FAMILIES: tuple[Family, ...] = ("speaker", "who_said", "general")
WEIGHTS_PATH = Path(__file__).with_name("ranker.json")
# A topic of this many search terms or more has its own threshold: the answerability model
# reads long topics with lower probabilities (their units cover a smaller share of the
# words), so one threshold declined long questions three times as often as short ones.
LONG_TOPIC_TERMS = 4
# A further citation must score at least this share of the best unit's probability, in a
# weights file fitted before the share was fitted per family (`evals.fit_runner_up`).
RUNNER_UP = 0.4


def threshold_for(threshold: float, long_threshold: float, topic_terms: int) -> float:
    """The decline threshold that applies to a topic of `topic_terms` search terms."""
    return long_threshold if topic_terms >= LONG_TOPIC_TERMS else threshold


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression: probability = sigmoid(intercept + coef . features)."""

    coef: tuple[float, ...]
    intercept: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coef, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(tuple(data["coef"]), float(data["intercept"]))


@dataclass(frozen=True)
class TreeModel:
    """Boosted regression trees summed into a score, then one logistic map (Platt) from the
    score to the probability that a unit holds the answer.

    Why trees: which features matter depends on others (a speaker match counts for little
    when the passage is off topic; a sentence's own cosine matters inside a long passage), which
    a weighted sum cannot say; on the dev splits, halves split by article, they put the evidence
    first more often than the linear model they replaced (evals/README.md).

    Stored per tree, leaves numbered left to right: for each split node the feature it reads,
    its threshold (a row goes left when the value is at or below it) and the bit mask of the
    leaves under its left branch. A row's leaf is the leftmost one no split it fails to go left
    at has ruled out (QuickScorer, Lucchese et al., SIGIR 2015): every row through every tree
    in a few whole-array steps, with no walk down the trees. Trees with fewer splits are padded
    with splits every row passes (a threshold of 1e300).
    """

    feature: np.ndarray  # (trees, splits) int
    threshold: np.ndarray  # (trees, splits) float
    left_leaves: np.ndarray  # (trees, splits) int64 bit mask
    value: np.ndarray  # (trees, leaves) float, left to right
    scale: float
    intercept: float

    def scores(self, features: np.ndarray) -> np.ndarray:
        """The trees' summed output for each row of `features` (rows x FEATURES)."""
        rows, (trees, splits) = features.shape[0], self.feature.shape
        if not rows or not trees:
            return np.zeros(rows)
        goes_right = features[:, self.feature.ravel()] > self.threshold.ravel()
        kept = np.where(goes_right, ~self.left_leaves.ravel(), np.int64(-1))
        alive = np.bitwise_and.reduce(kept.reshape(rows, trees, splits), axis=2)
        leaf = np.log2((alive & -alive).astype(np.float64)).astype(np.int64)  # lowest set bit
        leaf_base = (np.arange(trees) * self.value.shape[1])[None, :]
        return self.value.ravel().take(leaf_base + leaf).sum(axis=1)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = np.clip(self.scale * self.scores(features) + self.intercept, -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeModel:
        trees = data["trees"]  # equal-length rows (the exporter pads them); [] for no trees
        return cls(
            _matrix(trees["feature"], np.int64),
            _matrix(trees["threshold"], np.float64),
            _matrix(trees["left_leaves"], np.int64),
            _matrix(trees["value"], np.float64),
            float(data["scale"]),
            float(data["intercept"]),
        )


def _readable(fitted: tuple[str, ...]) -> bool:
    """Trees fitted on `fitted` read today's rows when today's features begin with them: a tree
    reads a feature by position, and features are only ever appended, so one appended since
    (`STORY_FEATURES`, or a unit feature only some families' trees were refitted on) is a
    column those trees never read."""
    return FEATURES[: len(fitted)] == fitted


def _matrix(rows: list[list[float]], dtype: type) -> np.ndarray:
    """Rows as a (trees, width) array, (0, 1) when there are no trees."""
    return np.asarray(rows, dtype=dtype) if rows else np.zeros((0, 1), dtype=dtype)


@dataclass(frozen=True)
class FamilyModel:
    """One question family's two models and its calibrated abstention threshold."""

    units: TreeModel  # probability that a unit holds the answer
    answerable: LinearModel  # probability that any candidate answers the question
    threshold: float  # decline when `answerable` is below it (fitted on dev)
    long_threshold: float  # ... for a topic of LONG_TOPIC_TERMS terms or more
    # A further citation must score this share of the best unit's probability: the share at
    # which citing more stops finding the evidence the first citation missed, fitted on dev.
    runner_up: float = RUNNER_UP


@dataclass(frozen=True)
class EvidenceRanker:
    version: str
    models: dict[str, FamilyModel]

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> EvidenceRanker:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        questions = tuple(data.get("question_features", ()))
        if not _readable(tuple(data["features"])) or questions != QUESTION_FEATURES:
            raise ValueError(
                f"{path}: fitted on other features; refit with `python -m evals.fit_ranker`"
            )
        models = {
            family: FamilyModel(
                TreeModel.from_json(m["units"]),
                LinearModel.from_json(m["answerable"]),
                float(m["threshold"]),
                float(m.get("long_threshold", m["threshold"])),
                float(m.get("runner_up", RUNNER_UP)),
            )
            for family, m in data["models"].items()
        }
        missing = set(FAMILIES) - set(models)
        if missing:
            raise ValueError(f"{path}: no model for {', '.join(sorted(missing))}")
        return cls(str(data["version"]), models)

    def rank(self, family: Family, candidates: Sequence[Candidate]) -> list[Candidate]:
        """Candidates with their probability, best first (ties: earlier in the article)."""
        if not candidates:
            return []
        matrix = np.asarray([c.features for c in candidates], dtype=np.float64)
        probabilities = self.models[family].units.probabilities(matrix)
        scored = [
            replace(c, score=float(p)) for c, p in zip(candidates, probabilities, strict=True)
        ]
        return sorted(scored, key=lambda c: (-c.score, c.unit.chunk.article_id, c.unit.start))

    def answerable(self, family: Family, question_features: Sequence[float]) -> float:
        return self.models[family].answerable.probability(question_features)

    def runner_up(self, family: Family) -> float:
        """The share of the best unit's probability a further citation must reach."""
        return self.models[family].runner_up

    def threshold(self, family: Family, topic_terms: int) -> float:
        model = self.models[family]
        return threshold_for(model.threshold, model.long_threshold, topic_terms)
