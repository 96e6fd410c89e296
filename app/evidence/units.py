"""Evidence units: the spans of an article an answer may cite, each with who speaks in it.

Why units and not chunks: a chunk is up to 200 word pieces, and the reader wants the sentence or
quotation that holds the answer. Every unit is an exact article span: a quotation (whole when
short, else each of its sentences), the sentence that carries a reported statement, or a
narrative sentence of a passage, with the speaker the extractor found. How a chunk is cut into
sentences lives here too, as the units' context is read by the same sentences
(`app.evidence.scoring`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ingest.text import sentence_spans
from ingest.types import Chunk, Quote

UnitKind = Literal["direct", "transcript", "indirect", "sentence"]
LONG_QUOTE_CHARS = 320  # longer quotations are offered sentence by sentence
FRAGMENT_WORDS = 3  # a quotation this short is cited in its sentence (`_fragment`)


@dataclass(frozen=True)
class Unit:
    """One citable span of an article, with who speaks in it."""

    chunk: Chunk
    start: int  # article offsets
    end: int
    kind: UnitKind
    speaker: str | None = None  # canonical speaker of the words; None for narrative
    role: str | None = None
    quoted: bool = False  # inside a quotation's own words: may be framed as speech
    quote_id: str | None = None

    @property
    def text(self) -> str:
        return self.chunk.text[self.start - self.chunk.start : self.end - self.chunk.start]

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.chunk.article_id, self.start, self.end)


def quote_units(
    chunk: Chunk, quote_id: str, quote: Quote, canonical: Callable[[str], str]
) -> Iterable[Unit]:
    """A quotation as citable units: whole when short, else its own sentences; a reported
    statement as the sentence(s) of the article that carry it (cited as written)."""
    if not (chunk.start <= quote.start and quote.end <= chunk.end):
        return []
    speaker = canonical(quote.speaker) if quote.speaker else None
    kind: UnitKind = quote.kind
    if _fragment(quote):
        # A fragment ("great thriller") says nothing alone and framed as speech ("X said:
        # “affordable”") reads as all X said: its sentence is cited, as narrative.
        return []
    if quote.kind == "indirect":
        start, end = _enclosing_sentences(chunk, quote.start, quote.end)
        return [Unit(chunk, start, end, kind, speaker, quote.role, False, quote_id)]
    if quote.end - quote.start <= LONG_QUOTE_CHARS:
        return [Unit(chunk, quote.start, quote.end, kind, speaker, quote.role, True, quote_id)]
    local = sentence_spans(chunk.text, quote.start - chunk.start, quote.end - chunk.start)
    return [
        Unit(chunk, chunk.start + s, chunk.start + e, kind, speaker, quote.role, True, quote_id)
        for s, e in local
    ]


def _fragment(quote: Quote) -> bool:
    """A quotation of a few words inside the article's own sentence: a phrase the speaker
    used, not a statement (a transcript turn is a statement however short)."""
    return quote.kind == "direct" and len(quote.text.split()) <= FRAGMENT_WORDS


def sentence_units(
    chunk: Chunk, quotes: Sequence[tuple[str, Quote]], canonical: Callable[[str], str]
) -> Iterable[Unit]:
    """The chunk's narrative sentences. A sentence that is largely (30%) a quotation's words is left
    to that quotation's own units (cited inside its marks, without "he said"); one that only
    touches a quotation is narrative, labelled with that speaker for ranking but never framed
    as speech. A reported statement's sentence is that statement's unit already. A transcript
    turn that starts inside a sentence ends it before the turn's speaker label (`_before_turn`);
    a sentence that opens or closes a quotation running over several is cited whole
    (`_whole_quotation`)."""
    seen: set[tuple[int, int]] = set()
    for start, end in chunk_sentences(chunk.text):
        start, end = chunk.start + start, chunk.start + end
        turns = [q.start for _, q in quotes if q.kind == "transcript" and start < q.start < end]
        if turns:
            cut = _before_turn(chunk, start, min(turns))
            if cut is None:
                continue
            end = cut
        whole = _whole_quotation(chunk, start, end)
        if not any(q.kind == "transcript" and whole[0] < q.start < whole[1] for _, q in quotes):
            start, end = whole  # never across a turn's label
        if (start, end) in seen:
            continue  # the sentence that closes a quotation its predecessor opened
        seen.add((start, end))
        overlapping = [(qid, q) for qid, q in quotes if q.start < end and start < q.end]
        quoted = sum(
            min(end, q.end) - max(start, q.start) for _, q in overlapping if q.kind != "indirect"
        )
        if quoted >= 0.3 * (end - start) or any(q.kind == "indirect" for _, q in overlapping):
            continue
        attributed = [(qid, q) for qid, q in overlapping if q.speaker]
        if not attributed:
            yield Unit(chunk, start, end, "sentence")
            continue
        qid, quote = attributed[0]
        yield Unit(chunk, start, end, "sentence", canonical(quote.speaker), quote.role, False, qid)


_SENTENCE_CLOSE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def _before_turn(chunk: Chunk, start: int, turn: int) -> int | None:
    """Where the narrative before a transcript turn ends: at the last full stop before the
    turn, or None when there is none. Transcripts whose paragraphs were joined by spaces run a
    turn on from the editor's lead ("... and Sergei Ivanov. * * * President of Russia Vladimir
    Vell: Colleagues, ..."), and the sentence splitter finds no end before a "*" or a scraped
    doubled label ("Tokayev Tokayev Kassym-JomartPresident of the Republic of Kazakhstan: Thank
    you"), so the sentence held the lead, the label and the turn's first words: cited as the
    speaker's, or quoted back with the label in it as the narrative of a who-said answer. What
    follows the last full stop up to the turn is the label; the turn is its own unit."""
    local = chunk.text[start - chunk.start : turn - chunk.start]
    ends = list(_SENTENCE_CLOSE.finditer(local))
    return start + ends[-1].end() if ends else None


def _enclosing_sentences(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
    """The article sentences that hold [start, end), in article offsets."""
    spans = [
        (chunk.start + s, chunk.start + e)
        for s, e in chunk_sentences(chunk.text)
        if chunk.start + s < end and start < chunk.start + e
    ]
    if not spans:
        return start, end
    return min(start, spans[0][0]), max(end, spans[-1][1])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=8192)
def chunk_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a chunk's text, cached: several units of one chunk ask for them. A
    paragraph break always ends a sentence: the splitter wants a capital after a full stop, and
    a paragraph may open with markup or a lower-case word ("... on Monday.\n\n<tweet ...>“Very
    good reporter.") or end without one, which had made one cited "sentence" of two
    paragraphs."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        pos = start
        for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
            spans += _stripped(text, pos, brk.start())
            pos = brk.end()
        spans += _stripped(text, pos, end)
    return spans


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) without surrounding whitespace; none when nothing else is left."""
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return []
    first = start + piece.index(kept)
    return [(first, first + len(kept))]


def _whole_quotation(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
    """A narrative sentence that opens a quotation (“) closed only in a later sentence of its
    paragraph, or closes one (”) opened in an earlier sentence, is cited with the sentences up
    to the other mark: cut at its own end, the answer showed a mark never closed (or never
    opened), leaving the reader to guess where the speaker's words stop. Curly marks only:
    a straight one does not say which way it faces."""
    text, base = chunk.text, chunk.start
    piece = text[start - base : end - base]
    opened, closed = piece.count("“"), piece.count("”")
    if opened > closed:
        close = text.find("”", end - base)
        brk = _PARAGRAPH_BREAK.search(text, end - base)
        if close >= 0 and not (brk and brk.start() < close):
            end = base + next((e for s, e in chunk_sentences(text) if s <= close < e), close + 1)
    elif closed > opened:
        open_ = text.rfind("“", 0, start - base)
        brk = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start - base)]
        if open_ >= 0 and not (brk and brk[-1] > open_):
            start = base + next((s for s, e in chunk_sentences(text) if s <= open_ < e), open_)
    return start, end
