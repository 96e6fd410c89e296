"""A bare office in an article that names nobody holding it ("The President's message
reads ...") is the person the store records with that office in articles of the same source
around the same day (`SpeakerIndex.recorded_holder`), and only when one person holds most of
those records (issue 17's role resolution in context).

Made-up names, sources and places only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from app.evidence.office_links import OfficeLinks
from app.speaker_index import ArticlePerson, SpeakerIndex
from ingest.records import ArticlePlace, Records
from ingest.types import Chunk, Quote

WEST, EAST, HARBOUR, NORTH = "Westland Press", "Eastland News", "Harbour Wire", "Norland Post"

# Article id -> where and when it was published.
PLACES = {
    "w1": ArticlePlace(WEST, 20220101),
    "w2": ArticlePlace(WEST, 20220105),
    "w3": ArticlePlace(WEST, 20220110),
    "w4": ArticlePlace(WEST, 20220301),
    "w5": ArticlePlace(WEST, 20220103),
    "e1": ArticlePlace(EAST, 20220102),
    "e2": ArticlePlace(EAST, 20220106),
    "h1": ArticlePlace(HARBOUR, 20220101),
    "h2": ArticlePlace(HARBOUR, 20220102),
    "h3": ArticlePlace(HARBOUR, 20220103),
    "h4": ArticlePlace(HARBOUR, 20220104),
    "h5": ArticlePlace(HARBOUR, None),
    "h6": ArticlePlace(HARBOUR, None),
    "n1": ArticlePlace(NORTH, 20220101),
    "n2": ArticlePlace(NORTH, 20220102),
    "n3": ArticlePlace(NORTH, 20220103),
    "n4": ArticlePlace(NORTH, 20220104),
    "n5": ArticlePlace(NORTH, 20220105),
}

# (the article's source and day, who "President" is there; None: nobody, the office stays)
RECORDED_HOLDER_ROWS = [
    # Tom Reed holds 3 of the 4 Westland records within 30 days (Ana Vell's one visit aside).
    ((WEST, 20220104), "Tom Reed"),
    ((EAST, 20220104), "Ana Vell"),  # the same weeks, another source: its own president
    ((WEST, 20220301), None),  # one record in the window decides nothing
    ((WEST, 20220620), None),  # no record within 30 days
    ((HARBOUR, 20220102), None),  # two holders recorded alike: the source does not say
    ((NORTH, 20220103), "Tom Reed"),  # 3 of 5: most of them
    (("Ostby Daily", 20220104), None),  # a source that records no holder
    ((WEST, None), None),  # an undated article
    ((None, 20220104), None),  # an article without a source
    ((WEST, 20221399), None),  # no date
]


def _store() -> SpeakerIndex:
    rows = [
        *[_quoted("Tom Reed", a, "President of Westland") for a in ("w1", "w2", "w3", "w4")],
        *[_quoted("Ana Vell", a, "President of Eastland") for a in ("e1", "e2", "w5")],
        *[_quoted("Tom Reed", a, "President of Westland") for a in ("h1", "h2")],
        *[_quoted("Ana Vell", a, "President of Eastland") for a in ("h3", "h4", "h5", "h6")],
        *[_quoted("Tom Reed", a, "President of Westland") for a in ("n1", "n2", "n3")],
        *[_quoted("Ana Vell", a, "President of Eastland") for a in ("n4", "n5")],
        _quoted("Bob Hale", "w1", "Westland Foreign Minister"),
        _quoted("President", "k1"),
    ]
    return SpeakerIndex(rows)


def _quoted(speaker: str, article: str, role: str | None = None) -> tuple[Quote, str]:
    return Quote("words", 0, 5, speaker=speaker, role=role, speaker_as_written=speaker), article


def _places(article_ids: Sequence[str]) -> Mapping[str, ArticlePlace]:
    return {a: PLACES[a] for a in article_ids if a in PLACES}


@pytest.mark.parametrize(("place", "holder"), RECORDED_HOLDER_ROWS)
def test_a_bare_office_is_the_holder_its_source_records_in_those_weeks(
    place: tuple[str | None, int | None], holder: str | None
) -> None:
    index = _store()
    assert index.recorded_holder("President", ArticlePlace(*place), _places) == holder


def test_only_an_office_only_speaker_has_a_recorded_holder() -> None:
    index = _store()
    place = ArticlePlace(WEST, 20220104)
    assert index.recorded_holder("Bob Hale", place, _places) is None
    assert index.recorded_holder("Foreign Minister", place, _places) is None  # not stored


# (the people the article names, its place, who "President" is in it)
LINK_ROWS = [
    ([], ArticlePlace(WEST, 20220104), "Tom Reed"),
    ([], ArticlePlace(EAST, 20220104), "Ana Vell"),
    ([], ArticlePlace(HARBOUR, 20220102), "President"),
    ([], None, "President"),  # the article is not stored
    # the article names a holder: its own words come before its source's records
    ([ArticlePerson("Ana Vell", ())], ArticlePlace(WEST, 20220104), "Ana Vell"),
    # it names two: ambiguous, and the records do not settle what the article leaves open
    (
        [ArticlePerson("Ana Vell", ()), ArticlePerson("Tom Reed", ())],
        ArticlePlace(WEST, 20220104),
        "President",
    ),
]


@pytest.mark.parametrize(("people", "place", "speaker"), LINK_ROWS)
def test_an_office_its_article_names_nobody_for_is_linked_by_its_source(
    people: list[ArticlePerson], place: ArticlePlace | None, speaker: str
) -> None:
    index = _store()
    found = {"k1": place} if place else {}
    links = OfficeLinks(
        index.canonical,
        index,
        lambda article: [Quote("words", 0, 5, speaker="President")],
        lambda article: people,
        lambda ids: {**_places(ids), **{a: p for a, p in found.items() if a in ids}},
    )
    assert links.speaker("President", "k1") == speaker


def test_without_article_places_the_office_stays() -> None:
    index = _store()
    links = OfficeLinks(index.canonical, index, lambda a: [], lambda a: [])
    assert links.speaker("President", "k1") == "President"


def test_article_places_are_read_from_the_committed_records(tmp_path: Path) -> None:
    records = Records(tmp_path / "records.sqlite")
    dated = [_chunk("a", n, WEST, "2022-01-04T10:00:00Z") for n in (0, 1)]
    records.write({"a": "1", "b": "1"}, [*dated, _chunk("b", 0, None, None)], [])
    records.put_rows({"c": "1"}, [_chunk("c", 0, WEST, "2022-01-05")], [])  # not committed
    assert records.article_places(["a", "b", "c", "d"]) == {
        "a": ArticlePlace(WEST, 20220104),
        "b": ArticlePlace(None, None),
    }


def _chunk(article: str, n: int, source: str | None, published: str | None) -> Chunk:
    return Chunk(f"{article}:{n}", article, n, "Words.", 0, 6, 1, 1, "Made-up", source, published)
