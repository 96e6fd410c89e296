"""The quote desk tool tabs of the chat: check a quote, timeline, compare, speaker page, export.

`add_tool_tabs(desk, sources)` lays the five tabs out inside the `gr.Blocks` (or `gr.Tabs`) it
is called in and binds the module's handlers to `desk` with `functools.partial`; the chat's own
layout stays in `app/ui.py`. Handlers only call `QuoteDesk` and the pure renderers; a bad input
shows one line saying what failed, never a traceback.

Exports are saved by the browser from text already on the page (`DOWNLOAD_JS`): the served
chat answers 404 on Gradio's file routes (`app/guard.py`), so no file is written or served.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

import gradio as gr

from app.chat_tool_html import record_item
from app.chat_tools import check_turn, citations_of, compare_turn, timeline_turn
from app.export import FORMATS
from app.html import EMPTY_SOURCES, render_sources
from app.speakers_view import speaker_label
from app.tool_html import TOOLS_CSS, months_figure, profile_html
from app.tool_turn import ToolAnswer
from app.types import Answer

if TYPE_CHECKING:
    from app.api import QuoteDesk

SPEAKER_MATCHES = 50  # picker suggestions per keystroke (the search itself covers everyone)
MIME = {"csv": "text/csv", "json": "application/json", "md": "text/markdown"}

# Save the text of a textbox as a file named `quotedesk-<name>.<format>`.
DOWNLOAD_JS = """
(text, format = '{fmt}') => {{
  if (!text) return;
  const types = {mime};
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {{type: types[format] || 'text/plain'}}));
  link.download = 'quotedesk-{name}.' + format;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}}
"""


def download_js(name: str, fmt: str = "") -> str:
    """The browser-side download of an export; its inputs are the text and, unless `fmt`
    fixes it, the format."""
    return DOWNLOAD_JS.format(mime=str(MIME).replace("'", '"'), name=name, fmt=fmt)


def problem(text: str) -> str:
    """One line saying what failed."""
    return f'<p class="qd-problem">{escape(text)}</p>'


# ----- the speaker picker (the chat's filters and every tool tab) ---------------------------


def speaker_choices(desk: QuoteDesk, typed: str = "") -> list[tuple[str, str]]:
    """("Name — role (n quotes)", name) for the speakers matching what was typed."""
    return [(speaker_label(s), s.name) for s in desk.find_speakers(typed, SPEAKER_MATCHES)]


@dataclass(frozen=True)
class SpeakerSearch:
    """Suggestions for a picker as the user types, over every speaker in the store.

    A callable object rather than a partial: Gradio passes `gr.KeyUpData` only to a callable
    whose type hints it can read, which a `functools.partial` hides.
    """

    desk: QuoteDesk

    def __call__(self, key: gr.KeyUpData) -> dict[str, Any]:
        return gr.update(choices=speaker_choices(self.desk, key.input_value or ""))


def speaker_picker(label: str, elem_id: str) -> gr.Dropdown:
    """A speaker dropdown that starts empty and suggests names as the user types; a typed
    name is allowed, and answered honestly if unknown."""
    return gr.Dropdown(
        [], value=None, label=label, allow_custom_value=True, filterable=True, elem_id=elem_id
    )


def first_suggestions(desk: QuoteDesk, pickers: int) -> Any:
    """The most-quoted speakers as every picker's first suggestions (on load, after uploads)."""
    updates = [gr.update(choices=speaker_choices(desk)) for _ in range(pickers)]
    return updates[0] if pickers == 1 else tuple(updates)


# ----- handlers ------------------------------------------------------------------------------


# Each tool shows its result as the chat shows it (`app/chat_tools.py`), and the quotations it
# found in the sources panel, where each marker opens its paragraph.


def run_check(desk: QuoteDesk, text: str, who: str) -> tuple[str, Any]:
    """Outputs: the verdict with its diff and places, the sources panel."""
    if not (text or "").strip():
        return problem("Paste a quotation to check."), gr.skip()
    turn = check_turn(text, desk.check(text, who or None), desk.article)
    return _shown(turn), render_sources(turn, desk.article)


def run_timeline(
    desk: QuoteDesk, who: str, about: str, start: str, end: str
) -> tuple[Any, str, Any]:
    """Outputs: the plot, the dated list, the sources panel."""
    try:
        found = desk.timeline(who or "", about or None, start or None, end or None)
    except ValueError as exc:
        return None, problem(str(exc)), gr.skip()
    turn = timeline_turn(found.speaker, found, desk.article)
    title = found.speaker + (f" on {found.topic}" if found.topic else "")
    return months_figure(found.months, title), _shown(turn), render_sources(turn, desk.article)


def run_compare(desk: QuoteDesk, a: str, b: str, about: str) -> tuple[str, Any]:
    """Outputs: the two columns, the sources panel."""
    try:
        found = desk.compare(a or "", b or "", about or None)
    except ValueError as exc:
        return problem(str(exc)), gr.skip()
    turn = compare_turn(f"{a} / {b}", found, desk.article)
    return _shown(turn), render_sources(turn, desk.article)


def _shown(turn: ToolAnswer) -> str:
    """A tool turn's own view, its markers linked to the sources panel."""
    return turn.body(True) if turn.body is not None else problem(turn.answer)


def show_speaker(desk: QuoteDesk, who: str) -> tuple[Any, str, str]:
    """The plot, the page, and the sources panel holding the page's recent quotations: each
    quotation's marker opens its block there (the paragraph, the article around it)."""
    try:
        profile = desk.speaker_profile(who or "")
    except ValueError as exc:
        return None, problem(str(exc)), gr.skip()
    citations = citations_of(profile.recent, desk.article)
    recent = "".join(
        record_item(r, c, linked=True, with_speaker=False)
        for r, c in zip(profile.recent, citations, strict=True)
    )
    page = (
        profile_html(profile)
        + f'<h4>Most recent quotations</h4><div class="qd-recent">{recent}</div>'
    )
    cited = Answer(question=profile.speaker, answer="", abstained=False, citations=citations)
    return (
        months_figure(profile.months, profile.speaker),
        page,
        render_sources(cited, desk.article),
    )


def prepare_export(desk: QuoteDesk, who: str, about: str, asked: str, chosen: str) -> tuple:
    """Outputs: the status line, the export's text (for the browser to save), the download
    button shown or hidden."""
    hidden = gr.update(visible=False)
    if bool((who or "").strip()) == bool((asked or "").strip()):
        return problem("Pick a speaker or type a question (one of them)."), "", hidden
    try:
        if asked.strip():
            text = answer_export(desk, desk.ask(asked, mode="quotes"), chosen)
        else:
            text = desk.export(chosen, speaker=who, topic=about or None)  # type: ignore[arg-type]
    except ValueError as exc:
        return problem(str(exc)), "", hidden
    rows = max(0, text.count("\n") - 1) if chosen == "csv" else None
    counted = f" ({rows} rows)" if rows is not None else ""
    return f"<p>Ready: {chosen.upper()}{counted}</p>", text, gr.update(visible=True)


def answer_export(desk: QuoteDesk, answer: Answer, fmt: str) -> str:
    """An answer's citations as CSV, JSON or Markdown (ValueError for another format)."""
    return desk.export(fmt, answer=answer)  # type: ignore[arg-type]


# ----- layout --------------------------------------------------------------------------------


def add_tool_tabs(desk: QuoteDesk, sources: gr.HTML | None = None) -> None:
    """Create the five tool tabs inside the current `gr.Blocks` (or `gr.Tabs`).

    `sources` is the chat's sources panel, where the quotations a tool found open; without it
    (the tabs on their own) a panel is placed under the tabs."""
    own_panel = sources is None
    panel = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=None, render=False)
    sources = panel if sources is None else sources
    search = SpeakerSearch(desk)
    pickers = [
        _check_tab(desk, sources),
        _timeline_tab(desk, sources),
        _compare_tab(desk, sources),
        _speaker_tab(desk, sources),
        _export_tab(desk),
    ]
    if own_panel:
        panel.render()
    for picker in (p for group in pickers for p in group):
        picker.key_up(search, None, picker, api_name=False, queue=False, show_progress="hidden")


def _styles() -> None:
    """The tools' CSS, in each tab: works wherever the chat places the tabs, without asking
    `launch` for extra CSS (a repeated <style> block is harmless)."""
    gr.HTML(f"<style>{TOOLS_CSS}</style>", padding=False, container=False, js_on_load=None)


def _suggest_on_select(desk: QuoteDesk, tab: gr.Tab, boxes: list[gr.Dropdown]) -> None:
    """The most-quoted speakers (of the store as it is now) when the tab is opened."""
    tab.select(partial(first_suggestions, desk, len(boxes)), None, boxes, api_name=False)


def _check_tab(desk: QuoteDesk, sources: gr.HTML) -> list[gr.Dropdown]:
    with gr.Tab("Check a quote", elem_id="tab-check"):
        _styles()
        quotation = gr.Textbox(
            label="Quotation", lines=3, placeholder="Paste the quoted words", elem_id="check-quote"
        )
        speaker = gr.Textbox(label="Attributed to (optional)", elem_id="check-speaker")
        button = gr.Button("Check", variant="primary", elem_id="check-run")
        result = gr.HTML("", elem_id="check-result", js_on_load=None)
    for event in (button.click, quotation.submit):
        event(partial(run_check, desk), [quotation, speaker], [result, sources], api_name=False)
    return []


def _timeline_tab(desk: QuoteDesk, sources: gr.HTML) -> list[gr.Dropdown]:
    with gr.Tab("Timeline", elem_id="tab-timeline") as tab:
        _styles()
        with gr.Row():
            speaker = speaker_picker("Speaker", "timeline-speaker")
            topic = gr.Textbox(label="Topic (optional)", elem_id="timeline-topic")
            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="timeline-since")
            until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="timeline-until")
        button = gr.Button("Show timeline", variant="primary", elem_id="timeline-run")
        plot = gr.Plot(label="Statements per month", elem_id="timeline-plot")
        items = gr.HTML("", elem_id="timeline-items", js_on_load=None)
    inputs = [speaker, topic, since, until]
    outputs = [plot, items, sources]
    button.click(partial(run_timeline, desk), inputs, outputs, api_name=False)
    _suggest_on_select(desk, tab, [speaker])
    return [speaker]


def _compare_tab(desk: QuoteDesk, sources: gr.HTML) -> list[gr.Dropdown]:
    with gr.Tab("Compare", elem_id="tab-compare") as tab:
        _styles()
        with gr.Row():
            first = speaker_picker("First speaker", "compare-first")
            second = speaker_picker("Second speaker", "compare-second")
            topic = gr.Textbox(label="Topic (optional)", elem_id="compare-topic")
        button = gr.Button("Compare", variant="primary", elem_id="compare-run")
        result = gr.HTML("", elem_id="compare-result", js_on_load=None)
    inputs = [first, second, topic]
    button.click(partial(run_compare, desk), inputs, [result, sources], api_name=False)
    _suggest_on_select(desk, tab, [first, second])
    return [first, second]


def _speaker_tab(desk: QuoteDesk, sources: gr.HTML) -> list[gr.Dropdown]:
    with gr.Tab("Speaker page", elem_id="tab-speaker") as tab:
        _styles()
        speaker = speaker_picker("Speaker (type to search)", "speaker-pick")
        plot = gr.Plot(label="Statements per month", elem_id="speaker-plot")
        page = gr.HTML("", elem_id="speaker-page", js_on_load=None)
    speaker.change(partial(show_speaker, desk), speaker, [plot, page, sources], api_name=False)
    _suggest_on_select(desk, tab, [speaker])
    return [speaker]


def _export_tab(desk: QuoteDesk) -> list[gr.Dropdown]:
    with gr.Tab("Export", elem_id="tab-export") as tab:
        _styles()
        with gr.Row():
            speaker = speaker_picker("Speaker's quotations", "export-speaker")
            topic = gr.Textbox(label="Topic (optional)", elem_id="export-topic")
        question = gr.Textbox(
            label="…or an answer's citations: the question", elem_id="export-question"
        )
        fmt = gr.Radio(list(FORMATS), value="csv", label="Format", elem_id="export-format")
        button = gr.Button("Prepare export", variant="primary", elem_id="export-run")
        status = gr.HTML("", elem_id="export-status", js_on_load=None)
        text = gr.Textbox(visible="hidden", elem_id="export-text")
        download = gr.Button("Download", visible=False, elem_id="export-download")
    button.click(
        partial(prepare_export, desk),
        [speaker, topic, question, fmt],
        [status, text, download],
        api_name=False,
    )
    download.click(None, [text, fmt], None, js=download_js("export"))
    _suggest_on_select(desk, tab, [speaker])
    return [speaker]
