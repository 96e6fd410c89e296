"""Items in the dataset format of evals/README.md, with their evidence and gold articles.

Evidence strings are windows of 4-15 words, one per sentence of the gold span (up to four), so a
citation of any sentence of the gold quote counts; a window is only used when the articles
that contain it verbatim are exactly those that contain it as a near-copy (the verifier's
rule) and there are few of them, so a common phrase never makes unrelated articles gold.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.generate.text import MAX_EVIDENCE, CorpusIndex, Span, sentence_spans, windows

MAX_GOLD_DOCS = 4  # more articles than this with the same words: a stock phrase, not evidence


@dataclass(frozen=True)
class Item:
    """One question, as written to `<corpus>-<split>.jsonl`."""

    id: str
    question: str
    kind: str
    speaker: str | None
    gold_docs: list[str]
    evidence_any: list[str]
    split: str
    corpus: str
    template: str
    gold_spans: list[list[Any]]
    expect_in_answer: list[str] | None = None
    context: list[str] | None = None
    speaker_role: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        optional = ("expect_in_answer", "context", "speaker_role", "extra")
        row = {k: v for k, v in asdict(self).items() if not (k in optional and v is None)}
        row.pop("extra")
        return row | self.extra


@dataclass(frozen=True)
class Evidence:
    evidence_any: list[str]
    gold_docs: list[str]


def item_id(corpus: str, *parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12]
    return f"gen-{corpus}-{digest}"


def find_evidence(
    index: CorpusIndex,
    article_id: str,
    text: str,
    spans: tuple[Span, ...],
    must_cover: Span | None = None,
) -> Evidence | None:
    """Evidence windows for the sentences of the gold spans, and every article holding one.

    `must_cover` (a fact's number) restricts the windows to those containing it. None when no
    sentence yields a clean window.
    """
    evidence: list[str] = []
    gold: set[str] = set()
    # Round robin over the spans, so with several gold statements each gets a window first.
    per_span = [sentence_spans(text, span.start, span.end) for span in spans]
    sentences = [
        group[i]
        for i in range(max(map(len, per_span), default=0))
        for group in per_span
        if i < len(group)
    ]
    for sentence in sentences:
        if len(evidence) == MAX_EVIDENCE:
            break
        for window in windows(text, sentence):
            if must_cover and not (
                window.start <= must_cover.start and must_cover.end <= window.end
            ):
                continue
            string = text[window.start : window.end]
            exact = index.exact(string)
            if article_id not in exact or index.near(string) != exact or len(exact) > MAX_GOLD_DOCS:
                continue
            evidence.append(string)
            gold |= exact
            break
    if not evidence:
        return None
    return Evidence(evidence, sorted(gold))
