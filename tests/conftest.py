"""Shared fixtures: real stores in tmp folders, the real embedding model loaded once, and the
fast tier's `fake_desk` (a real store and retriever whose only fake is the embedder).

The libraries' offline switches are set here, once, before anything imports them. Helpers that
test modules import live in `tests/helpers.py`; nothing imports this module
(`tests/fast/test_boundaries_fast.py` checks).
`../shared` (the corpora) is beside the project in CI; tests that need it skip with a clear
reason when it is absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import set_process_switches
from tests.helpers import (
    BBC,
    EMBED_CACHE,
    FAKE_ARTICLES,
    SAMPLE,
    make_desk,
    make_fake_desk,
    read_jsonl,
    write_jsonl,
)
from tests.helpers import chroma_server as start_chroma_server

set_process_switches()
# CLI child processes the tests start read the tests' model export, not the user's.
os.environ["QUOTEDESK_EMBED_CACHE"] = str(EMBED_CACHE)


@pytest.fixture(scope="session")
def sample_record() -> dict:
    return read_jsonl(SAMPLE)[0]


@pytest.fixture(scope="session")
def bbc_path() -> Path:
    if not BBC.is_file():
        pytest.skip(f"BBC corpus not found at {BBC} (../shared is absent)")
    return BBC


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


@pytest.fixture(scope="session")
def fake_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`FAKE_ARTICLES` as a JSONL file (made-up news, no dataset text)."""
    return write_jsonl(tmp_path_factory.mktemp("fake-articles") / "articles.jsonl", FAKE_ARTICLES)


@pytest.fixture(scope="session")
def fake_desk(tmp_path_factory: pytest.TempPathFactory, fake_articles: Path) -> Iterator:
    """A `QuoteDesk` over a real embedded Chroma store holding `FAKE_ARTICLES`, embedded by
    `FakeEmbedder`: no model is loaded. Shared read-only; tests that write make their own with
    `tests.helpers.make_fake_desk`."""
    desk = make_fake_desk(tmp_path_factory.mktemp("fake-store"))
    report = desk.ingest([fake_articles], progress=False)
    assert report.added == len(FAKE_ARTICLES) and not report.failed, report.summary()
    yield desk
