"""One model pass over many texts, keeping each text's word-piece vectors long enough to pool
the text and the spans asked of it (`ingest.pooling`).

Texts are tokenised once with the model's own Rust tokenizer (character offsets included),
run in batches of similar length (little padding), and each batch's hidden states are pooled
and dropped before the next batch runs: memory is bounded by one batch, whatever the number
of texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.pooling import PooledText, Span, TokenStates, padded, pool


@dataclass(frozen=True)
class PassStats:
    """What the model read in one call: texts and word pieces (padding excluded)."""

    texts: int
    pieces: int


class TokenPass:
    """The transformer of a sentence-transformers model, run directly on tokenised batches."""

    def __init__(self, transformer: Any, model_path: Path, max_length: int, batch_size: int):
        from tokenizers import Tokenizer

        self.transformer = transformer
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length)

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        """Each text's vector and its spans' vectors, in the order given."""
        encodings = self.tokenizer.encode_batch(list(texts), add_special_tokens=True)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        result: list[PooledText | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            hidden = self._hidden([encodings[i] for i in rows])
            for row, index in enumerate(rows):
                encoding = encodings[index]
                states = _states(encoding, hidden[row, : len(encoding.ids)], len(texts[index]))
                result[index] = pool(states, list(spans[index]))
        pieces = sum(len(e.ids) for e in encodings)
        return [r for r in result if r is not None], PassStats(len(texts), pieces)

    def _hidden(self, encodings: Sequence[Any]) -> np.ndarray:
        """Last hidden states of one padded batch, as float32 numpy."""
        import torch

        ids, mask = padded(encodings)
        with torch.inference_mode():
            output = self.transformer(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.zeros_like(torch.from_numpy(ids)),
            )
        return output.last_hidden_state.float().numpy()


def _states(encoding: Any, vectors: np.ndarray, text_length: int) -> TokenStates:
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    special = np.asarray(encoding.special_tokens_mask, dtype=bool)
    read_until = text_length
    if encoding.overflowing:
        read_until = int(offsets[~special, 1].max()) if (~special).any() else 0
    return TokenStates(vectors, offsets, special, read_until)
