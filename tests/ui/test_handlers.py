"""The chat's handlers on a test double of `QuoteDesk` (no model, no server): what reaches the
chat for empty, over-long and filtered questions, and what the upload handler leaves behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import QuoteDesk
from app.types import Answer, Filters
from app.ui import new_chat, on_load, respond, save_conversation


class FakeDesk:
    """Answers every question with one fixed sentence; the store holds two undated articles."""

    default_mode = "quotes"

    def __init__(self, undated: list[str] | None = None) -> None:
        self.undated = undated if undated is not None else ["Pier plans", "Quay works"]
        self.asked: list[tuple[str, Filters | None]] = []

    def unknown_speaker(self, filters: Filters) -> str | None:
        known = filters.speaker in (None, "Alma Ruiz")
        return None if known else f"{filters.speaker} is not quoted in the articles."

    def undated_articles(self) -> list[str]:
        return self.undated

    question_notice = staticmethod(QuoteDesk.question_notice)

    def ask_stream(self, question, history, mode, filters) -> Iterator[Answer]:
        self.asked.append((question, filters))
        yield Answer(question=question[:2000], answer="The pier reopens in May.", abstained=False)

    def article(self, article_id: str):
        return None


def final(outputs) -> tuple:
    *_, last = outputs
    return last


def answer_text(chat: list[dict]) -> str:
    return chat[-1]["content"]


RESPOND_CASES = [
    # (question, speaker, since, text in the last answer, asked the desk)
    ("When does the pier reopen?", "", "", "The pier reopens in May.", True),
    (
        "When does the pier reopen?",
        "Olaf Quist",
        "",
        "Olaf Quist is not quoted in the articles.",
        False,
    ),
    (
        "When?",
        "",
        "2024-01-01",
        "2 articles have no date and are left out: ‘Pier plans’, ‘Quay works’",
        True,
    ),
    ("When?", "", "soon", "Filter not applied: dates must look like 2024-01-31.", False),
    (
        "When? " + "x" * 3_000,
        "",
        "",
        "Your question was 3,006 characters; only the first 2,000 were used.",
        True,
    ),
]


@pytest.mark.parametrize(("question", "speaker", "since", "shown", "asked"), RESPOND_CASES)
def test_what_the_chat_shows(question, speaker, since, shown, asked) -> None:
    desk = FakeDesk()
    box, chat, history, sources, markdown = final(
        respond(desk, question, [], "quotes", speaker, "", since, "")
    )
    assert shown in answer_text(chat)
    assert bool(desk.asked) == asked
    assert len(history) == 1 and markdown.startswith("# quotedesk conversation")


def test_a_date_range_over_dated_articles_adds_no_notice() -> None:
    *_, markdown = final(
        respond(FakeDesk(undated=[]), "When?", [], "quotes", "", "", "2024-01-01", "")
    )
    assert "no date" not in markdown


def test_an_empty_question_asks_nothing(monkeypatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr("app.ui.gr.Warning", warnings.append)
    desk = FakeDesk()
    outputs = list(respond(desk, "   ", [], "quotes"))
    assert len(outputs) == 1 and not desk.asked
    assert warnings == ["Type a question first: the box is empty."]


def test_an_unknown_mode_is_answered_without_echo() -> None:
    desk = FakeDesk()
    _, chat, *_ = final(respond(desk, "When?", [], "<b>" + "m" * 5_000))
    assert "Unknown answer mode" in answer_text(chat) and "mmmm" not in answer_text(chat)
    assert not desk.asked


def test_the_conversation_is_saved_and_comes_back_on_load(monkeypatch) -> None:
    desk = FakeDesk()
    *_, history, _, _ = final(respond(desk, "When does the pier reopen?", [], "quotes"))
    saved, exported = save_conversation(history)
    assert '"question": "When does the pier reopen?"' in exported
    monkeypatch.setattr("app.ui.render_stats", lambda stats: "")
    monkeypatch.setattr("app.ui.filter_choices", lambda desk: (None, None))
    monkeypatch.setattr("app.ui.example_updates", lambda desk: [None] * 3)
    desk.stats = dict
    loaded = on_load(desk, saved)
    chat, restored_history = loaded[6], loaded[7]
    assert restored_history == history and "The pier reopens in May." in chat[-1]["content"]
    assert on_load(desk, "tampered")[7] == []
    assert new_chat()[1] == [] and new_chat()[5] == []


def test_an_ingested_upload_moves_into_the_store(tmp_path: Path) -> None:
    from app.uploads import UPLOADS_FOLDER, ingest_upload
    from ingest.pipeline import IngestReport

    class Store:
        def __init__(self) -> None:
            self.settings = type("S", (), {"store_dir": tmp_path / "store"})()
            self.ingested: list[Path] = []

        def ingest(self, paths, progress=False) -> IngestReport:
            self.ingested += paths
            return IngestReport(added=1)

    temp = tmp_path / "gradio" / "abc123"
    temp.mkdir(parents=True)
    upload = temp / "pier.txt"
    upload.write_text("Pier plans\n\nThe pier reopens in May.", encoding="utf-8")
    desk = Store()
    row = ingest_upload(desk, upload, max_bytes=10_000)
    assert row.status == "added"
    [kept] = desk.ingested
    assert kept.parent == tmp_path / "store" / UPLOADS_FOLDER and kept.name.endswith("-pier.txt")
    assert kept.read_text(encoding="utf-8").endswith("reopens in May.")
    assert not temp.exists()  # nothing left in Gradio's shared folder


def test_a_refused_question_is_shown_clean_and_bounded() -> None:
    question = "\x1b[31mWhat did Olaf say?" + " x" * 5_000
    _, chat, history, *_ = final(respond(FakeDesk(), question, [], "quotes", "Olaf Quist"))
    assert history[0].question.startswith("What did Olaf say?")
    assert len(history[0].question) == 2_000 and "[31m" not in chat[0]["content"]
