"""Which chat messages ask to check a quotation (made-up messages)."""

from __future__ import annotations

import pytest

from app.check_request import parse_check_request

# (message, expected (quotation, speaker, rule) or None)
CASES = [
    (
        "Did Mara Quill say “the bridge opens in May”?",
        ("the bridge opens in May", "Mara Quill", "did_x_say"),
    ),
    (
        "did the harbour master really say 'we will not pay a penny more'?",
        ("we will not pay a penny more", "the harbour master", "did_x_say"),
    ),
    (
        'Is this quote real: "Ferries will run every hour until the work is done"',
        ("Ferries will run every hour until the work is done", None, "is_this_real"),
    ),
    (
        "Check this quote: “the council has no money left for bridges”",
        ("the council has no money left for bridges", None, "check_quote"),
    ),
    (
        "“The bridge opens in May, not a day later” — Mara Quill",
        ("The bridge opens in May, not a day later", "Mara Quill", "pasted_quote"),
    ),
    (
        '"We will rebuild the old harbour bridge before winter"',
        ("We will rebuild the old harbour bridge before winter", None, "pasted_quote"),
    ),
    ("What did Mara Quill say about the bridge?", None),
    ("Who said the bridge opens in May?", None),
    ('"harbour bridge"', None),
    ("", None),
]


@pytest.mark.parametrize(("message", "expected"), CASES)
def test_parse_check_request(message: str, expected) -> None:
    found = parse_check_request(message)
    assert (None if found is None else (found.quotation, found.speaker, found.rule)) == expected
