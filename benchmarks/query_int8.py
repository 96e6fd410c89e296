"""The query model in int8: how far its vectors stray from float32's, and what its session holds.

Why: the float32 query session was the answering process's largest fixed cost after Chroma
(about 100 MB of the ~330 MB quotedesk held at 100k articles, `benchmarks.memory_breakdown`).
Compared, each from the float32 export of the shipped model (made as the app makes it):

- "float32": the query session before;
- "int8 embeddings": what queries use (`ingest.onnx_model.quantize`): only the word-piece
  embedding table in int8;
- "int8 everywhere": onnxruntime's dynamic quantization of every weight (one scale per output
  channel), activations quantized at run time.

Questions: every question (and follow-up context) of the hand-written eval sets, the generated
dev sets when `evals/generated/` holds them, and a few short made-up follow-ups (short texts
stray most). Each model's session is loaded in a fresh child process, which reports the
resident memory it added and its time per question (one thread, as queries run).

    python -m benchmarks.query_int8 [--generated DIR (default evals/generated)]
        [--limit N (questions per generated set, default 500)]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
SHORT = ("x", "Who said that?", "What about him?", "And the budget?", "why", "economy")


def questions(generated_folder: Path, limit: int) -> list[str]:
    found: list[str] = []
    files = sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))
    generated = sorted(generated_folder.glob("*-dev.jsonl"))
    for path in [*files, *generated]:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        for row in rows[: limit if path in generated else None]:
            found += [row["question"], *row.get("context", [])]
    return list(dict.fromkeys(found))


def child(model: Path, texts_file: Path, vectors_file: Path) -> dict:
    """In a fresh process: load one query model, embed every text one by one."""
    import onnxruntime  # noqa: F401 - imported before measuring: the session alone counts

    from benchmarks.memory_breakdown import status_mb
    from ingest.embedding import resolve_model_path
    from ingest.onnx_model import OnnxEncoder

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    before = status_mb("VmRSS")
    encoder = OnnxEncoder(model, resolve_model_path(None))
    encoder.encode(["warm up"])
    added = status_mb("VmRSS") - before
    started = time.perf_counter()
    vectors = np.vstack([encoder.encode([t]) for t in texts])
    seconds = time.perf_counter() - started
    np.save(vectors_file, vectors)
    return {"session_mb": added, "ms_per_question": 1000 * seconds / len(texts)}


def _models(folder: Path) -> dict[str, Path]:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from app.settings import load_settings
    from ingest.embedding import Embedder, resolve_model_path
    from ingest.onnx_model import quantize

    path = resolve_model_path(None)
    embedder = Embedder(path, 8, load_settings(home=folder / "store").embed_cache_dir)
    embedder.query("load the export")  # writes the float32 export if this machine has none
    float32 = embedder.export_file
    assert float32 is not None and float32.is_file(), "no float32 export of the model"
    shipped, everywhere = folder / "embeddings.onnx", folder / "everywhere.onnx"
    assert quantize(float32, path, shipped), "the int8-embeddings copy failed its own check"
    quantize_dynamic(float32, everywhere, weight_type=QuantType.QInt8, per_channel=True)
    return {"float32": float32, "int8 embeddings": shipped, "int8 everywhere": everywhere}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--generated", type=Path, default=ROOT / "evals" / "generated")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "query_int8.json")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    texts = questions(args.generated, args.limit)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        models = _models(folder)
        texts_file = folder / "texts.json"
        texts_file.write_text(json.dumps([*texts, *SHORT]), encoding="utf-8")
        runs, vectors = {}, {}
        for label, model in models.items():
            out = folder / f"{len(runs)}.npy"
            command = [sys.executable, "-m", "benchmarks.query_int8", "--child"]
            done = subprocess.run(
                [*command, str(model), str(texts_file), str(out)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            runs[label] = json.loads(done.stdout.strip().splitlines()[-1])
            runs[label]["file_mb"] = model.stat().st_size / 1e6
            vectors[label] = np.load(out)
    rows = []
    for label, run in runs.items():
        cosine = (vectors[label] * vectors["float32"]).sum(axis=1)
        asked, short = cosine[: len(texts)], cosine[len(texts) :]
        run |= {
            "cosine_min": float(asked.min()),
            "cosine_mean": float(asked.mean()),
            "short_cosine_min": float(short.min()),
        }
        rows.append(
            [
                label,
                run["file_mb"],
                run["session_mb"],
                run["ms_per_question"],
                f"{run['cosine_min']:.4f}",
                f"{run['cosine_mean']:.4f}",
                f"{run['short_cosine_min']:.4f}",
            ]
        )
    print(f"# query model in int8: {len(texts)} questions + {len(SHORT)} short; {machine()}")
    header = ["model", "file MB", "session +MB", "ms/question", "cos min", "cos mean", "short min"]
    print_table(header, rows)
    write_json(args.out, {"machine": machine(), "questions": len(texts), "runs": runs})


if __name__ == "__main__":
    main()
