"""The eval end to end on the sample: three systems, a few questions, every output written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from evals.metrics import SHARE_KEYS
from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.slow

DATASET = ROOT / "evals" / "datasets" / "sample.jsonl"


def test_eval_on_the_sample_writes_report_results_and_plots(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [
        "eval",
        "--dataset", str(DATASET),
        "--corpus", str(SAMPLE),
        "--store", str(tmp_path / "store"),
        "--systems", "quotedesk,llamaindex,bm25",
        "--out", str(out),
        "--limit", "5",
        "--no-progress",
    ]  # fmt: skip
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "| metric | quotedesk | llamaindex | bm25 |" in result.output

    for name in ("report.md", "results.json", "metrics.png", "by_kind.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["meta"]["prompt_version"] == "extractive"
    assert results["meta"]["questions"] == 5
    assert {r["kind"] for r in results["questions"]} == {
        "speaker_topic", "who_said", "fact", "followup", "unanswerable"
    }  # fmt: skip
    assert len(results["questions"]) == 5 * 3
    for system, summary in results["summary"].items():
        for key in SHARE_KEYS:
            value = summary[key]
            assert value is None or 0.0 <= value <= 1.0, (system, key, value)
    assert results["summary"]["quotedesk"]["cit_recall_strict"] > 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "## Summary" in report and "![metrics](metrics.png)" in report
