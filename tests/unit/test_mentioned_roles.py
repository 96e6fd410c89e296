"""A person quoted without a role takes the office the article writes with their name
elsewhere, when it reads as a whole office (made-up articles)."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes

# (article text, speaker, role the speaker's quotes carry)
CASES = [
    (
        "Foreign Secretary Jack Vell visited Lowtown on Monday. He met local leaders. "
        '"We want more ferries," Vell said.',
        "Jack Vell",
        "Foreign Secretary",
    ),
    (
        "Ana Pike, the harbour board chairman, opened the pier on Monday. "
        '"It is a fine day for Lowtown," Pike said.',
        "Ana Pike",
        "harbour board chairman",
    ),
    # A role already written with the quote wins over one written elsewhere.
    (
        'Ana Pike, the harbour board chairman, opened the pier. "It is a fine day," said '
        "Lowtown's mayor Ana Pike.",
        "Ana Pike",
        "Lowtown's mayor",
    ),
    # An office cut at an adjective is no office.
    (
        "Head of the Federal Harbour Agency Ana Pike opened the pier. "
        '"It is a fine day," Pike said.',
        "Ana Pike",
        None,
    ),
    # No office written anywhere: no role.
    ('Ana Pike opened the pier on Monday. "It is a fine day," Pike said.', "Ana Pike", None),
]


@pytest.mark.parametrize(("text", "speaker", "role"), CASES)
def test_an_office_written_elsewhere_is_the_quotes_role(text: str, speaker: str, role) -> None:
    quotes = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [(q.speaker, q.role) for q in quotes] == [(speaker, role)]
