"""The question's cosines to stored vectors: of chunks and quotations, and of each sentence of a
candidate chunk.

Why per sentence: the sentences of one passage share its cosine, and a long quotation's
sentences share the quotation's, so only their own vectors tell which one the question is
about. Ingest stores them per chunk beside the article archive (`ingest.sentence_vectors`);
the unit features (`sentence_dense`, `sentence_gap`) and the answer's reading of a re-worded
phrase both read them through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from app.evidence.units import Unit
from ingest.sentence_vectors import SentenceVectors
from ingest.store import Store


class SentenceCosines(NamedTuple):
    """One chunk's sentences (article offsets) and their cosines to the question."""

    spans: np.ndarray  # (sentences, 2)
    cosines: np.ndarray  # (sentences,)


@lru_cache(maxsize=8)
def _sentence_vectors(folder: Path) -> SentenceVectors:
    """One reader per store folder: it reloads its index itself when ingest adds a shard."""
    return SentenceVectors(folder)


def cosines(
    store: Store, collection: Any, ids: Sequence[str], vector: list[float]
) -> dict[str, float]:
    """The question's cosines to these records' stored vectors (records of `collection`, the
    store's chunks or quotes), by id; a record without one is left out."""
    if not ids:
        return {}
    found = store.embeddings(collection, list(ids))
    query = np.asarray(vector, dtype=np.float32)
    return {i: float(np.dot(np.asarray(v, dtype=np.float32), query)) for i, v in found.items()}


def sentence_cosines(
    store: Store, chunk_ids: Sequence[str], vector: list[float]
) -> dict[str, SentenceCosines]:
    """Each chunk's stored sentence vectors against the question (chunks ingested without
    them, or a store without the folder, are left out: their units fall back to unit_dense)."""
    vectors = _sentence_vectors(store.sentence_folder)
    query = np.asarray(vector, dtype=np.float32)
    found = {}
    for chunk_id in chunk_ids:
        matrix = vectors.of(chunk_id)
        if matrix.size and matrix.shape[1] == query.shape[0]:
            found[chunk_id] = SentenceCosines(vectors.spans(chunk_id), matrix @ query)
    return found


def stored_sentence_vectors(store: Store, chunk_id: str) -> np.ndarray:
    """The chunk's stored sentence vectors (sentences x dimensions; empty when it was
    ingested without them)."""
    return _sentence_vectors(store.sentence_folder).of(chunk_id)


def sentence_scores(
    sentences: SentenceCosines | None, unit: Unit, fallback: float, top: float
) -> tuple[float, float]:
    """Why: the sentences of one passage share its cosine, and a long quotation's sentences
    share the quotation's, so only their own vectors tell which one the question is about.
    The unit's best overlapping sentence, and its distance below the chunk's best."""
    if sentences is None:
        return fallback, 0.0
    spans, cosines = sentences
    inside = (spans[:, 0] < unit.end) & (unit.start < spans[:, 1])
    if not inside.any():
        return fallback, 0.0
    best = float(cosines[inside].max())
    return best, top - best  # top: the chunk's best, the same for each of its units
