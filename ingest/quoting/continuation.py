"""Which neighbour an unattributed quote continues, when a reported statement stands between
it and an earlier speaker's quote (`"...," Vell said. Marsh admitted that the pier was old.
"If you walk there ..."`): news writes the nearer attribution right before the words it
introduces, so the piece is Marsh's, not Vell's."""

from __future__ import annotations

import re
from typing import Any

from ingest.quoting.lexicon import OPENERS
from ingest.quoting.model import Piece

# A sentence end followed by more text, or a line break: two spans are in different sentences.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+\S|\n")


def statement_right_before(
    text: str, piece: Piece, statements: list[dict[str, Any]], since: int
) -> dict[str, Any] | None:
    """A reported statement with a speaker in the sentence right before the piece, when
    another speaker's quote comes earlier in the paragraph: the nearer attribution is the one
    the piece continues (`Mr Vinter said the challenge was ... "There's an indication ..."`).
    Only the sentence right before counts, so an aside further back (`— as Moscow denies —`)
    never takes the quote from the speaker it continues; nor does a statement that opens
    before `since` (the end of the earlier quote), which holds that quote (`The News reports
    that Orvik told a magazine: "..."`) rather than following it."""
    for r in sorted(statements, key=lambda r: r["end"], reverse=True):
        if r["end"] > piece.open_pos:
            continue
        gap = text[r["end"] : piece.open_pos]
        if r["start"] < since or "\n" in gap or SENTENCE_BREAK.search(gap.rstrip()):
            return None
        if any(ch in gap for ch in OPENERS):
            return None
        if r["kind"] == "indirect" and r["speaker"]:
            return r
    return None
