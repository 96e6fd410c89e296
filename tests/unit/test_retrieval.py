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
