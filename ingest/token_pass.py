"""One model pass over many texts, keeping each text's word-piece vectors long enough to pool
the text and the spans asked of it (`ingest.pooling`).

Texts are tokenised once with the model's own Rust tokenizer (character offsets included; an
ingest's chunks by the chunker, which reads each paragraph once for its count and for this pass:
`ingest.chunking.PieceReader`, so the pass tokenises none of them again), sorted by length and
cut into batches of at most `MAX_BATCH_PIECES` padded word pieces (little padding, and the
attention scores of a batch stay small), and each batch's hidden states are pooled and dropped
as soon as it has run: memory is bounded by one batch per worker, whatever the number of texts.
A text longer than the model reads at once (256 word pieces for all-MiniLM-L6-v2: a chunk grown
around a long quotation, which chunking never cuts) is read in consecutive windows of at most
that many, each a model input with its own special tokens, and its vector and spans are pooled
over all of them: every word piece is read, none twice (cutting the chunk instead would cut the
quotation, which the answer then cannot cite whole). Freed memory goes back to the OS once per
call, not after every batch (each batch then faulted its buffers in again: about 10% of the
pass's CPU); a process that calls `ingest.memory.share_one_arena` at start keeps its peak RSS as
low as trimming every batch did (docs/notes/floor2.md).

Batches run on `PassThreads.workers` Python threads, each with `intra_op` model threads. The
model releases the GIL while it computes, so two workers with one thread each keep both cores
of a 2-core machine busy without the intra-op threads waiting on each other at every
operation (what one batch on two torch threads does).

The model is a `Forward`: torch (`TorchForward`) or the ONNX export of the same transformer
on onnxruntime (`ingest.onnx_model.OnnxStates`). Torch takes the GIL back between its
operations, about 75 times per batch of this model: beside any other Python thread (quote
finding, the store's writes, which hold the GIL throughout) each batch waits for the GIL
at every one of them. onnxruntime runs a whole batch without the GIL, so the ingest's other
work can run beside it (`Ingestor.overlap`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.memory import release_free_memory
from ingest.pooling import (
    Pieces,
    PooledText,
    Span,
    TokenStates,
    joined,
    padded,
    pieces_of,
    pool,
)

# Padded word pieces (rows x the longest row) per model batch: 8 chunks of 256 word pieces.
# Larger batches gained nothing per word piece on this CPU and multiply the attention scores'
# memory (rows x heads x width x width floats per layer).
MAX_BATCH_PIECES = 2048
# What one more batch costs, in padded word pieces (`plan_batches`). The model's own cost per
# batch is nil on this CPU: a batch of 1 row cost no more per word piece than one of 8 or 16
# (33 ms a 128-piece row either way, onnxruntime, one thread); what is left is the Python
# around a batch (padding its ids, one task), well under a word piece's 0.26 ms.
BATCH_COST_PIECES = 4


@dataclass(frozen=True)
class PassThreads:
    """How the ingest pass uses the cores: `workers` threads each running whole batches,
    each batch on `intra_op` torch threads."""

    workers: int
    intra_op: int


def pass_threads(cores: int | None = None) -> PassThreads:
    """One worker per core, one torch thread each (see the module docstring for why)."""
    return PassThreads(workers=max(1, cores or os.cpu_count() or 1), intra_op=1)


@dataclass(frozen=True)
class PassStats:
    """What the model read in one call: its inputs (a text, or a window of a text longer than
    the model reads at once), their word pieces (padding excluded, each input's special
    tokens included), the padded word pieces it computed (`padded - pieces` was padding),
    and its longest input in word pieces."""

    texts: int
    pieces: int
    padded: int = 0
    longest: int = 0


def plan_batches(
    lengths: Sequence[int], max_pieces: int, max_texts: int, batch_cost: int = BATCH_COST_PIECES
) -> list[list[int]]:
    """Indices of the texts in batches of neighbouring lengths, shortest texts first: each
    batch holds at most `max_texts` texts and at most `max_pieces` padded word pieces (its row
    count times its longest text); a text longer than `max_pieces` on its own is a batch of
    one. Where to cut is chosen over the whole call (an exact partition of the sorted lengths,
    by dynamic programming), for the fewest padded word pieces plus `batch_cost` per batch:
    filling each batch to the cap instead padded 2.3% of an ingest stage's word pieces on the
    full BBC (a stage's 550 chunks are sparse in length), against 0.2% for one call over all
    8,283 (the floor's)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    ordered = [lengths[i] for i in order]
    best = [0] + [math.inf] * len(ordered)  # best[n]: cost of batching the n shortest
    cut = [0] * (len(ordered) + 1)  # where the last batch of the n shortest starts
    for end in range(1, len(ordered) + 1):
        longest = ordered[end - 1]
        for start in range(end - 1, max(-1, end - 1 - max_texts), -1):
            rows = end - start
            if rows > 1 and rows * longest > max_pieces:
                break
            cost = best[start] + rows * longest + batch_cost
            if cost < best[end]:
                best[end], cut[end] = cost, start
    batches: list[list[int]] = []
    end = len(ordered)
    while end:
        batches.append(order[cut[end] : end])
        end = cut[end]
    return batches[::-1]


def longest_first(batches: list[list[int]], lengths: Sequence[int]) -> list[list[int]]:
    """The batches in the order the workers take them: most padded word pieces first (the
    widest first among equals), so that a call ends on small batches. In length order a
    call ended on its widest batches, one worker running the last while the other had none
    left: an ingest of 300 BBC articles used 1.0 of its 2 cores at the end of its first
    stage's pass, and none of its 1.6-2.0 with widest first (docs/notes/lean12.md). Only the
    order changes: each batch, and so each vector, is the same (same stored data)."""

    def work(rows: list[int]) -> tuple[int, int]:
        width = max(lengths[k] for k in rows)
        return len(rows) * width, width

    return sorted(batches, key=work, reverse=True)


class Forward(Protocol):
    """The model: last hidden states of one padded batch, float32 (rows, width, dims)."""

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray: ...

    def threads(self, intra_op: int) -> AbstractContextManager[None]:
        """Run the batches of one pass with `intra_op` threads each."""
        ...


class TorchForward:
    """The transformer of a sentence-transformers model, on torch."""

    def __init__(self, transformer: Any) -> None:
        self.transformer = transformer

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            output = self.transformer(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.zeros_like(torch.from_numpy(ids)),
            )
        return output.last_hidden_state.float().numpy()

    @contextmanager
    def threads(self, intra_op: int) -> Iterator[None]:
        """Torch's thread count is per process: set for the pass, restored after."""
        import torch

        previous = torch.get_num_threads()
        torch.set_num_threads(intra_op)
        try:
            yield
        finally:
            torch.set_num_threads(previous)


class TokenPass:
    """The model run directly on tokenised batches, keeping each text's word-piece vectors."""

    def __init__(
        self,
        forward: Forward,
        model_path: Path,
        max_length: int,
        batch_size: int,
        threads: PassThreads | None = None,
        max_batch_pieces: int = MAX_BATCH_PIECES,
    ):
        from tokenizers import Tokenizer

        self.forward = forward
        self.batch_size = batch_size
        self.threads = threads or pass_threads()
        self.max_batch_pieces = max_batch_pieces
        self.max_length = max_length
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        """Each text's vector and its spans' vectors, in the order given (`read`)."""
        return self.read(self.pieces(texts), spans)

    def pieces(self, texts: Sequence[str]) -> list[Pieces]:
        """The texts' word pieces, whole (no truncation: `read` cuts the windows)."""
        return [pieces_of(e) for e in self.tokenizer.encode_batch(list(texts))]

    def read(
        self, texts: Sequence[Pieces], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        """Each text's vector and its spans' vectors from its word pieces, in the order
        given. A text longer than the model reads at once is read in consecutive windows of
        at most that many word pieces (no word piece in two, `windows`), and pooled over all
        of them: every word is read once."""
        windows = [
            _Window(text, window)
            for text, pieces in enumerate(texts)
            for window in windows_of(pieces, self.max_length)
        ]
        lengths = [len(w.pieces.ids) for w in windows]
        split = {w.text for w in windows if w.pieces is not texts[w.text]}
        batches = longest_first(
            plan_batches(lengths, self.max_batch_pieces, self.batch_size), lengths
        )

        def run(rows: list[int]) -> list[PooledText | TokenStates]:
            """Pool each whole text at once (its batch's states are dropped after); keep a
            copy of a window of a split text until all its windows have run."""
            hidden = self._hidden([windows[k].pieces for k in rows])
            done: list[PooledText | TokenStates] = []
            for row, k in enumerate(rows):
                window = windows[k]
                states = TokenStates(
                    hidden[row, : lengths[k]], window.pieces.offsets, window.pieces.special
                )
                if window.text in split:
                    done.append(replace(states, vectors=states.vectors.copy()))
                else:
                    done.append(pool(states, spans[window.text]))
            del hidden
            return done

        with self.forward.threads(self.threads.intra_op):
            workers = min(self.threads.workers, len(batches))
            if workers <= 1:
                ran = [run(rows) for rows in batches]
            else:
                with ThreadPoolExecutor(workers, thread_name_prefix="token-pass") as pool_:
                    ran = list(pool_.map(run, batches))
        release_free_memory()
        result: list[PooledText | None] = [None] * len(texts)
        parts: dict[int, dict[int, TokenStates]] = {text: {} for text in split}
        for rows, outputs in zip(batches, ran, strict=True):
            for k, output in zip(rows, outputs, strict=True):
                if isinstance(output, TokenStates):
                    parts[windows[k].text][k] = output
                else:
                    result[windows[k].text] = output
        for text, read in parts.items():
            result[text] = pool(joined([read[k] for k in sorted(read)]), spans[text])
        padded_pieces = sum(len(rows) * max(lengths[k] for k in rows) for rows in batches)
        stats = PassStats(len(windows), sum(lengths), padded_pieces, max(lengths, default=0))
        return [r for r in result if r is not None], stats

    def _hidden(self, inputs: Sequence[Pieces]) -> np.ndarray:
        """Last hidden states of one padded batch, as float32 numpy."""
        ids, mask = padded(inputs)
        return self.forward(ids, mask)


def windows_of(pieces: Pieces, max_length: int) -> list[Pieces]:
    """A text's model inputs: the text itself when it fits in `max_length` word pieces, else
    consecutive windows of its inner pieces, each framed by the text's own leading and
    trailing special tokens, as the tokenizer's truncation cuts them (stride 0: no piece in
    two; `tests/unit/test_long_chunk_windows.py` checks both give the same ids and offsets)."""
    if len(pieces.ids) <= max_length or pieces.special.all():
        return [pieces]
    head, tail = int(np.argmin(pieces.special)), int(np.argmin(pieces.special[::-1]))
    inner = max_length - head - tail
    end = len(pieces.ids) - tail
    return [
        Pieces(*(_framed(part, head, start, min(start + inner, end), tail) for part in pieces))
        for start in range(head, end, inner)
    ]


def _framed(values: np.ndarray, head: int, start: int, end: int, tail: int) -> np.ndarray:
    """values[start:end] between the first `head` and the last `tail` of `values`."""
    return np.concatenate([values[:head], values[start:end], values[len(values) - tail :]])


@dataclass(frozen=True)
class _Window:
    """One model input: a whole text, or one window of a text longer than the model reads."""

    text: int  # index of its text
    pieces: Pieces
