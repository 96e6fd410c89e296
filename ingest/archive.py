"""The article archive: every ingested article's text and metadata as one JSON file, kept
outside Chroma so that `quotedesk rebuild` can re-create every index even when the whole
Chroma folder is lost or damaged (Chroma's own article records live inside that folder).

Files are written before the article's Chroma records (an article that reaches the index is
always archived) and atomically (temp file + rename), so a killed ingest leaves either the old
file or the new one. One file per article under a two-level fan-out keeps directories small
and lets a changed article replace just its own file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from pathlib import Path

from ingest.types import Article

_FIELDS = {f.name for f in fields(Article)}


class ArticleArchive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def put(self, articles: Iterable[Article]) -> None:
        """Write each article unless its file already holds the same record."""
        for article in articles:
            path = self._path(article.id)
            data = json.dumps(asdict(article), ensure_ascii=False, sort_keys=True).encode()
            try:
                if path.read_bytes() == data:
                    continue
            except OSError:  # not archived yet (or unreadable): write it
                pass
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(f".{os.getpid()}.tmp")
            try:
                temp.write_bytes(data)
                os.replace(temp, path)
            finally:
                temp.unlink(missing_ok=True)

    def __iter__(self) -> Iterator[Article]:
        """Every readable archived article; a damaged file is skipped, not fatal."""
        for path in sorted(self.root.glob("*/*.json")):
            try:
                record = json.loads(path.read_bytes())
                yield Article(**{k: v for k, v in record.items() if k in _FIELDS})
            except (OSError, ValueError, TypeError):
                continue

    def count(self) -> int:
        return sum(1 for _ in self.root.glob("*/*.json"))

    def _path(self, article_id: str) -> Path:
        digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / f"{digest}.json"
