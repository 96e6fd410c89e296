"""The records the quotation passes share: speaker phrases (`Subject`), reporting cues
(`Cue`), reported statements (`Statement`), quote pieces, resolved speakers, the per-text
`Findings` the rule passes fill in, and the raw quote record the resolution pass emits.

Every record a rule produces names that rule (`rule`), so each extracted quote can say which
rule made it (`Quote.rule`) and errors can be counted by rule. They are kept apart from the
passes so each pass imports only data, never another pass.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ingest.text import Span
from ingest.types import QuoteKind


class Subject(NamedTuple):
    """A speaker phrase next to a cue: the words (`np`) at `pos`, the cue word, a role the
    phrase gives, and the rule that found it (stamped by the rule table that ran it)."""

    np: str
    pos: int
    cue: str
    role: str | None = None
    rule: str = ""


class Cue(NamedTuple):
    """A reporting cue in a sentence and where the reported clause starts (sentence offsets)."""

    verb_start: int
    verb: str
    clause_start: int
    rule: str
    any_verb: bool = False  # a verb outside the lexicon, tried after every listed one
    quoted_object: bool = False  # `X called the plan "foolish"`: no `that`, a quote after it


class Statement(NamedTuple):
    """A reported statement: its span, the speaker phrase and cue, and the rule that made it."""

    start: int
    end: int
    np: str
    cue: str
    np_pos: int
    role: str | None
    rule: str

    @classmethod
    def of(cls, start: int, end: int, subject: Subject, rule: str) -> Statement:
        """The statement `start:end` spoken by `subject`."""
        return cls(start, end, subject.np, subject.cue, subject.pos, subject.role, rule)


class RoleMention(NamedTuple):
    """A role the article gives a person (`Westland spokesman Eda Kron`)."""

    pos: int
    name: str
    role: str


class NameMention(NamedTuple):
    """A full name written in the narrative, for pronouns to point back to."""

    pos: int
    name: str


class Fallback(NamedTuple):
    """A sentence subject a quote may fall back on when no attribution is found."""

    np: str
    pos: int
    own_sentence: bool = False  # the subject of the quote's own sentence, not the one before


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
    fallback: Fallback | None = None  # sentence subject, used when nothing else fits
    rule: str | None = None  # the rule that found its speaker phrase

    def attribute(self, subject: Subject) -> None:
        """Record the speaker phrase a rule found for this piece."""
        self.np, self.np_pos, self.cue, self.role = (
            subject.np,
            subject.pos,
            subject.cue,
            subject.role,
        )
        self.rule = subject.rule


@dataclass
class Resolved:
    """A speaker phrase after resolution."""

    speaker: str | None
    as_written: str
    role: str | None = None
    kind: str = "person"  # person | org | other | nobody (a phrase that names no one)


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
    """A transcript turn: the words from `start` to `end`, spoken by whoever `label` names;
    `rule` says why the label was kept (`transcripts.LABEL_RULES`)."""

    start: int
    end: int
    label: Label
    rule: str


@dataclass
class Findings:
    """Everything the rule passes find in one text, before NER-dependent resolution."""

    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    labels: list[Label] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    indirect: list[Statement] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    phrases: set[str] = field(default_factory=set)
    preamble: str = ""  # text before the first Question/Answer label: names the interviewee
    names: list[NameMention] = field(default_factory=list)  # capitalised runs in narrative
    subjects: list[Subject] = field(default_factory=list)  # speakers of no statement, for pronouns

    _starts: tuple[int, list[int]] | None = field(default=None, repr=False, compare=False)

    def inside_piece(self, pos: int) -> bool:
        """Words inside a direct quote are the speaker's, so they never cue reported speech.

        Pieces are disjoint and in text order (`marks.find_pieces`), so only the last piece
        starting at or before `pos` can hold it: a binary search, as the statement rules ask
        this for most words of an article."""
        cached = self._starts
        if cached is None or cached[0] != id(self.pieces) or len(cached[1]) != len(self.pieces):
            self._starts = (id(self.pieces), [p.start for p in self.pieces])
        i = bisect_right(self._starts[1], pos) - 1
        return i >= 0 and pos < self.pieces[i].end


def quote_record(
    span: Span,
    kind: QuoteKind,
    resolved: Resolved | None,
    cue: str | None,
    rule: str,
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
        "rule": rule,
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
