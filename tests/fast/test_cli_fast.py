"""`quotedesk` commands through click's CliRunner on fake stores: what a user reads."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.api import QuoteDesk
from app.cli import cli
from tests.helpers import FAKE_ARTICLES, ROOT, fake_desk_from_settings, write_jsonl


@pytest.fixture(scope="module")
def fake_model() -> Iterator[None]:
    """Every desk the CLI opens in this module embeds with `FakeEmbedder`, not the model."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            QuoteDesk, "from_settings", classmethod(lambda cls, s: fake_desk_from_settings(s))
        )
        yield


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, fake_model: None) -> str:
    """A store folder holding `FAKE_ARTICLES`, ingested through the CLI (read-only after)."""
    folder = tmp_path_factory.mktemp("cli")
    home = str(folder / "store")
    articles = write_jsonl(folder / "articles.jsonl", FAKE_ARTICLES)
    result = CliRunner().invoke(cli, ["--store", home, "ingest", "--no-progress", str(articles)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 added, 0 updated, 0 unchanged, 0 failed;")
    return home


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_ask_prints_the_answer_and_each_source(store: str) -> None:
    code, out = run("--store", store, "ask", "What did Priya Shah say about the blossom?")
    assert code == 0
    answer, sources = out.split("\nSources:\n")
    assert answer.startswith("Priya Shah said: “We lost almost half of the blossom")
    assert sources.startswith(
        "[1] Priya Shah: Orchard growers warn of a poor apple harvest — Farm Weekly, 2031-06-15"
    )


def test_ask_json_is_the_documented_schema(store: str) -> None:
    code, out = run("--store", store, "ask", "--json", "--speaker", "Alma Ruiz", "ferry?")
    assert code == 0
    payload = json.loads(out)
    assert payload["speaker"] == "Alma Ruiz" and payload["notice"] == "Filtered to Alma Ruiz"
    assert payload["citations"][0]["article_id"] == "fake-ferry"
    assert set(payload) == {
        "question", "answer", "abstained", "citations", "timings_ms", "speaker",
        "standalone_question", "notice", "generation",
    }  # fmt: skip


def test_a_bad_date_is_a_usage_error(store: str) -> None:
    code, out = run("--store", store, "ask", "--since", "June", "ferry?")
    assert code == 2 and "since must be a date like 2022-01-27, not 'June'" in out


def test_stats_and_speakers(store: str) -> None:
    code, out = run("--store", store, "stats")
    assert code == 0 and "articles: 3" in out.splitlines()
    code, out = run("--store", store, "speakers", "--json")
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["Alma Ruiz"]["quotes"] == 3 and rows["Alma Ruiz"]["articles"] == 2


def test_quotes_of_a_stored_article_for_one_speaker(store: str) -> None:
    code, out = run("--store", store, "quotes", "fake-harbour", "--speaker", "Ruiz")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and all("Alma Ruiz, Mayor:" in line for line in lines)
    code, out = run("--store", store, "quotes", "no-such-article")
    assert code == 1 and "no-such-article: no such file or stored article id" in out


def test_quotes_of_a_file_that_is_not_ingested(tmp_path: Path, fake_model: None) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Title\n\n“The dam will hold,” said engineer Mei Lin.\n", encoding="utf-8")
    code, out = run("quotes", "--json", str(path))
    assert code == 0
    [quote] = json.loads(out)
    assert quote["text"].startswith("The dam will hold") and quote["speaker"] == "Mei Lin"


def test_eval_is_registered_without_importing_evals() -> None:
    """The CLI's module load must not import the yardstick (evals imports the app)."""
    code = "import sys, app.cli; print(sorted(m for m in sys.modules if m.startswith('evals')))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
    exit_code, out = run("eval", "--help")
    assert exit_code == 0 and out.startswith("Usage: quotedesk eval [OPTIONS]")
    assert "--dataset FILE" in out and "--chroma-url" in out
