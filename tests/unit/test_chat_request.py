"""Which chat messages ask for a timeline, a comparison or a quote check (made-up messages)."""

from __future__ import annotations

import pytest

from app.chat_request import (
    CheckRequest,
    CompareRequest,
    TimelineRequest,
    parse_tool_request,
)

# (message, expected request or None for an ordinary question)
CASES = [
    (
        "How has Mara Quill's position on the harbour bridge changed?",
        TimelineRequest("Mara Quill", "the harbour bridge", "position_changed"),
    ),
    (
        "how have the Ferry Union’s views on fares evolved over time?",
        TimelineRequest("the Ferry Union", "fares", "position_changed"),
    ),
    (
        "How has Mara Quill's stance shifted?",
        TimelineRequest("Mara Quill", None, "position_changed"),
    ),
    (
        "How has Tomas Brey changed his position on tolls?",
        TimelineRequest("Tomas Brey", "tolls", "changed_position"),
    ),
    (
        "Timeline of Tomas Brey on tolls",
        TimelineRequest("Tomas Brey", "tolls", "timeline_of"),
    ),
    (
        "What did Mara Quill and Tomas Brey say about the harbour bridge?",
        CompareRequest("Mara Quill", "Tomas Brey", "the harbour bridge", "what_did_x_and_y_say"),
    ),
    (
        "Compare Mara Quill and Tomas Brey on tolls",
        CompareRequest("Mara Quill", "Tomas Brey", "tolls", "compare_x_and_y"),
    ),
    (
        "compare Mara Quill with the Ferry Union",
        CompareRequest("Mara Quill", "the Ferry Union", None, "compare_x_and_y"),
    ),
    (
        "Mara Quill vs Tomas Brey on tolls?",
        CompareRequest("Mara Quill", "Tomas Brey", "tolls", "x_versus_y"),
    ),
    (
        "Did Mara Quill say “the bridge opens in May”?",
        CheckRequest("the bridge opens in May", "Mara Quill", "did_x_say"),
    ),
    ("What did Mara Quill say about the harbour bridge?", None),
    ("Who said “the bridge opens in May”?", None),
    ("How much did the bridge cost?", None),
    ("What did the council decide?", None),
    ("", None),
    ("Compare Mara Quill and Tomas Brey on " + "tolls and fares " * 12, None),  # a question
]


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_parse_tool_request(message: str, expected) -> None:
    assert parse_tool_request(message) == expected
