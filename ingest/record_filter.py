"""Which stored records a search may return: the store's own filter type, so that the app's
`Filters` is translated once (in the retriever) and the store turns it into Chroma's `where`
syntax or tantivy queries itself: no Chroma syntax lives outside `ingest/store.py`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordFilter:
    """One source, a day range (day numbers, inclusive), some speakers (any of them)."""

    source: str | None = None
    since: int | None = None
    until: int | None = None
    speakers: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        bounded = self.since is not None or self.until is not None
        return not (self.source or bounded or self.speakers)
