"""One article read back from the store: its chunks in order, its text, and where a position
stands in it (paragraph, sentence, paragraph count) for a citation's location.

Kept apart from choosing and writing the answer because it reads only the store's chunks:
`paragraph_of` also serves the quote records (`app.quote_records`).
"""

from __future__ import annotations

from app.retrieval import HybridRetriever
from ingest.ids import chunk_id
from ingest.text import paragraph_spans, sentence_spans
from ingest.types import Chunk


class Articles:
    """The articles of one retriever's store; its chunks are read at each call, so an answerer
    made before a store reload reads the new chunks."""

    def __init__(self, retriever: HybridRetriever) -> None:
        self.retriever = retriever

    def chunks(self, article_id: str, limit: int | None = None) -> list[Chunk]:
        """One article's chunks, in order, read from the store; at most `limit` (a transcript
        of hundreds need not be read to know it is longer than one story)."""
        chunks: list[Chunk] = []
        while limit is None or len(chunks) < limit:
            chunk = self.retriever.chunks.get(chunk_id(article_id, len(chunks)))
            if chunk is None:
                break
            chunks.append(chunk)
        return chunks

    def text(self, article_id: str) -> str:
        """One article's headline and text."""
        return "\n".join(f"{c.title or ''} {c.text}" for c in self.chunks(article_id))

    def location(self, chunk: Chunk, position: int) -> tuple[int, int, int]:
        """Paragraph (1-based), sentence within that paragraph (1-based) and the article's
        paragraph count. A paragraph longer than a chunk (transcripts and releases scraped
        without breaks) continues from the chunks before, so those sentences are counted too."""
        local = position - chunk.start
        paragraph = chunk.paragraph_start
        para_start, para_end = 0, len(chunk.text)
        for number, (start, end) in enumerate(paragraph_spans(chunk.text)):
            if local < end:
                paragraph, para_start, para_end = chunk.paragraph_start + number, start, end
                break
        spans = sentence_spans(chunk.text, para_start, para_end)
        sentence = max(1, sum(1 for s, _ in spans if s <= local))
        if paragraph == chunk.paragraph_start:
            sentence += self._sentences_before(chunk)
        return paragraph, sentence, self._paragraph_count(chunk)

    def _sentences_before(self, chunk: Chunk) -> int:
        """Sentences of the chunk's first paragraph that earlier chunks hold."""
        count = 0
        index = chunk.index - 1
        while index >= 0:
            before = self.retriever.chunks.get(chunk_id(chunk.article_id, index))
            if before is None or before.paragraph_end != chunk.paragraph_start:
                break
            spans = paragraph_spans(before.text)
            start = spans[-1][0] if spans else 0
            count += len(sentence_spans(before.text, start))
            if before.paragraph_start != chunk.paragraph_start:
                break
            index -= 1
        return count

    def _paragraph_count(self, chunk: Chunk) -> int:
        """The article's paragraph count: where its last chunk ends, found by reading the
        chunks after this one (a chunk does not store its article's length)."""
        last = chunk
        index = chunk.index + 1
        while (after := self.retriever.chunks.get(chunk_id(chunk.article_id, index))) is not None:
            last, index = after, index + 1
        return last.paragraph_end


def paragraph_of(chunk: Chunk, position: int) -> int:
    """1-based paragraph number of an article offset inside a chunk."""
    if chunk.paragraph_start == chunk.paragraph_end:
        return chunk.paragraph_start
    local = position - chunk.start
    for number, (_, end) in enumerate(paragraph_spans(chunk.text)):
        if local < end:
            return chunk.paragraph_start + number
    return chunk.paragraph_end
