"""Questions the store cannot answer (a speaker nobody stored, a topic no article mentions)
are declined plainly by every entry point (the API, hence the CLI and the chat), never
answered with other words."""

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


def test_a_topic_no_article_mentions_is_declined_not_answered(fake_desk) -> None:
    """However close a vector lands, no passage is about a word the store never holds."""
    answer = fake_desk.ask("What did Alma Ruiz say about zebras?")
    assert answer.abstained and not answer.citations
    assert answer.answer == "The articles do not cover this question: none mentions zebras."


def test_a_topic_the_articles_mention_is_answered(fake_desk) -> None:
    answer = fake_desk.ask("What did Alma Ruiz say about the bridge?")
    assert not answer.abstained and answer.citations
