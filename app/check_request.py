"""Is a chat message a request to check a quotation? "Did X say '...'?", "Is this quote real:
'...'", or a pasted quotation on its own ("“...” — X").

A pure function over ordered, named patterns, so the chat can route such a message to
`QuoteDesk.check` before (and without touching) the `ask` path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "\"“‘'«"
_CLOSE = "\"”’'»"
_QUOTED = rf"[{_OPEN}](?P<quote>[^{_OPEN}{_CLOSE}]{{12,}}?)[{_CLOSE}]"
MIN_PASTED_WORDS = 4  # a pasted quotation alone shorter than this is more likely a question


@dataclass(frozen=True)
class CheckRequest:
    quotation: str
    speaker: str | None
    rule: str  # the pattern that recognised it


# Ordered: the first that matches the whole message wins.
CHECK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "did_x_say",
        re.compile(
            rf"^\s*did\s+(?P<speaker>[^\"“‘'«?]+?)\s+(?:really\s+|actually\s+)?(?:say|write|tell\s+\w+)"
            rf"\s*[:,]?\s*(?:that\s+)?{_QUOTED}\s*[?.!]?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "is_this_real",
        re.compile(
            rf"^\s*(?:is|was)\s+(?:this|that|the\s+following)\s+(?:quote|quotation)\s+"
            rf"(?:real|genuine|accurate|correct|right)\s*[?:,]?\s*{_QUOTED}\s*[?.!]?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "check_quote",
        re.compile(
            rf"^\s*(?:check|verify|fact-check)\s*(?:this|the)?\s*(?:quote|quotation)?\s*[:,]?\s*{_QUOTED}\s*[.!]?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "pasted_quote",
        re.compile(rf"^\s*{_QUOTED}\s*(?:[-—–,]\s*(?P<speaker>[A-Z][\w.'’ -]{{1,60}}?))?\s*$"),
    ),
)


def parse_check_request(message: str) -> CheckRequest | None:
    """The quotation (and speaker) a message asks to check, or None for any other message."""
    for rule, pattern in CHECK_PATTERNS:
        found = pattern.match(message or "")
        if not found:
            continue
        quotation = " ".join(found.group("quote").split())
        if rule == "pasted_quote" and len(quotation.split()) < MIN_PASTED_WORDS:
            return None
        speaker = found.groupdict().get("speaker")
        return CheckRequest(quotation, " ".join(speaker.split()) if speaker else None, rule)
    return None
