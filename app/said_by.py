"""Who a written sentence says is speaking, and whether that is the cited passage's speaker.

A sentence may name its speaker by name ("Tom Reed said"), by surname, by role ("the
Russian foreign minister said"), by pronoun, or as the source ("CNN reported"). Each phrase in
front of (or after) a reporting verb is compared with the cited passages' speakers: their
names and aliases, and their roles from the speaker index. A phrase that names anybody else, or
anybody unknown ("Ola Tamm", "the NATO chief", "Reed's spokeswoman"), fails: an
unknown name is not a pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from app.claims import word_set
from app.speaker_index import SpeakerIndex
from app.types import Citation

REPORTING_VERBS = sorted(
    word_set(
        "said says say told tells added adds stated states stressed stresses noted notes explained "
        "explains claimed claims warned warns argued argues insisted insists remarked remarks "
        "commented comments declared declares announced announces wrote writes replied replies "
        "answered answers recalled recalls emphasised emphasized emphasises emphasizes asserted "
        "asserts acknowledged acknowledges admitted admits suggested suggests described describes "
        "called calls urged urges pointed mentioned mentions believes believed thinks thought"
    )
)
# Words a role phrase is made of ("the Russian foreign minister", "a Westland spokesman").
ROLE_WORDS = word_set(
    "minister foreign prime deputy secretary spokesman spokeswoman spokesperson president vice "
    "chief head leader chairman chairwoman chair official officials ambassador envoy general "
    "commander director executive chancellor governor mayor senator representative adviser "
    "advisor aide press defence defense interior finance state senior former acting first "
    "member members manager coach boss founder analyst economist spokesmen "
    "mr mrs ms dr sir dame lord lady prof"
)
PRONOUNS = word_set("he she they it we i you who which")
# Phrases that attribute to the article itself rather than to a person.
NARRATION = word_set("article report reports passage story statement text")
_DETERMINERS = word_set("the a an his her their its our this that these those")
_VERB = "|".join(REPORTING_VERBS)
_HEAD_BOUNDARY = r"(?:^|[,;:“”\"«»„‘’(]|\bthat\b|\band\b|\bbut\b|\bwhile\b|\bas\b)"


class SpeakerRule(NamedTuple):
    name: str
    pattern: re.Pattern[str]


# Ordered, named rules for a speaker phrase; each captures it as group "who".
SPEAKER_RULES: tuple[SpeakerRule, ...] = (
    SpeakerRule(
        "according_to",
        re.compile(r"\baccording to (?P<who>[^,;:“”\"«»„]+?)(?=\s*(?:[,;:“\"«„]|\[|$))", re.I),
    ),
    SpeakerRule(
        "verb_then_who",  # ," said the Westland spokesman  /  , added Reed
        re.compile(
            rf"[,”\"’»“]\s*(?:{_VERB})\s+(?P<who>(?:the |a )?[A-Za-z][\w'’.-]*"
            rf"(?:\s+[A-Za-z][\w'’.-]*){{0,4}}?)(?=\s*(?:[.,;:!?]|\[|$))",
            re.I,
        ),
    ),
    SpeakerRule(
        "who_then_verb",  # Tom Reed said  /  The NATO chief has also warned
        re.compile(
            rf"(?P<who>[^,;:“”\"«»„\[\]]+?)\s+(?:has |had |have |also |later |then |once )*"
            rf"(?:{_VERB})\b",
            re.I,
        ),
    ),
)


class SpeakerPhrase(NamedTuple):
    text: str
    rule: str


@dataclass(frozen=True)
class CitedSpeaker:
    """How a cited passage's speaker may be named."""

    name: str
    name_words: frozenset[str]
    role_words: frozenset[str]
    role_head: str | None


def speaker_phrases(claim: str) -> list[SpeakerPhrase]:
    """The phrases a sentence presents as speakers, trimmed to their noun phrase."""
    found: list[SpeakerPhrase] = []
    taken: list[tuple[int, int]] = []
    for rule in SPEAKER_RULES:
        for match in rule.pattern.finditer(claim):
            start, end = match.span("who")
            if any(s < end and start < e for s, e in taken):
                continue
            who = _noun_phrase(match.group("who"))
            if who:
                taken.append((start, end))
                found.append(SpeakerPhrase(who, rule.name))
    return found


def cited_speakers(cited: Sequence[Citation], index: SpeakerIndex | None) -> list[CitedSpeaker]:
    speakers = []
    for name in dict.fromkeys(c.speaker for c in cited if c.speaker):
        info = index.info(name) if index is not None else None
        forms = {name, *(info.aliases if info else ()), info.name if info else name}
        role = info.role if info else None
        role_words = _lower_words(role or "")
        speakers.append(
            CitedSpeaker(
                name=info.name if info else name,
                name_words=frozenset(w for form in forms for w in _lower_words(form)),
                role_words=frozenset(role_words),
                role_head=role_words[-1] if role_words else None,
            )
        )
    return speakers


def misattribution(
    phrase: SpeakerPhrase, speakers: Sequence[CitedSpeaker], cited: Sequence[Citation]
) -> str | None:
    """Why `phrase` is not a cited speaker (None when it is one, a pronoun, or the source)."""
    who = re.split(r"['’]s\s+", phrase.text)[-1]  # "Reed's spokeswoman": the spokeswoman
    tokens = [w for w in _lower_words(who) if w not in _DETERMINERS]
    if not tokens or all(w in PRONOUNS for w in tokens):
        return None
    outlets = {w for c in cited for w in _lower_words(c.source or "")}
    if set(tokens) <= outlets | NARRATION:
        return None
    capitalised = {w.lower() for w in re.findall(r"[A-Z][\w'’-]*", who)} - _DETERMINERS
    # Words the cited passages themselves use (the title too): "Russian" in "Russian Foreign
    # Minister Tom Reed", or someone the passage itself reports as saying something.
    written = {w for c in cited for w in _lower_words(f"{c.title} {c.text}")}
    bare = " ".join(tokens)
    if any(f" {bare} " in f" {' '.join(_lower_words(c.text))} " for c in cited):
        return None  # the passage itself reports what this person or role said
    names = capitalised - ROLE_WORDS
    if (
        tokens[-1] not in ROLE_WORDS  # a role ("the NATO chief") must be the speaker's own
        and names
        and names <= written
        and set(tokens) - names <= ROLE_WORDS | written
    ):
        return None
    for speaker in speakers:
        if speaker.name_words & set(tokens):
            # The speaker's own name, with titles and role words around it (not another name).
            extra = (set(tokens) - speaker.name_words) & capitalised
            if not extra - ROLE_WORDS - speaker.role_words - written:
                return None
        elif (
            speaker.role_head
            and tokens[-1] == speaker.role_head
            and set(tokens) <= speaker.role_words | (ROLE_WORDS - capitalised)
        ):
            return None
    quoted = ", ".join(s.name for s in speakers) or "nobody named"
    return f"names {phrase.text!r} as the speaker, but the cited passage quotes {quoted}"


def _noun_phrase(text: str) -> str:
    """The noun phrase that ends `text`: back to its determiner ("the harbour master"), or
    else the trailing run of capitalised, role and pronoun words ("In Moscow on Tuesday Reed"
    -> "Reed"); at most eight words."""
    text = re.split(_HEAD_BOUNDARY, text.strip(), flags=re.I)[-1].strip().rstrip(".,;:!?")
    tail = text.split()[-8:]
    for i in range(len(tail) - 1, -1, -1):
        if tail[i].lower() in _DETERMINERS and i < len(tail) - 1:
            return " ".join(tail[i:])
    kept: list[str] = []
    for word in reversed(tail):
        bare = re.sub(r"['’]s$", "", word.strip("'’.,").lower())
        if not (word[:1].isupper() or bare in ROLE_WORDS or bare in PRONOUNS or bare in NARRATION):
            break
        kept.append(word)
    return " ".join(reversed(kept))


def _lower_words(text: str) -> list[str]:
    return [re.sub(r"['’]s$", "", w).lower() for w in re.findall(r"[\w'’-]+", text)]
