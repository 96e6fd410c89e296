"""`evals.description_census`: which speakers count as descriptions, and which quotes a
comparison of two dumps lists. No extraction runs here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.description_census import compare, lower_case


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [("company", True), ("prime minister", True), ("Vellcorp", False), ("", False), (None, False)],
)
def test_lower_case(speaker: str | None, expected: bool) -> None:
    assert lower_case(speaker) is expected


def test_compare_lists_changed_speakers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    old, new = tmp_path / "old.jsonl", tmp_path / "new.jsonl"
    rows = [("a", 1, "company", "Vellcorp"), ("a", 9, "Ana Vell", "Ana Vell")]
    old.write_text(
        "".join(
            json.dumps({"id": i, "start": s, "speaker": o, "np": "x"}) + "\n" for i, s, o, _ in rows
        )
    )
    new.write_text(
        "".join(
            json.dumps({"id": i, "start": s, "speaker": n, "np": "x"}) + "\n" for i, s, _, n in rows
        )
    )
    compare(old, new)
    assert capsys.readouterr().out.splitlines() == ['["a", 1, "x", "company", "Vellcorp"]']
