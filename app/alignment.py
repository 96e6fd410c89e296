"""Word-level alignment of a quotation as someone wrote it against a stored quotation.

Words, not characters, because a misquote is a changed, added or dropped word; and a
semi-global alignment (the given quotation is aligned whole, the stored one only where it
matches) because a quotation may be cut from a longer one. Case, quote-mark style and
punctuation are ignored; an ellipsis ("...", "…", "(...)", "[...]") in the given quotation
admits any stored words at that place.

rapidfuzz finds where in a long stored quotation (a transcript turn of hundreds of words) the
given one lies, in C; the exact alignment then runs in Python over that window only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

DiffOp = Literal["equal", "changed", "added", "dropped"]

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_ELLIPSIS = re.compile(r"[(\[]\s*(?:\.\s*){2,}\.?\s*[)\]]|[(\[]\s*…\s*[)\]]|(?:\.\s*){3,}|…")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
WINDOW_MARGIN_WORDS = 8  # stored words kept either side of rapidfuzz's window
_CODE_BASE = 0x10000  # words become single characters from here on (no surrogates)


@dataclass(frozen=True)
class Word:
    """One word of a text: its normalised form and where it stands in the text."""

    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class WordDiff:
    """One step of the alignment: `given` words (as written) against `stored` words."""

    op: DiffOp
    given: str
    stored: str


@dataclass(frozen=True)
class Alignment:
    """How a given quotation lies in one stored quotation."""

    diff: tuple[WordDiff, ...]
    equal: int  # given words found, in order, in the stored words
    edits: int  # changed + added + dropped words (dropped at an ellipsis not counted)
    given_words: int
    stored_words: int
    start: int  # character span of the aligned part in the stored text
    end: int
    covered: int  # stored words inside the aligned part

    @property
    def left_out(self) -> int:
        """Stored words before and after the aligned part: what a cut quotation omits."""
        return self.stored_words - self.covered

    @property
    def matches(self) -> bool:
        """Enough words in common to be the same quotation, misquoted or not: at least half
        of the shorter side, and at least 3 words (all, for shorter quotations)."""
        shorter = min(self.given_words, self.covered) if self.covered else self.given_words
        return self.equal >= min(3, self.given_words) and self.equal * 2 >= max(shorter, 1)


def words(text: str) -> list[Word]:
    """Normalised words with offsets: lowercase, one apostrophe, no punctuation."""
    flat = text.translate(_APOSTROPHES)
    return [Word(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(flat)]


def ellipsis_gaps(text: str) -> frozenset[int]:
    """Word positions in `text` before which an ellipsis stands (0 = before the first)."""
    found = words(text)
    gaps = set()
    for mark in _ELLIPSIS.finditer(text):
        gaps.add(sum(1 for w in found if w.end <= mark.start()))
    return frozenset(gaps)


def strip_ellipses(text: str) -> str:
    return " ".join(_ELLIPSIS.sub(" ", text).split())


class Encoder:
    """Maps words to single characters, so rapidfuzz's string scorers compare word lists."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, items: list[Word]) -> str:
        return "".join(
            self._codes.setdefault(w.norm, chr(_CODE_BASE + len(self._codes))) for w in items
        )


def similarity(encoder: Encoder, given: list[Word], stored: list[Word]) -> float:
    """0-100: how well the shorter word list fits inside the longer one (a cheap prefilter)."""
    return fuzz.partial_ratio(encoder.encode(given), encoder.encode(stored))


def align(given_text: str, stored_text: str, encoder: Encoder | None = None) -> Alignment:
    """Align `given_text` (whole) against the best-matching part of `stored_text`."""
    encoder = encoder or Encoder()
    given, stored = words(given_text), words(stored_text)
    gaps = ellipsis_gaps(given_text)
    first, last = _window(encoder, given, stored)
    window = stored[first:last]
    steps = _semiglobal([w.norm for w in given], [w.norm for w in window], gaps)
    return _alignment(given_text, stored_text, given, window, steps, gaps, len(stored))


def _window(encoder: Encoder, given: list[Word], stored: list[Word]) -> tuple[int, int]:
    """The stored words worth aligning: all of a short quotation, else rapidfuzz's best
    window of a long one plus a margin either side."""
    if len(stored) <= 2 * len(given) + 2 * WINDOW_MARGIN_WORDS:
        return 0, len(stored)
    found = fuzz.partial_ratio_alignment(encoder.encode(given), encoder.encode(stored))
    margin = WINDOW_MARGIN_WORDS + len(given) // 4
    return max(0, found.dest_start - margin), min(len(stored), found.dest_end + margin)


# A step of the alignment path: (given index or None, stored index or None).
_Step = tuple[int | None, int | None]


def _semiglobal(given: list[str], stored: list[str], gaps: frozenset[int]) -> list[_Step]:
    """Minimum-edit alignment of all of `given` to a contiguous part of `stored`.

    Unit costs for a changed, added or dropped word; stored words before and after the part,
    and at an ellipsis of `given`, cost nothing. Ties prefer a match, then a dropped word,
    then an added one, then a change, so that "the sat" against "the cat sat" reads as "cat"
    dropped, not "the" changed.
    """
    n, m = len(given), len(stored)
    cost = [[0] * (m + 1)] + [[i] + [0] * m for i in range(1, n + 1)]
    for i in range(1, n + 1):
        row, above, word = cost[i], cost[i - 1], given[i - 1]
        skip = 0 if i in gaps else 1
        for j in range(1, m + 1):
            row[j] = min(
                above[j - 1] + (word != stored[j - 1]),
                above[j] + 1,
                row[j - 1] + skip,
            )
    j = min(range(m + 1), key=lambda col: (cost[n][col], -col)) if m else 0
    steps: list[_Step] = []
    i = n
    while i > 0:
        here = cost[i][j]
        same = j > 0 and given[i - 1] == stored[j - 1]
        if same and here == cost[i - 1][j - 1]:
            steps.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif j > 0 and here == cost[i][j - 1] + (0 if i in gaps else 1):
            steps.append((None, j - 1))
            j -= 1
        elif here == cost[i - 1][j] + 1:
            steps.append((i - 1, None))
            i -= 1
        else:
            steps.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    steps.reverse()
    return steps


def _alignment(
    given_text: str,
    stored_text: str,
    given: list[Word],
    window: list[Word],
    steps: list[_Step],
    gaps: frozenset[int],
    stored_words: int,
) -> Alignment:
    diff: list[WordDiff] = []
    equal = edits = 0
    used = [j for _, j in steps if j is not None]
    consumed = 0  # given words aligned so far
    for gi, sj in steps:
        g = given_text[given[gi].start : given[gi].end] if gi is not None else ""
        s = stored_text[window[sj].start : window[sj].end] if sj is not None else ""
        if gi is not None and sj is not None:
            op: DiffOp = "equal" if given[gi].norm == window[sj].norm else "changed"
        elif gi is not None:
            op = "added"
        else:
            op = "dropped"
            if consumed in gaps:
                continue  # words the ellipsis stands for
        consumed += gi is not None
        equal += op == "equal"
        edits += op != "equal"
        _append(diff, op, g, s)
    start = window[used[0]].start if used else 0
    end = window[used[-1]].end if used else 0
    return Alignment(
        diff=tuple(diff),
        equal=equal,
        edits=edits,
        given_words=len(given),
        stored_words=stored_words,
        start=start,
        end=end,
        covered=(used[-1] - used[0] + 1) if used else 0,
    )


def _append(diff: list[WordDiff], op: DiffOp, given: str, stored: str) -> None:
    """Adds one word step, merged into the previous step of the same kind."""
    if diff and diff[-1].op == op:
        last = diff[-1]
        diff[-1] = WordDiff(op, f"{last.given} {given}".strip(), f"{last.stored} {stored}".strip())
    else:
        diff.append(WordDiff(op, given, stored))
