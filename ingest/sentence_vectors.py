"""Sentence vectors beside the store, compact (float16) and read by chunk id.

Chroma would give every sentence an HNSW entry (about 20 per article), which the memory target
of a large store cannot pay for; the ranker only needs the sentences of candidates it already
has, by chunk id. So each ingest batch writes one shard: a float16 matrix (memory-mapped on
read, so only the rows read are paged in) and a JSON index of chunk ids, row ranges and the
sentences' character spans in the article. A later shard overrides an earlier one for the same
chunk id (an article that changed was re-ingested); `clear` drops all (rebuild).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FOLDER = "sentence-vectors"
SETTLED_NS = 1_000_000_000  # a folder changed this recently is listed again on every read
DTYPE = np.float16  # 384 dims: 768 bytes a sentence; cosine to float32 above 0.9999


@dataclass(frozen=True)
class ChunkSentences:
    """The sentences of one chunk: spans are character offsets in the article text."""

    chunk_id: str
    spans: np.ndarray  # (sentences, 2) int
    vectors: np.ndarray  # (sentences, dimensions), unit length


@dataclass(frozen=True)
class _Rows:
    shard: str
    first: int
    count: int
    spans: list[list[int]]


class SentenceVectors:
    """Shards in `folder`; reading reloads the index when another batch was written."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._seen: tuple[str, ...] = ()
        self._folder_mtime = -1  # a shard renamed into place changes it: no listing per read
        self._rows: dict[str, _Rows] = {}
        self._matrices: dict[str, np.ndarray] = {}

    def write(self, chunks: Sequence[ChunkSentences]) -> None:
        """One shard for these chunks; its index is renamed into place last, so a reader
        never sees a shard without its vectors."""
        chunks = [c for c in chunks if len(c.spans)]
        if not chunks:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}"
        matrix = np.concatenate([c.vectors for c in chunks]).astype(DTYPE)
        np.save(self.folder / f"{name}.npy", matrix)
        index, first = [], 0
        for chunk in chunks:
            index.append([chunk.chunk_id, first, len(chunk.spans), chunk.spans.tolist()])
            first += len(chunk.spans)
        scratch = self.folder / f"{name}.json.part"
        scratch.write_text(json.dumps(index), encoding="utf-8")
        os.replace(scratch, self.folder / f"{name}.json")

    def of(self, chunk_id: str) -> np.ndarray:
        """The chunk's sentence vectors as float32, one row per sentence (none if unknown)."""
        rows = self._index().get(chunk_id)
        if rows is None:
            return np.zeros((0, 0), dtype=np.float32)
        matrix = self._matrix(rows.shard)
        return np.asarray(matrix[rows.first : rows.first + rows.count], dtype=np.float32)

    def spans(self, chunk_id: str) -> np.ndarray:
        """Character spans in the article of the rows `of` returns."""
        rows = self._index().get(chunk_id)
        return np.asarray(rows.spans if rows else [], dtype=np.int64).reshape(-1, 2)

    def clear(self) -> None:
        """Drop every shard (a rebuild writes them again)."""
        for path in self.folder.glob("*.json"):
            path.unlink(missing_ok=True)
        for path in self.folder.glob("*.npy"):
            path.unlink(missing_ok=True)
        self._seen, self._rows, self._matrices, self._folder_mtime = (), {}, {}, -1

    def _index(self) -> dict[str, _Rows]:
        try:
            mtime = self.folder.stat().st_mtime_ns
        except OSError:  # nothing written yet
            return {}
        settled = time.time_ns() - mtime > SETTLED_NS  # the clock behind mtime is coarse
        if mtime == self._folder_mtime and settled:
            return self._rows
        self._folder_mtime = mtime
        shards = tuple(sorted(p.stem for p in self.folder.glob("*.json")))
        if shards != self._seen:
            rows: dict[str, _Rows] = {}
            for shard in shards:  # oldest first: a later shard overrides
                entries = json.loads((self.folder / f"{shard}.json").read_text(encoding="utf-8"))
                for chunk_id, first, count, spans in entries:
                    rows[chunk_id] = _Rows(shard, first, count, spans)
            self._seen, self._rows = shards, rows
            self._matrices = {k: v for k, v in self._matrices.items() if k in shards}
        return self._rows

    def _matrix(self, shard: str) -> np.ndarray:
        if shard not in self._matrices:
            self._matrices[shard] = np.load(self.folder / f"{shard}.npy", mmap_mode="r")
        return self._matrices[shard]
