"""The records the quotation passes share: quote pieces, resolved speakers, the per-text
`Doc` the rule passes fill in, and the raw quote record the resolution pass emits.

They are kept apart from the passes so each pass imports only data, never another pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.text import Span
from ingest.types import QuoteKind


@dataclass
class Piece:
    """A direct quotation piece and what is known about its attribution so far."""

    start: int
    end: int
    open_pos: int
    close_pos: int | None  # None when the quote runs on past its paragraph
    para: int
    last_para: int = -1  # paragraph of the closing mark, for quotes running over paragraphs
    np: str | None = None
    np_pos: int = -1
    cue: str | None = None
    role: str | None = None
    fallback: tuple[str, int] | None = None  # sentence subject, used when nothing else fits


@dataclass
class Resolved:
    """A speaker phrase after resolution."""

    speaker: str | None
    as_written: str
    role: str | None = None
    kind: str = "person"  # person | org | other


@dataclass(frozen=True)
class Label:
    """A candidate speaker label: where it stands, its words, and what its parse found."""

    pos: int  # start of the label
    text: str  # the label as written, without its colon
    body: int  # where the turn's words begin
    name: str | None = None  # the person, when the label's form names them without NER
    role: str | None = None  # the title or office written with the name
    doubled: bool = False  # the scraped `First Last Last FirstROLE` form
    repeated: bool = False  # its last word labels at least two turns


@dataclass(frozen=True)
class Turn:
    """A transcript turn: the words from `start` to `end`, spoken by whoever `label` names."""

    start: int
    end: int
    label: Label


@dataclass
class Doc:
    """Everything the rule passes find in one text, before NER-dependent resolution."""

    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    labels: list[Label] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    indirect: list[tuple[int, int, str, str, int, str | None]] = field(default_factory=list)
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # pos, name, role
    phrases: set[str] = field(default_factory=set)
    preamble: str = ""  # text before the first Question/Answer label: names the interviewee
    names: list[tuple[int, str]] = field(default_factory=list)  # capitalised runs in narrative


def quote_record(
    span: Span,
    kind: QuoteKind,
    resolved: Resolved | None,
    cue: str | None,
    attributed: bool = True,
) -> dict[str, Any]:
    """A quote before names are unified: a mutable dict, because the resolution pass fills in
    speakers of unattributed pieces from their neighbours after the record exists."""
    return {
        "start": span[0],
        "end": span[1],
        "kind": kind,
        "speaker": resolved.speaker if resolved else None,
        "speaker_as_written": resolved.as_written if resolved else None,
        "role": resolved.role if resolved else None,
        "cue": cue,
        "attributed": attributed and resolved is not None,
    }


def trim_span(text: str, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace, or None if nothing is left, so a quote's
    text never starts or ends with a space or line break."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
