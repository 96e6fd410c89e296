"""Poll shares as speakers: `21 percent said "not too likely"`, `About four in 10 said they
were "angry"`, `half of the delegates say ...`.

News reports a survey by what a share of the people asked said; the share is the source of
the statement (PolNeAR annotates it so), though it is neither a name nor a noun phrase with a
determiner, which is all `plausible_np` accepts otherwise. The words live here, as the main
lexicon module is full; the pattern is built from them with `alternation`.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import alternation, split_words

# Words that hedge a share, one or two of them (`about`, `at least`, `more than`).
SHARE_QUALIFIERS = split_words(
    """about roughly nearly almost around approximately just only some over under fully
    barely at least most more fewer less than"""
)
# Counts in `four in 10`, and the fractions a share is given as (`two-thirds`, `a majority`).
COUNT_WORDS = split_words("one two three four five six seven eight nine ten")
FRACTION_WORDS = split_words(
    """half third thirds quarter quarters fifth fifths two-thirds three-quarters majority
    plurality"""
)
SHARE_ARTICLES = split_words("a an the")
# What follows the share: the group it is a share of (`of Democrats`, `among young voters`;
# after `four in 10` the group may follow directly: `Six in 10 Republicans`).
GROUP_PREPOSITIONS = split_words("of among")
PERCENT_WORDS = split_words("percent")

_COUNT = rf"(?:\d+|{alternation(COUNT_WORDS)})"
_SHARE = re.compile(
    rf"(?:{alternation(SHARE_QUALIFIERS)}\s+){{0,2}}(?:{alternation(SHARE_ARTICLES)}\s+)?"
    rf"(?:{_COUNT}\s+in\s+{_COUNT}(?:\s+[^\s,]+)*|\d+(?:\.\d+)?\s?(?:%|{alternation(PERCENT_WORDS)})"
    rf"|(?:{_COUNT}[\s-]+)?{alternation(FRACTION_WORDS)})"
    rf"(?:\s+{alternation(GROUP_PREPOSITIONS)}\s+\S.*)?",
    re.IGNORECASE,
)
_MAX_WORDS = 9


def share_phrase(np: str) -> bool:
    """Whether the phrase is a share of people (`73 percent of Americans`, `Six in 10`)."""
    return len(np.split()) <= _MAX_WORDS and _SHARE.fullmatch(np.strip()) is not None
