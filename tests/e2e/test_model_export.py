"""The ONNX export of the embedding model: same query vectors as torch, no torch at start-up,
queries on its copy with int8 embeddings (within `MIN_QUERY_COSINE` of float32), and a damaged
or unwritable export or copy never stops an answer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from ingest.embedding import Embedder, resolve_model_path
from ingest.onnx_model import MIN_QUERY_COSINE, OnnxEncoder

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "What did Lavrov say about the OSCE?"
HEAVY = ("torch", "transformers", "sentence_transformers", "llama_index.core")

# One fresh process: answer a question from a store, report the query vector and which heavy
# libraries the process had to import to do it.
PROBE = """
import json, sys
from pathlib import Path
from app.api import QuoteDesk
desk = QuoteDesk.open(Path(sys.argv[1]), embed_cache=sys.argv[2])
answer = desk.ask(sys.argv[3])
print(json.dumps({
    "vector": desk.retriever.embed_query(sys.argv[3]),
    "cited": len(answer.citations),
    "heavy": [m for m in sys.argv[4].split(",") if m in sys.modules],
}))
"""


def _fresh_process(store: Path, cache: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store), str(cache), QUESTION, ",".join(HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_second_process_answers_from_the_export_without_torch(sample_desk, tmp_path):
    store = sample_desk.settings.store_dir
    cache = tmp_path / "model-cache"
    first = _fresh_process(store, cache)
    assert "torch" in first["heavy"]  # no export yet: torch answers and writes one
    assert list(cache.glob("*.onnx"))
    second = _fresh_process(store, cache)
    assert second["heavy"] == []  # the int8 copy is made without torch too
    assert list(cache.glob("*-int8.onnx"))
    assert second["cited"] == first["cited"] > 0
    assert float(np.dot(second["vector"], first["vector"])) >= MIN_QUERY_COSINE


def _reference(text: str) -> np.ndarray:
    return np.asarray(Embedder(resolve_model_path(None), 64, None).query(text))


def test_damaged_export_falls_back_to_torch_and_is_rewritten(tmp_path):
    embedder = Embedder(resolve_model_path(None), 64, tmp_path)
    assert embedder.export_file is not None
    tmp_path.mkdir(exist_ok=True)
    embedder.export_file.write_bytes(b"not an onnx graph")
    vector = np.asarray(embedder.query(QUESTION))
    assert np.allclose(vector, _reference(QUESTION), atol=1e-5)
    rewritten = OnnxEncoder(embedder.export_file, embedder.model_path).encode([QUESTION])[0]
    assert np.allclose(rewritten, vector, atol=1e-4)


def test_unwritable_cache_still_answers(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    embedder = Embedder(resolve_model_path(None), 64, blocker / "cache")
    vector = np.asarray(embedder.query(QUESTION))
    assert np.allclose(vector, _reference(QUESTION), atol=1e-5)
    assert not (blocker / "cache").exists()


SHORT = "Who said that?"  # short questions stray most from float32 when quantized


def test_queries_run_on_int8_embeddings_close_to_float32(tmp_path):
    embedder = Embedder(resolve_model_path(None), 64, tmp_path)
    embedder.torch_model  # noqa: B018 - writes the float32 export
    assert embedder.export_file is not None and embedder.quantized_file is not None
    float32 = OnnxEncoder(embedder.export_file, embedder.model_path).encode([QUESTION, SHORT])
    got = np.asarray([embedder.query(q) for q in (QUESTION, SHORT)])
    assert embedder.quantized_file.is_file()
    cosines = (got * float32).sum(axis=1)
    assert cosines.min() >= MIN_QUERY_COSINE
    assert cosines.max() < 1 - 1e-6  # the int8 copy answered, not float32
    kept = Embedder(embedder.model_path, 64, tmp_path, query_int8=False)
    np.testing.assert_allclose(kept.query(QUESTION), float32[0], atol=1e-5)


def test_damaged_int8_copy_falls_back_to_float32_and_is_made_again(tmp_path):
    first = Embedder(resolve_model_path(None), 64, tmp_path)
    first.torch_model  # noqa: B018 - writes the float32 export
    int8 = np.asarray(first.query(QUESTION))
    assert first.quantized_file is not None and first.export_file is not None
    first.quantized_file.write_bytes(b"not an onnx graph")
    float32 = OnnxEncoder(first.export_file, first.model_path).encode([QUESTION])[0]
    damaged = Embedder(first.model_path, 64, tmp_path)
    np.testing.assert_allclose(damaged.query(QUESTION), float32, atol=1e-5)
    assert not first.quantized_file.exists()  # removed, for the next process to make again
    again = Embedder(first.model_path, 64, tmp_path)
    np.testing.assert_allclose(again.query(QUESTION), int8, atol=1e-6)


def test_int8_copy_that_strays_from_float32_is_not_kept(tmp_path, monkeypatch):
    embedder = Embedder(resolve_model_path(None), 64, tmp_path)
    embedder.torch_model  # noqa: B018 - writes the float32 export
    assert embedder.export_file is not None and embedder.quantized_file is not None
    monkeypatch.setattr("ingest.onnx_model.MIN_QUERY_COSINE", 1.0)  # nothing int8 passes
    float32 = OnnxEncoder(embedder.export_file, embedder.model_path).encode([QUESTION])[0]
    np.testing.assert_allclose(embedder.query(QUESTION), float32, atol=1e-5)
    assert not embedder.quantized_file.exists()
    assert not list(tmp_path.glob("*.part"))
