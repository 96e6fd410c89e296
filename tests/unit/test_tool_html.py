"""The tool tabs' HTML: escaped, quotation marks only around a speaker's own words, bounded."""

from __future__ import annotations

from dataclasses import replace

from app.quote_records import QuoteRecord


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
