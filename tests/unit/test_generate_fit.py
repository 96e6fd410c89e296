"""The fit pool (`python -m evals.generate --fit`): questions from the articles outside the eval
subset, labelled fit, sharing nothing with an eval article; the eval files are unchanged by the
option; the eval never scores a fit row and the ranker fit still refuses test rows."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import click
import numpy as np
import pytest

from evals.datasets import verify
from evals.fit_ranker import collect
from evals.generate.__main__ import main as generate_main
from evals.generate.corpora import Article, fit_pool, read_articles
from evals.run import scored_rows
from tests.unit.test_generate import _corpus

EVAL_FILES = ("bbc-dev.jsonl", "bbc-test.jsonl", "bbc-articles.jsonl")


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, "", text, "Daily Test", None, {"id": article_id, "text": text})


def _long(seed: int, words: int = 40) -> str:
    return " ".join(f"w{seed}x{i}" for i in range(words))


def test_the_pool_leaves_out_duplicates_copies_and_near_copies() -> None:
    eval_a, eval_b = _article("e1", _long(1)), _article("e2", _long(2))
    near = " ".join([_long(2, 30), _long(9, 10)])  # 30 of its 40 words are e2's
    articles = [
        eval_a,
        eval_b,
        _article("grouped", _long(3)),  # shares e1's duplicate group
        _article("copy", _long(1).upper().replace(" ", "\n  ")),  # e1's text, other spacing
        _article("near", near),
        _article("own", _long(4)),
        _article("own-again", _long(4)),  # the same text as a fit article: asked once
        _article("partly", " ".join([_long(1, 12), _long(5, 40)])),  # one shared run: kept
    ]
    pool = fit_pool(articles, [eval_a, eval_b], [["e1", "grouped"]])
    assert [a.id for a in pool] == ["own", "partly"]


@pytest.fixture(scope="module")
def generated_fit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same synthetic corpus generated with a 12-article subset, without and with --fit."""
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root)
    plain, fit = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("fit")
    common = ["--corpus-root", str(root), "--corpora", "bbc", "--bbc-size", "12"]
    assert generate_main([*common, "--out", str(plain)]) == 0
    assert generate_main([*common, "--out", str(fit), "--fit"]) == 0
    return plain, fit


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def test_the_option_leaves_the_eval_files_unchanged(generated_fit: tuple[Path, Path]) -> None:
    plain, fit = generated_fit
    for name in EVAL_FILES:
        assert (plain / name).read_bytes() == (fit / name).read_bytes(), name
    assert not (plain / "bbc-fit.jsonl").exists()


def test_fit_rows_come_from_the_pool_only(generated_fit: tuple[Path, Path]) -> None:
    _, fit = generated_fit
    eval_ids = {a.id for a in read_articles(fit / "bbc-articles.jsonl")}
    fit_ids = {a.id for a in read_articles(fit / "bbc-fit-articles.jsonl")}
    assert len(eval_ids) == len(fit_ids) == 12 and not eval_ids & fit_ids
    rows = _rows(fit / "bbc-fit.jsonl")
    assert rows and {r["split"] for r in rows} == {"fit"}
    assert {r["kind"] for r in rows} >= {"speaker_topic", "who_said", "fact"}
    eval_rows = _rows(fit / "bbc-dev.jsonl") + _rows(fit / "bbc-test.jsonl")
    assert not {r["id"] for r in rows} & {r["id"] for r in eval_rows}
    for row in rows:
        assert set(row["gold_docs"]) <= fit_ids
        assert {span[0] for span in row.get("gold_spans", [])} <= fit_ids


def test_the_verifier_checks_the_pool_against_its_own_articles(
    generated_fit: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, fit = generated_fit
    assert verify.main([str(fit / "bbc-fit.jsonl")]) == 0, capsys.readouterr().out
    # Checked against the eval articles instead, its gold articles are unknown: it fails.
    (tmp_path / "bbc-fit-articles.jsonl").write_text((fit / "bbc-articles.jsonl").read_text())
    (tmp_path / "bbc-fit.jsonl").write_text((fit / "bbc-fit.jsonl").read_text())
    assert verify.main([str(tmp_path / "bbc-fit.jsonl")]) == 1


def test_an_eval_refuses_a_set_holding_fit_rows() -> None:
    rows = [{"id": "a", "split": "dev"}, {"id": "b", "split": "fit"}]
    with pytest.raises(click.ClickException, match="1 fit rows"):
        scored_rows(rows, Path("press-fit.jsonl"))
    assert scored_rows(rows[:1], Path("press-dev.jsonl")) == rows[:1]


class _Desk:
    """Enough of QuoteDesk for `collect`: one question with no candidates."""

    def evidence(self, question: str, history: list) -> SimpleNamespace:
        return SimpleNamespace(candidates=[], family="speaker", unseen_names=0.0, topic_terms=1)


def test_the_fit_takes_fit_rows_and_refuses_test_rows() -> None:
    row = {"id": "q", "question": "What did Ada Vell say?", "kind": "speaker_topic"}
    found = collect(_Desk(), [row | {"split": "fit"}, row | {"split": "dev"}], progress=False)
    assert [q.family for q in found] == ["speaker", "speaker"]
    assert np.asarray(found[0].features).shape[0] == 0
    with pytest.raises(SystemExit, match="test question"):
        collect(_Desk(), [row | {"split": "test"}], progress=False)
