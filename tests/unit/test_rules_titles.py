"""Two titles of one person joined by `and` before the name (`ingest/quoting/titles.py`): the
`and` is inside the speaker phrase, so the person speaks, not the first title or the company
the sentence named. Made-up text; NER-free (`analyse`)."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.titles import and_joins_titles

QUOTE = "We will rebuild the harbour,"


# (words before the `and`, words after it, joined)
JOINS = [
    pytest.param("port founder", "director Ana Vell said", True, id="two role nouns"),
    pytest.param("chairman", "chief executive Ivo Marsh", True, id="a qualified second title"),
    pytest.param("Chairman", "Chief Operating Officer Ivo Marsh", True, id="capitalised titles"),
    pytest.param("the mayor", "Ivo Marsh said", False, id="a second person without a title"),
    pytest.param("the mayor", "his deputy Ivo Marsh", False, id="a possessive: two people"),
    pytest.param("ports", "harbours director Ana Vell", False, id="the first word no role noun"),
    pytest.param("chairman", "chief executive of Portview", False, id="no name after the title"),
    pytest.param("director", "added that it", False, id="a second verb"),
]


@pytest.mark.parametrize(("before", "after", "joined"), JOINS)
def test_and_joins_titles(before: str, after: str, joined: bool) -> None:
    assert and_joins_titles(before.split(), after.split()) is joined


# (text, quote words, speaker phrase, rule)
SPEAKERS = [
    pytest.param(
        f'"{QUOTE}" said port founder and director Ana Vell.',
        QUOTE,
        "port founder and director Ana Vell",
        "verb_then_name",
        id="after the verb",
    ),
    pytest.param(
        f'Portview posted a loss. "{QUOTE}" chairman and chief executive Ivo Marsh said.',
        QUOTE,
        "chairman and chief executive Ivo Marsh",
        "name_then_verb",
        id="before the verb",
    ),
    pytest.param(
        f'Founder and director Ana Vell said: "{QUOTE[:-1]}."',
        QUOTE[:-1] + ".",
        "Founder and director Ana Vell",
        "verb_before",
        id="before the quote",
    ),
]


@pytest.mark.parametrize(("text", "words", "np", "rule"), SPEAKERS)
def test_the_person_with_two_titles_speaks(text: str, words: str, np: str, rule: str) -> None:
    found = {text[p.start : p.end]: p for p in analyse(text).pieces}
    assert words in found, list(found)
    assert (found[words].np, found[words].rule) == (np, rule)


def test_a_second_person_still_ends_the_phrase() -> None:
    text = f'"{QUOTE}" said the mayor and his deputy Ivo Marsh.'
    assert analyse(text).pieces[0].np == "the mayor"
