"""The eval datasets stay valid: every evidence string is verbatim in its gold articles and no
article containing one is missing from gold_docs (evals/datasets/verify.py). Each hand-written
set is checked against its own corpus when that corpus is present (../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evals.split import split_of
from tests.helpers import BBC, ROOT, SHARED

DATASETS = ROOT / "evals" / "datasets"
PRESS = SHARED / "corpus" / "ua_ru_presidential_press" / "articles.jsonl"


def test_datasets_verify() -> None:
    files = [DATASETS / "sample.jsonl"]
    files += [DATASETS / "bbc.jsonl"] if BBC.is_file() else []
    files += [DATASETS / "press.jsonl"] if PRESS.is_file() else []
    command = [sys.executable, "evals/datasets/verify.py", "--bbc", str(BBC), "--press", str(PRESS)]
    result = subprocess.run([*command, *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: all checks passed" in result.stdout


def test_press_set_is_split_by_article_and_keeps_its_sources() -> None:
    """The hand-written press set needs no corpus for this: at least 60 rows, every kind in
    each split, the split of each answerable row is its gold article's, and a source url."""
    with open(DATASETS / "press.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    assert len(rows) >= 60
    kinds = {"speaker_topic", "who_said", "fact", "followup", "unanswerable"}
    for split in ("dev", "test"):
        assert {r["kind"] for r in rows if r["split"] == split} == kinds
    for row in rows:
        if row["kind"] != "unanswerable":
            assert row["split"] == split_of(row["gold_spans"][0][0])
            assert row["source_url"].startswith("http")


def _verify_rows(tmp_path: Path, rows: list[str]) -> subprocess.CompletedProcess[str]:
    """verify.py on one dataset file of `rows` (raw lines) against a two-article corpus."""
    corpus = tmp_path / "bbc-articles.jsonl"
    articles = [
        {"id": "a1", "text": "Tom Reed said the Westland bridge will open in spring next year."},
        {"id": "a2", "text": "Ana Vell spoke about the harbour."},
    ]
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    dataset = tmp_path / "bbc-dev-crossed.jsonl"
    dataset.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    command = [sys.executable, "evals/datasets/verify.py", str(dataset)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


def _crossed(**fields: object) -> str:
    row = {
        "id": "gen-bbc-crossed-1",
        "question": "Who said that the harbour tunnel is closed?",
        "kind": "unanswerable",
        "speaker": None,
        "gold_docs": [],
        "evidence_any": [],
        "source_corpus": "press",
        "source_id": "gen-press-1",
    }
    return json.dumps({**row, **fields})


def test_verify_accepts_crossed_items_and_names_each_bad_line(tmp_path: Path) -> None:
    """A crossed item's source fields are known fields; a line that is no JSON, an empty
    source id and an evidence string absent from its gold article are one problem each."""
    assert _verify_rows(tmp_path, [_crossed()]).returncode == 0
    answerable = _crossed(
        id="q2",
        kind="speaker_topic",
        gold_docs=["a1"],
        evidence_any=["the Westland tunnel will open"],
    )
    result = _verify_rows(tmp_path, ["{not json", _crossed(source_id=" "), answerable])
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("  - ")]
    assert len(problems) == 4, result.stdout
    assert "bbc-dev-crossed.jsonl:1: invalid JSON" in problems[0]
    assert "source_id must be a non-empty string" in problems[1]
    assert "does not occur verbatim in any gold doc" in problems[2]
    assert "gold doc a1 contains none of the evidence strings" in problems[3]
