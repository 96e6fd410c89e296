"""Test doubles for the LLM interface: canned `ChatBackend`s, and an OpenAI-compatible HTTP
server on 127.0.0.1 serving canned completions (streamed over SSE like the real ones), so the
real llama-index client path is exercised without any model."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.prompts import Message

Reply = Callable[[Sequence[Message]], str]


@dataclass
class FakeLLM:
    """The `ChatBackend` interface with canned replies; records every prompt it was sent."""

    reply: Reply | str
    name: str = "fake:model"
    delay: float = 0.0  # seconds before each delta
    seen: list[list[Message]] = field(default_factory=list)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        self.seen.append(list(messages))
        text = self.reply if isinstance(self.reply, str) else self.reply(messages)
        for word in re.findall(r"\S+\s*", text):
            time.sleep(self.delay)
            yield word


class Broken:
    name = "fake:broken"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        raise self.error


def passages(messages: Sequence[Message]) -> dict[int, tuple[str, str]]:
    """The passages in the user message: id -> (speaker, text)."""
    found = re.findall(
        r'<passage id="(\d+)"(?: speaker="([^"]*)")?[^>]*>\n(.*?)\n</passage>',
        messages[-1].content,
        re.S,
    )
    return {int(n): (speaker, text) for n, speaker, text in found}


def faithful(messages: Sequence[Message]) -> str:
    """What a well-behaved model writes: passage 1 paraphrased, then one unsupported claim."""
    speaker, text = passages(messages)[1]
    return f"{speaker} said that {text.rstrip(',.')} [1]. He also said the moon is cheese [1]."


@dataclass
class ChatServer:
    """Serves /v1/chat/completions (JSON and SSE streaming) with replies from `reply`."""

    reply: Reply
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                # The client may have given up (the timeout test): nothing left to answer.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._reply()

            def _reply(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append({"path": self.path, "auth": self.headers["Authorization"]})
                server.requests[-1].update(body)
                time.sleep(server.delay)
                messages = [Message(m["role"], m["content"]) for m in body["messages"]]
                text = server.reply(messages)
                if body.get("stream"):
                    self._stream(body["model"], text)
                else:
                    self._json(body["model"], text)

            def _json(self, model: str, text: str) -> None:
                payload = json.dumps(
                    {
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
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, model: str, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = [{"role": "assistant", "content": ""}]
                pieces += [{"content": w} for w in re.findall(r"\S+\s*", text)]
                for i, delta in enumerate(pieces + [{}]):
                    chunk = {
                        "id": "c1",
                        "object": "chat.completion.chunk",
                        "created": 0,
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "delta": delta,
                                "finish_reason": "stop" if i == len(pieces) else None,
                            }
                        ],
                    }
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
