"""`because, according to Reed, the media would call him a "chicken"`: a source named with
`according to X,` right before a reported statement's subject, whose verb follows a modal,
speaks for the whole statement: the subject after it (`the media`) is what X claims someone
would do, not who spoke (issue 17). Without a modal the subject did speak (`According to
the Courier, Vell called the plan "a mess"` is Vell's), so the statement keeps it.
`According to X, "..."` before a quotation is `subjects_before._according_before`; this is
the same reading for statements found by their own verb."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import ABBREVIATIONS
from ingest.quoting.lexicon_speakers import MODALS, SUFFIX_ABBREVIATIONS
from ingest.quoting.model import Statement

# A dot inside a name phrase, before a capital: the period of an initial or an acronym
# (`Bob W. Hale`, `the U.S. Army`) or of an abbreviated title (`Mr. Reed`, `Gov. Ana
# Vell`), never of a suffix (`Tom Reed Jr. The plan ...` ends the phrase at `Jr.`).
NAME_DOT = (
    r"(?:(?<=\b[A-Z])"
    + "".join(rf"|(?<=\b{w.capitalize()})" for w in sorted(ABBREVIATIONS - SUFFIX_ABBREVIATIONS))
    + r")\.(?=[A-Z]|\s+[A-Z])"
)
# the phrase runs to the first punctuation or spaced dash (`according to a poll - as ...`),
# but not to a dot inside a name (`NAME_DOT`) nor to a hyphen (`Westland News-Harbour Courier`)
ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?P<np>(?:[^,.;:“”\"—–-]|(?<=\S)-(?=\S)|{NAME_DOT}){{2,80}})"
)

# How far before the subject the `according to X,` may start: one clause, no more.
_WINDOW = 120
_COMMA_THEN_SPACE = re.compile(r",\s*$")


def source_of_statement(text: str, statement: Statement) -> Statement:
    """The statement with X as its speaker phrase when `according to X,` ends right where its
    subject starts and a modal stands between the subject and the statement; otherwise
    unchanged."""
    if not statement.np:
        return statement
    verb_group = text[statement.np_pos + len(statement.np) : statement.start].lower().split()
    if not MODALS & set(verb_group):
        return statement
    start = max(0, statement.np_pos - _WINDOW)
    window = text[start : statement.np_pos]
    found = [m for m in ACCORDING.finditer(window) if _COMMA_THEN_SPACE.match(window, m.end())]
    source = max(found, key=lambda m: m.start(), default=None)  # the last one
    if source is None or window[source.end() :].strip() != ",":
        return statement
    np = source.group("np").strip()
    return statement._replace(np=np, np_pos=start + source.start("np"), cue="according to")
