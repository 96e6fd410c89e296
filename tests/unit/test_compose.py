"""How a unit is written into an answer: which rule keeps it as written, and the frame.

Made-up text only. Each case names the `AS_WRITTEN_RULES` rule expected to decide.
"""

from __future__ import annotations

import pytest

from app.compose import AS_WRITTEN_RULES, framing, who_said_lead
from app.evidence.units import Unit
from ingest.types import Chunk


def _unit(text: str, *, quoted: bool = True, speaker: str | None = "Mara Quell", role=None):
    chunk = Chunk("a:0", "a", 0, text, 0, len(text), 1, 1, title="Made-up")
    kind = "direct" if quoted else "sentence"
    return Unit(chunk, 0, len(text), kind, speaker, role, quoted, "q1" if quoted else None)


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "rule"),
    [
        ("The harbour reopens on Monday.", False, None, "not_quoted"),
        ("Quell said the harbour would reopen.", False, "Mara Quell", "not_quoted"),
        ("The harbour reopens on Monday", True, None, "no_speaker"),
        ("The tide is late,” she said. “We wait", True, "Mara Quell", "holds_a_mark"),
        ("We wait for the tide,” added Quell", True, "Mara Quell", "holds_a_mark"),
        ('We wait," she said', True, "Mara Quell", "holds_a_mark"),
        ("We wait for the tide, Quell told reporters", True, "Mara Quell", "names_its_speaker"),
        ("We wait for the tide, said Ms Quell", True, "Mara Quell", "names_its_speaker"),
        ("We wait for the tide", True, "Mara Quell", "framed"),
        ('We wait.\n\n"The tide is late', True, "Mara Quell", "framed"),  # next paragraph
        ("We wait.\n\n“The tide is late", True, "Mara Quell", "framed"),
        ('We wait." \n\nShe left', True, "Mara Quell", "holds_a_mark"),
        ('We will not "surrender" the harbour', True, "Mara Quell", "framed"),
        ("Quell harbour is where we wait", True, "Mara Quell", "framed"),
    ],
)
def test_rule_that_decides(text: str, quoted: bool, speaker: str | None, rule: str) -> None:
    assert framing(_unit(text, quoted=quoted, speaker=speaker), None).rule == rule


def test_rules_are_named_once_in_order() -> None:
    names = [r.name for r in AS_WRITTEN_RULES]
    assert names == ["not_quoted", "no_speaker", "holds_a_mark", "names_its_speaker"]


@pytest.mark.parametrize(
    ("text", "role", "previous", "expected"),
    [
        ("We wait for the tide,", None, None, "Mara Quell said: “We wait for the tide”"),
        ("We wait", "harbour master", None, "Mara Quell (harbour master) said: “We wait”"),
        ("We wait", "harbour master", "Mara Quell", "Quell also said: “We wait”"),
        ("We wait", None, "Ivo Brandt", "Mara Quell said: “We wait”"),
        ("See note [2] below", None, None, "Mara Quell said: “See note ［2］ below”"),
        # a role recorded with the name in it, or as the name alone, never names her twice
        (
            "We wait",
            "Harbour Master of Lowtown Mara Quell",
            None,
            ("Mara Quell (Harbour Master of Lowtown) said: “We wait”"),
        ),
        ("We wait", "Harbour Master Quell", None, "Mara Quell (Harbour Master) said: “We wait”"),
        ("We wait", "Mara Quell", None, "Mara Quell said: “We wait”"),
    ],
)
def test_frame(text: str, role: str | None, previous: str | None, expected: str) -> None:
    assert framing(_unit(text, role=role), previous).text == expected


@pytest.mark.parametrize(
    ("speaker", "previous", "expected"),
    [
        ("bank", None, "The bank said: “We wait”"),  # described, not named
        ("some analysts", None, "Some analysts said: “We wait”"),
        ("harbour spokesman", "harbour spokesman", "The harbour spokesman also said: “We wait”"),
        ("de Vell", None, "de Vell said: “We wait”"),  # a name with a particle stays as it is
    ],
)
def test_a_described_speaker_reads_as_a_subject(
    speaker: str, previous: str | None, expected: str
) -> None:
    assert framing(_unit("We wait", speaker=speaker), previous).text == expected


def test_as_written_text_is_the_article_span() -> None:
    text = "The tide is late,” she said."
    assert framing(_unit(text), None).text == text


@pytest.mark.parametrize(
    ("text", "quoted", "previous", "expected"),
    [
        (
            "He stressed that the harbour must reopen.",
            False,
            None,
            "[Mara Quell] stressed that the harbour must reopen.",
        ),
        ("She noted the tide.", False, "Ivo Brandt", "[Mara Quell] noted the tide."),
        ("He stressed the tide.", False, "Mara Quell", "He stressed the tide."),  # just named
        ("Hence the harbour shut.", False, None, "Hence the harbour shut."),
        ("They stressed the tide.", False, None, "They stressed the tide."),  # may be a group
        ("He said it.", True, None, "Mara Quell said: “He said it.”"),  # quoted words untouched
    ],
)
def test_opening_pronoun_of_a_reported_sentence_is_named(
    text: str, quoted: bool, previous: str | None, expected: str
) -> None:
    assert framing(_unit(text, quoted=quoted), previous).text == expected


def test_a_reported_sentence_without_speaker_keeps_its_pronoun() -> None:
    unit = _unit("He stressed the tide.", quoted=False, speaker=None)
    assert framing(unit, None).text == "He stressed the tide."


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "role", "expected"),
    [
        (
            "The President noted the tide.",
            False,
            "Mara Quell",
            "President",
            "Mara Quell (President).",
        ),
        ("The minister noted the tide.", False, "Mara Quell", None, "Mara Quell."),
        ("Quell noted the tide.", False, "Mara Quell", None, None),  # the words name her
        ("We wait for the tide", True, "Mara Quell", None, None),  # framed: "Mara Quell said"
        ("The tide is late.", False, None, None, None),  # nobody to name
    ],
)
def test_who_said_answer_names_the_speaker_once(
    text: str, quoted: bool, speaker: str | None, role: str | None, expected: str | None
) -> None:
    unit = _unit(text, quoted=quoted, speaker=speaker, role=role)
    assert who_said_lead(unit) == expected
