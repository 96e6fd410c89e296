"""The eval datasets stay valid: every evidence string is verbatim in its gold articles and no
article containing one is missing from gold_docs (evals/datasets/verify.py). Each hand-written
set is checked against its own corpus when that corpus is present (../shared)."""

from __future__ import annotations

import json
import subprocess
import sys

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
