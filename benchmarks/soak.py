"""Soak: many simulated chat users through `gradio_client` for a bounded time.

Why: a shared desk runs for weeks; errors under concurrency and memory that grows per request
show up only under sustained load. Each user is its own `Client` (its own session and history)
and asks a mix of questions and follow-ups, clearing its chat now and then.

    python -m benchmarks.soak --url http://127.0.0.1:PORT --pid PID [--users 50] [--seconds 60]
    python -m benchmarks.soak --store DIR [--users 50] [--seconds 60]  # starts `quotedesk serve`
    python -m benchmarks.soak --api DIR [--users 50] [--seconds 60]    # QuoteDesk.ask in-process

Web users are spread over `--processes` client processes (default 4): one process's GIL
cannot drive 20-50 `gradio_client` sessions, and the soak would measure itself.

Prints requests, errors, p50/p95/p99 latency and the server's RSS at start and end (from
/proc/PID/status; psutil is not a dependency). Only 127.0.0.1 URLs are accepted.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

QUESTIONS = (
    "What did Lavrov say about the OSCE?",
    "What did Peskov say?",
    "Who is Sergei Lavrov?",
    "What did the US and NATO answer?",
    "What is the recipe for banana bread?",  # abstains
)
FOLLOW_UPS = ("And what did Peskov say about it?", "What else did he say?", "Who is he?")


@dataclass
class Tally:
    """Shared by the user threads; a lock keeps the counts exact."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.latencies.append(seconds)
            else:
                self.errors[error] += 1


def rss_mb(pid: int) -> float | None:
    """Resident set size of `pid` (and nothing else) in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class WebSession:
    """One browser-like chat session through the web API (its own Gradio session state)."""

    def __init__(self, url: str) -> None:
        from gradio_client import Client

        # ssl_verify=False: the soak only talks plain HTTP to 127.0.0.1, and with verification
        # on, gradio_client builds a fresh SSL context (loading every CA certificate) for each
        # request's event stream: 0.5 s of client CPU per question here, holding the GIL, which
        # capped a whole client process at 2-4 questions/s and was measured as server latency.
        self.client = Client(url, verbose=False, download_files=False, ssl_verify=False)

    def ask(self, question: str) -> bool:
        _box, chat, _sources, markdown = self.client.predict(question, api_name="/ask")
        return bool(chat and markdown)

    def clear(self) -> None:
        self.client.predict(api_name="/clear")


class ApiSession:
    """The same conversation through the Python API: one shared desk, a history per user."""

    def __init__(self, desk) -> None:
        self.desk = desk
        self.history: list = []

    def ask(self, question: str) -> bool:
        answer = self.desk.ask(question, self.history)
        self.history.append(answer)
        return bool(answer.answer)

    def clear(self) -> None:
        self.history.clear()


def user(connect, seed: int, deadline: float, tally: Tally) -> None:
    """One session: a question, maybe follow-ups, sometimes a cleared chat."""
    rng = random.Random(seed)
    try:
        session = connect()
    except Exception as exc:  # counted, never raised: the soak reports, it does not stop
        tally.add(0.0, f"connect: {type(exc).__name__}")
        return
    turns = 0
    while time.monotonic() < deadline:
        follow_up = turns > 0 and rng.random() < 0.4
        question = rng.choice(FOLLOW_UPS if follow_up else QUESTIONS)
        started = time.perf_counter()
        try:
            error = None if session.ask(question) else "empty answer"
        except Exception as exc:
            error = f"{type(exc).__name__}: {str(exc)[:80]}"
        tally.add(time.perf_counter() - started, error)
        turns += 1
        if rng.random() < 0.15 and time.monotonic() < deadline:
            try:
                session.clear()
                turns = 0
            except Exception as exc:
                tally.add(0.0, f"clear: {type(exc).__name__}")


def run_users(connect, seeds: list[int], deadline: float) -> tuple[list[float], Counter[str]]:
    """Users as threads of this process, one per seed; their latencies and errors."""
    tally = Tally()
    threads = [threading.Thread(target=user, args=(connect, s, deadline, tally)) for s in seeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 300)
    return tally.latencies, tally.errors


def _web_users(url: str, seeds: list[int], deadline: float) -> tuple[list[float], Counter[str]]:
    """`run_users` in a worker process (a module-level function, so it can be sent there)."""
    return run_users(lambda: WebSession(url), seeds, deadline)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of `pid` so far, from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def warm_up(connect) -> None:
    """Each kind of question once, from one session, before the clock starts."""
    session = connect()
    for question in (*QUESTIONS, *FOLLOW_UPS):
        session.ask(question)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def start_server(store: Path, port: int) -> subprocess.Popen:
    """`quotedesk serve` on 127.0.0.1, waited for (start-up loads the model: up to minutes)."""
    exe = str(Path(sys.executable).parent / "quotedesk")
    proc = subprocess.Popen(
        [exe, "--store", str(store), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"quotedesk serve exited with {proc.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/config", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("quotedesk serve did not start within 300 s")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    server = None
    if args.api:
        from app.api import QuoteDesk

        desk = QuoteDesk.open(args.api)
        url, pid = None, os.getpid()

        def connect():
            return ApiSession(desk)

    else:
        if args.store:
            server = start_server(args.store, args.port)
            url, pid = f"http://127.0.0.1:{args.port}/", server.pid
        else:
            url, pid = args.url, args.pid
            if urlparse(url).hostname not in {"127.0.0.1", "localhost"}:
                parser.error("only a server on 127.0.0.1 may be soaked")

        def connect():
            return WebSession(url)

    try:
        run = _soak(args, connect, url, pid)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    _print_soak(args, run)
    return 1 if sum(run.errors_seen.values()) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running server on 127.0.0.1")
    target.add_argument("--store", type=Path, help="start `quotedesk serve` on this store")
    target.add_argument("--api", type=Path, help="QuoteDesk.ask in this process, on this store")
    parser.add_argument("--pid", type=int, help="server process id, for RSS (with --url)")
    parser.add_argument("--port", type=int, default=7861, help="port for --store")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--processes",
        type=int,
        default=4,
        help="client processes the web users are spread over (the Python API uses threads)",
    )
    return parser


@dataclass
class SoakRun:
    """What one soak measured: answers' latencies, errors by kind, and the server's RSS and CPU
    (None when its process id is unknown)."""

    processes: int
    elapsed: float
    latencies: list[float]
    errors_seen: Counter[str]
    rss_launch: float | None
    rss_start: float | None
    rss_end: float | None
    cpu_seconds: float | None


def _soak(
    args: argparse.Namespace, connect: Callable[[], Any], url: str | None, pid: int | None
) -> SoakRun:
    """Warm up, then run the users until the deadline, in this process or spread over several."""
    rss_launch = rss_mb(pid) if pid else None
    warm_up(connect)  # first answers load models and caches: not growth, so not counted
    rss_start = rss_mb(pid) if pid else None
    seeds = [args.seed * 1000 + i for i in range(args.users)]
    cpu_start = cpu_seconds(pid) if pid else None
    began = time.monotonic()
    deadline = began + args.seconds
    latencies: list[float] = []
    errors_seen: Counter[str] = Counter()
    processes = 1 if args.api else max(1, min(args.processes, args.users))
    if processes == 1:
        latencies, errors_seen = run_users(connect, seeds, deadline)
    else:  # one Python process's GIL cannot drive many clients: spread the users
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            parts = [(url, seeds[i::processes], deadline) for i in range(processes)]
            for part_latencies, part_errors in pool.starmap(_web_users, parts):
                latencies += part_latencies
                errors_seen += part_errors
    elapsed = time.monotonic() - began
    cpu_end = cpu_seconds(pid) if pid else None
    used = cpu_end - cpu_start if cpu_start is not None and cpu_end is not None else None
    rss_end = rss_mb(pid) if pid else None
    return SoakRun(processes, elapsed, latencies, errors_seen, rss_launch, rss_start, rss_end, used)


def _print_soak(args: argparse.Namespace, run: SoakRun) -> None:
    ok, elapsed = len(run.latencies), run.elapsed
    errors = sum(run.errors_seen.values())
    mode = (
        "Python API" if args.api else f"web API (gradio_client, {run.processes} client processes)"
    )
    print(
        f"{mode}: users {args.users}, {elapsed:.0f} s (for {args.seconds:g} s), "
        f"{os.cpu_count()} cores"
    )
    print(f"requests {ok + errors}, errors {errors}, {ok / elapsed:.2f} answers/s")
    print(
        "latency s: p50 {:.2f}  p95 {:.2f}  p99 {:.2f}  max {:.2f}".format(
            *(percentile(run.latencies, s) for s in (0.5, 0.95, 0.99, 1.0))
        )
    )
    if run.rss_start and run.rss_end:
        growth = 100 * (run.rss_end - run.rss_start) / run.rss_start
        print(
            f"RSS MB: launch {run.rss_launch:.0f}, start (after warm-up) {run.rss_start:.0f}, "
            f"end {run.rss_end:.0f} ({growth:+.1f}% over the run)"
        )
    else:
        print("server RSS: unknown (pass --pid with --url)")
    if run.cpu_seconds is not None:
        busy = run.cpu_seconds / elapsed
        print(f"server CPU: {run.cpu_seconds:.1f} s over the run ({busy:.2f} cores busy)")
    for error, count in run.errors_seen.most_common(5):
        print(f"  {count} x {error}")


if __name__ == "__main__":
    sys.exit(main())
