"""A speaker of one article linked to the person the article names in full (made-up names)."""

from __future__ import annotations

import pytest

from ingest.speakers.article_links import ARTICLE_LINK_RULES, link_in_article
from ingest.speakers.unify import unify_speakers
from ingest.speakers.written_people import written_people

_LEAD = "Ana Vell met Prime Minister of Norland Ivo Brandt.\n\n"

LINK_CASES = [
    # (case, text, speaker, expected name or None, rule)
    (
        "surname",
        "Coach Ola Tamm spoke. Tamm said it was hard.",
        "Tamm",
        "Ola Tamm",
        "surname_to_full_name",
    ),
    ("surname, two people", "Ola Tamm and Rein Tamm met. Tamm said no.", "Tamm", None, None),
    (
        "surname, a namesake in a later sentence",
        "Ola Tamm won the vote. Her husband Rein Tamm spoke. Tamm said no.",
        "Tamm",
        "Ola Tamm",
        "surname_to_full_name",
    ),
    (
        "a knight by title and given name",
        "Sir Ola Tamm opened the port. Sir Ola said it was hard.",
        "Ola",
        "Ola Tamm",
        "knight_to_full_name",
    ),
    (
        "a given name without the title is no link",
        "Ola Tamm spoke. Ola said no.",
        "Ola",
        None,
        None,
    ),
    (
        "a knight's given name shared by two people",
        "Sir Ola Tamm met Ola Vell. Sir Ola said no.",
        "Ola",
        None,
        None,
    ),
    (
        "surname, the full name after the quote",
        '"We start in May," Quill said.\n\nThe tour with Ora Quill opens in Westport.',
        "Quill",
        "Ora Quill",
        "surname_to_full_name",
    ),
    (
        "surname, a middle name at a sentence's start, written again",
        "Quill said yes. Ora Leo Quill plays the lead. The tour with Ora Leo Quill opens.",
        "Quill",
        "Ora Leo Quill",
        "surname_to_full_name",
    ),
    (
        "surname, a middle name at a sentence's start, the owner of what follows",
        'Ora Leo Quill\'s new show opens.\n\n"I love the harbour," Quill said.',
        "Quill",
        "Ora Leo Quill",
        "surname_to_full_name",
    ),
    (
        "surname, an occupation at a sentence's start before an owner's name",
        "Novelist Ana Vell's book is out. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a common word (written in lower case too) before an owner's name",
        "Rival Ana Vell's plan failed, her rival said. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title-case headline's first word before an owner's name",
        "Celebrating Ana Vell's Great Speech\n\nAna Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a weekday before a full name is no given name",
        "On Monday Ana Vell insisted on it. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an initial after the first word",
        "Ana J. Vell spoke. Later Ana Vell left. Vell said no.",
        "Vell",
        "Ana J. Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an occupation at a sentence's start is no given name",
        "Novelist Ana Vell, who lives in Westport, spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a preposition's capital is no given name",
        "Ana Vell spoke. With Vell away, the talks stopped. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an imperative's capital is no given name",
        "Ana Vell spoke. Let Vell decide, they said. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a party's capital is no given name",
        "Ana Vell spoke. Republicans Vell and Tamm agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a compound noun is no given name",
        "Oscar-winner Vell is unsure.\n\nThe actress Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a long capitalised run ends in the name",
        "The talks were led by Presidential Aide Ana Vell. Ana Vell left. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title-case headline's capital is no given name",
        "Port Row: Cheering Ana Vell\n\nAna Vell spoke on Monday. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, plural titles are no given name",
        "Ana Vell spoke. Senators Vell and Tamm agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an abbreviation is no given name",
        "Ana Vell spoke. The U.S. Ana Vell team agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a month is no given name",
        "Ana Vell spoke. In March Vell resigned. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a post-nominal is no surname",
        "Ana Vell QC quit on Monday. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    ("surname, a body", "Westland Police said. Police said no.", "Police", None, None),
    ("surname, a firm's acronym", "Shares in MG Rover fell. Rover said no.", "Rover", None, None),
    (
        "office written with the name",
        "Westland President Ana Vell spoke. The President of Westland said yes.",
        "President of Westland",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "the spouse's office written with the name",
        "First Lady of Westland Ana Vell opened the hall. The First Lady said yes.",
        "First Lady",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "the place-qualified office of the one holder of the bare office",
        "This was said by President Ana Vell. The President of Westland said yes.",
        "President of Westland",
        "Ana Vell",
        "bare_office_holder",
    ),
    (
        "the place-qualified office, another place's holder named too",
        "President Ana Vell called Norland President Ivo Brandt. The Westland President said yes.",
        "Westland President",
        "Ana Vell",
        "bare_office_holder",
    ),
    (
        "the place-qualified office, another place's office unnamed",
        "President Ana Vell met the President of Norland. The President of Westland said yes.",
        "President of Westland",
        None,
        None,
    ),
    (
        "the place-qualified office, the holder written with another place's",
        "Norland President Ana Vell spoke. President Ana Vell left. "
        "The President of Westland said yes.",
        "President of Westland",
        None,
        None,
    ),
    (
        "the place-qualified office, two holders of the bare office",
        "President Ana Vell met President Ivo Brandt. The President of Westland said yes.",
        "President of Westland",
        None,
        None,
    ),
    (
        "an office that is not a head of state's is one of many",
        "Director Ana Vell spoke. The director of the Harbour Council said yes.",
        "director of the Harbour Council",
        None,
        None,
    ),
    (
        "the first of a dash-joined double office written with the name",
        "Deputy Prime Minister - Minister for Ports of Westland Ana Vell spoke. "
        "The Deputy Prime Minister said yes.",
        "Deputy Prime Minister",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "a dash-joined double office with a place inside its second office",
        "Deputy Prime Minister - Minister for Reintegration of the Northern Border Lands of "
        "Westland Ana Vell spoke. The Deputy Prime Minister said yes.",
        "Deputy Prime Minister",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "a dash-joined double office whose second part is an office keeps the second",
        "Deputy Prime Minister - Minister of Ports of Westland Ana Vell spoke. "
        "The Minister of Ports said yes.",
        "Minister of Ports",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "deputy's office is another",
        "Deputy Prime Minister Ola Tamm spoke.",
        "prime minister",
        None,
        None,
    ),
    (
        "office of the lead subject",
        _LEAD + "The President of Westland stressed the need.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "office of the lead subject after an opening phrase",
        "During the call, Ana Vell congratulated Ivo Brandt.\n\nThe President of Westland said no.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "a longer lead is no opening phrase",
        "The talks, held in Norland, ended. Ana Vell left.\n\nThe President of Westland said no.",
        "President of Westland",
        None,
        None,
    ),
    (
        # in general news a bare office is often someone the article never names
        "bare office is not the lead subject's",
        _LEAD + "The President stressed the need.",
        "President",
        None,
        None,
    ),
    (
        "someone else holds it",
        "Ana Vell met President of Norland Ivo Brandt.\n\nThe President stressed the need.",
        "President",
        None,
        None,
    ),
    (
        "office before another name",
        "Ana Vell met President Brandt.\n\nThe President said no.",
        "President",
        None,
        None,
    ),
    ("a staff office is not the lead's", _LEAD + "A spokesman said no.", "spokesman", None, None),
    (
        "lead written with another office",
        "Ana Vell met the press. Governor Ana Vell spoke. The President said no.",
        "President",
        None,
        None,
    ),
    (
        "the lead reports to the office",
        "Ana Vell reported to the President.\n\nThe President said no.",
        "President",
        None,
        None,
    ),
    (
        "another qualified office in the lead",
        _LEAD + "The President of Westland said no.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "place cut into a name",
        "Ana Vell met President of Norland Ivo Brandt. Norland Ivo Brandt said yes.",
        "Norland Ivo Brandt",
        "Ivo Brandt",
        "place_before_name",
    ),
    (
        "organisation cut into a name",
        "Secretary of the Harbour Safety and Defence Council Ivo Brandt spoke. "
        "The Secretary of the Harbour Safety and Defence Council said yes.",
        "Secretary of the Harbour Safety and Defence Council",
        "Ivo Brandt",
        "office_written_with_name",
    ),
    (
        "surname, a slogan with an adverb is no second person",
        "The Never Vell movement met. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a group against the person is no second person",
        "Ana Vell spoke. Pilots Against Vell marched. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title's participle is no given name",
        "A new book, Chasing Vell, came out. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a team named for the person is no second person",
        "Team Vell met. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a past form the text writes in lower case",
        "Endorsed Vell, the sign read. Ana Vell spoke; she was endorsed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a nationality before a full name is no part of it",
        "The party hired Australian Ana Vell. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a given name ending in -ed is a name",
        "Alfred Vell and Ana Vell spoke. Vell said no.",
        "Vell",
        None,
        None,
    ),
    (
        "an office is no surname",
        "Ana Vell met Westland President. President said no.",
        "President",
        None,
        None,
    ),
    (
        "no lead subject",
        "The talks began. Ana Vell spoke. The President said no.",
        "President",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("case", "text", "speaker", "expected", "rule"), LINK_CASES)
def test_link_in_article(case: str, text: str, speaker: str, expected, rule) -> None:
    link = link_in_article([speaker], text).get(speaker)
    found = (link.name, link.rule) if link else (None, None)
    assert found == (expected, rule)


WRITTEN_OFFICE_CASES = [
    # (case, text, the people written with an office: (name, office))
    (
        "a dash-joined double office, the second no office: the first",
        "Deputy Prime Minister – Minister for Ports of Westland Ana Vell spoke.",
        [("Ana Vell", "Deputy Prime Minister")],
    ),
    (
        "a dash-joined double office, the second an office: the second",
        "Deputy Prime Minister - Minister of Ports of Westland Ana Vell spoke.",
        [("Ana Vell", "Minister of Ports of Westland")],
    ),
    (
        "a place inside the second office holds no office",
        "Deputy Prime Minister - Minister for Reintegration of the Northern Border Lands of "
        "Westland Ana Vell spoke.",
        [("Ana Vell", "Deputy Prime Minister")],
    ),
    (
        "a dash after words that are no office",
        "Westland Harbour - Minister for Ports of Westland Ana Vell spoke.",
        [],
    ),
    (
        "an and-joined double office longer than the window, the second no office: the first",
        "Deputy Prime Minister and Minister for the Reintegration of the Temporarily Lost "
        "Harbours of Westland Ana Vell spoke.",
        [("Ana Vell", "Deputy Prime Minister")],
    ),
    (
        "an and-joined double office, the second no office: the first",
        "Deputy Prime Minister and Minister for Ports Ana Vell spoke.",
        [("Ana Vell", "Deputy Prime Minister")],
    ),
    (
        "an office after another body's name and 'and': the office after the 'and'",
        "The trip was set up by the Embassy of Westland in the Republic of Norland and the "
        "First Lady Ana Vell.",
        [("Ana Vell", "First Lady")],
    ),
    (
        "an office after another person and 'and': not that person's words with it",
        "He met President of Westland Tom Reed and Prime Minister of Norland Ana Vell.",
        [("Tom Reed", "President of Westland"), ("Ana Vell", "Prime Minister of Norland")],
    ),
    (
        "a name and 'and' before an office: the office after the 'and'",
        "He met Tom Reed and President Ana Vell.",
        [("Ana Vell", "President")],
    ),
    (
        "an office never runs across a sentence's end",
        "They called on Bob Hale. Prime Minister Ana Vell agreed.",
        [("Ana Vell", "Prime Minister")],
    ),
    (
        "a relative of the office holder holds no office",
        "The wife of the President of Westland Ana Vell called the First Lady of Norland Ida Vale.",
        [("Ida Vale", "First Lady of Norland")],
    ),
    (
        "an office written as a title after a relative's noun is the name's",
        "Ida Vale, daughter of Harbour Board Chairman Tom Reed, spoke.",
        [("Tom Reed", "Harbour Board Chairman")],
    ),
    (
        "words taken for a name right after a joiner are inside an office, holding none",
        "He met the Head of the Federal Service for the Oversight of Harbour Safety.",
        [],
    ),
]

# (case, text, the people written in full)
WRITTEN_NAME_CASES = [
    (
        "an office is no person's name",
        "The President and the First Lady arrived. The First Lady thanked Ana Vell.",
        ["Ana Vell"],
    ),
    ("an office word that is a surname is a name", "Ana King spoke.", ["Ana King"]),
    (
        "a portfolio after 'for' is no given name",
        "The talks were held by Minister for Ports Ana Vell.",
        ["Ana Vell"],
    ),
    (
        "a name after 'for' without an office before it keeps its first word",
        "Tamm voted for Ana B. Vell.",
        ["Ana B. Vell"],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), WRITTEN_NAME_CASES)
def test_written_names(case: str, text: str, expected: list[str]) -> None:
    assert [p.name for p in written_people(text)] == expected, case


@pytest.mark.parametrize(("case", "text", "expected"), WRITTEN_OFFICE_CASES)
def test_written_office(case: str, text: str, expected: list[tuple[str, str]]) -> None:
    people = written_people(text)
    assert [(p.name, p.office) for p in people if p.office] == expected


def test_link_rules_in_order() -> None:
    assert [r.name for r in ARTICLE_LINK_RULES] == [
        "surname_to_full_name",
        "knight_to_full_name",
        "place_before_name",
        "office_written_with_name",
        "office_of_lead_subject",
        "bare_office_holder",
    ]


def test_unify_with_text_links_surname_and_office() -> None:
    text = _LEAD + "Vell said yes. The President of Westland stressed the need."
    mapping = unify_speakers(["Vell", "President of Westland", "Ivo Brandt"], text)
    assert mapping == {
        "Vell": "Ana Vell",
        "President of Westland": "Ana Vell",
        "Ivo Brandt": "Ivo Brandt",
    }
