from app.retrieval import fuse


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
        quote_from_metadata("words", {"start": 0, "end": 5, "speaker": "".join(["Tom ", "Reed"])})
        for _ in range(2)
    ]
    assert quotes[0].speaker is quotes[1].speaker
    assert not hasattr(first, "__dict__") and not hasattr(quotes[0], "__dict__")
