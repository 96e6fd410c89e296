"""Question understanding cost: `understand` per question, spaCy parse included.

Times every question of the labelled sets (questions and their follow-up contexts) against a
speaker index built from the bundled sample's quotes, or from a store's quotes with --store.
The first question loads the spaCy pipeline and is timed separately; parses are cached, so
each question is timed once, on its first parse. CPU time is printed next to wall time, which
on a shared machine mostly measures the other processes.

    python -m benchmarks.bench_question [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from app.question import understand
from app.question_parse.parse import parse_question
from app.speaker_index import SpeakerIndex
from benchmarks.common import machine

ROOT = Path(__file__).resolve().parents[1]


def _questions() -> list[str]:
    seen: dict[str, None] = {}
    for path in sorted((ROOT / "evals" / "datasets").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                for question in [*row.get("context", []), row["question"]]:
                    seen.setdefault(question, None)
    return list(seen)


def _index(store: str | None) -> SpeakerIndex:
    if store:
        from app.api import QuoteDesk

        return QuoteDesk.open(store).speaker_index()
    from ingest.quotes import extract_quotes

    path = ROOT / "data" / "samples" / "articles.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return SpeakerIndex((q, r["id"]) for r in records for q in extract_quotes(r["text"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a quotedesk store whose speakers to resolve against")
    args = parser.parse_args()
    index = _index(args.store)
    questions = _questions()
    started = time.perf_counter()
    parse_question("What did the minister say about the budget?")
    load_ms = (time.perf_counter() - started) * 1000
    timings, cpu = [], []
    for question in questions:
        started, started_cpu = time.perf_counter(), time.process_time()
        understand(question, index)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"speakers in index: {len(index)}; questions: {len(timings)}")
    print(f"first parse (loads spaCy): {load_ms:.0f} ms")
    print(
        f"understand per question: p50 {statistics.median(timings):.1f} ms, "
        f"p90 {timings[int(0.9 * len(timings))]:.1f} ms, max {timings[-1]:.1f} ms; "
        f"CPU time p50 {statistics.median(cpu):.1f} ms (wall time grows with the machine's load)"
    )


if __name__ == "__main__":
    main()
