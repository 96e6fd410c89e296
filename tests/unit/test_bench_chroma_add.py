"""`bench_chroma_add`: the per-page readout that shows whether an add costs more per record as
its collection grows (perf26), and a real replay into fresh embedded collections."""

from __future__ import annotations

import numpy as np

from benchmarks.bench_chroma_add import VARIANTS, Records, growth, replay


def test_growth_compares_the_first_and_last_fifth_per_record() -> None:
    # ten pages: the first two cost 1 ms a record, the last two 3 ms, the rest 2 ms
    pages = [(100, 0.1), (50, 0.05)] + [(100, 0.2)] * 6 + [(100, 0.3), (200, 0.6)]
    assert growth(pages) == "1.000 -> 3.000"


def test_growth_of_fewer_than_five_pages_uses_the_first_and_last() -> None:
    assert growth([(10, 0.01), (10, 0.05)]) == "1.000 -> 5.000"


def test_replay_reports_each_page_of_each_collection() -> None:
    rng = np.random.default_rng(0)
    records = Records(
        [f"a:{i}" for i in range(25)],
        rng.standard_normal((25, 8)).astype(np.float32),
        [""] * 25,
        [{"article_id": f"a{i % 3}"} for i in range(25)],
    )
    done = replay([("quotedesk_chunks", records)], VARIANTS["ef100-sync20000"], stage=10)
    assert [n for n, _ in done.pages["quotedesk_chunks"]] == [10, 10, 5]
    assert done.cpu >= sum(cpu for _, cpu in done.pages["quotedesk_chunks"]) > 0
