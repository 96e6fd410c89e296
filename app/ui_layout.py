"""The chat's layout: every component of the browser chat placed inside the caller's Blocks,
and handed back as one `ChatParts`; `app/ui.py` attaches the handlers to them.

Kept apart from the handlers so each module reads as one thing: here what the page shows and
where, there what happens when it is used. The page's style and its one script (a marker
click opens its source in the panel and scrolls to it, in the capture phase so the chat's own
link handling never turns it into navigation; on a phone the sidebar starts closed) are files
in `app/static/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from app.browser_state import browser_secret, browser_storage_key
from app.export import FORMATS
from app.html import EMPTY_SOURCES, render_backend, render_quote_page, render_stats
from app.ui_tools import add_tool_tabs, speaker_picker
from app.uploads import UPLOAD_TYPES

if TYPE_CHECKING:
    from app.api import QuoteDesk

STATIC = Path(__file__).parent / "static"
CSS = (STATIC / "chat.css").read_text(encoding="utf-8")
JS = (STATIC / "chat.js").read_text(encoding="utf-8")
MODES = [("Written answer", "written"), ("Quotes only", "quotes")]
EXAMPLE_SLOTS = 3


@dataclass(frozen=True)
class ChatParts:
    """The components the handlers read and write, as laid out by `layout`."""

    history: gr.State
    saved: gr.BrowserState
    stats: gr.HTML
    mode: gr.Dropdown
    new_chat_button: gr.Button
    speaker: gr.Dropdown
    source: gr.Dropdown
    since: gr.Textbox
    until: gr.Textbox
    files: gr.File
    upload_result: gr.HTML
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    example_buttons: list[gr.Button]
    export_md: gr.Textbox
    download_md: gr.Button
    export_json: gr.Textbox
    download_json: gr.Button
    sources: gr.HTML
    quotes_speaker: gr.Dropdown
    chat_tab: gr.Tab
    answer_format: gr.Radio
    download_answer: gr.Button
    answer_text: gr.Textbox
    previous_page: gr.Button
    next_page: gr.Button
    quotes_page: gr.State
    quotes_list: gr.HTML


def layout(desk: QuoteDesk, max_upload_mb: float) -> ChatParts:
    """Place every component (inside the caller's Blocks); no handler is attached here."""
    history = gr.State([])
    saved = gr.BrowserState([], storage_key=browser_storage_key(desk), secret=browser_secret(desk))
    sidebar = _sidebar(desk, max_upload_mb)
    gr.HTML(
        '<div class="qd-header"><h1 class="qd-app-title" id="title">quotedesk</h1>'
        '<span class="qd-tagline">Ask your news articles: every answer cites the exact '
        "quoted words and who said them.</span></div>",
        elem_id="header",
    )
    # The sources panel sits beside every tab: the chat's markers and the speaker page's
    # quotations both open their passage there.
    sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=None, render=False)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=340), gr.Tabs(overflow_behavior="wrap"):
            chat = _chat_tab()
            quotes = _quotes_tab()
            add_tool_tabs(desk, sources)
        with gr.Column(scale=2, min_width=320):
            gr.Markdown("### Sources")
            sources.render()

    return ChatParts(history=history, saved=saved, sources=sources, **sidebar, **chat, **quotes)


def _sidebar(desk: QuoteDesk, max_upload_mb: float) -> dict[str, Any]:
    """The sidebar: numbers, answer mode, new chat, filters and upload (`ChatParts` fields)."""
    with gr.Sidebar(open=True, width=320, elem_id="sidebar"):
        stats = gr.HTML(render_stats(desk.stats()), elem_id="stats", js_on_load=None)
        gr.HTML(render_backend(desk.llm and desk.llm.name), elem_id="backend")
        # A dropdown, not a radio: Gradio's radio refuses an unknown value with an error
        # that quotes it back (any size); `respond` answers one in a sentence instead.
        mode = gr.Dropdown(
            MODES,
            value=desk.default_mode,
            label="Answers",
            allow_custom_value=True,
            elem_id="mode",
            visible=desk.llm is not None,
        )
        new_chat_button = gr.Button("New chat", size="sm", elem_id="new-chat")
        gr.Markdown("**Filters**")
        speaker = speaker_picker("Speaker (empty: anyone)", "filter-speaker")
        source = gr.Dropdown(
            [("Any source", "")],
            value="",
            label="Source",
            allow_custom_value=True,
            elem_id="filter-source",
        )
        with gr.Row(equal_height=True):
            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="filter-since")
            until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="filter-until")
        gr.Markdown(
            f"**Add articles**: .txt .md .html .json .jsonl, up to {max_upload_mb:g} MB each"
        )
        files = gr.File(
            file_count="multiple",
            file_types=UPLOAD_TYPES,
            show_label=False,
            elem_id="upload",
            height=110,
        )
        upload_result = gr.HTML("", elem_id="upload-result", js_on_load=None)
    return {
        "stats": stats,
        "mode": mode,
        "new_chat_button": new_chat_button,
        "speaker": speaker,
        "source": source,
        "since": since,
        "until": until,
        "files": files,
        "upload_result": upload_result,
    }


def _chat_tab() -> dict[str, Any]:
    """The chat tab: conversation, question box, examples and exports (`ChatParts` fields)."""
    with gr.Tab("Chat", elem_id="chat-tab") as chat_tab:
        chatbot = gr.Chatbot(
            label="Chat",
            elem_id="chat",
            height=520,
            latex_delimiters=[],
            feedback_options=None,
            buttons=[],  # the export gives the conversation as text
            placeholder="Ask a question about the articles, paste a quotation to "
            "check, or pick an example.",
        )
        with gr.Row(equal_height=True):
            question = gr.Textbox(
                show_label=False,
                placeholder="Ask a question, or paste a quotation to check, and press Enter",
                elem_id="question",
                scale=6,
                autofocus=True,
            )
            send = gr.Button("Ask", variant="primary", elem_id="send", scale=1, min_width=80)
        with gr.Row(elem_id="examples"):
            example_buttons = [
                gr.Button(" ", size="sm", visible=False, elem_classes=["qd-example"])
                for _ in range(EXAMPLE_SLOTS)
            ]
        with gr.Row(equal_height=True, elem_classes=["qd-answer-download"]):
            answer_format = gr.Radio(
                list(FORMATS),
                value="csv",
                label="The last answer with its sources",
                elem_id="answer-format",
                scale=3,
            )
            download_answer = gr.Button(
                "Download answer", size="sm", elem_id="answer-download", scale=1
            )
            answer_text = gr.Textbox(visible="hidden", elem_id="answer-export")
        with gr.Accordion("Export the conversation", open=False, elem_id="export"):
            with gr.Tab("Markdown"):
                export_md = _export_box("export-md")
                download_md = gr.Button("Download .md", size="sm")
            with gr.Tab("JSON"):
                export_json = _export_box("export-json")
                download_json = gr.Button("Download .json", size="sm")
    return {
        "chat_tab": chat_tab,
        "chatbot": chatbot,
        "question": question,
        "send": send,
        "example_buttons": example_buttons,
        "answer_format": answer_format,
        "download_answer": download_answer,
        "answer_text": answer_text,
        "export_md": export_md,
        "download_md": download_md,
        "export_json": export_json,
        "download_json": download_json,
    }


def _quotes_tab() -> dict[str, Any]:
    """The quotes-by-speaker tab, one page at a time (`ChatParts` fields)."""
    with gr.Tab("Quotes by speaker", elem_id="quotes-tab"):
        quotes_speaker = speaker_picker("Speaker", "quotes-speaker")
        with gr.Row():
            previous_page = gr.Button("← Newer", size="sm", elem_id="quotes-prev")
            next_page = gr.Button("Older →", size="sm", elem_id="quotes-next")
        quotes_page = gr.State(1)
        quotes_list = gr.HTML(render_quote_page(None), elem_id="quotes", js_on_load=None)
    return {
        "quotes_speaker": quotes_speaker,
        "previous_page": previous_page,
        "next_page": next_page,
        "quotes_page": quotes_page,
        "quotes_list": quotes_list,
    }


def _export_box(elem_id: str) -> gr.Textbox:
    return gr.Textbox(
        show_label=False,
        lines=8,
        max_lines=20,
        interactive=False,
        buttons=["copy"],
        elem_id=elem_id,
    )
