"""Fitting the runner-up share (`evals.fit_runner_up`) on made-up selections."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from app.answer.citations import Selection
from app.answer.search import Evidence
from app.evidence.features import Candidate
from app.evidence.units import Unit
from app.ranker import WEIGHTS_PATH, EvidenceRanker
from evals.fit_runner_up import TOLERANCE, Watched, choose_share, fit, replay, store_shares
from ingest.types import Chunk


def _candidate(text: str, score: float) -> Candidate:
    article = f"a{len(text)}"  # one article each: no two units overlap
    chunk = Chunk(f"{article}:0", article, 0, text, 0, len(text), 1, 1, title="Made-up")
    return Candidate(Unit(chunk, 0, len(text), "sentence"), (), score)


def _watched(labels: list[bool], family: str = "general") -> Watched:
    """A question whose third unit, at a third of the best's probability, holds the evidence."""
    ranked = [
        _candidate("The pier reopens in May.", 0.9),
        _candidate("Tolls will rise by a tenth next year.", 0.6),
        _candidate("The ferry runs hourly.", 0.3),
    ]
    evidence = Evidence(family, ranked, 0.0, 2, 0.9, 0.5, None)  # type: ignore[arg-type]
    return Watched("made-up", Selection(ranked, evidence, 3, ranked[:1]), labels)


def test_replay_cites_deeper_as_the_share_falls() -> None:
    watched = [_watched([False, False, True])]
    assert replay(watched, 0.5) == (0.0, 5 + 8)  # two citations, the evidence not among them
    assert replay(watched, 0.3) == (1.0, 5 + 8 + 4)


def test_the_highest_share_within_the_tolerance_of_the_best_recall_is_chosen() -> None:
    curve = {1.0: (0.50, 10.0), 0.5: (0.70, 20.0), 0.2: (0.71 - TOLERANCE, 30.0), 0.0: (0.71, 40.0)}
    assert choose_share(curve) == 0.2  # as good as 0.0 within the tolerance, fewer words


def test_each_family_gets_its_own_share() -> None:
    watched = [_watched([False, True, False])] * 3 + [_watched([False, False, True], "speaker")]
    watched.append(_watched([False, True, False], "who_said"))  # cites one unit: not fitted
    shares, report = fit(watched)
    assert shares == {"general": 0.65, "speaker": 0.3}  # the evidence at 2/3, 1/3 of the best
    assert any(line.startswith("## general") for line in report)


def test_shares_are_stored_beside_the_models_and_read_by_the_ranker(tmp_path: Path) -> None:
    path = tmp_path / "ranker.json"
    shutil.copy(WEIGHTS_PATH, path)
    store_shares(path, {"general": 0.35})
    assert json.loads(path.read_text())["models"]["general"]["runner_up"] == 0.35
    assert EvidenceRanker.load(path).runner_up("general") == 0.35
