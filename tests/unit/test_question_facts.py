"""Fact frames and text sources are no topic: tables of made-up questions per construction."""

from __future__ import annotations

import pytest

from app.question_facts import FRAME_RULES, KEEP_RULES, frame_rules, frame_words, measured_words
from app.question_parse.parse import parse_question
from app.question_parse.pipeline import nlp as _nlp

# (question, the frame's words): the answer type, the giving verb and a text named as source
# go; what is measured or dated, and what the text is about, stay. `parse_question` drops them
# in who-said questions only: the general and speaker trees read topics with them (q26).
FRAMES = [
    # answer type + source text + giving verb; the report's subject stays (it finds the
    # article: dropping it lost 12 of 52 press dev fact answers)
    (
        "What figure does the report on the harbour give for the tolls?",
        ["figure", "report", "on", "give", "for"],
    ),
    ("What figure did the report give for ferry exports?", ["figure", "report", "give", "for"]),
    (
        "Which year is given for the treaty in the report on Lowtown?",
        ["year", "given", "for", "in", "report", "on"],
    ),
    (
        "How much money is mentioned for the new pier in the report on the budget?",
        ["much", "money", "mentioned", "for", "in", "report", "on"],
    ),
    (
        "How many nurses are mentioned for the clinic in the article on the strike?",
        ["many", "mentioned", "for", "in", "article", "on"],
    ),
    # a measure the text writes beside the figure stays
    (
        "What percentage is given for unemployment in the report on Westland?",
        ["given", "for", "in", "report", "on"],
    ),
    # spaCy reads "does" as the main verb and "give" as a noun: still the frame
    (
        "What figure does the report on Democratic Primary give for Hadley?",
        ["figure", "report", "on", "give", "for"],
    ),
    ("What figure does the report on the harbour give?", ["figure", "report", "on", "give"]),
    # the source is a speaker or a body: it stays (it may resolve to a speaker)
    ("What number did the mayor put on the losses?", ["number", "put", "on"]),
    ("What amount did the council cite for the repairs?", ["amount", "cite", "for"]),
    ("What date did the agency give for the vote?", ["date", "give", "for"]),
    ("How many troops does the ministry say were sent?", ["many"]),
    ("When did the union say talks would resume?", []),
    ("According to the ministry, how many people were evacuated?", ["many"]),
    ("How many people were evacuated, according to the ministry?", ["many"]),
    (
        "How long will the strike last, according to the report?",
        ["long", "according", "to", "report"],
    ),
    # "what is the figure for Y"
    ("What was the figure for ferry exports in the report?", ["figure", "for", "in", "report"]),
    # a measure named by its modifier stays whole
    ("What unemployment rate does the report give for Lowtown?", ["report", "give", "for"]),
    # what the counted noun is stays, and the share asked for
    ("What share of the harbour budget goes to the pier?", ["of"]),
    # a text as source in any question; a text asked about, or one named, stays
    ("What does the article say about the levy?", ["article"]),
    ("What did the report on the floods say about insurers?", ["report", "on"]),
    ("What did Ann Vell say about the report?", []),
    ("What did the Hutton report say about the pier?", []),
    ("Who was quoted on tolls in the story about the pier?", ["in", "story", "about"]),
    # giving as the event asked about keeps its object
    ("How much aid did Westland give to the farmers?", ["much", "give", "to"]),
]


@pytest.mark.parametrize(("question", "words"), FRAMES)
def test_fact_frame_words(question: str, words: list[str]) -> None:
    doc = _nlp()(question)
    assert [doc[i].text for i in sorted(frame_words(doc))] == words


def test_frames_leave_a_who_said_topic() -> None:
    """`parse_question` reads the frames in who-said questions only (docs/notes/q26.md)."""
    parsed = parse_question("Which person was quoted on ferry exports in the report on Lowtown?")
    assert (parsed.topic, parsed.story_hint) == ("ferry exports", "Lowtown")


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


# (question, what it measures and where: `ParsedQuestion.measured`, the words a passage
# answering it holds): the frame and the answer type go, the kept measure too ("percentage":
# the passage writes "%"), in every kind of question.
MEASURED = [
    ("What figure does the report on the harbour give for the tolls?", "harbour tolls"),
    (
        "What percentage is given for unemployment in the report on Westland?",
        "unemployment Westland",
    ),
    (
        "How many nurses are mentioned for the clinic in the article on the strike?",
        "nurses clinic strike",
    ),
    ("Which year is given for the treaty in the report on Lowtown?", "treaty Lowtown"),
    ("How much aid did Westland give to the farmers?", "aid Westland farmers"),
]


@pytest.mark.parametrize(("question", "measured"), MEASURED)
def test_what_a_fact_question_measures(question: str, measured: str) -> None:
    assert parse_question(question).measured == measured


def test_measured_words_drop_the_kept_measure() -> None:
    doc = _nlp()("What percentage is given for tolls?")
    assert doc[1].i not in frame_words(doc) and doc[1].i in measured_words(doc)
