"""Whether a name stands in a coordinated subject of a plural verb (`plural_subject`), as a
table of cases: such a person is never what a singular pronoun later names. No spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.plural_subject import in_plural_subject

# (sentence, the name looked up, whether it stands in a plural coordinated subject)
PLURAL_SUBJECT = [
    (
        "Mayor Ana Vell and the council, in particular Councillor Ivo Marsh, are taking a stand.",
        "Ivo Marsh",
        True,
    ),
    ("Mayor Ana Vell and Councillor Ivo Marsh were at the pier.", "Ana Vell", True),
    ("Ana Vell and Ivo Marsh have signed the harbour plan.", "Ivo Marsh", True),
    ("Councillor Ivo Marsh is taking a stand.", "Ivo Marsh", False),  # singular verb
    ("Ana Vell met Ivo Marsh and they were at the pier.", "Ivo Marsh", False),  # a pronoun
    ("Ana Vell visited Ivo Marsh and the council were pleased.", "Ivo Marsh", False),  # a verb
    ("The council and the port are taking a stand against Ivo Marsh.", "Ivo Marsh", False),
    ('Ana Vell and Ivo Marsh said "we are ready".', "Ivo Marsh", False),  # a quotation
]


@pytest.mark.parametrize(("sentence", "name", "expected"), PLURAL_SUBJECT)
def test_in_plural_subject(sentence: str, name: str, expected: bool) -> None:
    pos = sentence.index(name)
    assert in_plural_subject(sentence, [(0, len(sentence))], pos) is expected
