"""Text helpers for the generator: sentence spans, evidence windows and a corpus index.

Evidence strings must be verbatim slices of the article (the metrics and the verifier look them
up as substrings), so everything here works on character offsets into the original text and
never rewrites it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as words separated by white space."""
    return frozenset(text.split())


MIN_WORDS, MAX_WORDS = 4, 15
WINDOW_WORDS = 12
MAX_EVIDENCE = 4

# Words that end in a period without ending a sentence.
_ABBREVIATIONS = word_set(
    """
    mr mrs ms dr st sen rep gov gen lt col sgt prof jr sr no vs inc corp co ltd u.s u.k
    jan feb mar apr aug sept sep oct nov dec e.g i.e etc
    """
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"\S+")
_NORM_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


class Span(NamedTuple):
    """Character offsets [start, end) into an article's text."""

    start: int
    end: int


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end] as spans, trimmed of spaces; abbreviations do not split."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        last_word = text[begin : match.start()].rsplit(None, 1)[-1:] or [""]
        if match.group(0)[0] == "." and last_word[0].lower().strip("(\"'") in _ABBREVIATIONS:
            continue
        spans.append(Span(begin, match.end()))
        begin = match.end()
    spans.append(Span(begin, end))
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def word_spans(text: str, start: int, end: int) -> list[Span]:
    """Whitespace-separated words of text[start:end] as spans."""
    return [Span(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def windows(text: str, span: Span, size: int = WINDOW_WORDS) -> list[Span]:
    """Candidate evidence windows in a sentence, best first: the opening `size` words, then
    windows sliding right by half a window, then the whole sentence if it is short enough.

    Words are whitespace tokens, as the verifier counts them; a window never starts or ends on
    a token without a letter or digit (a dash, '&'), which readers do not see as words.
    """
    words = word_spans(text, *span)
    while words and not _is_word(text, words[0]):
        words.pop(0)
    while words and not _is_word(text, words[-1]):
        words.pop()
    if len(words) < MIN_WORDS:
        return []
    if len(words) <= MAX_WORDS:
        return [Span(words[0].start, _strip_end(text, words[0].start, words[-1].end))]
    out = []
    for first in range(0, len(words) - size + 1, max(1, size // 2)):
        last = first + size - 1
        while last > first and not _is_word(text, words[last]):
            last -= 1
        if _is_word(text, words[first]) and last - first + 1 >= MIN_WORDS:
            out.append(
                Span(words[first].start, _strip_end(text, words[first].start, words[last].end))
            )
    return out


def _is_word(text: str, span: Span) -> bool:
    """A token with a letter or digit: windows start and end on one, never on '-' or '&'."""
    return any(ch.isalnum() for ch in text[span.start : span.end])


def _strip_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and quote marks so the window is the words themselves."""
    while end > start and text[end - 1] in ",;:\"'“”‘’)—–-":
        end -= 1
    return end


def norm(text: str) -> str:
    """The verifier's near-copy form: lower case, straight quotes, punctuation dropped."""
    text = re.sub(r"[^\w£$%]+", " ", text.translate(_NORM_QUOTES).lower())
    return re.sub(r"\s+", " ", text).strip()


class CorpusIndex:
    """Which articles contain a string, verbatim or as a near-copy, over one corpus file.

    Texts are joined into one string per form so a look-up is two `str.find` scans, fast
    enough for tens of thousands of evidence strings over a few thousand articles.
    """

    _SEP = "\u0000"

    def __init__(self, texts: Mapping[str, str], words: Mapping[str, str] | None = None) -> None:
        """`texts` are searched for evidence strings; `words` (default: the same texts) for
        the words an article holds anywhere, headline and lead included."""
        self.ids = list(texts)
        self._exact, self._exact_starts = self._join(texts[i] for i in self.ids)
        self._near, self._near_starts = self._join(norm(texts[i]) for i in self.ids)
        readable = words or texts
        # Each article's readable words between spaces, so a phrase matches whole words only.
        self._phrases, self._phrase_starts = self._join(f" {norm(readable[i])} " for i in self.ids)
        self._words: dict[str, set[str]] = {}
        for article_id, text in readable.items():
            for word in set(norm(text).split()):
                self._words.setdefault(word, set()).add(article_id)

    def _join(self, parts: Iterable[str]) -> tuple[str, list[int]]:
        starts, pieces, offset = [], [], 0
        for part in parts:
            starts.append(offset)
            pieces.append(part)
            offset += len(part) + 1
        return self._SEP.join(pieces), starts

    @staticmethod
    def _find_all(haystack: str, needle: str, starts: list[int], ids: list[str]) -> set[str]:
        found: set[str] = set()
        if not needle:
            return found
        position = haystack.find(needle)
        while position != -1:
            found.add(ids[bisect.bisect_right(starts, position) - 1])
            position = haystack.find(needle, position + 1)
        return found

    def exact(self, needle: str) -> set[str]:
        return self._find_all(self._exact, needle, self._exact_starts, self.ids)

    def near(self, needle: str) -> set[str]:
        return self._find_all(self._near, norm(needle), self._near_starts, self.ids)

    def with_phrase(self, phrase: str) -> set[str]:
        """Articles whose headline, lead or body (the `words` texts) hold the phrase as whole
        words, normalised: how many stories 'the report on <phrase>' could mean."""
        needle = norm(phrase)
        if not needle:
            return set()
        return self._find_all(self._phrases, f" {needle} ", self._phrase_starts, self.ids)

    def with_word(self, word: str) -> set[str]:
        """Articles that contain this word (normalised, whole word)."""
        return set(self._words.get(norm(word), ()))

    def with_all_words(self, words: Iterable[str]) -> set[str]:
        """Articles that contain every one of these words: how unanswerable items are checked."""
        sets = [self.with_word(w) for w in words]
        return set.intersection(*sets) if sets else set()
