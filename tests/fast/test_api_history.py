"""`QuoteDesk.ask` with a conversation: what a follow-up carries over from earlier answers."""

from __future__ import annotations

from dataclasses import replace

import pytest


@pytest.fixture(scope="module")
def first(fake_desk):
    answer = fake_desk.ask("What did Priya Shah say about the blossom?")
    assert answer.speaker == "Priya Shah" and answer.citations
    return answer


def test_what_else_cites_what_was_not_cited_yet(fake_desk, first) -> None:
    # Only her first quotation was shown, so "else" has the other one to give.
    shown = replace(first, citations=first.citations[:1])
    again = fake_desk.ask("What else did she say?", [shown])
    assert again.speaker == "Priya Shah"
    assert again.standalone_question == "What did Priya Shah say?"
    earlier = {(c.article_id, c.start) for c in shown.citations}
    assert again.citations and earlier.isdisjoint((c.article_id, c.start) for c in again.citations)


def test_who_is_she_names_the_previous_speaker(fake_desk, first) -> None:
    answer = fake_desk.ask("Who is she?", [first])
    assert answer.speaker == "Priya Shah"
    assert answer.answer.startswith("Priya Shah is quoted 2 times in 1 article(s).")


def test_only_the_last_answer_of_the_history_counts(fake_desk, first) -> None:
    mayor = fake_desk.ask("What did Alma Ruiz say about the ferry?")
    answer = fake_desk.ask("What else did she say?", [first, mayor])
    assert answer.speaker == "Alma Ruiz"


@pytest.mark.parametrize("history", [None, []])
def test_without_history_a_pronoun_has_no_one_to_point_to(fake_desk, history) -> None:
    answer = fake_desk.ask("What else did she say?", history)
    assert answer.speaker is None and answer.standalone_question is None


def test_a_follow_up_on_a_topic_becomes_a_standalone_question(fake_desk, first) -> None:
    # "What about Y?" keeps the person asked about and takes the new topic.
    answer = fake_desk.ask("What about the ferry?", [first])
    assert answer.standalone_question == "What did Priya Shah say about ferry?"
    assert answer.speaker == "Priya Shah"
