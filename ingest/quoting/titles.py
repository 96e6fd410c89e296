"""Two titles of one person joined by `and` before the name: `said BIFA founder and director
Ana Vell`, `," chairman and chief executive Ivo Marsh said`. The `and` had ended the speaker
phrase (after a quote the speaker became `BIFA founder`; before a verb the phrase after the
`and` was cut and the quotation fell back to the company the sentence named), so the words
of a named person went to a role or an organisation the article never quotes.

Only lowercase title words may stand between the `and` and the name: `the mayor and his
deputy Ivo Marsh` or `the mayor and Ivo Marsh` are two people, and the first title must be a
role noun (`ROLE_WORDS`), so `ports and harbours director Ana Vell` is left alone."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import CAP, ROLE_WORDS
from ingest.quoting.lexicon_speakers import TITLE_MODIFIERS

SECOND_TITLE_WORDS = 3  # `chief operating officer`: the longest second title read


def and_joins_titles(words_before: list[str], words_after: list[str]) -> bool:
    """The `and` between `words_before` and `words_after` joins two titles of the person
    named right after the second title: a role noun before it, then up to
    `SECOND_TITLE_WORDS` title words ending in a role noun, then a capitalised
    word."""
    if not words_before or words_before[-1].lower() not in ROLE_WORDS:
        return False
    for i, word in enumerate(words_after[: SECOND_TITLE_WORDS + 1]):
        lower = word.lower()
        if lower in ROLE_WORDS or lower in TITLE_MODIFIERS:
            continue
        return i > 0 and CAP.match(word) is not None and words_after[i - 1].lower() in ROLE_WORDS
    return False


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def titles_and(words: list[re.Match[str]], i: int) -> bool:
    """Word `i` is the `and` of `chairman and chief executive Ivo Marsh said`."""
    tokens = [w.group() for w in words]
    return tokens[i] == "and" and and_joins_titles(tokens[:i], tokens[i + 1 :])


def and_starts_verb(token: str, after: str, w: re.Match[str]) -> bool:
    """`and` followed by a lowercase word after an inverted subject starts a second verb
    (`said Ana Vell and added that ...`), unless it joins two titles of the person named next
    (`said port founder and director Ana Vell`)."""
    if token != "and" or not _LOWER_NEXT.match(after[w.end() :]):
        return False
    before = after[max(0, w.start() - 40) : w.start()].split()
    return not and_joins_titles(before, after[w.end() : w.end() + 80].split())
