"""`quotedesk quotes FILE --explain / --json`: each quote names the rule that produced it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli

ARTICLE = {
    "id": "harbour-1",
    "title": "Harbour",
    "text": '"We will rebuild the pier," said Mayor Dana Ortiz. '
    "The council said the budget was final.",
}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


# (option, what the output must contain)
OUTPUTS = [
    ("--explain", "[rule: verb_then_name]"),
    ("--explain", "[rule: thatless_clause]"),
    ("--json", '"rule": "verb_then_name"'),
]


@pytest.mark.parametrize(("option", "shown"), OUTPUTS)
def test_quotes_show_their_rule(article: Path, tmp_path: Path, option: str, shown: str) -> None:
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["--store", store, "quotes", str(article), option])
    assert result.exit_code == 0, result.output
    assert shown in result.output


def test_an_unreadable_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "s"), "quotes", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:1" in result.output and "Traceback" not in result.output
