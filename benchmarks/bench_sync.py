"""Open after another machine's ingest: what a replica pays to bring its records file up to a
store that another process wrote into, by size of store.

Per store (each `--store`, e.g. the BBC store and its 20k replica from `bench_query --keep`):
the records file is removed and a first open copies every record in (once: what any store
written before the records file pays; reported as `first_sync_s`); then `--rounds` times,
`--articles` articles are ingested by this tree's CLI from another machine's folder on the
same Chroma (`bench_query.elsewhere`: its own records file), and

- `sync_after_ingest_s`: `Store.sync_records` alone, in this process;
- `open_after_ingest_s`, `first_answer_after_ingest_s`: a new answering process (the
  `bench_query --open-only` child: what `quotedesk ask` runs) opens and answers a "who said"
  question, after a second such ingest;

with `--server`, every process is a client of one `chroma run` serving the store (replicas on
a shared server); embedded, each process also loads the collections it reads (about 0.6 s for
the chunks and 1.2 s for the quotes at 20k articles, on the first read of each);

the new articles are deleted again (from the other folder) after each measurement, so each
sync also takes in the previous round's deletions. The JSON has `bench_query`'s
shape, so `benchmarks.extrapolate` fits it. Run it from each tree to compare (same stores):

    python -m benchmarks.bench_sync --base-store BBC --store KEEP/2225 --store KEEP/20000 \
        [--server] --out OUT.json
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks.bench_query import (
    ROOT,
    delete_elsewhere,
    forget_elsewhere,
    ingest_elsewhere,
    run_child,
)
from benchmarks.common import chroma_server, machine, print_table, write_json


def articles_for(base: Path, articles: int, tag: str) -> list[dict]:
    """Records of the base store's first articles, under new ids."""
    return [
        {
            "id": f"bench-sync-{tag}-{n}",
            "title": article.title,
            "text": article.text,
            "source": article.source,
            "published": article.published,
        }
        for n, article in enumerate(base_articles(base, articles))
    ]


@functools.cache
def base_articles(base: Path, articles: int) -> tuple:
    """The first articles of the base store, read once (before a server serves it)."""
    from ingest.store import Store

    return tuple(a for a, _ in zip(Store.open(base).iter_articles(), range(articles), strict=False))


def _env(url: str | None) -> dict[str, str]:
    return os.environ | ({"QUOTEDESK_CHROMA_URL": url} if url else {})


def caught_up(store: Path, ids: list[str], url: str | None) -> None:
    """Delete the articles another machine added, and bring the store's records file up to
    that (not measured), so that every measurement starts from an up-to-date replica and sees
    one ingest elsewhere. Without it, a replica that compares counts only (before the ledger)
    met a deletion and an addition of as many articles as no change, and stayed stale."""
    from ingest.store import Store

    delete_elsewhere(store, ids, url)
    Store.open(store, url).sync_records()


def measure(
    store: Path, base: Path, rounds: int, articles: int, url: str | None, fresh: bool = True
) -> dict:
    from ingest.store import Store

    child = [sys.executable, "-m", "benchmarks.bench_query", "--base-store", str(base)]
    child += ["--child", str(store), "--open-only"]
    for path in store.glob("records.sqlite*") if fresh else ():
        path.unlink()
    forget_elsewhere(store)  # made again from the store's records file after its first open
    started = time.perf_counter()
    run_child(child, _env(url))
    first_sync_s = time.perf_counter() - started
    syncs, opens, answers = [], [], []
    for r in range(rounds):
        ids = ingest_elsewhere(store, articles_for(base, articles, f"s{r}"), url)
        try:
            opened = Store.open(store, url)
            started = time.perf_counter()
            opened.sync_records()
            syncs.append(time.perf_counter() - started)
        finally:
            caught_up(store, ids, url)
        ids = ingest_elsewhere(store, articles_for(base, articles, f"o{r}"), url)
        try:
            measured = run_child(child, _env(url))
        finally:
            caught_up(store, ids, url)
        opens.append(measured["open_cached_s"])
        answers.append(measured["first_answer_s"])
    return {
        "counts": counts(store, url),
        "first_sync_s": first_sync_s,
        "sync_after_ingest_s": statistics.median(syncs),
        "open_after_ingest_s": statistics.median(opens),
        "first_answer_after_ingest_s": statistics.median(answers),
        "rounds": {"sync": syncs, "open": opens, "first_answer": answers},
    }


def counts(store: Path, url: str | None) -> dict[str, int]:
    from ingest.store import Store

    found = Store.open(store, url).counts()
    return {f"quotedesk_{name}": n for name, n in found.items()}


def measure_store(store: Path, args: argparse.Namespace) -> dict:
    base_articles(args.base_store, args.articles)
    fresh = not args.keep_records
    if not args.server:
        return measure(store, args.base_store, args.rounds, args.articles, None, fresh)
    with chroma_server(store / "chroma", store / "chroma-server.log") as (url, _):
        return measure(store, args.base_store, args.rounds, args.articles, url, fresh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-store", type=Path, required=True)
    parser.add_argument("--store", type=Path, action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument(
        "--keep-records",
        action="store_true",
        help="keep the store's records file (then `first_sync_s` is an open of an up-to-date "
        "file, not a first copy: at 100k articles that copy takes minutes)",
    )
    parser.add_argument(
        "--server",
        action="store_true",
        help="serve each store's Chroma folder with `chroma run`: every process is its client "
        "(replicas on one server: what another machine's ingest looks like)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "sync.json")
    args = parser.parse_args()
    results = {str(store): measure_store(store, args) for store in args.store}
    mode = "Chroma server" if args.server else "embedded Chroma"
    print(f"# open after another machine's ingest ({args.articles} articles, {mode}); {machine()}")
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
