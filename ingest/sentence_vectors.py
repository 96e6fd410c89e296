"""Sentence vectors beside the store, compact (float16) and read by chunk id.

Chroma would give every sentence an HNSW entry (about 20 per article), which the memory target
of a large store cannot pay for; the ranker only needs the sentences of candidates it already
has, by chunk id. So each ingest batch writes one shard: a float16 matrix (memory-mapped on
read, so only the rows read are paged in) and a JSON index of chunk ids, row ranges and the
sentences' character spans in the article. A later shard overrides an earlier one for the same
chunk id (an article that changed was re-ingested); `clear` drops all (rebuild). Past
`COMPACT_AT` shards, `compact` merges them into one holding only the rows still read (ingest
calls it at its end), so a large store is a few files and overridden rows leave the disk.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FOLDER = "sentence-vectors"
SETTLED_NS = 1_000_000_000  # a folder changed this recently is listed again on every read
DTYPE = np.float16  # 384 dims: 768 bytes a sentence; cosine to float32 above 0.9999
COMPACT_AT = 8  # shards (one per ingest stage of 50 articles) before `compact` merges them


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
        rows = sum(len(c.spans) for c in chunks)
        width = chunks[0].vectors.shape[1]

        def fill(matrix: np.ndarray) -> None:
            matrix[:] = np.concatenate([c.vectors for c in chunks])

        index = [(c.chunk_id, len(c.spans), c.spans.tolist()) for c in chunks]
        self._write_shard((rows, width), fill, index)

    def compact(self, at: int = COMPACT_AT) -> bool:
        """With `at` shards or more, merge them into one holding every row still read, then
        delete the old ones; True if it merged. The merged shard is newer than all it
        replaces, so a reader sees the same vectors before, during and after."""
        rows = self._index()
        old = self._seen
        if len(old) < at:
            return False
        live = sorted(rows.items(), key=lambda item: (item[1].shard, item[1].first))
        width = self._matrix(old[-1]).shape[1]
        total = sum(r.count for _, r in live)

        def fill(matrix: np.ndarray) -> None:  # row by row: the store never sits in memory
            position = 0
            for _, r in live:
                matrix[position : position + r.count] = self._matrix(r.shard)[
                    r.first : r.first + r.count
                ]
                position += r.count

        self._write_shard((total, width), fill, [(c, r.count, r.spans) for c, r in live])
        for shard in old:  # index first: a reader never lists a shard without its vectors
            (self.folder / f"{shard}.json").unlink(missing_ok=True)
            (self.folder / f"{shard}.npy").unlink(missing_ok=True)
        self._seen, self._rows, self._matrices, self._folder_mtime = (), {}, {}, -1
        return True

    def of(self, chunk_id: str) -> np.ndarray:
        """The chunk's sentence vectors as float32, one row per sentence (none if unknown)."""
        for _ in range(2):  # a shard merged away since the index was read: read it again
            rows = self._index().get(chunk_id)
            if rows is None:
                return np.zeros((0, 0), dtype=np.float32)
            try:
                matrix = self._matrix(rows.shard)
            except FileNotFoundError:
                self._seen, self._folder_mtime = (), -1
                continue
            return np.asarray(matrix[rows.first : rows.first + rows.count], dtype=np.float32)
        return np.zeros((0, 0), dtype=np.float32)

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

    def _write_shard(
        self,
        shape: tuple[int, int],
        fill: Callable[[np.ndarray], None],
        index: Sequence[tuple[str, int, list]],
    ) -> None:
        """Vectors first (`fill` writes them into the memory-mapped file), then the index
        renamed into place."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{os.getpid()}"
        matrix = np.lib.format.open_memmap(
            self.folder / f"{name}.npy", mode="w+", dtype=DTYPE, shape=shape
        )
        fill(matrix)
        matrix.flush()
        del matrix
        entries, first = [], 0
        for chunk_id, count, spans in index:
            entries.append([chunk_id, first, count, spans])
            first += count
        scratch = self.folder / f"{name}.json.part"
        scratch.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(scratch, self.folder / f"{name}.json")

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
                try:
                    text = (self.folder / f"{shard}.json").read_text(encoding="utf-8")
                except FileNotFoundError:  # merged away by `compact`: a newer shard has it
                    continue
                entries = json.loads(text)
                for chunk_id, first, count, spans in entries:
                    rows[chunk_id] = _Rows(shard, first, count, spans)
            self._seen, self._rows = shards, rows
            self._matrices = {k: v for k, v in self._matrices.items() if k in shards}
        return self._rows

    def _matrix(self, shard: str) -> np.ndarray:
        if shard not in self._matrices:
            self._matrices[shard] = np.load(self.folder / f"{shard}.npy", mmap_mode="r")
        return self._matrices[shard]
