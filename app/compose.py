"""How one cited unit is written into an answer: who is speaking, and the words as quoted.

Kept apart from choosing the units (`app/answer/`) because this is where a misquote would be
made: the frame may wrap in quotation marks only words inside a quotation's own span. Whether a
unit is framed is decided by `AS_WRITTEN_RULES`, an ordered table: the first rule that matches
keeps the unit as the article's sentence as written (no frame, no new marks); a unit no rule
matches is framed. Every decision names the rule that made it, so tests can say which one fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from app.evidence.units import Unit
from ingest.speakers.mentions import is_named_speaker

_MARKER = re.compile(r"\[(\d+)\]")
# A reporting verb next to the speaker's surname inside the words: "..., Reed said",
# "said Mr Reed", "Reed told reporters". Words that name their own speaker are the
# article's attribution, not the speaker's words.
_REPORTING = (
    r"(?:said|says|told|tells|added|adds|stated|states|noted|notes|stressed|stresses|"
    r"explained|explains|replied|replies|insisted|insists|warned|warns)"
)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?\s+)?"
_CURLY = ("“", "”")
_CONTINUATION = re.compile(r"\n[ \t]*[“\"]")  # a quotation's next paragraph opens with a mark
# A reported sentence that opens on a pronoun ("He stressed that ...") names its speaker only in
# the sentence before it, which the answer does not show.
_OPENING_PRONOUN = re.compile(r"^(?:He|She)\b(?=\s+\w)")
# First words of a speaker described, not named, that already read as a subject ("some
# analysts said"); any other description takes "The" ("bank" -> "The bank said").
_DETERMINER_WORDS = """a an the some many most several few both all two three four five other
    another one his her their its our"""
_DETERMINERS = frozenset(_DETERMINER_WORDS.split())


class Framing(NamedTuple):
    """A unit as written into the answer, and the rule that decided how."""

    text: str
    rule: str  # the `AS_WRITTEN_RULES` name that kept it as written, or "framed"


def _not_quoted(unit: Unit, text: str) -> bool:
    """Reported speech and narrative: the article's sentence names its speaker itself."""
    return not unit.quoted


def _no_speaker(unit: Unit, text: str) -> bool:
    """Words nobody is known to have said cannot be put in anyone's mouth."""
    return not unit.speaker


def _holds_a_mark(unit: Unit, text: str) -> bool:
    """A span that holds a double quotation mark of its own reaches past a quotation's edge
    (its close, then "he said."): new marks around it would wrap the attribution too. A mark
    that opens a paragraph inside a quotation is the convention for a quotation running over
    several paragraphs (no close until its end), not an edge."""
    inner = _CONTINUATION.sub("\n", text)
    return any(mark in inner for mark in _CURLY) or inner.count('"') % 2 == 1


def _names_its_speaker(unit: Unit, text: str) -> bool:
    """The words say who said them ("..., Reed said"): framing them would name the speaker
    twice and make the attribution part of the quotation."""
    surname = re.escape((unit.speaker or "").split()[-1])
    own = re.compile(
        rf"\b{surname}\b(?:\s+\w+){{0,2}}\s+{_REPORTING}\b|\b{_REPORTING}\s+{_TITLE}{surname}\b"
    )
    return bool(own.search(text))


class AsWrittenRule(NamedTuple):
    name: str
    applies: Callable[[Unit, str], bool]


AS_WRITTEN_RULES: tuple[AsWrittenRule, ...] = (
    AsWrittenRule("not_quoted", _not_quoted),
    AsWrittenRule("no_speaker", _no_speaker),
    AsWrittenRule("holds_a_mark", _holds_a_mark),
    AsWrittenRule("names_its_speaker", _names_its_speaker),
)


def _named_subject(unit: Unit, text: str, previous_speaker: str | None) -> str:
    """A reported sentence opening on "He"/"She" gets its speaker in editorial brackets
    ("[Ana Vell] stressed that ..."): alone in an answer the pronoun points nowhere.
    Only outside quotation marks, and not right after the same speaker's words, where the
    pronoun reads as it did in the article."""
    if unit.quoted or not unit.speaker or unit.speaker == previous_speaker:
        return text
    return _OPENING_PRONOUN.sub(lambda _: f"[{unit.speaker}]", text, count=1)


def framing(unit: Unit, previous_speaker: str | None) -> Framing:
    """The unit as the answer writes it, and why: "Tom Reed said: “...”" (or "Reed
    also said: “...”" right after Reed's own framed words) for a quotation's own words; the
    article's sentence as written otherwise. Text that looks like an answer marker ("[1]" in an
    article) is shown with other brackets."""
    text = _MARKER.sub(r"［\1］", unit.text.strip())
    for rule in AS_WRITTEN_RULES:
        if rule.applies(unit, text):
            return Framing(_named_subject(unit, text, previous_speaker), rule.name)
    speaker = unit.speaker or ""
    described = _described(speaker)
    if speaker == previous_speaker:
        who = f"{described or speaker.split()[-1]} also"
    else:
        role = shown_role(speaker, unit.role)
        who = f"{described or speaker} ({role})" if role else described or speaker
    return Framing(f"{who} said: “{text.rstrip(',;: ')}”", "framed")


def shown_role(speaker: str, role: str | None) -> str | None:
    """The role as shown beside the speaker's name, without that name: extraction sometimes
    records the whole phrase ("Prime Minister of Westland Ana Vell" for Ana Vell) or the
    speaker itself (a bare "Adviser"), and the answer must not name anyone twice."""
    words = (role or "").split()
    name = speaker.split()
    if name and words[-len(name) :] == name:
        words = words[: -len(name)]
    # A word of the name left at the end ("President Vell", "Deputy Head of the Office of the
    # President Ana" for Ana Vell), or the office's head said twice ("President of Westland
    # President"): debris of the phrase the name was cut from.
    while len(words) > 1 and (words[-1] in name or words[-1] in words[:-1]):
        words.pop()
    shown = " ".join(words).strip(" ,")
    return shown or None


def _described(speaker: str) -> str | None:
    """A speaker the article describes rather than names ("bank", "some analysts") as the
    subject of a sentence ("The bank", "Some analysts"); None for a name."""
    first = speaker.split()[0] if speaker.split() else ""
    if not first[:1].islower() or is_named_speaker(speaker):  # "de Vell" is a name
        return None
    subject = speaker if first in _DETERMINERS else f"the {speaker}"
    return subject[0].upper() + subject[1:]


def who_said_lead(unit: Unit) -> str | None:
    """A who-said answer names the person even when the cited sentence, kept as written, only
    says "The President noted that ...": the question asked who. None when the words as
    written already hold the speaker's surname, or when nobody is known to have said them."""
    if not unit.speaker:
        return None
    surname = re.escape(unit.speaker.split()[-1])
    if re.search(rf"\b{surname}\b", framing(unit, None).text):
        return None
    role = shown_role(unit.speaker, unit.role)
    return f"{unit.speaker} ({role})." if role else f"{unit.speaker}."
