"""The learned evidence ranker: per question family, a logistic model over `app.evidence`
features that scores each candidate unit, and a second one over `QUESTION_FEATURES` that says
whether the question is answerable from those candidates at all, with the threshold below which
the answer declines.

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

from app.evidence import FEATURES, QUESTION_FEATURES, Candidate

Family = Literal["speaker", "who_said", "general"]
FAMILIES: tuple[Family, ...] = ("speaker", "who_said", "general")
WEIGHTS_PATH = Path(__file__).with_name("ranker.json")


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
class FamilyModel:
    """One question family's two models and its calibrated abstention threshold."""

    units: LinearModel  # probability that a unit holds the answer
    answerable: LinearModel  # probability that any candidate answers the question
    threshold: float  # decline when `answerable` is below it (fitted on dev)


@dataclass(frozen=True)
class EvidenceRanker:
    version: str
    models: dict[str, FamilyModel]

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> EvidenceRanker:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        stale = tuple(data["features"]) != FEATURES or tuple(data.get("question_features", ())) != (
            QUESTION_FEATURES
        )
        if stale:
            raise ValueError(
                f"{path}: fitted on other features; refit with `python -m evals.fit_ranker`"
            )
        models = {
            family: FamilyModel(
                LinearModel.from_json(m["units"]),
                LinearModel.from_json(m["answerable"]),
                float(m["threshold"]),
            )
            for family, m in data["models"].items()
        }
        missing = set(FAMILIES) - set(models)
        if missing:
            raise ValueError(f"{path}: no model for {', '.join(sorted(missing))}")
        return cls(str(data["version"]), models)

    def rank(self, family: Family, candidates: Sequence[Candidate]) -> list[Candidate]:
        """Candidates with their probability, best first (ties: earlier in the article)."""
        model = self.models[family].units
        scored = [replace(c, score=model.probability(c.features)) for c in candidates]
        return sorted(scored, key=lambda c: (-c.score, c.unit.chunk.article_id, c.unit.start))

    def answerable(self, family: Family, question_features: Sequence[float]) -> float:
        return self.models[family].answerable.probability(question_features)

    def threshold(self, family: Family) -> float:
        return self.models[family].threshold
