"""Vectors of pieces of a text from the one model pass over the whole text.

The model reads a chunk once and gives one vector per word piece. sentence-transformers'
chunk vector is the mean of all of them (special tokens included), normalised; the vector of a
quotation or a sentence inside the chunk is the mean of that span's own word pieces,
normalised. So quotes and sentences get vectors without being read a second time, and their
vectors carry the chunk's context (who speaks, about what).

Pure numpy over one text's token vectors and the tokenizer's character offsets, so it is
tested without a model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

Span = tuple[int, int]


@dataclass(frozen=True)
class TokenStates:
    """One text's word-piece vectors as the model read them: every word piece of the text,
    from one model input or, for a text longer than the model reads at once, from several
    (`ingest.token_pass`), each with its own special tokens.

    `offsets[i]` is the character span of word piece `i` in the text; special tokens ([CLS],
    [SEP]) have `special[i]` set.
    """

    vectors: np.ndarray  # (pieces, dimensions) float32
    offsets: np.ndarray  # (pieces, 2) int
    special: np.ndarray  # (pieces,) bool


def joined(windows: Sequence[TokenStates]) -> TokenStates:
    """One text's states from the model inputs it was read in, in order."""
    return TokenStates(
        np.concatenate([w.vectors for w in windows]),
        np.concatenate([w.offsets for w in windows]),
        np.concatenate([w.special for w in windows]),
    )


class Pieces(NamedTuple):
    """One text's word pieces as the model's tokenizer gives them, special tokens included:
    ids, each piece's character span in the text, and which are special tokens. Made once
    per text (`pieces_of`): the chunker's reading of paragraphs becomes each chunk's
    (`ingest.chunking`), which the model pass reads as they are (`ingest.token_pass`)."""

    ids: np.ndarray  # (pieces,) int64
    offsets: np.ndarray  # (pieces, 2) int64
    special: np.ndarray  # (pieces,) bool


def pieces_of(encoding: Any) -> Pieces:
    """A tokenizer `Encoding` as numpy arrays (what padding and pooling read)."""
    return Pieces(
        np.asarray(encoding.ids, dtype=np.int64),
        np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2),
        np.asarray(encoding.special_tokens_mask, dtype=bool),
    )


@dataclass(frozen=True)
class PooledText:
    """A text's own vector and one vector per asked span; None for a span without a word
    piece of its own."""

    vector: np.ndarray
    spans: list[np.ndarray | None]


def normalised(vector: np.ndarray) -> np.ndarray:
    """Unit length, as sentence-transformers' Normalize module (a zero vector stays zero).
    The norm is `np.linalg.norm`'s own sum for a vector, sqrt(v . v), without its argument
    checks: the same bits at two thirds of the cost, paid once per sentence and quote."""
    norm = float(np.sqrt(vector.dot(vector)))
    return vector / max(norm, 1e-12)


def text_vector(states: TokenStates) -> np.ndarray:
    """sentence-transformers' mean pooling: every word piece read, special tokens included
    (for a text read in several inputs: all of them, each input's special tokens too)."""
    return normalised(states.vectors.mean(axis=0))


def span_pieces(states: TokenStates, start: int, end: int) -> np.ndarray:
    """Indices of the word pieces (no special tokens) that overlap text[start:end]."""
    begins, ends = states.offsets[:, 0], states.offsets[:, 1]
    inside = (begins < end) & (ends > start) & ~states.special
    return np.flatnonzero(inside)


def span_vector(states: TokenStates, start: int, end: int) -> np.ndarray | None:
    """Mean of the span's own word pieces, normalised; None when it has none."""
    pieces = span_pieces(states, start, end)
    if pieces.size == 0:
        return None
    return normalised(states.vectors[pieces].mean(axis=0))


def pool(states: TokenStates, spans: list[Span]) -> PooledText:
    """The text's vector and each span's, from the same word-piece vectors: what
    `span_vector` gives each span, with the pieces of every span found in one numpy pass
    over the offsets, and a span's pieces read as a slice when they are consecutive (all
    but a span across two windows of a long text). The model's worker threads pool each
    batch while holding the GIL, about ten spans per chunk: per-span numpy calls were most
    of it (docs/notes/perf22.md)."""
    vectors = states.vectors
    if not spans:
        return PooledText(text_vector(states), [])
    asked = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    begins, ends = states.offsets[:, 0], states.offsets[:, 1]
    inside = (begins < asked[:, 1:]) & (ends > asked[:, :1]) & ~states.special
    pooled: list[np.ndarray | None] = []
    for row in inside:
        pieces = np.flatnonzero(row)
        if pieces.size == 0:
            pooled.append(None)
            continue
        first, last = int(pieces[0]), int(pieces[-1]) + 1
        chosen = vectors[first:last] if last - first == pieces.size else vectors[pieces]
        pooled.append(normalised(chosen.mean(axis=0)))
    return PooledText(text_vector(states), pooled)


def padded(encodings: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and attention mask of a batch of tokenizer encodings, padded with zeros to
    the longest: what both the ingest pass and the query model feed the transformer."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        ids[row, : len(encoding.ids)] = encoding.ids
        mask[row, : len(encoding.ids)] = 1
    return ids, mask
