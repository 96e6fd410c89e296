"""The tool tabs' HTML: escaped, quotation marks only around a speaker's own words, bounded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.quote_records import QuoteRecord
from app.timeline import Timeline, group_by_date, per_month
from app.tool_html import MAX_LISTED, record_html, timeline_html


def record(n: int = 0, **changes) -> QuoteRecord:
    fields = dict(
        quote_id=f"a{n}:q0",
        speaker="Mara Quill",
        role=None,
        quote="The bridge opens in May.",
        kind="direct",
        article_id=f"a{n}",
        title="Bridge news",
        source="Gazette",
        published=f"2021-05-{n % 28 + 1:02d}",
        url="https://example.org/bridge",
        paragraph=1,
        start=0,
        end=24,
    )
    return QuoteRecord(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        ({}, "“The bridge opens in May.”", "(reported)"),
        ({"kind": "indirect"}, "(reported) The bridge opens in May.", "“"),
        ({"quote": "<script>x</script>"}, "&lt;script&gt;", "<script>"),
        ({"url": "javascript:alert(1)"}, "Bridge news", "javascript"),
    ],
)
def test_record_html(changes: dict, present: str, absent: str) -> None:
    html = record_html(record(**changes))
    assert present in html and absent not in html


def test_timeline_lists_at_most_max_listed() -> None:
    records = [record(n) for n in range(MAX_LISTED + 5)]
    found = Timeline("Mara Quill", None, records, group_by_date(records), per_month(records))
    html = timeline_html(found)
    assert html.count('class="qd-item"') == MAX_LISTED
    assert f"{MAX_LISTED + 5} statement(s)" in html


def test_a_long_quotation_is_shown_around_the_checked_words() -> None:
    from app.check import Occurrence
    from app.tool_render import whole_quotation

    filler = " ".join(f"word{n}" for n in range(300))
    quote = f"{filler} The bridge opens in May. {filler}"
    best = Occurrence(
        record=record(quote=quote, end=len(quote)),
        matched="The bridge opens in May",
        diff=(),
        equal=5,
        edits=0,
        left_out=600,
        covered=5,
        covered_share=5 / 605,
        given_words=5,
        by_named_speaker=None,
    )
    label, text = whole_quotation(best, around=50)
    assert label == "The quotation around these words"
    assert text.startswith("… word") and text.endswith(" …")
    assert "The bridge opens in May." in text and len(text) < 200
    whole = "So The bridge opens in May now"
    short = replace(best, record=record(quote=whole))
    assert whole_quotation(short, around=50) == ("The whole quotation", whole)
