"""A chunk longer than the model reads at once (grown around a long quotation, which chunking
never cuts) is read in windows: no model input over the limit, every word piece read once,
its quotation pooled from those windows, not read again (ingest/token_pass.py).

The real tokenizer of all-MiniLM-L6-v2 (Rust, no torch: fast tier) with a recording model
double whose word-piece vectors depend on the piece alone, so what was read, and what each
vector was pooled from, can be checked exactly. Made-up text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pytest

from ingest.chunk_pass import embed_batch
from ingest.chunking import chunk_article, embedding_text
from ingest.embedding import load_token_counter, resolve_model_path
from ingest.onnx_model import model_max_length
from ingest.pooling import PooledText, Span, normalised
from ingest.token_pass import PassStats, PassThreads, TokenPass
from ingest.types import Article, Quote

DIMENSIONS = 8
SPECIAL_IDS = (101, 102)  # [CLS], [SEP]


class RecordingModel:
    """A `Forward` double: each word piece's vector is a fixed row of a table, by its id
    (no context), and every input it is given is kept."""

    def __init__(self) -> None:
        self.table = np.random.default_rng(7).normal(size=(40_000, DIMENSIONS)).astype(np.float32)
        self.inputs: list[list[int]] = []

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        self.inputs.extend(row[m.astype(bool)].tolist() for row, m in zip(ids, mask, strict=True))
        return self.table[ids]

    @contextmanager
    def threads(self, intra_op: int) -> Iterator[None]:
        yield


class PassEmbedder:
    """The ingest pass on the recording model (a `SpanEmbedder`)."""

    def __init__(self, model: RecordingModel, workers: int, max_pieces: int) -> None:
        path = resolve_model_path(None)
        self.pass_ = TokenPass(
            model, path, model_max_length(path), 8, PassThreads(workers, 1), max_pieces
        )

    def texts(self, texts: Sequence[str]) -> list[list[float]]:
        raise AssertionError("nothing is read on its own here")

    def pooled(
        self, texts: Sequence[str], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        return self.pass_.pooled(texts, spans)


def _article() -> tuple[Article, Quote]:
    """A short paragraph, then one quotation over three paragraphs, far longer than the
    model's 256 word pieces, then a short paragraph."""
    opening = "The council met on Tuesday to discuss the new harbour wall."
    speech = [
        " ".join(
            f"the plan number {p} part {i} will protect the quay from storms" for i in range(9)
        )
        for p in range(3)
    ]
    quoted = "\n\n“".join(speech)
    text = f"{opening}\n\nThe mayor said: “{quoted}.”\n\nNo vote was taken."
    start = text.index(speech[0])
    end = text.index(".”") + 1
    return Article(id="made-up", title="Harbour wall", text=text), Quote(
        text=text[start:end], start=start, end=end, speaker="The mayor"
    )


@pytest.fixture(scope="module")
def count():
    return load_token_counter(str(resolve_model_path(None)))


@pytest.mark.parametrize(("workers", "max_pieces"), [(1, 10**6), (2, 300)])
def test_a_chunk_past_the_limit_is_read_whole_in_windows(count, workers: int, max_pieces: int):
    article, quote = _article()
    chunks = chunk_article(article, [quote], count, max_tokens=200)
    holder = next(c for c in chunks if c.start <= quote.start and quote.end <= c.end)
    quote = replace(quote, chunk_id=holder.id)
    limit = model_max_length(resolve_model_path(None))
    texts = [embedding_text(c) for c in chunks]
    lengths = count(texts)
    assert max(count([quote.text])) > limit  # the quotation alone is past the limit
    assert max(lengths) > limit  # and chunking kept it whole in one chunk

    model = RecordingModel()
    result = embed_batch(
        PassEmbedder(model, workers, max_pieces), chunks, [quote], {article.id: article.text}
    )

    assert result.read.longest == max(len(ids) for ids in model.inputs) <= limit
    read = sorted(i for ids in model.inputs for i in ids if i not in SPECIAL_IDS)
    tokenizer = PassEmbedder(model, 1, 1).pass_.tokenizer
    tokenizer.no_truncation()
    own = sorted(i for e in tokenizer.encode_batch(texts) for i in e.ids if i not in SPECIAL_IDS)
    assert read == own  # every word piece of every chunk read, none twice
    assert result.quotes_read_alone == []
    assert result.read.pieces == sum(len(ids) for ids in model.inputs)
    assert result.read.pieces <= 1.05 * sum(lengths)

    # The quotation's vector: the mean of its own word pieces, from every window.
    encoding = tokenizer.encode(embedding_text(holder))
    shift = len(embedding_text(holder)) - len(holder.text) - holder.start
    pieces = [
        i
        for i, (s, e), special in zip(
            encoding.ids, encoding.offsets, encoding.special_tokens_mask, strict=True
        )
        if not special and s < quote.end + shift and e > quote.start + shift
    ]
    want = normalised(model.table[pieces].mean(axis=0))
    np.testing.assert_allclose(result.quotes[0], want, rtol=1e-5, atol=1e-6)
    # Sentences past the first window have vectors too.
    assert result.sentences[chunks.index(holder)].spans[:, 1].max() > quote.end


def test_a_text_within_the_limit_is_one_input(count):
    model = RecordingModel()
    text = "Aldo Brenn said “the harbour will reopen in spring” at the café."
    [result], read = PassEmbedder(model, 1, 10**6).pooled([text], [[(0, 10)]])
    assert len(model.inputs) == 1 and read.texts == 1
    assert read.pieces == count([text])[0]
    np.testing.assert_allclose(
        result.vector, normalised(model.table[model.inputs[0]].mean(axis=0)), rtol=1e-5
    )
