"""`benchmarks.machine_load`: other processes' cores and the steal from two samples of the
kernel's counters, with known answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.machine_load import Sample, between, parse_stat, sample

# user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 1/100 s
STAT = "cpu  1000 50 200 9000 30 0 20 40 0 0\ncpu0 500 25 100 4500 15 0 10 20 0 0\n"


def test_busy_is_every_non_idle_tick_but_the_steal() -> None:
    busy, steal = parse_stat(STAT, 100)
    assert busy == pytest.approx((1000 + 50 + 200 + 0 + 20) / 100)
    assert steal == pytest.approx(0.40)


def test_others_are_the_machine_busy_time_less_this_process_cpu() -> None:
    before = Sample(busy_s=100.0, steal_s=1.0, own_cpu_s=10.0, wall_s=50.0)
    # 10 wall seconds: the machine busy 25 core-seconds, 18 of them this process's
    after = Sample(busy_s=125.0, steal_s=2.0, own_cpu_s=28.0, wall_s=60.0)
    load = between(before, after)
    assert load is not None
    assert load.others_cores == pytest.approx(0.7)
    assert load.steal_cores == pytest.approx(0.1)


def test_no_load_without_two_samples_or_a_wall_interval() -> None:
    now = Sample(1.0, 0.0, 1.0, 5.0)
    assert between(None, now) is None and between(now, None) is None
    assert between(now, now) is None


def test_a_machine_without_proc_stat_gives_no_sample(tmp_path: Path) -> None:
    assert sample(tmp_path / "missing") is None
    (tmp_path / "stat").write_text(STAT)
    taken = sample(tmp_path / "stat")
    assert taken is not None and taken.busy_s > 0
