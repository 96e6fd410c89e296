"""Whether a role extraction recorded beside a speaker is a role at all.

Extraction leaves debris at times ("Speaking in Lowtown Mr"); only a usable role
(`usable_role`) is stored, shown and matched. The first rule of `ROLE_JUNK_RULES` that fires
names the problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ingest.speakers.lexicon import (
    HONORIFICS,
    NOT_NAME_STARTS,
    ROLE_FUNCTION,
    ROLE_PARTICIPLES,
    ROLE_RELATIVE,
    ROLE_REPORTING,
    honorific_office,
)

_ROLE_CHARACTERS = re.compile(r"^[\w .&'’-]+$")
MAX_ROLE_WORDS = 8


class _RoleRule(NamedTuple):
    name: str
    junk: Callable[[str, list[str]], bool]  # (the role, its words lowercased)


def _ends_in_an_honorific(words: list[str]) -> bool:
    """A form of address ends the words ("manager Sir"), not an office it heads ("First
    Lady": `honorific_office`). Words lowercased."""
    return words[-1].strip(".") in HONORIFICS and not honorific_office(words)


def _opens_clause(words: list[str]) -> bool:
    first = words[0]
    if first in ROLE_PARTICIPLES:
        return False
    return first in NOT_NAME_STARTS or first.endswith(("ing", "ed"))


# Why a recorded role is not a noun phrase naming an office; the first rule that fires names
# the problem. Extraction leaves such debris at times ("Speaking in Lowtown Mr").
ROLE_JUNK_RULES: tuple[_RoleRule, ...] = (
    _RoleRule("empty", lambda role, words: not words),
    _RoleRule("not_words", lambda role, words: not _ROLE_CHARACTERS.match(role.strip())),
    _RoleRule("too_long", lambda role, words: len(words) > MAX_ROLE_WORDS),
    _RoleRule("opens_a_clause", lambda role, words: _opens_clause(words)),
    _RoleRule("reporting_verb", lambda role, words: any(w in ROLE_REPORTING for w in words)),
    _RoleRule("relative_clause", lambda role, words: any(w in ROLE_RELATIVE for w in words)),
    _RoleRule("ends_in_a_function_word", lambda role, words: words[-1] in ROLE_FUNCTION),
    _RoleRule("ends_in_an_honorific", lambda role, words: _ends_in_an_honorific(words)),
)


def role_problem(role: str) -> str | None:
    """The name of the first junk rule a role breaks, or None for a usable role."""
    words = [w.lower() for w in role.split()]
    return next((rule.name for rule in ROLE_JUNK_RULES if rule.junk(role, words)), None)


def usable_role(role: str | None) -> str | None:
    """A recorded role as it may be shown and matched: a trailing honorific left by extraction
    dropped ("Manchester United manager Sir" from "... manager Sir Ivo Renko"), None when
    what is left is no role."""
    words = (role or "").split()
    while words and _ends_in_an_honorific([w.lower() for w in words]):
        words.pop()
    cleaned = " ".join(words)
    return cleaned if cleaned and role_problem(cleaned) is None else None
