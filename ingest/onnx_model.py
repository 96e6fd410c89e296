"""An ONNX export of the embedding model, so query vectors need neither torch nor
sentence-transformers.

Why our own instead of sentence-transformers' ONNX backend or llama-index's Optimum embedding:
both import torch and transformers (and Optimum pins another transformers), and those imports
were most of a cold start here: 22 s to a first answer with them, 7.2 s without
(`python -m benchmarks.bench_startup`). onnxruntime is already installed (Chroma depends on it)
and loads this file in about a second. The export includes mean pooling and normalisation,
and is only kept when its vectors match the torch model's on probe texts, so stored vectors
(written by torch at ingest) and query vectors stay comparable.

Queries run on a copy of that export whose word-embedding table (30,522 x 384: half of the
model's 90 MB) is int8 (`quantize`), made from it on this machine at the first question (never
downloaded): the query session is the answering process's largest fixed cost after Chroma.
The copy is kept only when its vectors stay within `MIN_QUERY_COSINE` of float32's on the
probes. The transformer's layers stay float32: quantizing them too (onnxruntime's dynamic
int8, activations included) left short questions at a cosine of 0.9755 with float32's
(`python -m benchmarks.query_int8`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest.pooling import padded

if TYPE_CHECKING:
    import torch
    from llama_index.core.base.embeddings.base import BaseEmbedding

EXPORT_VERSION = "1"  # bump when the exported graph changes
STATES_VERSION = "1"  # the same for the word-piece states export (`export_states`)
QUANTIZED_VERSION = "1"  # the same for the query model with int8 embeddings (`quantize`)
MAX_DIFFERENCE = 1e-4  # largest vector component difference accepted against torch
# Least cosine accepted between a query vector of the int8-embeddings copy and the float32
# one, on every probe (measured: 0.999 at least, `python -m benchmarks.query_int8`).
MIN_QUERY_COSINE = 0.99
PROBES = (
    "Russia's foreign minister said the OSCE had failed.",
    "“We will not accept this,” he told reporters in Brussels on Tuesday, adding that talks "
    "would resume. " * 6,
    "x",
)
# Made-up questions of the kinds users ask, long and short (short ones stray most from
# float32 when quantized), for the check of the int8-embeddings copy (`quantize`).
QUERY_PROBES = (
    "What did the finance minister say about interest rates?",
    "Has the company commented on the job cuts?",
    "Did the coach criticise the referee after the match?",
    "what about the election",
    "Who said that?",
    "What about him?",
)


def export_path(model_path: Path, folder: Path) -> Path:
    """Where the export of this model lives: keyed by the weights file, so new weights (or a
    new export format) never reuse an old graph."""
    return folder / f"{model_path.name}-{_weights_key(model_path, EXPORT_VERSION)}.onnx"


def quantized_path(model_path: Path, folder: Path) -> Path:
    """Where the query model with int8 embeddings made from this model's export lives (see
    `export_path`)."""
    key = _weights_key(model_path, f"{EXPORT_VERSION}|int8 {QUANTIZED_VERSION}")
    return folder / f"{model_path.name}-{key}-int8.onnx"


def states_path(model_path: Path, folder: Path) -> Path:
    """Where the word-piece states export of this model lives (see `export_path`)."""
    return folder / f"{model_path.name}-{_weights_key(model_path, STATES_VERSION)}-states.onnx"


def _weights_key(model_path: Path, version: str) -> str:
    weights = max(model_path.glob("*.safetensors"), default=model_path / "config.json")
    stat = weights.stat()
    key = f"{model_path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{version}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


class OnnxEncoder:
    """Tokenise with the model's own Rust tokenizer and run the exported graph; one thread by
    default, since queries are single texts (see `torch_threads` for why).

    onnxruntime's weight pre-packing (a re-laid-out copy of the matrices for its kernels) is
    kept: without it the answering process held no clearly less memory, and a search took
    3.5 ms more at 100k articles (11 against 7.4 ms p50, docs/notes/lean8.md)."""

    def __init__(self, onnx_file: Path, model_path: Path, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(model_max_length(model_path))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        ids, mask = padded(encodings)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, feeds)[0]


class OnnxStates:
    """The ingest pass's model on onnxruntime: last hidden states of a padded batch
    (`ingest.token_pass.Forward`). One session shared by the pass's worker threads, each run
    on `intra_op` threads; a run holds no GIL (see `ingest/token_pass.py` for why that counts).

    Its arena (onnxruntime's memory pool, which keeps the largest batch's buffers for good)
    is off: batches of every width would leave it at the widest's size per worker."""

    def __init__(self, onnx_file: Path, intra_op: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = intra_op
        options.inter_op_num_threads = 1
        options.enable_cpu_mem_arena = False
        self.intra_op = intra_op
        self.session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return self.session.run(None, feeds)[0]

    @contextmanager
    def threads(self, intra_op: int) -> Iterator[None]:
        """The session's thread count is fixed when it is made (`Embedder` makes it with the
        pass's); another count is a programming error, not something to ignore silently."""
        if intra_op != self.intra_op:
            raise ValueError(f"session made for {self.intra_op} threads, asked for {intra_op}")
        yield


def export_states(transformer: object, target: Path, probes: Sequence[tuple]) -> bool:
    """Export `transformer` (a Hugging Face encoder on torch) to `target`, its output the last
    hidden states, for the ingest pass (`OnnxStates`).

    `probes` are padded batches (ids, mask) of several widths. The export is kept only when
    its states match torch's on every unpadded word piece of them within `MAX_DIFFERENCE`;
    written to a temporary file and moved into place after that check, so a reader never sees
    a partial or wrong graph. Returns False (leaving nothing behind) when the export or the
    check fails.
    """
    import torch

    from ingest.token_pass import TorchForward

    class States(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            return self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(suffix=".onnx.part", dir=target.parent)
    os.close(handle)
    try:
        ids = torch.ones((2, 8), dtype=torch.long)
        mask = ids.clone()
        mask[1, 5:] = 0  # traced with padding, so no branch for unpadded batches is frozen in
        _export(States(transformer), (ids, mask, torch.zeros_like(ids)), scratch, "states", True)
        reference = TorchForward(transformer)
        exported = OnnxStates(Path(scratch))
        for probe_ids, probe_mask in probes:
            want, got = reference(probe_ids, probe_mask), exported(probe_ids, probe_mask)
            kept = probe_mask.astype(bool)
            if got.shape != want.shape or np.abs(got[kept] - want[kept]).max() > MAX_DIFFERENCE:
                return False
        del exported
        os.replace(scratch, target)
        return True
    finally:
        Path(scratch).unlink(missing_ok=True)


def export(model_path: Path, target: Path, reference: BaseEmbedding) -> bool:
    """Export the transformer behind `reference` (llama-index's HuggingFaceEmbedding) to `target`.

    Written to a temporary file and moved into place only after its vectors match
    `reference.get_query_embedding` on the probes, so a reader never sees a partial or wrong
    graph. Returns False (and leaves nothing behind) when the export or the check fails.
    """
    import torch

    class Pooled(torch.nn.Module):
        """The transformer plus sentence-transformers' mean pooling and normalisation."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(suffix=".onnx.part", dir=target.parent)
    os.close(handle)
    try:
        ids = torch.ones((2, 8), dtype=torch.long)
        transformer = reference._model[0].auto_model  # the SentenceTransformer's inside
        _export(Pooled(transformer), (ids, ids, torch.zeros_like(ids)), scratch, "embedding", False)
        expected = np.asarray([reference.get_query_embedding(p) for p in PROBES])
        got = OnnxEncoder(Path(scratch), model_path).encode(PROBES)
        if got.shape != expected.shape or np.abs(got - expected).max() > MAX_DIFFERENCE:
            return False
        os.replace(scratch, target)
        return True
    finally:
        Path(scratch).unlink(missing_ok=True)


def quantize(export_file: Path, model_path: Path, target: Path) -> bool:
    """Write a copy of the float32 query export `export_file` to `target` whose word-piece
    embedding lookups (`Gather`) read an int8 table (onnxruntime's dynamic quantization,
    limited to those nodes); every other weight stays float32.

    Kept only when, on every probe, its vector's cosine with the float32 export's is at
    least `MIN_QUERY_COSINE`; written to a temporary file and moved into place after that
    check, so a reader never sees a partial or unchecked graph. Returns False (leaving
    nothing behind) when quantization or the check fails.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(suffix=".onnx.part", dir=target.parent)
    os.close(handle)
    try:
        with _quiet_root_logger():  # "consider pre-processing": a note, not a fault
            quantize_dynamic(
                export_file, scratch, op_types_to_quantize=["Gather"], weight_type=QuantType.QInt8
            )
        probes = [*QUERY_PROBES, *PROBES]
        want = OnnxEncoder(export_file, model_path).encode(probes)
        got = OnnxEncoder(Path(scratch), model_path).encode(probes)
        if got.shape != want.shape or float((want * got).sum(axis=1).min()) < MIN_QUERY_COSINE:
            return False
        os.replace(scratch, target)
        return True
    finally:
        Path(scratch).unlink(missing_ok=True)


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """onnxruntime's quantizer warns through the root logger; keep that out of the app's."""
    import logging

    previous = logging.root.manager.disable
    logging.disable(max(previous, logging.WARNING))
    try:
        yield
    finally:
        logging.disable(previous)


def model_max_length(model_path: Path) -> int:
    """The model's own reading limit (sentence-transformers' `max_seq_length`)."""
    config = model_path / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 512))
    return 512


def _export(module: torch.nn.Module, args: tuple, path: str, output: str, per_token: bool) -> None:
    """Trace `module` (inputs: word-piece ids, attention mask, token types; any batch size and
    length) into an ONNX file whose one output is `output`, per word piece or per text."""
    import torch

    inputs = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on shape checks; the probes decide
        torch.onnx.export(
            module.eval(),
            args,
            path,
            dynamo=False,  # the TorchScript exporter needs no onnxscript
            input_names=inputs,
            output_names=[output],
            dynamic_axes={
                **{name: {0: "batch", 1: "tokens"} for name in inputs},
                output: {0: "batch", 1: "tokens"} if per_token else {0: "batch"},
            },
            opset_version=17,
        )
