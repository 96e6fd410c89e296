"""Whether a who-said answer's best unit says what was asked, or the answer names no one.

The who-said ranker orders units whether anyone in the articles said the words or not, so its
best unit was framed as "Tom Reed said: ..." for statements nobody made (issue 16). An answer
whose best unit is near the question in neither words nor meaning (`says_it`), says one
phrase of the statement and not another (`half_said`), or comes from an article off the story
asked about (`off_story`) declines with the unit shown as the closest quotation
(`NOBODY_SAID`), never as the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
