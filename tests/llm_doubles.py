"""Test doubles for the LLM interface: canned `ChatBackend`s, and (re-exported as `ChatServer`)
the scripted OpenAI-compatible server of tests/fake_openai_server.py, so the real llama-index
client path is exercised without any model."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from app.prompts import Message
from tests.fake_openai_server import FakeOpenAIServer as ChatServer

__all__ = ["Broken", "ChatServer", "FakeLLM", "faithful", "passages"]

Reply = Callable[[Sequence[Message]], str]


@dataclass
class FakeLLM:
    """The `ChatBackend` interface with canned replies; records every prompt it was sent."""

    reply: Reply | str
    name: str = "fake:model"
    delay: float = 0.0  # seconds before each delta
    seen: list[list[Message]] = field(default_factory=list)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        self.seen.append(list(messages))
        text = self.reply if isinstance(self.reply, str) else self.reply(messages)
        for word in re.findall(r"\S+\s*", text):
            time.sleep(self.delay)
            yield word


class Broken:
    name = "fake:broken"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        raise self.error


def passages(messages: Sequence[Message]) -> dict[int, tuple[str, str]]:
    """The passages in the user message: id -> (speaker, text)."""
    found = re.findall(
        r'<passage id="(\d+)"(?: speaker="([^"]*)")?[^>]*>\n(.*?)\n</passage>',
        messages[-1].content,
        re.S,
    )
    return {int(n): (speaker, text) for n, speaker, text in found}


def faithful(messages: Sequence[Message]) -> str:
    """What a well-behaved model writes: passage 1 paraphrased, then one unsupported claim."""
    speaker, text = passages(messages)[1]
    return f"{speaker} said that {text.rstrip(',.')} [1]. He also said the moon is cheese [1]."
