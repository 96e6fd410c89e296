"""Abuse of the served chat: hostile upload names and types, hostile questions, no login.

Everything goes over plain HTTP to a real server on 127.0.0.1 (urllib, Gradio's own routes),
because that is what an attacker would use, not the browser.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from tests.helpers import SAMPLE, make_desk
from tests.ui.conftest import Served, serving

pytestmark = pytest.mark.slow

USER, PASSWORD = "ann", "s3cret-Xq7"
SECRET_SENTENCE = "The lighthouse keeper counted exactly 4,817 gulls on the northern breakwater" + (
    ", then " + ", then ".join(f"{n} terns on rock {n * 7}" for n in range(1, 30))
)
EXCERPT_CHARS = 150  # llama-index logs hits at DEBUG with their first 100 characters


def http(url: str, method: str = "GET", body: bytes | None = None, headers=None):
    """(status, body text) without raising for 4xx/5xx."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read(200_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(20_000).decode("utf-8", "replace")


def upload(base: str, name: str, content: bytes) -> tuple[int, str]:
    """Gradio's upload route with a file name of our choosing (browsers send any name)."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    return http(base + "gradio_api/upload", "POST", body, headers)


def call(base: str, api_name: str, data: list) -> tuple[str, object]:
    """Gradio's two-step HTTP API: POST the inputs, read the event stream's last message."""
    status, text = http(
        f"{base}gradio_api/call/{api_name}",
        "POST",
        json.dumps({"data": data}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 200, text
    event_id = json.loads(text)["event_id"]
    _, stream = http(f"{base}gradio_api/call/{api_name}/{event_id}")
    events = re.findall(r"event: (\w+)\ndata: (.*)", stream)
    kind, payload = events[-1]
    return kind, json.loads(payload) if payload and payload != "null" else None


def article_text(title: str, body: str) -> bytes:
    return f"{title}\n\n\u201c{body},\u201d said harbour master Ines Vidal.\n".encode()


@pytest.fixture(scope="module")
def open_desk(tmp_path_factory) -> Iterator[tuple[Served, Path]]:
    """Its own store (uploads change it), a 50 kB upload limit, no login."""
    home = tmp_path_factory.mktemp("abuse-store")
    desk = make_desk(home)
    desk.ingest([SAMPLE], progress=False)
    with serving(desk, max_upload_mb=0.05) as served:
        yield served, home


# ----- uploads ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../qd-escape.txt",
        "/tmp/qd-absolute-escape.txt",
        "..\\..\\qd-win.txt",
        "n" * 300 + ".txt",
    ],
    ids=["relative", "absolute", "backslashes", "very-long"],
)
def test_upload_names_are_sanitised_and_nothing_escapes(open_desk, name: str) -> None:
    served, home = open_desk
    marker = f"Pier {uuid.uuid4().hex[:8]} reopens"
    status, text = upload(
        served.url, name, article_text(marker, f"{marker}: the pier is safe again")
    )
    assert status == 200, text
    [stored] = json.loads(text)
    stored_path = Path(stored)
    assert stored_path.is_file() and ".." not in stored_path.parts
    assert "/" not in stored_path.name and "\\" not in stored_path.name
    assert len(stored_path.name.encode()) <= 255
    for escaped in (Path("/tmp/qd-absolute-escape.txt"), stored_path.parents[2] / "qd-escape.txt"):
        assert not escaped.exists()

    kind, result = call(
        served.url, "add", [[{"path": stored, "meta": {"_type": "gradio.FileData"}}]]
    )
    assert kind == "complete", result
    table = result[0]
    assert "<td>added</td>" in table and "../" not in table and "/tmp/" not in table
    assert not list(home.parent.glob("qd-*"))  # nothing beside the store


def test_upload_of_a_file_outside_the_upload_folder_is_refused(open_desk, tmp_path) -> None:
    served, _ = open_desk
    outside = tmp_path / "outside.txt"
    outside.write_bytes(article_text("Outside file", "This must never be ingested"))
    kind, result = call(
        served.url, "add", [[{"path": str(outside), "meta": {"_type": "gradio.FileData"}}]]
    )
    assert kind == "error", result  # Gradio refuses paths it did not receive as uploads
    _, chat, _, _ = Client(served.url, verbose=False).predict(
        "What must never be ingested?", api_name="/ask"
    )
    assert "Outside file" not in json.dumps(chat)


def test_zip_unsupported_and_oversize_uploads_get_clear_messages(open_desk, tmp_path) -> None:
    served, _ = open_desk
    archive = tmp_path / "articles.zip"
    archive.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    binary = tmp_path / "report.pdf"
    binary.write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    client = Client(served.url, verbose=False, download_files=False)
    for path in (archive, binary):
        status, text = upload(served.url, path.name, path.read_bytes())
        assert status == 200  # Gradio stores any upload; our handler must refuse it
        kind, result = call(
            served.url,
            "add",
            [[{"path": json.loads(text)[0], "meta": {"_type": "gradio.FileData"}}]],
        )
        if kind == "error":  # Gradio checks the component's file types itself
            assert "Invalid file type" in result["error"], result
        else:  # else our handler must say so
            assert re.search(
                rf"<td>{re.escape(path.name)}</td><td>failed</td><td>unsupp", result[0]
            )
    big = tmp_path / "big.txt"
    big.write_bytes(b"Big\n\n" + b"word " * 20_000)  # 100 kB > 50 kB
    with pytest.raises(Exception, match=r"(?i)size|large|exceed|413"):
        client.predict([handle_file(big)], api_name="/add")
    assert http(served.url + "config")[0] == 200  # still serving


# ----- questions -------------------------------------------------------------------------------


def test_hostile_questions_get_bounded_work_and_escaped_output(open_desk) -> None:
    served, _ = open_desk
    client = Client(served.url, verbose=False, download_files=False)
    cases = {
        "huge": "What did Lavrov say about the OSCE? " + "blah " * 20_000,  # 100 kB
        "control": "\x00\x1b[31mWhat did\x07 Lavrov say\x08 about the OSCE?\x7f",
        "html": '<script>alert("x")</script><img src=x onerror=alert(1)> What did Lavrov say?',
    }
    for label, question in cases.items():
        started = time.monotonic()
        box, chat, sources, markdown = client.predict(question, api_name="/ask")
        assert time.monotonic() - started < 60, label
        shown = json.dumps(chat) + sources + markdown
        assert "<script" not in shown and "<img" not in shown, label  # shown as text only
        assert "\x00" not in shown and "\x1b" not in shown, label
        assert len(json.dumps(chat[0])) < 10_000, label  # the echo is bounded too
        assert "Lavrov" in json.dumps(chat[1]), label


# ----- login -----------------------------------------------------------------------------------

PROTECTED_GET = [
    "config",
    "gradio_api/info",
    "gradio_api/openapi.json",
    "gradio_api/queue/status",
    "gradio_api/upload_progress?upload_id=x",
    "gradio_api/file=/etc/hostname",
    "file=/etc/hostname",
    "openapi.json",
    "docs",
    "monitoring",
]
PROTECTED_POST = [
    "gradio_api/upload",
    "gradio_api/call/ask",
    "gradio_api/call/add",
    "gradio_api/queue/join",
    "gradio_api/run/predict",
    "gradio_api/api/ask",
]
# Static, content-free pieces of the login page itself.
PUBLIC = ["", "theme.css", "favicon.ico", "manifest.json", "gradio_api/startup-events"]


def test_with_auth_every_route_refuses_anonymous_requests(sample_desk, tmp_path) -> None:
    with serving(sample_desk, auth=f"{USER}:{PASSWORD}") as served:
        base = served.url
        for route in PROTECTED_GET:
            status, text = http(base + route)
            assert status in (401, 403, 404, 405), (route, status, text[:200])
        for route in PROTECTED_POST:
            body = json.dumps({"data": ["What did Lavrov say?", []], "fn_index": 0}).encode()
            headers = {"Content-Type": "application/json"}
            status, text = http(base + route, "POST", body, headers)
            assert status in (401, 403, 404, 405), (route, status, text[:200])
        for route in PUBLIC:
            status, text = http(base + route)
            assert "Lavrov" not in text and "Add articles" not in text, route
        # Logged in, the same routes work: the refusals above are the login, not breakage.
        _, chat, _, _ = Client(base, auth=(USER, PASSWORD), verbose=False).predict(
            "What did Lavrov say about the OSCE?", api_name="/ask"
        )
        assert "Lavrov" in json.dumps(chat)


def test_logs_hold_no_article_text_and_no_credentials(tmp_path, capfd, caplog) -> None:
    caplog.set_level("DEBUG")
    desk = make_desk(tmp_path / "store")
    article = tmp_path / "gulls.txt"
    article.write_bytes(article_text("Gull count", SECRET_SENTENCE))
    with serving(desk, auth=f"{USER}:{PASSWORD}") as served:
        client = Client(served.url, auth=(USER, PASSWORD), verbose=False, download_files=False)
        client.predict([handle_file(article)], api_name="/add")
        client.predict("How many gulls did the lighthouse keeper count?", api_name="/ask")
        http(served.url + "config", headers={"Authorization": f"Basic {PASSWORD}"})
    out, err = capfd.readouterr()
    logs = out + err + caplog.text
    assert PASSWORD not in logs
    windows = range(0, len(SECRET_SENTENCE) - EXCERPT_CHARS, 10)
    leaked = [i for i in windows if SECRET_SENTENCE[i : i + EXCERPT_CHARS] in logs]
    assert not leaked, "logs hold more than a short excerpt of an uploaded article"
