"""A one-word speaker the question names, with nothing of theirs on the topic: the question
is answered as asked only when a citation names them (made-up store)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer import Evidence, ExtractiveAnswerer
from app.evidence import Candidate, Unit
from app.question import Intent
from ingest.ids import chunk_id
from ingest.types import Chunk


def _candidate(article: str, text: str) -> Candidate:
    chunk = Chunk(chunk_id(article, 0), article, 0, text, 0, len(text), 1, 1, title="Made-up")
    return Candidate(Unit(chunk, 0, len(text), "sentence"), (), 0.9)


class Index:
    def info(self, name: str) -> None:
        return None


@pytest.fixture
def answerer_with(monkeypatch):
    def build(general_text: str) -> ExtractiveAnswerer:
        passage = _candidate("n1", general_text)

        def evidence(self, question, intent, index, previous) -> Evidence:
            if intent.kind == "general":  # the question as asked: one passage answers it
                return Evidence("general", [passage], 0.0, 2, 0.9, 0.5, None)
            return Evidence("speaker", [], 0.0, 2, 0.1, 0.5, "Council")  # nothing of theirs

        monkeypatch.setattr(ExtractiveAnswerer, "evidence", evidence)
        chunks = {passage.unit.chunk.id: passage.unit.chunk}
        finder = SimpleNamespace(nothing_seen=lambda topic: False)
        lexicon = SimpleNamespace(terms=lambda text: text.lower().split())
        retriever = SimpleNamespace(chunks=chunks, lexicon=lexicon)
        answerer = ExtractiveAnswerer(retriever=retriever, settings=None, ranker=None)
        answerer.finder = finder
        answerer.settings = SimpleNamespace(max_citations=3)
        return answerer

    return build


@pytest.mark.parametrize(
    ("general_text", "answered"),
    [
        ("The Council met on Easter Monday and sent greetings.", True),
        ("Last year we celebrated Easter at home.", False),  # someone else's words
    ],
)
def test_answered_as_asked_only_when_it_names_them(answerer_with, general_text, answered) -> None:
    answerer = answerer_with(general_text)
    intent = Intent("speaker_topic", "Easter greetings", ["Council"])
    answer = answerer._compose_answer(
        "What does the Council think of Easter?",
        intent,
        Index(),
        answerer.evidence("q", intent, Index(), None),
    )
    assert (not answer.abstained) is answered
    assert answer.abstained or answer.citations[0].text == general_text
