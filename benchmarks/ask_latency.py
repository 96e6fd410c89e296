"""`ask` latency alone, in the tree it runs from: one process opens a store, answers a warm-up
question, then asks each question `--repeats` times and prints p50/p95 and the median of each
timing part.

Why beside bench_query: its measuring child also holds torch and runs the llama-index
retriever between asks, so on a busy machine its ask p50 moves by 1.5x between runs of the
same code. Run this from two trees in turn on the same store (under the bench lock) to compare
them, or let `benchmarks.ask_compare` run both in one hold:

    cd TREE && python -m benchmarks.ask_latency STORE --label NAME [--questions FILE]

Without `--questions` it asks bench_query's 10 questions (a suffix per repeat, so each repeat
embeds a new query); with it, a dataset's questions verbatim (JSON lines with "question", or
one question a line). Rows marked `"split": "test"` are refused: timing work is tuned on dev.
The first ask of each question embeds it, later ones find its vector cached, so both the
first asks' p50/p95 and all asks' are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.bench_query import QUESTIONS


def read_questions(path: Path) -> list[str]:
    """The questions of a JSON-lines dataset (or a plain list, one a line), test rows refused."""
    found: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            found.append(line.strip())
            continue
        row = json.loads(line)
        if row.get("split") == "test":
            raise SystemExit(f"{path} holds test rows: time on a dev split")
        found.append(row["question"])
    return found


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 the way bench_query reports them (p95: the nearest rank below)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def answer_record(answer) -> dict:
    """What must not change when only speed does: the answer as `--json` prints it, without
    its timings."""
    record = answer.to_json()
    record.pop("timings_ms", None)
    return record


def measure(desk, questions: list[str], repeats: int, vary: bool, answers_out) -> dict:
    first: list[float] = []
    times: list[float] = []
    parts: dict[str, list[float]] = defaultdict(list)
    for r in range(repeats):
        for question in questions:
            asked = f"{question} {r}" if vary and r else question  # a new query vector
            started = time.perf_counter()
            answer = desk.ask(asked)
            ms = (time.perf_counter() - started) * 1000
            times.append(ms)
            if r == 0:
                first.append(ms)
                if answers_out is not None:
                    answers_out.write(json.dumps(answer_record(answer), sort_keys=True) + "\n")
            for name, part in answer.timings_ms.items():
                parts[name].append(part)
    medians = {name: round(statistics.median(values), 1) for name, values in parts.items()}
    return {"times": times, "first": first, "parts": medians}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--label", default="this tree")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--questions", type=Path, help="JSON lines with 'question' (dev rows)")
    parser.add_argument("--answers", type=Path, help="write each first answer here (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print one JSON line of results")
    args = parser.parse_args()
    from app.api import QuoteDesk

    questions = read_questions(args.questions) if args.questions else list(QUESTIONS)
    started = time.perf_counter()
    desk = QuoteDesk.open(args.store)
    desk.ask(QUESTIONS[1])
    warm_s = time.perf_counter() - started
    with contextlib.ExitStack() as stack:
        answers_out = (
            stack.enter_context(open(args.answers, "w", encoding="utf-8")) if args.answers else None
        )
        found = measure(desk, questions, args.repeats, not args.questions, answers_out)
    if args.json:
        print(json.dumps({"label": args.label, "warm_s": round(warm_s, 2)} | found))
        return
    p50, p95 = percentiles(found["times"])
    f50, f95 = percentiles(found["first"])
    print(
        f"{args.label}: ask p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(found['times'])} asks; "
        f"first asks p50 {f50:.1f}, p95 {f95:.1f}); median parts {found['parts']}"
    )


if __name__ == "__main__":
    main()
