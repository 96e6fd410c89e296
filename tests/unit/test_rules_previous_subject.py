"""Who a pronoun that opens a quotation's attribution names when the sentence before has a
person as its subject who says nothing there (`previous_subject`), as a table of cases
through the whole extractor."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes

# (case, text, the words a quotation opens with, its expected speaker)
PREVIOUS_SUBJECT = [
    (
        "introduced_with_a_copula",
        "Minister Bob Hale said the depot would close. Tom Reed is a driver at the depot. "
        'He said: "We were never asked."',
        "We were never",
        "Tom Reed",
    ),
    (
        "title_and_surname_with_a_relative_clause",
        "Tom Reed, an MP, has left his party. Party leader Bob Hale declared himself "
        '"delighted", saying Mr Reed would be welcome. Mr Reed, who has clashed with his '
        'leaders over taxes, served as a minister in the 1990s. In a letter he wrote: "It is '
        'time to go."',
        "It is time",
        "Tom Reed",
    ),
    (
        # after the quotation the pronoun goes on with that quotation's speaker
        "pronoun_after_a_quotation",
        'Minister Bob Hale said: "We will win." Tom Reed was not at the meeting. '
        '"He was busy with the depot," he said.',
        "He was busy",
        "Bob Hale",
    ),
    (
        # a title of the other gender: not the pronoun's person
        "title_of_the_other_gender",
        "Minister Bob Hale said the depot would close. Mrs Reed is a driver at the depot. "
        'He said: "We were never asked."',
        "We were never",
        "Bob Hale",
    ),
    (
        # the pronoun's own sentence names its person first
        "own_sentence_names_its_person",
        "Driver Tom Reed is waiting to hear about the future of manager Bob Hale. Hale has been "
        'in talks over a new deal and he said: "I had a message from his agent."',
        "I had a message",
        "Bob Hale",
    ),
    (
        # the sentence before names another person after its subject, by the surname the
        # article wrote in full: the pronoun may be either, so it is not the subject's (here
        # nobody was quoted before, so nobody; att38's surname rule gave it to Hale)
        "surname_subject_with_another_named_surname_after_it",
        "Harbour boss Tom Reed would consider signing Bob Hale once his ban ends.\n\nHale was "
        "sacked by the club on Friday - a move Reed has backed. But he said: "
        '"I think he will be banned for a long time."',
        "I think he will",
        None,
    ),
    (
        # the sentence before quotes someone: its speaker is already the last one met
        "sentence_before_quotes_someone",
        'Tom Reed is a driver. Minister Bob Hale called the depot "a relic". He said: '
        '"It will close."',
        "It will close",
        "Bob Hale",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "opening", "speaker"), PREVIOUS_SUBJECT, ids=[c[0] for c in PREVIOUS_SUBJECT]
)
def test_previous_subject(case: str, text: str, opening: str, speaker: str | None) -> None:
    quotes = [q for q in extract_quotes(text) if q.text.startswith(opening)]
    assert [q.speaker for q in quotes] == [speaker]
