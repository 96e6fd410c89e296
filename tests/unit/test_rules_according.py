"""`according to X,` right before a reported statement's subject, with a modal before its
verb, makes X the statement's speaker (`according`, issue 17); without the modal the subject
keeps it. NER-free (`analyse`); the names are invented."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse

# (case, text, speaker phrase of the statement holding the quoted words)
CASES = [
    (
        "modal_claim_is_the_source's",
        "She will attend, because, according to Dana Vell, the press would call her a "
        "\u201ccoward\u201d if she stayed home.",
        "Dana Vell",
    ),
    (
        "no_modal_keeps_the_subject",
        "The board met on Monday and, according to Dana Vell, Ivo Marsh called the plan "
        "\u201ca costly mess\u201d in the meeting.",
        "Ivo Marsh",
    ),
    (
        "source_not_next_to_the_subject",
        "According to Dana Vell, who runs the port, the press would call the plan a "
        "\u201ccostly mess\u201d if it passed.",
        "the press",
    ),
]


@pytest.mark.parametrize(("case", "text", "np"), CASES, ids=[r[0] for r in CASES])
def test_source_of_a_statement(case: str, text: str, np: str) -> None:
    found = analyse(text)
    holding = [s.np for s in found.indirect if "\u201c" in text[s.start : s.end]]
    assert holding == [np]
