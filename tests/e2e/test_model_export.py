"""The ONNX export of the embedding model: same query vectors as torch, no torch at start-up,
and a damaged or unwritable export never stops an answer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from ingest.embedding import Embedder, resolve_model_path
from ingest.onnx_model import OnnxEncoder

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
    assert second["heavy"] == []
    assert second["cited"] == first["cited"] > 0
    assert np.allclose(second["vector"], first["vector"], atol=1e-4)


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
