"""A finding as speaker: `according to research from technology analysts Quillstat` cites
Quillstat, not "research from ...".

News names the body behind a figure through what it published (research, a survey, figures);
the words are the body's, so the speaker is the body. Four rules build `according to`
subjects (before and after the statement, leading and trailing); the resolver asks this
module for the body of any such phrase, so all four share it. The body is the capitalised
name that ends the phrase after descriptive words (`technology analysts Quillstat`, `message
analysts the Quill Group`), or the whole rest when that is a noun phrase of its own
(`the Office of the Deputy Prime Minister`, `a City investment bank`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.quoting.lexicon import ARTICLES, CAP
from ingest.quoting.lexicon_findings import (
    FINDING_MODIFIERS,
    FINDING_NOUNS,
    FINDING_PREPOSITIONS,
    NAME_INNER_WORDS,
)
from ingest.quoting.model import Resolved

_WORD = re.compile(r"\S+")
# Descriptors before a body's name are few (`UK think-tank`, `technology analysts`); more words
# are a clause, whose last capitalised word is no body.
_DESCRIPTOR_WORDS = 3


@dataclass(frozen=True)
class FindingSource:
    """The body a finding phrase names, and where in the phrase it starts."""

    np: str
    shift: int


def finding_source(phrase: str) -> FindingSource | None:
    """The body behind `[modifiers] FINDING (from|by|of) BODY`, or None for any other phrase
    (`Quillstat`, `the report`, `research` alone: no body is named)."""
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


def spoken_by_body(body: Resolved, phrase: str) -> Resolved:
    """The body's resolution, as written in the whole finding phrase; a body that resolved to
    someone is an organisation, so that `It said ...` or `the report added` after it can
    point back to it (a person would take only `he` or `she`)."""
    return replace(body, as_written=phrase, kind="org" if body.speaker else body.kind)


def _named_body(words: list[str]) -> list[str]:
    """The capitalised name after the last lower-case descriptor (`technology analysts
    Quillstat` -> Quillstat, `UK think-tank Vellworks` -> Vellworks, `message analysts the Quill
    Group` -> the Quill Group); the words whole when no descriptor stands before a name
    (`the Office of the ...`, `Vellcorp`) or the phrase ends in one (`a City investment
    bank`)."""
    lower = [
        i for i, w in enumerate(words) if not CAP.match(w) and w.lower() not in NAME_INNER_WORDS
    ]
    if not lower or lower[-1] == len(words) - 1:
        return words
    rest = words[lower[-1] + 1 :]
    if len(words) - len(rest) > _DESCRIPTOR_WORDS:
        return words  # `the State Department's inspector general to be released Thursday`
    if all(w.lower() in ARTICLES for w in rest if not CAP.match(w)) and any(
        CAP.match(w) for w in rest
    ):
        return rest
    return words
