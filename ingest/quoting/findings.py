"""A finding as speaker: `according to research from technology analysts Gartner` cites
Gartner, not "research from ...".

News names the body behind a figure through what it published (research, a survey, figures);
the words are the body's, so the speaker is the body. Four rules build `according to`
subjects (before and after the statement, leading and trailing); the resolver asks this
module for the body of any such phrase, so all four share it. The body is the capitalised
name that ends the phrase after descriptive words (`technology analysts Gartner`, `message
analysts the Radicati Group`), or the whole rest when that is a noun phrase of its own
(`the Office of the Deputy Prime Minister`, `a City investment bank`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.quoting.lexicon import ARTICLES, CAP
from ingest.quoting.lexicon_findings import (
    FINDING_MODIFIERS,
    FINDING_NOUNS,
    FINDING_PREPOSITIONS,
    NAME_INNER_WORDS,
)

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class FindingSource:
    """The body a finding phrase names, and where in the phrase it starts."""

    np: str
    shift: int


def finding_source(phrase: str) -> FindingSource | None:
    """The body behind `[modifiers] FINDING (from|by|of) BODY`, or None for any other phrase
    (`Gartner`, `the report`, `research` alone: no body is named)."""
    tokens = list(_WORD.finditer(phrase))
    words = [t.group() for t in tokens]
    lowered = [w.lower() for w in words]
    i = 0
    while i < len(words) and lowered[i] in FINDING_MODIFIERS:
        i += 1
    if i >= len(words) - 2 or lowered[i] not in FINDING_NOUNS:
        return None
    if lowered[i + 1] not in FINDING_PREPOSITIONS:
        return None
    body = _named_body(words[i + 2 :])
    return FindingSource(" ".join(body), tokens[len(words) - len(body)].start())


def _named_body(words: list[str]) -> list[str]:
    """The capitalised name ending `words` after lower-case descriptors (`technology analysts
    Gartner` -> Gartner, with its article: `the Radicati Group`); the words whole when they
    open with a capital or an article and a capital (`the Office of ...`), or end in lower
    case (`a City investment bank`)."""
    first_cap = next((i for i, w in enumerate(words) if CAP.match(w)), None)
    if first_cap is None or first_cap == 0 or not words[first_cap - 1].islower():
        return words
    if all(w.lower() in ARTICLES for w in words[:first_cap]):
        return words
    if not all(CAP.match(w) or w.lower() in NAME_INNER_WORDS for w in words[first_cap:]):
        return words
    if words[first_cap - 1].lower() in ARTICLES:
        first_cap -= 1
    return words[first_cap:]
