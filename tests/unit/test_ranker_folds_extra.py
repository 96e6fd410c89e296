"""`evals.ranker_folds --extra`: the fit pool joins every fold's training side only, so what it
adds is read on held-out dev questions (made-up questions whose evidence is the best covered
unit: a handful of dev questions cannot teach that, a few hundred extra ones can)."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from evals.fit_ranker import Question
from evals.ranker_folds import ExtraSides, held_out, print_extra
from tests.unit.test_fit_share import _questions as made_up_questions


def _questions(n: int, seed: int) -> list[Question]:
    """Made-up general questions whose evidence is the best covered unit (`test_fit_share`)."""
    return made_up_questions(n, seed, "general")


def test_extra_questions_train_and_are_never_scored(capsys: pytest.CaptureFixture[str]) -> None:
    dev = _questions(12, 1)
    group = [(q, i % 2) for i, q in enumerate(dev)]  # one halving: folds 0 and 1
    sides = ExtraSides([("bbc-fit", _questions(300, 2))], {})
    print_extra({"general": group}, {"general dev": group}, sides)
    row = next(line for line in capsys.readouterr().out.splitlines() if "general dev" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:3] == ["12", "300"]  # the 12 dev questions scored once each, not the extra
    before, after = (float(v) for v in cells[3].split(" -> "))
    assert before < 0.5 < 0.8 < after


def test_the_change_is_counted_in_questions_per_halving(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two halvings score each of the 12 dev questions twice (24 pooled): the last column is
    the pooled gain in questions over the two halvings, not the pooled share."""
    dev = _questions(12, 1)
    group = [(q, 2 * split + (i + split) % 2) for split in (0, 1) for i, q in enumerate(dev)]
    sides = ExtraSides([("bbc-fit", _questions(300, 2))], {})
    print_extra({"general": group}, {"general dev": group}, sides)
    row = next(line for line in capsys.readouterr().out.splitlines() if "general dev" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "24"
    before, after = (float(v) for v in cells[3].split(" -> "))
    gained = round(after * 24) - round(before * 24)
    assert gained > 4  # the extra questions teach what 6 a side cannot
    assert float(cells[6]) == pytest.approx(gained / 2, abs=0.05)


def test_held_out_scores_each_set_with_one_fit() -> None:
    found = held_out(_questions(300, 2), "general", {"a": _questions(50, 3), "b": []}, 0.04)
    hits, unanswerable, false = found["a"]
    assert len(hits) == 50 and np.mean(hits) > 0.8
    assert unanswerable == [] and not any(false)  # no unanswerable question: nothing declined
    assert found["b"] == ([], [], [])


def test_a_fit_share_family_weighs_its_side_as_the_fit_does() -> None:
    bbc, press, fit = _questions(10, 4), _questions(20, 5), _questions(60, 6)
    set_of = {id(q): "bbc-dev" for q in bbc} | {id(q): "press-dev" for q in press}
    plain = ExtraSides([("press-fit", fit)], set_of)
    assert {q.weight for q in plain.side(bbc + press, "general")} == {1.0}
    shared = ExtraSides([("press-fit", fit)], set_of, ["general"])
    side = shared.side(bbc + press, "general")
    assert len(side) == 90 and shared.count("general") == 60
    weights = {id(q): q.weight for q in side}
    assert len(weights) == 90
    bbc_weight = sum(q.weight for q in side if q.weight == 1.0)
    assert bbc_weight == 10  # BBC keeps weight 1 each: 10 of 30 dev-alone, 10 of 30 weighted
    assert sum(q.weight for q in side) == pytest.approx(30)


def test_family_judges_only_that_family(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--family general` leaves other families' dev and extra questions out of every table."""
    from app.evidence.features import FEATURES
    from evals.ranker_folds import main

    def cached(name: str, questions: list[Question], split: str) -> str:
        dataset = tmp_path / f"{name}.jsonl"
        rows = [
            {"id": f"{name}{n}", "kind": "fact", "split": split, "gold_docs": [f"{name}{n % 7}"]}
            for n in range(len(questions))
        ]
        dataset.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
        spec = f"{dataset}=store"
        key = hashlib.sha1(f"{spec}|None|{','.join(FEATURES)}".encode()).hexdigest()[:12]
        (tmp_path / f"{name}-{key}.pkl").write_bytes(pickle.dumps(questions))
        return spec

    dev = _questions(40, 1) + made_up_questions(40, 7, "speaker")
    fit = _questions(200, 2) + made_up_questions(200, 8, "speaker")
    argv = ["--set", cached("bbc-dev", dev, "dev"), "--extra", cached("bbc-fit", fit, "fit")]
    main([*argv, "--cache", str(tmp_path), "--family", "general"])
    rows = [line for line in capsys.readouterr().out.splitlines() if "bbc-dev" in line]
    assert [r.split("|")[1].strip() for r in rows] == ["general bbc-dev"]
    assert rows[0].split("|")[3].strip() == "200"  # only the general extra questions
