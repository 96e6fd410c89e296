"""A document quoted as if it spoke (`The message reads: "..."`) is its sender's words, when
the sentence that introduced it has them send it; otherwise it stays the document's."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes

WORDS = "The port has become an inseparable part of our city."

# (text, speaker of the quotation)
DOCUMENTS = [
    pytest.param(
        "Anna Berg sent a message of greetings to the harbour staff.\n\n"
        f'The message reads, in part: "{WORDS}"',
        "Anna Berg",
        id="the_sender_of_a_message_in_the_lead",
    ),
    pytest.param(
        "Anna Berg congratulated the harbour staff on the anniversary. "
        f'The message reads: "{WORDS}"',
        "Anna Berg",
        id="a_congratulation_is_a_message",
    ),
    pytest.param(
        f'Mayor Anna Berg released a statement on Friday. The statement said: "{WORDS}"',
        "Anna Berg",
        id="the_sender_of_a_statement",
    ),
    pytest.param(
        f'The Gazette said Tom Reed provided a written statement. The statement said: "{WORDS}"',
        "statement",
        id="a_statement_someone_else_reports_has_no_sender_here",
    ),
    pytest.param(
        f'A Westland Port statement said the port was sold. The statement continued: "{WORDS}"',
        "Westland Port statement",
        id="a_document_whose_sender_is_not_a_subject_is_the_document_as_named",
    ),
    pytest.param(f'The message reads: "{WORDS}"', "message", id="no_sentence_introduces_it"),
]


@pytest.mark.parametrize(("text", "speaker"), DOCUMENTS)
def test_a_document_speaks_for_its_sender(text: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(text) if WORDS in q.text]
    assert quotes
    assert {q.speaker for q in quotes} == {speaker}
