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
from ingest.pooling import Pieces, PooledText, Span, normalised, pieces_of
from ingest.token_pass import PassStats, PassThreads, TokenPass, windows_of
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
    chunks = chunk_article(article, [quote], count, max_tokens=200).chunks
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


def _reference(limit: int | None):
    """The model's tokenizer as main's pass ran it: truncation at `limit` with overflowing
    windows (None: whole texts)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(resolve_model_path(None) / "tokenizer.json"))
    tokenizer.no_padding()
    if limit is None:
        tokenizer.no_truncation()
    else:
        tokenizer.enable_truncation(limit)
    return tokenizer


def _same(got: Pieces, want) -> None:  # noqa: ANN001 - a tokenizers Encoding
    assert got.ids.tolist() == want.ids
    assert [tuple(o) for o in got.offsets.tolist()] == [tuple(o) for o in want.offsets]
    assert got.special.astype(int).tolist() == want.special_tokens_mask


# (name, title, text): the chunker's pieces of each chunk are the tokenizer's own of its
# embedded text, whatever the headline and the whitespace between paragraphs and sentences.
CHUNK_TEXTS = [
    ("headline and paragraphs", "Harbour wall", "Ana Vell spoke.\n\nTom Reed left early."),
    ("no headline", "", "Ana Vell spoke.\n\nTom Reed left early."),
    ("spaces and tabs around breaks", "  Quay  ", "One.  \n \t\n  Two words.\n\n\tThree."),
    ("accents and marks", "Café “Westland”", "Ida Vale’s café—open!\n\nÜber 3,5 m… «ok»"),
    ("single newlines", "Ola Tamm", "First line here.\nSecond line there.\nThird."),
    (
        "a paragraph split between sentences",
        "Budget",
        " ".join(f"Sentence {i} about the harbour wall and its many stones." for i in range(40)),
    ),
]


@pytest.mark.parametrize(("name", "title", "text"), CHUNK_TEXTS, ids=[c[0] for c in CHUNK_TEXTS])
def test_chunk_pieces_are_the_tokenizers_own(count, name: str, title: str, text: str):
    chunked = chunk_article(Article(id="made-up", title=title, text=text), [], count, 60)
    tokenizer = _reference(None)
    assert chunked.pieces is not None and len(chunked.pieces) == len(chunked.chunks)
    assert len(chunked.chunks) > 1 or "split" not in name  # the split case makes several
    for chunk, pieces in zip(chunked.chunks, chunked.pieces, strict=True):
        _same(pieces, tokenizer.encode(embedding_text(chunk)))


def test_a_plain_counter_gives_the_same_chunks_and_no_pieces(count):
    article, quote = _article()
    read = chunk_article(article, [quote], count, max_tokens=200)
    plain = chunk_article(article, [quote], lambda texts: count(texts), max_tokens=200)
    assert plain.chunks == read.chunks and plain.pieces is None


@pytest.mark.parametrize("limit", [256, 40, 7])
def test_windows_are_the_tokenizers_truncation_windows(count, limit: int):
    article, quote = _article()
    chunks = chunk_article(article, [quote], count, max_tokens=200).chunks
    text = max((embedding_text(c) for c in chunks), key=len)  # the quotation's, over 256
    whole = pieces_of(_reference(None).encode(text))
    encoding = _reference(limit).encode(text)
    want = [encoding, *encoding.overflowing]
    got = windows_of(whole, limit)
    assert len(got) == len(want) > 1
    for window, own in zip(got, want, strict=True):
        _same(window, own)


def test_a_text_within_the_limit_is_its_own_window():
    short = pieces_of(_reference(None).encode("Bob Hale said no."))
    assert windows_of(short, 256) == [short]


@pytest.mark.parametrize("workers", [1, 2])
def test_the_chunkers_pieces_read_as_the_texts(count, workers: int):
    """The pass over the chunker's pieces reads what the pass over the chunks' texts reads,
    in the same batches, and pools the same vectors (the long chunk's windows too)."""
    article, quote = _article()
    chunked = chunk_article(article, [quote], count, max_tokens=200)
    holder = next(c for c in chunked.chunks if c.start <= quote.start and quote.end <= c.end)
    quote = replace(quote, chunk_id=holder.id)
    results = []
    for pieces in (None, chunked.pieces):
        model = RecordingModel()
        embedder = PieceEmbedder(model, workers, 300)
        texts = {article.id: article.text}
        results.append((embed_batch(embedder, chunked.chunks, [quote], texts, pieces), model))
    (by_text, text_model), (by_pieces, piece_model) = results
    # Two workers hand their batches to the model in whichever order the threads reach it.
    assert sorted(piece_model.inputs) == sorted(text_model.inputs)
    if workers == 1:
        assert piece_model.inputs == text_model.inputs
    assert by_pieces.read == by_text.read
    np.testing.assert_array_equal(by_pieces.chunks, by_text.chunks)
    np.testing.assert_array_equal(by_pieces.quotes, by_text.quotes)
    for ours, theirs in zip(by_pieces.sentences, by_text.sentences, strict=True):
        np.testing.assert_array_equal(ours.spans, theirs.spans)
        np.testing.assert_array_equal(ours.vectors, theirs.vectors)


class PieceEmbedder(PassEmbedder):
    """The pass embedder that also reads the chunker's pieces (a `PieceEmbedder`)."""

    def pooled_pieces(
        self, pieces: Sequence[Pieces], spans: Sequence[Sequence[Span]]
    ) -> tuple[list[PooledText], PassStats]:
        return self.pass_.read(pieces, spans)
