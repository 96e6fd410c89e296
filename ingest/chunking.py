"""Paragraph-aware chunks sized to what the embedding model reads, never cutting a quotation.

Written here rather than with llama-index's SentenceSplitter because that splitter counts
tokens with tiktoken, knows nothing of paragraphs or quotations and does not keep character
offsets; measured on BBC, its default 1,024-token nodes are truncated by all-MiniLM-L6-v2
(256 word pieces) in 89% of cases (see ../shared/NOTES.md and benchmarks/bench_ingest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

import numpy as np

from ingest.ids import chunk_id
from ingest.pooling import Pieces
from ingest.text import Span, paragraph_spans, sentence_spans
from ingest.types import Article, Chunk, Quote

TokenCounter = Callable[[Sequence[str]], list[int]]


@runtime_checkable
class PieceReader(Protocol):
    """A token counter that also gives each text's word pieces with their offsets
    (`ingest.embedding.WordPieces`). The chunker then reads each paragraph once, for its
    count and for the model: a chunk's pieces are its headline's and its paragraphs' (the
    tokenizer splits words at whitespace, and paragraphs and sentences are cut at it), so
    the model pass tokenises nothing again."""

    def __call__(self, texts: Sequence[str]) -> list[int]: ...

    def read(self, texts: Sequence[str]) -> list[Encoded]: ...


class Encoded(Protocol):
    """One text as the tokenizer read it, special tokens included (a `tokenizers.Encoding`:
    kept as its lists until a chunk's pieces are joined, one numpy conversion per chunk)."""

    @property
    def ids(self) -> list[int]: ...

    @property
    def offsets(self) -> list[tuple[int, int]]: ...

    @property
    def special_tokens_mask(self) -> list[int]: ...


class Chunked(NamedTuple):
    """An article's chunks and, from a `PieceReader`, each chunk's word pieces of its
    `embedding_text` (None from a plain counter)."""

    chunks: list[Chunk]
    pieces: list[Pieces] | None


class _Read(NamedTuple):
    """A text's word pieces and where the text starts in the article."""

    start: int
    encoded: Encoded


class _Counter(NamedTuple):
    """The counter, and its `PieceReader.read` when it reads pieces (looked up once)."""

    count: TokenCounter
    read: Callable[[Sequence[str]], list[Encoded]] | None


@dataclass(frozen=True)
class _Unit:
    """A piece that is never split further: a paragraph, or a sentence group of a long one,
    with the word pieces of its paragraph or sentences when read by a `PieceReader`."""

    start: int
    end: int
    paragraph: int  # 1-based
    tokens: int
    read: tuple[_Read, ...] = ()


def chunk_article(
    article: Article,
    quotes: Sequence[Quote],
    count_tokens: TokenCounter,
    max_tokens: int,
) -> Chunked:
    """Pack whole paragraphs into chunks of at most `max_tokens` (title included).

    A paragraph longer than the budget is split between sentences, but never inside a
    quotation; paragraphs joined by a multi-paragraph quotation always share a chunk, even
    when that makes the chunk longer than the budget (the quote is worth more than the tail).
    """
    text = article.text
    paragraphs = paragraph_spans(text)
    # The headline and the paragraphs in one tokenizer call, not two (on the full BBC the
    # chunker's 5,777 calls took 3.5 s of its 5.5 s CPU; now 3,552 calls).
    counter = _Counter(
        count_tokens, count_tokens.read if isinstance(count_tokens, PieceReader) else None
    )
    title_read, *reads = _counted(counter, [(0, article.title), *_texts(text, paragraphs)])
    budget = max(32, max_tokens - title_read.tokens)
    quote_spans = [(q.start, q.end) for q in quotes]
    units = _units(text, paragraphs, reads, quote_spans, counter, budget)
    groups = _pack(units, quote_spans, budget)
    chunks: list[Chunk] = []
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        chunks.append(
            Chunk(
                id=chunk_id(article.id, index),
                article_id=article.id,
                index=index,
                text=text[start:end],
                start=start,
                end=end,
                paragraph_start=group[0].paragraph,
                paragraph_end=group[-1].paragraph,
                title=article.title,
                source=article.source,
                published=article.published,
                url=article.url,
            )
        )
    if title_read.read is None:
        return Chunked(chunks, None)
    title = title_read.read.encoded
    return Chunked(
        chunks, [_chunk_pieces(title, c, g) for c, g in zip(chunks, groups, strict=True)]
    )


def embedding_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed for a chunk: the headline gives the passage context."""
    return f"{chunk.title}\n{chunk.text}" if chunk.title else chunk.text


class _Counted(NamedTuple):
    """A text's word-piece count, and its pieces when the counter reads them."""

    tokens: int
    read: _Read | None


def _texts(text: str, spans: Sequence[Span]) -> list[tuple[int, str]]:
    return [(s, text[s:e]) for s, e in spans]


def _counted(counter: _Counter, texts: Sequence[tuple[int, str]]) -> list[_Counted]:
    """Count the texts (each with its start in the article) in one tokenizer call; with a
    `PieceReader`, keep what it read too (the same count: the same word pieces, with
    offsets)."""
    strings = [t for _, t in texts]
    if counter.read is not None:
        read = counter.read(strings)
        return [_Counted(len(e.ids), _Read(s, e)) for (s, _), e in zip(texts, read, strict=True)]
    return [_Counted(n, None) for n in counter.count(strings)]


def _chunk_pieces(title: Encoded, chunk: Chunk, group: Sequence[_Unit]) -> Pieces:
    """The word pieces of `embedding_text(chunk)`: the headline's (its leading special
    tokens and its own pieces), then each paragraph's or sentence's own pieces, their offsets
    moved to where that text starts in the chunk's embedded text (after the headline and its
    newline), then the headline's trailing special tokens. How many special tokens lead and
    trail is the tokenizer's template, read from the first text with a piece of its own."""
    reads = [r for unit in group for r in unit.read]
    mask = title.special_tokens_mask
    framed = next(
        (m for m in (mask, *(r.encoded.special_tokens_mask for r in reads)) if 0 in m), mask
    )
    head = framed.index(0) if 0 in framed else len(framed)
    tail = framed[::-1].index(0) if 0 in framed else 0
    cut = len(mask) - tail
    ids, offsets = title.ids[:cut], title.offsets[:cut]
    moved, shift = [0] * cut, (len(chunk.title) + 1 if chunk.title else 0) - chunk.start
    for r in reads:
        body = slice(head, len(r.encoded.special_tokens_mask) - tail)
        ids += r.encoded.ids[body]
        offsets += r.encoded.offsets[body]
        moved += [r.start + shift] * (len(ids) - len(moved))
    ids += title.ids[cut:]
    offsets += title.offsets[cut:]
    moved += [0] * (len(ids) - len(moved))
    where = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)
    where += np.asarray(moved, dtype=np.int64)[:, None]
    special = np.zeros(len(ids), dtype=bool)
    special[:head] = True
    special[len(ids) - tail :] = True
    return Pieces(np.asarray(ids, dtype=np.int64), where, special)


def _units(
    text: str,
    paragraphs: Sequence[Span],
    reads: Sequence[_Counted],
    quotes: list[Span],
    counter: _Counter,
    budget: int,
) -> list[_Unit]:
    units: list[_Unit] = []
    for number, ((start, end), counted) in enumerate(zip(paragraphs, reads, strict=True), 1):
        if counted.tokens <= budget:
            units.append(_Unit(start, end, number, counted.tokens, _kept(counted)))
        else:
            units.extend(_split_paragraph(text, start, end, number, quotes, counter, budget))
    return units


def _split_paragraph(
    text: str,
    start: int,
    end: int,
    number: int,
    quotes: list[Span],
    counter: _Counter,
    budget: int,
) -> list[_Unit]:
    """Group the sentences of an over-long paragraph, cutting only outside quotations."""
    sentences = _merge_inside_quotes(sentence_spans(text, start, end), quotes)
    counted = _counted(counter, _texts(text, sentences))
    units: list[_Unit] = []
    cur_start, cur_end, cur_tokens = sentences[0][0], sentences[0][1], counted[0].tokens
    cur_read = _kept(counted[0])
    for (s, e), sentence in zip(sentences[1:], counted[1:], strict=True):
        if cur_tokens + sentence.tokens > budget:
            units.append(_Unit(cur_start, cur_end, number, cur_tokens, cur_read))
            cur_start, cur_tokens, cur_read = s, 0, ()
        cur_end, cur_tokens = e, cur_tokens + sentence.tokens
        cur_read += _kept(sentence)
    units.append(_Unit(cur_start, cur_end, number, cur_tokens, cur_read))
    return units


def _kept(counted: _Counted) -> tuple[_Read, ...]:
    return () if counted.read is None else (counted.read,)


def _merge_inside_quotes(sentences: list[Span], quotes: list[Span]) -> list[Span]:
    """Join consecutive sentences when the boundary between them falls inside a quotation."""
    merged: list[Span] = [sentences[0]]
    for s, e in sentences[1:]:
        if _inside_quote(s, quotes):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _inside_quote(pos: int, quotes: list[Span]) -> bool:
    return any(qs < pos < qe for qs, qe in quotes)


def _pack(units: list[_Unit], quotes: list[Span], budget: int) -> list[list[_Unit]]:
    groups: list[list[_Unit]] = []
    tokens = 0
    for unit in units:
        joined_by_quote = bool(groups) and _inside_quote(unit.start, quotes)
        if groups and (joined_by_quote or tokens + unit.tokens <= budget):
            groups[-1].append(unit)
            tokens += unit.tokens
        else:
            groups.append([unit])
            tokens = unit.tokens
    return groups
