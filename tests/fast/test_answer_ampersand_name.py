"""An organisation named with "&" ("Marks & Spencer", "AT&T") is one speaker from extraction
to the answer: the article's quotes are stored under the whole name, and a question that
names it is answered with them first, not with the words of the retailer whose given name is
the name's last word (issue 17; made-up article, fake embedder)."""

from __future__ import annotations

import pytest

from app.question_parse.parse import parse_question
from ingest.speakers.mentions import name_mentions
from tests.helpers import fake_desk_with

ARTICLE = {
    "id": "retail-1",
    "title": "High street sales rise before the holidays",
    "text": (
        "Shoppers returned to the high street in the autumn.\n\n"
        'Marks & Spencer said: "Sales of food and clothing rose by five percent in the '
        'quarter."\n\n'
        '"Our sales were flat, but margins improved," said Spencer Vell, a rival retailer.\n\n'
        'AT&T said that "the network will be upgraded in every store next year".'
    ),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    return fake_desk_with(tmp_path_factory.mktemp("ampersand"), [ARTICLE])


# (question or text, the names it writes)
MENTIONS = [
    ("What did Marks & Spencer say about sales?", ["Marks & Spencer"]),
    ("Procter & Gamble said", ["Procter & Gamble"]),
    ("What did AT&T say?", ["AT&T"]),
    ("Marks & said", ["Marks"]),  # a trailing "&" joins nothing
]


@pytest.mark.parametrize(("text", "names"), MENTIONS)
def test_an_ampersand_joins_one_name(text: str, names: list[str]) -> None:
    assert [m.text for m in name_mentions(text)] == names


@pytest.mark.parametrize(
    ("question", "phrase"),
    [
        ("What did Marks & Spencer say about sales?", "Marks & Spencer"),
        ("What did Procter & Gamble say about prices?", "Procter & Gamble"),
        ("What did Blair and Brown say about taxes?", "Blair"),  # "and" still coordinates
    ],
)
def test_the_question_parser_keeps_the_whole_name(question: str, phrase: str) -> None:
    assert parse_question(question).slot.phrase == phrase


def test_the_ampersand_names_are_stored_whole(desk) -> None:
    names = {s.name for s in desk.speaker_index().speakers()}
    assert {"Marks & Spencer", "AT&T"} <= names


def test_the_answer_cites_the_asked_company(desk) -> None:
    answer = desk.ask("What did Marks & Spencer say about sales?")
    assert not answer.abstained
    assert answer.answer.startswith("Marks & Spencer said")
    assert answer.speaker == "Marks & Spencer"  # the asked speaker, not a general question
    assert [c.speaker for c in answer.citations] == ["Marks & Spencer"]
    assert "five percent" in answer.citations[0].text
