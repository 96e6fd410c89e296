"""Speaker phrases before a quotation: `Varo told reporters: "`, `According to X, "`,
`Hale: "`, as an ordered table of named rules (`BEFORE_RULES`)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.according import ACCORDING
from ingest.quoting.lexicon import AS_PUT_IT_VERBS, PARTICIPLES, TIME_LEADS, VERBS, alternation
from ingest.quoting.model import Subject
from ingest.quoting.nounphrases import clean_np, plausible_np
from ingest.quoting.passives import hearer_passive
from ingest.quoting.sentence_subjects import absolute_subject, sentence_subject
from ingest.quoting.subjects import (
    COORDINATED,
    WORD,
    np_from_left,
    verb_tokens,
)
from ingest.quoting.subjects_after import MODIFIER, NAME_RUN_RE, inverted_np
from ingest.quoting.table import STOP, Rule, Stop, first_match


class _Before(NamedTuple):
    """The words leading up to an opening mark, and the reporting verbs among them."""

    before: str
    offset: int
    verbs: list[re.Match[str]]


def _according_before(b: _Before) -> Subject | None:
    """`According to X, "`: names the source directly."""
    matches = list(ACCORDING.finditer(b.before))
    if not matches:
        return None
    acc = matches[-1]
    return Subject(acc.group("np").strip(), b.offset + acc.start("np"), "according to")


def _as_x_put_it(b: _Before) -> Subject | None:
    """`As The Courier's Ida Vale put it, "`; `As Ana Vell, an expert at the institute, put
    it: "` names the phrase before its apposition."""
    as_x = list(_AS_X_PUT_IT.finditer(b.before))
    if not as_x:
        return None
    m = as_x[-1]
    end = m.end("np") if m.group("apposition") else m.start("verb")
    return np_from_left(b.before[:end], b.offset, m.group("verb"), m.start("np"))


def _name_label_before(b: _Before) -> Subject | None:
    return _name_label(b.before, b.offset)


def _verb_before(b: _Before) -> Subject | Stop | None:
    """The last reporting verb wins (`Varo told reporters in Moscow: "`); a participle's
    subject is that of an absolute phrase, or the one opening the clause. A passive hearer
    verb (`Reed was told "`) names no speaker: the rules stop."""
    before, offset, verbs = b.before, b.offset, b.verbs
    for verb in reversed(verbs):
        left = before[: verb.start()]
        if hearer_passive(left, verb.group()):
            return STOP
        if verb.group().lower() in PARTICIPLES:
            absolute = absolute_subject(left, offset, verb.group())
            if absolute:
                return absolute
            if verb is not verbs[0] or left.rstrip().endswith(","):
                continue  # `Reed went after Hale, calling him "`: the subject opens it
        found = np_from_left(left, offset, verb.group())
        if not found and COORDINATED.search(left):
            found = sentence_subject(before, offset, verb.group())
        if found:
            return found
    return None


def _inverted_colon(b: _Before) -> Subject | None:
    """Inverted `Stated Stone:`."""
    before = b.before
    if not b.verbs or not before.strip().endswith(":"):
        return None
    if before[: b.verbs[0].start()].strip():
        return None
    words = list(WORD.finditer(before))
    return inverted_np(before.rstrip().rstrip(":"), words, b.offset)


def _inverted_comma(b: _Before) -> Subject | None:
    """`Because of the schedule, explained Reed, "` / `Said Reed, "`: a reporting verb that
    opens its clause, then its subject and a comma right before the quotation. Without this
    rule the words went to no one, or the verb was read as part of a name (`Explained Reed`).
    Only when the verb opens the sentence or follows a comma (`Vell told Reed, "` is Vell's)
    and the subject runs to the comma."""
    before = b.before.rstrip()
    if not b.verbs or not before.endswith(","):
        return None
    verb = b.verbs[-1]
    lead = before[: verb.start()].rstrip()
    if lead and not lead.endswith(","):
        return None
    tail = before[verb.start() : -1]
    found = inverted_np(tail, list(WORD.finditer(tail)), b.offset + verb.start())
    if not found or not plausible_np(found.np):
        return None  # `X said the group might run ads, "`: a clause, not an inversion
    rest = tail[found.pos - b.offset - verb.start() + len(found.np) :]
    return found if not rest.strip() else None


def _participle_subject(b: _Before) -> Subject | None:
    """`Salo appeared on Westland TV and endorsed Vell, saying, "`: the sentence's subject."""
    participles = [v.group() for v in b.verbs if v.group().lower() in PARTICIPLES]
    return sentence_subject(b.before, b.offset, participles[-1]) if participles else None


def _colon_subject(b: _Before) -> Subject | Stop | None:
    """`The minister was blunt: "`: the sentence's subject, or no one."""
    if not b.before.strip().endswith(":") or len(b.before.split()) <= 1:
        return None
    return sentence_subject(b.before, b.offset, ":") or STOP


def _unlisted_before(b: _Before) -> Subject | None:
    return _unlisted_verb_before(b.before, b.offset)


# Speaker phrases before an opening mark, in precedence order.
BEFORE_RULES = (
    Rule("according_before", _according_before),
    Rule("as_x_put_it", _as_x_put_it),
    Rule("name_label", _name_label_before),
    Rule("inverted_comma", _inverted_comma),
    Rule("verb_before", _verb_before),
    Rule("inverted_colon", _inverted_colon),
    Rule("participle_subject", _participle_subject),
    Rule("colon_subject", _colon_subject),
    Rule("unlisted_verb_before", _unlisted_before),
)


def phrase_before(before: str, offset: int) -> Subject | None:
    """Speaker phrase in the words leading up to an opening mark: the first rule of
    `BEFORE_RULES` that finds one."""
    return first_match(BEFORE_RULES, _Before(before, offset, verb_tokens(before)))


_NAME = r"[A-Z][\w.'’\-]*[a-z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*[a-z][\w.'’\-]*){0,3}"


_LABEL = re.compile(rf"(?:^\s*|\s[-—–]+\s+|\bfrom\s+)(?P<np>{_NAME}(?:\s+and\s+{_NAME})?):\s*$")


def _name_label(before: str, offset: int) -> Subject | None:
    """`Hale: "..."`, `Pollsters agree - Ida Brook: "..."`: a name alone before a colon,
    opening the clause or set off by a dash, labels the quote as that person's words.
    (`Stated Stone:` is an inverted verb and its subject.)"""
    m = _LABEL.search(before)
    if not m or m.group("np").split()[0].lower() in VERBS:
        return None
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return Subject(np, offset + m.start("np") + shift, ":", None)


# `, Ana shot back, “` / `Reed fumed: "`: a name and an unlisted past tense (or a verb with
# `back`) alone in the clause right before the quote.
_UNLISTED_BEFORE = re.compile(
    rf"(?:^|[.;,]\s+|\band\s+)\s*{MODIFIER}(?P<np>{NAME_RUN_RE})\s+"
    rf"(?P<verb>[a-z]+ed|[a-z]+\s+back)\s*[,:]\s*$"
)


def _unlisted_verb_before(before: str, offset: int) -> Subject | None:
    """An attribution with a verb missing from the lexicon, right before the opening mark."""
    m = _UNLISTED_BEFORE.search(before)
    if not m:
        return None
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return Subject(np, offset + m.start("np") + shift, m.group("verb"), None)


# `As The Courier's Ida Vale put it, "` / `as X wrote, "` / `As X, a former mayor, put it: "`
_AS_X_PUT_IT = re.compile(
    r"\b[Aa]s\s+(?P<np>[^,;:“”\"]{2,80}?)(?P<apposition>,[^;:“”\"]{2,100}?,)?\s+"
    r"(?P<verb>" + alternation(AS_PUT_IT_VERBS) + ")"
    rf"(?:\s+it)?(?:\s+{alternation(TIME_LEADS)}\b[^,;:“”\"]{{0,40}})?\s*[,:]?\s*$"
)
