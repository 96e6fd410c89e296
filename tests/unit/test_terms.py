"""Search terms: one spelling for British and American forms, short words left alone."""

from __future__ import annotations

import re

import pytest

import ingest.terms as terms_module
from ingest.terms import _TOKEN, STOPWORDS, Lexicon, american_spelling

# (British, American): both must give the same terms.
SAME_WORD = [
    ("hospitalisation", "hospitalization"),
    ("organisations", "organizations"),
    ("analysed", "analyzed"),
    ("colour", "color"),
    ("favourite", "favorite"),
    ("labour", "labor"),
    ("centre", "center"),
    ("theatres", "theaters"),
    ("defence", "defense"),
    ("licences", "licenses"),
    ("programme", "program"),
    # one of each further ending `_ANY_SPELLING` must let through to the rules
    ("analysing", "analyzing"),
    ("organised", "organized"),
    ("nationalisations", "nationalizations"),
    ("honourable", "honorable"),
    ("colouring", "coloring"),
    ("programmes", "programs"),
]
# Words no rule may bend into another word's terms.
OTHER_WORDS = [("rise", "rize"), ("tour", "tor"), ("crisis", "crizis"), ("four", "for")]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


@pytest.mark.parametrize(("british", "american"), SAME_WORD)
def test_british_and_american_spellings_are_one_term(
    lexicon: Lexicon, british: str, american: str
) -> None:
    assert lexicon.terms(british) == lexicon.terms(american) != []


@pytest.mark.parametrize(("word", "other"), OTHER_WORDS)
def test_short_words_keep_their_spelling(lexicon: Lexicon, word: str, other: str) -> None:
    assert lexicon.terms(word) != lexicon.terms(other)


# (name, text): each word's term is kept between calls; the terms must be what filtering,
# respelling and stemming every word again gives.
CACHED_CASES = [
    ("stop words and reporting verbs go", "He said that the plan was theirs, and she added more"),
    ("British forms respelled", "The organisation's colour programme at the centre"),
    ("a word again, in another case", "Colour COLOUR colour; Centre centre"),
    ("numbers and underscores are words", "In 2022 the snake_case field had 12 rows"),
    ("one-letter words are not", "a b c I x"),
    ("nothing", ""),
]


def _uncached(lexicon: Lexicon, text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return lexicon._stemmer.stemWords([american_spelling(w) for w in words if w not in STOPWORDS])


@pytest.mark.parametrize(("name", "text"), CACHED_CASES)
def test_cached_terms_are_the_terms(name: str, text: str) -> None:
    lexicon = Lexicon()
    first, again = lexicon.terms(text), lexicon.terms(text)
    assert first == again == _uncached(lexicon, text), name


def test_term_cache_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms_module, "TERM_CACHE_WORDS", 8)
    lexicon = Lexicon()
    for name, text in CACHED_CASES:
        assert lexicon.terms(text) == _uncached(lexicon, text), name
        assert len(lexicon._terms) <= max(8, len(set(_TOKEN.findall(text.lower())))), name


# (name, text): the word pattern must split as scikit-learn's `\b\w\w+\b` does, which the
# lexical index was first written with; the shorter pattern is only faster.
TOKEN_CASES = [
    ("one-letter words between longer ones", "a bb c ddd e"),
    ("apostrophes and hyphens split words", "Kremlin's long-term, don’t re-elect"),
    ("digits and underscores are word characters", "snake_case 2022 12th x1 _a"),
    ("accents and other scripts", "Dunskyy's café Σύνοδος İstanbul naïve"),
    ("punctuation runs and edges", "..ab..c..de,f;gh!i?"),
    ("white space of every kind", "ab\tcd\nef\u00a0gh  i"),
    ("nothing", ""),
]


@pytest.mark.parametrize(("name", "text"), TOKEN_CASES)
def test_word_pattern_splits_as_the_word_boundary_one(name: str, text: str) -> None:
    reference = re.compile(r"(?u)\b\w\w+\b")
    for case in (text, text.lower()):
        assert _TOKEN.findall(case) == reference.findall(case), name


def test_unseen_words_after_seen_ones_get_terms() -> None:
    lexicon = Lexicon()
    lexicon.terms("colour centre")
    text = "colour centre programmes theatre"  # two known words, then two new ones
    assert lexicon.terms(text) == _uncached(lexicon, text)
