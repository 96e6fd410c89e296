"""A speaker filter naming nobody stored is answered plainly by every entry point (the API,
hence the CLI and the chat), never with another person's words."""

from __future__ import annotations

from app.types import Filters


def test_a_filter_on_an_unknown_speaker_says_they_are_not_quoted(fake_desk) -> None:
    answer = fake_desk.ask("What did she say about the bridge?", filters=Filters("Olaf Quist"))
    assert answer.abstained and not answer.citations
    assert answer.answer == "Olaf Quist is not quoted in the articles."


def test_a_filter_on_a_known_speaker_still_answers(fake_desk) -> None:
    answer = fake_desk.ask("What did she say about the bridge?", filters=Filters("Alma Ruiz"))
    assert not answer.abstained
    assert {c.speaker for c in answer.citations} == {"Alma Ruiz"}
