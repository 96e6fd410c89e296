"""Features of a predicted quotation for a learned keep/drop decision (issue 23 experiment).

The rules find every span between quotation marks and every reported statement that carries
one; some are no statement at all (titles of shows and books, scare-quoted terms, slogans in
the narrative, a writer's sentence around a quoted word). Hand-written rules for these
plateaued, so `evals.quote_filter_experiment` fits models on generic features of each candidate
quote: the rule that made it, how long it is, whether it has a speaker, a listed reporting verb
or a colon, where it sits in its paragraph, how it starts and ends. No word or name of any
dataset is a feature. The features live here, with the experiment, because no model fitted on
them improved PolNeAR dev enough to ship (docs/notes/rules4.md); ingest does not use them.
Transcript turns and reported statements without a double quote mark are never candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from ingest.quoting.lexicon import PRONOUNS, VERBS
from ingest.types import Quote

QUOTE_MARKS = '"“”‘’'
# Double marks only: a single curly mark in a reported statement is mostly an apostrophe.
_DOUBLE_MARKS = '"“”'
_OPEN_MARKS = "\"“‘'"
_END_PUNCTUATION = ".,!?…—–-"


class Candidate(NamedTuple):
    """A predicted quote with the context its features read."""

    text: str  # the whole article
    quote: Quote
    paragraph: tuple[int, int]  # offsets of the paragraph the quote starts in
    inside_statement: bool  # a direct piece inside a reported statement of the same article
    speaker_quotes: int  # quotes of the article with the same (non-empty) speaker


class Feature(NamedTuple):
    """One named feature: a number computed from a candidate."""

    name: str
    value: Callable[[Candidate], float]


def is_candidate(quote: Quote) -> bool:
    """Direct quotes and reported statements that carry a quote mark; never transcript turns."""
    if quote.kind == "direct":
        return True
    return quote.kind == "indirect" and any(c in quote.text for c in _DOUBLE_MARKS)


def _words(c: Candidate) -> list[str]:
    return c.quote.text.split()


def _char_before(c: Candidate) -> str:
    """The character before the opening mark and the spaces before it."""
    before = c.text[max(0, c.quote.start - 6) : c.quote.start].rstrip(QUOTE_MARKS + " ")
    return before[-1:]


def _core(c: Candidate) -> str:
    """The quote's words without outer quote marks and spaces."""
    return c.quote.text.strip(QUOTE_MARKS + " \n")


def _opens_paragraph(c: Candidate) -> float:
    lead = c.text[c.paragraph[0] : c.quote.start].strip(_OPEN_MARKS + " ")
    return float(not lead)


def _paragraph_share(c: Candidate) -> float:
    length = max(1, c.paragraph[1] - c.paragraph[0])
    return min(1.0, (c.quote.end - c.quote.start) / length)


def _title_share(c: Candidate) -> float:
    words = [w for w in _words(c) if w[:1].isalpha()]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def _quoted_share(c: Candidate) -> float:
    """The share of a reported statement's characters between quote marks (1 for a piece)."""
    if c.quote.kind == "direct":
        return 1.0
    inside, quoted = 0, False
    for char in c.quote.text:
        if char in _DOUBLE_MARKS:
            quoted = char != "”" and not quoted
        inside += quoted
    return inside / max(1, len(c.quote.text))


def _sentences(c: Candidate) -> float:
    core = _core(c)
    ends = sum(core.count(p) for p in (". ", "? ", "! "))
    return math.log1p(ends)


def _written_speaker(c: Candidate) -> str:
    return (c.quote.speaker_as_written or "").strip()


def _speaker_capitalised(c: Candidate) -> float:
    written = _written_speaker(c)
    return float(written[:1].isupper() and written.lower() not in PRONOUNS)


def _words_outside_marks(c: Candidate, before: bool) -> float:
    """Words of a reported statement before its first / after its last double quote mark."""
    text = c.quote.text
    marks = [i for i, ch in enumerate(text) if ch in _DOUBLE_MARKS]
    if c.quote.kind == "direct" or not marks:
        return 0.0
    part = text[: marks[0]] if before else text[marks[-1] + 1 :]
    return math.log1p(len(part.split()))


def _char_after(c: Candidate) -> str:
    """The character after the closing mark and the spaces after it."""
    after = c.text[c.quote.end : c.quote.end + 6].lstrip(QUOTE_MARKS + " ")
    return after[:1]


def _ends_with_punctuation(c: Candidate) -> float:
    return float(_core(c)[-1:] in _END_PUNCTUATION)


# Generic features, in the order of a feature vector after the rule indicators.
FEATURES: tuple[Feature, ...] = (
    Feature("indirect", lambda c: float(c.quote.kind == "indirect")),
    Feature("log_words", lambda c: math.log1p(len(_words(c)))),
    Feature("few_words", lambda c: float(len(_words(c)) <= 3)),
    Feature("has_speaker", lambda c: float(bool(c.quote.speaker))),
    Feature("pronoun_speaker", lambda c: float(_written_speaker(c).lower() in PRONOUNS)),
    Feature("capitalised_speaker", _speaker_capitalised),
    Feature("speaker_quotes", lambda c: math.log1p(c.speaker_quotes)),
    Feature("listed_verb", lambda c: float((c.quote.cue or "").lower() in VERBS)),
    Feature("colon_cue", lambda c: float(c.quote.cue == ":")),
    Feature("no_cue", lambda c: float(not c.quote.cue)),
    Feature("after_word", lambda c: float(_char_before(c).isalnum())),
    Feature("after_colon", lambda c: float(_char_before(c) == ":")),
    Feature("after_comma", lambda c: float(_char_before(c) == ",")),
    Feature("capitalised_start", lambda c: float(_core(c)[:1].isupper())),
    Feature("ends_with_punctuation", _ends_with_punctuation),
    Feature("opens_paragraph", _opens_paragraph),
    Feature("paragraph_share", _paragraph_share),
    Feature("title_share", _title_share),
    Feature("quoted_share", _quoted_share),
    Feature("sentences", _sentences),
    Feature("words_before_marks", lambda c: _words_outside_marks(c, True)),
    Feature("words_after_marks", lambda c: _words_outside_marks(c, False)),
    Feature("before_word", lambda c: float(_char_after(c).isalnum())),
    Feature("before_lowercase", lambda c: float(_char_after(c).islower())),
    Feature("speaker_words", lambda c: math.log1p(len(_written_speaker(c).split()))),
    Feature("inside_statement", lambda c: float(c.inside_statement)),
    Feature("article_position", lambda c: c.quote.start / max(1, len(c.text))),
)


def rule_feature(rule: str) -> str:
    """The name of the indicator feature of an extraction rule."""
    return f"rule:{rule}"


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def candidates(text: str, quotes: Sequence[Quote]) -> list[Candidate]:
    """The candidates among an article's quotes, in order, with their context."""
    statements = [q for q in quotes if q.kind == "indirect"]
    speakers = Counter(q.speaker for q in quotes if q.speaker)
    return [
        Candidate(
            text=text,
            quote=q,
            paragraph=_paragraph(text, q.start),
            inside_statement=q.kind == "direct"
            and any(s.start <= q.start and q.end <= s.end + 2 for s in statements),
            speaker_quotes=speakers[q.speaker] if q.speaker else 0,
        )
        for q in quotes
        if is_candidate(q)
    ]


def feature_names(rules: Sequence[str]) -> list[str]:
    """All feature names: one indicator per rule the model knows, then `FEATURES`."""
    return [rule_feature(r) for r in rules] + [f.name for f in FEATURES]


def feature_vector(candidate: Candidate, rules: Sequence[str]) -> list[float]:
    """The candidate's features in the order of `feature_names(rules)`."""
    indicators = [float(candidate.quote.rule == r) for r in rules]
    return indicators + [f.value(candidate) for f in FEATURES]
