"""A form of `be` right after a quotation's speaker phrase: `," the former mayor is intrigued
by ...` starts the writer's next clause (the quotation was framed before it, `what Ivo Marsh
called "..."`), and read as an unlisted verb it made the phrase the quote's speaker. Only a
held view after it (`," the President is convinced.`) reports the quotation."""

from __future__ import annotations

import re

from ingest.quoting.lexicon_cues import VIEW_ADJECTIVES


def view_after_be(following: list[re.Match[str]]) -> str:
    """The view adjective that makes a `be` form a cue (`convinced`), or "" when the word
    after it (`following`, at most one) is none."""
    word = following[0].group().rstrip(".") if following else ""
    return word if word in VIEW_ADJECTIVES else ""
