"""A quote desk tool's result as one turn of the chat (a checked quote, a timeline, two
speakers side by side).

It is an `Answer`, so the conversation, the sources panel, the follow-up handling and every
export read it like any other turn: its text is a plain summary with `[n]` markers and its
citations are the quotations the tool found. What the chat shows in place of the summary (the
verdict and word diff, the dated list, two columns) travels beside it, with the plot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.types import Answer


@dataclass(frozen=True)
class ToolAnswer(Answer):
    """`body(linked)` renders what the chat shows instead of `answer` (HTML, everything from the
    store escaped; `linked` as for an answer's markers: only the latest turn's sources are on
    the panel); `figure` is a plotly figure shown under it. Neither is stored in the browser: a
    restored turn shows its summary and citations."""

    tool: str = ""  # "check", "timeline", "compare", or "problem" when the tool could not run
    body: Callable[[bool], str] | None = field(default=None, compare=False, repr=False)
    figure: Any = field(default=None, compare=False, repr=False)
