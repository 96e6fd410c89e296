"""The five quote desk tool tabs in a real browser (Debian's chromium driven by Playwright).

A small `gr.Blocks` of its own serves `add_tool_tabs` over the shared sample store (read only),
so these tests do not depend on how the chat lays the tabs out.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import free_port
from tests.ui.conftest import CHROMIUM, TIMEOUT_MS, pick
from tests.ui.conftest import CHROMIUM_ARGS as ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make browser)"
    ),
]


@pytest.fixture(scope="module")
def url(sample_desk) -> Iterator[str]:
    import gradio as gr

    from app.ui_tools import add_tool_tabs

    with gr.Blocks() as demo:
        add_tool_tabs(sample_desk)
    port = free_port()
    demo.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        ssr_mode=False,
        quiet=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-tools-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        yield context
        context.close()


@pytest.fixture
def page(browser, url) -> Iterator:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    tab = browser.new_page()
    tab.goto(url)
    yield tab
    tab.close()


def test_check_tab_shows_verdict_and_diff(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Check a quote").click()
    page.locator("#check-quote").get_by_role("textbox").fill(
        "“There is no negative reaction on the main issue in this document”"
    )
    page.locator("#check-run").click()
    verdict = page.locator("#check-result .qd-verdict")
    expect(verdict).to_have_attribute("data-verdict", "misquoted")
    expect(page.locator("#check-result .qd-diff del")).to_have_text("positive")
    expect(page.locator("#check-result .qd-diff ins")).to_have_text("negative")
    expect(page.locator("#check-result .qd-item").first).to_contain_text("Sergei Lavrov")
    # The places found are in the sources panel, each marker pointing to its block.
    page.locator("#check-result .qd-item a.qd-marker").first.click()
    expect(page.locator("#sources #source-1 .qd-passage mark")).to_contain_text(
        "no positive reaction"
    )


def test_timeline_tab_shows_plot_and_dated_items(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Timeline").click()
    pick(page, "timeline-speaker", "Dmitry Peskov")
    page.locator("#timeline-run").click()
    expect(page.locator("#timeline-items .qd-date")).to_have_text(["2022-01-27"])
    expect(page.locator("#timeline-items .qd-item").first).to_be_visible()
    expect(page.locator("#timeline-plot .js-plotly-plot")).to_be_visible()
    expect(page.locator("#timeline-plot")).to_contain_text("2022-01")


def test_compare_tab_shows_two_columns_of_the_right_speakers(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Compare").click()
    pick(page, "compare-first", "Sergei Lavrov")
    pick(page, "compare-second", "Dmitry Peskov")
    page.locator("#compare-topic").get_by_role("textbox").fill("NATO")
    page.locator("#compare-run").click()
    columns = page.locator("#compare-result .qd-column")
    expect(columns).to_have_count(2)
    expect(columns.nth(0)).to_have_attribute("data-speaker", "Sergei Lavrov")
    expect(columns.nth(1)).to_have_attribute("data-speaker", "Dmitry Peskov")
    expect(columns.nth(0).locator(".qd-item").first).to_be_visible()
    expect(columns.nth(1).locator(".qd-item").first).to_be_visible()


def test_speaker_page_loads(page, sample_desk) -> None:
    from playwright.sync_api import expect

    stored = sample_desk.speaker_index().info("Dmitry Peskov")
    page.get_by_role("tab", name="Speaker page").click()
    pick(page, "speaker-pick", "Dmitry Peskov")
    expect(page.locator("#speaker-page .qd-counts")).to_contain_text(
        f"{stored.quotes} quotation(s) in 1 article(s)"
    )
    expect(page.locator("#speaker-page")).to_contain_text("Kremlin spokesman")
    expect(page.locator("#speaker-page .qd-item").first).to_be_visible()
    expect(page.locator("#speaker-plot .js-plotly-plot")).to_be_visible()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_downloads_rows_that_match_the_store(page, sample_desk, fmt) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Export").click()
    pick(page, "export-speaker", "Sergei Lavrov")
    page.locator("#export-format").get_by_label(fmt).check()
    page.locator("#export-run").click()
    expect(page.locator("#export-status")).to_contain_text("Ready")
    with page.expect_download() as download:
        page.locator("#export-download").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
    assert len(rows) == sample_desk.speaker_index().info("Sergei Lavrov").quotes
    article = sample_desk.article(rows[0]["article_id"]).text
    for row in rows:
        assert row["speaker"] == "Sergei Lavrov"
        assert article[int(row["start"]) : int(row["end"])] == row["quote"]
