"""HTML and plots for the quote desk tool tabs: pure functions of the tools' results.

Everything from the store is escaped; links are kept only when they are http(s). Class names
(`qd-verdict`, `qd-diff`, `qd-item`, `qd-column`...) are what the browser tests look for.
"""

from __future__ import annotations

from html import escape

from app.check import CheckResult
from app.export import clean_url
from app.quote_records import QuoteRecord
from app.speaker_page import SpeakerProfile
from app.timeline import Comparison, MonthCount, Timeline
from app.tool_render import VERDICT_LABELS, quoted, whole_quotation

MAX_LISTED = 200  # statements listed in a timeline (a big speaker has thousands; all are plotted)
TOOLS_CSS = """
.qd-verdict { font-weight: 700; padding: .2em .6em; border-radius: 6px; display: inline-block; }
.qd-verdict-exact { background: #d7f5dd; color: #0b5d1e; }
.qd-verdict-misquoted, .qd-verdict-misattributed { background: #fde2e1; color: #8a1c17; }
.qd-verdict-out_of_context { background: #fff1c7; color: #6b4e00; }
.qd-verdict-not_found { background: #e8e8e8; color: #333; }
.qd-diff del { background: #fde2e1; color: #8a1c17; }
.qd-diff ins { background: #d7f5dd; color: #0b5d1e; text-decoration: none; }
.qd-item { margin: .3em 0 .8em 0; padding-left: .7em; border-left: 3px solid var(--color-accent); }
.qd-cite { font-size: .85em; opacity: .8; }
.qd-columns { display: flex; gap: 1.5em; } .qd-column { flex: 1 1 0; min-width: 0; }
"""


def _link(title: str, url: str | None) -> str:
    safe = clean_url(url)
    text = escape(title or "(untitled)")
    return f'<a href="{escape(safe)}" target="_blank" rel="noopener">{text}</a>' if safe else text


def cite_html(record: QuoteRecord) -> str:
    where = ", ".join(escape(p) for p in (record.source, record.published) if p)
    return (
        f'<div class="qd-cite">{_link(record.title, record.url)}'
        f"{' — ' + where if where else ''}, paragraph {record.paragraph} "
        f"<code>{escape(record.article_id)} {record.start}-{record.end}</code></div>"
    )


def record_html(record: QuoteRecord, with_speaker: bool = True) -> str:
    who = f"<b>{escape(record.speaker or 'Unattributed')}</b>: " if with_speaker else ""
    return (
        f'<div class="qd-item" data-speaker="{escape(record.speaker or "")}">{who}'
        f"{escape(quoted(record))}{cite_html(record)}</div>"
    )


def check_html(result: CheckResult) -> str:
    verdict = result.verdict
    parts = [
        f'<div class="qd-check"><span class="qd-verdict qd-verdict-{verdict}" '
        f'data-verdict="{verdict}">{VERDICT_LABELS[verdict]}</span> '
        f"{escape(result.explanation)}"
    ]
    best = result.best
    if best is not None:
        if any(step.op != "equal" for step in best.diff):
            parts.append(f'<p class="qd-diff">{diff_html(best)}</p>')
        parts.append(f"<p>Stored words: “{escape(best.matched)}”</p>")
        if best.left_out:
            label, whole = whole_quotation(best)
            parts.append(f'<p class="qd-whole-quote">{label}: “{escape(whole)}”</p>')
        parts.append(f"<p>Found in {len(result.occurrences)} place(s), earliest first:</p>")
        parts += [record_html(o.record) for o in result.occurrences]
    return "".join(parts) + "</div>"


def diff_html(best) -> str:
    """Stored words struck out (<del>) and the checked quotation's words inserted (<ins>)."""
    parts = []
    for step in best.diff:
        if step.op == "equal":
            parts.append(escape(step.given))
        if step.op in ("changed", "dropped"):
            parts.append(f"<del>{escape(step.stored)}</del>")
        if step.op in ("changed", "added"):
            parts.append(f"<ins>{escape(step.given)}</ins>")
    return " ".join(parts)


def timeline_html(found: Timeline) -> str:
    if not found.records:
        return f"<p>No statements by {escape(found.speaker)} found.</p>"
    total = len(found.records)
    shown = f", the first {MAX_LISTED} listed" if total > MAX_LISTED else ""
    parts = [f"<p>{total} statement(s) by <b>{escape(found.speaker)}</b>{shown}</p>"]
    left = MAX_LISTED
    for group in found.groups:
        if left <= 0:
            break
        parts.append(f'<h4 class="qd-date">{escape(group.date)}</h4>')
        parts += [record_html(r, with_speaker=False) for r in group.records[:left]]
        left -= len(group.records)
    return "".join(parts)


def comparison_html(found: Comparison) -> str:
    columns = []
    for side in (found.left, found.right):
        items = "".join(record_html(r, with_speaker=False) for r in side.records)
        columns.append(
            f'<div class="qd-column" data-speaker="{escape(side.speaker)}">'
            f"<h3>{escape(side.speaker)}</h3>{items or '<p>Nothing found.</p>'}</div>"
        )
    return f'<div class="qd-columns">{"".join(columns)}</div>'


def profile_html(profile: SpeakerProfile) -> str:
    roles = ", ".join(f"{escape(c.name)} ({c.count})" for c in profile.roles) or "none given"
    sources = ", ".join(f"{escape(c.name)} ({c.count})" for c in profile.sources)
    recent = "".join(record_html(r, with_speaker=False) for r in profile.recent)
    return (
        f'<div class="qd-profile"><h3>{escape(profile.speaker)}</h3>'
        f'<p class="qd-counts">{profile.quotes} quotation(s) in {profile.articles} article(s)</p>'
        f"<p>Roles: {roles}</p><p>Sources: {sources}</p>"
        f"<h4>Most recent quotations</h4>{recent}</div>"
    )


def months_figure(months: list[MonthCount], title: str):
    """Statements per month, one bar colour per source (plotly, which gr.Plot renders)."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for source in sorted({m.source for m in months}):
        mine = [m for m in months if m.source == source]
        figure.add_bar(x=[m.month for m in mine], y=[m.count for m in mine], name=source)
    figure.update_layout(
        barmode="stack",
        title=title,
        xaxis={"title": "month", "type": "category"},
        yaxis={"title": "statements"},
        height=320,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
    )
    if not months:
        figure.add_annotation(text="No dated statements", showarrow=False)
    return figure
