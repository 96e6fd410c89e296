"""Whether the quotation an answer would frame as the answer says what was asked.

The rankers order units whether anyone in the articles said the words or not, so a best unit
was framed as "Tom Reed said: ..." for statements nobody made (issue 16), and a much-quoted
person's nearest words as their words on a thing they never spoke of (issue 17). A who-said
answer whose best unit is near the question in neither words nor meaning (`says_it`), says
one phrase of the statement and not another (`half_said`), or comes from an article off the
story asked about (`off_story`) declines with the unit shown as the closest quotation
(`NOBODY_SAID`), never as the answer; a speaker answer whose articles never write the name
asked about (`asked_name`, `writes`) takes the speaker decline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from app.evidence import FEATURES, Candidate


class SaidBar(NamedTuple):
    """What a who-said answer's best unit must reach, in words or in meaning (`says_it`)."""

    cover: float  # idf-weighted share of the question's terms in the unit and sentence before
    dense: float  # cosine to the question of the unit or of its sentence


# How close a who-said answer's quotation must come to the statement asked about before the
# answer says its speaker said it: words (`lead_cover`, the idf-weighted share of the
# question's terms in the unit and the sentence before it) or meaning (the better cosine of
# the unit and of its sentence to the question). A paraphrase ("Which Westland minister
# admitted ...") shares few words with the quotation but lands close in meaning; a statement
# nobody made lands near neither. Fitted on dev rows only (docs/notes/ans29.md).
SAID_IT = SaidBar(cover=0.5, dense=0.30)
NOBODY_SAID = "No quotation in the articles says that; the closest one:"


def says_it(best: Candidate, bar: SaidBar) -> bool:
    """Does the best unit of a who-said question say what was asked, by `bar`'s words or
    meaning? Otherwise the answer names no one as having said it and shows the unit as the
    closest: the who-said ranker orders units whether anyone said the words or not, so its
    best was framed as "Tom Reed said: ..." for statements nobody in the articles made."""
    values = dict(zip(FEATURES, best.features, strict=True))
    dense = max(values["unit_dense"], values["sentence_dense"])
    return values["lead_cover"] >= bar.cover or dense >= bar.dense


# A who-said question names its statement by coordinated phrases ("Who spoke about the night
# nurses and the apple blossom?"), each a thing the statement is about. A statement nobody in
# the articles made is often met by a quotation on one phrase alone (the night nurses), whose
# passage holds no word of the other: near in meaning by half the question (docs/notes/ans30.md).
_PART_BREAK = re.compile(r",|\band\b", re.IGNORECASE)


def topic_parts(topic: str, terms: Callable[[str], list[str]]) -> list[frozenset[str]]:
    """The terms of each coordinated phrase of `topic` that has any ("the night nurses and
    the apple blossom" -> {night, nurs}, {appl, blossom})."""
    parts = (frozenset(terms(part)) for part in _PART_BREAK.split(topic))
    return [part for part in parts if part]


def half_said(topic: str, passage: str, terms: Callable[[str], list[str]]) -> bool:
    """Is one phrase of a statement of several absent from the cited passage, not one of its
    words there? Then the passage speaks to part of the statement, and nobody in the articles
    is said to have made it. The whole passage, not the quotation's sentence: a generated
    question takes its phrases from anywhere in a quotation, or from the words naming its
    speaker, and a passage holds them."""
    parts = topic_parts(topic, terms)
    held = set(terms(passage))
    return len(parts) > 1 and any(held.isdisjoint(part) for part in parts)


def off_story(story: str, article: str, terms: Callable[[str], list[str]]) -> bool:
    """Does the cited article hold no word of the story a who-said question names ("... in
    the story about the night ferry", "... in connection with Westland")? A quotation from
    an article about something else is not the one asked about, however near its words."""
    wanted = set(terms(story))
    return bool(wanted) and wanted.isdisjoint(terms(article))


# A run of capitalised words: a person, place, body or event the question names ("Westland
# Ferry Board", "Ola Tamm").
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def asked_name(topic: str, question: str, terms: Callable[[str], list[str]]) -> list[str]:
    """The terms of the longest name of two or more words in `topic` that the question itself
    writes ("the Westland Ferry Board" -> [westland, ferri, board]), [] when none. A follow-up
    takes its topic from the turn before ("And what did he say about it?"): a name made there
    from a headline is not one the user asked about."""
    runs = (run for run in _NAME_RUN.findall(topic) if run in question)
    names = [name for run in runs if len(name := terms(run)) > 1]
    return max(names, key=len, default=[])


def writes(name: Sequence[str], article: str, terms: Callable[[str], list[str]]) -> bool:
    """Does `article` write the name (its terms `name`), two of its words side by side? Each
    word may stand somewhere in the store ("Westland", "Ferry", "Board") while no cited
    article names the thing: the asked person's words from those articles are not on it."""
    held = terms(article)
    return not set(zip(name, name[1:], strict=False)).isdisjoint(zip(held, held[1:], strict=False))
