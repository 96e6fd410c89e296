"""Fact frames and text sources are no topic: tables of made-up questions per construction."""

from __future__ import annotations

import pytest

from app.question_facts import FRAME_RULES, KEEP_RULES, frame_rules
from app.question_parse import _nlp, parse_question

# (question, topic with any speaker words kept): the answer type, the giving verb and a text
# named as source go; what is measured or dated, and what the text is about, stay.
TOPICS = [
    # answer type + source text + giving verb; the report's subject stays (it finds the
    # article: dropping it lost 12 of 52 press dev fact answers)
    ("What figure does the report on the harbour give for the tolls?", "harbour tolls"),
    ("What figure did the report give for ferry exports?", "ferry exports"),
    ("Which year is given for the treaty in the report on Lowtown?", "treaty Lowtown"),
    (
        "How much money is mentioned for the new pier in the report on the budget?",
        "new pier budget",
    ),
    (
        "How many nurses are mentioned for the clinic in the article on the strike?",
        "nurses clinic strike",
    ),
    # a measure the text writes beside the figure stays
    (
        "What percentage is given for unemployment in the report on Westland?",
        "percentage unemployment Westland",
    ),
    # spaCy reads "does" as the main verb and "give" as a noun: still the frame
    (
        "What figure does the report on Democratic Primary give for Hadley?",
        "Democratic Primary Hadley",
    ),
    ("What figure does the report on the harbour give?", "harbour"),
    # the source is a speaker or a body: it stays (it may resolve to a speaker)
    ("What number did the mayor put on the losses?", "mayor losses"),
    ("What amount did the council cite for the repairs?", "council repairs"),
    ("What date did the agency give for the vote?", "agency vote"),
    ("How many troops does the ministry say were sent?", "troops ministry sent"),
    ("When did the union say talks would resume?", "union talks resume"),
    ("According to the ministry, how many people were evacuated?", "ministry people evacuated"),
    ("How many people were evacuated, according to the ministry?", "people evacuated ministry"),
    ("How long will the strike last, according to the report?", "strike last"),
    # "what is the figure for Y"
    ("What was the figure for ferry exports in the report?", "ferry exports"),
    # a measure named by its modifier stays whole
    ("What unemployment rate does the report give for Lowtown?", "unemployment rate Lowtown"),
    # what the counted noun is stays, and the share asked for
    ("What share of the harbour budget goes to the pier?", "share harbour budget goes to pier"),
    # a text as source in any question; a text asked about, or one named, stays
    ("What does the article say about the levy?", "levy"),
    ("What did the report on the floods say about insurers?", "floods insurers"),
    ("What did Ann Vell say about the report?", "Ann Vell report"),
    ("What did the Hutton report say about the pier?", "Hutton report pier"),
    ("Who was quoted on tolls in the story about the pier?", "tolls pier"),
    # giving as the event asked about keeps its object
    ("How much aid did Westland give to the farmers?", "aid Westland farmers"),
]


@pytest.mark.parametrize(("question", "topic"), TOPICS)
def test_fact_frame_is_no_topic(question: str, topic: str) -> None:
    assert parse_question(question).topic_with_speaker == topic


# (question, word, rule that drops it)
RULES = [
    ("What figure did the report give for exports?", "figure", "answer_type"),
    ("Which year is given for the treaty?", "year", "answer_type"),
    ("What was the figure for exports?", "figure", "answer_type"),
    ("How many nurses were hired?", "many", "how_degree"),
    ("How much money did the pier cost?", "money", "money_asked"),
    ("What figure did the report give for exports?", "give", "giving_verb"),
    ("How many nurses are mentioned for the clinic?", "mentioned", "giving_verb"),
    ("What number did the mayor put on the losses?", "on", "measure_preposition"),
    ("What share of the vote went to the Greens?", "of", "measure_preposition"),
    ("What figure did the report give for exports?", "report", "source_text"),
    ("What does the article say about the levy?", "article", "source_text"),
    ("Which year is given for the treaty in the report?", "in", "source_preposition"),
    ("How long will it last, according to the report?", "according", "source_preposition"),
    ("What did the report on the floods say?", "on", "text_about"),
]


@pytest.mark.parametrize(("question", "word", "rule"), RULES)
def test_the_rule_that_drops_a_word(question: str, word: str, rule: str) -> None:
    doc = _nlp()(question)
    position = next(t.i for t in doc if t.text == word)
    assert frame_rules(doc).get(position) == rule


# Words that stay: the frame rules read the parse, not the word alone.
KEPT = [
    ("How much aid did Westland give to the farmers?", "aid"),  # counted, not the answer type
    ("What did Ann Vell say about the report?", "report"),  # the text asked about
    ("What unemployment rate does the report give?", "rate"),  # a named measure
    ("Why did the council give the pier to Lowtown?", "give"),  # no number asked
    ("How did the mayor describe the figure?", "figure"),  # no answer type asked
    ("What did the annual report say about tolls?", "report"),  # a particular report
    ("What percentage is given for tolls?", "percentage"),  # written by the figure
    ("What share of the vote went to the Greens?", "share"),
    ("What rate does the report give for tolls?", "rate"),
    ("Which year is given for the treaty in the report on Lowtown?", "Lowtown"),  # the article
]


@pytest.mark.parametrize(("question", "word"), KEPT)
def test_words_that_stay(question: str, word: str) -> None:
    doc = _nlp()(question)
    position = next(t.i for t in doc if t.text == word)
    assert position not in frame_rules(doc)


# (question, word, keep rule that holds it against the frame rules)
HELD = [
    ("What percentage is given for tolls?", "percentage", "held_measure"),
    ("What share of the vote went to the Greens?", "share", "held_measure"),
]


@pytest.mark.parametrize(("question", "word", "rule"), HELD)
def test_the_rule_that_keeps_a_word(question: str, word: str, rule: str) -> None:
    doc = _nlp()(question)
    token = next(t for t in doc if t.text == word)
    held = [k.name for k in KEEP_RULES if k.keeps(token)]
    assert held == [rule] and token.i not in frame_rules(doc)
    assert any(r.drops(token) for r in FRAME_RULES)  # a frame rule would have dropped it


def test_every_keep_rule_has_a_case() -> None:
    assert {k.name for k in KEEP_RULES} == {rule for *_, rule in HELD}


def test_every_rule_has_a_case_and_a_unique_name() -> None:
    names = [rule.name for rule in FRAME_RULES]
    assert len(names) == len(set(names)) and set(names) == {rule for *_, rule in RULES}
