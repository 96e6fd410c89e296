"""`ask` latency alone, in the tree it runs from: one process opens a store, answers a warm-up
question, then bench_query's 10 questions x 3, and prints p50/p95 and the median of each
timing part.

Why beside bench_query: its measuring child also holds torch and runs the llama-index
retriever between asks, so on a busy machine its ask p50 moves by 1.5x between runs of the
same code. Run this from two trees in turn on the same store (under the bench lock) to compare
them:

    cd TREE && python -m benchmarks.ask_latency STORE --label NAME
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.bench_query import QUESTIONS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--label", default="this tree")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from app.api import QuoteDesk

    desk = QuoteDesk.open(args.store)
    desk.ask(QUESTIONS[1])
    times: list[float] = []
    parts: dict[str, list[float]] = defaultdict(list)
    for r in range(args.repeats):
        for question in QUESTIONS:
            question = f"{question} {r}" if r else question  # a new query vector each repeat
            started = time.perf_counter()
            answer = desk.ask(question)
            times.append((time.perf_counter() - started) * 1000)
            for name, ms in answer.timings_ms.items():
                parts[name].append(ms)
    times.sort()
    p50, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    medians = {name: round(statistics.median(values), 1) for name, values in parts.items()}
    print(f"{args.label}: ask p50 {p50:.1f} ms, p95 {p95:.1f} ms; median parts {medians}")


if __name__ == "__main__":
    main()
