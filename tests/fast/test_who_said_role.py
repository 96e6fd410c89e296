"""A who-said statement may name its speaker's words and their recorded role together ("Who
spoke about Saturday afternoon and the harbour board?" of "chair of the harbour board"): a
phrase in the role counts as in the passage (`ExtractiveAnswerer._said`)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer.answerer import ExtractiveAnswerer
from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from app.question import Intent
from ingest.terms import Lexicon
from ingest.types import Chunk

QUOTE = "“The ferry will be ready by Saturday afternoon,” Vell said."
ARTICLE = f"Ferry plan\n\n{QUOTE}"
CHUNK = Chunk("a:0", "a", 0, QUOTE, 0, len(QUOTE), 1, 1, title="Ferry plan")
ROLE = "chair of the harbour board"


def _answerer() -> ExtractiveAnswerer:
    """An answerer whose lexicon, rarities, chunks and article text are made up: `_said`
    reads no store."""
    lexicon = Lexicon()
    retriever = SimpleNamespace(
        lexicon=lexicon, bm25=SimpleNamespace(idf=lambda term: 3.0), chunks={}
    )
    answerer = ExtractiveAnswerer.__new__(ExtractiveAnswerer)
    answerer.retriever = retriever
    answerer.finder = SimpleNamespace(retriever=retriever)
    answerer.articles = SimpleNamespace(text=lambda article_id: ARTICLE)
    return answerer


def _best(role: str | None) -> Candidate:
    values = dict.fromkeys(FEATURES, 0.0) | {"lead_cover": 0.6}
    unit = Unit(CHUNK, 0, len(QUOTE), "direct", "Ana Vell", role, True, None)
    return Candidate(unit, tuple(values[f] for f in FEATURES), 0.9)


# (statement, the speaker's recorded role, does the unit say it)
ROLE_CASES = [
    ("Saturday afternoon and the harbour board", ROLE, True),  # the board in the role
    ("Saturday afternoon and the harbour board", None, False),  # no role: half said
    ("Saturday afternoon and the harbour board", "mayor of Ostby", False),  # another role
    ("Saturday afternoon and the apple blossom", ROLE, False),  # in neither
    ("Saturday afternoon and the ferry", None, True),  # both in the quotation
]


@pytest.mark.parametrize(("topic", "role", "said"), ROLE_CASES)
def test_a_phrase_of_the_speakers_role_is_in_the_passage(topic, role, said) -> None:
    intent = Intent("who_said", topic)
    assert _answerer()._said(intent, _best(role)) is said
