"""Which quote vectors rank best: pooled inside the chunk, read on their own, or the chunk's?

Ingest reads each chunk once and pools every quote's vector from the chunk's word pieces
(`ingest/chunk_pass.py`). The alternatives cost more or know less: reading each quote again as
a text of its own (what ingest did before: about a fifth more word pieces on BBC), or giving
each quote its chunk's vector (no quote vector at all). This builds one store with the current
pipeline, copies it twice, rewrites the quote vectors of the copies the other two ways, and
runs the same eval on all three, every metric of the summary side by side.

    python -m benchmarks.ablate_quote_vectors --corpus C --store DIR --dataset D [--dataset D2]
        [--limit 300] [--split test] [--articles 600]

`--articles N` ingests only the gold articles of the questions asked plus the corpus's first
articles up to N in all (a smaller store, same for the three arms); `--split` keeps the rows
of that split (rows without a split are kept).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
ARMS = ("pooled in chunk", "read alone", "chunk's vector")


def questions(dataset: Path, split: str | None, limit: int | None, folder: Path) -> Path:
    """The rows the eval will ask, written to `folder` (the eval's own round-robin limit)."""
    from evals.run import limit_rows, load_dataset

    rows = [r for r in load_dataset(dataset) if split is None or r.get("split", split) == split]
    rows = limit_rows(rows, limit)
    path = folder / dataset.name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def subset_corpus(corpus: Path, datasets: list[Path], articles: int, target: Path) -> Path:
    """Gold articles of every question, then the corpus's first articles, `articles` in all."""
    from evals.run import load_dataset

    gold = {d for path in datasets for row in load_dataset(path) for d in row["gold_docs"]}
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [json.loads(line)["id"] for line in lines]
    kept = [line for line, i in zip(lines, ids, strict=True) if i in gold]
    for line, i in zip(lines, ids, strict=True):
        if len(kept) >= articles:
            break
        if i not in gold:
            kept.append(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return target


def read_quotes_alone(store_dir: Path) -> int:
    """Overwrite each quote's vector with the vector of its own text, read on its own, and
    print how far the pooled vectors were from those (cosine)."""
    import numpy as np

    from app.api import QuoteDesk

    desk = QuoteDesk.open(store_dir)
    store = desk.store
    _, quotes = store.visible(store.article_hashes())  # texts come from the article records
    pooled = store.embeddings(store.quotes, list(quotes))
    rows = [(i, quotes[i].quote.text, pooled[i]) for i in quotes if i in pooled]
    vectors = desk.ingestor.embedder.texts([text for _, text, _ in rows])
    cosines = np.asarray(
        [np.dot(v, pooled) for v, (_, _, pooled) in zip(vectors, rows, strict=True)]
    )
    if len(cosines):
        print(
            f"cosine of pooled to read-alone quote vectors over {len(cosines)} quotes: mean"
            f" {cosines.mean():.3f}, median {np.median(cosines):.3f},"
            f" 10th percentile {np.percentile(cosines, 10):.3f}"
        )
    _update(store, [(i, v) for (i, _, _), v in zip(rows, vectors, strict=True)])
    return len(rows)


def give_quotes_chunk_vectors(store_dir: Path) -> int:
    """Overwrite each quote's vector with the vector of the chunk it sits in."""
    from ingest.store import Store, flat_metadata

    store = Store.open(store_dir)
    pairs = [
        (i, flat_metadata(m).get("chunk_id"))
        for i, m in store.iter_records(store.quotes, ["metadatas"])
    ]
    vectors = store.embeddings(store.chunks, sorted({c for _, c in pairs if c}))
    rows = [(i, vectors[c].tolist()) for i, c in pairs if c in vectors]
    _update(store, rows)
    return len(rows)


def _update(store, rows: list[tuple[str, list[float]]]) -> None:  # noqa: ANN001
    for start in range(0, len(rows), store.read_page):
        part = rows[start : start + store.read_page]
        store.quotes.update(ids=[i for i, _ in part], embeddings=[list(v) for _, v in part])


def evaluate(store: Path, dataset: Path, corpus: Path, out: Path) -> dict:
    command = [sys.executable, "-m", "evals", "--dataset", str(dataset), "--corpus", str(corpus)]
    command += ["--store", str(store), "--out", str(out), "--systems", "quotedesk"]
    subprocess.run([*command, "--no-progress"], cwd=ROOT, check=True, capture_output=True)
    return json.loads((out / "results.json").read_text(encoding="utf-8"))["summary"]["quotedesk"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="built here if missing")
    parser.add_argument("--dataset", type=Path, action="append", required=True)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--limit", type=int, help="questions per dataset, round-robin by kind")
    parser.add_argument("--split", help="keep only rows of this split (dev, test)")
    parser.add_argument("--articles", type=int, help="ingest gold articles + first, N in all")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/quote_vectors.json")
    args = parser.parse_args()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        datasets = [questions(d, args.split, args.limit, work) for d in args.dataset]
        corpus = args.corpus
        if args.articles:
            corpus = subset_corpus(corpus, datasets, args.articles, args.store / "subset.jsonl")
        for dataset in datasets:  # builds the store with the current (pooled) pipeline
            results[f"{dataset.name}|{ARMS[0]}"] = evaluate(
                args.store, dataset, corpus, work / "out" / dataset.stem / "pooled"
            )
        changed = {}
        rewrites = (read_quotes_alone, give_quotes_chunk_vectors)
        for arm, rewrite in zip(ARMS[1:], rewrites, strict=True):
            copy = work / arm.replace(" ", "-").replace("'", "")
            shutil.copytree(args.store, copy, ignore=shutil.ignore_patterns("cache"))
            changed[arm] = rewrite(copy)
            for dataset in datasets:
                out = work / "out" / dataset.stem / copy.name
                results[f"{dataset.name}|{arm}"] = evaluate(copy, dataset, corpus, out)
    print(f"# quote vectors three ways ({changed} quotes rewritten); {machine()}")
    for dataset in datasets:
        summaries = [results[f"{dataset.name}|{arm}"] for arm in ARMS]
        keys = [k for k, v in summaries[0].items() if isinstance(v, (int, float))]
        print(f"\n## {dataset.name} ({summaries[0].get('n', '?')} questions), store {args.store}")
        print_table(["metric", *ARMS], [[k, *(s.get(k) for s in summaries)] for k in keys])
    write_json(
        args.out,
        {"machine": machine(), "argv": sys.argv, "corpus": str(corpus), "results": results},
    )


if __name__ == "__main__":
    main()
