"""The story a who-said question names (`app.question_story.STORY_RULES`): the rule that finds
it and its words, which `parse_question` keeps out of the topic as `story_hint`.

Made-up questions only.
"""

from __future__ import annotations

import pytest

from app.question_parse.parse import parse_question
from app.question_parse.pipeline import nlp as _nlp
from app.question_story import STORY_RULES, story_hint

# (question, rule, the words of the story)
STORIES = [
    ("Who talked about the pier in connection with the tolls?", "linked", "the tolls"),
    ("Who spoke about the levy in relation to Westland?", "linked", "Westland"),
    ("Who talked about the ferry with regard to the new levy?", "linked", "the new levy"),
    ("Who talked about the ferry with reference to Ola Tamm?", "linked", "Ola Tamm"),
    ("Which person was quoted on the levy in the story about the pier?", "story_about", "the pier"),
    ("Who was quoted on the fares in the report on Ida Vale?", "story_about", "Ida Vale"),
    ("Who spoke about the dam in the article about the floods?", "story_about", "the floods"),
]

# Questions that name no story: a linking noun that is the topic, a text asked about.
NO_STORY = [
    "Who spoke about friendly relations?",
    "Who spoke about the relations and the status?",
    "Who criticised the report?",
    "Who warned about the floods?",
]


@pytest.mark.parametrize(("question", "rule", "words"), STORIES)
def test_story_rules(question: str, rule: str, words: str) -> None:
    doc = _nlp()(question)
    hint = story_hint(doc)
    assert hint is not None and hint.rule == rule
    assert " ".join(doc[i].text for i in sorted(hint.positions)) == words


@pytest.mark.parametrize("question", NO_STORY)
def test_no_story(question: str) -> None:
    assert story_hint(_nlp()(question)) is None


def test_every_rule_has_a_case() -> None:
    assert {rule for _, rule, _ in STORIES} == {r.name for r in STORY_RULES}


def test_a_story_that_is_the_whole_topic_stays_the_topic() -> None:
    """ "Who spoke in relation to the tolls?": nothing else says what was said."""
    parsed = parse_question("Who spoke in relation to the tolls?")
    assert (parsed.topic, parsed.story_hint) == ("tolls", "")


def test_a_question_about_a_person_reads_no_story() -> None:
    """Only who-said questions: "What did Ana Vell say about the pier in connection with the
    tolls?" keeps both in the topic."""
    parsed = parse_question("What did Ana Vell say about the pier in connection with the tolls?")
    assert parsed.story_hint == ""
    assert "tolls" in parsed.topic.split()
