"""Fixtures for the UI tests: the real chat served on a free local port, closed afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, Served, serving

__all__ = ["Served", "serving"]  # the UI tests import them from here


@pytest.fixture(scope="module")
def served_sample(sample_desk) -> Iterator[Served]:
    """The chat on the shared sample store (ask only: never upload into it)."""
    with serving(sample_desk) as served:
        yield served


# ----- the browser: Debian's chromium driven by Playwright (never its own download) ----------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"
ANSWERED = "#chat .qd-answer:not(.qd-streaming)"
TIMEOUT_MS = 60_000  # 2 shared cores: the first answer also warms up the question parser
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make browser)"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[Any]:
    """One chromium per test module, with a fresh profile (so fresh local storage)."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


def open_tab(browser: Any, url: str, width: int = 1400, height: int = 900) -> Any:
    """A new tab on the chat (a new Gradio session) that records every JavaScript dialog."""
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": height})
    tab.dialogs = []

    def on_dialog(dialog) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.goto(url)
    tab.locator("#question textarea").wait_for()
    return tab


def ask(page: Any, question: str, answers_before: int) -> None:
    """Type, press Enter, wait until the new answer has finished streaming."""
    from playwright.sync_api import expect

    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(ANSWERED)).to_have_count(answers_before + 1)


def upload(page: Any, path: Path) -> str:
    """Upload through the sidebar's file box; the result table's text."""
    from playwright.sync_api import expect

    page.locator("#upload input[type=file]").set_input_files(str(path))
    result = page.locator("#upload-result table")  # the progress bar shows the name first
    expect(result).to_contain_text(path.name)
    return result.inner_text()


def pick(page: Any, elem_id: str, name: str) -> None:
    """Type a name into a speaker picker and choose its suggestion ("Name — role (n quotes)")."""
    box = page.locator(f"#{elem_id} input")
    box.click()
    box.fill(name)
    options = page.locator(f"#{box.get_attribute('aria-controls')}")
    options.get_by_role("option", name=re.compile(rf"^{re.escape(name)}( —|$)")).first.click()


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
