"""`because, according to Trump, the media would call him a "chicken"`: a source named with
`according to X,` right before a reported statement's subject, whose verb follows a modal,
speaks for the whole statement: the subject after it (`the media`) is what X claims someone
would do, not who spoke (issue 17). Without a modal the subject did speak (`According to
Politico, Vell called the plan "a mess"` is Vell's), so the statement keeps it.
`According to X, "..."` before a quotation is `subjects_before._according_before`; this is
the same reading for statements found by their own verb."""

from __future__ import annotations

import re

from ingest.quoting.lexicon_speakers import MODALS
from ingest.quoting.model import Statement
from ingest.quoting.subjects import ACCORDING

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
