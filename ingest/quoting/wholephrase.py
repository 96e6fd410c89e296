"""A speaker is a whole noun phrase, never a leftover of one (issue 17).

A subject finder that stops at the first lowercase word takes a modifier for the speaker:
`Other` of `Other analysts said`, `US` of `US phone company Qwest said`, `Anti-virus` of
`Anti-virus firm Sophos said`. Answers about a named person then cite quotes by `Other` or
`US`. The rules here read the phrase to its head noun instead: a name that a descriptor
introduces is the speaker (`Qwest`, `Sophos`), and a phrase whose head is a plural noun is
one as a whole (`Other analysts`, `Opec members`). A document owned by someone speaks for its
owner (`Chelsea's statement said` names `Chelsea`), as `documents` has a sent message speak
for its sender. The words live here, as the main lexicon module is full.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.quoting.lexicon import (
    AUX,
    CAP,
    DOCUMENT_NOUNS,
    IRREGULAR_PAST,
    VERBS,
    split_words,
)
from ingest.quoting.lexicon_speakers import REPORT_MODIFIERS, REPORT_PLURALS, SOURCE_QUANTIFIERS
from ingest.quoting.nounphrases import FUNCTION_WORDS, PREPOSITIONS, is_adverb, plausible_np

# Lowercase words after a capitalised subject that end its phrase rather than continue it:
# relative and clause words, and the words that open a predicate or an aside.
PHRASE_ENDERS = frozenset(
    split_words(
        """who which that whose whom where when while as than also both each all itself
    themselves himself herself says said say"""
    )
)
# Words after an opening participle that make it a phrase (`Speaking to`, `Laying into the`),
# not a name ending like one (`Pickering said`).
PARTICIPLE_LINKS = FUNCTION_WORDS | frozenset(
    split_words("into about after before during through his her their its")
)
# Participles of auxiliaries: `Having said that, ...` opens a phrase, never names a speaker.
PARTICIPLE_AUXILIARIES = frozenset(split_words("having being"))
# Owned things that speak for their owner, besides the sent documents of `documents`.
OWNED_DOCUMENTS = DOCUMENT_NOUNS | frozenset(
    split_words("report website site blog tweet email memo minutes release announcement")
)
_POSSESSIVE_END = re.compile(r"['’]s?$")
_OWNER = re.compile(r"(?P<owner>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s?\s+(?P<noun>\w+)$")


def continues_phrase(word: str) -> bool:
    """A lowercase word after capitalised words that is part of their noun phrase (`analysts`
    in `Other analysts said`, `firm` in `Anti-virus firm Sophos`): no verb, auxiliary,
    adverb, past form, preposition or clause word."""
    low = word.lower()
    return (
        word.islower()
        and word.isalpha()
        and low not in VERBS | AUX | IRREGULAR_PAST | FUNCTION_WORDS | PREPOSITIONS | PHRASE_ENDERS
        and not is_adverb(low)
        and not low.endswith("ed")
    )


def report_noun(words: Sequence[str], i: int) -> bool:
    """Word `i` is a plural report noun heading its phrase (`reports` in `Multiple news reports
    said`, `Other reports claimed`): listed in `REPORT_PLURALS` and after a quantifier or a
    modifier of reports, where it cannot be the verb (`Harbourwire reports`, `the agency reports`
    are)."""
    if i < 1 or words[i].lower() not in REPORT_PLURALS:
        return False
    return words[i - 1].lower() in SOURCE_QUANTIFIERS | REPORT_MODIFIERS


def modified_head(words: Sequence[str]) -> int | None:
    """Where the speaker starts in a phrase whose first words modify the rest: the name after
    a lowercase descriptor (`US phone company Qwest` -> 3, `Anti-virus firm Sophos` -> 2),
    or 0 for a phrase that is whole: its head is a plural noun (`Other analysts`, `Several
    Opec members`) or a number ends a name (`Radio 1`). None for any other phrase."""
    if len(words) < 2 or not CAP.match(words[0]) or _POSSESSIVE_END.search(words[-1]):
        return None
    if words[-1].isdigit() and all(CAP.match(w) for w in words[:-1]):
        return 0
    if not all(
        CAP.match(w) or continues_phrase(w) or report_noun(words, i) for i, w in enumerate(words)
    ):
        return None  # `Pelk's campaign shrugged off Reed's`: a clause, not a noun phrase
    name = len(words)
    while name > 1 and CAP.match(words[name - 1]):
        name -= 1
    if name < len(words):  # an -s descriptor is as often a verb (`The Renko ad hits Vell`)
        descriptor = words[name - 1]
        singular = not descriptor.endswith("s") or descriptor.endswith("ss")
        return name if continues_phrase(descriptor) and singular else None
    head = words[-1]
    head_word = continues_phrase(head) or report_noun(words, len(words) - 1)
    plural = head.endswith("s") and not head.endswith("ss") and head_word
    return 0 if plural and len(words) <= 4 else None


def document_owner(np: str) -> tuple[str, int] | None:
    """`Chelsea's statement` -> (`Chelsea`, 0): a named owner speaks through a document. None
    for anything else (`Pelk's office` is a speaker; `His statement` is the sender's, found
    by `documents`)."""
    found = _OWNER.fullmatch(np.strip())
    if not found or found.group("noun").lower() not in OWNED_DOCUMENTS:
        return None
    return found.group("owner"), found.start("owner")


def whole_speaker(np: str, shift: int) -> tuple[str, int] | None:
    """The speaker a phrase names by these rules, with its shift from the phrase's start: a
    document's owner, or the head of a phrase that is no speaker as written but whose first
    words modify the rest (`modified_head`). None when no rule applies."""
    owned = document_owner(np)
    if owned:
        return owned[0], shift + owned[1]
    if plausible_np(np):
        return None
    words = np.split()
    head = modified_head(words)
    if head is None:
        return None
    kept = " ".join(words[head:])
    return kept, shift + np.index(words[head]) if head else shift
