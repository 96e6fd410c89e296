"""Editor's notes in transcripts: a transcript summarises an abridged turn in parentheses
(`(Ana Vell went on to share data on ..., saying that ...)`). The note is the writer's
words, not the turn speaker's (`transcripts.turn_quotes` leaves it out of the turn), and what
it reports is a statement of the person it names, as in the article's own narrative."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import ABBREVIATIONS, FIRST_SECOND_PERSON
from ingest.quoting.model import Findings, Statement, Turn
from ingest.quoting.sentence_subjects import sentence_subject

# A parenthesis in a turn; an editorial note when it opens a sentence of its own.
_PARENTHESIS = re.compile(r"\(([^()]+)\)")
# What ends the text before a note that opens a sentence (`<…>` marks an abridged turn).
_SENTENCE_ENDS = (".", "!", "?", "…", ">")
_SENTENCE_END = re.compile(r"[.!?…]\W*$")
_NOTE_MIN_WORDS = 6
_SENTENCE_STOP = re.compile(r"[.!?…]\s+(?=[A-Z“\"])")


def editorial_notes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The editor's notes in a turn's span, parentheses included: a transcript summarises an
    abridged turn in parentheses (`Thank you. <…>(Tom Reed raised the issue of ...)`,
    `(Ana Vell proceeded to review ...)`). A note opens a sentence with a capital, ends
    one, runs six words or more and says nothing in the first or second person (`(Tom
    Reed reported all this data to me today)` is the speaker's own aside)."""
    notes: list[tuple[int, int]] = []
    for note in _PARENTHESIS.finditer(text, start, end):
        words = note.group(1).split()
        if (
            len(words) >= _NOTE_MIN_WORDS
            and words[0][0].isupper()
            and _opens_sentence(text[start : note.start()])
            and _SENTENCE_END.search(note.group(1))
            and not FIRST_SECOND_PERSON & {w.strip(",.;:!?").lower() for w in words}
        ):
            notes.append((note.start(), note.end()))
            start = note.end()
    return notes


def in_turn_words(doc: Findings, pos: int) -> bool:
    """Is `pos` inside a turn's own words? Marks there are the turn speaker's words, not new
    quotes; so is a statement that opens in its label (`ROLE Ana Vell Vell AnaROLE: Sir, X
    said ...`). An editor's note inside a turn is narrative: what it reports (`(X went on to
    share data ..., saying that ...)`) is a statement of the person it names, as anywhere in
    the article's own text."""
    for turn in doc.turns:
        if turn.label.pos <= pos < turn.end:
            return _note_at(doc, turn, pos) is None
    return False


def statements_in_notes(doc: Findings) -> None:
    """A statement that opens in an editor's note ends with the note: a sentence splitter
    reads `... stands at 63 percent.) In your opening remarks, ...` as one sentence, which
    would give the turn speaker's next words to the note's subject. Its speaker is named in
    the note too: a participle inside it (`..., saying that`) is said by the note's subject,
    and an attribution after the note (`(According to X, ...) ... according to estimates`)
    is another sentence's, so the statement is dropped; so is one chained to a speaker of an
    earlier sentence of the note (`X said that ... . The mayor wished ..., stressing ...`)."""
    kept = []
    for statement in doc.indirect:
        turn = next((t for t in doc.turns if t.label.pos <= statement.start < t.end), None)
        note = _note_at(doc, turn, statement.start) if turn else None
        if note and statement.np_pos >= note[1]:
            continue
        if note:
            statement = _within(doc.text, note, statement)
            if _later_sentence(doc.text, statement):
                continue
        kept.append(statement)
    doc.indirect[:] = kept


def _within(text: str, note: tuple[int, int], statement: Statement) -> Statement:
    """The statement cut at the end of its sentence in the note (a splitter reads the whole
    parenthesis as one sentence: `... said that X. The President wished ..., stressing ...`
    is two), and with the note's own subject."""
    end = min(statement.end, note[1] - 1, _sentence_end(text, statement.start, note[1]))
    while end > statement.start and text[end - 1] in ".!?…,;: ":
        end -= 1
    statement = statement._replace(end=end)
    if statement.np_pos < note[0]:
        return _subject_in_note(text, note[0] + 1, statement)
    return statement


def _later_sentence(text: str, statement: Statement) -> bool:
    """Does a sentence end between the statement's speaker phrase and the statement?"""
    np_pos = statement.np_pos
    return 0 <= np_pos < statement.start and _sentence_end(text, np_pos, statement.start) < (
        statement.start
    )


def _sentence_end(text: str, start: int, end: int) -> int:
    """The end of the first sentence in `text[start:end]`: a stop before a capital, not the
    dot of a title or an initial (`Mr.`, `J.`)."""
    for stop in _SENTENCE_STOP.finditer(text, start, end):
        word = text[text.rfind(" ", start, stop.start()) + 1 : stop.start()]
        if len(word) > 1 and word.lower() not in ABBREVIATIONS:
            return stop.start() + 1
    return end


def _subject_in_note(text: str, start: int, statement: Statement) -> Statement:
    """A participle's subject read from a sentence that opened before the note (`Thank you.
    <…>(X raised the issue, noting that ...)` is one sentence to a splitter) is the note's
    own subject."""
    found = sentence_subject(text[start : statement.start], start, statement.cue)
    if found is None:
        return statement
    return statement._replace(np=found.np, np_pos=found.pos, role=found.role)


def _note_at(doc: Findings, turn: Turn, pos: int) -> tuple[int, int] | None:
    return next(
        (n for n in editorial_notes(doc.text, turn.start, turn.end) if n[0] <= pos < n[1]), None
    )


def _opens_sentence(before: str) -> bool:
    before = before.rstrip()
    return not before or before.endswith(_SENTENCE_ENDS)
