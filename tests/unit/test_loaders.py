"""Every supported format reads into Articles; every bad input is one clear error, not a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.loaders import discover, load_file

MB = 1_000_000


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_with_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt",
        "title: Budget row\nsource: Daily\npublished: 2024-01-02\nurl: http://x/1\n\n"
        "First paragraph.\n\nSecond paragraph.",
    )
    loaded = load_file(path, MB)
    assert not loaded.errors
    (article,) = loaded.articles
    assert (article.title, article.source, article.published) == (
        "Budget row",
        "Daily",
        "2024-01-02",
    )
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_markdown_headline_becomes_title(tmp_path: Path) -> None:
    path = write(tmp_path / "b.md", "# Minister resigns\n\nThe minister resigned on Monday.")
    (article,) = load_file(path, MB).articles
    assert article.title == "Minister resigns"
    assert article.text == "The minister resigned on Monday."


def test_text_without_headline_keeps_first_paragraph(tmp_path: Path) -> None:
    path = write(tmp_path / "c.txt", "It rained all day.\n\nThen it stopped.")
    (article,) = load_file(path, MB).articles
    assert article.text.startswith("It rained all day.")


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {i} of the story about the harbour project.</p>" for i in range(6)
    )
    html = (
        "<html><head><title>Harbour plan</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Harbour plan</h1>{body}</article><script>var x=1;</script></body></html>"
    )
    (article,) = load_file(write(tmp_path / "d.html", html), MB).articles
    assert "Paragraph 3 of the story" in article.text
    assert "var x" not in article.text


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x1", "title": "T", "text": "Body one."}),
        "{not json",
        json.dumps({"id": "x2", "title": "T2"}),
        json.dumps({"id": "x3", "title": 5, "text": "Body three.", "published": ["2020"]}),
        json.dumps({"id": "x4", "text": "Body four."}),
    ]
    loaded = load_file(write(tmp_path / "e.jsonl", "\n".join(lines)), MB)
    assert [a.id for a in loaded.articles] == ["x1", "x4"]
    reasons = {e.origin.rsplit(":", 1)[1]: e.reason for e in loaded.errors}
    assert "not valid JSON" in reasons["2"]
    assert "text" in reasons["3"]
    assert "published" in reasons["4"]


def test_json_list(tmp_path: Path) -> None:
    records = [{"text": "One."}, {"text": "Two.", "url": "http://x"}]
    loaded = load_file(write(tmp_path / "f.json", json.dumps(records)), MB)
    assert len(loaded.articles) == 2
    assert loaded.articles[0].id != loaded.articles[1].id


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\n ", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1"), "UTF-8"),
        ("broken.json", '{"text": "a"', "invalid JSON"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path: Path, name: str, content, reason: str) -> None:
    path = write(tmp_path / name, content)
    loaded = load_file(path, MB)
    assert loaded.articles == []
    (error,) = loaded.errors
    assert str(path) in str(error) and reason in error.reason


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * MB)
    (error,) = load_file(path, 20 * MB).errors
    assert "over the 20 MB limit" in error.reason


def test_discover_folders_missing_and_unsupported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "b.md", "y")
    write(tmp_path / "image.png", b"\x89PNG")
    write(tmp_path / ".hidden.txt", "z")
    files, errors = discover([tmp_path, tmp_path / "nope.txt", tmp_path / "image.png"])
    assert [f.name for f in files] == ["a.txt", "b.md"]
    assert [e.reason.split(" (")[0] for e in errors] == [
        "no such file or folder",
        "unsupported file type",
    ]


# ----- text clean-up at ingest ----------------------------------------------------------------

CLEAN_UP_CASES = [
    ("entity", "The communiqu&#233; was signed.", "The communiqué was signed."),
    ("named entity", "Salt &amp; pepper", "Salt & pepper"),
    ("decoded once", "Write &amp;amp; for an ampersand", "Write &amp; for an ampersand"),
    ("ansi colour", "\x1b[31mRed\x1b[0m alert", "Red alert"),
    ("ansi title", "\x1b]0;window title\x07Calm text", "Calm text"),
    ("controls", "Bell\x07 and\x00 null\x7f", "Bell and null"),
    ("tabs and breaks kept", "A\tB\n\nC", "A\tB\n\nC"),
]


@pytest.mark.parametrize(
    ("case", "raw", "clean"), CLEAN_UP_CASES, ids=[c[0] for c in CLEAN_UP_CASES]
)
def test_text_is_cleaned_once_at_ingest(tmp_path: Path, case: str, raw: str, clean: str) -> None:
    record = {"id": "a1", "title": f"Title {raw}", "text": f"{raw}\n\nMore text."}
    path = write(tmp_path / "a.jsonl", json.dumps(record))
    (article,) = load_file(path, MB).articles
    assert article.text == f"{clean}\n\nMore text."
    assert article.title == f"Title {clean}"


URL_CASES = [
    ("https://news.example.org/a?b=1", "https://news.example.org/a?b=1"),
    ("HTTP://news.example.org/", "HTTP://news.example.org/"),
    ("javascript:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("file:///etc/passwd", None),
    ("//news.example.org/a", None),
    ("https://", None),
]


@pytest.mark.parametrize(("url", "stored"), URL_CASES)
def test_only_web_urls_are_stored(tmp_path: Path, url: str, stored: str | None) -> None:
    path = write(tmp_path / "a.json", json.dumps({"text": "Some text.", "url": url}))
    (article,) = load_file(path, MB).articles
    assert article.url == stored


def test_html_entities_in_html_files_are_decoded(tmp_path: Path) -> None:
    body = "".join(f"<p>Paragraph {i}: the communiqu&#233; was signed.</p>" for i in range(5))
    path = write(tmp_path / "e.html", f"<html><body><article>{body}</article></body></html>")
    (article,) = load_file(path, MB).articles
    assert "the communiqué was signed" in article.text and "&#" not in article.text


LEAD_CASES = [
    # (case, record fields besides text, text, expected article text)
    (
        "summary",
        {"summary": "Ana Vell met the mayors."},
        "The President said the roads open.",
        "Ana Vell met the mayors.\n\nThe President said the roads open.",
    ),
    ("lead", {"lead": "Ana Vell met the mayors."}, "Body.", "Ana Vell met the mayors.\n\nBody."),
    ("placeholder", {"summary": "NA"}, "Body.", "Body."),
    ("empty", {"summary": "  "}, "Body.", "Body."),
    (
        "already opens",
        {"summary": "Ana Vell met  the mayors."},
        "Ana Vell met the mayors. More.",
        "Ana Vell met the mayors. More.",
    ),
    ("line-broken body", {"summary": "Lead."}, "One.\nTwo.", "Lead.\nOne.\nTwo."),
    ("blank-line body", {"summary": "Lead."}, "One.\n\nTwo.", "Lead.\n\nOne.\n\nTwo."),
]


@pytest.mark.parametrize(("case", "fields", "text", "expected"), LEAD_CASES)
def test_lead_field_is_the_first_paragraph(
    tmp_path: Path, case: str, fields: dict, text: str, expected: str
) -> None:
    record = {"id": "l1", "title": "T", "text": text, **fields}
    (article,) = load_file(write(tmp_path / "l.jsonl", json.dumps(record)), MB).articles
    assert article.text == expected


def test_lead_that_is_not_text_is_one_clear_error(tmp_path: Path) -> None:
    record = {"id": "l2", "title": "T", "text": "Body.", "summary": ["a"]}
    loaded = load_file(write(tmp_path / "l.jsonl", json.dumps(record)), MB)
    assert loaded.articles == []
    (error,) = loaded.errors
    assert "summary" in error.reason
