"""How one cited unit is written into an answer: who is speaking, and the words as quoted.

Kept apart from choosing the units (`app/answer.py`) because this is where a misquote would be
made: the frame may wrap in quotation marks only words inside a quotation's own span.
"""

from __future__ import annotations

import re

from app.evidence import Unit

_MARKER = re.compile(r"\[(\d+)\]")


def frame(unit: Unit, previous_speaker: str | None) -> str:
    """Say who is speaking: "Sergei Lavrov said: “...”", "Lavrov also said: “...”".

    Only a unit inside a quotation's own words is framed and wrapped in quotation marks;
    reported speech and narrative are the article's sentence as written (they name their
    speaker themselves), so no frame can double it ("X said that X has said ..."). Text that
    looks like an answer marker ("[1]" in an article) is shown with other brackets.
    """
    text = _MARKER.sub(r"［\1］", unit.text.strip())
    if not (unit.quoted and unit.speaker):
        return text
    if unit.speaker == previous_speaker:
        who = f"{unit.speaker.split()[-1]} also"
    else:
        who = f"{unit.speaker} ({unit.role})" if unit.role else unit.speaker
    return f"{who} said: “{text.rstrip(',;: ')}”"
