import pytest

from app.retrieval import by_article, fuse
from ingest.lexical import LexicalHit


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


def _hits(*ids: str) -> list[LexicalHit]:
    """BM25 hits best first, each id "article:passage"."""
    return [LexicalHit(i, i.split(":")[0], 10.0 - n) for n, i in enumerate(ids)]


# (case, BM25 hits best first, the article-level ranking)
BY_ARTICLE_CASES = [
    ("one article keeps its order", ("a:2", "a:0"), ["a:2", "a:0"]),
    ("a later passage joins its article's best", ("a:0", "b:1", "a:3"), ["a:0", "a:3", "b:1"]),
    (
        "articles by their best passage",
        ("b:4", "a:1", "c:0", "b:0", "a:2"),
        ["b:4", "b:0", "a:1", "a:2", "c:0"],
    ),
    ("no hits", (), []),
]


@pytest.mark.parametrize(
    ("hits", "expected"), [c[1:] for c in BY_ARTICLE_CASES], ids=[c[0] for c in BY_ARTICLE_CASES]
)
def test_by_article_groups_passages_under_their_articles_best(
    hits: tuple[str, ...], expected: list[str]
) -> None:
    assert by_article(_hits(*hits)) == expected


def test_a_passage_of_the_best_article_rises_in_the_fusion() -> None:
    """The third ranking is what lifts "a:3" (BM25 fourth, dense nowhere) above "b:2"."""
    hits = _hits("a:0", "b:1", "b:2", "a:3")
    dense = ["a:0", "c:0"]
    two = [i for i, _ in fuse([dense, [h.id for h in hits]])]
    three = [i for i, _ in fuse([dense, [h.id for h in hits], by_article(hits)])]
    assert two.index("a:3") > two.index("b:2")
    assert three.index("a:3") < three.index("b:2")


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
