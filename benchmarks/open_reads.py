"""What an open reads of a store's records file and lexical index, without Chroma: every mark
and every lexical stamp (what each open did before this branch), against the marks mapping and
`Store.index_missing` with its stored check (what it does now). Time and resident memory added,
each in a fresh process, so one read's freed memory does not hide the next one's.

    python -m benchmarks.open_reads --store DIR
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import machine, print_table

ROOT = Path(__file__).resolve().parents[1]
READS = ("every mark", "every lexical stamp", "marks mapping", "index_missing")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read(store: Path, name: str) -> dict:
    """In a fresh process: one read, timed, with the resident memory it added."""
    from ingest.lexical import LexicalStore
    from ingest.records import FILE_NAME, Records
    from ingest.store import Store

    records, lexical = Records(store / FILE_NAME), LexicalStore(store / "lexical")
    before, started = rss_mb(), time.perf_counter()
    if name == "every mark":
        found = len(records.stamps())
    elif name == "every lexical stamp":
        found = len(lexical.stamps.read())
    elif name == "marks mapping":
        found = len(records.marks())
    else:  # only the records file and lexical index are used: no Chroma client is made
        reader = Store.__new__(Store)
        reader.records, reader.lexical = records, lexical
        found = Store.index_missing(reader, records.marks())
    return {"s": time.perf_counter() - started, "mb": rss_mb() - before, "found": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--read", choices=READS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        print(json.dumps(read(args.store, args.read)))
        return
    rows = []
    for name in READS:
        command = [sys.executable, "-m", "benchmarks.open_reads", "--store", str(args.store)]
        out = subprocess.run(
            [*command, "--read", name], cwd=ROOT, capture_output=True, text=True, check=True
        )
        found = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append([name, found["s"], found["mb"], found["found"]])
    print(f"# what an open reads; {machine()}; store {args.store}")
    print_table(["read", "s", "+MB resident", "articles (index_missing: indexed)"], rows)


if __name__ == "__main__":
    main()
