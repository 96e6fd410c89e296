"""Which chat messages ask for a quote desk tool rather than an answer: a quotation to check,
a speaker over time ("How has X's position on Y changed?"), or two speakers side by side
("What did X and Y say about Z?", "Compare X and Y on Z").

Pure functions over ordered, named patterns (the first that matches the whole message wins),
so the chat routes such a message to `QuoteDesk.check`, `.timeline` or `.compare` before, and
without touching, the `ask` path. Every other message is a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.check_request import CheckRequest, parse_check_request

_END = r"\s*[?.!]?\s*$"
# A timeline or comparison request names a speaker or two and a topic: longer messages are
# questions (and the patterns' lazy groups would cost milliseconds on a 2,000-character one).
MAX_REQUEST_CHARS = 200
_POSSESSIVE = r"(?:'s|’s|'|’)"
_STANCE = r"(?:position|positions|view|views|stance|line|opinion|opinions|tone|thinking)"
_CHANGED = r"(?:changed|evolved|shifted|developed|moved)(?:\s+over\s+time)?"


@dataclass(frozen=True)
class TimelineRequest:
    speaker: str
    topic: str | None
    rule: str  # the pattern that recognised it


@dataclass(frozen=True)
class CompareRequest:
    first: str
    second: str
    topic: str | None
    rule: str


ToolRequest = CheckRequest | TimelineRequest | CompareRequest

# Ordered: the first that matches the whole message wins.
TIMELINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "position_changed",
        re.compile(
            rf"^\s*how\s+(?:has|have|did)\s+(?P<speaker>.+?){_POSSESSIVE}\s+{_STANCE}"
            rf"(?:\s+(?:on|about|over|towards?)\s+(?P<topic>.+?))?\s+{_CHANGED}{_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "changed_position",
        re.compile(
            rf"^\s*how\s+(?:has|have|did)\s+(?P<speaker>.+?)\s+(?:changed|shifted)\s+"
            rf"(?:(?:his|her|their|its)\s+)?{_STANCE}(?:\s+(?:on|about)\s+(?P<topic>.+?))?{_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "timeline_of",
        re.compile(
            rf"^\s*(?:show\s+)?(?:a\s+|the\s+)?timeline\s+(?:of|for)\s+(?P<speaker>.+?)"
            rf"(?:\s+(?:on|about)\s+(?P<topic>.+?))?{_END}",
            re.IGNORECASE,
        ),
    ),
)

COMPARE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "what_did_x_and_y_say",
        re.compile(
            r"^\s*what\s+(?:did|do|have|has)\s+(?P<first>.+?)\s+and\s+(?P<second>.+?)\s+"
            rf"(?:say|said)(?:\s+(?:about|on)\s+(?P<topic>.+?))?{_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "compare_x_and_y",
        re.compile(
            r"^\s*compare\s+(?P<first>.+?)\s+(?:and|with|to|vs\.?|versus)\s+(?P<second>.+?)"
            rf"(?:\s+(?:on|about|over)\s+(?P<topic>.+?))?{_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "x_versus_y",
        re.compile(
            r"^\s*(?P<first>.+?)\s+(?:vs\.?|versus)\s+(?P<second>.+?)"
            rf"(?:\s+(?:on|about)\s+(?P<topic>.+?))?{_END}",
            re.IGNORECASE,
        ),
    ),
)


def parse_tool_request(message: str) -> ToolRequest | None:
    """The tool a chat message asks for, with its speakers, topic and quotation; None for an
    ordinary question."""
    if check := parse_check_request(message):
        return check
    text = message or ""
    if len(text) > MAX_REQUEST_CHARS:
        return None
    for rule, pattern in TIMELINE_PATTERNS:
        if found := pattern.match(text):
            return TimelineRequest(_name(found["speaker"]), _topic(found["topic"]), rule)
    for rule, pattern in COMPARE_PATTERNS:
        if found := pattern.match(text):
            first, second = _name(found["first"]), _name(found["second"])
            return CompareRequest(first, second, _topic(found["topic"]), rule)
    return None


def _name(text: str) -> str:
    return " ".join(text.split())


def _topic(text: str | None) -> str | None:
    """The topic as written (the tools' topic search drops stop words), None when absent."""
    return " ".join((text or "").split()) or None
