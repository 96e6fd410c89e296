"""Start-up benchmark: process start to first answer (`quotedesk ask`) and to a served page
(`quotedesk serve`), with peak RSS, next to a llama-index starter script on the same store.

quotedesk runs with a fresh model cache: its first `ask` has no ONNX export yet (torch answers
and writes it, as on a new machine); the median is over the runs after it.

    python -m benchmarks.bench_startup --store DIR [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
# The quotedesk command of this tree: the installed `quotedesk` script imports the package it
# was installed from (another checkout, maybe), `python -c` from ROOT imports this one.
QUOTEDESK = [sys.executable, "-c", "from app.cli import cli; cli(prog_name='quotedesk')"]
QUESTION = "What did the minister say about the economy?"
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


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and this child's own peak RSS in MB (wait4 reports it per child)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{' '.join(command[:4])} ... exited with {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


def _serve_ready(store: Path, env: dict[str, str]) -> float:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*QUOTEDESK, "--store", str(store), "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < 120:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("serve did not answer within 120 s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "startup.json")
    args = parser.parse_args()
    ask_command = [*QUOTEDESK, "--store", str(args.store), "ask", QUESTION]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "QUOTEDESK_EMBED_CACHE": cache}
        first = _timed(ask_command, env)
        ask = [_timed(ask_command, env) for _ in range(args.runs)]
        base = [
            _timed([sys.executable, "-c", BASELINE, str(args.store), QUESTION], env)
            for _ in range(args.runs)
        ]
        serve = [_serve_ready(args.store, env) for _ in range(args.runs)]
    rows = [
        ["quotedesk ask, first run (no model export yet)", *first],
        [
            "quotedesk ask (to first answer)",
            statistics.median(w for w, _ in ask),
            max(r for _, r in ask),
        ],
        [
            "llama-index starter (to first retrieval)",
            statistics.median(w for w, _ in base),
            max(r for _, r in base),
        ],
        ["quotedesk serve (to page served)", statistics.median(serve), None],
    ]
    print(
        f"# start-up benchmark, median of {args.runs}; {machine()}; load {os.getloadavg()[0]:.1f}"
    )
    print_table(["what", "seconds", "peak RSS MB"], rows)
    ratio = rows[1][1] / rows[2][1]
    print(f"quotedesk ask / llama-index starter, to first answer: {ratio:.2f}x (< 1 is faster)")
    write_json(args.out, {"machine": machine(), "rows": rows, "ask_vs_llamaindex": ratio})


if __name__ == "__main__":
    main()
