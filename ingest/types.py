"""Domain types produced by ingest.

They hold plain Python values only (no llama-index or Chroma types) so that every layer
above (retrieval, answers, UI, evals) can use them without knowing how they were stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

QuoteKind = Literal["direct", "indirect", "transcript"]


@dataclass(frozen=True)
class Article:
    """One news article as read from a file; `text` is the exact text all offsets index into."""

    id: str
    title: str
    text: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    section: str | None = None
    origin: str | None = None  # the file it came from, for error messages and provenance

    @property
    def content_hash(self) -> str:
        """Hash of everything stored for the article: a change to any of it replaces its chunks."""
        from ingest.ids import article_hash

        return article_hash(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement, located by character offsets in its article text.

    `text` is the verbatim words without the outer quotation marks, so that
    `article.text[start:end] == text` always holds.
    """

    text: str
    start: int
    end: int
    kind: QuoteKind = "direct"
    speaker: str | None = None  # canonical name within the article ("Nils Varo")
    speaker_as_written: str | None = None  # "he", "the Russian foreign minister", "Varo"
    role: str | None = None  # "Russian Foreign Minister", when the article gives one
    cue: str | None = None  # reporting verb or marker: "said", "according to", ":"
    rule: str | None = None  # the extraction rule that produced it ("that_clause", ...)
    chunk_id: str | None = None  # set by the pipeline once chunks are known


class StoredQuote(NamedTuple):
    """A quote as every store index holds it: its id, the quote, and its article's id (the
    records file, the lexical index and the Chroma records are all written from these)."""

    id: str
    quote: Quote
    article_id: str


@dataclass(frozen=True, slots=True)
class Chunk:
    """One or more whole paragraphs of an article, the unit that is embedded and retrieved."""

    id: str  # "<article_id>:<n>"
    article_id: str
    index: int
    text: str
    start: int  # offsets into the article text
    end: int
    paragraph_start: int  # 1-based paragraph numbers, inclusive
    paragraph_end: int
    title: str = ""
    source: str | None = None
    published: str | None = None
    url: str | None = None
