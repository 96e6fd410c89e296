"""Features of the keep/drop experiment (`evals/quote_filter.py`) on made-up quotes, no spaCy.

Each row is a quote a filter must tell apart: a statement with a speaker and a cue, a show
title, a scare-quoted term inside the writer's sentence, a reported statement around a quoted
word. The rows pin the features that separate them, so a feature that silently reads the
wrong side of a quote mark fails here.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from evals.quote_filter import FEATURES, candidates, feature_names, feature_vector, is_candidate
from ingest.types import Quote

ARTICLE = (
    '"We will rebuild the bridge by spring," Dana Orlo said on Monday.\n'
    'She spoke on "Morning Table" after the vote.\n'
    'Critics called the plan "reckless and late" in a letter.\n'
    "Transcript: Q: Why now? A: Because we can."
)


def _quote(text: str, kind: str = "direct", **fields: str | None) -> Quote:
    start = ARTICLE.index(text)
    return Quote(text=text, start=start, end=start + len(text), kind=kind, **fields)  # type: ignore[arg-type]


STATEMENT = _quote(
    "We will rebuild the bridge by spring,",
    speaker="Dana Orlo",
    speaker_as_written="Dana Orlo",
    cue="said",
    rule="name_then_verb",
)
TITLE = _quote("Morning Table", speaker="Dana Orlo", speaker_as_written="She", rule="verb_before")
TERM = _quote("reckless and late", rule="unattributed")
REPORTED = _quote(
    'the plan "reckless and late"',
    kind="indirect",
    speaker="Critics",
    speaker_as_written="Critics",
    cue="called",
    rule="quoted_object",
)
TURN = _quote("Because we can.", kind="transcript", rule="qa_answer")
QUOTES = [STATEMENT, TITLE, REPORTED, TERM, TURN]


class Row(NamedTuple):
    name: str
    quote: Quote
    expected: dict[str, float]


ROWS = [
    Row(
        "statement_with_speaker_and_cue",
        STATEMENT,
        {
            "has_speaker": 1.0,
            "listed_verb": 1.0,
            "no_cue": 0.0,
            "capitalised_start": 1.0,
            "ends_with_punctuation": 1.0,
            "opens_paragraph": 1.0,
            "after_word": 0.0,
            "before_word": 1.0,
            "capitalised_speaker": 1.0,
            "speaker_quotes": pytest.approx(1.0986, abs=1e-4),  # log1p(2): two quotes
        },
    ),
    Row(
        "show_title_after_a_preposition",
        TITLE,
        {"title_share": 1.0, "after_word": 1.0, "pronoun_speaker": 1.0, "no_cue": 1.0},
    ),
    Row(
        "scare_quoted_term_inside_a_statement",
        TERM,
        {"has_speaker": 0.0, "inside_statement": 1.0, "few_words": 1.0, "before_lowercase": 1.0},
    ),
    Row(
        "reported_statement_around_a_quoted_term",
        REPORTED,
        {
            "indirect": 1.0,
            "words_before_marks": pytest.approx(1.0986, abs=1e-4),  # log1p(2): `the plan`
            "words_after_marks": 0.0,
            "quoted_share": pytest.approx(18 / 28),  # the opening mark and 17 characters inside
            "inside_statement": 0.0,
        },
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_features(row: Row) -> None:
    (candidate,) = [c for c in candidates(ARTICLE, QUOTES) if c.quote == row.quote]
    values = dict(zip(feature_names([]), feature_vector(candidate, []), strict=True))
    for name, value in row.expected.items():
        assert values[name] == value, name


def test_candidates_are_quotes_and_quoted_statements_never_turns() -> None:
    assert [c.quote for c in candidates(ARTICLE, QUOTES)] == [STATEMENT, TITLE, REPORTED, TERM]
    plain = _quote("She spoke on", kind="indirect", rule="that_clause")
    apostrophe = Quote("we don’t", 0, 8, kind="indirect", rule="that_clause")
    assert not is_candidate(plain) and not is_candidate(apostrophe) and not is_candidate(TURN)


def test_rule_indicators_come_first_and_unknown_rules_set_none() -> None:
    names = feature_names(["name_then_verb", "verb_before"])
    assert names[:2] == ["rule:name_then_verb", "rule:verb_before"]
    assert names[2:] == [f.name for f in FEATURES]
    by_quote = {c.quote: c for c in candidates(ARTICLE, QUOTES)}
    assert feature_vector(by_quote[STATEMENT], ["name_then_verb", "verb_before"])[:2] == [1, 0]
    assert feature_vector(by_quote[TERM], ["name_then_verb", "verb_before"])[:2] == [0, 0]


@pytest.mark.parametrize("text", ["", '""', "\n\n", '"\n"'])
def test_bad_input_never_crashes(text: str) -> None:
    quote = Quote(text=text, start=0, end=len(text), kind="direct")
    for candidate in candidates(text, [quote]):
        assert len(feature_vector(candidate, ["x"])) == len(FEATURES) + 1
