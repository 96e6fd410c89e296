"""The served chat locked down, over plain HTTP as an attacker would: login back-off, uploads
never served and never left in Gradio's shared temp folder, no OpenAPI, the ask API with only
a question, and errors that name no internals and echo no input."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client

from tests.helpers import SAMPLE, make_desk
from tests.ui.conftest import Served, serving
from tests.ui.test_abuse import article_text, call, http, upload

pytestmark = pytest.mark.slow

USER, PASSWORD = "ann", "s3cret-Xq7"


@pytest.fixture(scope="module")
def open_desk(tmp_path_factory) -> Iterator[tuple[Served, Path]]:
    home = tmp_path_factory.mktemp("hardening-store")
    desk = make_desk(home)
    desk.ingest([SAMPLE], progress=False)
    with serving(desk) as served:
        yield served, home


def login(base: str, password: str) -> int:
    body = urllib.parse.urlencode({"username": USER, "password": password}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return http(base + "login", "POST", body, headers)[0]


def test_wrong_passwords_lock_the_address_out_even_for_the_right_one(sample_desk) -> None:
    with serving(sample_desk, auth=f"{USER}:{PASSWORD}") as served:
        assert login(served.url, PASSWORD) == 200
        statuses = [login(served.url, "wrong") for _ in range(20)]
        assert statuses[:5] == [400] * 5  # the first failures are answered as such
        # Then the address waits 1 s, 2 s, 4 s, ...: a quick run of tries is mostly refused.
        assert statuses[5] == 429 and statuses[5:].count(429) >= 12, statuses
        assert login(served.url, PASSWORD) == 429  # the right password too, while locked
        status, text = http(served.url + "config")
        assert status in (401, 403) and "Lavrov" not in text


def test_an_upload_is_never_served_and_leaves_gradios_temp_folder(open_desk) -> None:
    served, home = open_desk
    status, text = upload(served.url, "pier.txt", article_text("Pier reopens", "The pier is safe"))
    assert status == 200, text
    [temp_path] = json.loads(text)
    assert Path(temp_path).is_file()
    for route in (
        f"gradio_api/file={temp_path}",
        f"file={temp_path}",
        f"gradio_api/file{temp_path}",
    ):
        status, body = http(served.url + route)
        assert status == 404 and "pier is safe" not in body, route

    kind, result = call(
        served.url, "add", [[{"path": temp_path, "meta": {"_type": "gradio.FileData"}}]]
    )
    assert kind == "complete" and "<td>added</td>" in result[0], result
    assert not Path(temp_path).exists()  # gone from Gradio's shared temp folder
    kept = list((home / "uploads").glob("*-pier.txt"))
    assert len(kept) == 1 and "pier is safe" in kept[0].read_text(encoding="utf-8")
    assert http(served.url + f"gradio_api/file={kept[0]}")[0] == 404


@pytest.mark.parametrize(
    "route",
    ["gradio_api/openapi.json", "openapi.json", "docs", "gradio_api/runs", "monitoring"],
)
def test_openapi_docs_run_history_and_monitoring_are_off(open_desk, route: str) -> None:
    served, _ = open_desk
    status, text = http(served.url + route)
    assert status == 404 and "Lavrov" not in text, (route, status, text[:200])


def test_the_ask_api_needs_only_the_question(open_desk) -> None:
    served, _ = open_desk
    kind, result = call(served.url, "ask", ["What did Lavrov say about the OSCE?"])
    assert kind == "complete", result
    box, chat, _state, sources, markdown = result  # the session's state travels as null
    assert "OSCE" in json.dumps(chat) and 'id="source-1"' in sources
    assert markdown.startswith("# quotedesk conversation")


HUGE = "<script>" + "A" * 50_000


@pytest.mark.parametrize(
    "data",
    [
        ["What did Peskov say?", HUGE],
        ["What did Peskov say?", "quotes", "", "", HUGE],
        [{"x": HUGE}],
        [["not", "text"]],
        [None, None, None, None, None, None, 7],
    ],
    ids=["bad-mode", "bad-date", "object", "list", "too-many"],
)
def test_errors_name_no_internals_and_echo_no_input(open_desk, data: list) -> None:
    served, _ = open_desk
    kind, result = call(served.url, "ask", data)
    assert kind == "complete", result  # every bad input is answered, none crashes
    shown = json.dumps(result)
    assert "object at 0x" not in shown and "Traceback" not in shown and 'File "' not in shown
    assert "<script>" not in shown  # anything echoed is escaped
    assert "A" * 2_001 not in shown and len(shown) < 20_000  # at most the question's 2,000
    assert http(served.url + "config")[0] == 200  # still serving


def test_with_the_client_defaults_still_work(open_desk) -> None:
    served, _ = open_desk
    _, chat, _, _ = Client(served.url, verbose=False).predict(
        "What did Peskov say?", api_name="/ask"
    )
    assert "Peskov" in json.dumps(chat)
