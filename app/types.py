"""What the app produces: ranked passages, citations and answers (plain values, JSON-ready)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from ingest.dates import day_number
from ingest.types import Chunk, Quote

# A citation marker in answer text: "[2]", or a group "[1, 3]" / "[1; 3]" as LLMs write them.
# The one parser of markers: the verifier, the HTML renderer and the evals use it.
MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_MARKER_SEPARATOR = re.compile(r"\s*[,;]\s*")


def marker_numbers(match: re.Match[str]) -> list[int]:
    """The numbers of one `MARKER` match, in written order ("[1, 3]" -> [1, 3])."""
    return [int(n) for n in _MARKER_SEPARATOR.split(match.group(1))]


def marked_numbers(text: str) -> list[int]:
    """Every number the markers in `text` cite, in written order, repeats kept."""
    return [n for match in MARKER.finditer(text) for n in marker_numbers(match)]


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the collection to: one speaker, one source, a date range.

    Dates are inclusive ISO days ("2022-01-27"); an article without a readable date is outside
    any date range. Hashable, so retrieval can cache per-filter state.
    """

    speaker: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and day_number(value) is None:
                raise ValueError(f"{name} must be a date like 2022-01-27, not {value!r}")

    @property
    def narrows_passages(self) -> bool:
        """True when passages (not only the speaker) are filtered."""
        return bool(self.source or self.since or self.until)

    def describe(self) -> str:
        """ "Tom Reed; the Courier; articles dated 2022-01-01 to 2022-01-31", for the answer's
        notice ("Filtered to ..."), which must read as a sentence with any one filter."""
        parts = [p for p in (self.speaker, self.source) if p]
        if self.since and self.until:
            parts.append(f"articles dated {self.since} to {self.until}")
        elif self.since:
            parts.append(f"articles dated from {self.since}")
        elif self.until:
            parts.append(f"articles dated up to {self.until}")
        return "; ".join(parts)

    @cached_property
    def days(self) -> tuple[int | None, int | None]:
        """`since` and `until` as day numbers, parsed once (the BM25 mask asks per chunk)."""
        return day_number(self.since), day_number(self.until)

    def admits(self, chunk: Chunk) -> bool:
        """Whether a passage of this chunk is inside the source and date range."""
        if self.source and chunk.source != self.source:
            return False
        since, until = self.days
        if not (since or until):
            return True
        day = day_number(chunk.published)
        return day is not None and (not since or day >= since) and (not until or day <= until)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused rank score and the evidence behind it."""

    chunk: Chunk
    score: float  # reciprocal-rank-fusion score, higher is better
    dense: float | None = None  # cosine similarity to the question, when dense retrieval found it
    quote: Quote | None = None  # the quotation that put it there, for speaker questions


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: an exact span of an article."""

    n: int
    article_id: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    paragraph: int
    start: int  # offsets into the article text; text == article.text[start:end]
    end: int
    text: str
    speaker: str | None = None
    score: float = 0.0
    chunk_id: str | None = None
    kind: str | None = None  # quote kind when the span is a quotation
    sentence: int = 1  # 1-based sentence number within the paragraph
    paragraphs: int = 1  # the article's paragraph count (1: scraped without breaks)

    @property
    def location(self) -> str:
        """ "paragraph 4, sentence 2"; "sentence 14" in an article without paragraph breaks."""
        if self.paragraphs <= 1:
            return f"sentence {self.sentence}"
        return f"paragraph {self.paragraph}, sentence {self.sentence}"


@dataclass(frozen=True)
class Removed:
    """A generated sentence that failed verification, and why."""

    sentence: str
    reason: str


@dataclass(frozen=True)
class Generation:
    """How a written answer was made and checked; absent on purely extractive answers.

    `fallback` holds the reason when the LLM's text was not shown and the extractive answer
    was returned instead (unreachable, timed out, nothing verifiable).
    """

    backend: str  # the --llm spec
    prompt: str  # prompt id, e.g. "answer_with_citations@1"
    sentences: int = 0  # sentences the LLM wrote
    verified: int = 0  # sentences kept: each supported by the passages it cites
    removed: list[Removed] = field(default_factory=list)
    fallback: str | None = None


@dataclass(frozen=True)
class Answer:
    """An answer and its sources; `to_json` is the documented `--json` schema."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # What a follow-up question may carry over from this turn.
    speaker: str | None = None
    topic: str | None = None
    standalone_question: str | None = None
    notice: str | None = None
    generation: Generation | None = None

    @property
    def written(self) -> bool:
        """True when the text shown is the LLM's (verified) prose, not the quoted passages."""
        return self.generation is not None and self.generation.fallback is None

    def marked_citations(self) -> list[Citation]:
        """The citations the answer text points to with [n] markers, in citation order.

        A written answer keeps only its verified sentences, so its markers (not the passages
        it was offered) are what a reader is pointed to.
        """
        marked = set(marked_numbers(self.answer))
        return [c for c in self.citations if c.n in marked]

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [
                {k: v for k, v in asdict(c).items() if k not in ("chunk_id", "kind", "paragraphs")}
                | {"location": c.location}
                for c in self.citations
            ],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "speaker": self.speaker,
            "standalone_question": self.standalone_question,
            "notice": self.notice,
            "generation": asdict(self.generation) if self.generation else None,
        }
