"""How many of the asked person's quotations fit a question's topic, and hit@1 by that count.

A generated speaker question takes its topic from the article around one quotation ("What does
the President think about Ukraine?"), and its gold is that one quotation. When the topic is a
word the person says in hundreds of quotations, any of them answers the user but only one
counts as evidence, so strict hit@1 cannot tell a wrong answer from another right one. This
counts, for each speaker question of an eval run, the asked person's candidate units that hold
every term of the topic (`unit_cover` 1.0), and prints strict hit@1 per bucket of that count:

    python -m evals.specificity --dataset evals/generated/press-dev.jsonl --store STORE \
        --results evals/out/press-dev/results.json

A client of `app.api` only; reads the `results.json` that `python -m evals` writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, NamedTuple

BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("0-1 quotations fit", 0, 1),
    ("2-4", 2, 4),
    ("5-9", 5, 9),
    ("10 or more", 10, 10**9),
)
SPEAKER_KINDS = ("speaker_topic", "followup")


class Row(NamedTuple):
    """One speaker question: how many of the asked person's candidates fit its whole topic."""

    question_id: str
    fitting: int
    hit: bool


def fitting_quotations(desk: Any, row: dict[str, Any]) -> int:
    """The asked person's candidate units that hold every term of the topic."""
    from app.evidence.features import FEATURES

    cover = FEATURES.index("unit_cover")
    history = []
    for turn in row.get("context") or []:
        history.append(desk.ask(turn, history, mode="quotes"))
    evidence = desk.evidence(row["question"], history)
    if not evidence.speaker:
        return 0
    return sum(
        1
        for c in evidence.candidates
        if c.unit.speaker == evidence.speaker and c.features[cover] >= 0.999
    )


def by_bucket(rows: list[Row]) -> list[tuple[str, int, float | None]]:
    """(bucket, questions, strict hit@1) for each bucket of `BUCKETS`."""
    grouped: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        for label, low, high in BUCKETS:
            if low <= row.fitting <= high:
                grouped[label].append(row.hit)
    return [
        (
            label,
            len(grouped[label]),
            sum(grouped[label]) / len(grouped[label]) if grouped[label] else None,
        )
        for label, _, _ in BUCKETS
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--results", type=Path, required=True, help="results.json of an eval run")
    args = parser.parse_args(argv)

    from app.api import QuoteDesk

    results = json.loads(args.results.read_text(encoding="utf-8"))
    hits = {
        r["id"]: bool(r["flags"].get("hit1_strict"))
        for r in results["questions"]
        if r.get("system", "quotedesk") == "quotedesk" and r["kind"] in SPEAKER_KINDS
    }
    dataset = [json.loads(line) for line in args.dataset.read_text(encoding="utf-8").splitlines()]
    desk = QuoteDesk.open(args.store)
    rows = [
        Row(item["id"], fitting_quotations(desk, item), hits[item["id"]])
        for item in dataset
        if item["id"] in hits
    ]
    print(f"{args.results}: {len(rows)} speaker questions")
    print("| asked person's quotations that hold the whole topic | questions | strict hit@1 |")
    print("|---|---:|---:|")
    for label, count, rate in by_bucket(rows):
        print(f"| {label} | {count} | {'-' if rate is None else f'{rate:.3f}'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
