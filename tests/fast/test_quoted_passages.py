"""Passage search with a quote search's hits: the chunks holding them are a third ranking, so a
chunk where the asked speaker speaks rises among passages that share the question's words."""

from __future__ import annotations

from pathlib import Path

from app.retrieval import HybridRetriever
from tests.helpers import FAKE_ARTICLES, make_fake_desk, write_jsonl


def _ranks(retriever: HybridRetriever, query: str, quoted=()) -> list[str]:
    return [p.chunk.article_id for p in retriever.search(query, 10, quoted=quoted)]


def test_the_quoted_chunk_rises_and_nothing_is_lost(tmp_path: Path) -> None:
    desk = make_fake_desk(tmp_path / "store")
    desk.ingest([write_jsonl(tmp_path / "a.jsonl", FAKE_ARTICLES)], progress=False)
    retriever = desk.retriever
    query = "apple harvest frost blossom"
    plain = _ranks(retriever, query)
    assert plain[0] == "fake-orchard" and "fake-ferry" in plain
    hits = [h for h in retriever.search_quotes("night ferry", 5) if h.article_id == "fake-ferry"]
    assert hits
    quoted = _ranks(retriever, query, hits)
    assert quoted.index("fake-ferry") < plain.index("fake-ferry")
    assert set(quoted) == set(plain)  # a third ranking reorders, it takes no passage away
    assert _ranks(retriever, query, ()) == plain  # no hits: the two rankings as before
