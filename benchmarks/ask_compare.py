"""`ask` latency of two or more trees on one store, in one run, side by side, with a check that
their answers are the same.

Why: a speed change is only kept when the answers stay byte-identical, and timings taken in
different runs of a shared 2-core machine differ by more than most changes save. Each tree
runs this tree's `ask_latency` in its own child process (with that tree's `app` first on the
path, so a tree that predates `--questions` can be measured too), one tree after another,
and with `--rounds 2` again in reversed order. Run it under the bench lock:

    flock /work/bench.lock python -m benchmarks.ask_compare STORE --trees /work/main,. \
        --questions DEV.jsonl [--repeats 3] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.ask_latency import percentiles

LATENCY_SCRIPT = Path(__file__).with_name("ask_latency.py")


def run_tree(tree: Path, store: Path, options: list[str], answers: Path) -> dict:
    """One child process answering from `tree`'s code; its JSON result line."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, str(LATENCY_SCRIPT), str(store), "--json", "--label", str(tree)]
    command += [*options, "--answers", str(answers)]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--trees", required=True, help="comma-separated tree folders")
    parser.add_argument("--questions", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="2: again in reversed order")
    args = parser.parse_args()
    trees = [Path(t).resolve() for t in args.trees.split(",")]
    options = ["--repeats", str(args.repeats)]
    if args.questions:
        options += ["--questions", str(args.questions.resolve())]
    times: dict[Path, dict[str, list[float]]] = {t: {"times": [], "first": []} for t in trees}
    answers: dict[Path, set[str]] = {t: set() for t in trees}
    with tempfile.TemporaryDirectory() as scratch:
        for r in range(args.rounds):
            for n, tree in enumerate(trees if r % 2 == 0 else trees[::-1]):
                out = Path(scratch) / f"answers-{r}-{n}.jsonl"
                found = run_tree(tree, args.store.resolve(), options, out)
                times[tree]["times"] += found["times"]
                times[tree]["first"] += found["first"]
                answers[tree].add(out.read_text(encoding="utf-8"))
                p50, p95 = percentiles(found["times"])
                print(f"round {r + 1} {tree}: p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
    print(f"{'tree':<40} {'p50':>7} {'p95':>7} {'first p50':>10} {'first p95':>10}")
    for tree in trees:
        p50, p95 = percentiles(times[tree]["times"])
        f50, f95 = percentiles(times[tree]["first"])
        print(f"{str(tree):<40} {p50:7.1f} {p95:7.1f} {f50:10.1f} {f95:10.1f}")
    every = set().union(*answers.values())
    print("answers identical across trees and rounds" if len(every) == 1 else "ANSWERS DIFFER")


if __name__ == "__main__":
    main()
