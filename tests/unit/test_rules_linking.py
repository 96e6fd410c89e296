"""A form of `be` after a quotation's speaker phrase (`ingest/quoting/linking.py`): no act of
speech unless a held view follows it. Made-up text; NER-free (`analyse`)."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse

SEASON = "the busiest and most intriguing season in modern history,"

# (text, quote words, speaker phrase, cue, rule)
CASES = [
    pytest.param(
        f'As the port prepares for what Ivo Marsh called "{SEASON}" the former mayor is '
        "intrigued by the role.",
        SEASON,
        "Ivo Marsh",
        "called",
        "verb_before",
        id="the framing name, not the clause after the quote",
    ),
    pytest.param(
        '"We will rebuild the harbour," the President is convinced.',
        "We will rebuild the harbour,",
        "the President",
        "convinced",
        "name_then_unlisted_verb",
        id="a held view after be attributes",
    ),
]


@pytest.mark.parametrize(("text", "words", "np", "cue", "rule"), CASES)
def test_be_after_a_quote(text: str, words: str, np: str, cue: str, rule: str) -> None:
    found = {text[p.start : p.end]: p for p in analyse(text).pieces}
    assert words in found, list(found)
    assert (found[words].np, found[words].cue, found[words].rule) == (np, cue, rule)


def test_be_without_a_view_names_no_one() -> None:
    text = '"We will rebuild the harbour," the mayor of Lowtown is in Paris this week.'
    assert analyse(text).pieces[0].np is None
