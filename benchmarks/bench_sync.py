"""Open after another machine's ingest: what a replica pays to bring its records file up to a
store that another process wrote into, by size of store.

Per store (each `--store`, e.g. the BBC store and its 20k replica from `bench_query --keep`):
the records file is removed and a first open copies every record in (once: what any store
written before the records file pays; reported as `first_sync_s`); then `--rounds` times,
`--articles` articles are ingested by this tree's CLI and removed from the local records file
(what another machine's ingest leaves here), and

- `sync_after_ingest_s`: `Store.sync_records` alone, in this process;
- `open_after_ingest_s`, `first_answer_after_ingest_s`: a new answering process (the
  `bench_query --open-only` child: what `quotedesk ask` runs) opens and answers a "who said"
  question, after a second such ingest;

the new articles are deleted again after each measurement. The JSON has `bench_query`'s
shape, so `benchmarks.extrapolate` fits it. Run it from each tree to compare (same stores):

    python -m benchmarks.bench_sync --base-store BBC --store KEEP/2225 --store KEEP/20000 \
        --out OUT.json
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchmarks.bench_query import ROOT, counts, open_after_ingest, run_child
from benchmarks.common import machine, print_table, write_json


def ingested_elsewhere(store: Path, base: Path, articles: int, tag: str) -> list[str]:
    """Ingest `articles` of the base store under new ids with this tree's CLI, then remove
    them from the local records file; returns their ids."""
    import json
    import subprocess
    import tempfile

    from ingest.store import Store

    source = Store.open(base)
    records = [
        {
            "id": f"bench-sync-{tag}-{n}",
            "title": article.title,
            "text": article.text,
            "source": article.source,
            "published": article.published,
        }
        for n, article in zip(range(articles), source.iter_articles(), strict=False)
    ]
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "new.jsonl"
        batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        cli = "from app.cli import cli; cli(prog_name='quotedesk')"
        command = [sys.executable, "-c", cli, "--store", str(store), "ingest", str(batch)]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    ids = [r["id"] for r in records]
    Store.open(store).records.delete(ids)
    return ids


def sync_after_ingest(store: Path, base: Path, articles: int, tag: str) -> float:
    from ingest.store import Store

    ids = ingested_elsewhere(store, base, articles, tag)
    try:
        opened = Store.open(store)
        started = time.perf_counter()
        opened.sync_records()
        return time.perf_counter() - started
    finally:
        Store.open(store).delete_articles(ids)


def measure(store: Path, base: Path, rounds: int, articles: int) -> dict:
    child = [sys.executable, "-m", "benchmarks.bench_query", "--base-store", str(base)]
    child += ["--child", str(store), "--open-only"]
    for path in store.glob("records.sqlite*"):
        path.unlink()
    started = time.perf_counter()
    run_child(child)
    first_sync_s = time.perf_counter() - started
    syncs, opens, answers = [], [], []
    for r in range(rounds):
        syncs.append(sync_after_ingest(store, base, articles, f"s{r}"))
        measured = open_after_ingest(store, base, child, articles)
        opens.append(measured["open_after_ingest_s"])
        answers.append(measured["first_answer_after_ingest_s"])
    return {
        "counts": counts(store),
        "first_sync_s": first_sync_s,
        "sync_after_ingest_s": statistics.median(syncs),
        "open_after_ingest_s": statistics.median(opens),
        "first_answer_after_ingest_s": statistics.median(answers),
        "rounds": {"sync": syncs, "open": opens, "first_answer": answers},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-store", type=Path, required=True)
    parser.add_argument("--store", type=Path, action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "sync.json")
    args = parser.parse_args()
    results = {
        str(store): measure(store, args.base_store, args.rounds, args.articles)
        for store in args.store
    }
    print(f"# open after another machine's ingest ({args.articles} articles); {machine()}")
    names = ["first_sync_s", "sync_after_ingest_s", "open_after_ingest_s"]
    names += ["first_answer_after_ingest_s"]
    rows = [
        [f"{r['counts']['quotedesk_articles']:,} articles"] + [r[n] for n in names]
        for r in results.values()
    ]
    print_table(["store", *names], rows)
    write_json(args.out, {"machine": machine(), "results": results})


if __name__ == "__main__":
    main()
