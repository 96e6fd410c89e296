"""The served chat warms up in the background (`QuoteDesk.warm_up`): the page is up without
waiting for it, and the warm-up runs once, in its own thread."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from app.api import QuoteDesk
from tests.helpers import FAKE_ARTICLES, fake_desk_with, serving


def test_serving_starts_the_warm_up_in_the_background(tmp_path: Path, monkeypatch) -> None:
    desk = fake_desk_with(tmp_path, FAKE_ARTICLES)
    release, threads = threading.Event(), []

    def slow_warm_up(self: QuoteDesk) -> None:
        threads.append(threading.current_thread())
        release.wait(timeout=60)  # still warming while the page is served

    monkeypatch.setattr(QuoteDesk, "warm_up", slow_warm_up)
    try:
        with serving(desk) as served:
            with urllib.request.urlopen(served.url, timeout=30) as page:
                assert page.status == 200
            assert len(threads) == 1 and threads[0] is not threading.main_thread()
            assert threads[0].is_alive()
    finally:
        release.set()
