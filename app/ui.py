"""The browser chat: `build_ui(desk)` makes the Gradio Blocks, `launch` serves it.

Handlers only call `QuoteDesk` and the pure renderers in `app/html.py`. Each browser session
keeps its conversation as a list of `Answer`s in `gr.State`; the chat display is derived from
it, never parsed back. The desk (model and store) is built once by the caller and shared.
"""

from __future__ import annotations

import os

# Before Gradio is imported: no analytics, version checks or Hugging Face calls. Gradio's
# queue also summarises its last 10,000 events with pandas after every event, for a monitoring
# page quotedesk does not serve: under the soak (benchmarks/soak.py, py-spy) that was about 6%
# of the server's busy time and grew with uptime, so it is summarised rarely, over few events.
for _name, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "GRADIO_ANALYTICS_MAX_EVENTS": "500",
    "GRADIO_ANALYTICS_CACHE_FREQUENCY": "500",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}.items():
    os.environ.setdefault(_name, _value)

import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

import gradio as gr  # noqa: E402

from app.html import (  # noqa: E402
    EMPTY_SOURCES,
    FileResult,
    chat_messages,
    render_backend,
    render_sources,
    render_stats,
    render_upload_results,
    stream_cuts,
)
from app.render import format_answer_text  # noqa: E402
from app.settings import ServerSettings  # noqa: E402
from app.types import Answer, Filters  # noqa: E402

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from ingest.pipeline import IngestReport

STATIC = Path(__file__).parent / "static"
FAVICON = STATIC / "favicon.svg"
EXAMPLES = (
    "What did Lavrov say about the OSCE?",
    "What did Peskov say?",
    "Who is Sergei Lavrov?",
)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl"]
STREAM_STEPS = 3  # a quoted answer appears in this many updates (each costs ~4 ms of server CPU)
STREAM_DELAY = 0.05  # seconds between them
LLM_REFRESH = 0.1  # seconds between chat updates while an LLM writes (not one per token)
MODES = [("Written answer", "written"), ("Quotes only", "quotes")]
MAX_TURNS = 100  # per session; older turns drop off the display and the history
MAX_SPEAKERS = 500  # most-quoted first; the dropdown filters as the user types

CSS = """
.qd-sources { max-height: 76vh; overflow-y: auto; padding-right: .3em; }
.qd-source { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .5em .8em; margin: 0 0 .7em 0; scroll-margin-top: .5em; }
.qd-source > summary { cursor: pointer; font-weight: 600; }
.qd-source.qd-flash { outline: 3px solid var(--color-accent); }
.qd-speaker { color: var(--color-accent); }
.qd-meta { font-size: .85em; opacity: .8; margin: .2em 0 .4em 0; }
.qd-passage { margin: .3em 0; padding-left: .7em; border-left: 3px solid var(--color-accent); }
.qd-passage p, .qd-article-text p { margin: .3em 0; }
.qd-around, .qd-whole { font-size: .9em; margin-top: .3em; }
.qd-around > summary, .qd-whole > summary { cursor: pointer; opacity: .85; }
.qd-article-text { max-height: 24em; overflow-y: auto; padding-right: .4em; }
.qd-cited { font-weight: 500; }
mark { background: #ffe58a; color: #1a1a1a; padding: 0 .1em; border-radius: 2px; }
.qd-marker { font-weight: 600; text-decoration: none; cursor: pointer; }
.qd-cite-list { font-size: .85em; margin: .5em 0 0 0; padding-left: 1.2em; opacity: .9; }
.qd-notice { font-size: .85em; font-style: italic; margin-top: .4em; }
.qd-abstained .qd-answer-text { font-style: italic; }
.qd-stats, .qd-backend { font-size: .95em; }
.qd-upload { width: 100%; font-size: .9em; }
.qd-upload td, .qd-upload th { padding: .2em .5em; text-align: left; }
.qd-failed td:nth-child(2) { color: #b42318; font-weight: 600; }
@media (max-width: 768px) { .qd-sources { max-height: none; } }
"""

# A marker click opens its source in the panel and scrolls to it (capture phase, so the chat's
# own link handling never turns it into navigation).
JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#source-"]');
    if (!link) return;
    const target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.open = true;
    target.scrollIntoView({behavior: 'smooth', block: 'start'});
    target.classList.add('qd-flash');
    setTimeout(() => target.classList.remove('qd-flash'), 1500);
  }, true);
}
"""


def build_ui(
    desk: QuoteDesk,
    max_upload_mb: float = ServerSettings.max_upload_mb,
    ask_concurrency: int = ServerSettings.ask_concurrency,
) -> gr.Blocks:
    """The chat, the sources panel, examples, copy box and upload, bound to one `desk`."""
    max_upload_bytes = int(max_upload_mb * 1_000_000)

    def respond(
        question: str,
        history: list[Answer],
        mode: str | None = None,
        speaker: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Iterator[tuple]:
        if not (question or "").strip():
            yield (gr.skip(),) * 5
            return
        try:
            filters = Filters(speaker or None, source or None, since or None, until or None)
        except ValueError as exc:  # a mistyped date: say so in the chat, keep the question
            refused = Answer(
                question=question, answer=f"Filter not applied: {exc}.", abstained=True
            )
            history = [*history, refused][-MAX_TURNS:]
            yield question, chat_messages(history), history, gr.skip(), gr.skip()
            return
        written, shown = "", 0.0
        mode = mode or desk.default_mode
        for item in desk.ask_stream(question, history, mode, filters):
            if isinstance(item, Answer):
                answer = item
                continue
            written += item
            if time.monotonic() - shown >= LLM_REFRESH:
                shown = time.monotonic()
                messages = chat_messages(history, _unfinished(question, written))
                yield "", messages, gr.skip(), gr.skip(), gr.skip()
        # The verified answer replaces the LLM's raw text; quoted answers stream in a few cuts.
        # Every cut repeats the sources and copy text rather than `gr.skip()` them: Gradio 6
        # turns a skip of a non-state output into a new component per update (Textbox and HTML
        # construction were a fifth of the server's CPU in the soak), while a repeated value is
        # only diffed away. The state is sent once, with the finished answer.
        sources = render_sources(answer, desk.article)
        copy_text = format_answer_text(answer)
        cuts = [] if written else list(stream_cuts(answer.answer, STREAM_STEPS))[:-1]
        for cut in cuts:
            yield "", chat_messages(history, (answer, cut)), gr.skip(), sources, copy_text
            time.sleep(STREAM_DELAY)
        history = [*history, answer][-MAX_TURNS:]
        yield "", chat_messages(history), history, sources, copy_text

    def clear() -> tuple:
        return [], [], EMPTY_SOURCES, "", ""

    def add_files(
        paths: list[str] | None,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio injects the tracker
    ) -> tuple:
        results = []
        for i, path in enumerate(paths or []):
            progress((i, len(paths)), desc=f"Adding {Path(path).name}")
            results.append(ingest_upload(desk, Path(path), max_upload_bytes))
        return (
            render_upload_results(results),
            render_stats(desk.stats()),
            None,
            *filter_choices(),
        )

    def filter_choices() -> tuple:
        speakers = [(f"{s.name} ({s.quotes})", s.name) for s in desk.speakers()[:MAX_SPEAKERS]]
        return (
            gr.update(choices=[("Anyone", "")] + speakers),
            gr.update(choices=[("Any source", "")] + [(s, s) for s in desk.sources()]),
        )

    with gr.Blocks(title="quotedesk", analytics_enabled=False) as demo:
        history = gr.State([])
        with gr.Row(equal_height=False):
            gr.Markdown(
                "## quotedesk\nAsk your news articles: every answer cites the exact quoted "
                "words and who said them."
            )
            with gr.Column(min_width=240):
                stats = gr.HTML(render_stats(desk.stats()), elem_id="stats", js_on_load=None)
                gr.HTML(render_backend(desk.llm and desk.llm.name), elem_id="backend")
                mode = gr.Radio(
                    MODES,
                    value=desk.default_mode,
                    show_label=False,
                    elem_id="mode",
                    visible=desk.llm is not None,
                )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=340):
                chatbot = gr.Chatbot(
                    label="Chat",
                    elem_id="chat",
                    height=520,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=[],  # the copy box gives the answer as text; no share button
                    placeholder="Ask a question about the articles, or pick an example below.",
                )
                with gr.Row(equal_height=True):
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Ask a question and press Enter",
                        elem_id="question",
                        scale=6,
                        autofocus=True,
                        max_length=2000,
                    )
                    send = gr.Button(
                        "Ask", variant="primary", elem_id="send", scale=1, min_width=80
                    )
                with gr.Row():
                    example_buttons = [
                        gr.Button(text, size="sm", elem_classes=["qd-example"]) for text in EXAMPLES
                    ]
                    clear_button = gr.Button("Clear chat", size="sm", elem_id="clear")
                with gr.Accordion("Copy the answer as Markdown", open=False):
                    copy_box = gr.Textbox(
                        show_label=False,
                        lines=8,
                        interactive=False,
                        buttons=["copy"],
                        elem_id="copy-answer",
                    )
            with gr.Column(scale=2, min_width=320):
                gr.Markdown("### Sources")
                sources = gr.HTML(EMPTY_SOURCES, elem_id="sources", js_on_load=None)
        with (
            gr.Accordion("Filters", open=False, elem_id="filters"),
            gr.Row(equal_height=True),
        ):
            # Choices arrive on page load (and after uploads), never in the page config: with
            # --auth, Gradio's login page embeds the API description, which would list them.
            # Typed values are allowed, so a speaker just ingested elsewhere is not refused.
            speaker = _choice_filter("Speaker", "Anyone", "filter-speaker")
            source = _choice_filter("Source", "Any source", "filter-source")
            since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="filter-since")
            until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="filter-until")
        with gr.Accordion("Add articles", open=False, elem_id="add-articles"):
            files = gr.File(
                file_count="multiple",
                file_types=UPLOAD_TYPES,
                label=f"Drop .txt .md .html .json .jsonl files (up to {max_upload_mb:g} MB each)",
                elem_id="upload",
            )
            upload_result = gr.HTML("", elem_id="upload-result", js_on_load=None)

        outputs = [question, chatbot, history, sources, copy_box]
        ask_options = {"concurrency_limit": ask_concurrency, "show_progress": "minimal"}
        inputs = [question, history, mode, speaker, source, since, until]
        question.submit(respond, inputs, outputs, api_name="ask", **ask_options)
        send.click(respond, inputs, outputs, api_name=False, **ask_options)
        for button, text in zip(example_buttons, EXAMPLES, strict=True):
            button.click(_constant(text), None, question, api_name=False, queue=False).then(
                respond, inputs, outputs, api_name=False, **ask_options
            )
        cleared = [chatbot, history, sources, copy_box, question]
        clear_button.click(clear, None, cleared, api_name="clear")
        chatbot.clear(clear, None, cleared, api_name=False)  # the chat's own trash button
        files.upload(
            add_files,
            files,
            [upload_result, stats, files, speaker, source],
            api_name="add",
            concurrency_limit=1,
        )
        demo.load(
            lambda: (render_stats(desk.stats()), *filter_choices()),
            None,
            [stats, speaker, source],
            api_name=False,
        )
    return demo


def ingest_upload(desk: QuoteDesk, path: Path, max_bytes: int) -> FileResult:
    """Ingest one uploaded file (already in Gradio's upload cache) and say what happened."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        return FileResult(name, "failed", f"cannot read the upload ({exc.strerror or exc})")
    if size > max_bytes:
        limit = max_bytes / 1e6
        return FileResult(name, "failed", f"{size / 1e6:.1f} MB is over the {limit:g} MB limit")
    if path.suffix.lower() not in UPLOAD_TYPES:
        return FileResult(name, "failed", f"unsupported type; use {' '.join(UPLOAD_TYPES)}")
    return file_result(name, str(path), desk.ingest([path], progress=False))


def file_result(name: str, origin: str, report: IngestReport) -> FileResult:
    """One row from an ingest report of a single file (JSONL files may hold many articles)."""
    counts = [
        (label, n)
        for label, n in (
            ("added", report.added),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("failed", report.failed),
        )
        if n
    ]
    reasons = [f"{_where(e.origin, origin)}{e.reason}" for e in report.errors[:5]]
    if len(report.errors) > 5:
        reasons.append(f"and {len(report.errors) - 5} more")
    if not counts:
        return FileResult(name, "failed", "no articles found")
    if len(counts) == 1 and counts[0][1] == 1:
        status = counts[0][0]
    else:
        status = ", ".join(f"{n} {label}" for label, n in counts)
    return FileResult(name, status, "; ".join(reasons))


def _where(error_origin: str, origin: str) -> str:
    """'line 3: ' for a JSONL record, '[2] ' for a JSON array item, '' for the file itself."""
    rest = error_origin.removeprefix(origin)
    if rest.startswith(":"):
        return f"line {rest[1:]}: "
    return f"{rest} " if rest and rest != error_origin else ""


def _unfinished(question: str, text: str) -> tuple[Answer, int]:
    """What the LLM has written so far, shown as an answer still streaming (cut before the
    ellipsis, so `render_answer` marks it unfinished and adds no sources yet)."""
    return Answer(question=question, answer=text + " …", abstained=False), len(text)


def _choice_filter(label: str, anything: str, elem_id: str) -> gr.Dropdown:
    """A filter dropdown whose empty value means no filter; choices are set by the handlers."""
    return gr.Dropdown(
        [(anything, "")], value="", label=label, allow_custom_value=True, elem_id=elem_id
    )


def _constant(text: str):
    def value() -> str:
        return text

    return value


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """ "user:pass" to Gradio's (user, pass); a clear error for anything else."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ValueError("auth must look like user:pass")
    return user, password


def launch(
    desk: QuoteDesk, server: ServerSettings, *, block: bool = True, **extra: Any
) -> gr.Blocks:
    """Serve the chat on `server.host:server.port` (127.0.0.1 unless told otherwise).

    `block=False` returns once the server runs (tests); call `demo.close()` to stop it.
    """
    demo = build_ui(desk, server.max_upload_mb, server.ask_concurrency)
    demo.queue(default_concurrency_limit=server.ask_concurrency)
    demo.launch(
        server_name=server.host,
        server_port=server.port,
        auth=parse_auth(server.auth),
        auth_message="quotedesk: log in with the user and password you were given.",
        max_file_size=int(server.max_upload_mb * 1_000_000),
        favicon_path=str(FAVICON),
        css=CSS,
        js=JS,
        share=False,
        show_error=True,
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        enable_monitoring=False,
        prevent_thread_lock=not block,
        # FastAPI's /openapi.json lists every route to anyone, even with --auth: switch it off.
        app_kwargs={"openapi_url": None, **extra.pop("app_kwargs", {})},
        **extra,
    )
    return demo
