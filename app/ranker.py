"""The learned evidence ranker: a logistic model per question family over `app.evidence`
features, and the one threshold per family below which the answer declines.

The weights are data, fitted on the dev split of the generated question sets by
`python -m evals.fit_ranker` and kept in `app/ranker.json` (small, versioned, reviewed like
code); nothing here is tuned by hand. A model whose features do not match `FEATURES` is
refused at load, so stale weights can never score the wrong columns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from app.evidence import FEATURES, Candidate

Family = Literal["speaker", "who_said", "general"]
FAMILIES: tuple[Family, ...] = ("speaker", "who_said", "general")
WEIGHTS_PATH = Path(__file__).with_name("ranker.json")


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression: probability = sigmoid(intercept + coef . features)."""

    coef: tuple[float, ...]
    intercept: float
    threshold: float  # decline when the best candidate's probability is below it

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coef, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class EvidenceRanker:
    version: str
    models: dict[str, LinearModel]

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> EvidenceRanker:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(
                f"{path}: fitted on other features; refit with `python -m evals.fit_ranker`"
            )
        models = {
            family: LinearModel(tuple(m["coef"]), m["intercept"], m["threshold"])
            for family, m in data["models"].items()
        }
        missing = set(FAMILIES) - set(models)
        if missing:
            raise ValueError(f"{path}: no model for {', '.join(sorted(missing))}")
        return cls(str(data["version"]), models)

    def rank(self, family: Family, candidates: Sequence[Candidate]) -> list[Candidate]:
        """Candidates with their probability, best first (ties: earlier in the article)."""
        model = self.models[family]
        scored = [replace(c, score=model.probability(c.features)) for c in candidates]
        return sorted(scored, key=lambda c: (-c.score, c.unit.chunk.article_id, c.unit.start))

    def threshold(self, family: Family) -> float:
        return self.models[family].threshold
