"""Shared fixtures: real stores in tmp folders, the real embedding model loaded once.

`../shared` (the corpora) is beside the project in CI; tests that need it skip with a clear
reason when it is absent.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.common import chroma_server as start_chroma_server
from ingest.embedding import force_offline

force_offline()
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "articles.jsonl"
SHARED = Path(os.environ.get("QUOTEDESK_SHARED", ROOT.parent / "shared"))
BBC = SHARED / "corpus" / "bbc" / "articles.jsonl"
# The model's ONNX export (written once, reused by every test and CLI child process), kept out
# of the user's own cache folder.
EMBED_CACHE = Path(tempfile.gettempdir()) / "quotedesk-tests-model-cache"
os.environ["QUOTEDESK_EMBED_CACHE"] = str(EMBED_CACHE)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def sample_record() -> dict:
    return read_jsonl(SAMPLE)[0]


@pytest.fixture(scope="session")
def bbc_path() -> Path:
    if not BBC.is_file():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared is absent)")
    return BBC


def make_desk(home: Path, **overrides):
    from app.api import QuoteDesk
    from app.settings import load_settings

    overrides.setdefault("embed_cache", EMBED_CACHE)
    return QuoteDesk.from_settings(load_settings(environ={}, home=home, **overrides))


@pytest.fixture(scope="session")
def sample_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A store holding the bundled sample article (shared read-only by many tests)."""
    desk = make_desk(tmp_path_factory.mktemp("sample-store"))
    report = desk.ingest([SAMPLE], progress=False)
    assert report.added == 1 and not report.failed
    yield desk


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on 127.0.0.1 for the client/server tests, stopped at the end."""
    data = tmp_path_factory.mktemp("chroma-server")
    with start_chroma_server(data / "db", data / "server.log") as (url, _):
        yield url
