"""Paragraph-aware chunks sized to what the embedding model reads, never cutting a quotation.

Written here rather than with llama-index's SentenceSplitter because that splitter counts
tokens with tiktoken, knows nothing of paragraphs or quotations and does not keep character
offsets; measured on BBC, its default 1,024-token nodes are truncated by all-MiniLM-L6-v2
(256 word pieces) in 89% of cases (see ../shared/NOTES.md and benchmarks/bench_ingest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ingest.ids import chunk_id
from ingest.text import Span, paragraph_spans, sentence_spans
from ingest.types import Article, Chunk, Quote

TokenCounter = Callable[[Sequence[str]], list[int]]


@dataclass(frozen=True)
class _Unit:
    """A piece that is never split further: a paragraph, or a sentence group of a long one."""

    start: int
    end: int
    paragraph: int  # 1-based
    tokens: int


def chunk_article(
    article: Article,
    quotes: Sequence[Quote],
    count_tokens: TokenCounter,
    max_tokens: int,
) -> list[Chunk]:
    """Pack whole paragraphs into chunks of at most `max_tokens` (title included).

    A paragraph longer than the budget is split between sentences, but never inside a
    quotation; paragraphs joined by a multi-paragraph quotation always share a chunk, even
    when that makes the chunk longer than the budget (the quote is worth more than the tail).
    """
    text = article.text
    paragraphs = paragraph_spans(text)
    # The headline and the paragraphs in one tokenizer call, not two (on the full BBC the
    # chunker's 5,777 calls took 3.5 s of its 5.5 s CPU; now 3,552 calls).
    title_tokens, *counts = count_tokens([article.title, *(text[s:e] for s, e in paragraphs)])
    budget = max(32, max_tokens - title_tokens)
    quote_spans = [(q.start, q.end) for q in quotes]
    units = _units(text, paragraphs, counts, quote_spans, count_tokens, budget)
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
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed for a chunk: the headline gives the passage context."""
    return f"{chunk.title}\n{chunk.text}" if chunk.title else chunk.text


def _units(
    text: str,
    paragraphs: Sequence[Span],
    counts: Sequence[int],
    quotes: list[Span],
    count_tokens: TokenCounter,
    budget: int,
) -> list[_Unit]:
    units: list[_Unit] = []
    for number, ((start, end), tokens) in enumerate(zip(paragraphs, counts, strict=True), 1):
        if tokens <= budget:
            units.append(_Unit(start, end, number, tokens))
        else:
            units.extend(_split_paragraph(text, start, end, number, quotes, count_tokens, budget))
    return units


def _split_paragraph(
    text: str,
    start: int,
    end: int,
    number: int,
    quotes: list[Span],
    count_tokens: TokenCounter,
    budget: int,
) -> list[_Unit]:
    """Group the sentences of an over-long paragraph, cutting only outside quotations."""
    sentences = _merge_inside_quotes(sentence_spans(text, start, end), quotes)
    counts = count_tokens([text[s:e] for s, e in sentences])
    units: list[_Unit] = []
    cur_start, cur_end, cur_tokens = sentences[0][0], sentences[0][1], counts[0]
    for (s, e), tokens in zip(sentences[1:], counts[1:], strict=True):
        if cur_tokens + tokens > budget:
            units.append(_Unit(cur_start, cur_end, number, cur_tokens))
            cur_start, cur_tokens = s, 0
        cur_end, cur_tokens = e, cur_tokens + tokens
    units.append(_Unit(cur_start, cur_end, number, cur_tokens))
    return units


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
