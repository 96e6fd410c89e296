"""Speaker-phrase rules of direct quotes, one table row per rule: the quote, the phrase and cue
found for it, and the rule that must have found them. NER-free (`analyse`): no spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.model import Fallback, Piece
from ingest.quoting.subjects_after import AFTER_RULES
from ingest.quoting.subjects_before import BEFORE_RULES
from ingest.quoting.table import rule_names

QUOTE = "We will rebuild the harbour,"
SPRING = "The harbour will be rebuilt by spring."


def piece(text: str, words: str) -> Piece:
    """The quote piece whose text is `words`; fails listing what was found instead."""
    found = {text[p.start : p.end]: p for p in analyse(text).pieces}
    assert words in found, f"{words!r} not among {list(found)}"
    return found[words]


# (text, quote words, speaker phrase, cue, rule)
AFTER = [
    (f'"{QUOTE}" said Dana Ortiz.', QUOTE, "Dana Ortiz", "said", "verb_then_name"),
    (f'"{QUOTE}" said Dana J. Ortiz.', QUOTE, "Dana J. Ortiz", "said", "verb_then_name"),
    (f'"{QUOTE}" Dana Ortiz said.', QUOTE, "Dana Ortiz", "said", "name_then_verb"),
    (
        '"We rebuild," mayor Dana Ortiz and her deputy Ivo Marsh said.',
        "We rebuild,",
        "mayor Dana Ortiz",
        "said",
        "names_then_verb",
    ),
    (
        f'"{QUOTE}" Dana Ortiz, the harbour master, said.',
        QUOTE,
        "Dana Ortiz",
        "said",
        "apposition_after",
    ),
    (
        '"Will it cost more?" Dana Ortiz, the master of the harbour, asked at the pier.',
        "Will it cost more?",
        "Dana Ortiz",
        "asked",
        "apposition_after",
    ),
    (
        f'"{QUOTE}" Dana Ortiz, 54, of Portview, Maine, who runs the port, said.',
        QUOTE,
        "Dana Ortiz",
        "said",
        "long_apposition_after",
    ),
    (
        f'"{QUOTE}" according to the port authority.',
        QUOTE,
        "the port authority",
        "according to",
        "according_after",
    ),
    (
        f'"{QUOTE}" according to the U.S. Coast Guard.',
        QUOTE,
        "the U.S. Coast Guard",
        "according to",
        "according_after",
    ),
    (
        '"We will rebuild the harbour!" beamed Dana Ortiz.',
        "We will rebuild the harbour!",
        "Dana Ortiz",
        "beamed",
        "unlisted_verb_then_name",
    ),
    (  # an "&" inside an organisation's name (issue 17): was unattributed
        f'"{QUOTE}" Harbour & Pier said.',
        QUOTE,
        "Harbour & Pier",
        "said",
        "name_then_verb",
    ),
    (f'"{QUOTE}" Ortiz shrugged.', QUOTE, "Ortiz", "shrugged", "unlisted_verb_after"),
    (f'"{QUOTE}" Ortiz shot back.', QUOTE, "Ortiz", "shot back", "unlisted_verb_after"),
    (
        '"Will it cost more?" Ortiz went on, looking at the council.',
        "Will it cost more?",
        "Ortiz",
        "went on",
        "name_then_phrasal_verb",
    ),
    (
        f'"{QUOTE}" Dana Ortiz went on, "and the pier too."',
        QUOTE,
        "Dana Ortiz",
        "went on",
        "name_then_phrasal_verb",
    ),
    (
        f'"{QUOTE}" Ortiz shrugged and walked away.',
        QUOTE,
        "Ortiz",
        "shrugged",
        "name_then_unlisted_verb",
    ),
    (
        '"We will rebuild the harbour and the pier together." ― Dana Ortiz',
        "We will rebuild the harbour and the pier together.",
        "Dana Ortiz",
        "―",
        "dash_signature",
    ),
    (  # web text: no-break spaces around the dash and after the name, lines of signed quotes
        '"We will rebuild the harbour."\xa0― Dana Ortiz\xa0\n"And the pier." ― Ivo Marsh',
        "We will rebuild the harbour.",
        "Dana Ortiz",
        "―",
        "dash_signature",
    ),
]
BEFORE = [
    (
        'According to Dana Ortiz, "the harbour will be rebuilt by spring."',
        "the harbour will be rebuilt by spring.",
        "Dana Ortiz",
        "according to",
        "according_before",
    ),
    (
        'As the harbour master Dana Ortiz put it, "nothing floats forever."',
        "nothing floats forever.",
        "the harbour master Dana Ortiz",
        "put",
        "as_x_put_it",
    ),
    (f'Ortiz: "{SPRING}"', SPRING, "Ortiz", ":", "name_label"),
    (
        f'Dana Ortiz told reporters on Monday: "{SPRING}"',
        SPRING,
        "Dana Ortiz",
        "told",
        "verb_before",
    ),
    (f'H&P told reporters: "{SPRING}"', SPRING, "H&P", "told", "verb_before"),  # was none
    (f'Stated Ortiz: "{SPRING}"', SPRING, "Ortiz", "Stated", "inverted_colon"),
    (
        'Ortiz went after the council, calling it "a club of cowards."',
        "a club of cowards.",
        "Ortiz",
        "calling",
        "participle_subject",
    ),
    (f'Dana Ortiz was blunt: "{SPRING}"', SPRING, "Dana Ortiz", ":", "colon_subject"),
    (f'Ortiz shot back, "{SPRING}"', SPRING, "Ortiz", "shot back", "unlisted_verb_before"),
    (
        '"A costly mistake" if the council waits, the harbour will sink, said Dana Ortiz.',
        "A costly mistake",
        "Dana Ortiz",
        "said",
        "verb_then_name",
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "np", "cue", "rule"), AFTER + BEFORE, ids=[r[4] for r in AFTER + BEFORE]
)
def test_speaker_phrase_rule(text: str, words: str, np: str, cue: str, rule: str) -> None:
    found = piece(text, words)
    assert (found.np, found.cue, found.rule) == (np, cue, rule)


# A quote without attribution keeps a sentence subject as fallback: (text, quote, fallback);
# `own_sentence` says whether the subject is of the quote's own sentence.
FALLBACKS = [
    (
        'Ortiz visited the pier on Monday. "The harbour will be rebuilt and the pier too."',
        "The harbour will be rebuilt and the pier too.",
        Fallback("Ortiz", 0, own_sentence=False),
    ),
    (
        'In her new song, Dana Ortiz sings, "Never give up on the harbor town."',
        "Never give up on the harbor town.",
        Fallback("Dana Ortiz", 17, own_sentence=True),
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "fallback"), FALLBACKS, ids=["previous sentence", "own sentence"]
)
def test_a_quote_without_attribution_keeps_the_sentence_subject_as_fallback(
    text: str, words: str, fallback: Fallback
) -> None:
    found = piece(text, words)
    assert (found.np, found.rule, found.fallback) == (None, None, fallback)


# Words after a quote that name no speaker: (text, quote)
NO_SPEAKER = [
    pytest.param(
        '"Will it cost more?" Ortiz went on to list the costs.',
        "Will it cost more?",
        id="a phrasal verb before `to` starts another act",
    ),
    pytest.param(
        '"Will it cost more?" Ortiz went to the pier.', "Will it cost more?", id="no particle"
    ),
    pytest.param(
        '"It will cost more." Dana Ortiz, master of the town harbour, said last year it was sold.',
        "It will cost more.",
        id="an apposition and a verb with a clause after it make a sentence of their own",
    ),
    pytest.param(
        '"It will cost more." Dana Ortiz, the master of the harbour, said: "We pay."',
        "It will cost more.",
        id="an apposition and a verb that introduce the next quote",
    ),
]


@pytest.mark.parametrize(("text", "words"), NO_SPEAKER)
def test_no_speaker_phrase(text: str, words: str) -> None:
    assert piece(text, words).np is None


# Known gaps, kept visible: each must fail until a rule fixes it (then move it up).
KNOWN_GAPS = [
    pytest.param(
        'With Ortiz shouting, "The harbour will be rebuilt."',
        "The harbour will be rebuilt.",
        "Ortiz",
        id="absolute phrase before a quote",
    ),
]


@pytest.mark.parametrize(("text", "words", "np"), KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap of the speaker-phrase rules")
def test_known_speaker_gaps(text: str, words: str, np: str) -> None:
    assert piece(text, words).np == np


def test_every_after_and_before_rule_has_a_case() -> None:
    tested = {row[4] for row in AFTER + BEFORE}
    untested = (set(rule_names(AFTER_RULES)) | set(rule_names(BEFORE_RULES))) - tested
    assert not untested, untested


def test_the_words_after_a_quote_win_over_those_before_it() -> None:
    """`PIECE_RULES` order: news attributions usually follow the quote."""
    text = f'Lee spoke next. Ortiz told the crowd: "{QUOTE}" the mayor added.'
    assert (piece(text, QUOTE).np, piece(text, QUOTE).rule) == ("the mayor", "name_then_verb")
