"""What the rest of the machine did while a benchmark phase ran: other processes' CPU and the
hypervisor's steal, from the kernel's counters (Linux `/proc/stat`).

On the shared 2-core machine the same model pass over the same chunks took 320 to 360 CPU
seconds from one run to the next (the floor of `bench_ingest`; docs/notes/perf26.md, perf28.md):
identical work costs more CPU when other processes share the cores and caches. A round whose
ingest or floor ran beside other work says so here, instead of showing only as a ratio that
moved.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

PROC_STAT = Path("/proc/stat")


class Sample(NamedTuple):
    """The machine's counters and this process's CPU at one moment."""

    busy_s: float  # every core's non-idle seconds since boot, steal excluded
    steal_s: float  # seconds the hypervisor ran something else on this machine's cores
    own_cpu_s: float  # this process's CPU seconds (every thread's)
    wall_s: float  # a monotonic clock


class Load(NamedTuple):
    """Cores used, on average over a phase, by other processes and by the hypervisor's steal."""

    others_cores: float
    steal_cores: float


def parse_stat(text: str, ticks_per_s: float) -> tuple[float, float]:
    """(busy, steal) seconds from `/proc/stat`'s first line: user, nice, system, idle,
    iowait, irq, softirq, steal (guest time is inside user already)."""
    fields = [int(v) for v in text.split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields + [0] * (8 - len(fields))
    return (user + nice + system + irq + softirq) / ticks_per_s, steal / ticks_per_s


def sample(stat: Path = PROC_STAT) -> Sample | None:
    """Now, or None where the kernel gives no `/proc/stat` (not Linux)."""
    try:
        text = stat.read_text()
    except OSError:
        return None
    busy, steal = parse_stat(text, os.sysconf("SC_CLK_TCK"))
    return Sample(busy, steal, time.process_time(), time.perf_counter())


def between(before: Sample | None, after: Sample | None) -> Load | None:
    """Other processes' cores (the machine's busy time less this process's CPU) and the
    steal's, each per wall second between two samples."""
    if before is None or after is None or after.wall_s <= before.wall_s:
        return None
    wall = after.wall_s - before.wall_s
    own = after.own_cpu_s - before.own_cpu_s
    others = max(0.0, (after.busy_s - before.busy_s) - own)
    return Load(others / wall, (after.steal_s - before.steal_s) / wall)
