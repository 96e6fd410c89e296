"""The eval datasets stay valid: every evidence string is verbatim in its gold articles and no
article containing one is missing from gold_docs (evals/datasets/verify.py)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import BBC, ROOT


def test_datasets_verify() -> None:
    command = [sys.executable, "evals/datasets/verify.py", "--bbc", str(BBC)]
    if not BBC.is_file():
        command.append(str(ROOT / "evals" / "datasets" / "sample.jsonl"))
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: all checks passed" in result.stdout
