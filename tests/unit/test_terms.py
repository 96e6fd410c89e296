"""Search terms: one spelling for British and American forms, short words left alone."""

from __future__ import annotations

import pytest

from ingest.terms import Lexicon

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
