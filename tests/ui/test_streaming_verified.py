"""The chat streams only verified sentences: in a real browser (Debian's chromium driven by
Playwright), every state of the answer area is recorded while a scripted OpenAI-compatible
server writes an unsupported sentence slowly between two supported ones; the unsupported
words must never be on screen, and the verified ones must appear before the answer ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import pytest

from app.api import QuoteDesk
from app.llm import build_backend
from app.llm_answer import LLMAnswerer
from app.prompts import Message
from app.settings import Settings
from tests.fake_openai_server import FakeOpenAIServer
from tests.llm_doubles import passages
from tests.ui.conftest import CHROMIUM, TIMEOUT_MS, serving
from tests.ui.conftest import CHROMIUM_ARGS as ARGS
from tests.ui.test_browser import EXAMPLE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (make browser)"
    ),
]
UNSUPPORTED = "NATO said Russia will invade Finland next week [1]."
DRIP = 0.12  # seconds per word: the unsupported sentence takes about a second to write
# Every change of the chat's text, recorded in the page as it happens (not polled).
RECORDER = """
() => {
  window.__chat = [];
  const chat = document.querySelector('#chat');
  const record = () => window.__chat.push({
    text: chat.innerText,
    streaming: !!chat.querySelector('.qd-streaming'),
  });
  new MutationObserver(record).observe(chat, {subtree: true, childList: true,
                                              characterData: true});
}
"""


def supported(n: int, messages: Sequence[Message]) -> str:
    """One sentence the passage supports: its speaker and its first sentence."""
    speaker, text = passages(messages)[n]
    first = re.split(r"(?<=[.!?])\s+", text.strip())[0]
    return f"{speaker} said that {first.rstrip(',.')} [{n}]."


def reply(messages: Sequence[Message]) -> str:
    """Passage 1, the unsupported sentence, then the last passage (1 again when only one is
    offered: the ranked answer may cite one passage)."""
    last = max(passages(messages))
    return f"{supported(1, messages)} {UNSUPPORTED} {supported(last, messages)}"


@pytest.fixture(scope="module")
def served(sample_desk) -> Iterator:
    server = FakeOpenAIServer(reply, drip=DRIP)
    settings = Settings(llm="openai:scripted", llm_base_url=server.url, llm_timeout=60)
    llm = LLMAnswerer(build_backend(settings), sample_desk.retriever.lexicon, 60)
    desk = QuoteDesk(
        sample_desk.settings, sample_desk.store, sample_desk.retriever, sample_desk.ingestor, llm
    )
    try:
        with serving(desk) as served:
            yield served
    finally:
        server.stop()


def test_the_chat_never_shows_an_unsupported_sentence(served, tmp_path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
        )
        context.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)
        page = context.new_page()
        page.goto(served.url)
        page.locator("#question textarea").wait_for()
        page.locator("#chat").wait_for(state="attached")
        page.evaluate(RECORDER)
        box = page.locator("#question textarea")
        box.fill(EXAMPLE)
        box.press("Enter")
        expect(page.locator("#chat .qd-answer:not(.qd-streaming)")).to_have_count(1)
        states = page.evaluate("window.__chat")
        final = page.locator("#chat .qd-answer").last.inner_text()
        context.close()

    assert len(states) > 3
    for words in ("invade", "Finland", "next week"):
        assert not any(words in state["text"] for state in states), words
    streamed = [s["text"] for s in states if s["streaming"]]
    assert any("said that" in text for text in streamed)  # verified text shown while streaming
    assert "2 of 3 sentences verified" in final and "Finland" not in final
