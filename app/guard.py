"""The served chat's locks, as one ASGI middleware in front of Gradio's app.

- Routes quotedesk never needs answer 404 (the table `HIDDEN_ROUTES`): Gradio's file routes
  (they would serve any upload to whoever knows its path), the OpenAPI description, the run
  history and monitoring pages.
- Logins are throttled per client address: the `free`-th failed attempt in a row locks that
  address out for a second, each further one for twice as long (2 s, 4 s, ... up to
  `max_seconds`), and while locked even the right password is refused (429, Retry-After).
- Gradio's `/call/<api_name>` route needs every input; for the endpoints in `api_defaults` a
  call that gives only the first ones is completed with the defaults, so optional parameters
  are really optional.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class HiddenRoute:
    name: str
    pattern: re.Pattern[str]


HIDDEN_ROUTES: tuple[HiddenRoute, ...] = (
    HiddenRoute("uploaded and cached files", re.compile(r"/file[=/]")),
    HiddenRoute("OpenAPI description", re.compile(r"/openapi\.json$")),
    HiddenRoute("API docs", re.compile(r"^/(docs|redoc)(/|$)")),
    HiddenRoute("run history", re.compile(r"^/gradio_api/(runs|run-history)(/|$)")),
    HiddenRoute("monitoring", re.compile(r"^/(gradio_api/)?monitoring(/|$)")),
)
LOGIN = re.compile(r"^(/gradio_api)?/login/?$")
API_CALL = re.compile(r"^/gradio_api/call/(\w+)/?$")


def hidden_route(path: str) -> str | None:
    """The name of the rule that hides `path`, or None when it is served."""
    return next((r.name for r in HIDDEN_ROUTES if r.pattern.search(path)), None)


@dataclass
class LoginThrottle:
    """Failed logins per client address and how long each is locked out."""

    free: int = 5
    base_seconds: float = 1.0
    max_seconds: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, int] = field(default_factory=dict)
    _locked_until: dict[str, float] = field(default_factory=dict)

    def wait(self, client: str) -> float:
        """Seconds until `client` may try again (0 when it may now)."""
        return max(0.0, self._locked_until.get(client, 0.0) - self.clock())

    def failed(self, client: str) -> None:
        failures = self._failures.get(client, 0) + 1
        self._failures[client] = failures
        if failures >= self.free:
            lock = min(self.max_seconds, self.base_seconds * 2 ** (failures - self.free))
            self._locked_until[client] = self.clock() + lock

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)
        self._locked_until.pop(client, None)


class Guard:
    """ASGI middleware: hidden routes, login throttling, API defaults (see the module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        throttle: LoginThrottle | None = None,
        api_defaults: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        self.app = app
        self.throttle = throttle or LoginThrottle()
        self.api_defaults = dict(api_defaults or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if hidden_route(path):
            await _respond(send, 404, {"detail": "Not Found"})
        elif LOGIN.match(path) and scope.get("method") == "POST":
            await self._login(scope, receive, send)
        elif (call := API_CALL.match(path)) and call.group(1) in self.api_defaults:
            await self._api_call(scope, receive, send, self.api_defaults[call.group(1)])
        else:
            await self.app(scope, receive, send)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("unknown",))[0]
        wait = self.throttle.wait(client)
        if wait > 0:
            seconds = max(1, round(wait))
            detail = f"Too many failed logins: try again in {seconds} s."
            await _respond(send, 429, {"detail": detail}, [(b"retry-after", str(seconds))])
            return
        status: list[int] = []

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self.app(scope, receive, watch)
        if status and status[0] < 300:
            self.throttle.succeeded(client)
        elif status and status[0] in (400, 401, 403):
            self.throttle.failed(client)

    async def _api_call(
        self, scope: Scope, receive: Receive, send: Send, defaults: Sequence[Any]
    ) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        body = _completed(body, defaults)
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": headers}, replay, send)


def _completed(body: bytes, defaults: Sequence[Any]) -> bytes:
    """The request with `data` padded by the defaults of the inputs it left out."""
    try:
        payload = json.loads(body)
    except ValueError:
        return body
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list) or not 0 < len(data) < len(defaults):
        return body
    payload["data"] = data + list(defaults[len(data) :])
    return json.dumps(payload).encode()


async def _respond(
    send: Send, status: int, content: dict[str, str], headers: Sequence[tuple[bytes, str]] = ()
) -> None:
    body = json.dumps(content).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k, v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
