"""HTML and plots for the quote desk tool tabs: pure functions of the tools' results.

Everything from the store is escaped; links are kept only when they are http(s). Class names
(`qd-verdict`, `qd-diff`, `qd-item`, `qd-column`...) are what the browser tests look for.
"""

from __future__ import annotations

from html import escape

from app.speaker_page import SpeakerProfile
from app.timeline import MonthCount

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


def profile_html(profile: SpeakerProfile) -> str:
    roles = ", ".join(f"{escape(c.name)} ({c.count})" for c in profile.roles) or "none given"
    sources = ", ".join(f"{escape(c.name)} ({c.count})" for c in profile.sources)
    return (
        f'<div class="qd-profile"><h3>{escape(profile.speaker)}</h3>'
        f'<p class="qd-counts">{profile.quotes} quotation(s) in {profile.articles} article(s)</p>'
        f"<p>Roles: {roles}</p><p>Sources: {sources}</p></div>"
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
