"""The chat in a real browser: Debian's chromium driven by Playwright (never its own download).

One store per module (uploads change it), the real model, the real app as `quotedesk serve`
runs it. Screenshots go to artifacts/ (not committed); the chat flow also refreshes
docs/screenshot.png (the one the README shows) when QUOTEDESK_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.helpers import SAMPLE, make_desk
from tests.ui.conftest import (
    ANSWERED,
    ask,
    needs_chromium,
    open_tab,
    screenshot,
    serving,
    upload,
)

EXAMPLE = "What did Lavrov say about the OSCE?"

pytestmark = [pytest.mark.browser, pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator:
    desk = make_desk(tmp_path_factory.mktemp("browser-store"))
    desk.ingest([SAMPLE], progress=False)
    with serving(desk) as served:
        yield served


@pytest.fixture
def page(browser, served) -> Iterator:
    """A fresh tab (a new Gradio session) that records every JavaScript dialog."""
    tab = open_tab(browser, served.url, 1280, 900)
    tab.evaluate("localStorage.clear()")  # each test starts without a kept conversation
    tab.reload()
    tab.locator("#question textarea").wait_for()
    yield tab
    tab.close()


def test_chat_flow_with_sources_follow_up_and_upload(page, tmp_path) -> None:
    from playwright.sync_api import expect

    assert page.title() == "quotedesk"
    ask(page, EXAMPLE, 0)

    answer = page.locator(ANSWERED).last
    markers = answer.locator('a[href^="#source-"]')
    assert markers.count() >= 1
    expect(markers.first).to_have_text("[1]")
    marked = page.locator("#sources mark").all_inner_texts()
    assert any("OSCE" in m for m in marked), marked
    expect(page.locator("#sources")).to_contain_text("Sergei Lavrov")
    screenshot(page, "chat-answer")
    page.get_by_text("Export the conversation").click()
    expect(page.locator("#export-md textarea")).to_have_value(
        re.compile(r"\nSources:\n\n1\. \*\*Sergei Lavrov\*\*, ")
    )

    # A marker opens its source and brings it into view.
    hrefs = markers.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    last = max(int(h.removeprefix("#source-")) for h in hrefs)
    source = page.locator(f"#source-{last}")
    source.evaluate("el => { el.open = false; el.closest('.qd-sources').scrollTop = 0; }")
    page.evaluate("window.scrollTo(0, 0)")
    answer.locator(f'a[href="#source-{last}"]').first.click()
    expect(source).to_have_attribute("open", "")
    expect(source).to_be_in_viewport()
    assert "#source-" not in page.url  # handled in the page, no navigation

    # A follow-up joins the conversation.
    ask(page, "What else did he say?", 1)
    follow_up = page.locator(ANSWERED).last
    assert follow_up.inner_text().strip()
    expect(page.locator("#chat .qd-question")).to_have_count(2)

    # Upload a new article, then ask about it.
    article = tmp_path / "harbour-news.txt"
    article.write_text(
        "Harbour reopens after the storm\n\n"
        "\u201cThe harbour will reopen to fishing boats on Monday,\u201d said port director "
        "Alma Ruiz.\n\nThe storm damaged two piers last week.\n",
        encoding="utf-8",
    )
    result = upload(page, article)
    assert re.search(r"harbour-news\.txt\s+added", result), result
    expect(page.locator("#stats")).to_contain_text("2 articles")
    ask(page, "When will the harbour reopen to fishing boats?", 2)
    expect(page.locator("#sources")).to_contain_text("Harbour reopens after the storm")
    marked = " ".join(page.locator("#sources mark").all_inner_texts())
    assert "Monday" in marked, marked
    expect(page.locator(ANSWERED).last.locator('a[href="#source-1"]')).to_have_count(2)
    screenshot(page, "chat-upload")

    # A new chat starts over.
    page.locator("#new-chat").click()
    expect(page.locator("#chat .qd-question")).to_have_count(0)
    expect(page.locator("#sources")).to_contain_text("Sources appear here")
    assert page.dialogs == []


def test_article_markup_shows_as_text_and_never_runs(page, tmp_path) -> None:
    from playwright.sync_api import expect

    script, img = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"
    article = tmp_path / "payload.txt"
    article.write_text(
        f"Bridge vote {script}\n\n"
        f"\u201cThe new bridge will cost twelve million {script} {img} euros,\u201d said mayor "
        f"Tomas Berry.\n\nCouncillors {img} vote on the bridge plan in May.\n",
        encoding="utf-8",
    )
    result = upload(page, article)
    assert "added" in result or "unchanged" in result, result
    ask(page, f"What did Tomas Berry say the bridge will cost? {img}", 0)

    sources = page.locator("#sources")
    expect(sources).to_contain_text(f"Bridge vote {script}")  # the title, literally
    marked = " ".join(sources.locator("mark").all_inner_texts())
    assert script in marked and img in marked, marked
    expect(page.locator(ANSWERED).last).to_contain_text(script)
    expect(page.locator("#chat .qd-question").last).to_contain_text(img)
    sources.locator(".qd-whole summary").first.click()  # the whole article, opened
    expect(sources.locator(".qd-whole").first).to_contain_text(f"Councillors {img} vote")

    page.wait_for_timeout(500)  # give any injected handler a chance to fire
    assert page.locator("#sources img, #chat .qd-answer img, #chat .qd-question img").count() == 0
    assert page.locator("#sources script, #chat script").count() == 0
    assert page.dialogs == []
    screenshot(page, "xss")


def test_phone_width_stacks_the_panels(browser, served) -> None:
    from playwright.sync_api import expect

    tab = open_tab(browser, served.url, 390, 844)
    try:
        tab.locator(".qd-example").first.click()  # an example question, one tap
        expect(tab.locator(ANSWERED)).to_have_count(1)
        chat, sources = tab.locator("#chat").bounding_box(), tab.locator("#sources").bounding_box()
        assert sources["y"] > chat["y"] + chat["height"] - 1  # below the chat, not beside it
        assert sources["width"] <= 390
        overflow = tab.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 391, f"page scrolls sideways at phone width ({overflow}px)"
        screenshot(tab, "phone")
    finally:
        tab.close()


def test_filters_narrow_the_answer_to_one_speaker(page) -> None:
    """The speaker list arrives with the page; picking one answers from that person's words."""
    from playwright.sync_api import expect

    dropdown = page.locator("#filter-speaker input")
    dropdown.click()
    options = page.locator("#filter-speaker [role=option]")
    expect(options.filter(has_text="Dmitry Peskov")).to_have_count(1)  # filled on page load
    options.filter(has_text="Dmitry Peskov").click()
    ask(page, "What did they make of the written answers?", 0)
    answer = page.locator(ANSWERED).last
    expect(answer).to_contain_text("Filtered to Dmitry Peskov")
    speakers = page.locator("#sources .qd-speaker").all_inner_texts()
    assert speakers and all("Peskov" in s for s in speakers), speakers
    screenshot(page, "chat-filtered")
