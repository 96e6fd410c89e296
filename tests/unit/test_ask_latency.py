"""The latency benchmark's question files: dev rows read, test rows refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.ask_latency import percentiles, read_questions


def _write(path: Path, rows: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_dev_rows_and_plain_lines_are_read_in_order(tmp_path: Path) -> None:
    rows = [{"question": "What did A say?", "split": "dev"}, "", "Who said B?", {"question": "C?"}]
    assert read_questions(_write(tmp_path / "q.jsonl", rows)) == [
        "What did A say?",
        "Who said B?",
        "C?",
    ]


def test_a_file_with_test_rows_is_refused(tmp_path: Path) -> None:
    rows = [{"question": "What did A say?", "split": "dev"}, {"question": "B?", "split": "test"}]
    with pytest.raises(SystemExit, match="test rows"):
        read_questions(_write(tmp_path / "q.jsonl", rows))


def test_percentiles_take_the_nearest_rank_below() -> None:
    assert percentiles([float(n) for n in range(1, 21)]) == (10.5, 19.0)
