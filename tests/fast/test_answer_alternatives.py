"""An ambiguous name: the answer takes the person whose words answer the topic."""

from __future__ import annotations

import pytest

from app.answer import Evidence, ExtractiveAnswerer
from app.question import Intent

ANSWERABLE = {"Ken Vale": 0.2, "Ida Vale": 0.7, "Rob Vale": 0.5, "Sam Vale": 0.9}
ANSWERABLE |= {"Mayor of Lowtown": 0.9, "Sam's adviser": 0.9, "Harbour Council": 0.9, "Sam": 0.9}


def _evidence_of(self, question, intent, index, previous) -> Evidence:
    speaker = intent.speakers[0] if intent.kind == "speaker_topic" else None
    return Evidence("speaker", [], 0.0, 1, ANSWERABLE.get(speaker, 0.0), 0.5, speaker)


@pytest.fixture
def answerer(monkeypatch) -> ExtractiveAnswerer:
    monkeypatch.setattr(ExtractiveAnswerer, "_evidence_of", _evidence_of)
    return ExtractiveAnswerer(retriever=None, settings=None, ranker=None)


@pytest.mark.parametrize(
    ("intent", "chosen"),
    [
        (Intent("speaker_topic", "rents", ["Ken Vale"], alternatives=["Ida Vale"]), "Ida Vale"),
        (Intent("speaker_topic", "rents", ["Ida Vale"], alternatives=["Ken Vale"]), "Ida Vale"),
        (
            Intent("speaker_topic", "rents", ["Ken Vale"], alternatives=["Rob Vale", "Ida Vale"]),
            "Ida Vale",
        ),
        # At most MAX_ALTERNATIVES others are tried: the fourth is never read.
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                alternatives=["Rob Vale", "Rob Vale", "Rob Vale", "Sam Vale"],
            ),
            "Rob Vale",
        ),
        # "What did Vale say?" has no topic to tell them apart: the first guess stands.
        (Intent("speaker_topic", "", ["Ken Vale"], alternatives=["Ida Vale"]), "Ken Vale"),
        # An office's other holders are tried only when written as a person's name.
        (
            Intent("speaker_topic", "rents", ["Ken Vale"], role="mayor", alternatives=["Ida Vale"]),
            "Ida Vale",
        ),
        (
            Intent(
                "speaker_topic",
                "rents",
                ["Ken Vale"],
                role="mayor",
                alternatives=["Mayor of Lowtown", "Sam's adviser", "Harbour Council", "Sam"],
            ),
            "Ken Vale",
        ),
    ],
)
def test_the_alternative_whose_words_answer_best(
    answerer: ExtractiveAnswerer, intent: Intent, chosen: str
) -> None:
    assert answerer.evidence("q", intent, index=None, previous=None).speaker == chosen
