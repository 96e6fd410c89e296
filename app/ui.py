"""The browser chat: `build_ui(desk)` builds the Gradio Blocks, `launch` serves it.

Handlers are module-level functions that only call `QuoteDesk` and the pure renderers in
`app/html.py` and `app/conversation.py`; `build_ui` binds them to one desk with
`functools.partial` and attaches them to the components `app/ui_layout.py` places. Each
browser session keeps its conversation as a list of `Answer`s in `gr.State` (the chat
display is derived from it, never parsed back), mirrored into the browser's local storage per
store, so a reload brings it back.

Uploads are checked, kept and ingested by `app/uploads.py`; the browser's copy of the chat is
keyed and encrypted per store by `app/browser_state.py`.

A message that asks for a quote desk tool (a quotation to check, a speaker over time, two
speakers side by side; `app/chat_request.py`) is answered by the tool as a turn of its own
(`app/chat_tools.py`); the five tool tabs (`app/ui_tools.py`) sit beside the chat, and the
sources panel beside every tab.

Call `app.settings.set_process_switches()` before importing this module (`quotedesk` does at
start-up): Gradio reads its switches when it is imported.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from starlette.middleware import Middleware

from app.api import MAX_QUESTION_CHARS
from app.chat_tools import tool_answer
from app.conversation import restored, stored, to_json, to_markdown
from app.export import FORMATS
from app.guard import Guard, LoginThrottle
from app.html import (
    EMPTY_SOURCES,
    chat_messages,
    render_quote_page,
    render_sources,
    render_stats,
    render_upload_results,
    stream_cuts,
)
from app.settings import ServerSettings
from app.tool_html import TOOLS_CSS
from app.types import Answer, Filters
from app.ui_layout import CSS, EXAMPLE_SLOTS, JS, MODES, STATIC, ChatParts, layout
from app.ui_tools import (
    SpeakerSearch,
    answer_export,
    download_js,
    first_suggestions,
)
from app.uploads import ingest_upload
from ingest.loaders import strip_control

if TYPE_CHECKING:
    from app.api import QuoteDesk

FAVICON = STATIC / "favicon.svg"
STREAM_STEPS = 3  # a quoted answer appears in this many updates (each costs ~4 ms of server CPU)
STREAM_DELAY = 0.05  # seconds between them
LLM_REFRESH = 0.1  # seconds between chat updates while an LLM writes (not one per token)
MODE_VALUES = [value for _, value in MODES]
MAX_TURNS = 100  # per session; older turns drop off the display, the history and the storage
QUOTES_PER_PAGE = 20
UNDATED_NAMED = 3  # undated articles named in the notice; the rest are counted

# ----- handlers --------------------------------------------------------------------------------


def respond(
    desk: QuoteDesk,
    question: str,
    history: list[Answer],
    mode: str | None = None,
    speaker: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[tuple]:
    """Ask, stream the answer into the chat; outputs: box, chat, history, sources, Markdown."""
    if not (question or "").strip():
        gr.Warning("Type a question first: the box is empty.")
        yield (gr.skip(),) * 5
        return
    if (turn := tool_answer(desk, question)) is not None:  # a quote check, timeline, compare
        yield _tool_turn(desk, turn, history, any((speaker, source, since, until)))
        return
    try:
        filters = Filters(speaker or None, source or None, since or None, until or None)
    except ValueError:  # a mistyped date: say so in the chat (without echoing it back)
        message = "Filter not applied: dates must look like 2024-01-31."
        yield from _refused(question, message, history)
        return
    if unknown := desk.unknown_speaker(filters):
        yield from _refused(question, unknown, history, keep=False)
        return
    mode = mode or desk.default_mode
    if mode not in MODE_VALUES:
        choices = " or ".join(f"“{m}”" for m in MODE_VALUES)
        yield from _refused(question, f"Unknown answer mode: use {choices}.", history)
        return
    written, shown = "", 0.0
    for item in desk.ask_stream(question, history, mode, filters):
        if isinstance(item, Answer):
            answer = item
            continue
        written += item
        if time.monotonic() - shown >= LLM_REFRESH:
            shown = time.monotonic()
            shown_messages = messages(history, _unfinished(question, written))
            yield "", shown_messages, gr.skip(), gr.skip(), gr.skip()
    answer = _with_notices(answer, desk.question_notice(question), _undated_notice(desk, filters))
    # The verified answer replaces the LLM's raw text; quoted answers stream in a few cuts.
    # Every cut repeats the sources and export rather than `gr.skip()` them: Gradio 6 turns a
    # skip of a non-state output into a new component per update (Textbox and HTML
    # construction were a fifth of the server's CPU in the soak), while a repeated value is
    # only diffed away. The state is sent once, with the finished answer.
    sources = render_sources(answer, desk.article)
    finished = [*history, answer][-MAX_TURNS:]
    markdown = to_markdown(finished)
    cuts = [] if written else list(stream_cuts(answer.answer, STREAM_STEPS))[:-1]
    for cut in cuts:
        yield "", messages(history, (answer, cut)), gr.skip(), sources, markdown
        time.sleep(STREAM_DELAY)
    yield "", messages(finished), finished, sources, markdown


def _tool_turn(desk: QuoteDesk, turn: Answer, history: list[Answer], filtered: bool) -> tuple:
    """A quote desk tool's turn, shown whole; outputs as `respond`'s."""
    if filtered:
        turn = _with_notices(turn, "The filters apply to answers, not to this tool")
    finished = [*history, turn][-MAX_TURNS:]
    sources = render_sources(turn, desk.article)
    return "", messages(finished), finished, sources, to_markdown(finished)


def messages(history: Sequence[Answer], streaming: tuple[Answer, int] | None = None) -> list:
    """The chat's messages, a tool turn's plot as a message of its own."""
    return chat_messages(history, streaming, plot=_chat_plot)


def _chat_plot(figure: Any) -> gr.Plot:
    return gr.Plot(figure, show_label=False, elem_classes=["qd-chat-plot"])


def answer_download(desk: QuoteDesk, history: list[Answer], fmt: str) -> str:
    """The latest turn's citations in `fmt`, for the browser to save ("" before any answer)."""
    if not history or fmt not in FORMATS:
        return ""
    return answer_export(desk, history[-1], fmt)


def latest_sources(desk: QuoteDesk, history: list[Answer]) -> Any:
    """The panel back to the latest turn's sources (the speaker page shows its own there).

    With no turn the panel is left alone: Gradio fires the chat tab's `select` when the page
    mounts, racing the load that restores a saved conversation, and an empty panel arriving
    second would hide the restored sources (a new chat empties the panel itself)."""
    return render_sources(history[-1], desk.article) if history else gr.skip()


def save_conversation(history: list[Answer]) -> tuple[list[dict[str, Any]], str]:
    """The browser's copy of the conversation, and its JSON export."""
    return stored(history), to_json(history)


def new_chat() -> tuple:
    """Outputs: chat, history, sources, Markdown, box, browser copy, JSON, answer export."""
    return [], [], EMPTY_SOURCES, "", "", [], "", ""


def on_load(desk: QuoteDesk, saved: Any) -> tuple:
    """The page's numbers, filter choices and examples, and the conversation kept in the
    browser. Choices arrive here, never in the page config: with --auth, Gradio's login page
    embeds the API description, which would list them."""
    history = restored(saved)[-MAX_TURNS:]
    sources = render_sources(history[-1], desk.article) if history else EMPTY_SOURCES
    return (
        render_stats(desk.stats()),
        *filter_choices(desk),
        *example_updates(desk),
        messages(history),
        history,
        sources,
        to_markdown(history) if history else "",
        to_json(history) if history else "",
    )


def add_files(
    desk: QuoteDesk,
    max_upload_bytes: int,
    paths: list[str] | None,
    progress: gr.Progress = gr.Progress(),  # noqa: B008 - Gradio injects the tracker
) -> tuple:
    """Ingest the uploads; outputs: results, stats, the emptied upload box, filter choices,
    examples (a new corpus brings its own)."""
    results = []
    for i, path in enumerate(paths or []):
        progress((i, len(paths)), desc=f"Adding {Path(path).name}")
        results.append(ingest_upload(desk, Path(path), max_upload_bytes))
    return (
        render_upload_results(results),
        render_stats(desk.stats()),
        None,
        *filter_choices(desk),
        *example_updates(desk),
    )


def filter_choices(desk: QuoteDesk) -> tuple:
    """The speaker picker's first suggestions (most quoted) and every source."""
    return (
        first_suggestions(desk, 1),
        gr.update(choices=[("Any source", "")] + [(s, s) for s in desk.sources()]),
    )


def example_updates(desk: QuoteDesk) -> list[dict[str, Any]]:
    """One update per example button: this store's examples, unused buttons hidden."""
    examples = desk.examples()[:EXAMPLE_SLOTS]
    padded = examples + [""] * (EXAMPLE_SLOTS - len(examples))
    return [gr.update(value=text or " ", visible=bool(text)) for text in padded]


def echo(text: str) -> str:
    """An example button's own text, into the question box."""
    return text


def show_quotes(desk: QuoteDesk, speaker: str | None, page: int) -> tuple[str, int]:
    """One page of a speaker's quotes and the page shown (kept within range)."""
    if not speaker:
        return render_quote_page(None), 1
    found = desk.quotes_by(speaker, page, QUOTES_PER_PAGE)
    return render_quote_page(found), found.page


def first_quotes(desk: QuoteDesk, speaker: str | None) -> tuple[str, int]:
    return show_quotes(desk, speaker, 1)


def turn_page(desk: QuoteDesk, step: int, speaker: str | None, page: int) -> tuple[str, int]:
    return show_quotes(desk, speaker, page + step)


# ----- layout ----------------------------------------------------------------------------------


def build_ui(
    desk: QuoteDesk,
    max_upload_mb: float = ServerSettings.max_upload_mb,
    ask_concurrency: int = ServerSettings.ask_concurrency,
) -> gr.Blocks:
    """The sidebar (numbers, new chat, filters, upload), the chat with its sources panel and
    exports, and the quotes-by-speaker tab, with the handlers bound to one `desk`."""
    with gr.Blocks(title="quotedesk", analytics_enabled=False) as demo:
        ui = layout(desk, max_upload_mb)
        _connect(demo, ui, desk, int(max_upload_mb * 1_000_000), ask_concurrency)
    return demo


def _connect(
    demo: gr.Blocks, ui: ChatParts, desk: QuoteDesk, max_upload_bytes: int, ask_concurrency: int
) -> None:
    """Attach the module's handlers, bound to `desk`, to the laid-out components."""
    bound = functools.partial
    ask = bound(respond, desk)
    outputs = [ui.question, ui.chatbot, ui.history, ui.sources, ui.export_md]
    ask_options = {"concurrency_limit": ask_concurrency, "show_progress": "minimal"}
    inputs = [ui.question, ui.history, ui.mode, ui.speaker, ui.source, ui.since, ui.until]
    save = {"fn": save_conversation, "inputs": ui.history, "outputs": [ui.saved, ui.export_json]}
    save |= {"api_name": False, "queue": False}
    prepare = {"fn": bound(answer_download, desk), "inputs": [ui.history, ui.answer_format]}
    prepare |= {"outputs": ui.answer_text, "api_name": False, "queue": False}
    ui.question.submit(ask, inputs, outputs, api_name="ask", **ask_options).then(**save).then(
        **prepare
    )
    ui.send.click(ask, inputs, outputs, api_name=False, **ask_options).then(**save).then(**prepare)
    for button in ui.example_buttons:
        button.click(echo, button, ui.question, api_name=False, queue=False).then(
            ask, inputs, outputs, api_name=False, **ask_options
        ).then(**save).then(**prepare)
    ui.answer_format.change(**prepare)
    ui.download_answer.click(None, [ui.answer_text, ui.answer_format], js=download_js("answer"))
    ui.chat_tab.select(bound(latest_sources, desk), ui.history, ui.sources, api_name=False)
    cleared = [
        ui.chatbot,
        ui.history,
        ui.sources,
        ui.export_md,
        ui.question,
        ui.saved,
        ui.export_json,
        ui.answer_text,
    ]
    ui.new_chat_button.click(new_chat, None, cleared, api_name="clear")
    ui.chatbot.clear(new_chat, None, cleared, api_name=False)  # the chat's own trash button
    ui.download_md.click(None, ui.export_md, js=download_js("conversation", "md"))
    ui.download_json.click(None, ui.export_json, js=download_js("conversation", "json"))
    _connect_speakers(ui, desk)
    ui.files.upload(
        bound(add_files, desk, max_upload_bytes),
        ui.files,
        [ui.upload_result, ui.stats, ui.files, ui.speaker, ui.source, *ui.example_buttons],
        api_name="add",
        concurrency_limit=1,
        show_progress_on=[ui.upload_result],
    )
    demo.load(
        bound(on_load, desk),
        ui.saved,
        [ui.stats, ui.speaker, ui.source, *ui.example_buttons, ui.chatbot, ui.history, ui.sources]
        + [ui.export_md, ui.export_json],
        api_name=False,
    ).then(**prepare)


def _connect_speakers(ui: ChatParts, desk: QuoteDesk) -> None:
    """The speaker pickers' type-ahead and the quotes-by-speaker pages."""
    search = SpeakerSearch(desk)
    for picker in (ui.speaker, ui.quotes_speaker):
        picker.key_up(search, None, picker, api_name=False, queue=False, show_progress="hidden")
    ui.quotes_speaker.change(
        functools.partial(first_quotes, desk),
        ui.quotes_speaker,
        [ui.quotes_list, ui.quotes_page],
        api_name=False,
    )
    for button, step in ((ui.previous_page, -1), (ui.next_page, 1)):
        button.click(
            functools.partial(turn_page, desk, step),
            [ui.quotes_speaker, ui.quotes_page],
            [ui.quotes_list, ui.quotes_page],
            api_name=False,
        )


def _refused(
    question: str, message: str, history: list[Answer], keep: bool = True
) -> Iterator[tuple]:
    """A message in the chat instead of an answer; `keep` leaves the question in the box."""
    shown = " ".join(strip_control(question).split())[:MAX_QUESTION_CHARS]
    refused = Answer(question=shown, answer=message, abstained=True)
    history = [*history, refused][-MAX_TURNS:]
    box = question if keep else ""
    yield box, messages(history), history, EMPTY_SOURCES, to_markdown(history)


def _with_notices(answer: Answer, *notices: str | None) -> Answer:
    present = [n for n in (answer.notice, *notices) if n]
    return replace(answer, notice=". ".join(present) if present else None)


def _undated_notice(desk: QuoteDesk, filters: Filters) -> str | None:
    """ "2 articles have no date and are left out: 'A', 'B'": a date range silently
    dropping them would otherwise read as the articles not covering the question."""
    if not (filters.since or filters.until):
        return None
    titles = desk.undated_articles()
    if not titles:
        return None
    named = ", ".join(f"‘{t}’" for t in titles[:UNDATED_NAMED])
    more = f" and {len(titles) - UNDATED_NAMED:,} more" if len(titles) > UNDATED_NAMED else ""
    one = len(titles) == 1
    counted = f"{len(titles):,} article{'' if one else 's'} {'has' if one else 'have'} no date"
    return f"{counted} and {'is' if one else 'are'} left out: {named}{more}"


def _unfinished(question: str, text: str) -> tuple[Answer, int]:
    """What the LLM has written so far, shown as an answer still streaming (cut before the
    ellipsis, so `render_answer` marks it unfinished and adds no sources yet)."""
    return Answer(question=question, answer=text + " …", abstained=False), len(text)


# ----- serving ---------------------------------------------------------------------------------


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    """ "user:pass" to Gradio's (user, pass); a clear error for anything else."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise ValueError("auth must look like user:pass")
    return user, password


def ask_api_defaults(desk: QuoteDesk) -> Sequence[Any]:
    """What `/gradio_api/call/ask` uses for the inputs a caller leaves out (all but the
    question): the desk's mode and no filters."""
    return ["", desk.default_mode, "", "", "", ""]


def warm_up_in_background(desk: QuoteDesk) -> threading.Thread:
    """Start warming the chat up in a daemon thread and return it (tests join it): the desk's
    models (`QuoteDesk.warm_up`), then Matplotlib's backend, which Gradio resolves around
    every event (`gradio.utils.MatplotlibBackendMananger`): the first event would import
    Matplotlib and pyplot, 0.3-0.6 s of the first answer on 2 shared cores (shape27's note)."""
    thread = threading.Thread(target=_warm_up, args=(desk,), name="quotedesk-warm-up", daemon=True)
    thread.start()
    return thread


def _warm_up(desk: QuoteDesk) -> None:
    desk.warm_up()
    with contextlib.suppress(ImportError):  # Gradio skips it too when Matplotlib is missing
        import matplotlib

        matplotlib.get_backend()


def launch(
    desk: QuoteDesk, server: ServerSettings, *, block: bool = True, **extra: Any
) -> gr.Blocks:
    """Serve the chat on `server.host:server.port` (127.0.0.1 unless told otherwise).

    `block=False` returns once the server runs (tests); call `demo.close()` to stop it.

    The models the first question needs load in the background once the port is open
    (`warm_up_in_background`), not before it: the page is served as soon as before (started
    before `demo.launch`, the loads delayed it by 0.4 s on 2 cores), and a user reads it and
    types for longer than the 1-2 s they take; a question sent sooner waits only for what is
    left of them (docs/notes/shape27.md).
    """
    demo = build_ui(desk, server.max_upload_mb, server.ask_concurrency)
    demo.queue(default_concurrency_limit=server.ask_concurrency)
    guard = Middleware(
        Guard, throttle=LoginThrottle(), api_defaults={"ask": ask_api_defaults(desk)}
    )
    app_kwargs = extra.pop("app_kwargs", {})
    demo.launch(
        server_name=server.host,
        server_port=server.port,
        auth=parse_auth(server.auth),
        auth_message="quotedesk: log in with the user and password you were given.",
        max_file_size=int(server.max_upload_mb * 1_000_000),
        favicon_path=str(FAVICON),
        css=CSS + TOOLS_CSS,  # the tools' verdicts, diffs and columns show in the chat too
        js=JS,
        share=False,
        show_error=False,  # an error names no internals and echoes no input
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        enable_monitoring=False,
        run_history=False,
        footer_links=["api"],
        prevent_thread_lock=True,  # `block_thread` below, once the warm-up has started
        # FastAPI's /openapi.json lists every route to anyone, even with --auth: switch it off.
        app_kwargs={
            "openapi_url": None,
            "docs_url": None,
            "redoc_url": None,
            **app_kwargs,
            "middleware": [guard, *app_kwargs.get("middleware", [])],
        },
        **extra,
    )
    warm_up_in_background(desk)
    if block:
        demo.block_thread()
    return demo
