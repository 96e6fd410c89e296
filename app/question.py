"""Question understanding: who is asked about, what about, and what the previous turn left open.

Rules, not a model: the speaker part is resolved against the speaker index (full name, surname,
role, close spellings) and the topic is what remains once the speaker and the question's
scaffolding ("what did ... say about") are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from app.speaker_index import SpeakerIndex

Kind = Literal["speaker_topic", "who_said", "general"]

_SPEECH_VERBS = (
    r"say|says|said|tell|told|state|stated|claim|claimed|warn|warned|describe|described|call|"
    r"called|argue|argued|predict|predicted|admit|admitted|insist|insisted|suggest|suggested|"
    r"promise|promised|vow|vowed|accuse|accused|deny|denied|announce|announced|declare|"
    r"declared|complain|complained|criticise|criticised|criticize|criticized|believe|believes|"
    r"thinks?|thought|mention|mentioned|remark|remarked|comment|commented|compare|compared|"
    r"dismiss|dismissed|praise|praised|blame|blamed|urge|urged|explain|explained|add|added|"
    r"reject|rejected|refer|referred|express|expressed|voice|voiced|quoted|question|questioned"
)
# "Who said ...", "Which former Labour minister warned ...": the asker wants a name.
_WHO_SAID = re.compile(
    rf"^\s*(?:and\s+)?(?:who|which\b[^?]{{0,60}}?)\s+(?:{_SPEECH_VERBS}|saying|boasted|"
    rf"labelled|apologised|conceded|justified|pitched|joked|hailed|slammed)\b",
    re.I,
)
_ASKED_NAME = re.compile(
    r"(?:what\s+(?:did|does|has|had|was|is)\s+|according\s+to\s+|did\s+|how\s+(?:did|does)\s+)"
    r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)(?:'s|’s)?\s",
)
# A question asks for someone's words only when it says so; "Why did judges reject it?" does not.
_SPEECH_CUE = re.compile(
    rf"\b(?:{_SPEECH_VERBS}|view|views|opinion|position|stance|reaction|react|reacted|respond|"
    r"responded|response|according|quote|quoted|words|remarks|statement|statements|make of|"
    r"feel|feels|felt|want|wants|wanted|plan|plans)\b|['’]s\s+(?:take|verdict)\b",
    re.I,
)
# Questions whose answer is a number, amount, date or duration.
_QUANTITY = re.compile(
    r"^\s*(?:and\s+)?(?:by\s+)?(?:how\s+(?:many|much|long|often|far|old|big|large|high)|"
    r"until\s+when|when\b|what\s+(?:year|date|percentage|share|proportion|price|amount|age))",
    re.I,
)
_PRONOUN = re.compile(r"\b(he|she|him|her|his|hers|they|them|their)\b", re.I)
_ANAPHOR = re.compile(r"\b(it|that|this|those|these|there|the same)\b", re.I)
_ELSE = re.compile(r"\b(else|more|other|also|again)\b", re.I)
_WHO_IS_NAMED = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:is|was)\s+(?!he\b|she\b|they\b|this\b|that\b)\S", re.I
)
_WHO_IS = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|was|are)\s+(he|she|they|this|that)\b", re.I)


@dataclass(frozen=True)
class Intent:
    kind: Kind
    topic: str  # the words that rank passages
    speakers: list[str] = field(default_factory=list)  # canonical names from the index
    unknown_person: str | None = None  # a name asked about that nobody in the store carries
    wants_more: bool = False  # "what else did he say": skip what was already cited
    who_is: bool = False  # "who is he?"
    asks_words: bool = True  # the question asks what someone said (not just about them)
    wants_quantity: bool = False  # "how many", "until when": prefer sentences with numbers


@dataclass(frozen=True)
class Turn:
    """What a follow-up can carry over from an earlier answer."""

    speaker: str | None
    topic: str | None
    cited_spans: frozenset[tuple[str, int]] = frozenset()


def understand(question: str, index: SpeakerIndex, previous: Turn | None = None) -> Intent:
    """Classify the question and resolve its speaker and topic, using the previous turn."""
    asks_words = bool(_SPEECH_CUE.search(question))
    named_who_is = _WHO_IS_NAMED.match(question)
    who_is = bool(named_who_is) or (previous is not None and bool(_WHO_IS.search(question)))
    # A named person is always looked up: "a question about a person is answered from that
    # person's words". Without a speech cue the question may be about them rather than their
    # words, so the answer falls back to the articles when their quotes do not fit.
    speakers = index.find(question)
    quantity = bool(_QUANTITY.search(question))
    who_said = bool(_WHO_SAID.search(question))
    # "Who said Callaghan never forgot ...": a name in a who-said question is what was said
    # about, not the speaker, so it stays in the topic.
    topic = "" if who_is else _strip_scaffolding(question, index, [] if who_said else speakers)
    unknown = None if speakers or who_said else _unknown_name(question, index)
    # "Has he changed a policy because of the press?": with no capitalised word, a lowercase
    # word that is some organisation's name ("press") does not outweigh "he".
    lowercase_only = question[1:] == question[1:].lower()
    follows_speaker = (
        previous is not None
        and previous.speaker
        and not who_said
        and (not speakers or (lowercase_only and bool(_PRONOUN.search(question))))
    )
    carried = bool(follows_speaker and (who_is or _PRONOUN.search(question)))
    if carried:
        speakers, unknown = [previous.speaker], None
    wants_more = previous is not None and bool(_ELSE.search(question))
    if (
        previous is not None
        and previous.topic
        and not who_is
        and not (wants_more and not topic)
        and _needs_topic(question, topic, named_someone=bool(speakers))
    ):
        topic = f"{topic} {previous.topic}".strip()
    if who_said:
        return Intent("who_said", topic or question)
    if speakers and (asks_words or who_is):
        return Intent(
            "speaker_topic", topic, speakers, None, wants_more, who_is, asks_words, quantity
        )
    if speakers:
        # About a person but not their words ("Until when does Wenger's contract run?"): the
        # narrative answers it; sentences inside that person's quotes are still labelled.
        # A person carried over from the last turn ("Is he giving up music?") is named in the
        # words that rank passages, since the question itself only says "he".
        about = f"{speakers[0]} {question}" if carried else question
        return Intent("general", about, speakers, None, wants_quantity=quantity)
    return Intent("general", topic or question, [], unknown, wants_quantity=quantity)


def _needs_topic(question: str, topic: str, named_someone: bool) -> bool:
    """A follow-up that points back ("about it", or "he" when no speaker was found to be he)
    inherits the topic; so does one that names nothing new ("And what else?"); "What did
    Peskov say?" asks about Peskov, not the old topic."""
    points_back = _ANAPHOR.search(question) or (_PRONOUN.search(question) and not named_someone)
    return bool(points_back) or (not topic and not named_someone)


def _unknown_name(question: str, index: SpeakerIndex) -> str | None:
    """A capitalised name in speaker position that the index does not know."""
    match = _ASKED_NAME.search(question)
    if not match:
        return None
    name = match.group(1).strip()
    first = name.split()[0].lower()
    if first in {"the", "a", "an", "it", "they", "he", "she", "this", "that", "there", "i", "we"}:
        return None
    return None if index.find(name) else name


def _strip_scaffolding(question: str, index: SpeakerIndex, speakers: list[str]) -> str:
    """Remove the speaker mention and question words; what is left is the topic."""
    text = question
    # Longest first: removing "Peskov" before "Dmitry Peskov" would leave "Dmitry" as topic.
    for phrase in sorted(set(index.mentions(question, speakers)), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(phrase)}(?:'s|’s)?\b", " ", text, flags=re.I)
    text = re.sub(
        r"\b(what|how|did|does|do|has|have|had|was|were|is|are|the|who|which|and|on|about|"
        r"regarding|concerning|of|say|said|says|tell|told|think|view|views|opinion|according|to|"
        r"mention|mentioned|describe|described|talk|talked|speak|spoke|comment|else|more|he|she|"
        r"they|him|her|his|their|it|that|this|any|thing|things|anything)\b",
        " ",
        text,
        flags=re.I,
    )
    return " ".join(re.sub(r"[^\w'’\- ]", " ", text).split())
