"""Extrapolate open time and memory to bigger corpora from `bench_query` results.

Each measured quantity is fitted as `a + b * articles` (least squares over the measured
sizes; a quantity measured at one size only is skipped, since most of it may be fixed cost) and
printed at the target sizes. Why linear: what grows with the corpus is per-article (Chroma's
HNSW vectors in an embedded store, the committed articles' stamps, the stored speaker index);
nothing is read whole. `to_first_answer_s` is an open plus its first answer (unchanged store),
`to_first_answer_after_ingest_s` the same after another machine's ingest. Above the largest
measured size it is a formula on paper, and the output says so.

`memory_breakdown` results are read too (one store per file): the embedded answering process's
peak, what it holds beyond Chroma and Chroma's own share, what the open adds, and with a
server the app's and the server's peaks. Their article count is the file's `articles` (older
files lack it: then the store folder's name, which `bench_query --keep` makes the count).

    python -m benchmarks.extrapolate benchmarks/out/query.json [more.json ...]
        [--targets 100000,300000,1000000]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

# Sums over one process's start: (quantity, its parts).
TOTALS = (
    ("to_first_answer_s", ("open_cached_s", "first_answer_s")),
    ("to_first_answer_after_ingest_s", ("open_after_ingest_s", "first_answer_after_ingest_s")),
)
QUANTITIES = (
    "open_s",
    "open_cached_s",
    "first_answer_s",
    "open_after_ingest_s",
    "first_answer_after_ingest_s",
    "first_sync_s",
    "sync_after_ingest_s",
    "to_first_answer_s",
    "to_first_answer_after_ingest_s",
    "answering_rss_mb",
    "server_app_rss_mb",
    "server_chroma_rss_mb",
    "embedded_peak_mb",
    "embedded_open_mb",
    "embedded_beyond_chroma_mb",
    "chroma_alone_mb",
    "server_app_peak_mb",
    "server_open_mb",
    "server_chroma_peak_mb",
)


def memory_points(data: dict) -> dict[str, float]:
    """The quantities of one `memory_breakdown` result file (see the module's docstring)."""
    found: dict[str, float] = {}
    for mode in ("embedded", "server"):
        measured = data["results"].get(mode)
        if not measured:
            continue
        steps = {s["name"]: s for s in measured["steps"]}
        names = [s["name"] for s in measured["steps"]]
        opened = names.index("QuoteDesk.open")
        found[f"{mode}_open_mb"] = (
            steps["QuoteDesk.open"]["rss_mb"] - steps[names[opened - 1]]["rss_mb"]
        )
        found[f"{mode}_{'peak' if mode == 'embedded' else 'app_peak'}_mb"] = measured["steps"][-1][
            "peak_mb"
        ]
        if "chroma_server_peak_mb" in measured:
            found["server_chroma_peak_mb"] = measured["chroma_server_peak_mb"]
        if "beyond_chroma" in measured:
            found["embedded_beyond_chroma_mb"] = measured["beyond_chroma"]["rss_mb"]
            found["chroma_alone_mb"] = measured["beyond_chroma"]["chroma_rss_mb"]
    return found


def points(paths: list[Path]) -> dict[str, list[tuple[int, float]]]:
    """quantity -> (articles, value) of every measured size in these result files."""
    found: dict[str, list[tuple[int, float]]] = {q: [] for q in QUANTITIES}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if "store" in data:  # a memory_breakdown file
            articles = data.get("articles") or int(Path(data["store"]).name)
            for name, value in memory_points(data).items():
                found[name].append((articles, value))
            continue
        for result in data["results"].values():
            articles = result["counts"]["quotedesk_articles"]
            for name, parts in TOTALS:
                if all(part in result for part in parts):
                    result[name] = sum(result[part] for part in parts)
            for name in QUANTITIES:
                if name in result:
                    found[name].append((articles, float(result[name])))
    return found


def fit(samples: list[tuple[int, float]]) -> tuple[float, float]:
    """(a, b) of `a + b * articles`; at least two sizes."""
    x = np.array([s[0] for s in samples], dtype=float)
    y = np.array([s[1] for s in samples], dtype=float)
    b, a = np.polyfit(x, y, 1)
    return float(a), float(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs="+")
    parser.add_argument("--targets", default="100000,300000,1000000")
    args = parser.parse_args()
    targets = [int(t) for t in args.targets.split(",")]
    measured = points(args.results)
    print(f"# linear fit a + b*articles; above {max(n for s in measured.values() for n, _ in s):,}")
    print("# articles this is extrapolation, not measurement")
    print("quantity | a | b per 1k articles | " + " | ".join(f"{t:,}" for t in targets))
    for name, samples in measured.items():
        if len({n for n, _ in samples}) < 2:
            print(f"{name} | measured at one size only: {samples}")
            continue
        a, b = fit(samples)
        row = " | ".join(f"{a + b * t:.1f}" for t in targets)
        print(f"{name} | {a:.2f} | {b * 1000:.4f} | {row}  (from {sorted(samples)})")


if __name__ == "__main__":
    main()
