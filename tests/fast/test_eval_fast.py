"""The eval's four steps on the fake desk and made-up questions: every question through
quotedesk and BM25, scored with known answers, and every output file written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.run import EvalOptions, limit_rows, run_eval
from ingest.pipeline import PIPELINE_VERSION
from tests.helpers import write_jsonl

QUESTIONS = [
    {
        "id": "q1",
        "kind": "speaker_topic",
        "question": "What did Priya Shah say about the blossom?",
        "speaker": "Priya Shah",
        "gold_docs": ["fake-orchard"],
        "evidence_any": ["We lost almost half of the blossom in a single night"],
    },
    {
        "id": "q2",
        "kind": "who_said",
        "question": "Who said the steel is tired?",
        "speaker": "Alma Ruiz",
        "gold_docs": ["fake-harbour"],
        "evidence_any": ["the steel is tired"],
        "expect_in_answer": ["Ruiz"],
    },
    {
        "id": "q3",
        "kind": "followup",
        "question": "What else did she say?",
        "context": ["What did Priya Shah say about the blossom?"],
        "speaker": "Priya Shah",
        "gold_docs": ["fake-orchard"],
        "evidence_any": ["Prices for apples will rise this autumn"],
    },
    {"id": "q4", "kind": "unanswerable", "question": "What is the capital of Mongolia?"},
]


def test_eval_scores_quotedesk_and_bm25_and_writes_every_output(
    fake_desk, fake_articles: Path, tmp_path: Path
) -> None:
    """On the shared fake store, so the corpus ingest is the "unchanged" no-op."""

    def open_fake(store_dir: Path, **_overrides: str | None):
        assert store_dir == fake_desk.settings.store_dir
        return fake_desk

    options = EvalOptions(
        dataset=write_jsonl(tmp_path / "made-up.jsonl", QUESTIONS),
        corpus=fake_articles,
        store=fake_desk.settings.store_dir,
        systems=("quotedesk", "bm25"),
        out=tmp_path / "out",
        progress=False,
        command_line="pytest",
    )
    result = run_eval(options, open_desk=open_fake)

    for name in ("report.md", "results.json", "metrics.png", "by_kind.png"):
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    written = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    meta = written["meta"]
    assert (meta["questions"], meta["articles"], meta["prompt_version"]) == (4, 3, "extractive")
    assert meta["systems"] == ["quotedesk", "bm25"] and meta["command"] == "pytest"
    assert meta["system_settings"]["quotedesk"]["prompt_version"] == "extractive"
    assert len(written["questions"]) == 4 * 2
    assert meta["setup"]["ingest"].startswith("0 added, 0 updated, 3 unchanged")
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert f"- Versions: pipeline {PIPELINE_VERSION}, quotedesk " in report

    quotedesk = result["summary"]["quotedesk"]
    assert quotedesk["speaker_accuracy"] == 1.0  # "Ruiz" is named in the who-said answer
    assert quotedesk["abstention"] == 1.0 and quotedesk["hit1_strict"] == 1.0
    assert quotedesk["cit_speaker_share"] == 1.0
    # BM25 cites its top two, whoever speaks: less precise than the speaker's own quotes.
    assert result["summary"]["bm25"]["cit_precision_strict"] < quotedesk["cit_precision_strict"]
    assert set(result["by_kind"]) == {"speaker_topic", "who_said", "followup", "unanswerable"}


def test_an_unknown_system_is_a_usage_error(tmp_path: Path) -> None:
    import click

    options = EvalOptions(dataset=write_jsonl(tmp_path / "q.jsonl", QUESTIONS), systems=("x",))
    with pytest.raises(click.UsageError, match="unknown system"):
        run_eval(options, open_desk=lambda *_a, **_k: pytest.fail("opened a desk"))


ROWS = [{"id": f"{kind}{n}", "kind": kind} for n in range(3) for kind in ("a", "b", "c")]


@pytest.mark.parametrize(
    ("limit", "ids"),
    [
        (None, [r["id"] for r in ROWS]),
        (2, ["a0", "b0"]),
        (4, ["a0", "b0", "c0", "a1"]),
        (100, [r["id"] for r in ROWS]),
    ],
)
def test_limit_takes_questions_round_robin_across_kinds(limit: int | None, ids: list[str]) -> None:
    assert [r["id"] for r in limit_rows(list(ROWS), limit)] == ids
