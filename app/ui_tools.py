"""The quote desk tool tabs of the chat: check a quote, timeline, compare, speaker page, export.

`add_tool_tabs(desk)` adds the five tabs to the `gr.Blocks` it is called in; the chat's own
layout stays in `app/ui.py`. Handlers only call `QuoteDesk` and the pure renderers of
`app/tool_html.py`; a bad input shows one line saying what failed, never a traceback.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from app.export import FORMATS
from app.tool_html import (
    TOOLS_CSS,
    check_html,
    comparison_html,
    months_figure,
    profile_html,
    timeline_html,
)

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from app.types import Answer

MAX_SPEAKERS = 500  # most-quoted first; the dropdown filters as the user types
EXPORT_SUFFIX = {"csv": ".csv", "json": ".json", "md": ".md"}


def _problem(text: str) -> str:
    return f'<p class="qd-problem">{escape(text)}</p>'


def speaker_choices(desk: QuoteDesk) -> list[str]:
    return [s.name for s in desk.speakers()[:MAX_SPEAKERS]]


def write_export(text: str, fmt: str, stem: str) -> Path:
    """The export as a file in a fresh temporary folder (Gradio serves files from there)."""
    folder = Path(tempfile.mkdtemp(prefix="quotedesk-export-"))
    safe = "".join(ch if ch.isalnum() else "-" for ch in stem).strip("-")[:60] or "export"
    path = folder / f"{safe}{EXPORT_SUFFIX[fmt]}"
    path.write_text(text, encoding="utf-8")
    return path


def answer_export(desk: QuoteDesk, answer: Answer, fmt: str) -> Path:
    """An answer's citations as a file, for a download button beside the chat."""
    return write_export(desk.export(fmt, answer=answer), fmt, "answer")  # type: ignore[arg-type]


def add_tool_tabs(desk: QuoteDesk) -> None:
    """Create the five tool tabs inside the current `gr.Blocks` (or `gr.Tabs`)."""
    speakers = speaker_choices(desk)
    _check_tab(desk)
    _timeline_tab(desk, speakers)
    _compare_tab(desk, speakers)
    _speaker_tab(desk, speakers)
    _export_tab(desk, speakers)


def _styles() -> None:
    """The tools' CSS, in each tab: works wherever the chat places the tabs, without asking
    `launch` for extra CSS (a repeated <style> block is harmless)."""
    gr.HTML(f"<style>{TOOLS_CSS}</style>", padding=False, container=False, js_on_load=None)


def _speaker_box(speakers: list[str], label: str, elem_id: str) -> gr.Dropdown:
    return gr.Dropdown(speakers, value=None, label=label, allow_custom_value=True, elem_id=elem_id)


def _refresh_on_select(desk: QuoteDesk, tab: gr.Tab, boxes: list[gr.Dropdown]) -> None:
    """Speakers of articles added since the page was built appear when the tab is opened."""

    def choices() -> gr.Dropdown | tuple[gr.Dropdown, ...]:
        updates = tuple(gr.Dropdown(choices=speaker_choices(desk)) for _ in boxes)
        return updates[0] if len(updates) == 1 else updates

    tab.select(choices, None, boxes)


def _check_tab(desk: QuoteDesk) -> None:
    with gr.Tab("Check a quote", elem_id="tab-check"):
        _styles()
        quotation = gr.Textbox(
            label="Quotation", lines=3, placeholder="Paste the quoted words", elem_id="check-quote"
        )
        speaker = gr.Textbox(label="Attributed to (optional)", elem_id="check-speaker")
        button = gr.Button("Check", variant="primary", elem_id="check-run")
        result = gr.HTML("", elem_id="check-result", js_on_load=None)

        def run(text: str, who: str) -> str:
            if not (text or "").strip():
                return _problem("Paste a quotation to check.")
            return check_html(desk.check(text, who or None))

        button.click(run, [quotation, speaker], result)
        quotation.submit(run, [quotation, speaker], result)


def _timeline_tab(desk: QuoteDesk, speakers: list[str]) -> None:
    with gr.Tab("Timeline", elem_id="tab-timeline") as tab:
        _styles()
        with gr.Row():
            speaker = _speaker_box(speakers, "Speaker", "timeline-speaker")
            topic = gr.Textbox(label="Topic (optional)", elem_id="timeline-topic")
            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="timeline-since")
            until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="timeline-until")
        button = gr.Button("Show timeline", variant="primary", elem_id="timeline-run")
        plot = gr.Plot(label="Statements per month", elem_id="timeline-plot")
        items = gr.HTML("", elem_id="timeline-items", js_on_load=None)

        def run(who: str, about: str, start: str, end: str) -> tuple[Any, str]:
            try:
                found = desk.timeline(who or "", about or None, start or None, end or None)
            except ValueError as exc:
                return None, _problem(str(exc))
            title = f"{found.speaker}" + (f" on {found.topic}" if found.topic else "")
            return months_figure(found.months, title), timeline_html(found)

        button.click(run, [speaker, topic, since, until], [plot, items])
        _refresh_on_select(desk, tab, [speaker])


def _compare_tab(desk: QuoteDesk, speakers: list[str]) -> None:
    with gr.Tab("Compare", elem_id="tab-compare") as tab:
        _styles()
        with gr.Row():
            first = _speaker_box(speakers, "First speaker", "compare-first")
            second = _speaker_box(speakers, "Second speaker", "compare-second")
            topic = gr.Textbox(label="Topic (optional)", elem_id="compare-topic")
        button = gr.Button("Compare", variant="primary", elem_id="compare-run")
        result = gr.HTML("", elem_id="compare-result", js_on_load=None)

        def run(a: str, b: str, about: str) -> str:
            try:
                return comparison_html(desk.compare(a or "", b or "", about or None))
            except ValueError as exc:
                return _problem(str(exc))

        button.click(run, [first, second, topic], result)
        _refresh_on_select(desk, tab, [first, second])


def _speaker_tab(desk: QuoteDesk, speakers: list[str]) -> None:
    with gr.Tab("Speaker page", elem_id="tab-speaker") as tab:
        _styles()
        speaker = _speaker_box(speakers, "Speaker (type to search)", "speaker-pick")
        plot = gr.Plot(label="Statements per month", elem_id="speaker-plot")
        page = gr.HTML("", elem_id="speaker-page", js_on_load=None)

        def show(who: str) -> tuple[Any, str]:
            try:
                profile = desk.speaker_profile(who or "")
            except ValueError as exc:
                return None, _problem(str(exc))
            return months_figure(profile.months, profile.speaker), profile_html(profile)

        speaker.change(show, speaker, [plot, page])
        _refresh_on_select(desk, tab, [speaker])


def _export_tab(desk: QuoteDesk, speakers: list[str]) -> None:
    with gr.Tab("Export", elem_id="tab-export") as tab:
        _styles()
        with gr.Row():
            speaker = _speaker_box(speakers, "Speaker's quotations", "export-speaker")
            topic = gr.Textbox(label="Topic (optional)", elem_id="export-topic")
        question = gr.Textbox(
            label="…or an answer's citations: the question", elem_id="export-question"
        )
        fmt = gr.Radio(list(FORMATS), value="csv", label="Format", elem_id="export-format")
        button = gr.Button("Prepare export", variant="primary", elem_id="export-run")
        status = gr.HTML("", elem_id="export-status", js_on_load=None)
        download = gr.DownloadButton("Download", visible=False, elem_id="export-download")

        def run(who: str, about: str, asked: str, chosen: str) -> tuple[str, Any]:
            hidden = gr.DownloadButton(visible=False)
            if bool((who or "").strip()) == bool((asked or "").strip()):
                return _problem("Pick a speaker or type a question (one of them)."), hidden
            try:
                if asked.strip():
                    answer = desk.ask(asked, mode="quotes")
                    text, stem = desk.export(chosen, answer=answer), "answer"  # type: ignore[arg-type]
                else:
                    text, stem = desk.export(chosen, speaker=who, topic=about or None), who  # type: ignore[arg-type]
            except ValueError as exc:
                return _problem(str(exc)), hidden
            path = write_export(text, chosen, stem)
            rows = max(0, text.count("\n") - 1) if chosen == "csv" else None
            counted = f" ({rows} rows)" if rows is not None else ""
            ready = gr.DownloadButton(value=str(path), visible=True)
            return f"<p>Ready: {escape(path.name)}{counted}</p>", ready

        button.click(run, [speaker, topic, question, fmt], [status, download])
        _refresh_on_select(desk, tab, [speaker])
