"""The tool handlers of the chat and its tabs on a test double of `QuoteDesk` (no model, no
server): routing a tool request away from `ask`, one-line failures, the answer download."""

from __future__ import annotations

import gradio as gr
import pytest

from app.types import Answer, Citation
from app.ui import answer_download, latest_sources, respond
from app.ui_tools import prepare_export, run_compare, show_speaker


class ToolDesk:
    """Every tool fails as the real desk does for a name it does not know; `ask` records."""

    default_mode = "quotes"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def unknown_speaker(self, filters) -> None:
        return None

    def question_notice(self, question: str) -> None:
        return None

    def ask_stream(self, question, history, mode, filters):
        self.asked.append(question)
        yield Answer(question=question, answer="An answer.", abstained=False)

    def compare(self, first: str, second: str, topic: str | None = None):
        raise ValueError(f"{first} is not quoted in the articles")

    def speaker_profile(self, name: str):
        raise ValueError(f"{name} is not quoted in the articles")

    def export(self, fmt, speaker=None, topic=None, answer=None) -> str:
        return f"{fmt}:{len(answer.citations) if answer else speaker}"

    def article(self, article_id: str):
        return None


CITED = Answer(
    question="q",
    answer="Said [1].",
    abstained=False,
    citations=[Citation(1, "a1", "Pier news", None, None, None, 1, 0, 4, "Pier")],
)


def test_an_explicit_tool_request_never_reaches_ask_and_fails_in_one_line() -> None:
    desk = ToolDesk()
    *_, (box, chat, history, sources, markdown) = respond(
        desk, "Compare Olaf Quist and Alma Ruiz on the pier", []
    )
    assert desk.asked == [] and box == ""
    assert "Olaf Quist is not quoted in the articles" in chat[-1]["content"]
    assert history[-1].abstained and "No sources" in sources


def test_a_question_goes_to_ask() -> None:
    desk = ToolDesk()
    list(respond(desk, "What did Alma Ruiz say about the pier?", []))
    assert desk.asked == ["What did Alma Ruiz say about the pier?"]


@pytest.mark.parametrize(
    ("who", "asked", "problem"),
    [
        ("", "", "Pick a speaker or type a question"),
        ("Alma Ruiz", "When?", "Pick a speaker or type a question"),
    ],
)
def test_export_needs_a_speaker_or_a_question(who: str, asked: str, problem: str) -> None:
    status, text, button = prepare_export(ToolDesk(), who, "", asked, "csv")
    assert problem in status and text == "" and button["visible"] is False


def test_tabs_say_what_failed_in_one_line() -> None:
    html, sources = run_compare(ToolDesk(), "Olaf Quist", "Alma Ruiz", "")
    assert html == '<p class="qd-problem">Olaf Quist is not quoted in the articles</p>'
    figure, page, sources = show_speaker(ToolDesk(), "Olaf <Quist>")
    assert figure is None and "Olaf &lt;Quist&gt; is not quoted" in page


def test_the_answer_download_follows_the_latest_turn_and_format() -> None:
    desk = ToolDesk()
    assert answer_download(desk, [], "csv") == ""
    assert answer_download(desk, [CITED], "md") == "md:1"
    assert answer_download(desk, [CITED], "xlsx") == ""
    assert latest_sources(desk, []) == gr.skip()  # never empties a restored panel
    assert 'id="source-1"' in latest_sources(desk, [CITED])
