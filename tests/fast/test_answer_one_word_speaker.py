"""A one-word speaker the question names, with nothing of theirs on the topic: the question
is answered as asked only when a citation names them (made-up store)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer.answerer import ExtractiveAnswerer
from app.answer.declines import cites
from app.answer.search import Evidence
from app.evidence.features import Candidate
from app.evidence.units import Unit
from app.question import Intent
from app.types import Answer, Citation
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
        finder = SimpleNamespace(nothing_seen=lambda topic: False, unseen_name=lambda topic: None)
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


# (office asked, citation text, names it as asked)
OFFICES = [
    ("foreign secretary", "Foreign Secretary Ann Vell said the talks would go on.", True),
    ("foreign secretary", "Shadow foreign secretary Tom Pike said the talks had failed.", False),
    ("foreign secretary", "The foreign ministry said the talks would go on.", False),
    ("OECD", "The OECD's chief economist expects growth to slow.", True),
    ("Kremlin spokesman", "Kremlin spokesman Ivo Lind said the visit was useful.", True),
]


@pytest.mark.parametrize(("office", "text", "named"), OFFICES)
def test_a_citation_names_the_office_as_asked(office: str, text: str, named: bool) -> None:
    citation = Citation(1, "n1", "Made-up", None, None, None, 1, 0, len(text), text)
    answer = Answer(question="q", answer=text, abstained=False, citations=[citation])
    assert cites(answer, office) is named
