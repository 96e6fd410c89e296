"""When the phrase after an inverted verb is not its speaker: `CLAUSE, said X` names the speaker
after the verb only when the verb can stand before its subject. A verb that takes its listener
as object, a phrase the verb's punctuation sets off, a name after a preposition, a thing owned
by someone and a verb missing from the lexicon with no quotation before it name the listener,
the place, the object or the writer's own clause instead (`The mayor, in particular, informed
Tom Reed about ...` is no statement by Tom Reed).

`INVERSION_RULES` is an ordered table of named rules; `not_speaker` names the first that
rejects the phrase, so a caller and a test can say which rule decided.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon import ROLE_WORDS, VERBS
from ingest.quoting.lexicon_speakers import LISTENER_VERBS, NAME_PREPOSITIONS, SPEAKING_BODIES
from ingest.quoting.nounphrases import agent_noun
from ingest.quoting.table import Rule, first_match


class Inversion(NamedTuple):
    """An inverted verb and the phrase after it, as a speaker rule read them."""

    cue: str  # the verb as written
    between: str  # the text between the verb and the phrase
    np: str  # the phrase read as the speaker
    quoted: bool  # a quotation closes right before the verb's clause ends


class Verdict(NamedTuple):
    """Why the phrase after an inverted verb is not its speaker: the rule that says so."""

    rule: str


_OWNED = re.compile(r"^(?:[A-Za-z]+\s+)?[\w.\-]+['’]s\s+(?P<rest>.+)$")
_PUNCTUATION = re.compile(r"[^\w\s]")


def _listener_object(inv: Inversion) -> Verdict | None:
    """`..., told the Westland Courier`, `informed Tom Reed about ...`: the listener."""
    return Verdict("") if inv.cue.lower() in LISTENER_VERBS else None


def _set_off(inv: Inversion) -> Verdict | None:
    """`said, "I mean, ..."`, `Remark: Hello`: what follows a comma, colon or quotation mark
    after the verb is what was said, not who said it."""
    return Verdict("") if _PUNCTUATION.search(inv.between) else None


def _after_preposition(inv: Inversion) -> Verdict | None:
    """`..., confirmed on Westland Radio Friday`, `died in Lowtown`: a name after a preposition
    is a place, a medium or an object, not the verb's subject."""
    words = inv.between.lower().split()
    return Verdict("") if NAME_PREPOSITIONS.intersection(words) else None


def _owned_object(inv: Inversion) -> Verdict | None:
    """`said Ana Vell's plan was ...`, `criticized her town's ferry rules`: an owned thing in
    lower case that is no office, person or speaking body is the verb's object or the
    clause's subject."""
    m = _OWNED.match(inv.np)
    if not m or not m.group("rest").islower():
        return None  # `said Westland's mayor Ana Vell`: the owned part names someone
    head = m.group("rest").split()[-1].lower().strip(".")
    speaks = head in ROLE_WORDS or head.rstrip("s") in ROLE_WORDS or agent_noun(head)
    return None if speaks or head in SPEAKING_BODIES else Verdict("")


def _unlisted_unquoted(inv: Inversion) -> Verdict | None:
    """`as you, invaders, treated Westlanders`, `who fought for the pier, died in Lowtown`: a
    verb missing from the lexicon attributes only a quotation (`," exhorted Ana Vell`); after
    the writer's clause it is narrative."""
    listed = inv.cue.lower() in VERBS
    return None if listed or inv.quoted else Verdict("")


INVERSION_RULES = (
    Rule("listener_object", _listener_object),
    Rule("set_off_phrase", _set_off),
    Rule("place_after_preposition", _after_preposition),
    Rule("owned_object", _owned_object),
    Rule("unlisted_verb_unquoted", _unlisted_unquoted),
)


def not_speaker(inv: Inversion) -> str | None:
    """The name of the first rule of `INVERSION_RULES` that rejects the phrase as the
    inverted verb's speaker; None when the phrase may be the speaker."""
    verdict = first_match(INVERSION_RULES, inv)
    return verdict.rule if verdict else None
