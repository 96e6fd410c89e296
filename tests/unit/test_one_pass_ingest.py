"""Ingest reads each chunk once and stores pooled quote and sentence vectors (real Store and
Ingestor; the embedder is a recording double, so no model loads). Made-up articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest.chunking import embedding_text
from ingest.pipeline import Ingestor
from ingest.pooling import PooledText, Span
from ingest.sentence_vectors import ChunkSentences, SentenceVectors
from ingest.store import Store
from ingest.token_pass import PassStats
from ingest.types import Article
from tests.helpers import FakeEmbedder, count_words

ARTICLES = [
    Article(
        id="made-up-1",
        title="Harbour to reopen",
        text=(
            "The harbour will reopen in spring, officials said on Monday.\n\n"
            "“We expect the first ships in April,” said port director Aldo Brenn. "
            "He added that repairs were ahead of schedule.\n\n"
            "Critics were not convinced. “Nobody believes these dates,” said Mira Osk."
        ),
    ),
    Article(
        id="made-up-2",
        title="Library opens",
        text=(
            "A new library opened in the old town.\n\n"
            "“Books belong to everyone,” said the mayor, Tessa Lind. Visitors queued early."
        ),
    ),
]


class RecordingEmbedder:
    """A `SpanEmbedder` double: hashed word vectors, and a log of every text it read."""

    def __init__(self) -> None:
        self.fake = FakeEmbedder()
        self.read: list[str] = []

    def texts(self, texts: Sequence[str]) -> list[list[float]]:
        self.read.extend(texts)
        return self.fake.texts(texts)

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        self.read.extend(texts)
        results = [
            PooledText(
                np.asarray(self.fake.query(text)),
                [np.asarray(self.fake.query(text[s:e])) for s, e in asked],
            )
            for text, asked in zip(texts, spans, strict=True)
        ]
        return results, PassStats(len(texts), sum(len(t.split()) for t in texts))


@pytest.fixture(params=[True, False], ids=["overlapped", "in-turn"])
def ingested(tmp_path: Path, request: pytest.FixtureRequest):
    store = Store.open(tmp_path / "store")
    embedder = RecordingEmbedder()
    ingestor = Ingestor(
        store,
        embedder,  # type: ignore[arg-type]
        count_words,
        chunk_max_tokens=200,
        max_file_bytes=10**6,
        batch_articles=1,  # one article per stage: several stages in flight
        overlap=request.param,
    )
    report = ingestor.ingest_articles(ARTICLES, progress=False)
    return ingestor, embedder, report


def test_each_chunk_is_read_once_and_no_quote_again(ingested):
    ingestor, embedder, report = ingested
    chunks = ingestor.store.all_chunks()
    quotes = ingestor.store.quotes.get(include=["documents"])["documents"]
    assert chunks and quotes
    reads = Counter(embedder.read)
    assert all(reads[embedding_text(c)] == 1 for c in chunks)
    assert not any(reads[q] for q in quotes)  # quote vectors were pooled, not read again
    assert report.texts_read == len(chunks) == len(embedder.read)
    assert report.quotes_read_alone == []


def test_stored_quote_vector_is_the_pooled_span(ingested):
    ingestor, embedder, _ = ingested
    store = ingestor.store
    ids, docs = [], []
    for record_id, text in store.iter_records(store.quotes, ["documents"]):
        ids.append(record_id)
        docs.append(text)
    stored = store.embeddings(store.quotes, ids)
    for record_id, text in zip(ids, docs, strict=True):
        np.testing.assert_allclose(stored[record_id], embedder.fake.query(text), atol=1e-6)


def test_sentence_vectors_are_read_by_chunk_id(ingested):
    ingestor, _, _ = ingested
    sentences = ingestor.sentences
    for chunk in ingestor.store.all_chunks():
        spans = sentences.spans(chunk.id)
        vectors = sentences.of(chunk.id)
        assert len(spans) == len(vectors) > 0
        assert all(chunk.start <= s < e <= chunk.end for s, e in spans)
        article = next(a for a in ARTICLES if a.id == chunk.article_id)
        first = article.text[spans[0][0] : spans[0][1]]
        np.testing.assert_allclose(
            vectors[0], ingestor.embedder.fake.query(first), atol=2e-3
        )  # float16 on disk
    assert sentences.of("no-such-chunk").size == 0


def test_a_later_write_overrides_and_clear_drops(tmp_path: Path):
    vectors = SentenceVectors(tmp_path / "sentences")
    old = ChunkSentences("a:0", np.array([[0, 5]]), np.ones((1, 3), dtype=np.float32))
    new = ChunkSentences("a:0", np.array([[0, 4], [5, 9]]), np.zeros((2, 3), dtype=np.float32))
    vectors.write([old])
    assert vectors.of("a:0").tolist() == [[1.0, 1.0, 1.0]]
    vectors.write([new])
    assert vectors.spans("a:0").tolist() == [[0, 4], [5, 9]]
    assert SentenceVectors(tmp_path / "sentences").of("a:0").shape == (2, 3)  # another reader
    vectors.clear()
    assert vectors.of("a:0").size == 0


def test_unchanged_reingest_reads_nothing(ingested):
    ingestor, embedder, _ = ingested
    before = len(embedder.read)
    again = ingestor.ingest_articles(ARTICLES, progress=False)
    assert again.unchanged == len(ARTICLES)
    assert len(embedder.read) == before
