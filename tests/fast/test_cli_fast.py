"""`quotedesk` commands through click's CliRunner on fake stores: what a user reads."""

from __future__ import annotations

import json
import os
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


CITATION_FIELDS = {
    "n", "article_id", "title", "source", "published", "url", "paragraph", "start", "end",
    "text", "speaker", "score", "sentence", "location",
}  # fmt: skip


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


@pytest.mark.parametrize(
    ("question", "article", "location", "sentence"),
    [
        ("What did Alma Ruiz say about the ferry?", "fake-ferry", "paragraph 2, sentence 1", 1),
        (
            "What did Alma Ruiz say about closing one lane?",
            "fake-harbour",
            "paragraph 2, sentence 2",
            2,
        ),
    ],
)
def test_ask_json_citations_say_where_each_span_is(
    store: str, question: str, article: str, location: str, sentence: int
) -> None:
    code, out = run("--store", store, "ask", "--json", question)
    assert code == 0
    payload = json.loads(out)
    assert not payload["abstained"] and payload["speaker"] == "Alma Ruiz"
    texts = {a["id"]: a["text"] for a in FAKE_ARTICLES}
    for cited in payload["citations"]:
        assert set(cited) == CITATION_FIELDS
        assert texts[cited["article_id"]][cited["start"] : cited["end"]] == cited["text"]
        assert cited["speaker"] == "Alma Ruiz"
    first = payload["citations"][0]
    assert (first["article_id"], first["location"], first["sentence"]) == (
        article,
        location,
        sentence,
    )


def test_ask_json_location_in_an_article_without_paragraph_breaks(
    tmp_path: Path, fake_model: None
) -> None:
    """A scraped release in one block: the location counts sentences only."""
    article = {
        "id": "made-up-release",
        "title": "Council approves the new library",
        "text": "The council met on Monday. It approved the new library by nine votes to two. "
        "\u201cReaders have waited long enough,\u201d said councillor Ines Moreau. "
        "Building starts in May.",
    }
    home = str(tmp_path / "store")
    articles = write_jsonl(tmp_path / "release.jsonl", [article])
    assert run("--store", home, "ingest", "--no-progress", str(articles))[0] == 0
    code, out = run("--store", home, "ask", "--json", "What did Moreau say about the library?")
    assert code == 0
    [citation] = json.loads(out)["citations"]
    assert citation["text"] == "Readers have waited long enough,"
    assert (citation["paragraph"], citation["sentence"]) == (1, 3)
    assert citation["location"] == "sentence 3"


def test_stats_prints_each_count_on_its_own_line(store: str) -> None:
    code, out = run("--store", store, "stats")
    assert code == 0
    lines = dict(line.split(": ", 1) for line in out.splitlines())
    assert list(lines) == ["articles", "chunks", "quotes", "speakers", "store"]
    assert lines["articles"] == "3" and int(lines["quotes"]) >= 5  # Ruiz 3, Shah 2 at least
    assert lines["store"].startswith(store)


def test_speakers_lists_quote_counts_roles_and_aliases(store: str) -> None:
    code, out = run("--store", store, "speakers")
    assert code == 0
    first, *others = out.splitlines()
    assert first == "    3  Alma Ruiz (Mayor)  aka Mayor Alma Ruiz"  # most quoted first
    assert any(line.split()[:3] == ["2", "Priya", "Shah"] for line in others)


def test_speakers_json_has_one_row_per_speaker(store: str) -> None:
    code, out = run("--store", store, "speakers", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    fields = {"name", "quotes", "articles", "role", "aliases"}
    assert all(set(row) == fields for row in rows.values())
    assert rows["Alma Ruiz"] | {"aliases": None} == {
        "name": "Alma Ruiz", "quotes": 3, "articles": 2, "role": "Mayor", "aliases": None,
    }  # fmt: skip
    assert rows["Priya Shah"]["quotes"] == 2 and rows["Priya Shah"]["articles"] == 1


def test_every_command_starts_with_the_process_switches(
    store: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quotedesk` sets the offline switches once, before a command can import the libraries."""
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "0")
    assert run("--store", store, "stats")[0] == 0
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


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


def test_eval_with_two_datasets_writes_one_side_by_side_report(store: str, tmp_path: Path) -> None:
    """`quotedesk eval --dataset DEV --dataset TEST`: the global --store is the eval's store."""
    question = {
        "kind": "speaker_topic",
        "question": "What did Alma Ruiz say about the ferry?",
        "speaker": "Alma Ruiz",
        "gold_docs": ["fake-ferry"],
        "evidence_any": ["Nurses and bakers finish work"],
    }
    dev = write_jsonl(tmp_path / "made-up-dev.jsonl", [question | {"id": "d", "split": "dev"}])
    test = write_jsonl(tmp_path / "made-up-test.jsonl", [question | {"id": "t", "split": "test"}])
    corpus = write_jsonl(tmp_path / "articles.jsonl", FAKE_ARTICLES)
    out = tmp_path / "out"
    code, printed = run(
        "--store", store, "eval", "--dataset", str(dev), "--dataset", str(test),
        "--corpus", str(corpus), "--systems", "quotedesk", "--no-progress", "--out", str(out),
    )  # fmt: skip
    assert code == 0, printed
    assert printed.startswith("| metric | quotedesk dev | quotedesk test | quotedesk gap |\n")
    assert "| evidence hit@1 (strict) | 1.000 | 1.000 | +0.000 |" in printed
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Evaluation: dev vs test\n")
    dev_report = (out / "made-up-dev" / "report.md").read_text(encoding="utf-8")
    assert "ingest: 0 added, 0 updated, 3 unchanged" in dev_report  # the store stays as it was
    assert (out / "made-up-test" / "results.json").is_file()


def test_python_dash_m_app_with_arguments_is_the_command() -> None:
    """`python -m app quotes --help` once started the chat server and ignored its arguments."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "app", "quotes", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Usage: quotedesk quotes" in done.stdout
