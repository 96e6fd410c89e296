"""app/bm25.py: scores exactly as bm25s (which it replaced), and an extended index is the same
as one built from scratch over the same texts."""

from __future__ import annotations

import json

import numpy as np
import pytest

from app.bm25 import Bm25Index, Lexicon
from tests.helpers import SAMPLE

QUERIES = [
    "What did Lavrov say about the OSCE?",
    "NATO expansion NATO",  # a repeated term counts twice, as in bm25s
    "security guarantees in Europe",
    "zzzz unknown words only",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Paragraphs of the bundled sample articles, plus an empty and a stop-words-only text."""
    paragraphs = []
    for path in sorted(SAMPLE.parent.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            paragraphs += [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    return [*paragraphs, "", "and the of"]


def bm25s_scores(lexicon: Lexicon, texts: list[str], query: str) -> np.ndarray:
    import bm25s

    retriever = bm25s.BM25()
    retriever.index([lexicon.terms(t) or ["_"] for t in texts], show_progress=False)
    terms = lexicon.terms(query)
    if not any(t in retriever.vocab_dict for t in terms):
        return np.zeros(len(texts), dtype=np.float32)
    return retriever.get_scores(terms)


def test_scores_match_bm25s(texts: list[str]) -> None:
    lexicon = Lexicon()
    index = Bm25Index(lexicon, texts)
    assert len(texts) > 20
    for query in QUERIES:
        np.testing.assert_allclose(
            index.scores(query), bm25s_scores(lexicon, texts, query), rtol=1e-5, atol=1e-6
        )
    hits = index.search(QUERIES[0], 5)
    assert hits and all("OSCE" in texts[i] for i, _ in hits[:1])
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_an_extended_index_equals_a_fresh_one(texts: list[str]) -> None:
    """Kept texts in a new order, some dropped, new ones added: the same scores as building
    over the resulting list from scratch, and unknown-to-the-old-index words are found."""
    lexicon = Lexicon()
    old = Bm25Index(lexicon, texts[:-5])
    keep = [7, 2, 3, 11, 0, *range(12, len(texts) - 5, 2)]
    added = [*texts[-5:], "Harbour reopens on Monday, said Alma Ruiz."]
    extended = old.extended(keep, added)
    fresh = Bm25Index(lexicon, [texts[i] for i in keep] + added)
    for query in [*QUERIES, "When does the harbour reopen?"]:
        np.testing.assert_allclose(extended.scores(query), fresh.scores(query), rtol=1e-6)
    assert extended.search("harbour reopen", 3)[0][0] == len(keep) + len(added) - 1


def test_masked_and_empty_searches(texts: list[str]) -> None:
    index = Bm25Index(Lexicon(), texts)
    top = index.search(QUERIES[0], 3)[0][0]
    mask = np.ones(len(texts), dtype=np.float32)
    mask[top] = 0
    assert top not in [i for i, _ in index.search(QUERIES[0], 3, mask)]
    assert index.search("zzzz", 3) == [] and Bm25Index(Lexicon(), []).search("OSCE", 3) == []
