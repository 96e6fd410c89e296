"""A local file cache of what the retriever reads from Chroma at start-up: the visible chunks
and quotes (the BM25 index is tantivy's, on disk under `<store>/lexical/`, and not cached here).

Why: Chroma returns records at about 0.2 ms each (each metadata key is its own SQLite row), so
opening a 20k-article store spent about a minute reading 74k chunks and 126k quotes
(benchmarks/bench_query.py reports `open`). Chunks and quotes
are a pure function of the committed articles' (id, content stamp) pairs, the stamp including
the pipeline version, so those pairs (with the collections' record counts) are the cache key:
an added, changed or removed article, or a lost index, gives a new key. Only the latest state
is kept, and a new process whose key is not there starts from it: only the articles changed
since are read from Chroma (`HybridRetriever._read_changed`), or everything when the record
counts do not add up.

The file is a pickle in the store's own folder: whoever can write there can already rewrite the
Chroma database, so it adds no new trust. A missing, damaged or unwritable cache only costs the
slow read; it never stops the store from opening.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from ingest.types import Chunk, Quote

CACHE_FORMAT = "7"  # bump when the cached tuple changes shape (7: no BM25 index in it)


def _code_shape() -> str:
    """What the pickled objects depend on besides the articles: the fields of the cached
    dataclasses, so that upgraded code never restores stale objects."""
    names = [f"{t.__name__}.{f.name}" for t in (Chunk, Quote) for f in fields(t)]
    return f"{CACHE_FORMAT} {' '.join(names)}"


def corpus_key(hashes: Mapping[str, str], counts: Sequence[int]) -> str:
    """One digest of every committed article id and its stamp, and of the store's record
    counts: a lost or damaged collection changes those, and must be seen, not papered over."""
    digest = hashlib.sha256(f"{_code_shape()} {list(counts)}".encode())
    for article_id in sorted(hashes):
        digest.update(f"{article_id}\0{hashes[article_id]}\n".encode())
    return digest.hexdigest()[:32]


class CorpusCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self, key: str) -> Any | None:
        """The state saved under `key`, or None (absent, unreadable, or from other code)."""
        return self._read(self._path(key))

    def latest(self) -> Any | None:
        """The last state saved under any key: after another process's ingest, a new process
        starts from it and reads from Chroma only the articles that changed since."""
        saved = sorted(self.folder.glob("corpus-*.pickle"), key=_modified, reverse=True)
        return self._read(saved[0]) if saved else None

    def _read(self, path: Path) -> Any | None:
        """A damaged file is removed; one pickled by other code (other dataclass fields) is
        ignored, since its objects may not match what this code expects."""
        try:
            with open(path, "rb") as fh:
                shape, state = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # truncated or damaged: read the store instead
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            return None
        return state if shape == _code_shape() else None

    def save(self, key: str, state: Any) -> None:
        """Write atomically and drop older states; a failure (disk full, read-only, or another
        process removing this one's temp file while it saved) is ignored."""
        path = self._path(key)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temp, "wb") as fh:
                pickle.dump((_code_shape(), state), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)
            for old in self.folder.glob("corpus-*"):  # older states, temp files of killed runs
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            temp.unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / f"corpus-{key}.pickle"


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed by another process meanwhile
        return 0.0
