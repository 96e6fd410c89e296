"""Date parsing for the date filter, and `Filters` as a Chroma clause and a Python predicate."""

from __future__ import annotations

import pytest

from app.types import Filters
from ingest.dates import day_number
from ingest.types import Chunk


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2022-01-27", 20220127),
        ("2021-12-07T20:15:00Z", 20211207),
        ("2022-1-5", 20220105),
        ("Thu, 27 Jan 2022 10:00:00 GMT", 20220127),
        ("27 January 2022", 20220127),
        ("January 27, 2022", 20220127),
        ("2022/01/27", 20220127),
        ("2022-02-30", None),
        ("last week", None),
        ("", None),
        (None, None),
    ],
)
def test_day_number_reads_the_usual_date_forms(written, day) -> None:
    assert day_number(written) == day


def chunk(source: str | None, published: str | None) -> Chunk:
    return Chunk("a:0", "a", 0, "text", 0, 4, 1, 1, source=source, published=published)


def test_filters_admit_their_source_and_date_range() -> None:
    january = Filters(source="CNN", since="2022-01-01", until="2022-01-31")
    assert january.admits(chunk("CNN", "2022-01-27T09:00:00Z"))
    assert january.admits(chunk("CNN", "2022-01-31"))  # both ends inclusive
    assert not january.admits(chunk("CNN", "2022-02-01"))
    assert not january.admits(chunk("BBC News", "2022-01-27"))
    assert not january.admits(chunk("CNN", None))  # undated: outside any date range
    assert Filters(source="CNN").admits(chunk("CNN", None))


def test_a_speaker_alone_does_not_narrow_passages() -> None:
    only_speaker = Filters(speaker="Tom Reed")
    assert not only_speaker.narrows_passages
    assert only_speaker.describe() == "Tom Reed"
    assert Filters(since="2022-01-01").describe() == "articles dated from 2022-01-01"
    assert Filters(until="2022-01-31").describe() == "articles dated up to 2022-01-31"


def test_a_date_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValueError, match="since must be a date like 2022-01-27"):
        Filters(since="yesterday")
