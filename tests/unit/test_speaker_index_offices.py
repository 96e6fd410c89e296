"""Offices in the speaker index: a bare office is held only by that office itself (not by a
body's, a rank's or a staff post of the same head), and a stored speaker that is only an office
stands for the one holder its article quotes, or else the one holder its article names
(`app.evidence.office_links.OfficeLinks`).

Made-up names and places only.
"""

from __future__ import annotations

import pytest

from app.evidence.office_links import OfficeLinks
from app.evidence.units import quote_units
from app.speaker_index import (
    ArticlePerson,
    SpeakerIndex,
    article_people,
    holds_bare_office,
    holds_office,
    office_only,
)
from ingest.types import Chunk, Quote

# (asked, recorded role, holds the office asked)
BARE_OFFICE_ROWS = [
    ("the President", "President", True),
    ("the President", "President of Westland", True),
    ("the President", "President of the Republic of Westland", True),
    ("the President", "President of the Westland Federation", True),
    ("the President", "Westland President", True),
    ("the President", "US President", True),
    ("the President", "the country's president", True),
    ("the President", "President of the Harbour Parliament", False),
    ("the President", "Harbour Commission President", False),
    ("the President", "President of the Lowtown Academy of Arts", False),
    ("the President", "Vice President", False),
    ("the President", "Aide to the President", False),
    ("the President", "President's Press Secretary", False),
    ("the President", "Westland and for President", False),  # extraction debris
    ("the new President", "Harbour Council President", False),
    ("the head of state", "President of Westland", True),
    ("the head of state", "Head of the President's Office", False),
    ("the head of state", "King", True),  # a title no bare office names
    ("the Prime Minister", "Prime Minister of Westland", True),
    ("the Prime Minister", "Deputy Prime Minister", False),
    ("the Westland President", "President of Westland", True),
    ("the Westland head of state", "Westland and for President", False),
    ("the Westland President", "President of the Westland Rugby Union", False),
    # Not a bare office asked: the role phrase decides alone (`role_matches`).
    ("the Vice President", "Vice President", True),
    ("the Harbour Commission President", "Harbour Commission President", True),
    ("the Lowtown manager", "Lowtown club manager", True),
]


@pytest.mark.parametrize(("asked", "role", "holds"), BARE_OFFICE_ROWS)
def test_a_bare_office_is_held_by_that_office_only(asked: str, role: str, holds: bool) -> None:
    assert holds_bare_office(asked, role) is holds


@pytest.mark.parametrize(
    ("asked", "role", "holds"),
    [
        ("the President", "Aide to the President", False),
        ("the Head", "Adviser to the Head of the Mayor's Office", False),
        ("the Governor", "spokesman for the Governor", False),
        ("the Adviser", "Adviser to the Head of the Mayor's Office", True),
        ("the Head", "Head of the Mayor's Office", True),
        ("the President", "President of Westland", True),
    ],
)
def test_a_staff_post_holds_its_own_office_not_the_one_it_serves(
    asked: str, role: str, holds: bool
) -> None:
    assert holds_office(asked, role) is holds


def test_an_adviser_to_the_head_is_no_head() -> None:
    index = SpeakerIndex(
        [
            *_quoted("Ada Lind", "a1", 3, "Head of the Mayor's Office"),
            *_quoted("Bo Tarn", "a2", 5, "Adviser to the Head of the Mayor's Office"),
        ]
    )
    assert [h.name for h in index.role_holders("Head")] == ["Ada Lind"]
    assert [h.name for h in index.role_holders("the Head of the Mayor's Office")] == ["Ada Lind"]


def _quoted(speaker: str, article: str, times: int = 1, role: str | None = None):
    quote = Quote("words", 0, 5, speaker=speaker, role=role, speaker_as_written=speaker)
    return [(quote, article)] * times


def test_the_president_asked_is_no_president_of_a_parliament() -> None:
    index = SpeakerIndex(
        [
            *_quoted("Ada Lind", "a1", 3, "President of Westland"),
            *_quoted("Bo Tarn", "a2", 5, "President of the Harbour Parliament"),
            *_quoted("Cai Moss", "a3", 2, "Aide to the President"),
        ]
    )
    assert [h.name for h in index.role_holders("the President")] == ["Ada Lind"]
    assert [h.name for h in index.role_holders("the Parliament President")] == ["Bo Tarn"]


@pytest.mark.parametrize(
    ("name", "office"),
    [
        ("President", True),
        ("President of Westland", True),
        ("Westland President", True),
        ("Head of State", True),
        ("Ada Lind", False),
        ("president", False),  # anyone's office, lowercase
        ("Westland Federation", False),
    ],
)
def test_a_stored_office_only_speaker(name: str, office: bool) -> None:
    assert office_only(name) is office


def _store() -> SpeakerIndex:
    return SpeakerIndex(
        [
            *_quoted("Ada Lind", "a1", 3, "President of Westland"),
            *_quoted("Bo Tarn", "a2", 2, "Westland President"),
            *_quoted("Dov Pell", "a2", 2, "Harbour Parliament President"),
            *_quoted("President", "a1", 2),
            *_quoted("Cai Moss", "a3", 1),
        ]
    )


def test_an_office_only_speaker_may_be_any_person_holding_the_office() -> None:
    index = _store()
    assert index.office_holders("President") == {"Ada Lind", "Bo Tarn"}
    assert index.office_holders("Ada Lind") == frozenset()
    assert index.office_holders("Cai Moss") == frozenset()


ARTICLE_SPEAKERS = {
    "one": ["Ada Lind", "President", "Cai Moss"],  # one holder quoted: the office is hers
    "two": ["Ada Lind", "Bo Tarn", "President"],  # two holders: the article does not say
    "none": ["President", "Cai Moss"],  # no holder quoted, and none named
}


@pytest.mark.parametrize(
    ("article", "speaker"), [("one", "Ada Lind"), ("two", "President"), ("none", "President")]
)
def test_an_office_only_speaker_is_the_one_holder_its_article_quotes(
    article: str, speaker: str
) -> None:
    index = _store()
    links = OfficeLinks(index.canonical, index, _article_quotes, _no_people)
    assert links.speaker("President", article) == speaker
    assert links.speaker("Cai Moss", article) == "Cai Moss"
    text = "The President said: “Words of the day.”"
    chunk = Chunk(f"{article}:0", article, 0, text, 0, len(text), 1, 1, title="Made-up")
    quote = Quote("Words of the day.", 21, 38, "direct", "President")
    (unit,) = quote_units(chunk, "q1", quote, links.in_article(article))
    assert unit.speaker == speaker


def test_without_office_holders_a_stored_name_is_only_made_canonical() -> None:
    links = OfficeLinks(str.upper, None, _article_quotes, _no_people)
    assert links.speaker("President", "one") == "PRESIDENT"


def _article_quotes(article_id: str) -> list[Quote]:
    return [Quote("words", 0, 5, speaker=s) for s in ARTICLE_SPEAKERS[article_id]]


def _no_people(article_id: str) -> list[ArticlePerson]:
    return []


# (headline, text, the people named with the offices written beside them)
ARTICLE_PEOPLE_ROWS = [
    (
        "",
        "President of Westland Tom Reed met the mayors. The President noted that roads matter.",
        [("Tom Reed", ("President of Westland",))],
    ),
    (
        "",
        "Tom Reed, the President of Westland, met the mayors.",
        [("Tom Reed", ("President of Westland",))],
    ),
    (
        "",
        "The talks went well. Ana Vell, Westland President, agreed.",
        [("Ana Vell", ("Westland President",))],
    ),
    # a new clause after the comma, not an apposition
    (
        "",
        "Talks were held. Replying to Tom Reed, the President of Westland noted that.",
        [("Tom Reed", ())],
    ),
    ("", "Tom Reed: Good afternoon.\n\nAna Vell: Thank you.", [("Tom Reed", ()), ("Ana Vell", ())]),
    # the headline's last words are no office of the text's first name
    (
        "Talks with Westland President Ana Vell",
        "Tom Reed informed the leaders of the outcome.",
        [("Ana Vell", ("Westland President",)), ("Tom Reed", ())],
    ),
    (
        "",
        "Tom Reed, Ana Vell and Bob Hale met.",
        [("Tom Reed", ()), ("Ana Vell", ()), ("Bob Hale", ())],
    ),
]


@pytest.mark.parametrize(("headline", "text", "people"), ARTICLE_PEOPLE_ROWS)
def test_the_people_an_article_names_with_their_offices(
    headline: str, text: str, people: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert article_people(headline, text) == [ArticlePerson(*p) for p in people]


def _named_store() -> SpeakerIndex:
    return SpeakerIndex(
        [
            *_quoted("Tom Reed", "a1", 3, "President of Westland"),
            *_quoted("Ana Vell", "a2", 2, "President of Eastland"),
            *_quoted("Bob Hale", "a3", 2, "Westland Foreign Minister"),
            *_quoted("President of Westland", "k1", 2),
            *_quoted("President", "k1", 1),
            *_quoted("Governor", "k2", 1),
            *_quoted("Westland", "k3", 1),
        ]
    )


# (stored speaker, what the article names, who the stored speaker is there)
NAMED_HOLDER_ROWS = [
    # the one holder named, in the text or the headline: the office is his
    ("President of Westland", [("Tom Reed", ())], "Tom Reed"),
    ("President of Westland", [("Bob Hale", ()), ("Tom Reed", ())], "Tom Reed"),
    # a holder of another place's office is not the one meant
    ("President of Westland", [("Ana Vell", ())], "President of Westland"),
    ("President of Westland", [("Ana Vell", ("President of Eastland",))], "President of Westland"),
    # two holders of the bare office named: the article does not say which
    ("President", [("Tom Reed", ()), ("Ana Vell", ())], "President"),
    ("President", [("Tom Reed", ())], "Tom Reed"),
    # not quoted anywhere, but written with the office in this article
    ("Governor", [("Ida Vale", ("Governor of Lowtown",))], "Ida Vale"),
    ("Governor", [("Ida Vale", ())], "Governor"),
    ("Governor", [("Ida Vale", ("Lowtown Mayor",))], "Governor"),
    ("Governor", [("Ida Vale", ("Deputy Governor",))], "Governor"),
    ("Governor", [("Ida Vale", ("Governor of Lowtown",)), ("Ola Tamm", ("Governor",))], "Governor"),
    # a country stored as the speaker is not its president, nor unified with the office
    # (`unify_speakers`: an office never unifies with its place)
    ("Westland", [("Tom Reed", ())], "Westland"),
]


@pytest.mark.parametrize(("stored", "people", "speaker"), NAMED_HOLDER_ROWS)
def test_an_office_no_holder_is_quoted_for_is_the_one_holder_its_article_names(
    stored: str, people: list[tuple[str, tuple[str, ...]]], speaker: str
) -> None:
    index = _named_store()
    named = [ArticlePerson(*p) for p in people]
    links = OfficeLinks(index.canonical, index, _only_offices_quoted, lambda article: named)
    assert links.speaker(stored, "k1") == speaker


def test_a_holder_quoted_in_the_article_comes_before_those_it_names() -> None:
    index = _named_store()
    named = [ArticlePerson("Ana Vell", ("President",))]
    links = OfficeLinks(index.canonical, index, lambda article: _said("Tom Reed"), lambda a: named)
    assert links.speaker("President", "k1") == "Tom Reed"


def _only_offices_quoted(article_id: str) -> list[Quote]:
    return _said("President of Westland", "President", "Governor")


def _said(*speakers: str) -> list[Quote]:
    return [Quote("words", 0, 5, speaker=s) for s in speakers]
