"""A finding named as a source (`according to research from analysts Gartner`) speaks as the
body that published it: a table of phrases and the body each names. Pure function, no spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.findings import finding_source

# (speaker phrase, the body, or None when the phrase names no finding's body)
FINDINGS = [
    ("research from technology analysts Vellcorp", "Vellcorp"),
    ("research by message analysts the Quill Group", "the Quill Group"),
    ("figures from the Office of the Harbour Board", "the Office of the Harbour Board"),
    ("the latest survey from the Harbour Institute", "the Harbour Institute"),
    ("research from a City investment bank", "a City investment bank"),
    ("a study by the Vell Web and Harbour Project", "the Vell Web and Harbour Project"),
    ("new figures from Vellcorp", "Vellcorp"),
    ("research by UK think-tank Harbourmos", "Harbourmos"),  # a capital, then a descriptor
    (
        "a report from the Harbour Board's inspector general to be released Thursday",
        "the Harbour Board's inspector general to be released Thursday",
    ),  # a clause after the body: its last capital is no body
    ("Vellcorp", None),  # a body alone
    ("the report", None),  # a finding with no body named
    ("a survey of 1,000 voters", None),  # `of` names what was surveyed, not who
    ("research firm Vellcorp", None),  # a descriptor, no finding: resolved as it stands
]


@pytest.mark.parametrize(("phrase", "body"), FINDINGS)
def test_a_finding_speaks_as_its_body(phrase: str, body: str | None) -> None:
    found = finding_source(phrase)
    assert (found.np if found else None) == body
    if found:
        assert phrase[found.shift :].startswith(found.np)
