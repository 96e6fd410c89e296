"""Chunks are whole paragraphs within the token budget, keep offsets and never cut a quote."""

from __future__ import annotations

from ingest.chunking import chunk_article
from ingest.text import paragraph_spans, sentence_spans
from ingest.types import Article, Quote


def words(texts):
    return [len(t.split()) + 2 for t in texts]


def article(text: str) -> Article:
    return Article(id="art", title="Headline", text=text)


def test_chunks_are_whole_paragraphs_with_exact_offsets() -> None:
    paragraphs = [" ".join(f"w{p}_{i}" for i in range(30)) for p in range(6)]
    art = article("\n\n".join(paragraphs))
    chunks = chunk_article(art, [], words, max_tokens=80).chunks
    assert len(chunks) == 3
    for chunk in chunks:
        assert art.text[chunk.start : chunk.end] == chunk.text
        assert chunk.text.split("\n\n")[0] in paragraphs
    assert [(c.paragraph_start, c.paragraph_end) for c in chunks] == [(1, 2), (3, 4), (5, 6)]
    assert [c.id for c in chunks] == ["art:0", "art:1", "art:2"]


def test_multi_paragraph_quote_is_never_cut() -> None:
    paragraphs = [
        "Intro " * 30,
        "“Opening words " + "and more " * 15,
        "“Closing words " + "and more " * 15 + "”, she said.",
        "After " * 30,
    ]
    text = "\n\n".join(p.strip() for p in paragraphs)
    start = text.index("Opening")
    end = text.index("”, she said")
    quote = Quote(text=text[start:end], start=start, end=end, speaker="X")
    chunks = chunk_article(article(text), [quote], words, max_tokens=40).chunks
    holders = [c for c in chunks if c.start <= start < c.end]
    assert len(holders) == 1 and holders[0].end >= end


def test_long_paragraph_split_between_sentences_outside_quotes() -> None:
    quote_body = "First quoted sentence. Second quoted sentence. Third quoted sentence."
    sentences = [f"Plain sentence number {i}." for i in range(12)]
    text = " ".join(sentences[:6]) + f" He said: “{quote_body}” " + " ".join(sentences[6:])
    start = text.index(quote_body)
    quote = Quote(text=quote_body, start=start, end=start + len(quote_body))
    chunks = chunk_article(article(text), [quote], words, max_tokens=20).chunks
    assert len(chunks) > 1
    assert any(c.start <= quote.start and quote.end <= c.end for c in chunks)
    assert all(c.paragraph_start == c.paragraph_end == 1 for c in chunks)


def test_paragraph_and_sentence_spans() -> None:
    text = "One. Two!\n\nMr. Smith arrived. “Yes,” he said. Then 3 more."
    paragraphs = paragraph_spans(text)
    assert [text[s:e] for s, e in paragraphs] == ["One. Two!", text.split("\n\n")[1]]
    second = sentence_spans(text, *paragraphs[1])
    assert [text[s:e] for s, e in second] == [
        "Mr. Smith arrived.",
        "“Yes,” he said.",
        "Then 3 more.",
    ]


def test_single_newline_paragraphs() -> None:
    assert len(paragraph_spans("a\nb\nc")) == 3
