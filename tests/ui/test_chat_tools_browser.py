"""The quote desk tools inside the served chat (`app.ui.launch`, guard included), in Debian's
chromium driven by Playwright: typed in the chat box, the answer download, and the speaker
page's quotations opening in the chat's sources panel.

With QUOTEDESK_UPDATE_SCREENSHOT=1 they also refresh docs/screenshots/ (1400 px).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.ui.conftest import ANSWERED, ask, needs_chromium, open_tab, pick

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]
UPDATE_SCREENSHOTS = os.environ.get("QUOTEDESK_UPDATE_SCREENSHOT") == "1"

CHECKED = (
    "Did Sergei Lavrov say “There is no negative reaction on the main issue in this document”?"
)


def update_screenshot(page, name: str) -> None:
    """The README's picture of this screen, when asked for (QUOTEDESK_UPDATE_SCREENSHOT=1)."""
    if UPDATE_SCREENSHOTS:
        page.wait_for_timeout(800)  # let the panel's smooth scroll and the plot settle
        page.screenshot(path=str(ROOT / "docs" / "screenshots" / f"{name}.png"))


@pytest.fixture
def page(browser, served_sample):
    """A tab on an empty chat: the module's browser keeps conversations in local storage."""
    tab = open_tab(browser, served_sample.url)
    tab.evaluate("() => localStorage.clear()")
    tab.reload()
    tab.locator("#question textarea").wait_for()
    yield tab
    tab.close()


def test_a_quote_check_in_the_chat_shows_verdict_diff_and_opens_its_source(page) -> None:
    from playwright.sync_api import expect

    ask(page, CHECKED, 0)
    answer = page.locator(ANSWERED).last
    # The chat keeps classes but drops data- attributes from messages.
    expect(answer.locator(".qd-verdict")).to_have_class(re.compile(r"\bqd-verdict-misquoted\b"))
    expect(answer.locator(".qd-diff del")).to_have_text("positive")
    expect(answer.locator(".qd-diff ins")).to_have_text("negative")
    answer.locator(".qd-item a.qd-marker").first.click()
    source = page.locator("#sources #source-1")
    expect(source).to_be_in_viewport()
    expect(source.locator(".qd-passage mark")).to_contain_text("no positive reaction")
    update_screenshot(page, "chat-check")


def test_a_position_question_in_the_chat_shows_the_dated_list_and_the_plot(page) -> None:
    from playwright.sync_api import expect

    ask(page, "How has Dmitry Peskov's position changed?", 0)
    answer = page.locator(ANSWERED).last
    expect(answer.locator(".qd-date")).to_have_text(["2022-01-27"])
    expect(answer.locator(".qd-item").first).to_be_visible()
    expect(page.locator("#chat .js-plotly-plot")).to_be_visible()
    update_screenshot(page, "chat-timeline")


def test_compare_in_the_chat_shows_two_columns_of_the_right_speakers(page) -> None:
    from playwright.sync_api import expect

    ask(page, "What did Sergei Lavrov and Dmitry Peskov say about NATO?", 0)
    columns = page.locator(ANSWERED).last.locator(".qd-column")
    expect(columns).to_have_count(2)
    expect(columns.locator("h3")).to_have_text(["Sergei Lavrov", "Dmitry Peskov"])
    # (that each column holds only its speaker's words: test_ui_api.py reads the HTML)
    for side in (0, 1):
        expect(columns.nth(side).locator(".qd-item").first).to_be_visible()
    update_screenshot(page, "chat-compare")


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_the_answer_download_saves_its_citations(page, sample_desk, fmt) -> None:
    from playwright.sync_api import expect

    ask(page, "What did Lavrov say about the OSCE?", 0)
    page.locator("#answer-format").get_by_label(fmt).check()
    expect(page.locator("#answer-export textarea")).not_to_have_value("")
    if fmt != "csv":  # the text follows the chosen format before it is saved
        expect(page.locator("#answer-export textarea")).not_to_have_value(re.compile("^speaker,"))
    with page.expect_download() as download:
        page.locator("#answer-download").click()
    assert download.value.suggested_filename == f"quotedesk-answer.{fmt}"
    text = Path(download.value.path()).read_text(encoding="utf-8")
    if fmt == "md":
        assert text.startswith("# What did Lavrov say about the OSCE?") and "Sergei Lavrov" in text
        return
    rows = list(csv.DictReader(io.StringIO(text))) if fmt == "csv" else json.loads(text)
    assert rows and all(str(row["sentence"]).isdigit() for row in rows)
    for row in rows:
        article = sample_desk.article(row["article_id"]).text
        assert " ".join(article[int(row["start"]) : int(row["end"])].split()) == row["quote"]


def test_the_speaker_page_opens_a_quotation_in_the_chat_sources_panel(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Speaker page").click()
    pick(page, "speaker-pick", "Dmitry Peskov")
    first = page.locator("#speaker-page .qd-recent .qd-item").first
    expect(first).to_be_visible()
    words = first.inner_text()
    first.locator("a.qd-marker").click()
    source = page.locator("#sources #source-1")
    expect(source).to_be_in_viewport()
    marked = source.locator(".qd-passage mark").first.inner_text()
    assert marked[:40] in words  # the same quotation, in its paragraph
    update_screenshot(page, "speaker-page")


def test_the_export_tab_downloads_behind_the_guard(page, sample_desk) -> None:
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Export").click()
    pick(page, "export-speaker", "Sergei Lavrov")
    page.locator("#export-run").click()
    expect(page.locator("#export-status")).to_contain_text("Ready")
    with page.expect_download() as download:
        page.locator("#export-download").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert len(rows) == sample_desk.speaker_index().info("Sergei Lavrov").quotes
