"""A speech's first person: `I urge you ...` in an address is the words of whoever gives it.

Official press sites publish speeches and addresses as articles whose text is the speech
itself; its first-person statements (`I urge you to act`, `We emphasize that ...`) name no
speaker in the text, but the headline says whose speech it is ("Address by President of
Westland Tom Reed to the Parliament", "... - speech by Ana Vell at the Forum", "... - Tom
Reed's address"). Only a headline that names one speaker of a speech gives the first person a
speaker: a joint statement's (`by Tom Reed and Ana Vell`), or a headline naming none, gives it
no one, as before. Only reported statements take it: a direct quote the first person introduces
is mostly words the speech recites (`recited`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from ingest.quoting.lexicon import PRONOUNS, alternation
from ingest.quoting.lexicon_speakers import (
    FIRST_PERSON_BE,
    HAVE_FORMS,
    SPEAKER_JOINERS,
    SPEECH_BY,
    SPEECH_NOUN_OPENERS,
    SPEECH_NOUNS,
    SPEECH_PLACE_WORDS,
    TOLD_VERBS,
)
from ingest.quoting.model import Resolved
from ingest.quoting.nameshapes import uncontracted
from ingest.quoting.nounphrases import clean_role
from ingest.quoting.officename import office_then_name


class HeadlineRule(NamedTuple):
    """One headline shape that names a speech's speaker in its `speaker` group."""

    name: str
    pattern: re.Pattern[str]


# The speech opens the headline or follows its summary after a dash or colon (`We will
# win - address by ...`); a speech named inside a sentence (`in support of the appeal of
# ...`) is about the speech, not the speech itself.
_START = r"(?:^|\s[-–—:]\s*|:\s*)(?:[Tt]he\s+)?"
_NOUN = rf"(?i:(?:{alternation(SPEECH_NOUN_OPENERS)}\s+)?{alternation(SPEECH_NOUNS)})"
# The speaker's phrase is capitalised, crosses no dash between words (the summary's end) and
# ends at the place, audience or occasion, or at the headline's end.
_SPEAKER = r"(?:[Tt]he\s+)?(?P<speaker>[A-Z](?:(?!\s[-–—]\s)[^:;\"“”])*?)"
_UNTIL = rf"(?=\s+{alternation(SPEECH_PLACE_WORDS)}\s|\s*$)"

# Ordered: the first rule that matches names the speaker.
HEADLINE_RULES: tuple[HeadlineRule, ...] = (
    HeadlineRule(  # `Address by President of Westland Tom Reed to ...`, `- speech by Ana Vell`
        "speech_by_speaker",
        re.compile(rf"{_START}{_NOUN}\s+(?i:{alternation(SPEECH_BY)})\s+{_SPEAKER}{_UNTIL}"),
    ),
    HeadlineRule(  # `... - President Tom Reed's address to the residents of ...`
        "speakers_speech",
        re.compile(rf"{_START}{_SPEAKER}['’]s\s+{_NOUN}{_UNTIL}"),
    ),
)

# `I was told that`, `we have been assured that`: the first person receives the words
_TOLD = re.compile(
    rf"(?:\s+{alternation(HAVE_FORMS)}|['’]ve)?\s*{alternation(FIRST_PERSON_BE)}\s+"
    rf"(?:\w+ly\s+|also\s+)?{alternation(TOLD_VERBS)}\b",
    re.IGNORECASE,
)
_JOINED = re.compile(rf",|\s{alternation(SPEAKER_JOINERS)}\s")


def speech_speaker(headline: str) -> str | None:
    """The one speaker a headline says the speech is by (`President of Westland Tom Reed`),
    or None: no rule matches, or the phrase joins two speakers (`Tom Reed and Ana Vell`)."""
    for rule in HEADLINE_RULES:
        found = rule.pattern.search(headline.strip())
        if found is None:
            continue
        speaker = found.group("speaker").strip()
        return None if _JOINED.search(speaker) else speaker
    return None


def speech_resolved(phrase: str, person_in: Callable[[str], str | None]) -> Resolved:
    """The headline's speaker of the speech, read from the phrase alone (`person_in` finds a
    person's name in it): the text is the speech, so its people and roles are whom it
    addresses (`Dear Westlanders!`, `Mr. President Ana Vell!`), never the speaker. An office
    before a name gives the name (`President of Westland Tom Reed`); an office alone stays the
    office (`President of Westland`), kind "other", which no one in the speech stands for
    (`unlinked_office`)."""
    office = office_then_name(phrase)
    if office:
        return Resolved(office.name, phrase, office.office, "person")
    person = person_in(phrase)
    if person:
        role = clean_role(phrase[: phrase.rfind(person)].strip(" ,")) or None
        return Resolved(person, phrase, role, "person")
    office_only = clean_role(phrase) or phrase
    return Resolved(office_only, phrase, office_only, "other")


def unlinked_office(speech: Resolved | None) -> set[str]:
    """The speech's office, when the headline names no person, as the one speaker the article
    must not link to a person it names: the speech's own people are its audience."""
    if speech is None or speech.speaker is None or speech.kind != "other":
        return set()
    return {speech.speaker}


def recited(resolved: Resolved) -> Resolved:
    """A direct quote that a speech's first person introduces keeps no speaker: in a speech
    the quoted words are mostly someone else's the speaker recites (`I will recall the words
    of Ana Vell: "..."`, `I will start with a quote: "..."`, a film's line), and the quote
    must not be given to the one reciting it. Only reported statements (`I stressed that
    ...`) are the speaker's own words; nor does a quote continue one (`continues_speech`)."""
    if first_person(resolved.as_written):
        return Resolved(None, resolved.as_written, None, "other")
    return resolved


def first_person(written: str | None) -> bool:
    """The speaker phrase as written is the first person (`I`, `We`, `I'm`)."""
    return written is not None and PRONOUNS.get(uncontracted(written.lower())) == "s"


def continues_speech(source: dict[str, Any]) -> bool:
    """A quote record is a first-person statement given the speech's speaker: no direct quote
    after it takes that speaker (`recited`). Without a headline naming the speech, its first
    person has no speaker, and a quote continues it as before (unattributed)."""
    return bool(source.get("speaker")) and first_person(source.get("speaker_as_written"))


def speech_first_person(speech: Resolved | None, np: str, text: str, pos: int) -> Resolved:
    """The speaker of a first-person statement written at `pos` (`I stress that ...`): the
    speech's (`speech_resolved`), if the headline names one, unless the first person only
    receives the words (`I was told that ...`: someone else's claim); else no one."""
    if speech is None or _TOLD.match(text, pos + len(np)):
        return Resolved(None, np, None, "other")
    return replace(speech, as_written=np)
