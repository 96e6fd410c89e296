"""Which answers changed between two eval runs of the same questions, counted by what changed,
never printed: a test split may be compared without reading its items.

Each quotedesk answer that differs is counted under its kind, whether the question is
answerable, its declined flag and strict hit@1 before and after, and whether the new answer is
the who-said decline ("No quotation in the articles says that; ..."). Reads the `results.json`
that `python -m evals` writes:

    python -m evals.answer_changes BEFORE/results.json AFTER/results.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

# The who-said decline's opening (`app.said_it.NOBODY_SAID`), as the answer text carries it.
NOBODY_SAID_OPENING = "No quotation in the articles says that"


class Change(NamedTuple):
    """How one answer changed, with nothing of the question's text."""

    kind: str
    answerable: bool
    declined: str  # "False->True"
    hit1: str  # "None->None" for a question with no gold passage
    nobody_said: bool  # the new answer is the who-said decline


def _answers(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = results["questions"]
    return {r["id"]: r for r in rows if r.get("system", "quotedesk") == "quotedesk"}


def changes(before: dict[str, Any], after: dict[str, Any]) -> Counter[Change]:
    """The answers that differ, counted by `Change` (questions in only one run are skipped)."""
    old, new = _answers(before), _answers(after)
    found: Counter[Change] = Counter()
    for qid in old.keys() & new.keys():
        was, now = old[qid], new[qid]
        if was["answer"] == now["answer"]:
            continue
        found[
            Change(
                was["kind"],
                bool(was["flags"].get("answerable")),
                f"{was['abstained']}->{now['abstained']}",
                f"{was['flags'].get('hit1_strict')}->{now['flags'].get('hit1_strict')}",
                now["answer"].startswith(NOBODY_SAID_OPENING),
            )
        ] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    try:
        runs = [json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after)]
        found = changes(*runs)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot compare {args.before} and {args.after}: {exc}", file=sys.stderr)
        return 1
    print(f"{sum(found.values())} answers differ")
    print("| kind | answerable | declined | strict hit@1 | who-said decline | answers |")
    print("|---|---|---|---|---|---:|")
    for change, n in sorted(found.items(), key=lambda item: (-item[1], item[0])):
        print(f"| {' | '.join(str(v) for v in change)} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
