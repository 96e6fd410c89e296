"""Offices and roles: what office a phrase names and whether two phrases name the same one.

News refers to a speaker by office as often as by name ("the Westland foreign minister",
"the head of state"). The speaker index, question understanding and the article links ask
here whether a written role fits a recorded one (`role_matches`, `same_office`) and which word
is the office (`role_head`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ingest.speakers.keys import POSSESSIVE, comparison_words
from ingest.speakers.lexicon import (
    ADJECTIVE_ENDINGS,
    DEMONYMS,
    FUNCTION_OFFICES,
    GENERAL_OFFICES,
    HEAD_LINKS,
    HEAD_SYNONYMS,
    OFFICE_HEADS,
    OFFICE_LINKS,
    OTHER_OFFICE,
    ROLE_TIME_WORDS,
    STOP_WORDS,
)


def is_office(phrase: str) -> bool:
    """An office with no name in it: "President", "President of Westland", "Westland leader",
    "Adviser to the President" (the head noun is an office and no word follows it but an
    `OFFICE_LINKS` phrase)."""
    words = comparison_words(phrase)
    head = role_head(phrase)
    if head not in OFFICE_HEADS or not words or words[0] in ("a", "an"):
        return False  # "a minister" is anyone's office, "A Little Princess" a title
    after = words[words.index(head) + 1 :]
    return not after or after[0] in OFFICE_LINKS


def same_word(a: str, b: str) -> bool:
    """Equal, or a place and its adjective: "russia"/"russian", "ukraine"/"ukrainian"."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    if common < 4 or common < min(len(a), len(b)) - 2:
        return False
    shorter, longer = sorted((a[common:], b[common:]), key=len)
    return len(shorter) <= 1 and longer in ADJECTIVE_ENDINGS


def role_matches(mention: str, role: str) -> bool:
    """True when a role phrase ("the Russian foreign minister") fits a recorded role.

    The head noun must agree and every other content word of the mention must appear in the
    role, so "the minister" fits "Russian Foreign Minister" but "the defence minister" does
    not. The head is the last word, or the word before "of" ("the President" fits "President
    of Ukraine"). An office named by its function fits the titles that hold it ("the head of
    state" fits "Polish President").
    """
    m = [w for w in comparison_words(mention) if w not in STOP_WORDS]
    r = [w for w in comparison_words(role) if w not in STOP_WORDS]
    titles = FUNCTION_OFFICES.get(tuple(m[-2:]))
    if titles is not None:
        return bool(titles & set(r)) and all(any(same_word(w, x) for x in r) for w in m[:-2])
    if not m or not r or role_head(mention).rstrip("s") != role_head(role).rstrip("s"):
        return False  # the head names the office holder: "the ministry" is no "minister"
    if general_office(m) != general_office(r):
        return False  # "the General" is no "Attorney General", nor the other way round
    return all(any(same_word(w, x) for x in r) for w in m)


def general_office(words: Sequence[str]) -> str | None:
    """The office noun before a postpositive "general" in comparison words (`comparison_words`):
    "attorney" for ["michigan", "attorney", "general"], None for ["general"] or ["lieutenant",
    "general"] (a rank of general)."""
    for before, word in zip(words, words[1:], strict=False):
        if word == "general" and before in GENERAL_OFFICES:
            return before
    return None


def role_head(phrase: str) -> str:
    """Head noun of a role phrase: the last word before its first `HEAD_LINKS` word ("of",
    "to", "for"), else the last content word."""
    words = comparison_words(phrase)
    links = [n for n, word in enumerate(words) if n and word in HEAD_LINKS]
    if links:
        return words[links[0] - 1]
    content = [w for w in words if w not in STOP_WORDS]
    return content[-1] if content else ""


def role_keywords(phrase: str) -> frozenset[str]:
    """Words one of which every role that `role_matches` the phrase contains (singular): its
    head noun, or the titles of an office named by its function ("head of state")."""
    words = [w for w in comparison_words(phrase) if w not in STOP_WORDS]
    titles = FUNCTION_OFFICES.get(tuple(words[-2:]))
    if titles is not None:
        return titles
    head = role_head(phrase)
    return frozenset({head.rstrip("s")}) if head else frozenset()


def same_office(phrase: str, role: str) -> bool:
    """False when the role carries a word that makes it another office ("Shadow foreign
    secretary", "Former chancellor") and the phrase does not say it."""
    asked = set(comparison_words(phrase))
    return not any(w in OTHER_OFFICE and w not in asked for w in comparison_words(role))


def role_phrase_variants(phrase: str) -> list[str]:
    """The ways to look a role phrase up, as asked first: without words of time ("the new
    Open champion" is the Open champion), then with another head news uses for the same
    holder ("the Lowtown manager", "the Lowtown boss"), then without a nationality."""
    words = [w for w in phrase.split() if w.lower() not in ROLE_TIME_WORDS]
    asked = " ".join(words)
    head = role_head(asked)
    variants = [asked]
    for synonym in HEAD_SYNONYMS.get(head, ()):
        variants.append(" ".join(synonym if comparison_words(w) == [head] else w for w in words))
    # "the Russian defence minister" is recorded as "Defence Minister" in a Russian release:
    # the nationality is where the office is, which the articles the holder is quoted in say.
    national = [w for w in words if POSSESSIVE.sub("", w).lower() not in DEMONYMS]
    if len(national) < len(words) and role_head(" ".join(national)) == head:
        variants.append(" ".join(national))
    return variants
