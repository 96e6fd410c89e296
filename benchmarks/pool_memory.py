"""What building the most quoted speaker's quote pool adds to the answering process, by the
number of vectors fetched per Chroma request (`ingest.store_read._VECTORS_PER_READ`).

Why: the pool's float32 array is small (28.5 MB for 18,585 quotes at 100k articles), but the
client decodes each page of vectors into Python objects first, and the process keeps much of
that memory after it is freed. Each page size runs in a fresh child (what `quotedesk ask`
runs): open, answer one question, then RSS before and after `_quote_pool` for the most quoted
speaker's names.

    python -m benchmarks.pool_memory --store DIR [--pages 64,256,1024] [--server]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bench_query import QUESTIONS
from benchmarks.common import chroma_server, machine, print_table
from benchmarks.memory_breakdown import status_mb

ROOT = Path(__file__).resolve().parents[1]


def child(store: Path, page: int) -> dict:
    import ingest.store_read
    from app.api import QuoteDesk

    ingest.store_read._VECTORS_PER_READ = page
    desk = QuoteDesk.open(store)
    desk.ask(QUESTIONS[1])
    top = desk.speakers()[0]
    members = tuple(sorted(desk.speaker_index().members(top.name)))
    before = status_mb("VmRSS")
    pool = desk.retriever._quote_pool(members, None)
    return {
        "page": page,
        "speaker": f"{top.name} ({top.quotes:,} quotes)",
        "pool_mb": pool.nbytes / 1e6,  # held: int8 rows and their scales
        "rss_before_mb": before,
        "rss_after_mb": status_mb("VmRSS"),
        "peak_mb": status_mb("VmHWM"),
    }


def run(store: Path, pages: list[int], url: str | None) -> list[dict]:
    env = os.environ | ({"QUOTEDESK_CHROMA_URL": url} if url else {})
    found = []
    for page in pages:
        command = [sys.executable, "-m", "benchmarks.pool_memory", "--store", str(store)]
        command += ["--child", str(page)]
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
        found.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--pages", default="64,256,1024")
    parser.add_argument("--server", action="store_true", help="the store served by `chroma run`")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.store, args.child)))
        return
    pages = [int(p) for p in args.pages.split(",")]
    if args.server:
        with chroma_server(args.store / "chroma", args.store / "chroma-server.log") as (url, _):
            results = run(args.store, pages, url)
    else:
        results = run(args.store, pages, None)
    print(f"# quote pool memory by vectors per request; {machine()}; store {args.store}")
    print(f"# speaker: {results[0]['speaker']}, pool {results[0]['pool_mb']:.1f} MB")
    print_table(
        ["vectors per request", "RSS before MB", "after MB", "+MB", "peak MB"],
        [
            [
                r["page"],
                r["rss_before_mb"],
                r["rss_after_mb"],
                r["rss_after_mb"] - r["rss_before_mb"],
                r["peak_mb"],
            ]
            for r in results
        ],
    )


if __name__ == "__main__":
    main()
