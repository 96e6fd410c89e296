"""What the answering process holds, step by step and by mapping: imports (chromadb's client,
onnxruntime, tokenizers, tantivy), the open, the first answer (speaker index, ONNX session,
ranker), the question parser (spaCy) apart, every question answered (quote pools, caches).

Why: with the vectors in a Chroma server the app process held 609 MB at 20k articles (target
500 MB) and nobody knew of what. Each step runs in one fresh child process (what `quotedesk
ask` or `serve` runs), which reports its resident set (VmRSS) and peak (VmHWM) after each step,
then its mappings from /proc/self/smaps grouped: anonymous memory (Python objects, malloc
arenas, native libraries' heaps), each package's shared libraries, the store's files mapped
(tantivy segments, the records file), the model.

    python -m benchmarks.memory_breakdown --store DIR [--server] [--out FILE]

With `--server` the store's Chroma folder is served by `chroma run` and the app is its client
(the server's own RSS is reported beside it).

Chroma's share of the embedded process is measured, not guessed: a second fresh child does only
what Chroma does for an answering process (import chromadb, open every collection of the store
as `Store.open` does, count them, and query the chunk and quote collections once; no module of
ours is imported). Its resident set at the end is Chroma's own (the HNSW indexes load at the
first count); the answering process's resident set minus it is what quotedesk holds beyond
Chroma ("quotedesk beyond Chroma"). Both children start the same interpreter, so Python
itself is counted in Chroma's share, not ours.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from benchmarks.bench_query import QUESTIONS
from benchmarks.common import chroma_server, machine, print_table, write_json
from ingest.records import FILE_NAME, Records

ROOT = Path(__file__).resolve().parents[1]
# Mapping groups, first match wins: (name, pattern on the mapped path).
GROUPS = (
    ("store: lexical index (tantivy segments)", re.compile(r"/lexical/")),
    ("store: records file", re.compile(r"records\.sqlite")),
    ("store: chroma files (embedded)", re.compile(r"/chroma/")),
    ("model file", re.compile(r"\.onnx$|\.safetensors$")),
    ("python interpreter", re.compile(r"/(python3(\.\d+)?|libpython[^/]*)$")),
)
_PACKAGE = re.compile(r"site-packages/([^/]+)")


class Step(NamedTuple):
    name: str
    rss_mb: float
    peak_mb: float
    seconds: float
    new_modules: tuple[str, ...]  # top-level packages imported by this step


def status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def mappings() -> dict[str, float]:
    """Resident MB of this process by group of mapping (see GROUPS; packages by name)."""
    groups: dict[str, float] = defaultdict(float)
    current = "anonymous"
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and re.fullmatch(r"[0-9a-f]+-[0-9a-f]+", head[0]):
            path = head[5] if len(head) > 5 else ""
            current = _group(path)
        elif head and head[0] == "Rss:":
            groups[current] += int(head[1]) / 1024
    return dict(sorted(groups.items(), key=lambda item: -item[1]))


def _group(path: str) -> str:
    if not path or path.startswith("["):
        return "anonymous" if path in ("", "[heap]", "[stack]") else path
    for name, pattern in GROUPS:
        if pattern.search(path):
            return name
    found = _PACKAGE.search(path)
    if found:
        return "package: " + found.group(1).split(".")[0].removesuffix(".libs")
    return "other files: " + Path(path).name


def child(store: Path) -> dict:
    """In a fresh process: the steps of an answering process, measured one by one."""
    steps: list[Step] = []
    known = {m.split(".")[0] for m in sys.modules}

    def step(name: str, run) -> None:
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        now = {m.split(".")[0] for m in sys.modules}
        new = tuple(sorted(now - known))
        known.update(now)
        steps.append(Step(name, status_mb("VmRSS"), status_mb("VmHWM"), seconds, new))

    held: dict = {}
    step("python started", lambda: None)
    step("import app.api", lambda: __import__("app.api"))
    step("import chromadb (client)", lambda: __import__("chromadb"))
    step(
        "import onnxruntime, tokenizers",
        lambda: [__import__(m) for m in ("onnxruntime", "tokenizers")],
    )

    def open_desk() -> None:
        from app.api import QuoteDesk

        held["desk"] = QuoteDesk.open(store)

    step("QuoteDesk.open", open_desk)
    step("speaker index", lambda: held["desk"].speaker_index())
    step("first question embedded (ONNX session)", lambda: held["desk"].retriever.embed_query("x"))

    def parse_one() -> None:
        from app.question_parse.parse import parse_question

        parse_question("What did he say?")

    step("question parser (spaCy)", parse_one)
    step("first answer", lambda: held["desk"].ask(QUESTIONS[1]))  # who said: the speaker index

    # Before the other questions, which may name that speaker and build the same pool.
    def top_speaker_pool() -> None:
        desk = held["desk"]
        top = desk.speakers()[0]
        held["top"] = f"{top.name} ({top.quotes:,} quotes)"
        desk.retriever.search_quotes("economy", 10, speakers=desk.speaker_index().members(top.name))

    step("quote pool of the most quoted speaker", top_speaker_pool)
    step("every question once", lambda: [held["desk"].ask(q) for q in QUESTIONS])
    step("every question again", lambda: [held["desk"].ask(f"{q} 1") for q in QUESTIONS])

    return {"steps": [s._asdict() for s in steps], "mappings": mappings(), "top": held["top"]}


def chroma_alone(store: Path) -> dict:
    """In a fresh process: what Chroma holds for an answering process, and nothing of ours
    (not even an import of `ingest.store`, which brings numpy and tantivy)."""
    steps: list[Step] = []

    def step(name: str, run) -> None:
        started = time.perf_counter()
        run()
        steps.append(
            Step(name, status_mb("VmRSS"), status_mb("VmHWM"), time.perf_counter() - started, ())
        )

    held: dict = {}
    step("python started", lambda: None)
    step("import chromadb (client)", lambda: __import__("chromadb"))

    def open_all() -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        # As `Store.open` opens it: every collection of the store, each counted.
        client = chromadb.PersistentClient(
            path=str(store / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        held["collections"] = [client.get_collection(c.name) for c in client.list_collections()]
        for collection in held["collections"]:
            collection.count()

    step("collections opened and counted", open_all)

    def query_vectors() -> None:
        for collection in held["collections"]:
            found = collection.get(limit=1, include=["embeddings"])["embeddings"]
            if len(found) and len(found[0]) > 1:  # chunks and quotes (not the record stores)
                vector = [1.0 / len(found[0]) ** 0.5] * len(found[0])
                collection.query(query_embeddings=[vector], n_results=40, include=["distances"])

    step("chunk and quote collections queried", query_vectors)
    return {"steps": [s._asdict() for s in steps], "mappings": mappings()}


def run(store: Path, env: dict[str, str] | None = None, mode: str = "--child") -> dict:
    command = [
        sys.executable,
        "-m",
        "benchmarks.memory_breakdown",
        "--store",
        str(store),
        mode,
    ]
    out = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True, env=os.environ | (env or {})
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def beyond_chroma(answering: dict, chroma: dict) -> dict[str, float]:
    """The answering process's resident set at its end, and its peak, minus Chroma's alone."""
    last, alone = answering["steps"][-1], chroma["steps"][-1]
    return {
        "rss_mb": last["rss_mb"] - alone["rss_mb"],
        "peak_mb": last["peak_mb"] - alone["peak_mb"],
        "chroma_rss_mb": alone["rss_mb"],
        "chroma_peak_mb": alone["peak_mb"],
    }


def report(name: str, measured: dict) -> None:
    print(f"\n## {name}")
    rows, before = [], 0.0
    for s in measured["steps"]:
        modules = ", ".join(m for m in s["new_modules"] if not m.startswith("_"))[:70]
        rows.append(
            [s["name"], s["rss_mb"], s["rss_mb"] - before, s["peak_mb"], s["seconds"], modules]
        )
        before = s["rss_mb"]
    print_table(["step", "RSS MB", "+MB", "peak MB", "s", "new top-level modules"], rows)
    if "top" in measured:
        print(f"(the most quoted speaker: {measured['top']})")
    print()
    top = [[k, v] for k, v in measured["mappings"].items() if v >= 1.0]
    print_table(["resident at the end, by mapping", "MB"], top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--server", action="store_true", help="also with a Chroma server")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "memory.json")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--chroma-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.store)))
        return
    if args.chroma_only:
        print(json.dumps(chroma_alone(args.store)))
        return
    results = {"embedded": run(args.store), "chroma alone": run(args.store, mode="--chroma-only")}
    results["embedded"]["beyond_chroma"] = beyond_chroma(
        results["embedded"], results["chroma alone"]
    )
    if args.server:
        with chroma_server(args.store / "chroma", args.store / "chroma-server.log") as (url, pid):
            results["server"] = run(args.store, {"QUOTEDESK_CHROMA_URL": url})
            status = Path(f"/proc/{pid}/status").read_text()
            hwm = next(line for line in status.splitlines() if line.startswith("VmHWM"))
            results["server"]["chroma_server_peak_mb"] = int(hwm.split()[1]) / 1024
    print(f"# memory breakdown of the answering process; {machine()}; store {args.store}")
    for name, measured in results.items():
        report(name, measured)
        if "chroma_server_peak_mb" in measured:
            print(f"\nChroma server peak RSS: {measured['chroma_server_peak_mb']:.0f} MB")
    share = results["embedded"]["beyond_chroma"]
    print(
        f"\nembedded: quotedesk beyond Chroma {share['rss_mb']:.0f} MB at the end "
        f"({share['peak_mb']:.0f} MB peak to peak); Chroma alone {share['chroma_rss_mb']:.0f} MB "
        f"(peak {share['chroma_peak_mb']:.0f} MB)"
    )
    articles = len(Records(args.store / FILE_NAME).stamps())  # for `extrapolate`
    write_json(
        args.out,
        {"machine": machine(), "store": str(args.store), "articles": articles, "results": results},
    )


if __name__ == "__main__":
    main()
