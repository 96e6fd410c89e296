"""A transcript turn quoted whole: `"Lena Brook: Seriously, ..."`. A `Name: words` label
at the start of a quotation's text names that text's speaker (issue 17), whoever the sentence
around the quotation names; the label is not part of the quoted words. Only a label that
cannot be a title's colon counts: two to four capitalised words or one in capitals
(`RAMOS:`), then a sentence of at least `_MIN_WORDS` words that starts with a capital, so
`"Star Trek: Enterprise"` and `"Missouri: Remember ..."` (a place addressed) are left alone."""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.labels import QA_LABELS
from ingest.quoting.model import Piece, Subject

_LABEL = re.compile(
    r"(?P<name>[A-Z][\w'’.\-]*(?:[ \t\xa0]+[A-Z][\w'’.\-]*){1,3}|[A-Z][A-Z'’\-]{2,}):[ \t\xa0]+"
    r"(?=[A-Z“\"‘'])"
)
_MIN_WORDS = 4


class QuotedLabel(NamedTuple):
    """The label's name as a speaker phrase, and where the quoted words start after it."""

    subject: Subject
    body: int


def quoted_label(text: str, piece: Piece) -> QuotedLabel | None:
    """The label opening the piece's quoted words; None when the quotation opens with none."""
    m = _LABEL.match(text, piece.start, piece.end)
    if not m or m.group("name").lower() in QA_LABELS:
        return None
    if len(text[m.end() : piece.end].split()) < _MIN_WORDS:
        return None
    subject = Subject(m.group("name"), m.start("name"), ":", None, "label_in_quote")
    return QuotedLabel(subject, m.end())
