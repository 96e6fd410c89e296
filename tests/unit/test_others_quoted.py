"""An answer about a named person that cites another named person's words says so
(`app.answer.declines.others_quoted`, `lead_line`); on made-up passages."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.answer.declines import lead_line, others_quoted
from app.answer.search import Evidence
from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from app.question import Intent
from ingest.types import Chunk

TEXT = "Tom Reed said the ferry talks went well. Bob Hale said the talks had failed."
REED, HALE = TEXT.split(". ")


class Case(NamedTuple):
    """Who the question asks for (a speaker found, or a name no speaker carries), whose
    words are cited, and whose name the lead gives (None: no lead for this)."""

    name: str
    speaker: str | None  # the speaker found
    unknown: str | None  # a name asked that no speaker carries
    cited: list[str | None]  # each citation's speaker
    said: str | None


CASES = [
    Case("the asked person's words only", "Tom Reed", None, ["Tom Reed", "Tom Reed"], None),
    Case("another's words first", "Tom Reed", None, ["Bob Hale", "Tom Reed"], "Tom Reed"),
    Case("another's words after", "Tom Reed", None, ["Tom Reed", "Bob Hale"], "Tom Reed"),
    Case("narrative beside the words", "Tom Reed", None, ["Tom Reed", None], None),
    # a body or a described speaker may be the asked person's own side, not another person
    Case("a one-word speaker", "Tom Reed", None, ["Tom Reed", "Westland"], None),
    Case("a described speaker", "Tom Reed", None, ["Tom Reed", "harbour master"], None),
    # the same surname is another person when the speaker was found by their full name
    Case("a namesake of the speaker found", "Tom Reed", None, ["Ana Reed"], "Tom Reed"),
    Case("a name nobody carries, others quoted", None, "Ida Vale", [None, "Bob Hale"], "Ida Vale"),
    Case("a name nobody carries, a longer form of it", None, "Ida Vale", ["Ida Vale Jr"], None),
    Case("nobody asked for", None, None, [None, "Bob Hale"], None),
    # a body asked for speaks through its people: "Ana Vell (Westland Harbour doctor)"
    Case("a voice of the body asked", "Westland Harbour", None, ["Ana Vell"], None),
    Case("a voice of another body", "Norland Port", None, ["Ana Vell"], "Norland Port"),
    # a group or a body asked for speaks through people: none of them is "another person"
    Case("a one-word group asked", "Westlanders", None, ["Westlanders", "Bob Hale"], None),
    Case("an office or body asked", "Harbour Council", None, ["Bob Hale"], None),
]


def _candidate(speaker: str | None) -> Candidate:
    chunk = Chunk("a:0", "a", 0, TEXT, 0, len(TEXT), 1, 1, title="Ferry talks")
    sentence = HALE if speaker and speaker != "Tom Reed" else REED
    start = TEXT.index(sentence)
    role = "Westland Harbour doctor" if speaker == "Ana Vell" else None
    unit = Unit(chunk, start, start + len(sentence), "indirect", speaker=speaker, role=role)
    return Candidate(unit, tuple(0.0 for _ in FEATURES), 0.4)


def _evidence(case: Case, cited: list[Candidate]) -> Evidence:
    family = "speaker" if case.speaker else "general"
    return Evidence(family, cited, 0.0, 2, 0.9, 0.2, case.speaker)  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_another_persons_words_are_said_to_be_theirs(case: Case) -> None:
    cited = [_candidate(speaker) for speaker in case.cited]
    kind = "speaker_topic" if case.speaker else "general"
    intent = Intent(kind, "ferry talks", unknown_person=case.unknown)  # type: ignore[arg-type]
    assert others_quoted(intent, _evidence(case, cited), cited) == case.said


def test_the_lead_names_the_asked_person_and_quotes_nothing() -> None:
    cited = [_candidate("Bob Hale"), _candidate("Tom Reed")]
    case = Case("", "Tom Reed", None, [], None)
    intent = Intent("speaker_topic", "ferry talks", ["Tom Reed"])
    lead = lead_line(intent, _evidence(case, cited), cited)
    assert lead == "Some of these passages quote people other than Tom Reed:"
    assert not any(mark in lead for mark in "\"“”'‘’")
