"""The served chat's locks (app/guard.py), on a tiny ASGI app standing in for Gradio."""

from __future__ import annotations

import asyncio
import json

import pytest

from app.guard import Guard, LoginThrottle, hidden_route

HIDDEN_CASES = [
    ("/gradio_api/file=/tmp/gradio/abc/article.txt", "uploaded and cached files"),
    ("/file=/etc/hostname", "uploaded and cached files"),
    ("/gradio_api/file/tmp/x.txt", "uploaded and cached files"),
    ("/gradio_api/openapi.json", "OpenAPI description"),
    ("/openapi.json", "OpenAPI description"),
    ("/docs", "API docs"),
    ("/gradio_api/runs", "run history"),
    ("/gradio_api/run-history/records", "run history"),
    ("/monitoring", "monitoring"),
    ("/", None),
    ("/config", None),
    ("/gradio_api/upload", None),
    ("/gradio_api/call/ask", None),
    ("/profile=1", None),
]


@pytest.mark.parametrize(("path", "rule"), HIDDEN_CASES)
def test_hidden_routes(path: str, rule: str | None) -> None:
    assert hidden_route(path) == rule


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_throttle_backs_off_per_client_and_forgets_on_success() -> None:
    clock = Clock()
    throttle = LoginThrottle(free=2, base_seconds=1.0, max_seconds=4.0, clock=clock)
    waits = []
    for _ in range(6):
        throttle.failed("1.2.3.4")
        waits.append(throttle.wait("1.2.3.4"))
    assert waits == [0, 1, 2, 4, 4, 4]  # doubling, capped
    assert throttle.wait("5.6.7.8") == 0  # another address is not locked out
    clock.now += 4
    assert throttle.wait("1.2.3.4") == 0
    throttle.succeeded("1.2.3.4")
    throttle.failed("1.2.3.4")
    assert throttle.wait("1.2.3.4") == 0


def run(guard: Guard, method: str, path: str, body: bytes = b"", client="9.9.9.9"):
    """One request through the middleware: (status, headers, body)."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [], "client": (client, 1)}
    asyncio.run(guard(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def login_app(password: str):
    """Stands in for Gradio's /login: 200 for the right password, 400 otherwise."""

    async def app(scope, receive, send):
        body = (await receive())["body"]
        status = 200 if body == password.encode() else 400
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": body})

    return app


def test_wrong_passwords_then_the_right_one_is_refused_while_locked() -> None:
    clock = Clock()
    guard = Guard(login_app("right"), LoginThrottle(free=3, clock=clock))
    statuses = [run(guard, "POST", "/login", b"wrong")[0] for _ in range(5)]
    assert statuses == [400, 400, 400, 429, 429]
    status, headers, body = run(guard, "POST", "/login", b"right")
    assert status == 429 and int(headers[b"retry-after"]) >= 1
    assert b"Too many failed logins" in body
    assert run(guard, "POST", "/login", b"right", client="8.8.8.8")[0] == 200  # others may
    clock.now += 60
    assert run(guard, "POST", "/login", b"right")[0] == 200


def echo_app():
    async def app(scope, receive, send):
        body = (await receive())["body"]
        length = dict(scope["headers"]).get(b"content-length", b"")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": body + b"|" + length})

    return app


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (["q"], ["q", "quotes", "", ""]),
        (["q", "written"], ["q", "written", "", ""]),
        (["q", "written", "A", "B"], ["q", "written", "A", "B"]),
        ([], []),  # nothing to complete: Gradio answers that itself
    ],
)
def test_api_calls_are_completed_with_the_defaults(data: list, expected: list) -> None:
    guard = Guard(echo_app(), api_defaults={"ask": ["", "quotes", "", ""]})
    _, _, body = run(guard, "POST", "/gradio_api/call/ask", json.dumps({"data": data}).encode())
    sent, length = body.rsplit(b"|", 1)
    assert json.loads(sent)["data"] == expected
    assert int(length) == len(sent)


def test_hidden_route_answers_404_without_reaching_the_app() -> None:
    guard = Guard(echo_app())
    status, _, body = run(guard, "GET", "/gradio_api/file=/etc/hostname")
    assert status == 404 and b"hostname" not in body
