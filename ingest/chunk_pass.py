"""Chunk, quote and sentence vectors of one ingest batch, each chunk read by the model once.

A quote's words are inside its chunk, so its vector is pooled from the chunk's word pieces
(`ingest.pooling`), also in a chunk longer than the model reads at once (grown around a long
multi-paragraph quotation), which the pass reads in windows (`ingest.token_pass`); only a
quote the chunk's pass gives no vector (not inside its chunk) is read on its own. So every
word is read once. Sentences are pooled the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

from ingest.chunking import embedding_text
from ingest.pooling import Pieces, PooledText, Span
from ingest.sentence_vectors import ChunkSentences
from ingest.text import sentence_spans
from ingest.token_pass import PassStats
from ingest.types import Chunk, Quote


@runtime_checkable
class TextEmbedder(Protocol):
    """Any embedder: whole texts in, one vector each out."""

    def texts(self, texts: Sequence[str]) -> list[list[float]]: ...


@runtime_checkable
class SpanEmbedder(TextEmbedder, Protocol):
    """An embedder that keeps word-piece vectors (`ingest.embedding.Embedder`)."""

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]: ...


@runtime_checkable
class PieceEmbedder(SpanEmbedder, Protocol):
    """A span embedder that also reads texts its tokenizer already cut into word pieces."""

    def pooled_pieces(
        self, pieces: Sequence[Pieces], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]: ...


@dataclass(frozen=True)
class BatchVectors:
    """Everything one batch stores, in the order of its chunks and quotes: one float32 row
    each (the store hands Chroma float32 arrays; lists of Python floats, made and then read
    back, took 0.05 s and 0.09 s per 300 BBC articles under cProfile and changed no bit)."""

    chunks: np.ndarray  # (chunks, dimensions)
    quotes: np.ndarray  # (quotes, dimensions)
    sentences: list[ChunkSentences]
    read: PassStats  # model inputs and word pieces the model read, both passes together
    quotes_read_alone: list[int]  # indices of the quotes read on their own


@dataclass
class _Reading:
    """What is asked of one chunk's pass: its text, and spans in article offsets."""

    text: str
    shift: int  # add to an article offset to get an offset in `text`
    sentences: list[Span]
    quotes: list[int] = field(default_factory=list)  # indices into the batch's quotes


def embed_batch(
    embedder: TextEmbedder,
    chunks: Sequence[Chunk],
    quotes: Sequence[Quote],
    article_texts: dict[str, str],
    pieces: Sequence[Pieces] | None = None,
) -> BatchVectors:
    """One pass over the chunks (over their word pieces as the chunker read them, when
    given: `ingest.chunking.Chunked`); quotes not inside their chunk get a pass of their
    own."""
    readings = [_reading(c, article_texts[c.article_id]) for c in chunks]
    row_of = {c.id: row for row, c in enumerate(chunks)}
    for index, quote in enumerate(quotes):
        row = row_of.get(quote.chunk_id or "")
        if row is not None and chunks[row].start <= quote.start < quote.end <= chunks[row].end:
            readings[row].quotes.append(index)
    asked = [
        [(s + r.shift, e + r.shift) for s, e in r.sentences]
        + [(quotes[i].start + r.shift, quotes[i].end + r.shift) for i in r.quotes]
        for r in readings
    ]
    pooled, read = _pooled(embedder, [r.text for r in readings], asked, pieces)

    quote_vectors: list[np.ndarray | None] = [None] * len(quotes)
    sentences: list[ChunkSentences] = []
    for chunk, reading, result in zip(chunks, readings, pooled, strict=True):
        count = len(reading.sentences)
        for index, vector in zip(reading.quotes, result.spans[count:], strict=True):
            quote_vectors[index] = vector
        sentences.append(_sentences(chunk.id, reading.sentences, result.spans[:count]))
    alone = [i for i, vector in enumerate(quote_vectors) if vector is None]
    if alone:
        own, own_read = _pooled(embedder, [quotes[i].text for i in alone], [[] for _ in alone])
        for index, result in zip(alone, own, strict=True):
            quote_vectors[index] = result.vector
        read = PassStats(
            read.texts + own_read.texts,
            read.pieces + own_read.pieces,
            read.padded + own_read.padded,
            max(read.longest, own_read.longest),
        )
    return BatchVectors(
        chunks=_rows([p.vector for p in pooled]),
        quotes=_rows([v for v in quote_vectors if v is not None]),
        sentences=sentences,
        read=read,
        quotes_read_alone=alone,
    )


def joined_vectors(parts: Sequence[BatchVectors]) -> BatchVectors:
    """The vectors of consecutive parts of a batch as one batch's, in the parts' order (what
    one store write of several model calls takes: `ingest.stages`)."""
    offsets = np.cumsum([0] + [len(p.quotes) for p in parts])
    return BatchVectors(
        chunks=_stacked([p.chunks for p in parts]),
        quotes=_stacked([p.quotes for p in parts]),
        sentences=[s for p in parts for s in p.sentences],
        read=PassStats(
            sum(p.read.texts for p in parts),
            sum(p.read.pieces for p in parts),
            sum(p.read.padded for p in parts),
            max((p.read.longest for p in parts), default=0),
        ),
        quotes_read_alone=[
            int(offset) + i
            for offset, p in zip(offsets, parts, strict=False)
            for i in p.quotes_read_alone
        ],
    )


def _stacked(matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Rows of several matrices as one (an empty part has no rows, and no columns either)."""
    kept = [m for m in matrices if len(m)]
    return np.concatenate(kept) if kept else np.zeros((0, 0), dtype=np.float32)


def _rows(vectors: Sequence[np.ndarray]) -> np.ndarray:
    """Vectors as one float32 matrix (an empty batch: no rows)."""
    if not vectors:
        return np.zeros((0, 0), dtype=np.float32)
    return np.asarray(vectors, dtype=np.float32)


def _reading(chunk: Chunk, article_text: str) -> _Reading:
    text = embedding_text(chunk)
    shift = len(text) - len(chunk.text) - chunk.start
    return _Reading(text, shift, sentence_spans(article_text, chunk.start, chunk.end))


def _sentences(
    chunk_id: str, spans: Sequence[Span], vectors: Sequence[np.ndarray | None]
) -> ChunkSentences:
    kept = [(span, v) for span, v in zip(spans, vectors, strict=True) if v is not None]
    return ChunkSentences(
        chunk_id,
        np.asarray([span for span, _ in kept], dtype=np.int64).reshape(-1, 2),
        np.asarray([v for _, v in kept], dtype=np.float32),
    )


def _pooled(
    embedder: TextEmbedder,
    texts: Sequence[str],
    spans: Sequence[Sequence[Span]],
    pieces: Sequence[Pieces] | None = None,
) -> tuple[list[PooledText], PassStats]:
    """The one-pass vectors (from the texts' word pieces when given and the embedder reads
    them); an embedder without word-piece vectors embeds each span's text instead (a test
    double, or a remote embedding service), and reports no word pieces."""
    if not texts:
        return [], PassStats(0, 0)
    if pieces is not None and isinstance(embedder, PieceEmbedder):
        return embedder.pooled_pieces(pieces, spans)
    if isinstance(embedder, SpanEmbedder):
        return embedder.pooled(texts, spans)
    pieces = [t[s:e] for t, asked in zip(texts, spans, strict=True) for s, e in asked]
    vectors = [np.asarray(v, dtype=np.float32) for v in embedder.texts([*texts, *pieces])]
    results, position = [], len(texts)
    for row, asked in enumerate(spans):
        results.append(PooledText(vectors[row], vectors[position : position + len(asked)]))
        position += len(asked)
    return results, PassStats(len(texts) + len(pieces), 0)
