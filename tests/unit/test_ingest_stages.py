"""How ingest cuts articles into stages (`ingest.stages`): stage sizes per case."""

from __future__ import annotations

import pytest

from ingest.stages import stages

STAGE_CASES = [
    # (name, articles, stage size, overlap, stage sizes expected)
    ("nothing", 0, 150, True, []),
    ("one stage in turn", 150, 150, False, [150]),
    ("one stage overlapped: nothing to overlap with", 150, 150, True, [150]),
    ("in turn: full stages and the rest", 301, 150, False, [150, 150, 1]),
    ("overlapped: a fifth first and last", 300, 150, True, [30, 150, 90, 30]),
    ("overlapped, just over one stage", 151, 150, True, [30, 91, 30]),
    ("overlapped, small stages", 7, 2, True, [1, 2, 2, 1, 1]),
    ("overlapped, stages of one", 3, 1, True, [1, 1, 1]),
]


@pytest.mark.parametrize(
    ("name", "count", "size", "overlap", "expected"),
    STAGE_CASES,
    ids=[c[0] for c in STAGE_CASES],
)
def test_stages(name: str, count: int, size: int, overlap: bool, expected: list[int]) -> None:
    articles = list(range(count))
    cut = stages(articles, size, overlap)  # type: ignore[arg-type]
    assert [len(stage) for stage in cut] == expected
    assert [a for stage in cut for a in stage] == articles  # every article once, in order
