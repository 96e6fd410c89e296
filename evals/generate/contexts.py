"""First pass of the generator: per article, its statements, fact sentences and the phrases
to word questions with (`prepare`), parsed in one spaCy batch; `build.Builder` turns them into
items. Every random choice comes from a `random.Random` seeded with the run seed and the
article id, so one article's items do not change when others are added.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from evals.generate.corpora import Article
from evals.generate.statements import Statement
from evals.generate.text import Span, sentence_spans
from evals.generate.topics import Phrase, PhraseFinder
from evals.split import split_of, stable_hash

MAX_STATEMENTS = 3  # speaker_topic items per article: many articles beat many items per article
_NUMBER = re.compile(
    r"(?P<percent>\d+(?:\.\d+)?(?:%| per ?cent))"
    r"|(?P<money>[$£€]\s?\d[\d,.]*(?:\s?(?:bn|m|billion|million|trillion))?)"
    r"|(?P<year>\b(?:19|20)\d\d\b)"
    r"|(?P<count>\b\d[\d,]*\s+(?P<unit>[a-z]{3,}[^su\W]s)\b)"
)
_QUOTE_MARKS = '"“”'


@dataclass
class Context:
    """What the second pass needs about one article."""

    article: Article
    split: str
    statements: list[Statement]
    headline: list[Phrase]
    around: dict[int, list[Phrase]]  # statement index -> phrases of the words around it
    gold_phrases: dict[int, list[Phrase]]  # statement index -> phrases of its own words
    facts: list[tuple[Span, re.Match[str], Phrase]]  # sentence, number, what it is about
    found: list[Statement]  # every statement of the article, for the specificity checks


def _around_text(article: Article, statement: Statement) -> str:
    """The words around a statement: the sentence before and the sentence after it; for a
    transcript turn, the end of the turn before it. Only whole sentences: a window edge cut
    mid-word would give phrases like 'the time someon'."""
    text = article.text
    if statement.rule == "transcript_label":
        before = text[max(0, statement.start - 400) : statement.start].split(":")
        previous_turn = before[-2] if len(before) >= 2 else ""
        return previous_turn.split(" ", 1)[-1] if statement.start > 400 else previous_turn
    low, high = max(0, statement.start - 400), min(len(text), statement.end + 300)
    sentences = sentence_spans(text, low, high)
    before = [s for s in sentences if s.end <= statement.start and (s.start > low or low == 0)]
    after = [
        s for s in sentences if s.start >= statement.end and (s.end < high or high == len(text))
    ]
    return " ".join(text[s.start : s.end] for s in [*before[-1:], *after[:1]])


def fact_sentences(article: Article, exclude: Iterable[Span]) -> list[tuple[Span, re.Match[str]]]:
    """Reported sentences (no quote marks, outside statements) that give a number or a date."""
    out = []
    taken = list(exclude)
    for sentence in sentence_spans(article.text):
        chunk = article.text[sentence.start : sentence.end]
        if any(q in chunk for q in _QUOTE_MARKS) or not 8 <= len(chunk.split()) <= 45:
            continue
        if any(s.start < sentence.end and sentence.start < s.end for s in taken):
            continue
        m = _NUMBER.search(chunk)
        if m:
            out.append((sentence, m))
    return out


def number_kind(match: re.Match[str]) -> str:
    """Which alternative of _NUMBER matched: percent, money, year or count."""
    return next(k for k in ("percent", "money", "year", "count") if match.group(k))


def pronoun_for(text: str, surname: str) -> str | None:
    """'he' or 'she' when the words after the person's mentions use only that pronoun."""
    he = she = 0
    for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
        after = text[m.end() : m.end() + 200].lower()
        he += len(re.findall(r"\b(?:he|him|his)\b", after))
        she += len(re.findall(r"\b(?:she|her|hers)\b", after))
    if he >= 2 and she == 0:
        return "he"
    if she >= 2 and he == 0:
        return "she"
    return None


def prepare(
    articles: list[Article],
    find: Callable[[Article], list[Statement]],
    finder: PhraseFinder,
    keys: dict[str, str],
    seed: int,
    split: str | None = None,
) -> list[Context]:
    """First pass: statements, fact sentences and the phrases to phrase topics with. Every
    article gets `split` when one is given (the fit pool), else its hashed dev/test split."""
    drafts = []
    texts: dict[str, None] = {}
    for article in articles:
        rng = random.Random(seed ^ stable_hash(article.id))
        found = find(article)
        statements = found
        if len(statements) > MAX_STATEMENTS * 2:
            statements = sorted(rng.sample(statements, MAX_STATEMENTS * 2), key=lambda s: s.start)
        facts = fact_sentences(article, [Span(s.start, s.end) for s in found])[:4]
        around = {i: _around_text(article, s) for i, s in enumerate(statements)}
        gold = {i: article.text[s.start : s.end][:600] for i, s in enumerate(statements)}
        for t in [article.title, *around.values(), *gold.values()]:
            texts[t] = None
        drafts.append((article, statements, around, gold, facts, found))
    ordered = list(texts)
    parsed = dict(zip(ordered, finder.phrases(ordered), strict=True))
    numbers = [
        (article.text[sp.start : sp.end], m.start(number_kind(m)))
        for article, *_rest, facts, _found in drafts
        for sp, m in facts
    ]
    subjects = iter(finder.subjects(numbers))
    drafts = [
        (*draft[:4], [(sp, m, next(subjects)) for sp, m in draft[4]], draft[5]) for draft in drafts
    ]
    return [
        Context(
            article=article,
            split=split or split_of(article.id, keys),
            statements=statements,
            headline=parsed[article.title],
            around={i: parsed[t] for i, t in around.items()},
            gold_phrases={i: parsed[t] for i, t in gold.items()},
            facts=[(sp, m, subject) for sp, m, subject in facts if subject],
            found=found,
        )
        for article, statements, around, gold, facts, found in drafts
    ]
