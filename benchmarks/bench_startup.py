"""Start-up benchmark: process start to first answer (`quotedesk ask`) and to a served page
(`quotedesk serve`), with peak RSS, next to a llama-index starter script on the same store; and
in the served chat, the first and second answers' times, asked as soon as the page is served
and after a pause (a user reading the page and typing).

quotedesk runs with a fresh model cache: its first `ask` has no ONNX export yet (torch answers
and writes it, as on a new machine); the median is over the runs after it. `--tree` adds another
checkout (the code before a change, say) measured the same way, run for run in turn with this
one, so both see the same load.

    python -m benchmarks.bench_startup --store DIR [--runs 3] [--tree OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
# The quotedesk command of a tree, run from it: the installed `quotedesk` script imports the
# package it was installed from (another checkout, maybe), `python -c` from the tree this one.
QUOTEDESK = [sys.executable, "-c", "from app.cli import cli; cli(prog_name='quotedesk')"]
QUESTION = "What did the minister say about the economy?"
SECOND_QUESTION = "What did the president say about talks?"
BASELINE = """
import sys, chromadb
from llama_index.core import VectorStoreIndex
from llama_index.vector_stores.chroma import ChromaVectorStore
from ingest.embedding import load_embedder, resolve_model_path
embed = load_embedder(str(resolve_model_path(None)))
client = chromadb.PersistentClient(path=sys.argv[1] + "/chroma")
store = ChromaVectorStore(chroma_collection=client.get_collection("quotedesk_chunks"))
index = VectorStoreIndex.from_vector_store(store, embed_model=embed)
print(len(index.as_retriever(similarity_top_k=2).retrieve(sys.argv[2])))
"""
SERVE_TIMEOUT_S = 120.0


class Served(NamedTuple):
    """One `quotedesk serve` run: seconds to the page, then each answer's own seconds."""

    ready: float
    first: float
    second: float


def _timed(command: list[str], env: dict[str, str], tree: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and this child's own peak RSS in MB (wait4 reports it per child)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(command[:4])} ... exited with {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


@contextmanager
def _serving(tree: Path, store: Path, env: dict[str, str]) -> Iterator[tuple[str, float]]:
    """A `quotedesk serve` of `tree`: its URL and the seconds until it served the page."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*QUOTEDESK, "--store", str(store), "serve", "--port", str(port)],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if time.perf_counter() - started > SERVE_TIMEOUT_S:
                raise RuntimeError(f"serve did not answer within {SERVE_TIMEOUT_S:.0f} s")
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _answer_seconds(url: str, question: str) -> float:
    """Seconds from sending a question to the chat's `ask` endpoint to its final answer."""
    started = time.perf_counter()
    request = urllib.request.Request(
        url + "gradio_api/call/ask",
        data=json.dumps({"data": [question]}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=SERVE_TIMEOUT_S) as response:
        event = json.loads(response.read())["event_id"]
    stream = url + f"gradio_api/call/ask/{event}"
    with urllib.request.urlopen(stream, timeout=SERVE_TIMEOUT_S) as response:
        for line in response:
            if line.startswith(b"event: error"):
                raise RuntimeError(f"the chat answered with an error: {response.read()[:200]!r}")
            if line.startswith(b"event: complete"):
                return time.perf_counter() - started
    raise RuntimeError("the chat's answer stream ended without a final answer")


def _serve_answers(tree: Path, store: Path, env: dict[str, str], pause: float) -> Served:
    """Serve, wait `pause` seconds after the page is up, then ask two questions in turn."""
    with _serving(tree, store, env) as (url, ready):
        time.sleep(pause)
        first = _answer_seconds(url, QUESTION)
        return Served(ready, first, _answer_seconds(url, SECOND_QUESTION))


def _tree_rows(
    name: str, ask: list[tuple[float, float]], served: dict[float, list[Served]]
) -> list[list[object]]:
    """One tree's rows: medians over the runs, peak RSS of `ask`."""
    median = statistics.median
    rows = [
        [
            f"{name}: quotedesk ask (to first answer)",
            median(w for w, _ in ask),
            max(r for _, r in ask),
        ],
        [f"{name}: quotedesk serve (to page served)", median(s.ready for s in served[0.0]), None],
    ]
    for pause, runs in served.items():
        when = "as the page is served" if not pause else f"{pause:.0f} s after the page"
        rows.append(
            [f"{name}: serve, first answer, asked {when}", median(s.first for s in runs), None]
        )
        rows.append(
            [f"{name}: serve, second answer, right after", median(s.second for s in runs), None]
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another checkout")
    parser.add_argument("--pause", type=float, default=3.0, help="seconds a user takes to ask")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "startup.json")
    args = parser.parse_args()
    trees = {"this tree": ROOT, **{str(t): t.resolve() for t in args.tree}}
    ask_command = [*QUOTEDESK, "--store", str(args.store), "ask", QUESTION]
    asks: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    served: dict[str, dict[float, list[Served]]] = {
        name: {0.0: [], args.pause: []} for name in trees
    }
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "QUOTEDESK_EMBED_CACHE": cache}
        first = _timed(ask_command, env)
        for _ in range(args.runs):
            for name, tree in trees.items():  # in turn: each tree sees the same load
                own = {**env, "PYTHONPATH": str(tree)}  # its own packages, whatever the caller's
                asks[name].append(_timed(ask_command, own, tree))
                for pause, runs in served[name].items():
                    runs.append(_serve_answers(tree, args.store, own, pause))
        base = [
            _timed([sys.executable, "-c", BASELINE, str(args.store), QUESTION], env)
            for _ in range(args.runs)
        ]
    rows = [["quotedesk ask, first run (no model export yet)", *first]]
    for name in trees:
        rows += _tree_rows(name, asks[name], served[name])
    starter = statistics.median(w for w, _ in base)
    rows.append(["llama-index starter (to first retrieval)", starter, max(r for _, r in base)])
    print(
        f"# start-up benchmark, median of {args.runs}; {machine()}; load {os.getloadavg()[0]:.1f}"
    )
    print_table(["what", "seconds", "peak RSS MB"], rows)
    ratio = rows[1][1] / starter
    print(f"quotedesk ask / llama-index starter, to first answer: {ratio:.2f}x (< 1 is faster)")
    write_json(args.out, {"machine": machine(), "rows": rows, "ask_vs_llamaindex": ratio})


if __name__ == "__main__":
    main()
