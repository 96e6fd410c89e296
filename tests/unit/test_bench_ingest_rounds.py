"""`bench_ingest --rounds N`: the round logic and the summary, not timings.

One ingest against one floor was a single sample of two numbers that move independently with
the machine; the rounds give each round a fresh store and its own floor right after its
ingest, and the summary takes every ratio per round before the median. Here each round is a
real ingest of made-up articles with the fake embedder (no model), its "floor" the fake
embedder over the stored chunks, and the seconds are made up per round so the medians are
known.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_ingest import (
    Round,
    fastest,
    median_round,
    run_rounds,
    spread,
    summarise,
    usage_line,
)
from ingest.chunking import embedding_text
from tests.helpers import FAKE_ARTICLES, make_fake_desk

# Made-up seconds per round: (ingest, floor, ingest CPU, floor CPU).
SECONDS = [(23.0, 20.0, 44.0, 40.0), (21.0, 20.0, 42.0, 40.0), (26.0, 20.0, 48.0, 40.0)]


def test_each_round_ingests_into_a_fresh_store_then_runs_its_floor(
    tmp_path: Path, fake_articles: Path
) -> None:
    events: list[tuple[str, int]] = []

    def run_once(n: int) -> dict:
        desk = make_fake_desk(tmp_path / f"round-{n}")
        report = desk.ingest([fake_articles], progress=False)
        events.append(("ingest", report.added))
        texts = [embedding_text(c) for c in desk.store.all_chunks()]
        desk.ingestor.embedder.texts(texts)
        events.append(("floor", len(texts)))
        ingest_s, floor_s, ingest_cpu, floor_cpu = SECONDS[n]
        return {
            "ingest_s": ingest_s,
            "pure_embed_s": floor_s,
            "ingest_cpu_s": ingest_cpu,
            "pure_embed_pass_cpu_s": floor_cpu,
            "articles": report.added,
        }

    results = run_rounds(3, run_once)
    assert [kind for kind, _ in events] == ["ingest", "floor"] * 3
    # a fresh store each round: every round adds every article (none found unchanged)
    assert [count for kind, count in events if kind == "ingest"] == [len(FAKE_ARTICLES)] * 3
    floors = [count for kind, count in events if kind == "floor"]
    assert floors[0] > 0 and floors == [floors[0]] * 3
    rounds = [Round.of(r) for r in results]
    assert [r.wall_ratio for r in rounds] == pytest.approx([1.15, 1.05, 1.30])
    summary = summarise(rounds)
    assert summary["wall_ratio"].median == pytest.approx(1.15)
    assert summary["wall_ratio"].width == pytest.approx(0.25)
    assert summary["cpu_ratio"].median == pytest.approx(1.10)
    assert (summary["cpu_ratio"].low, summary["cpu_ratio"].high) == pytest.approx((1.05, 1.20))
    assert summary["ingest_s"].median == 23.0
    # wall over CPU ratio per round: 1.15 / 1.10, 1.05 / 1.05, 1.30 / 1.20
    assert summary["idle_factor"].median == pytest.approx(1.15 / 1.10)
    assert median_round(rounds) == 0  # the round whose wall ratio is the median


def test_ratios_are_per_round_not_medians_of_seconds() -> None:
    # ratios 1.00x, 1.10x, 1.20x; the median ingest (20 s) over the median floor (20 s) would
    # read 1.00x: each ingest must pair with its own floor
    rounds = [Round(20.0, 20.0, 1.0, 1.0), Round(33.0, 30.0, 1.0, 1.0), Round(12.0, 10.0, 1.0, 1.0)]
    summary = summarise(rounds)
    assert summary["wall_ratio"].median == pytest.approx(1.10)
    assert summary["ingest_s"].median / summary["floor_s"].median == pytest.approx(1.00)
    assert median_round(rounds) == 1


def test_even_rounds_take_the_mean_of_the_middle_two_and_show_the_lower() -> None:
    rounds = [Round(r, 1.0, r, 1.0) for r in (1.3, 1.1, 1.2, 1.0)]
    assert spread([r.wall_ratio for r in rounds]).median == pytest.approx(1.15)
    assert rounds[median_round(rounds)].wall_ratio == pytest.approx(1.1)


def test_one_round_is_what_the_benchmark_always_did() -> None:
    calls: list[int] = []
    results = run_rounds(1, lambda n: calls.append(n) or {"round": n})
    assert calls == [0] and results == [{"round": 0}]
    only = Round(23.0, 20.0, 44.0, 40.0)
    assert summarise([only])["wall_ratio"] == (pytest.approx(1.15),) * 3
    assert median_round([only]) == 0


def test_no_rounds_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        run_rounds(0, lambda n: {})


def test_each_round_is_its_own_child_with_a_new_empty_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rounds of `main` go through `_child`: one process per round, each given a store
    folder that is new and empty when it starts (no round re-ingests into a warm store)."""
    import json
    import subprocess

    import benchmarks.bench_ingest as bench

    stores: list[str] = []

    def run(command: list[str], **_: object) -> subprocess.CompletedProcess:
        store = command[command.index("--store") + 1]
        assert Path(store).is_dir() and not any(Path(store).iterdir())
        assert command[command.index("--child") + 1] == "quotedesk"
        stores.append(store)
        return subprocess.CompletedProcess(command, 0, json.dumps({"round": len(stores)}), "")

    monkeypatch.setattr(bench.subprocess, "run", run)
    corpus = tmp_path / "articles.jsonl"
    results = run_rounds(3, lambda _: bench._child("quotedesk", corpus, st_floor=False))
    assert results == [{"round": 1}, {"round": 2}, {"round": 3}]
    assert len(stores) == 3
    assert not any(Path(s).exists() for s in stores)  # each removed after its round


def test_fastest_takes_each_phase_least_seconds_over_the_rounds() -> None:
    """The floor's least seconds as well as the ingest's, each from any round: a floor
    slowed by other load in one round (30 s, a ratio of 0.80x) lowers no ratio taken from the
    fastest, which pairs the 22 s ingest with the 20 s floor."""
    rounds = [
        Round(24.0, 20.0, 48.0, 40.0),
        Round(24.0, 30.0, 50.0, 44.0),
        Round(22.0, 21.0, 46.0, 41.0),
    ]
    assert summarise(rounds)["wall_ratio"].median == pytest.approx(22.0 / 21.0)
    best = fastest(rounds)
    assert (best.ingest_s, best.floor_s) == (22.0, 20.0)
    assert best.wall_ratio == pytest.approx(1.10)
    assert best.cpu_ratio == pytest.approx(46.0 / 40.0)


def test_a_round_carries_the_load_beside_each_phase_when_the_child_measured_it() -> None:
    child = {"ingest_s": 2.0, "pure_embed_s": 1.0, "ingest_cpu_s": 4.0}
    child["pure_embed_pass_cpu_s"] = 2.0
    assert Round.of(child)[4:] == (None, None)  # an older checkout's child records no load
    child["ingest_load"] = {"others_cores": 0.25, "steal_cores": 0.0}
    child["floor_load"] = {"others_cores": 1.5, "steal_cores": 0.1}
    assert Round.of(child)[4:] == (0.25, 1.5)


def test_a_round_cpu_split_names_each_phase_the_child_recorded() -> None:
    usage = {"user_s": 300.0, "sys_s": 21.5, "minor_faults": 1234567}
    line = usage_line({"ingest_usage": usage, "floor_usage": None})
    assert line == "ingest user 300.0 s, system 21.5 s, 1,234,567 minor page faults"
    assert usage_line({}) == "not recorded"
