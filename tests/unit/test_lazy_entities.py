"""`LazyEntities`: phrases listed for later are labelled when a rule first asks, in one batch
per `fetch`, and the quotes are those of labelling every phrase up front."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.quotes import extract_quotes_many
from ingest.quoting import ner
from ingest.quoting.analyse import analyse, later_phrases
from ingest.quoting.build import build_quotes

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "articles.jsonl"


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The batches NER is asked to label, with a made-up entity per phrase (no spaCy)."""
    seen: list[list[str]] = []

    def fake(phrases: list[str]) -> dict[str, ner.Entities]:
        seen.append(list(phrases))
        return {p: (("PERSON", 0, len(p)),) for p in phrases}

    monkeypatch.setattr(ner, "phrase_entities", fake)
    return seen


def test_later_phrase_labelled_once_when_asked(batches: list[list[str]]) -> None:
    entities = ner.LazyEntities({"Ana Vell": ()}, later=["Tom Quill", "Ana Vell"])
    assert batches == []
    assert entities.get("Tom Quill", ()) == (("PERSON", 0, 9),)
    assert entities["Tom Quill"] == (("PERSON", 0, 9),)
    assert entities.get("Ana Vell", ()) == ()  # labelled up front: not asked again
    assert batches == [["Tom Quill"]]


def test_unlisted_phrase_gets_the_default(batches: list[list[str]]) -> None:
    entities = ner.LazyEntities({}, later=["Tom Quill"])
    assert entities.get("Sam Dorr", ()) == ()
    assert "Sam Dorr" not in entities and "Tom Quill" in entities
    with pytest.raises(KeyError):
        entities["Sam Dorr"]
    assert batches == []


def test_fetch_labels_later_phrases_in_one_batch(batches: list[list[str]]) -> None:
    entities = ner.LazyEntities({}, later=["Tom Quill", "Sam Dorr"])
    entities.fetch(["Tom Quill", "Sam Dorr", "Ana Vell"])
    entities.get("Sam Dorr")
    assert batches == [["Tom Quill", "Sam Dorr"]]


# Made-up texts whose speaker is found only through a phrase listed for later: a pronoun or
# an epithet pointing back to a narrative name that NER must confirm.
LATER_READ = [
    "Tennis star Maria Kowalski has criticised the length of the season.\n\nReacting to a "
    'comment by the tour\'s chairman, the American said: "The season is far too long."',
    'Maria Kowalski won the final in Paris on Sunday.\n\n"It was the best day of my life," '
    "she said.",
]


def test_quotes_as_when_every_phrase_is_labelled_up_front() -> None:
    texts = [json.loads(line)["text"] for line in SAMPLES.read_text().splitlines()]
    texts += LATER_READ
    docs = [analyse(t) for t in texts]
    every = set().union(*(d.phrases | later_phrases(d) for d in docs))
    entities = ner.phrase_entities(every)
    found = extract_quotes_many(texts)
    assert found == [build_quotes(d, entities) for d in docs]
    assert [q.speaker for quotes in found[-2:] for q in quotes] == ["Maria Kowalski"] * 2
    assert all("Maria Kowalski" not in d.phrases for d in docs[-2:])  # labelled when asked
