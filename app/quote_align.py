"""Quotations in a written sentence, in every common style, aligned with a passage.

A quotation is checked piece by piece: the words between ellipses (… / ... / (...) / [...])
must occur in the passage as whole words, in order. Punctuation and case do not count; words
do. A gap that an ellipsis skips may not hold a negator: "had ... agreed ... to expand" made
from "had not agreed ... to expand" reverses what was said, so it is a misquote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from app.claims import NEGATORS, words


class QuoteStyle(NamedTuple):
    name: str
    pattern: re.Pattern[str]


# Ordered: „…“ before “…” (its closing mark opens a curly double quote), and the straight
# single quote last, with apostrophes ruled out: it opens only after a non-word character and
# closes only before one.
QUOTE_STYLES: tuple[QuoteStyle, ...] = (
    QuoteStyle("low_high", re.compile(r"„([^“”„]+)[“”]")),
    QuoteStyle("guillemets", re.compile(r"«\s*([^«»]+?)\s*»")),
    QuoteStyle("single_guillemets", re.compile(r"‹\s*([^‹›]+?)\s*›")),
    QuoteStyle("curly_double", re.compile(r"“([^“”]+)”")),
    QuoteStyle("straight_double", re.compile(r"\"([^\"]+)\"")),
    QuoteStyle("curly_single", re.compile(r"(?<!\w)‘(.+?)’(?!\w)")),
    QuoteStyle("straight_single", re.compile(r"(?<![\w'])'(?=[^\s'])(.+?)(?<=[^\s'])'(?!\w)")),
)
# Styles whose opening and closing marks differ, so quotations inside them can be paired.
NESTING = {"curly_double": ("“", "”"), "guillemets": ("«", "»")}
ELLIPSIS = re.compile(r"\s*(?:[(\[]\s*(?:\.\s*\.\s*\.|…)\s*[)\]]|\.\s?\.\s?\.|…)\s*")


class Quotation(NamedTuple):
    text: str  # the words inside the marks
    style: str  # a QUOTE_STYLES name
    start: int  # offsets of the whole quotation, marks included
    end: int


class Misquote(NamedTuple):
    """Why a quotation does not match a passage."""

    piece: str  # the quoted words not found, or the gap an ellipsis hides
    reason: str


def quotations(text: str) -> list[Quotation]:
    """Every quotation in `text`, in order; a span taken by one style is not read again.

    Marks that open and close differently nest (“a “b” c”): the outermost pair is the
    quotation, and the inner marks are part of its text.
    """
    masked = text
    found: list[Quotation] = []
    for style in QUOTE_STYLES:
        spans = _nested(masked, *NESTING[style.name]) if style.name in NESTING else []
        if not spans:
            spans = [(m.start(), m.end()) for m in style.pattern.finditer(masked)]
        for start, end in spans:
            found.append(Quotation(masked[start + 1 : end - 1].strip(), style.name, start, end))
        for q in found:
            masked = masked[: q.start] + " " * (q.end - q.start) + masked[q.end :]
    return sorted(found, key=lambda q: q.start)


def _nested(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    """Outermost balanced (opening, closing) spans; [] when the marks do not balance."""
    spans, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == opening:
            start = i if depth == 0 else start
            depth += 1
        elif char == closing and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans if depth == 0 else []


def pieces(quoted: str) -> list[list[str]]:
    """The words of each piece between ellipses (empty pieces dropped)."""
    return [w for w in (words(piece) for piece in ELLIPSIS.split(quoted)) if w]


def align(quoted: str, passage: str) -> Misquote | None:
    """None when every piece occurs in the passage in order with no negator skipped."""
    haystack = words(passage)
    parts = pieces(quoted)
    if not parts:
        return Misquote(quoted, "the quotation holds no words")
    pos = 0
    for i, piece in enumerate(parts):
        at = _find(haystack, piece, pos)
        if at < 0:
            return Misquote(" ".join(piece), "not in the cited passage")
        skipped = [w for w in haystack[pos:at] if w in NEGATORS]
        if i > 0 and skipped:
            return Misquote(skipped[0], "an ellipsis hides it")
        pos = at + len(piece)
    return None


def _find(haystack: list[str], needle: list[str], start: int) -> int:
    """Index of the first occurrence of `needle` in `haystack` at or after `start`, or -1."""
    n = len(needle)
    for i in range(start, len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1
