"""Lever check: int8 dynamic quantization of the encoder's linear layers (torch, no new
dependency) vs the float32 model on the same BBC paragraphs, same process, alternating runs.

Prints throughput of both and how close the int8 vectors stay to the float32 ones; the product
keeps float32 unless int8 is clearly faster without moving the vectors (see README).

    python -m benchmarks.bench_quantization [--corpus ../shared/corpus/bbc/articles.jsonl]
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=ROOT.parent / "shared/corpus/bbc/articles.jsonl"
    )
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/quantization.json")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    import torch
    from sentence_transformers import SentenceTransformer

    from ingest.embedding import force_offline, resolve_model_path

    force_offline()
    torch.set_num_threads(torch.get_num_threads())
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8")][:100]
    texts = [p for r in records for p in r["text"].split("\n\n") if p.strip()][: args.texts]
    path = str(resolve_model_path(None))
    fp32 = SentenceTransformer(path, device="cpu")
    int8 = SentenceTransformer(path, device="cpu")
    int8[0].model = torch.ao.quantization.quantize_dynamic(
        int8[0].model, {torch.nn.Linear}, dtype=torch.qint8
    )
    rates: dict[str, list[float]] = {"float32": [], "int8": []}
    for _ in range(2):
        for name, model in (("float32", fp32), ("int8", int8)):
            started = time.perf_counter()
            model.encode(texts, batch_size=64, normalize_embeddings=True)
            rates[name].append(len(texts) / (time.perf_counter() - started))
    a = fp32.encode(texts, normalize_embeddings=True)
    b = int8.encode(texts, normalize_embeddings=True)
    cosine = (a * b).sum(1)
    best = {name: max(values) for name, values in rates.items()}
    print(f"# int8 dynamic quantization, {len(texts)} BBC paragraphs; {machine()}")
    print_table(
        ["model", "texts/s (best of 2)", "cosine to float32: mean", "min"],
        [
            ["float32", best["float32"], 1.0, 1.0],
            ["int8", best["int8"], float(cosine.mean()), float(cosine.min())],
        ],
    )
    print(f"speed-up {best['int8'] / best['float32']:.2f}x")
    write_json(
        args.out,
        {
            "machine": machine(),
            "rates": rates,
            "cosine_mean": float(cosine.mean()),
            "cosine_min": float(cosine.min()),
        },
    )


if __name__ == "__main__":
    main()
