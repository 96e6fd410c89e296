"""What the app produces: ranked passages, citations and answers (plain values, JSON-ready)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.types import Chunk, Quote


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

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [
                {k: v for k, v in asdict(c).items() if k not in ("chunk_id", "kind")}
                for c in self.citations
            ],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "speaker": self.speaker,
            "standalone_question": self.standalone_question,
            "notice": self.notice,
            "generation": asdict(self.generation) if self.generation else None,
        }
