"""An office written before or beside a name (`officename`), as tables of cases: the person is
the name, the office its role. Pure functions, no spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.officename import (
    and_inside_office,
    apposed_name,
    office_then_name,
    portfolio_then_name,
)

# (phrase, (name, office) or None)
OFFICE_THEN_NAME = [
    (
        "Adviser to the Head of the Governor's Office Ana Vellik",
        ("Ana Vellik", "Adviser to the Head of the Governor's Office"),
    ),
    ("President of Westland Ana Vell", ("Ana Vell", "President of Westland")),
    (
        "Head of the Office of the President Tom Reed",
        ("Tom Reed", "Head of the Office of the President"),
    ),
    (
        "President of the Harbour Commission Greta von der Holm",
        ("Greta von der Holm", "President of the Harbour Commission"),
    ),
    ("The Bishop of Kirkby", None),  # an office alone
    ("Commission President Ana Vell", None),  # no `of`/`to` phrase: NER splits it
    ("Tom Reed of Westland", None),  # a name first
    ("Adviser to the Head of the Governor's Office", None),
]


@pytest.mark.parametrize(("phrase", "expected"), OFFICE_THEN_NAME)
def test_office_then_name(phrase: str, expected: tuple[str, str] | None) -> None:
    found = office_then_name(phrase)
    assert (found and (found.name, found.office)) == expected
    if found:
        assert phrase[found.shift :].startswith(found.name)


# (phrase, (name, office) or None)
PORTFOLIO_THEN_NAME = [
    ("Shadow spokesman for harbours Ivo Marsh", ("Ivo Marsh", "Shadow spokesman for harbours")),
    ("Party spokeswoman for women Ana Vell", ("Ana Vell", "Party spokeswoman for women")),
    ("the minister for harbours Ana Vell", ("Ana Vell", "minister for harbours")),
    ("Minister for Harbours Ana Vell", None),  # a capitalised portfolio: `office_then_name`
    ("a fund for harbours Ana Vell", None),  # no role noun
    ("Shadow spokesman for harbours", None),  # no name
    ("spokesman for harbours Vell", None),  # one word is no name
]


@pytest.mark.parametrize(("phrase", "expected"), PORTFOLIO_THEN_NAME)
def test_portfolio_then_name(phrase: str, expected: tuple[str, str] | None) -> None:
    found = portfolio_then_name(phrase)
    assert (found and (found.name, found.office)) == expected
    if found:
        assert phrase[found.shift :].startswith(found.name)


# (words before the comma, apposition, (name, office) or None)
APPOSED_NAME = [
    ("The Bishop of Kirkby", " the Rt Rev Dr Tom Wrenfield", ("Tom Wrenfield", "Bishop of Kirkby")),
    ("The Archbishop of Eastham", " Dr Ana Vell", ("Ana Vell", "Archbishop of Eastham")),
    ("The Bishop of Kirkby", " a keen reader of thrillers", None),  # no name
    ("Tom Wrenfield", " the Bishop of Kirkby", None),  # the name comes first
    # a description ending in a lowercase office noun, the name set off after it
    (
        "Tom Reed's Westland state director",
        " Ana Vell",
        ("Ana Vell", "Tom Reed's Westland state director"),
    ),
    ("the Westland party chairman", " Bob Hale", ("Bob Hale", "Westland party chairman")),
    ("Tom Reed", " Ana Vell", None),  # two names, no office
    ("the state director", " Ana Vell", None),  # no capitalised word: not a description of someone
]


@pytest.mark.parametrize(("office", "apposition", "expected"), APPOSED_NAME)
def test_apposed_name(office: str, apposition: str, expected: tuple[str, str] | None) -> None:
    found = apposed_name(office, apposition)
    assert (found and (found.name, found.office)) == expected
    if found:
        assert apposition[found.shift :].startswith(found.name)


# (words before `and`, word after it, whether the `and` is inside an office's `of` phrase)
AND_INSIDE_OFFICE = [
    ("Secretary of the Harbour Safety", "Defence", True),
    ("Minister of Trade", "Industry", True),
    ("Deputy Minister of Culture", "Information", True),
    ("Ana Vell", "Tom", False),  # two people
    ("Secretary of the Harbour Safety", "said", False),  # a second verb
    ("Secretary of the Harbour Safety", "Professor", False),  # a second person's title
    ("Ana Vell of the University of Westport", "Tom", False),  # no office before `of`
    ("Minister of Foreign Affairs of Westland Ana Vell", "Tom", False),  # a name ends it
    ("the rise of", "Trade", False),  # no capitalised words before `and`
]


@pytest.mark.parametrize(("before", "after", "expected"), AND_INSIDE_OFFICE)
def test_and_inside_office(before: str, after: str, expected: bool) -> None:
    assert and_inside_office(before.split(), after) is expected
