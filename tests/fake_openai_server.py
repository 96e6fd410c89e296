"""A scripted OpenAI-compatible server on 127.0.0.1 for tests: /v1/chat/completions as JSON or
SSE, with a reply function and one of the ways a real server fails.

Behaviours (`Behaviour`): "reply" (the reply, word by word), "hang" (headers, then nothing),
"keepalive" (SSE comment lines forever), "empty_deltas" (chunks with empty content forever),
"drip" (the reply one word per `drip` seconds), "garbage" (SSE lines that are not JSON),
"http500", and "disconnect" (half the reply, then the connection closes without [DONE]).
A server that refuses connections is a stopped one: `stop()` and keep its URL.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

from app.prompts import Message

Reply = Callable[[Sequence[Message]], str]
Behaviour = Literal[
    "reply", "hang", "keepalive", "empty_deltas", "drip", "garbage", "http500", "disconnect"
]
FOREVER = 60.0  # seconds a misbehaving stream lasts at most (so test threads end)


@dataclass
class FakeOpenAIServer:
    """Serves `reply(messages)` the way `behaviour` says; records every request body."""

    reply: Reply
    delay: float = 0.0  # seconds before the response starts
    behaviour: Behaviour = "reply"
    drip: float = 0.0  # seconds between words (every behaviour that sends words)
    requests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self
        self._closing = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                # The client may have given up (the timeout tests): nothing left to answer.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._answer(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    # ----- one request ---------------------------------------------------------------------

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        body = json.loads(handler.rfile.read(int(handler.headers["Content-Length"])))
        self.requests.append(
            {"path": handler.path, "auth": handler.headers["Authorization"], **body}
        )
        self._wait(self.delay)
        if self.behaviour == "http500":
            payload = b'{"error": {"message": "model crashed", "type": "server_error"}}'
            self._headers(handler, 500, "application/json", len(payload))
            handler.wfile.write(payload)
            return
        text = self.reply([Message(m["role"], m["content"]) for m in body["messages"]])
        if not body.get("stream"):
            payload = json.dumps(_completion(body["model"], text)).encode()
            self._headers(handler, 200, "application/json", len(payload))
            handler.wfile.write(payload)
            return
        self._headers(handler, 200, "text/event-stream")
        handler.close_connection = True
        self._stream(handler, body["model"], text)

    def _stream(self, handler: BaseHTTPRequestHandler, model: str, text: str) -> None:
        out = handler.wfile
        words = re.findall(r"\S+\s*", text)
        send = lambda delta, finish=None: _event(out, _chunk(model, delta, finish))  # noqa: E731
        send({"role": "assistant", "content": ""})
        started = time.monotonic()
        if self.behaviour in ("hang", "keepalive", "empty_deltas"):
            while not self._closing.is_set() and time.monotonic() - started < FOREVER:
                if self.behaviour == "keepalive":
                    out.write(b": keep-alive\n\n")
                    out.flush()
                elif self.behaviour == "empty_deltas":
                    send({"content": ""})
                self._wait(0.2)
            return
        if self.behaviour == "garbage":
            out.write(b"data: {not json at all\n\n")
            out.flush()
            return
        if self.behaviour == "disconnect":
            words = words[: len(words) // 2]
        for word in words:
            self._wait(self.drip)
            send({"content": word})
        if self.behaviour == "disconnect":
            out.write(b'data: {"id": "c1", "obj')  # cut mid-event, then the socket closes
            out.flush()
            return
        send({}, "stop")
        out.write(b"data: [DONE]\n\n")
        out.flush()

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._closing.wait(seconds)

    @staticmethod
    def _headers(
        handler: BaseHTTPRequestHandler, status: int, kind: str, length: int | None = None
    ) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        if length is not None:
            handler.send_header("Content-Length", str(length))
        else:  # a stream: it ends when the connection closes
            handler.send_header("Cache-Control", "no-cache")
            handler.send_header("Connection", "close")
        handler.end_headers()


def _completion(model: str, text: str) -> dict:
    return {
        "id": "c1",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
    }


def _chunk(model: str, delta: dict, finish: str | None) -> dict:
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _event(out, payload: dict) -> None:
    out.write(f"data: {json.dumps(payload)}\n\n".encode())
    out.flush()
