"""`QuoteDesk.warm_up`: a long-lived process (the served chat) loads what the first question
would wait for (the parser, the question encoder, the speaker index) before it is asked; a
one-shot `quotedesk ask` never pays for it; a failure is one log line, never an error."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import app.question_parse.pipeline
from app.api import QuoteDesk
from app.cli import cli
from app.question_parse.parse import parse_question
from tests.helpers import FAKE_ARTICLES, fake_desk_from_settings, fake_desk_with, write_jsonl


@pytest.fixture
def desk(tmp_path: Path) -> QuoteDesk:
    return fake_desk_with(tmp_path, FAKE_ARTICLES)


def test_warm_up_loads_the_parser_and_embeds_a_query(desk, monkeypatch, caplog) -> None:
    monkeypatch.setattr(app.question_parse.pipeline, "_PIPELINE", [])  # as in a fresh process
    parse_question.cache_clear()  # an earlier test may have parsed it
    embedder = desk.retriever.embedder
    query, asked = embedder.query, []
    monkeypatch.setattr(embedder, "query", lambda text: asked.append(text) or query(text))
    with caplog.at_level(logging.WARNING, logger="app.api"):
        desk.warm_up()
    assert len(app.question_parse.pipeline._PIPELINE) == 1
    assert asked and "Westland" in asked[0]  # the invented question's topic
    assert desk._speaker_index is not None
    assert not caplog.records


def test_the_chat_warms_up_in_a_daemon_thread(desk, monkeypatch) -> None:
    from app.ui import warm_up_in_background

    matplotlib = pytest.importorskip("matplotlib")
    ran: list[str] = []
    monkeypatch.setattr(desk, "warm_up", lambda: ran.append("desk"))
    monkeypatch.setattr(matplotlib, "get_backend", lambda: ran.append("backend") or "agg")
    thread = warm_up_in_background(desk)
    thread.join(timeout=60)
    assert thread.daemon and ran == ["desk", "backend"]


def test_a_failed_warm_up_is_one_log_line(desk, monkeypatch, caplog) -> None:
    def broken(question: str) -> None:
        raise OSError("model file gone")

    monkeypatch.setattr(desk, "evidence", broken)
    with caplog.at_level(logging.WARNING, logger="app.api"):
        desk.warm_up()
    assert [r.getMessage() for r in caplog.records] == [
        "warm-up failed, the first question loads the models (model file gone)"
    ]


def test_a_one_shot_ask_does_not_warm_up(tmp_path: Path, monkeypatch) -> None:
    warmed: list[QuoteDesk] = []
    monkeypatch.setattr(
        QuoteDesk, "from_settings", classmethod(lambda c, s: fake_desk_from_settings(s))
    )
    monkeypatch.setattr(QuoteDesk, "warm_up", lambda self: warmed.append(self))
    home = str(tmp_path / "store")
    articles = write_jsonl(tmp_path / "articles.jsonl", FAKE_ARTICLES)
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--store", home, "ingest", "--no-progress", str(articles)]).exit_code
        == 0
    )
    result = runner.invoke(
        cli, ["--store", home, "ask", "What did Priya Shah say about the blossom?"]
    )
    assert result.exit_code == 0, result.output
    assert "Priya Shah" in result.output and warmed == []
