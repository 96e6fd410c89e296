"""Who speaks through a reporting verb: the subject finders of finite verbs and participles,
as ordered tables of named rules."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import POSSESSIVE_OWNERS, alternation
from ingest.quoting.model import Cue, Subject
from ingest.quoting.nounphrases import clean_np, plausible_np
from ingest.quoting.passives import hearer_passive
from ingest.quoting.sentence_subjects import absolute_subject, sentence_subject
from ingest.quoting.subjects import COORDINATED, np_from_left, verb_tokens
from ingest.quoting.subjects_after import phrase_after
from ingest.quoting.table import STOP, Rule, Stop, first_match


def _passive_hearer(sentence: str, cue: Cue, offset: int) -> Stop | None:
    """`He was told he could not leave`: the subject of a passive hearer verb is the one
    told (`hearer_passive`); who spoke is not in the clause. Inside another reporting verb's
    clause (`Vell said students who were told ... "have been given"`) the later rules find
    that verb's speaker, as before."""
    return STOP if hearer_passive(sentence[: cue.verb_start], cue.verb) else None


def _possessor_of(sentence: str, cue: Cue, offset: int) -> Subject | None:
    return _possessor(sentence[: cue.verb_start], offset, cue.verb)


def _phrase_before_verb(sentence: str, cue: Cue, offset: int) -> Subject | None:
    return np_from_left(sentence[: cue.verb_start], offset, cue.verb)


def _shared_subject(sentence: str, cue: Cue, offset: int) -> Subject | None:
    return _coordinated_subject(sentence[: cue.verb_start], offset, cue.verb)


def _sentence_subject(sentence: str, cue: Cue, offset: int) -> Subject | None:
    return sentence_subject(sentence, offset, cue.verb)


def _absolute_subject(sentence: str, cue: Cue, offset: int) -> Subject | None:
    return absolute_subject(sentence[: cue.verb_start], offset, cue.verb)


def _coordinated_subject(left: str, offset: int, cue: str) -> Subject | None:
    """`the league denounced the rhetoric and said it would ...`: a reporting verb coordinated
    with an earlier one shares its subject, which need not be a name."""
    if not COORDINATED.search(left):
        return None
    verbs = verb_tokens(left)
    return np_from_left(left[: verbs[-1].start()], offset, cue) if verbs else None


_POSSESSOR = re.compile(
    rf"(?:\b(?P<pron>{alternation(POSSESSIVE_OWNERS)})|(?P<np>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,3}})['’]s?)\s+$"
)


def _possessor(left: str, offset: int, cue: str) -> Subject | None:
    """`Tom Reed's claim that ...`, `her warning that ...`: a reporting word after a
    possessive is a noun, and whoever owns the claim made it."""
    m = _POSSESSOR.search(left)
    if not m:
        return None
    if m.group("pron"):
        return Subject(
            POSSESSIVE_OWNERS[m.group("pron").lower()], offset + m.start("pron"), cue, None
        )
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return Subject(np, offset + m.start("np") + shift, cue, None)


def attribution_before(sentence: str, cue: Cue, offset: int) -> Subject | None:
    """`Pelk and Reed will meet next week, Ostby said, adding, "..."`: a participle right
    after an attribution continues the attributed speaker, not the sentence subject."""
    left = sentence[: cue.verb_start].rstrip()
    if not left.endswith(","):
        return None
    start = max(left.rfind(",", 0, len(left) - 1), left.rfind("”", 0, len(left) - 1)) + 1
    segment = left[start:-1]
    if not 1 < len(segment.split()) <= 8:
        return None
    found = phrase_after(segment, offset + start)
    return found._replace(cue=cue.verb) if found else None


# Who speaks through a finite reporting verb, in order: no one when it is a passive whose
# subject is the hearer (`he was told`), the owner of a reporting noun
# (`Reed's claim that`), the phrase right before the verb, the subject of a verb it is
# coordinated with, or else the sentence's subject, which a long aside can hide from the
# phrase search (`The Democratic front-runner and former secretary of state said ...`).
VERB_SUBJECT_RULES = (
    Rule("passive_hearer", _passive_hearer),
    Rule("possessor", _possessor_of),
    Rule("phrase_before_verb", _phrase_before_verb),
    Rule("coordinated_subject", _shared_subject),
    Rule("sentence_subject", _sentence_subject),
)
# Who speaks through a participle (`..., saying`): the subject of an absolute phrase, an
# attribution right before it, or the sentence's subject.
PARTICIPLE_SUBJECT_RULES = (
    Rule("absolute_subject", _absolute_subject),
    Rule("attribution_before", attribution_before),
    Rule("sentence_subject", _sentence_subject),
)


def verb_subject(sentence: str, cue: Cue, offset: int) -> Subject | None:
    """The subject of a finite reporting verb (`VERB_SUBJECT_RULES`)."""
    return first_match(VERB_SUBJECT_RULES, sentence, cue, offset)


def participle_subject(sentence: str, cue: Cue, offset: int) -> Subject | None:
    """The subject of a participle cue (`PARTICIPLE_SUBJECT_RULES`)."""
    return first_match(PARTICIPLE_SUBJECT_RULES, sentence, cue, offset)
