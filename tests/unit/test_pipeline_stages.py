"""How ingest cuts articles into stages (`ingest.pipeline.stage_sizes`): every article in
exactly one stage, in order; overlapped, small first and last stages."""

from __future__ import annotations

import pytest

from ingest.pipeline import _stages, stage_sizes


@pytest.mark.parametrize("total", [0, 1, 24, 50, 51, 149, 300, 301, 1000])
def test_every_article_in_one_stage_in_order(total: int) -> None:
    articles = [f"a{i}" for i in range(total)]
    for edge in (25, 150):
        stages = _stages(articles, stage_sizes(total, 150, edge))  # type: ignore[arg-type]
        assert [a for stage in stages for a in stage] == articles
        assert all(0 < len(stage) <= 150 for stage in stages)


def test_overlapped_stages_have_small_edges_and_even_middles() -> None:
    assert stage_sizes(300, 150, 25) == [25, 125, 125, 25]
    assert stage_sizes(1000, 150, 25) == [25, 136, 136, 136, 136, 136, 135, 135, 25]


def test_in_turn_and_small_ingests_keep_full_stages() -> None:
    assert stage_sizes(300, 150, 150) == [150, 150]
    assert stage_sizes(301, 150, 150) == [150, 150, 1]
    assert stage_sizes(50, 150, 25) == [50]  # too few for both edges
    assert stage_sizes(0, 150, 25) == []
