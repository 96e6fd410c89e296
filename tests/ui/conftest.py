"""Fixtures for the UI tests: the real chat served on a free local port, closed afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from app.settings import ServerSettings
from benchmarks.common import free_port


@dataclass(frozen=True)
class Served:
    url: str
    demo: Any


@contextmanager
def serving(desk: Any, **server: Any) -> Iterator[Served]:
    """`app.ui.launch` exactly as `quotedesk serve` runs it, but without blocking."""
    from app.startup import set_offline_switches

    set_offline_switches()
    from app.ui import launch

    settings = ServerSettings(host="127.0.0.1", port=free_port(), **server)
    demo = launch(desk, settings, block=False, quiet=True)
    try:
        yield Served(f"http://127.0.0.1:{settings.port}/", demo)
    finally:
        demo.close()


@pytest.fixture(scope="module")
def served_sample(sample_desk) -> Iterator[Served]:
    """The chat on the shared sample store (ask only: never upload into it)."""
    with serving(sample_desk) as served:
        yield served
