"""Paragraph and sentence boundaries as character spans, so every piece keeps its offsets."""

from __future__ import annotations

import re

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace
# and an uppercase letter, digit or opening quote. Abbreviations are handled by _NOT_AN_END.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_NOT_AN_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Ltd|Co|Corp|No|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|e\.g|i\.e)|\b[A-Z])\.$"
)


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs split on blank lines; texts without blank lines split on single newlines."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans: list[Span] = []
    pos = 0
    for match in separator.finditer(text):
        spans.extend(_trimmed(text, pos, match.start()))
        pos = match.end()
    spans.extend(_trimmed(text, pos, len(text)))
    return spans


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences within text[start:end], as absolute offsets, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _NOT_AN_END.search(text, max(start, match.start() - 6), match.start() + 1):
            continue
        if _inside_brackets(text, pos, match.start()):
            continue
        spans.extend(_trimmed(text, pos, match.end()))
        pos = match.end()
    spans.extend(_trimmed(text, pos, end))
    return spans


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """A full stop inside an editor's bracket ("[de EE.UU.]", "(U.N.)") ends no sentence."""
    piece = text[start:end]
    return piece.rfind("[") > piece.rfind("]") or piece.rfind("(") > piece.rfind(")")


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if end > start else []
