"""A speaker is a name, a role noun phrase or an organisation, never a clause (issue 17):
a speaker phrase that runs into its own verb group loses the verb group (`The Home Office has
already said` -> `The Home Office`), and one that is a clause of its own (`it had complied
fully`, `Chapter 11 protection would enable it`) names no one. Applied to every phrase a rule
hands to resolution, so no rule of its own can let a clause through."""

from __future__ import annotations

from ingest.quoting.lexicon import DETERMINERS
from ingest.quoting.lexicon_speakers import (
    FINITE_AUXILIARIES,
    HAVE_FORMS,
    NON_FINITE_AUXILIARIES,
    PASSIVE_AUXILIARIES,
    RELATIVE_PRONOUNS,
    VERB_GROUP_ADVERBS,
)
from ingest.quoting.nounphrases import is_adverb


def _word(word: str) -> str:
    return word.lower().replace("’", "'").strip(",.;:")


def _auxiliary_at(words: list[str]) -> int | None:
    """Index of the first finite auxiliary written in lowercase (`May`, `Will` are names).
    Opening the phrase, a capitalised one counts when it is contracted (`Shouldn't Europe`)
    or only lowercase words follow (`Was impressed`): no given name looks like either."""
    for i, word in enumerate(words):
        if _word(word) not in FINITE_AUXILIARIES:
            continue
        if word.islower():
            return i
        rest = words[1:]
        if i == 0 and ("'" in _word(word) or (rest and all(w.islower() for w in rest))):
            return i
    return None


def _verb_group(tail: list[str]) -> bool:
    """Words after an auxiliary that are still its verb group: adverbs and non-finite
    auxiliaries (`has already`, `could only`, `can be`), and a participle after a passive
    one (`can be heard`); anything else is the clause's own content."""
    if len(tail) > 1 and _word(tail[-2]) in PASSIVE_AUXILIARIES:
        tail = tail[:-1]
    return all(
        _word(w) in VERB_GROUP_ADVERBS | NON_FINITE_AUXILIARIES or is_adverb(w) for w in tail
    )


def without_clause(np: str) -> str | None:
    """The speaker phrase without a verb group it runs into, or None when it is a clause.

    `The two firms did not` -> `The two firms` (only adverbs after the auxiliary: the verb
    group the reporting verb ends); `Voters who were polled` -> `Voters` (a relative clause);
    `it had complied fully`, `was impressed` -> None (more words after the auxiliary, or
    nothing before it: a clause, and no speaker is better than a wrong one); `Britain had`
    -> None (`said Britain had to set an example`: `have` ending the phrase is its verb)."""
    words = np.split()
    at = _auxiliary_at(words)
    if at is None:
        return np
    head = words[:at]
    if head and _word(head[-1]) in RELATIVE_PRONOUNS:
        head = head[:-1]
    elif (
        not _verb_group(words[at + 1 :])
        or words[at:] == [words[-1]]
        and _word(words[-1]) in HAVE_FORMS
    ):
        return None
    while head and head[-1].islower() and _word(head[-1]) in VERB_GROUP_ADVERBS:
        head = head[:-1]  # `The occupiers still do not`
    if all(_word(w) in DETERMINERS for w in head):
        return None
    return np[: np.find(head[-1], sum(len(w) + 1 for w in head[:-1])) + len(head[-1])]
