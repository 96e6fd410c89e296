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
    (f'"{QUOTE}" said Dana Orlo.', QUOTE, "Dana Orlo", "said", "verb_then_name"),
    (f'"{QUOTE}" said Dana J. Orlo.', QUOTE, "Dana J. Orlo", "said", "verb_then_name"),
    (f'"{QUOTE}" Dana Orlo said.', QUOTE, "Dana Orlo", "said", "name_then_verb"),
    (
        '"We rebuild," mayor Dana Orlo and her deputy Ivo Marsh said.',
        "We rebuild,",
        "mayor Dana Orlo",
        "said",
        "names_then_verb",
    ),
    (
        f'"{QUOTE}" Dana Orlo, the harbour master, said.',
        QUOTE,
        "Dana Orlo",
        "said",
        "apposition_after",
    ),
    (
        '"Will it cost more?" Dana Orlo, the master of the harbour, asked at the pier.',
        "Will it cost more?",
        "Dana Orlo",
        "asked",
        "apposition_after",
    ),
    (
        f'"{QUOTE}" Dana Orlo, 54, of Portview, Maine, who runs the port, said.',
        QUOTE,
        "Dana Orlo",
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
        '"We will rebuild the harbour!" beamed Dana Orlo.',
        "We will rebuild the harbour!",
        "Dana Orlo",
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
    (f'"{QUOTE}" Orlo shrugged.', QUOTE, "Orlo", "shrugged", "unlisted_verb_after"),
    (f'"{QUOTE}" Orlo shot back.', QUOTE, "Orlo", "shot back", "unlisted_verb_after"),
    (
        '"Will it cost more?" Orlo went on, looking at the council.',
        "Will it cost more?",
        "Orlo",
        "went on",
        "name_then_phrasal_verb",
    ),
    (
        f'"{QUOTE}" Dana Orlo went on, "and the pier too."',
        QUOTE,
        "Dana Orlo",
        "went on",
        "name_then_phrasal_verb",
    ),
    (
        f'"{QUOTE}" Orlo shrugged and walked away.',
        QUOTE,
        "Orlo",
        "shrugged",
        "name_then_unlisted_verb",
    ),
    (
        '"We will rebuild the harbour and the pier together." ― Dana Orlo',
        "We will rebuild the harbour and the pier together.",
        "Dana Orlo",
        "―",
        "dash_signature",
    ),
    (  # web text: no-break spaces around the dash and after the name, lines of signed quotes
        '"We will rebuild the harbour."\xa0― Dana Orlo\xa0\n"And the pier." ― Ivo Marsh',
        "We will rebuild the harbour.",
        "Dana Orlo",
        "―",
        "dash_signature",
    ),
]
BEFORE = [
    (
        'According to Dana Orlo, "the harbour will be rebuilt by spring."',
        "the harbour will be rebuilt by spring.",
        "Dana Orlo",
        "according to",
        "according_before",
    ),
    (
        'As the harbour master Dana Orlo put it, "nothing floats forever."',
        "nothing floats forever.",
        "the harbour master Dana Orlo",
        "put",
        "as_x_put_it",
    ),
    (f'Orlo: "{SPRING}"', SPRING, "Orlo", ":", "name_label"),
    (
        f'Dana Orlo told reporters on Monday: "{SPRING}"',
        SPRING,
        "Dana Orlo",
        "told",
        "verb_before",
    ),
    (f'H&P told reporters: "{SPRING}"', SPRING, "H&P", "told", "verb_before"),  # was none
    (f'Stated Orlo: "{SPRING}"', SPRING, "Orlo", "Stated", "inverted_colon"),
    (f'In the end, said Orlo, "{SPRING}"', SPRING, "Orlo", "said", "inverted_comma"),
    (f'Orlo told Dana Reed, "{SPRING}"', SPRING, "Orlo", "told", "verb_before"),  # no inversion
    (
        'Orlo went after the council, calling it "a club of cowards."',
        "a club of cowards.",
        "Orlo",
        "calling",
        "participle_subject",
    ),
    (f'Dana Orlo was blunt: "{SPRING}"', SPRING, "Dana Orlo", ":", "colon_subject"),
    (f'Orlo shot back, "{SPRING}"', SPRING, "Orlo", "shot back", "unlisted_verb_before"),
    (
        '"A costly mistake" if the council waits, the harbour will sink, said Dana Orlo.',
        "A costly mistake",
        "Dana Orlo",
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
        'Orlo visited the pier on Monday. "The harbour will be rebuilt and the pier too."',
        "The harbour will be rebuilt and the pier too.",
        Fallback("Orlo", 0, own_sentence=False),
    ),
    (
        'In her new song, Dana Orlo sings, "Never give up on the harbor town."',
        "Never give up on the harbor town.",
        Fallback("Dana Orlo", 17, own_sentence=True),
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
        '"Will it cost more?" Orlo went on to list the costs.',
        "Will it cost more?",
        id="a phrasal verb before `to` starts another act",
    ),
    pytest.param(
        '"Will it cost more?" Orlo went to the pier.', "Will it cost more?", id="no particle"
    ),
    pytest.param(
        '"It will cost more." Dana Orlo, master of the town harbour, said last year it was sold.',
        "It will cost more.",
        id="an apposition and a verb with a clause after it make a sentence of their own",
    ),
    pytest.param(
        '"It will cost more." Dana Orlo, the master of the harbour, said: "We pay."',
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
        'With Orlo shouting, "The harbour will be rebuilt."',
        "The harbour will be rebuilt.",
        "Orlo",
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
    text = f'Lee spoke next. Orlo told the crowd: "{QUOTE}" the mayor added.'
    assert (piece(text, QUOTE).np, piece(text, QUOTE).rule) == ("the mayor", "name_then_verb")
