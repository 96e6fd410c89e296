"""LLM backends behind one small interface: `ChatBackend.stream(messages)` yields text deltas.

`build_backend` turns a spec (`ollama:MODEL`, `openai:MODEL`, `llamacpp:/path/model.gguf`) into
a llama-index LLM wrapped in `LlamaIndexBackend`. Each llama-index package is an optional extra
imported only when its backend is selected, so quotedesk runs (and CI passes) with none of them.
Tests substitute any object with a `name` and a `stream` method.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from app.prompts import Message
from app.settings import Settings

MAX_ANSWER_TOKENS = 512  # a few cited sentences; bounds the time a slow model can take
OLLAMA_URL = "http://localhost:11434"
OPENAI_URL = "https://api.openai.com/v1"
BACKENDS = ("ollama", "openai", "llamacpp")


class ChatBackend(Protocol):
    name: str  # the spec it was built from, shown in the UI and recorded on answers

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """Text deltas of the reply; raises on any failure (the caller falls back)."""
        ...


class LlamaIndexBackend:
    """Any llama-index LLM (chat or completion model) as a `ChatBackend`."""

    def __init__(self, llm: Any, name: str) -> None:
        self.llm = llm
        self.name = name

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m.role, content=m.content) for m in messages]
        finished: bool | None = None
        for response in self.llm.stream_chat(chat):
            if (done := _finished(response.raw)) is not None:
                finished = done
            if response.delta:
                yield response.delta
        if finished is False:  # the stream stopped before the server said it was done
            raise IncompleteReply("the server closed the connection mid-reply")


class IncompleteReply(ConnectionError):
    """A streamed reply that ended without the server's end-of-reply mark."""


def _finished(raw: Any) -> bool | None:
    """Whether a raw stream chunk marks the reply as done: an OpenAI chunk's `finish_reason`,
    an Ollama chunk's `done`; None when the chunk does not say (other backends)."""
    choices = getattr(raw, "choices", None)
    if choices:
        return getattr(choices[0], "finish_reason", None) is not None
    if isinstance(raw, dict) and "done" in raw:
        return bool(raw["done"])
    return None


def parse_spec(spec: str) -> tuple[str, str]:
    """`"openai:qwen2.5:7b"` -> `("openai", "qwen2.5:7b")`: only the first colon separates."""
    kind, sep, target = (spec or "").partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in BACKENDS or not target.strip():
        raise ValueError(
            f"--llm {spec!r}: expected ollama:MODEL, openai:MODEL or llamacpp:/path/model.gguf"
        )
    return kind, target.strip()


def build_backend(settings: Settings) -> ChatBackend:
    """The backend `settings.llm` names, configured with the timeout, base URL and key."""
    if not settings.llm:
        raise ValueError("no LLM configured (--llm or QUOTEDESK_LLM)")
    kind, target = parse_spec(settings.llm)
    timeout = settings.llm_timeout
    if kind == "ollama":
        ollama = _import("llama_index.llms.ollama", "ollama")
        llm = ollama.Ollama(
            model=target,
            base_url=settings.llm_base_url or OLLAMA_URL,
            request_timeout=timeout,
            temperature=0.0,
            additional_kwargs={"num_predict": MAX_ANSWER_TOKENS},
        )
    elif kind == "openai":
        if not settings.llm_base_url and not settings.llm_api_key:
            raise ValueError(
                "openai:MODEL needs --llm-base-url (QUOTEDESK_LLM_BASE_URL) for a local server, "
                f"or QUOTEDESK_LLM_API_KEY to use {OPENAI_URL}"
            )
        openai_like = _import("llama_index.llms.openai_like", "openai")
        # The client imports its resources (3 s here) on its first request; do it now, so
        # the first answer's deadline is not spent importing.
        _import("openai.resources", "openai")
        llm = openai_like.OpenAILike(
            model=target,
            api_base=settings.llm_base_url or OPENAI_URL,
            # Local servers ignore the key, but the OpenAI client refuses to start without one.
            api_key=settings.llm_api_key or "unused",
            is_chat_model=True,
            temperature=0.0,
            max_tokens=MAX_ANSWER_TOKENS,
            timeout=timeout,
            max_retries=0,  # the user waits at most `timeout`, then gets the quoted passages
        )
    else:
        path = Path(target).expanduser()
        if not path.is_file():
            raise ValueError(f"--llm llamacpp: no model file at {path}")
        llama_cpp = _import("llama_index.llms.llama_cpp", "llamacpp")
        llm = llama_cpp.LlamaCPP(
            model_path=str(path),
            temperature=0.0,
            max_new_tokens=MAX_ANSWER_TOKENS,
            context_window=4096,
            verbose=False,
        )
    return LlamaIndexBackend(llm, settings.llm)


def bounded(stream: Iterator[str], timeout: float) -> Iterator[str]:
    """`stream`'s deltas, cut off with `TimeoutError` once `timeout` seconds of wall clock
    have passed since the call, whatever the server does meanwhile.

    The clients' own timeouts bound each read, so a server that sends keep-alive lines or empty
    deltas forever would never trip them; the stream is therefore read in a worker thread and
    this generator waits on it with the time left. A worker still blocked in a read when the
    deadline passes is abandoned (a daemon thread; the client's read timeout ends it).
    """
    deadline = time.monotonic() + timeout
    deltas: queue.Queue[tuple[str, Any]] = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            for delta in stream:
                if stop.is_set():
                    break
                deltas.put(("delta", delta))
            deltas.put(("end", None))
        except BaseException as exc:  # handed to the reader, which raises it
            deltas.put(("error", exc))

    threading.Thread(target=pump, name="llm-stream", daemon=True).start()
    try:
        while True:
            # Past the deadline, what already arrived is still read (the time went on our
            # side, verifying), but nothing more is waited for.
            left = deadline - time.monotonic()
            try:
                kind, value = deltas.get(timeout=left) if left > 0 else deltas.get_nowait()
            except queue.Empty:
                raise TimeoutError(f"no complete reply within {timeout:g} s") from None
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()


class FailureRule(NamedTuple):
    """How one kind of backend failure reads in the user's notice."""

    name: str
    applies: Callable[[BaseException], bool]
    describe: Callable[[BaseException, float], str]


def _kind(exc: BaseException) -> str:
    return type(exc).__name__.lower()


# Ordered: the first rule that applies names the failure.
FAILURE_RULES: tuple[FailureRule, ...] = (
    FailureRule(
        "timeout",
        lambda e: isinstance(e, TimeoutError) or "timeout" in _kind(e),
        lambda e, t: f"no complete reply within {t:g} s",
    ),
    FailureRule(
        "http_status",
        lambda e: isinstance(getattr(e, "status_code", None), int),
        lambda e, t: f"the server answered HTTP {e.status_code}",  # type: ignore[attr-defined]
    ),
    FailureRule(
        "disconnect",
        lambda e: (
            isinstance(e, IncompleteReply)
            or "remoteprotocol" in _kind(e)
            or "incompleteread" in _kind(e)
        ),
        lambda e, t: "the server closed the connection mid-reply",
    ),
    FailureRule(
        "connect",
        lambda e: isinstance(e, ConnectionError) or "connect" in _kind(e),
        lambda e, t: "cannot connect to the server",
    ),
    FailureRule(
        "malformed",
        lambda e: isinstance(e, ValueError) and "json" in f"{_kind(e)} {e}".lower(),
        lambda e, t: "the server sent a malformed reply",
    ),
)


def describe_failure(exc: BaseException, timeout: float) -> str:
    """A one-line reason for the user's notice: what went wrong, not a traceback."""
    for rule in FAILURE_RULES:
        if rule.applies(exc):
            return rule.describe(exc, timeout)
    detail = " ".join(str(exc).split())[:120]
    kind = type(exc).__name__
    return f"{kind}: {detail}" if detail else kind


def _import(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"--llm {extra}:... needs the optional '{extra}' extra: "
            f"pip install 'quotedesk[{extra}]' ({exc})"
        ) from exc
