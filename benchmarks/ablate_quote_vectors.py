"""Lever check: would quotes do without vectors of their own?

Ingest embeds each quotation on its own as well as inside its chunk (about a fifth of the word
pieces on BBC). This copies an ingested store, gives every quote its chunk's vector instead
(what ingest would store without quote embeddings), and runs the same eval on both stores, so
the quality cost of that saving is measured, not guessed.

    python -m benchmarks.ablate_quote_vectors --store DIR [--dataset evals/datasets/bbc.jsonl]
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
METRICS = [
    ("hit1_strict", "evidence hit@1 (strict)"),
    ("hit5_strict", "evidence hit@5 (strict)"),
    ("cit_recall_strict", "citation recall (strict)"),
    ("cit_recall_doc", "citation recall (doc)"),
    ("cit_speaker_share", "citations by asked speaker"),
    ("speaker_accuracy", "who-said speaker accuracy"),
    ("false_abstention", "false abstention"),
]


def give_quotes_chunk_vectors(store_dir: Path) -> int:
    """Overwrite each quote's vector with the vector of the chunk it sits in."""
    from ingest.store import Store

    store = Store.open(store_dir)
    pairs = [(i, m.get("chunk_id")) for i, m in store.iter_records(store.quotes, ["metadatas"])]
    vectors = store.embeddings(store.chunks, sorted({c for _, c in pairs if c}))
    rows = [(i, vectors[c].tolist()) for i, c in pairs if c in vectors]
    for start in range(0, len(rows), store.read_page):
        part = rows[start : start + store.read_page]
        store.quotes.update(ids=[i for i, _ in part], embeddings=[v for _, v in part])
    return len(rows)


def evaluate(store: Path, dataset: Path, corpus: Path, out: Path) -> dict:
    exe = str(Path(sys.executable).parent / "quotedesk")
    command = [exe, "eval", "--dataset", str(dataset), "--corpus", str(corpus)]
    command += ["--store", str(store), "--out", str(out), "--systems", "quotedesk"]
    subprocess.run([*command, "--no-progress"], cwd=ROOT, check=True, capture_output=True)
    return json.loads((out / "results.json").read_text(encoding="utf-8"))["summary"]["quotedesk"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True, help="an ingested eval store")
    parser.add_argument("--dataset", type=Path, default=ROOT / "evals/datasets/bbc.jsonl")
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/bbc/articles.jsonl"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/quote_vectors.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "store"
        shutil.copytree(args.store, copy, ignore=shutil.ignore_patterns("cache"))
        changed = give_quotes_chunk_vectors(copy)
        own = evaluate(args.store, args.dataset, args.corpus, Path(folder) / "own")
        shared = evaluate(copy, args.dataset, args.corpus, Path(folder) / "shared")
    print(f"# quote vectors: own vs their chunk's ({changed} quotes); {machine()}")
    rows = [[label, own[key], shared[key]] for key, label in METRICS]
    print_table(["metric", "own quote vectors", "chunk's vector"], rows)
    write_json(args.out, {"machine": machine(), "quotes": changed, "own": own, "shared": shared})


if __name__ == "__main__":
    main()
