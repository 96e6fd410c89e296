"""Ingest reads each chunk once and stores pooled quote and sentence vectors (real Store and
Ingestor; the embedder is a recording double, so no model loads). Made-up articles."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
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
    _, visible = ingestor.store.visible(ingestor.store.article_hashes())
    quotes = [s.quote.text for s in visible.values()]
    assert chunks and quotes
    reads = Counter(embedder.read)
    assert all(reads[embedding_text(c)] == 1 for c in chunks)
    assert not any(reads[q] for q in quotes)  # quote vectors were pooled, not read again
    assert report.texts_read == len(chunks) == len(embedder.read)
    assert report.quotes_read_alone == []


def test_stored_quote_vector_is_the_pooled_span(ingested):
    ingestor, embedder, _ = ingested
    store = ingestor.store
    _, visible = store.visible(store.article_hashes())
    ids = list(visible)
    docs = [s.quote.text for s in visible.values()]
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


# ----- batching, threads and memory of the model pass (ingest/token_pass.py, ingest/memory.py)

BATCH_CASES = [
    # (name, lengths, max_pieces, max_texts, batches expected)
    ("no texts", [], 2048, 64, []),
    ("shortest first, one batch", [21, 20, 20], 2048, 64, [[1, 2, 0]]),
    ("lengths far apart run alone", [30, 10, 20], 2048, 64, [[1], [2], [0]]),
    ("a jump in length cuts the batch", [100, 10, 100, 10], 2048, 64, [[1, 3], [0, 2]]),
    ("padded size capped", [100, 100, 100, 100, 100], 300, 64, [[0, 1, 2], [3, 4]]),
    ("capped by the longest row", [10, 10, 10, 200], 400, 64, [[0, 1, 2], [3]]),
    ("text count capped", [5, 5, 5, 5, 5], 2048, 2, [[0, 1], [2, 3], [4]]),
    ("a text over the cap runs alone", [3000, 10], 2048, 64, [[1], [0]]),
    ("equal lengths keep their order", [7, 7, 7], 14, 64, [[0, 1], [2]]),
]


@pytest.mark.parametrize(
    ("name", "lengths", "max_pieces", "max_texts", "expected"),
    BATCH_CASES,
    ids=[c[0] for c in BATCH_CASES],
)
def test_plan_batches(name: str, lengths, max_pieces: int, max_texts: int, expected):
    from ingest.token_pass import plan_batches

    batches = plan_batches(lengths, max_pieces, max_texts)
    assert batches == expected
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        padded = len(batch) * max(lengths[i] for i in batch)
        assert len(batch) == 1 or (padded <= max_pieces and len(batch) <= max_texts)


def test_plan_batches_pads_little_on_mixed_lengths():
    """Length-sorted, capped batches of chunk-like lengths waste under 10% on padding."""
    from ingest.token_pass import MAX_BATCH_PIECES, plan_batches

    rng = np.random.default_rng(7)
    lengths = [int(n) for n in rng.integers(40, 257, size=300)]
    batches = plan_batches(lengths, MAX_BATCH_PIECES, 64)
    padded = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    assert padded <= MAX_BATCH_PIECES * len(batches)
    assert 1 - sum(lengths) / padded < 0.10


def test_pass_threads_one_worker_per_core_one_torch_thread_each():
    from ingest.token_pass import PassThreads, pass_threads

    assert pass_threads(2) == PassThreads(workers=2, intra_op=1)
    assert pass_threads(1) == PassThreads(workers=1, intra_op=1)
    assert pass_threads(0).workers >= 1  # unknown core count: at least one worker


def test_release_free_memory_is_a_no_op_without_malloc_trim(monkeypatch: pytest.MonkeyPatch):
    from ingest import memory

    monkeypatch.setattr(memory, "_libc_function", lambda name, argtypes: None)
    assert memory.release_free_memory() is False


def test_release_free_memory_calls_malloc_trim(monkeypatch: pytest.MonkeyPatch):
    from ingest import memory

    calls: list[tuple[str, int]] = []

    def libc_function(name: str, argtypes: tuple) -> object:
        return lambda pad: calls.append((name, pad)) or 1

    monkeypatch.setattr(memory, "_libc_function", libc_function)
    assert memory.release_free_memory() is True
    assert calls == [("malloc_trim", 0)]


def test_compact_merges_shards_and_keeps_what_readers_see(tmp_path: Path):
    folder = tmp_path / "sentences"
    writer = SentenceVectors(folder)
    reader = SentenceVectors(folder)  # another process's view, opened before the merge
    for n in range(4):  # a:0 written twice: the later rows win, before and after
        vectors = np.full((n + 1, 3), float(n), dtype=np.float32)
        spans = np.array([[i, i + 1] for i in range(n + 1)])
        writer.write([ChunkSentences(f"a:{n % 3}", spans, vectors)])
    before = {c: (reader.of(c).tolist(), reader.spans(c).tolist()) for c in ("a:0", "a:1", "a:2")}
    assert before["a:0"][0] == [[3.0] * 3] * 4
    assert writer.compact(at=5) is False  # fewer shards than asked: nothing merged
    assert writer.compact(at=4) is True
    assert len(list(folder.glob("*.json"))) == len(list(folder.glob("*.npy"))) == 1
    for chunk_id, (vectors, spans) in before.items():
        assert reader.of(chunk_id).tolist() == vectors  # the old shard's file is gone
        assert reader.spans(chunk_id).tolist() == spans
        assert SentenceVectors(folder).of(chunk_id).tolist() == vectors
    assert sum(len(e[3]) for e in json.loads(next(folder.glob("*.json")).read_text())) == 4 + 2 + 3


def test_ingest_compacts_sentence_shards(tmp_path: Path):
    store = Store.open(tmp_path / "store")
    ingestor = Ingestor(
        store,
        RecordingEmbedder(),  # type: ignore[arg-type]
        count_words,
        chunk_max_tokens=200,
        max_file_bytes=10**6,
        batch_articles=1,
    )
    many = [replace(a, id=f"{a.id}-{n}") for n in range(5) for a in ARTICLES]  # 10 stages
    ingestor.ingest_articles(many, progress=False)
    folder = ingestor.sentences.folder
    assert len(list(folder.glob("*.json"))) == 1
    for chunk in store.all_chunks():
        assert len(ingestor.sentences.of(chunk.id)) == len(ingestor.sentences.spans(chunk.id)) > 0


# (name, lengths, batches as planned, the order the workers take them)
ORDER_CASES = [
    ("widest batch first", [10, 10, 200], [[0, 1], [2]], [[2], [0, 1]]),
    ("most padded pieces first", [60, 60, 60, 100], [[0, 1, 2], [3]], [[0, 1, 2], [3]]),
    ("equal pieces: the wider first", [50, 50, 100], [[0, 1], [2]], [[2], [0, 1]]),
    ("no batch", [], [], []),
]


@pytest.mark.parametrize(
    ("name", "lengths", "batches", "expected"), ORDER_CASES, ids=[c[0] for c in ORDER_CASES]
)
def test_longest_first(name: str, lengths, batches, expected):
    from ingest.token_pass import longest_first

    assert longest_first(batches, lengths) == expected
