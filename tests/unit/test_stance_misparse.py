"""A request for someone's words that spaCy misparses ("a quote from X on Y" read with Y as the
source and "X on" hung on Y): the person is X, and Y the topic
(`app.question_parse.speaker_nouns.stance_of_someone`). The misparse seen on dev needs a real
surname that is also a word, so the parse is built by hand with invented names."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from spacy.tokens import Doc

from app.question_parse.pipeline import nlp
from app.question_parse.speaker_nouns import stance_of_someone


class Parse(NamedTuple):
    """One parse of "Give me a quote from Hale on Reed." and the person it asks for."""

    name: str
    heads: list[int]
    deps: list[str]
    pos: list[str]
    person: str


WORDS = ["Give", "me", "a", "quote", "from", "Hale", "on", "Reed", "."]
LEMMAS = ["give", "I", "a", "quote", "from", "Hale", "on", "Reed", "."]
PARSES = [
    # the usual parse: "Hale" is the object of "from", "on Reed" hangs on the quote
    Parse(
        "person as the object",
        [0, 0, 3, 0, 3, 4, 3, 6, 0],
        ["ROOT", "dative", "det", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
        ["VERB", "PRON", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        "Hale",
    ),
    # the misparse: "Reed" is the object of "from", "Hale" modifies it and carries "on"
    Parse(
        "person hung on the topic",
        [0, 0, 3, 0, 3, 7, 5, 4, 0],
        ["ROOT", "dative", "det", "dobj", "prep", "nmod", "prep", "pobj", "punct"],
        ["VERB", "PRON", "DET", "NOUN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
        "Hale",
    ),
    # a common noun before "on" is no person: the object stays the source
    Parse(
        "a common noun hung on the object",
        [0, 0, 3, 0, 3, 7, 5, 4, 0],
        ["ROOT", "dative", "det", "dobj", "prep", "nmod", "prep", "pobj", "punct"],
        ["VERB", "PRON", "DET", "NOUN", "ADP", "NOUN", "ADP", "PROPN", "PUNCT"],
        "Hale on Reed",
    ),
]


@pytest.mark.parametrize("parse", PARSES, ids=[p.name for p in PARSES])
def test_the_person_before_on_is_the_source(parse: Parse) -> None:
    doc = Doc(
        nlp().vocab,  # the pipeline's: its lexical attributes (lowercase forms) are set
        words=WORDS,
        spaces=[True] * 7 + [False, False],
        heads=parse.heads,
        deps=parse.deps,
        pos=parse.pos,
        lemmas=LEMMAS,
    )
    slot = stance_of_someone(doc)
    assert slot is not None
    assert slot.phrase == parse.person
