"""Read article files into `Article`s.

Every problem with an input becomes a `LoadError` naming the file (and line, for JSONL) and the
reason, so one bad file or record never stops the others from being ingested.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.ids import derive_article_id
from ingest.types import Article

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

_FRONT_MATTER_KEYS = {"id", "title", "source", "published", "date", "url", "section"}
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_OPTIONAL_FIELDS = ("source", "published", "url", "section")
# A record's lead (standfirst) under the names news exports give it, first found wins. It is
# the article's own text (the site shows it above the body), and it often is the only place
# that names who the body's "the President" is, so it becomes the text's first paragraph:
# extraction reads it, offsets index it, and a citation of it says "paragraph 1". A separate
# field would leave it unsearchable and uncitable. Placeholders for "none" are no lead.
LEAD_FIELDS = ("summary", "lead", "standfirst")
_NO_LEAD = frozenset({"", "na", "n/a", "none", "null", "-"})

# Text clean-up, in order: terminal colour and cursor sequences (ESC [ ... letter, ESC ] ...
# BEL) go whole, so no "[31m" is left behind; then every other control character except
# line breaks and tabs. Entities are decoded once, before these run, so "&amp;#233;" stays
# the literal "&#233;" its author wrote.
_ANSI_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_WEB_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)


@dataclass(frozen=True)
class LoadError:
    """One input that could not be read, with a reason a user can act on."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class Loaded:
    articles: list[Article]
    errors: list[LoadError]


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[LoadError]]:
    """Expand folders (recursively, sorted, skipping hidden and unsupported files).

    A file named explicitly with an unsupported type is an error; inside a folder it is
    skipped, since folders often hold images and the like next to articles.
    """
    files: list[Path] = []
    errors: list[LoadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(child)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
                errors.append(LoadError(str(path), f"unsupported file type (use {supported})"))
        else:
            errors.append(LoadError(str(path), "no such file or folder"))
    return files, errors


def load_file(path: Path, max_bytes: int) -> Loaded:
    """Read one file of any supported type; never raises for bad content."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _failed(
                path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit"
            )
        data = path.read_bytes()
    except OSError as exc:
        return _failed(path, f"cannot read file ({exc.strerror or exc})")
    if not data.strip():
        return _failed(path, "file is empty")
    if b"\x00" in data:
        return _failed(path, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _failed(path, f"not valid UTF-8 (bad byte at offset {exc.start})")
    suffix = path.suffix.lower()
    try:
        if suffix in JSON_SUFFIXES:
            return _load_json(path, text)
        article = _load_html(path, text) if suffix in HTML_SUFFIXES else _load_text(path, text)
    except ValueError as exc:
        return _failed(path, str(exc))
    return Loaded([article], [])


def article_from_record(record: Any, origin: str) -> Article:
    """Validate one JSON object into an Article; ValueError says which field is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text' field")
    text = with_lead(text, _lead(record))
    fields: dict[str, str | None] = {}
    for name in ("id", "title", *_OPTIONAL_FIELDS):
        value = record.get(name)
        if name == "published" and value is None:
            value = record.get("date")
        if value is None:
            fields[name] = None
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            fields[name] = str(value).strip() or None
        else:
            raise ValueError(f"field '{name}' must be a string, got {type(value).__name__}")
    return _make_article(text, fields, origin)


def _lead(record: dict[str, Any]) -> str | None:
    """The record's lead paragraph, if it has one (see `LEAD_FIELDS`)."""
    for name in LEAD_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ValueError(f"field '{name}' must be a string, got {type(value).__name__}")
        if value.strip().lower() not in _NO_LEAD:
            return value.strip()
    return None


def with_lead(text: str, lead: str | None) -> str:
    """`text` with `lead` as its first paragraph, separated the way the text separates its own
    paragraphs (a blank line, or one line break in a text that uses those); unchanged when
    there is no lead or the text already opens with it."""
    if not lead or _squeezed(text).startswith(_squeezed(lead)):
        return text
    separator = "\n" if "\n" in text and not re.search(r"\n[ \t]*\n", text) else "\n\n"
    return f"{lead}{separator}{text.lstrip()}"


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _failed(path: Path, reason: str) -> Loaded:
    return Loaded([], [LoadError(str(path), reason)])


def _make_article(
    text: str, fields: dict[str, str | None], origin: str, *, decoded: bool = False
) -> Article:
    """`decoded`: the text and fields come from an HTML parser that already decoded entities
    (decoding twice would turn an article's literal "&amp;" text into "&")."""
    clean = _clean_text if decoded else lambda value: _clean_text(html.unescape(value))
    text = clean(text)
    if not text:
        raise ValueError("no article text")
    values = {k: clean(v) or None if v else None for k, v in fields.items()}
    url = web_url(values.get("url"))
    return Article(
        id=values.get("id") or derive_article_id(text, url),
        title=values.get("title") or _fallback_title(text),
        text=text,
        source=values.get("source"),
        published=values.get("published"),
        url=url,
        section=values.get("section"),
        origin=origin,
    )


def web_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a `javascript:`, `data:` or `file:` link is never
    stored, so no later rendering or export can turn it into a live link."""
    return url if url and _WEB_URL.match(url) else None


def strip_control(text: str) -> str:
    """`text` without terminal escape sequences and control characters (breaks and tabs kept).

    Shared with the question clean-up, so a pasted "\\x1b[31m" leaves no "[31m" anywhere."""
    return _CONTROL.sub("", _ANSI_SEQUENCE.sub("", text))


def _clean_text(text: str) -> str:
    """Normalise line endings, drop terminal escapes and control characters, and strip;
    offsets index into exactly this string."""
    return strip_control(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _fallback_title(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "..."


def _load_json(path: Path, text: str) -> Loaded:
    if path.suffix.lower() == ".json":
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            return _failed(path, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        if isinstance(payload, dict) and isinstance(payload.get("articles"), list):
            payload = payload["articles"]
        records = payload if isinstance(payload, list) else [payload]
        numbered = [
            (f"{path}[{i}]" if len(records) > 1 else str(path), r) for i, r in enumerate(records)
        ]
    else:
        numbered = []
        errors: list[LoadError] = []
        for lineno, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((f"{path}:{lineno}", json.loads(line)))
            except json.JSONDecodeError as exc:
                errors.append(LoadError(f"{path}:{lineno}", f"not valid JSON ({exc.msg})"))
        loaded = _records_to_articles(numbered)
        return Loaded(loaded.articles, errors + loaded.errors)
    return _records_to_articles(numbered)


def _records_to_articles(numbered: list[tuple[str, Any]]) -> Loaded:
    articles: list[Article] = []
    errors: list[LoadError] = []
    for origin, record in numbered:
        try:
            articles.append(article_from_record(record, origin))
        except ValueError as exc:
            errors.append(LoadError(origin, str(exc)))
    return Loaded(articles, errors)


def _load_text(path: Path, text: str) -> Article:
    """Plain text or Markdown: optional `key: value` front matter, optional headline line."""
    lines = _clean_text(text).split("\n")
    fields: dict[str, str | None] = {}
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
        if end is not None:
            fields = _parse_front_matter(lines[1:end])
            lines = lines[end + 1 :]
    else:
        header = []
        for line in lines:
            if not line.strip():
                break
            header.append(line)
        parsed = _parse_front_matter(header)
        if parsed and len(parsed) == len(header):
            fields, lines = parsed, lines[len(header) :]
    body = "\n".join(lines).strip()
    if "title" not in fields:
        headline, rest = _split_headline(body)
        if headline:
            fields["title"], body = headline, rest
    fields.setdefault("title", path.stem.replace("-", " ").replace("_", " "))
    return _make_article(body, fields, str(path))


def _parse_front_matter(lines: list[str]) -> dict[str, str | None]:
    fields: dict[str, str | None] = {}
    for line in lines:
        match = _FRONT_MATTER_LINE.match(line.strip())
        if not match or match.group(1).lower() not in _FRONT_MATTER_KEYS:
            return {}
        key = "published" if match.group(1).lower() == "date" else match.group(1).lower()
        fields[key] = match.group(2).strip() or None
    return fields


def _split_headline(body: str) -> tuple[str | None, str]:
    """A first line that reads like a headline (short, standalone, no final full stop)."""
    first, sep, rest = body.partition("\n")
    candidate = first.strip().lstrip("#").strip()
    standalone = rest.startswith("\n") or rest.lstrip(" \t").startswith("\n")
    if (
        sep
        and standalone
        and 0 < len(candidate) <= 150
        and not candidate.endswith((".", "”", '"', ":", ","))
        and rest.strip()
    ):
        return candidate, rest.strip()
    return None, body


def _load_html(path: Path, html: str) -> Article:
    """Main text through trafilatura, which drops navigation, ads and scripts."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        raise ValueError("no article text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    fields: dict[str, str | None] = {
        "title": getattr(meta, "title", None),
        "source": getattr(meta, "sitename", None),
        "published": getattr(meta, "date", None),
        "url": getattr(meta, "url", None),
    }
    return _make_article("\n\n".join(paragraphs), fields, str(path), decoded=True)
