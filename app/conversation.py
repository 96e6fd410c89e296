"""A conversation (the session's `Answer`s) as stored in the browser and as exported.

The browser keeps plain dicts (`stored` / `restored`), so a reload or a server restart brings
the chat back; what comes back from the browser is checked field by field, and an entry that
does not read as an answer is dropped, never shown half-built.

Exports are sanitised for wherever they are pasted: the Markdown writes `<`, `>` and `&` as
entities and escapes what could start a link or emphasis, and links only http(s) URLs; the
JSON writes `<`, `>` and `&` as \\u escapes, so no HTML appears in either file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any
from urllib.parse import quote

from app.types import Answer, Citation, Generation, Removed
from ingest.loaders import strip_control, web_url

_CITATION_FIELDS = {f.name for f in fields(Citation)}
_ANSWER_FIELDS = {f.name for f in fields(Answer)}
# HTML's own three characters become entities (no tag survives even where a renderer lets
# raw HTML through); what starts a link, emphasis or code anywhere in a line, and a heading,
# list, quote or rule at its start, gets a backslash.
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")


def stored(history: Sequence[Answer]) -> list[dict[str, Any]]:
    """The conversation as JSON-ready dicts for the browser's local storage: the `Answer`
    fields only (a tool turn's view and plot are rebuilt by nobody; its summary stays)."""
    return [asdict(_plain(answer)) for answer in history]


def _plain(answer: Answer) -> Answer:
    """The `Answer` part of a turn (a `ToolAnswer` also holds its view and plot)."""
    return Answer(**{name: getattr(answer, name) for name in _ANSWER_FIELDS})


def restored(items: Any) -> list[Answer]:
    """Answers back from the browser; anything malformed is left out."""
    answers = []
    for item in items if isinstance(items, list) else []:
        try:
            answers.append(_answer(item))
        except (AttributeError, TypeError, ValueError, KeyError):
            continue
    return answers


def _answer(item: dict[str, Any]) -> Answer:
    values = {k: v for k, v in item.items() if k in _ANSWER_FIELDS}
    values["citations"] = [
        Citation(**{k: v for k, v in c.items() if k in _CITATION_FIELDS})
        for c in values.get("citations") or []
    ]
    if generation := values.get("generation"):
        removed = [Removed(**r) for r in generation.get("removed") or []]
        values["generation"] = Generation(**{**generation, "removed": removed})
    answer = Answer(**values)
    if not isinstance(answer.question, str) or not isinstance(answer.answer, str):
        raise ValueError("question and answer must be text")
    return answer


# ----- exports ---------------------------------------------------------------------------------


def to_markdown(history: Sequence[Answer], title: str = "quotedesk conversation") -> str:
    """Real Markdown: a heading per question, the answer, then its sources as a numbered list,
    each with a link to the article (http(s) only) and the cited words as a blockquote."""
    lines = [f"# {markdown_text(title)}", ""]
    for turn, answer in enumerate(history, start=1):
        question, text = markdown_text(answer.question), markdown_text(answer.answer)
        lines += [f"## {turn}. {question}", "", text, ""]
        if answer.notice:
            lines += [f"*{markdown_text(answer.notice)}*", ""]
        if answer.citations:
            lines += ["Sources:", ""]
        for c in answer.citations:
            lines += [f"{c.n}. {_source_line(c)}", ""]
            quoted = [markdown_text(line) for line in _lines(c.text)]
            lines += [f"   > {line}" if line else "   >" for line in quoted]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_json(history: Sequence[Answer]) -> str:
    """The documented `--json` answer schema, one per turn, with only http(s) URLs."""
    turns = []
    for answer in history:
        data = answer.to_json()
        for citation in data["citations"]:
            citation["url"] = web_url(citation.get("url"))
        turns.append(data)
    text = json.dumps({"turns": turns}, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _source_line(c: Citation) -> str:
    who = f"**{markdown_text(c.speaker)}**, " if c.speaker else ""
    url = web_url(c.url)
    title = f"[{markdown_text(c.title)}]({_link(url)})" if url else f"*{markdown_text(c.title)}*"
    where = ", ".join(markdown_text(p) for p in (c.source, c.published) if p)
    where = f", {where}" if where else ""
    return f"{who}{title}{where}, {c.location}"


def markdown_text(text: str | None) -> str:
    """`text` as one line that Markdown shows as written, with no HTML and no live markup."""
    flat = _MARKDOWN_INLINE.sub(r"\\\1", " ".join(strip_control(text or "").split()))
    flat = re.sub(r"[&<>]", lambda m: _HTML_ENTITIES[m.group()], flat)
    return _MARKDOWN_LINE_START.sub(_escape_start, flat)


def _escape_start(match: re.Match[str]) -> str:
    """ "\\# x", "\\- x", "1\\. x": a line that reads as text, not as a block."""
    space, start = match.groups()
    return f"{space}{start}\\" if start[0].isdigit() else f"{space}\\{start}"


def _lines(text: str) -> list[str]:
    return strip_control(text).strip().split("\n") or [""]


def _link(url: str) -> str:
    """A link destination that cannot end early: spaces, brackets and quotes percent-encoded."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")
