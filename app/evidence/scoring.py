"""Every feature of a unit, computed against one question (`Scoring.values`).

Why a class per question: a passage's units share its text, headline and sentences, so the
terms, covers and phrases read once are kept for the next unit (long transcripts give a
question up to a thousand units). The names and their order are `app.evidence.features`'.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from app.evidence.covers import (
    pair_cover,
    phrase_cover,
    plain_cover,
    term_pairs,
    weighted_cover,
    weighted_gain,
)
from app.evidence.units import Unit, chunk_sentences
from app.evidence.vectors import SentenceCosines, sentence_scores
from ingest.speakers.mentions import is_named_speaker
from ingest.types import Chunk, Quote

TURN_CHARS = 600  # a turn begun in an earlier chunk: this much of the chunk before it is read
CONTEXT_BEFORE = 2  # sentences before a unit that may introduce its topic (`intro_gain`)
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Query:
    """What the candidates are found and scored for."""

    topic: str  # the words that rank passages
    vector: list[float]
    speaker: str | None  # the asked canonical speaker, if any
    members: tuple[str, ...] = ()  # that speaker's names as stored on quotes
    who_said: bool = False
    quantity: str | None = None  # the kind of number asked for (`app.quantities`)
    # The articles the previous answer cited, for a follow-up that takes its person or topic
    # from it (empty otherwise): its units carry `previous_article`.
    story: frozenset[str] = frozenset()


class Around(NamedTuple):
    """The quotations of the candidate chunks: by id, and each chunk's in article order."""

    quotes: dict[str, Quote]
    in_chunk: dict[str, list[Quote]]


class Scoring:
    """What every unit of one question is scored against: the query's terms, the ranks and
    cosines of both searches, and the terms, covers and phrases already read (a passage's
    units share its text and headline)."""

    def __init__(
        self,
        terms: Callable[[str], list[str]],
        query: Query,
        weights: dict[str, float],
        ranks: tuple[dict[str, int], dict[str, int]],  # passage search, quote search
        dense: tuple[dict[str, float], dict[str, float]],  # chunk, quotation cosines
        sentences: dict[str, SentenceCosines],
        around: Around,
    ) -> None:
        self.terms, self.query, self.weights = terms, query, weights
        self.chunk_rank, self.quote_rank = ranks
        self.chunk_dense, self.quote_dense = dense
        self.sentences, self.around = sentences, around
        self.surname = query.speaker.split()[-1].lower() if query.speaker else None
        self.topic_terms = terms(query.topic)
        self.topic_pairs = term_pairs(self.topic_terms)
        self.asked_terms = frozenset(self.topic_terms + terms(query.speaker or ""))
        self._terms: dict[str, list[str]] = {}
        self._cover: dict[str, float] = {}
        self._phrase: dict[str, float] = {}
        self._named: dict[str, float] = {}
        self._bounds: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
        self.sentence_top = {i: float(s.cosines.max()) for i, s in sentences.items()}

    def terms_of(self, text: str) -> list[str]:
        if text not in self._terms:
            self._terms[text] = self.terms(text)
        return self._terms[text]

    def cover(self, text: str) -> float:
        if text not in self._cover:
            self._cover[text] = weighted_cover(self.weights, self.terms_of(text))
        return self._cover[text]

    def chunk_phrase(self, chunk: Chunk) -> float:
        if chunk.id not in self._phrase:
            topic, pairs = self.topic_terms, self.topic_pairs
            self._phrase[chunk.id] = max(
                phrase_cover(topic, pairs, self.terms_of(chunk.text)),
                phrase_cover(topic, pairs, self.terms_of(chunk.title or "")),
            )
        return self._phrase[chunk.id]

    def lead_cover(self, chunk: Chunk, unit: Unit) -> float:
        """The topic's share in the unit with the sentence before it. Terms never run across
        the space that joins the two, so the joined text's terms are the two cached lists one
        after the other: no second tokenising of every unit (a third of `candidates` on long
        transcripts, where a question has up to a thousand units)."""
        before = self.sentence_before(chunk, unit.start)
        return weighted_cover(self.weights, self.terms_of(before) + self.terms_of(unit.text))

    def sentence_before(self, chunk: Chunk, start: int) -> str:
        """The last sentence of the chunk that ends before `start` (article offsets), or "".
        By bisection over the sentence ends, which rise: every unit of a passage asks."""
        spans, ends = self.sentence_bounds(chunk)
        n = bisect_right(ends, start - chunk.start)
        return chunk.text[spans[n - 1][0] : spans[n - 1][1]] if n else ""

    def name_in_chunk(self, chunk: Chunk) -> float:
        """Whether the asked surname is in the passage, once per passage, not once per unit
        (lower-casing a 1,000-character passage for each of its units)."""
        if chunk.id not in self._named:
            surname = self.surname
            self._named[chunk.id] = float(bool(surname) and surname in chunk.text.lower())
        return self._named[chunk.id]

    def values(self, unit: Unit) -> dict[str, float]:
        """Every feature of `unit`, by name."""
        query, chunk, text, surname = self.query, unit.chunk, unit.text, self.surname
        words = len(text.split())
        terms = self.terms_of(text)
        c_dense = self.chunk_dense.get(chunk.id, 0.0)
        has_number = 1.0 if _NUMBER.search(text) else 0.0
        u_dense = self.quote_dense.get(unit.quote_id or "", c_dense)
        s_dense, s_gap = sentence_scores(
            self.sentences.get(chunk.id), unit, u_dense, self.sentence_top.get(chunk.id, 0.0)
        )
        return {
            "chunk_dense": c_dense,
            "unit_dense": u_dense,
            "chunk_rank": _reciprocal(self.chunk_rank.get(chunk.id)),
            "quote_rank": _reciprocal(self.quote_rank.get(unit.quote_id or "")),
            "unit_cover": self.cover(text),
            "unit_cover_plain": plain_cover(self.topic_terms, terms),
            "pair_cover": pair_cover(self.topic_pairs, terms),
            "lead_cover": self.lead_cover(chunk, unit),
            "chunk_cover": self.cover(chunk.text),
            "title_cover": self.cover(chunk.title),
            "speaker_asked": float(bool(query.speaker) and unit.speaker == query.speaker),
            "speaker_other": float(bool(unit.speaker) and unit.speaker != query.speaker),
            "name_in_unit": float(bool(surname) and surname in text.lower()),
            "name_in_chunk": self.name_in_chunk(chunk),
            "kind_direct": float(unit.kind == "direct"),
            "kind_transcript": float(unit.kind == "transcript"),
            "kind_indirect": float(unit.kind == "indirect"),
            "kind_sentence": float(unit.kind == "sentence"),
            "named_speaker": float(bool(unit.speaker) and is_named_speaker(unit.speaker)),
            "has_number": has_number,
            "number_wanted": has_number * float(query.quantity is not None),
            "log_words": math.log1p(words) / 5.0,
            "short": float(words < 6),
            "first_chunk": 1.0 / (1 + chunk.index),
            "sentence_dense": s_dense,
            "sentence_gap": s_gap,
            "chunk_phrase": self.chunk_phrase(chunk),
            "previous_article": float(chunk.article_id in query.story),
        } | self.context_values(unit, terms)

    def context_values(self, unit: Unit, own: Sequence[str]) -> dict[str, float]:
        """The topic's weight in what introduces the unit that the unit's own terms `own` lack.
        Why: a quotation often answers a topic its context names ("On the bridge, she said:
        ..."), a transcript answer takes it from the question before; but a window that holds
        the unit scored a quotation's neighbour as high as the quotation (rank19), so here the
        unit's own words count for nothing and no quotation's words are read, its own included:
        a long quotation is cited sentence by sentence, and its later sentences took the topic
        from the earlier one that says it, then outranked it ("The bridge opens in May. It was
        hard." led with "It was hard." for "the bridge"; docs/notes/rank38.md)."""
        chunk, base = unit.chunk, unit.chunk.start
        spans, ends = self.sentence_bounds(chunk)
        # the sentences before the first one the unit overlaps (the first ending after its start)
        first = bisect_right(ends, unit.start - base)
        before = spans[max(0, first - CONTEXT_BEFORE) : first]
        quote = self.around.quotes.get(unit.quote_id or "")
        turn = self.terms_of(self._turn_before(chunk, quote)) if quote else []
        quoted = [
            (q.start - base, q.end - base)
            for q in self.around.in_chunk.get(chunk.id, ())
            if q.kind != "indirect"
        ]
        intro = [t for s, e in before for t in self.terms_of_outside(chunk.text, s, e, quoted)]
        return {"intro_gain": weighted_gain(self.weights, intro + turn, own)}

    def terms_of_outside(
        self, text: str, start: int, end: int, cut: Sequence[tuple[int, int]]
    ) -> list[str]:
        """The terms of text[start:end] outside the spans `cut` (chunk offsets)."""
        found: list[str] = []
        pos = start
        for s, e in sorted(cut):
            if e <= pos or s >= end:
                continue
            if s > pos:
                found += self.terms_of(text[pos:s])
            pos = max(pos, e)
        if pos < end:
            found += self.terms_of(text[pos:end])
        return found

    def _turn_before(self, chunk: Chunk, quote: Quote) -> str:
        """The previous speaker's transcript turn up to this one (its label included), or the
        chunk's text before the turn when that turn began in an earlier chunk; empty for other
        quotations: the question a transcript answer takes its topic from."""
        if quote.kind != "transcript":
            return ""
        before = [
            q
            for q in self.around.in_chunk.get(chunk.id, ())
            if q.kind == "transcript" and q.end <= quote.start and q.speaker != quote.speaker
        ]
        start = before[-1].start if before else max(chunk.start, quote.start - TURN_CHARS)
        return chunk.text[start - chunk.start : quote.start - chunk.start]

    def sentence_bounds(self, chunk: Chunk) -> tuple[list[tuple[int, int]], list[int]]:
        """The chunk's sentence spans and their ends (chunk offsets), once per passage: each of
        its units bisects the ends."""
        if chunk.id not in self._bounds:
            spans = chunk_sentences(chunk.text)
            self._bounds[chunk.id] = (spans, [e for _, e in spans])
        return self._bounds[chunk.id]


def _reciprocal(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1 + rank)
