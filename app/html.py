"""HTML for the browser chat: pure functions from `Answer`s (and stored articles) to strings.

Every piece of article text, title, quote, file name and question goes through `html.escape`
before it reaches the page; links are only emitted for http(s) URLs. Nothing here imports
Gradio, so the rendering is tested on its own (tests/ui/test_render.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from app.speakers_view import QuoteLine, QuotePage
from app.types import Answer, Citation
from ingest.text import paragraph_spans
from ingest.types import Article

ArticleLookup = Callable[[str], Article | None]

MAX_ARTICLE_CHARS = 40_000  # the "whole article" view stops here for very long transcripts
_MARKER = re.compile(r"\[(\d+)\]")

EMPTY_SOURCES = (
    '<div class="qd-sources-empty">Sources appear here: every cited passage with its '
    "speaker, article and the quoted words highlighted.</div>"
)


# ----- chat messages -------------------------------------------------------------------------


def render_question(question: str) -> str:
    """The user's turn, escaped and wrapped so Markdown does not reinterpret it."""
    return f'<div class="qd-question">{_text(question)}</div>'


def render_answer(answer: Answer, *, linked: bool = True, upto: int | None = None) -> str:
    """One assistant message: the answer with its [n] markers, a notice, a short source list.

    `linked` makes each marker an anchor to `#source-n` in the sources panel (only the latest
    answer's sources are on the panel). `upto` cuts the answer text after that many characters
    for streaming; the source list is added only once the text is complete.
    """
    numbers = {c.n for c in answer.citations}
    complete = upto is None or upto >= len(answer.answer)
    text = answer.answer if complete else answer.answer[:upto]
    parts = [f'<div class="qd-answer-text">{_with_markers(text, numbers, linked)}</div>']
    if not complete:
        return f'<div class="qd-answer qd-streaming">{"".join(parts)}</div>'
    if answer.notice:
        parts.append(f'<div class="qd-notice">{_text(answer.notice)}</div>')
    if answer.citations:
        items = "".join(_citation_item(c, linked) for c in answer.citations)
        parts.append(f'<ol class="qd-cite-list">{items}</ol>')
    kind = "qd-answer qd-abstained" if answer.abstained else "qd-answer"
    return f'<div class="{kind}">{"".join(parts)}</div>'


def stream_cuts(text: str, max_steps: int = 12) -> Iterator[int]:
    """Character offsets at word ends where a streamed answer is shown, ending at len(text).

    At most `max_steps` steps however long the answer, so streaming stays cosmetic.
    """
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    if not ends:
        yield len(text)
        return
    stride = max(1, -(-len(ends) // max_steps))
    for i in range(stride - 1, len(ends) - 1, stride):
        yield ends[i]
    yield len(text)


def chat_messages(
    history: Sequence[Answer], streaming: tuple[Answer, int] | None = None
) -> list[dict[str, str]]:
    """The Chatbot value, derived from the session's answers (the one source of truth).

    `streaming` is the newest answer and how much of it to show; it is not in `history` yet.
    """
    turns = [(a, None) for a in history] + ([streaming] if streaming else [])
    messages: list[dict[str, str]] = []
    for i, (answer, upto) in enumerate(turns):
        latest = i == len(turns) - 1
        messages.append({"role": "user", "content": render_question(answer.question)})
        content = render_answer(answer, linked=latest, upto=upto)
        messages.append({"role": "assistant", "content": content})
    return messages


def _with_markers(text: str, numbers: set[int], linked: bool) -> str:
    out: list[str] = []
    pos = 0
    for match in _MARKER.finditer(text):
        n = int(match.group(1))
        if n not in numbers:
            continue
        out.append(_text(text[pos : match.start()]))
        out.append(_marker(n, linked))
        pos = match.end()
    out.append(_text(text[pos:]))
    return "".join(out)


def _marker(n: int, linked: bool) -> str:
    if linked:
        return (
            f'<a class="qd-marker" href="#source-{n}" data-source="{n}" '
            f'title="Show source {n}">[{n}]</a>'
        )
    return f'<span class="qd-marker">[{n}]</span>'


def _citation_item(c: Citation, linked: bool) -> str:
    who = f"<b>{_text(c.speaker)}</b> — " if c.speaker else ""
    where = ", ".join(_text(p) for p in (c.source, c.published) if p)
    where = f", {where}" if where else ""
    return (
        f'<li value="{c.n}">{_marker(c.n, linked)} {who}<i>{_text(c.title)}</i>{where}, '
        f"paragraph {c.paragraph}</li>"
    )


# ----- sources panel ---------------------------------------------------------------------------


def render_sources(answer: Answer | None, article_lookup: ArticleLookup) -> str:
    """The sources panel for one answer: one open `<details id="source-n">` per citation.

    Each shows who, where and when, the cited paragraph(s) from the stored article with the
    cited span in `<mark>`, and collapsed views of the surrounding paragraphs and the whole
    article. `article_lookup(article_id)` returns the stored `Article` or None.
    """
    if answer is None:
        return EMPTY_SOURCES
    if not answer.citations:
        note = "No sources: the articles do not cover this question." if answer.abstained else ""
        return f'<div class="qd-sources-empty">{_text(note or "No sources for this answer.")}</div>'
    articles: dict[str, Article | None] = {}
    blocks = []
    for c in answer.citations:
        if c.article_id not in articles:
            articles[c.article_id] = article_lookup(c.article_id)
        blocks.append(_source_block(c, articles[c.article_id]))
    return f'<div class="qd-sources">{"".join(blocks)}</div>'


def _source_block(c: Citation, article: Article | None) -> str:
    who = f'<span class="qd-speaker">{_text(c.speaker)}</span> · ' if c.speaker else ""
    meta = [_text(p) for p in (c.source, c.published) if p]
    meta.append(f"paragraph {c.paragraph}")
    if c.kind:
        meta.append(f"{_text(c.kind)} quote")
    url = safe_url(c.url)
    if url:
        meta.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">original</a>')
    found = _located(c, article)
    if found is None:
        passage = f"<p><mark>{_text(c.text)}</mark></p>"
        extra = '<div class="qd-missing">The stored article is no longer available.</div>'
    else:
        text, spans, first, last = found
        passage = "".join(_paragraph(text, spans[i], c) for i in range(first, last + 1))
        extra = _context(text, spans, first, last, c)
    return (
        f'<details class="qd-source" id="source-{c.n}" open>'
        f'<summary><span class="qd-n">[{c.n}]</span> {who}'
        f'<span class="qd-title">{_text(c.title)}</span></summary>'
        f'<div class="qd-meta">{" · ".join(meta)}</div>'
        f'<blockquote class="qd-passage">{passage}</blockquote>{extra}</details>'
    )


def _located(c: Citation, article: Article | None) -> tuple[str, list, int, int] | None:
    """The article text, its paragraph spans and the paragraphs the citation covers."""
    if article is None or article.text[c.start : c.end] != c.text:
        return None
    spans = paragraph_spans(article.text)
    if not spans:
        return None
    first = next((i for i, (_, e) in enumerate(spans) if c.start < e), len(spans) - 1)
    last = next((i for i, (_, e) in enumerate(spans) if c.end <= e), len(spans) - 1)
    return article.text, spans, first, max(first, last)


def _paragraph(text: str, span: tuple[int, int], c: Citation | None, cls: str = "") -> str:
    """One paragraph, with the part of the citation that falls inside it highlighted."""
    start, end = span
    attr = f' class="{cls}"' if cls else ""
    if c is None or c.end <= start or c.start >= end:
        return f"<p{attr}>{_text(text[start:end])}</p>"
    lo, hi = max(start, c.start), min(end, c.end)
    return (
        f"<p{attr}>{_text(text[start:lo])}<mark>{_text(text[lo:hi])}</mark>"
        f"{_text(text[hi:end])}</p>"
    )


def _context(text: str, spans: list, first: int, last: int, c: Citation) -> str:
    before = spans[max(0, first - 2) : first]
    after = spans[last + 1 : last + 3]
    parts = []
    if before or after:
        around = (
            "".join(_paragraph(text, s, None) for s in before)
            + "".join(_paragraph(text, spans[i], c, "qd-cited") for i in range(first, last + 1))
            + "".join(_paragraph(text, s, None) for s in after)
        )
        parts.append(
            '<details class="qd-around"><summary>Surrounding paragraphs</summary>'
            f'<div class="qd-article-text">{around}</div></details>'
        )
    shown = [s for s in spans if s[0] < MAX_ARTICLE_CHARS]
    whole = "".join(_paragraph(text, s, c) for s in shown)
    if len(shown) < len(spans):
        rest = len(text) - shown[-1][1]
        whole += f'<p class="qd-missing">… {rest:,} more characters not shown.</p>'
    parts.append(
        '<details class="qd-whole"><summary>Whole article</summary>'
        f'<div class="qd-article-text">{whole}</div></details>'
    )
    return "".join(parts)


# ----- corpus numbers and uploads ------------------------------------------------------------


@dataclass(frozen=True)
class FileResult:
    """What happened to one uploaded file."""

    name: str
    status: str  # "added", "updated", "unchanged", "failed", or a mix for multi-article files
    detail: str = ""


def render_stats(stats: Mapping[str, Any]) -> str:
    counts = [(int(stats.get(key, 0)), key) for key in ("articles", "quotes", "speakers")]
    numbers = " · ".join(f"<b>{n:,}</b> {key if n != 1 else key[:-1]}" for n, key in counts)
    return f'<div class="qd-stats" id="corpus-stats">{numbers}</div>'


def render_backend(llm: str | None) -> str:
    """Who writes the answers: the LLM backend spec, or the quoted passages alone."""
    if not llm:
        return '<div class="qd-backend">Answers: quoted passages (no LLM configured)</div>'
    return (
        f'<div class="qd-backend">Answers written by <code>{_text(llm)}</code>, '
        "every sentence checked against its cited passage</div>"
    )


def render_upload_results(results: Sequence[FileResult]) -> str:
    if not results:
        return ""
    rows = "".join(
        f'<tr class="{"qd-failed" if "failed" in r.status else "qd-ok"}"><td>{_text(r.name)}</td>'
        f"<td>{_text(r.status)}</td><td>{_text(r.detail)}</td></tr>"
        for r in results
    )
    return (
        '<table class="qd-upload"><thead><tr><th>File</th><th>Result</th><th>Details</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


# ----- helpers -------------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """An escaped http(s) URL, or None: never a `javascript:` or `data:` link."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"^https?://[^\s]+$", url, flags=re.IGNORECASE):
        return None
    return escape(url, quote=True)


def _text(value: str | None) -> str:
    """Escaped text with line breaks kept (the chat's Markdown would otherwise join lines)."""
    return escape(value or "", quote=True).replace("\n", "<br>")


__all__ = [
    "EMPTY_SOURCES",
    "FileResult",
    "chat_messages",
    "render_answer",
    "render_backend",
    "render_question",
    "render_quote_page",
    "render_sources",
    "render_stats",
    "render_upload_results",
    "safe_url",
    "stream_cuts",
]


# ----- quotes by one speaker -----------------------------------------------------------------


def render_quote_page(page: QuotePage | None) -> str:
    """One page of a speaker's quotes: the words, then the article (linked if http(s)) and date."""
    if page is None:
        return _quotes_note("Pick a speaker to see everything they are quoted saying.")
    if not page.total:
        return _quotes_note(f"{page.speaker} is not quoted in the articles.")
    last = page.first + len(page.quotes) - 1
    head = (
        f'<div class="qd-quotes-head"><b>{_text(page.speaker)}</b>: quotes {page.first:,}–'
        f"{last:,} of {page.total:,} (page {page.page} of {page.pages})</div>"
    )
    items = "".join(_quote_item(line) for line in page.quotes)
    listing = f'<ol class="qd-quote-list" start="{page.first}">{items}</ol>'
    return f'<div class="qd-quotes">{head}{listing}</div>'


def _quotes_note(text: str) -> str:
    return f'<div class="qd-quotes-empty">{_text(text)}</div>'


def _quote_item(line: QuoteLine) -> str:
    url = safe_url(line.url)
    title = _text(line.title)
    title = (
        f'<a href="{url}" target="_blank" rel="noopener noreferrer">{title}</a>' if url else title
    )
    date = f", {_text(line.published)}" if line.published else ""
    kind = "" if line.kind == "direct" else f" · {_text(line.kind)}"
    return (
        f'<li><blockquote class="qd-passage">{_text(line.text)}</blockquote>'
        f'<div class="qd-meta"><i>{title}</i>{date}{kind}</div></li>'
    )
