"""The NER pipeline runs `ner` alone: its entities are those of the pipeline with the shared
`tok2vec` component, which `ner` does not read (it has tok2vec layers of its own)."""

from __future__ import annotations

from ingest.quoting import ner

# Speaker phrases and a context sentence of the kinds the rules send to NER (made up).
PHRASES = [
    "Vellcorp chief executive Ana Quill",
    "the Harbour United manager",
    "Tom Vell, a spokesman for the Westland foreign ministry",
    "Shares in Vellcorp fell 5% in London on Tuesday after Ana Quill resigned.",
]


def _entities(nlp: object, phrases: list[str]) -> list[list[tuple[str, int, int]]]:
    docs = nlp.pipe(phrases)  # type: ignore[attr-defined]
    return [[(e.label_, e.start_char, e.end_char) for e in doc.ents] for doc in docs]


def test_ner_runs_alone() -> None:
    assert ner._nlp().pipe_names == ["ner"]


def test_ner_reads_no_shared_tok2vec() -> None:
    """If a model's `ner` listened to the shared `tok2vec`, leaving it out would change the
    entities (or fail); compare with the pipeline that keeps it."""
    kept = [c for c in ner._NOT_FOR_NER if c != "tok2vec"]
    with_shared = ner.load_spacy(exclude=kept)
    assert with_shared.pipe_names == ["tok2vec", "ner"]
    found = _entities(ner._nlp(), PHRASES)
    assert any(found)
    assert found == _entities(with_shared, PHRASES)
