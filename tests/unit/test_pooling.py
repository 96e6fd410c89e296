"""Quote and sentence vectors pooled from one pass over the chunk (ingest/pooling.py,
ingest/token_pass.py, ingest/chunk_pass.py). Made-up text throughout.

The model tests load all-MiniLM-L6-v2 once (a few seconds); the rest is numpy.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from ingest.chunk_pass import embed_batch
from ingest.chunking import embedding_text
from ingest.pooling import (
    TokenStates,
    joined,
    normalised,
    span_pieces,
    span_vector,
    text_vector,
)
from ingest.text import sentence_spans
from ingest.types import Chunk, Quote

# Five word pieces of a made-up text "ab cd, ef" with [CLS] and [SEP] around them.
OFFSETS = np.array([(0, 0), (0, 2), (3, 5), (5, 6), (7, 9), (0, 0)])
SPECIAL = np.array([True, False, False, False, False, True])
VECTORS = np.arange(6 * 4, dtype=np.float32).reshape(6, 4) + 1.0

SPAN_CASES = [
    # (name, span, pieces expected)
    ("first word, at the text's start", (0, 2), [1]),
    ("last word, at the text's end", (7, 9), [4]),
    ("word and its comma", (3, 6), [2, 3]),
    ("part of a word takes the whole piece", (4, 5), [2]),
    ("the space between words has no piece", (2, 3), []),
    ("whole text: special tokens never join a span", (0, 9), [1, 2, 3, 4]),
]


@pytest.mark.parametrize(("name", "span", "expected"), SPAN_CASES)
def test_span_pieces(name: str, span: tuple[int, int], expected: list[int]):
    states = TokenStates(VECTORS, OFFSETS, SPECIAL)
    assert span_pieces(states, *span).tolist() == expected, name


VECTOR_CASES = [
    # (name, span, pooled from these pieces, or None)
    ("a word and its comma", (3, 6), [2, 3]),
    ("the whole text", (0, 9), [1, 2, 3, 4]),
    ("no piece of its own", (2, 3), None),
]


@pytest.mark.parametrize(("name", "span", "pieces"), VECTOR_CASES)
def test_span_vector(name: str, span, pieces: list[int] | None):
    got = span_vector(TokenStates(VECTORS, OFFSETS, SPECIAL), *span)
    if pieces is None:
        assert got is None, name
    else:
        assert got is not None, name
        np.testing.assert_allclose(got, normalised(VECTORS[pieces].mean(axis=0)), rtol=1e-6)


def test_text_vector_is_mean_of_every_piece_read():
    states = TokenStates(VECTORS, OFFSETS, SPECIAL)
    np.testing.assert_allclose(text_vector(states), normalised(VECTORS.mean(axis=0)), rtol=1e-6)


def test_states_of_windows_join_in_order():
    """A text read in two model inputs ("ab cd," then "ef"), each with [CLS] and [SEP]."""
    first = TokenStates(VECTORS[:4], OFFSETS[:4], SPECIAL[:4])
    second = TokenStates(VECTORS[3:6] + 100, np.array([(0, 0), (7, 9), (0, 0)]), SPECIAL[[0, 4, 5]])
    both = joined([first, second])
    assert span_pieces(both, 3, 9).tolist() == [2, 3, 5]  # across the two windows
    np.testing.assert_allclose(
        span_vector(both, 3, 9),
        normalised(np.vstack([VECTORS[2:4], VECTORS[4] + 100]).mean(axis=0)),
    )


# ----- the real model ----------------------------------------------------------------------

TEXT = (
    "Aldo Brenn said “the harbour will reopen in spring” at the café in Zürich. "
    "Critics were not convinced. 😀 “Nobody believes it,” said Mira Osk."
)


@pytest.fixture(scope="module", params=["torch", "onnx"])
def embedder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The ingest pass on torch, and on onnxruntime from a states export made here."""
    from ingest.embedding import Embedder, resolve_model_path
    from ingest.onnx_model import OnnxStates
    from ingest.token_pass import TorchForward

    folder = tmp_path_factory.mktemp("exports") if request.param == "onnx" else None
    embedder = Embedder(resolve_model_path(None), 8, folder, runtime=request.param)
    runs_on = OnnxStates if request.param == "onnx" else TorchForward
    assert isinstance(embedder.token_pass.forward, runs_on)
    return embedder


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.slow
def test_pooled_text_vector_equals_the_direct_one(embedder):
    texts = [TEXT, "x", "Héllo wörld. " * 30, "Short title\n" + TEXT]
    direct = np.asarray(embedder.texts(texts))
    pooled, read = embedder.pooled(texts, [[] for _ in texts])
    for want, got in zip(direct, pooled, strict=True):
        assert float(want @ got.vector) > 1 - 1e-5
    assert read.texts == len(texts)


SPANS_IN_TEXT = [
    ("at the text's very start", "Aldo Brenn"),
    ("at the text's very end", "said Mira Osk."),
    ("after multi-byte characters", "Nobody believes it,"),
    ("with accents inside", "at the café in Zürich"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "words"), SPANS_IN_TEXT)
def test_span_vector_comes_from_its_own_pieces(embedder, name: str, words: str):
    """Pooling the span's pieces by hand from the same pass gives the same vector, and the
    span's vector is not the whole text's."""
    start, end = _span(TEXT, words)
    [result], _ = embedder.pooled([TEXT], [[(start, end)]])
    [read] = embedder.token_pass.pieces([TEXT])
    hidden = embedder.token_pass._hidden([read])[0]
    states = TokenStates(hidden, read.offsets, read.special)
    pieces = span_pieces(states, start, end)
    first, last = states.offsets[pieces[0]], states.offsets[pieces[-1]]
    assert TEXT[first[0] : last[1]] == words, name  # the pieces cover exactly the span
    np.testing.assert_allclose(result.spans[0], normalised(hidden[pieces].mean(axis=0)), atol=1e-5)
    assert float(result.spans[0] @ result.vector) < 0.999, name


def _chunk(text: str, title: str = "Made-up headline") -> Chunk:
    return Chunk(
        id="made-up:0",
        article_id="made-up",
        index=0,
        text=text,
        start=0,
        end=len(text),
        paragraph_start=1,
        paragraph_end=1,
        title=title,
    )


def _quote(text: str, words: str) -> Quote:
    start, end = _span(text, words)
    return Quote(text=words, start=start, end=end, chunk_id="made-up:0")


@pytest.mark.slow
def test_quote_past_the_word_piece_limit_is_pooled_from_the_next_window(embedder):
    """A chunk longer than the model reads at once is read in two windows: the quote past
    the first is pooled from the second (not read again), every sentence has a vector, and
    the chunk's vector is the mean over both windows."""
    text = "Aldo Brenn said “the harbour will reopen in spring”. " + "Filler words here. " * 90
    text += "“We were never told about the delay,” said Mira Osk."
    inside = _quote(text, "the harbour will reopen in spring")
    past = _quote(text, "We were never told about the delay,")
    chunk = _chunk(text)
    result = embed_batch(embedder, [chunk], [inside, past], {"made-up": text})
    assert result.quotes_read_alone == []
    assert result.read.texts == 2  # the chunk's two windows, nothing else
    alone = np.asarray(embedder.texts([past.text])[0])
    assert 0.5 < float(np.asarray(result.quotes[1]) @ alone) < 1 - 1e-3  # pooled, in context
    spans = result.sentences[0].spans
    assert spans[:, 1].max() > past.start  # sentences past the first window have vectors
    [whole], _ = embedder.pooled([embedding_text(chunk)], [[]])
    first_window = np.asarray(embedder.texts([embedding_text(chunk)])[0])  # cut at 256
    assert float(np.asarray(result.chunks[0]) @ whole.vector) > 1 - 1e-5
    assert float(np.asarray(result.chunks[0]) @ first_window) < 1 - 1e-4


@pytest.mark.slow
def test_chunk_vector_of_a_batch_equals_the_direct_one(embedder):
    chunk = _chunk(TEXT)
    quotes = [_quote(TEXT, "the harbour will reopen in spring")]
    result = embed_batch(embedder, [chunk], quotes, {"made-up": TEXT})
    direct = np.asarray(embedder.texts([embedding_text(chunk)])[0])
    assert float(np.asarray(result.chunks[0]) @ direct) > 1 - 1e-5
    assert result.quotes_read_alone == []
    assert result.sentences[0].spans.tolist() == [list(s) for s in sentence_spans(TEXT)]


@pytest.mark.slow
def test_threaded_capped_pass_equals_one_batch_in_turn(embedder, monkeypatch):
    """Two workers on capped batches give the vectors of one worker on one batch, in order."""
    from ingest import token_pass as module
    from ingest.token_pass import BATCH_COST_PIECES, PassThreads, TokenPass

    base = embedder.token_pass
    texts = [TEXT, "x", "Héllo wörld. " * 60, "Short title\n" + TEXT, "Critics were not convinced."]
    spans = [[_span(TEXT, "Aldo Brenn")], [], [], [], [(0, 7)]]
    plan = module.plan_batches

    def run(threads: PassThreads, max_pieces: int, batch_cost: int):
        token_pass = TokenPass(base.forward, embedder.model_path, 256, 8, threads, max_pieces)
        with monkeypatch.context() as patch:
            patch.setattr(module, "plan_batches", partial(plan, batch_cost=batch_cost))
            return token_pass.pooled(texts, spans)

    # A batch dearer than any padding: everything in one batch.
    one, one_read = run(PassThreads(workers=1, intra_op=1), 10**6, 10**9)
    two, two_read = run(PassThreads(workers=2, intra_op=1), 300, BATCH_COST_PIECES)
    for a, b in zip(one, two, strict=True):
        assert float(a.vector @ b.vector) > 1 - 1e-5
        for sa, sb in zip(a.spans, b.spans, strict=True):
            assert float(sa @ sb) > 1 - 1e-5
    assert one_read.pieces == two_read.pieces
    assert two_read.padded < one_read.padded  # smaller, length-sorted batches pad less
    assert two_read.pieces <= two_read.padded


@pytest.mark.slow
def test_onnx_pass_from_an_existing_export_reads_as_far_as_torch(embedder):
    """A second process finds the export and never loads torch's model: its reading limit
    then comes from the model's config, and must be torch's (`max_seq_length`)."""
    from ingest.embedding import Embedder

    if embedder.runtime != "onnx":
        pytest.skip("the onnx case")
    again = Embedder(embedder.model_path, 8, embedder.states_file.parent, runtime="onnx")
    limit = again.token_pass.max_length
    assert again._torch is None  # read from the export, torch's model not loaded
    assert limit == embedder.torch_model._model.max_seq_length == 256
    text = "Filler words here. " * 40  # 202 word pieces: one window, as torch reads it
    [ours], _ = again.pooled([text], [[]])
    [theirs] = embedder.texts([text])
    assert float(ours.vector @ np.asarray(theirs)) > 1 - 1e-5
