"""Export of quotations as CSV, JSON and Markdown: every field, sanitised (made-up records)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.export import COLUMNS, clean_text, clean_url, render, row_of_record, rows_of_answer
from app.quote_records import QuoteRecord
from app.types import Answer, Citation


def record(**changes) -> QuoteRecord:
    fields = dict(
        quote_id="a1:q0",
        speaker="Mara Quill",
        role="Harbour Master",
        quote="The bridge opens in May.",
        kind="direct",
        article_id="gazette-1",
        title="Bridge news",
        source="Gazette",
        published="2021-05-04",
        url="https://example.org/bridge",
        paragraph=3,
        start=120,
        end=144,
    )
    return QuoteRecord(**{**fields, **changes})


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("plain words", "plain words"),
        ("<b>bold</b> move", "bold move"),
        ("<script>alert(1)</script>x", "alert(1) x"),
        ("&lt;img src=x onerror=alert(1)&gt; hi", "hi"),
        ("tab\there\x00and\x1fcontrol", "tab here and control"),
        (None, ""),
    ],
)
def test_clean_text(raw: str | None, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("ftp://example.org/file", ""),
        ('https://example.org/"onmouseover=x', ""),
        (None, ""),
    ],
)
def test_clean_url(raw: str | None, clean: str) -> None:
    assert clean_url(raw) == clean


def test_csv_has_every_column_and_the_record() -> None:
    text = render([row_of_record(record())], "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert rows[0]["quote"] == "The bridge opens in May."
    assert (rows[0]["speaker"], rows[0]["start"], rows[0]["end"]) == ("Mara Quill", "120", "144")
    assert rows[0]["url"] == "https://example.org/bridge"


def test_csv_defuses_spreadsheet_formulas() -> None:
    text = render([row_of_record(record(quote="=HYPERLINK(1)"))], "csv")
    assert list(csv.DictReader(io.StringIO(text)))[0]["quote"] == "'=HYPERLINK(1)"


def test_json_round_trips() -> None:
    rows = json.loads(render([row_of_record(record(url="javascript:x"))], "json"))
    assert rows[0]["url"] == ""
    assert rows[0]["paragraph"] == 3 and rows[0]["date"] == "2021-05-04"


def test_markdown_links_only_http_and_escapes() -> None:
    text = render(
        [row_of_record(record(quote="a | b *c*")), row_of_record(record(url="javascript:x"))],
        "md",
        "Mara <i>Quill</i>",
    )
    assert text.startswith("# Mara Quill\n")
    assert "[Bridge news](https://example.org/bridge)" in text
    assert "javascript" not in text
    assert "a \\| b \\*c\\*" in text


def test_answer_citations_export() -> None:
    citation = Citation(
        n=1,
        article_id="gazette-1",
        title="Bridge news",
        source="Gazette",
        published="2021-05-04",
        url=None,
        paragraph=3,
        start=120,
        end=144,
        text="The bridge opens in May.",
        speaker="Mara Quill",
        sentence=2,
        paragraphs=6,
    )
    answer = Answer(question="When?", answer="In May [1].", abstained=False, citations=[citation])
    rows = rows_of_answer(answer)
    assert [(r.speaker, r.quote, r.paragraph, r.sentence, r.start) for r in rows] == [
        ("Mara Quill", "The bridge opens in May.", 3, 2, 120)
    ]
    assert "paragraph 3, sentence 2 (`gazette-1` 120-144)" in render(rows, "md")
    assert json.loads(render(rows, "json"))[0]["sentence"] == 2


def test_a_record_not_located_to_its_sentence_leaves_the_cell_empty() -> None:
    row = list(csv.DictReader(io.StringIO(render([row_of_record(record())], "csv"))))[0]
    assert row["sentence"] == "" and row["paragraph"] == "3"
    assert row_of_record(record(), sentence=4).sentence == 4


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(ValueError, match="csv, json, md"):
        render([], "xlsx")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("direct", "“The bridge opens in May.”"), ("indirect", "(reported) The bridge opens in May.")],
)
def test_markdown_quotes_only_the_speakers_own_words(kind: str, shown: str) -> None:
    text = render([row_of_record(record(kind=kind))], "md")
    assert f"**Mara Quill** (Harbour Master): {shown}" in text
