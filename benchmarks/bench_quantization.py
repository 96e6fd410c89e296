"""Lever check for ingest: the same BBC paragraphs through torch float32 (what ingest uses),
torch with int8 dynamic quantization of the encoder's linear layers, and onnxruntime running
the model's ONNX export (what queries use), in one process, alternating rounds.

Prints throughput (worst and best round) and how close each runtime's vectors stay to torch
float32; ingest keeps torch float32 unless another runtime is clearly faster without moving
the vectors (see README).

    python -m benchmarks.bench_quantization [--corpus ../shared/corpus/bbc/articles.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--export-cache", type=Path, default=Path(tempfile.gettempdir()) / "qd-export"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/out/quantization.json")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from app.settings import set_process_switches

    set_process_switches()  # before transformers is imported: it reads them at import
    import torch
    from sentence_transformers import SentenceTransformer

    from ingest.embedding import resolve_model_path

    torch.set_num_threads(torch.get_num_threads())
    records = [json.loads(line) for line in args.corpus.open(encoding="utf-8")][:100]
    texts = [p for r in records for p in r["text"].split("\n\n") if p.strip()][: args.texts]
    path = resolve_model_path(None)
    fp32 = SentenceTransformer(str(path), device="cpu")
    int8 = SentenceTransformer(str(path), device="cpu")
    int8[0].model = torch.ao.quantization.quantize_dynamic(
        int8[0].model, {torch.nn.Linear}, dtype=torch.qint8
    )
    encoders = {
        "torch float32": lambda t: fp32.encode(t, batch_size=64, normalize_embeddings=True),
        "torch int8": lambda t: int8.encode(t, batch_size=64, normalize_embeddings=True),
        "onnxruntime float32": _onnx_encoder(path, args.export_cache),
    }
    rates: dict[str, list[float]] = {name: [] for name in encoders}
    for _ in range(args.rounds):  # alternating, so a busy spell hits every runtime
        for name, encode in encoders.items():
            started = time.perf_counter()
            encode(texts)
            rates[name].append(len(texts) / (time.perf_counter() - started))
    reference = encoders["torch float32"](texts)
    rows = []
    for name, encode in encoders.items():
        cosine = (reference * encode(texts)).sum(1)
        rows.append([name, min(rates[name]), max(rates[name]), cosine.mean(), cosine.min()])
    print(f"# embedding runtimes, {len(texts)} BBC paragraphs, {args.rounds} rounds; {machine()}")
    print_table(
        ["runtime", "texts/s worst", "best", "cosine to torch float32: mean", "min"],
        [[r[0], *map(float, r[1:])] for r in rows],
    )
    write_json(args.out, {"machine": machine(), "rates": rates, "rows": rows})


def _onnx_encoder(model_path: Path, cache: Path):
    """The export queries use, on all cores in length-sorted batches of 64, as ingest would."""
    import numpy as np

    from ingest.embedding import Embedder
    from ingest.onnx_model import OnnxEncoder

    embedder = Embedder(model_path, 64, cache)
    embedder.torch_model  # noqa: B018 - loading torch writes the export when it is missing
    encoder = OnnxEncoder(embedder.export_file, model_path, threads=os.cpu_count() or 1)

    def encode(texts: list[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            out[batch] = encoder.encode([texts[i] for i in batch])
        return out

    return encode


if __name__ == "__main__":
    main()
