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
from typing import Any, NamedTuple

from app.speakers_view import QuoteLine, QuotePage
from app.tool_turn import ToolAnswer
from app.types import MARKER, Answer, Citation, marker_numbers
from ingest.text import paragraph_spans
from ingest.types import Article

ArticleLookup = Callable[[str], Article | None]

MAX_ARTICLE_CHARS = 40_000  # the "whole article" view stops here for very long transcripts

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
    # A tool's own view (verdict, dated list, two columns) lists its quotations with their
    # markers itself, so it needs no source list under it.
    view = answer.body if isinstance(answer, ToolAnswer) else None
    body = view(linked) if view is not None else _with_markers(text, numbers, linked)
    parts = [f'<div class="qd-answer-text">{body}</div>']
    if not complete:
        return f'<div class="qd-answer qd-streaming">{"".join(parts)}</div>'
    if answer.notice:
        parts.append(f'<div class="qd-notice">{_text(answer.notice)}</div>')
    if answer.citations and view is None:
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
    history: Sequence[Answer],
    streaming: tuple[Answer, int] | None = None,
    plot: Callable[[Any], Any] | None = None,
) -> list[dict[str, Any]]:
    """The Chatbot value, derived from the session's answers (the one source of truth).

    `streaming` is the newest answer and how much of it to show; it is not in `history` yet.
    `plot` makes a tool turn's figure a message of its own (the chat passes `gr.Plot`).
    """
    turns = [(a, None) for a in history] + ([streaming] if streaming else [])
    messages: list[dict[str, Any]] = []
    for i, (answer, upto) in enumerate(turns):
        latest = i == len(turns) - 1
        messages.append({"role": "user", "content": render_question(answer.question)})
        content = render_answer(answer, linked=latest, upto=upto)
        messages.append({"role": "assistant", "content": content})
        if plot is not None and isinstance(answer, ToolAnswer) and answer.figure is not None:
            messages.append({"role": "assistant", "content": plot(answer.figure)})
    return messages


def _with_markers(text: str, numbers: set[int], linked: bool) -> str:
    """The text escaped, each marker of a cited number a link ("[1, 3]" becomes two); a
    marker that cites nothing of this answer stays as written."""
    out: list[str] = []
    pos = 0
    for match in MARKER.finditer(text):
        cited = [n for n in marker_numbers(match) if n in numbers]
        if not cited:
            continue
        out.append(_text(text[pos : match.start()]))
        out.extend(marker(n, linked) for n in cited)
        pos = match.end()
    out.append(_text(text[pos:]))
    return "".join(out)


def marker(n: int, linked: bool) -> str:
    """A citation marker: a link to its sources panel block, or plain for an older turn."""
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
        f'<li value="{c.n}">{marker(c.n, linked)} {who}<i>{_text(c.title)}</i>{where}, '
        f"{c.location}</li>"
    )


# ----- sources panel ---------------------------------------------------------------------------


class Located(NamedTuple):
    """Where a citation sits in its stored article: the paragraphs it covers."""

    text: str
    spans: list[tuple[int, int]]
    first: int
    last: int


@dataclass(frozen=True)
class SourceGroup:
    """Citations shown as one block: the same paragraph(s) of one article cited more than once
    is shown once, with every citation's words highlighted and every marker pointing to it."""

    citations: tuple[Citation, ...]
    article: Article | None
    found: Located | None


def render_sources(answer: Answer | None, article_lookup: ArticleLookup) -> str:
    """The sources panel for one answer: one open `<details>` per cited passage.

    Each shows who, where (the citation's paragraph and sentence) and when, the cited
    paragraph(s) from the stored article with the cited spans in `<mark>`, and collapsed views
    of the surrounding paragraphs and the whole article. Citations of the same paragraph share
    one block: it has the id `source-n` of its first citation and an empty anchor for each
    other one, so every marker scrolls to it. `article_lookup(article_id)` returns the stored
    `Article` or None.
    """
    if answer is None:
        return EMPTY_SOURCES
    if not answer.citations:
        note = "No sources: the articles do not cover this question." if answer.abstained else ""
        return f'<div class="qd-sources-empty">{_text(note or "No sources for this answer.")}</div>'
    blocks = [_source_block(g) for g in source_groups(answer.citations, article_lookup)]
    return f'<div class="qd-sources">{"".join(blocks)}</div>'


def source_groups(
    citations: Sequence[Citation], article_lookup: ArticleLookup
) -> list[SourceGroup]:
    """The citations grouped by the article paragraphs they cover, in first-citation order."""
    articles: dict[str, Article | None] = {}
    groups: dict[tuple, list[Citation]] = {}
    located: dict[tuple, Located | None] = {}
    for c in citations:
        if c.article_id not in articles:
            articles[c.article_id] = article_lookup(c.article_id)
        found = _located(c, articles[c.article_id])
        key = (c.article_id, found.first, found.last) if found else (c.article_id, c.start, c.end)
        groups.setdefault(key, []).append(c)
        located.setdefault(key, found)
    return [
        SourceGroup(tuple(cs), articles[cs[0].article_id], located[key])
        for key, cs in groups.items()
    ]


def _source_block(group: SourceGroup) -> str:
    first, *others = group.citations
    numbers = " ".join(f'<span class="qd-n">[{c.n}]</span>' for c in group.citations)
    speakers = list(dict.fromkeys(c.speaker for c in group.citations if c.speaker))
    who = "".join(f'<span class="qd-speaker">{_text(s)}</span> · ' for s in speakers)
    meta = [_text(p) for p in (first.source, first.published) if p]
    meta += [_cited_where(c, len(group.citations) > 1) for c in group.citations]
    url = safe_url(first.url)
    if url:
        meta.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">original</a>')
    ranges = [(c.start, c.end) for c in group.citations]
    found = group.found
    if found is None:
        passage = "".join(f"<p><mark>{_text(c.text)}</mark></p>" for c in group.citations)
        extra = '<div class="qd-missing">The stored article is no longer available.</div>'
    else:
        passage = "".join(
            _paragraph(found.text, found.spans[i], ranges)
            for i in range(found.first, found.last + 1)
        )
        extra = _context(found, ranges)
    anchors = "".join(f'<span class="qd-anchor" id="source-{c.n}"></span>' for c in others)
    return (
        f'<details class="qd-source" id="source-{first.n}" open>{anchors}'
        f"<summary>{numbers} {who}"
        f'<span class="qd-title">{_text(first.title)}</span></summary>'
        f'<div class="qd-meta">{" · ".join(meta)}</div>'
        f'<blockquote class="qd-passage">{passage}</blockquote>{extra}</details>'
    )


def _cited_where(c: Citation, numbered: bool) -> str:
    """ "paragraph 4, sentence 2 · direct quote", with "[n] " in front when a block holds more
    than one citation."""
    where = f"[{c.n}] {c.location}" if numbered else c.location
    return f"{where} · {_text(c.kind)} quote" if c.kind else where


def _located(c: Citation, article: Article | None) -> Located | None:
    """The article text, its paragraph spans and the paragraphs the citation covers."""
    if article is None or article.text[c.start : c.end] != c.text:
        return None
    spans = paragraph_spans(article.text)
    if not spans:
        return None
    first = next((i for i, (_, e) in enumerate(spans) if c.start < e), len(spans) - 1)
    last = next((i for i, (_, e) in enumerate(spans) if c.end <= e), len(spans) - 1)
    return Located(article.text, spans, first, max(first, last))


def _paragraph(
    text: str, span: tuple[int, int], ranges: Sequence[tuple[int, int]] = (), cls: str = ""
) -> str:
    """One paragraph, with the parts of the cited ranges that fall inside it highlighted."""
    start, end = span
    attr = f' class="{cls}"' if cls else ""
    inside = sorted((max(start, lo), min(end, hi)) for lo, hi in ranges if lo < end and hi > start)
    out, pos = [], start
    for lo, hi in inside:
        if hi <= pos:
            continue
        lo = max(lo, pos)
        out.append(f"{_text(text[pos:lo])}<mark>{_text(text[lo:hi])}</mark>")
        pos = hi
    out.append(_text(text[pos:end]))
    return f"<p{attr}>{''.join(out)}</p>"


def _context(found: Located, ranges: Sequence[tuple[int, int]]) -> str:
    text, spans, first, last = found
    before = spans[max(0, first - 2) : first]
    after = spans[last + 1 : last + 3]
    parts = []
    if before or after:
        cited = range(first, last + 1)
        around = (
            "".join(_paragraph(text, s) for s in before)
            + "".join(_paragraph(text, spans[i], ranges, "qd-cited") for i in cited)
            + "".join(_paragraph(text, s) for s in after)
        )
        parts.append(
            '<details class="qd-around"><summary>Surrounding paragraphs</summary>'
            f'<div class="qd-article-text">{around}</div></details>'
        )
    shown = [s for s in spans if s[0] < MAX_ARTICLE_CHARS]
    whole = "".join(_paragraph(text, s, ranges) for s in shown)
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
    "marker",
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
