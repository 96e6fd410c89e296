from app.retrieval import QuoteHit, fuse, quoted_chunks
from app.types import Filters
from ingest.types import Chunk, Quote


def test_fuse_rewards_agreement_and_rank() -> None:
    fused = fuse([["a", "b", "c"], ["b", "d"]], k=60)
    ids = [i for i, _ in fused]
    assert ids[0] == "b"
    assert set(ids) == {"a", "b", "c", "d"}
    scores = dict(fused)
    assert scores["b"] == 1 / 62 + 1 / 61
    assert scores["a"] > scores["c"]


def test_fuse_empty() -> None:
    assert fuse([[], []]) == []


def test_records_read_back_share_repeated_strings() -> None:
    """An app holds every chunk and quote in memory: values repeated across records (ids,
    titles, speakers) must be one object each, and the objects must carry no __dict__."""
    from ingest.store import chunk_from_metadata, quote_from_metadata

    def chunk_meta(index: int) -> dict:
        return {
            "article_id": "".join(["bbc", "-1"]),  # a new string object per record
            "index": index,
            "start": 0,
            "end": 5,
            "paragraph_start": 1,
            "paragraph_end": 1,
            "title": "".join(["Markets ", "fall"]),
            "source": "".join(["B", "BC"]),
        }

    first, second = (chunk_from_metadata(f"bbc-1:{i}", "text", chunk_meta(i)) for i in (0, 1))
    assert first.article_id is second.article_id and first.title is second.title
    assert first.source is second.source
    quotes = [
        quote_from_metadata("words", {"start": 0, "end": 5, "speaker": "".join(["Tony ", "Blair"])})
        for _ in range(2)
    ]
    assert quotes[0].speaker is quotes[1].speaker
    assert not hasattr(first, "__dict__") and not hasattr(quotes[0], "__dict__")


def _chunk(chunk_id: str, source: str) -> Chunk:
    return Chunk(chunk_id, chunk_id.split(":")[0], 0, "words", 0, 5, 1, 1, source=source)


def _hit(quote_id: str, chunk_id: str | None) -> QuoteHit:
    quote = Quote("words", 0, 5, speaker="Ana Vell", chunk_id=chunk_id)
    return QuoteHit(quote_id, quote, (chunk_id or "x:0").split(":")[0], 0.1, None)


# quoted_chunks: (the hits' chunk ids, best first; the source admitted or None) -> passages
QUOTED_CHUNKS_CASES = (
    # in the hits' order, each chunk once: a speaker's many turns in one chunk rank it once
    ((["b:1", "a:0", "b:1", "a:2"], None), ["b:1", "a:0", "a:2"]),
    # a hit whose chunk is not stored (removed by a reload, or none) gives no passage
    ((["gone:0", None, "a:0"], None), ["a:0"]),
    # outside the filters' source: not a passage, as dense and BM25 would not give it
    ((["b:1", "a:0"], "Westland Post"), ["a:0"]),
    (([], None), []),
)


def test_quoted_chunks_cases() -> None:
    chunks = {
        "a:0": _chunk("a:0", "Westland Post"),
        "a:2": _chunk("a:2", "Westland Post"),
        "b:1": _chunk("b:1", "Ida Vale Daily"),
    }
    for case, expected in QUOTED_CHUNKS_CASES:
        ids, source = case
        hits = [_hit(f"q{n}", c) for n, c in enumerate(ids)]
        filters = Filters(source=source) if source else None
        assert quoted_chunks(hits, chunks, filters) == expected, case
