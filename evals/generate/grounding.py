"""Whether a question's topic speaks to its gold: the `topic_in_gold` check.

A speaker question is scored on its gold quotation, so its topic must be something that
quotation (or the sentence it stands in) talks about. A topic taken from the headline or the
sentences around the quote can name what the *article* is about while the gold says nothing of
it ("Why did the minister bring up the coal mines?" scored on a quote about wages): then no
ranker can find the gold by the topic, and the row measures nothing. A topic speaks to the gold
when one of its content words shares a stem with a content word of the gold's own text, or one
stem begins the other (a close form: 'economy' / 'economic', 'Norland' / 'Norlandian'), or when
it names a number the gold gives. The speaker's own name and role are not what the quote says,
so they never count. A quotation whose opening words refer back ("It was a tough match") is about
what its antecedent names, so a reader's text of the gold (`reader_text`) adds the sentences
before it in its paragraph (or the end of the paragraph before), or the headline when nothing
stands before it. Reads only the article's text: never quotedesk's answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from evals.generate.text import Span, sentence_spans, word_set
from evals.generate.topics import STOP

# The shorter of two stems must be this long for one beginning the other to count ('state'
# begins 'statement' but 'econom' and 'economi' are one word's forms).
MIN_PREFIX = 6
_WORDS = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_][\w'’]*")  # a hyphen splits: 'ex-envoys'

_REACH = 600  # characters read either side of a span for the sentence it stands in
BEFORE = 2  # sentences before the quotation's own that a reader reads for an antecedent
LEAD_WORDS = 5  # a pointing word later in a quotation usually points at a noun of its own
# Words by which a quotation points back at something named before it (a pronoun, a
# demonstrative): a reader resolves them from the sentences before, then the headline.
REFER_BACK = word_set("it its this these those they them their he him his she her such")


@cache
def _stemmer():  # noqa: ANN202 - a PyStemmer Stemmer, imported on first use
    import Stemmer

    return Stemmer.Stemmer("english")


def content_keys(text: str, exclude: Iterable[str] = ()) -> frozenset[str]:
    """Stems of a text's content words (not stop words, three letters or more, not an
    excluded word) and its numbers as written without thousands commas."""
    skip = {w.lower() for w in _WORDS.findall(" ".join(exclude))}
    keys = set()
    for word in _WORDS.findall(text):
        if word[0].isdigit():
            keys.add("#" + word.replace(",", "").rstrip("."))
            continue
        lowered = word.lower().replace("’", "'").removesuffix("'s").strip("'")
        if len(lowered) < 3 or lowered in STOP or lowered in skip:
            continue
        keys.add(_stemmer().stemWord(lowered))
    return frozenset(keys)


def _related(a: str, b: str) -> bool:
    """Two keys name one thing: equal, or the shorter stem (MIN_PREFIX letters or more)
    begins the longer one; numbers only when equal."""
    if a == b:
        return True
    if a.startswith("#") or b.startswith("#"):
        return False
    short, long = sorted((a, b), key=len)
    return len(short) >= MIN_PREFIX and long.startswith(short)


def _sentence_of(text: str, span: Span) -> Span:
    """The span with the sentences it stands in (the reporting clause around a quotation)."""
    low, high = max(0, span.start - _REACH), min(len(text), span.end + _REACH)
    around = [s for s in sentence_spans(text, low, high) if s.start < span.end]
    inside = [s for s in around if s.end > span.start]
    return Span(
        min([span.start, *(s.start for s in inside)]), max([span.end, *(s.end for s in inside)])
    )


def own_text(text: str, spans: Iterable[Span]) -> str:
    """The gold's own words: each span with the sentences it stands in, read from the
    article text."""
    return " ".join(text[s.start : s.end] for s in (_sentence_of(text, span) for span in spans))


def refers_back(quote: str) -> bool:
    """The quotation's opening words name its subject by a word that points back
    (`REFER_BACK`); one further on usually points at a noun the quotation names itself."""
    return any(w.lower() in REFER_BACK for w in _WORDS.findall(quote)[:LEAD_WORDS])


def _antecedent_text(text: str, span: Span, title: str) -> str:
    """Where a reader looks up what a quotation refers back to: the nearest text before its
    own sentence (the sentences before it in its paragraph, else the end of the paragraph
    before), or the headline when nothing stands before it."""
    own = _sentence_of(text, span).start
    paragraph = text.rfind("\n", 0, own) + 1
    if not text[paragraph:own].strip():
        own = len(text[:paragraph].rstrip())
        paragraph = text.rfind("\n", 0, own) + 1
    before = sentence_spans(text, max(paragraph, own - _REACH), own)
    if before:
        return " ".join(text[s.start : s.end] for s in before[-BEFORE:])
    return title


def reader_text(text: str, spans: Iterable[Span], title: str) -> str:
    """The gold as a reader understands it: its own text (`own_text`) and, for each
    quotation that refers back, the text its antecedent stands in (`_antecedent_text`)."""
    spans = list(spans)
    back = [_antecedent_text(text, s, title) for s in spans if refers_back(text[s.start : s.end])]
    return " ".join([own_text(text, spans), *back])


def speaks_to(topic: str, own: str, exclude: Iterable[str] = ()) -> bool:
    """True when the topic shares a content word (or a close form, or a number) with the
    gold's own text; the excluded words (the speaker's name and role) never count."""
    excluded = list(exclude)
    gold = content_keys(own, excluded)
    return any(_related(k, g) for k in content_keys(topic, excluded) for g in gold)
