"""The speaker picker: who it offers, how names read, typed search, quote pages."""

from __future__ import annotations

import pytest

from app.speaker_index import SpeakerIndex, SpeakerInfo
from app.speakers_view import (
    left_out_by,
    pickable,
    quote_page,
    search_speakers,
    speaker_label,
)
from ingest.types import Chunk, Quote

PICKER_CASES = [
    ("Alma Ruiz", None),
    ("Harbour Authority", None),
    ("Eastport Council", None),
    ("some analysts", "reads as a name"),
    ("report", "reads as a name"),
    ("company", "reads as a name"),
    ("Subs Not Used", "no sentence words"),
    ("Meanwhile Labour", "reads as a name"),
]


@pytest.mark.parametrize(("name", "rule"), PICKER_CASES)
def test_picker_offers_people_and_organisations_only(name: str, rule: str | None) -> None:
    assert left_out_by(name) == rule


def info(name: str, quotes: int, role: str | None = None, aliases=()) -> SpeakerInfo:
    return SpeakerInfo(name, quotes, 1, role, tuple(aliases))


SPEAKERS = [
    info("Alma Ruiz", 9, "port director", ["Ruiz"]),
    info("Tomas Berry", 5, "Mayor of Eastport"),
    info("Ana Peña", 3),
    info("Rui Almeida", 1),
]

SEARCH_CASES = [
    ("", ["Alma Ruiz", "Tomas Berry", "Ana Peña", "Rui Almeida"]),
    ("ru", ["Rui Almeida", "Alma Ruiz"]),  # a name starting with the text comes first
    ("ruiz", ["Alma Ruiz"]),
    ("pena", ["Ana Peña"]),  # accents folded
    ("mayor", ["Tomas Berry"]),  # the role is searched
    ("port dir", ["Alma Ruiz"]),  # every typed word must start a word
    ("xyz", []),
]


@pytest.mark.parametrize(("typed", "names"), SEARCH_CASES)
def test_search_as_you_type(typed: str, names: list[str]) -> None:
    assert [s.name for s in search_speakers(SPEAKERS, typed, 10)] == names


def test_search_covers_every_speaker_and_caps_only_the_answer() -> None:
    many = [info(f"Person Number{i:04d}", 10_000 - i) for i in range(5_000)]
    assert [s.name for s in search_speakers(many, "number4999", 5)] == ["Person Number4999"]
    assert len(search_speakers(many, "person", 7)) == 7


LABEL_CASES = [
    (info("Alma Ruiz", 9, "port director"), "Alma Ruiz — port director (9 quotes)"),
    (info("Rui Almeida", 1), "Rui Almeida (1 quote)"),
    (info("trader Ines Vidal", 2), "Ines Vidal — trader (2 quotes)"),
    (info("trader Ines Vidal", 2, "market trader"), "Ines Vidal — market trader (2 quotes)"),
]


@pytest.mark.parametrize(("speaker", "label"), LABEL_CASES)
def test_label_gives_the_name_role_and_count(speaker: SpeakerInfo, label: str) -> None:
    assert speaker_label(speaker) == label


def test_a_name_with_a_leading_role_is_offered() -> None:
    assert [s.name for s in pickable([info("trader Ines Vidal", 2), info("some analysts", 3)])] == [
        "trader Ines Vidal"
    ]


def test_quote_pages_cover_every_quote_once() -> None:
    quotes = [
        (
            Quote(f"Words number {i}", 0, 10, speaker="Alma Ruiz", chunk_id=f"a{i % 3}:0"),
            f"a{i % 3}",
        )
        for i in range(7)
    ] + [(Quote("Someone else", 0, 5, speaker="Tomas Berry", chunk_id="a0:0"), "a0")]
    chunks = {
        f"a{n}:0": Chunk(
            f"a{n}:0", f"a{n}", 0, "t", 0, 1, 1, 1, f"Title {n}", None, f"2024-0{n + 1}-01"
        )
        for n in range(3)
    }
    index = SpeakerIndex(quotes)
    pages = [quote_page("Ruiz", quotes, index, chunks, p, 3) for p in (1, 2, 3, 4)]
    assert [(p.page, p.pages, p.total, p.first) for p in pages] == [
        (1, 3, 7, 1),
        (2, 3, 7, 4),
        (3, 3, 7, 7),
        (3, 3, 7, 7),  # past the end: the last page
    ]
    seen = [line.text for p in pages[:3] for line in p.quotes]
    assert sorted(seen) == sorted(f"Words number {i}" for i in range(7))
    assert pages[0].quotes[0].published == "2024-03-01"  # newest article first
    assert pages[0].speaker == "Alma Ruiz"
