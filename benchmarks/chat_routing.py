"""What routing a chat message to the quote desk tools costs before `ask` sees it.

    python -m benchmarks.chat_routing [--repeat 2000]

Times `app.chat_request.parse_tool_request` (the only step a question that is no tool request
pays: the tools themselves run only for the messages it recognises) over made-up questions of
each shape, including a 2,000-character one, and prints microseconds per message.
"""

from __future__ import annotations

import argparse
import statistics
import time

from app.chat_request import parse_tool_request

MESSAGES = {
    "question": "What did the harbour master say about the new ferry timetable?",
    "who_said": "Who said “the bridge opens in May, not a day later”?",
    "check": "Did Mara Quill say “the bridge opens in May, not a day later”?",
    "timeline": "How has Mara Quill's position on the harbour bridge changed?",
    "compare": "What did Mara Quill and Tomas Brey say about the harbour bridge?",
    "long_question": "What did the council say about " + "the ferry and the bridge " * 80 + "?",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args(argv)
    for name, message in MESSAGES.items():
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            parse_tool_request(message)
            runs.append((time.perf_counter() - started) * 1e6)
        found = parse_tool_request(message)
        routed = type(found).__name__ if found else "ask"
        p50 = statistics.median(runs)
        p99 = statistics.quantiles(runs, n=100)[98]
        shape = f"{name:14s} {len(message):5d} chars -> {routed:16s}"
        print(f"{shape} p50 {p50:7.1f} µs  p99 {p99:7.1f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
