"""Time the speaker picker's search per keystroke over many speakers (made-up names).

    python -m benchmarks.picker_search [--speakers 10000]

Compares a plain scan over every speaker (what the picker did first) with `SpeakerFinder`
(a sorted word list, built once per store change). Prints milliseconds per search.
"""

from __future__ import annotations

import argparse
import statistics
import time

from app.speaker_index import SpeakerInfo
from app.speakers_view import SpeakerFinder, _fold, _search_words

TYPED = ["s", "sur", "surname99", "chief exec", "person9999", "nobody"]


def speakers(n: int) -> list[SpeakerInfo]:
    return [
        SpeakerInfo(
            f"Person{i} Surname{i % 997}",
            1000 - i % 1000,
            1,
            "chief executive of Firm",
            (f"Surname{i % 997}", f"Mr Surname{i % 997}"),
        )
        for i in range(n)
    ]


def scan(infos: list[SpeakerInfo], typed: str, limit: int) -> list[SpeakerInfo]:
    """The first version: fold every speaker's words on every keystroke."""
    wanted = _fold(typed)
    found = [
        i for i in infos if all(any(w.startswith(p) for w in _search_words(i)) for p in wanted)
    ]
    return sorted(found, key=lambda i: -i.quotes)[:limit]


def timed(fn, *args) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        fn(*args)
        runs.append((time.perf_counter() - started) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speakers", type=int, default=10_000)
    args = parser.parse_args()
    infos = speakers(args.speakers)
    started = time.perf_counter()
    finder = SpeakerFinder(infos)
    built = (time.perf_counter() - started) * 1000
    print(f"{args.speakers:,} speakers; finder built in {built:.0f} ms")
    print(f"{'typed':<12} {'scan ms':>9} {'finder ms':>10}")
    for typed in TYPED:
        scanned, found = timed(scan, infos, typed, 50), timed(finder.search, typed, 50)
        print(f"{typed:<12} {scanned:9.1f} {found:10.1f}")


if __name__ == "__main__":
    main()
