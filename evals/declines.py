"""How often an eval run told a user, wrongly, that the asked person never spoke on the topic.

`false abstention` in the eval report counts every decline of an answerable question. This
counts the one decline issue 17 is about: "The articles quote X, but not on Y." on a question
whose answer the articles hold (kind not `unanswerable`), next to the run's share of citations
by the asked speaker, so before/after runs can be compared in one table:

    python -m evals.declines evals/out/bbc-dev/results.json [MORE/results.json ...] [--show 5]

Reads the `results.json` that `python -m evals` writes; prints one row per file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

# The speaker-family decline of `app.answer.declines.decline`.
NOT_ON_TOPIC = re.compile(r"^The articles quote .+?, but not on\b")


class Declines(NamedTuple):
    """One run's declines of answerable questions."""

    answerable: int
    declined: int
    not_on_topic: int
    speaker_share: float | None  # citations by the asked speaker, from the run's summary
    examples: list[str]


def count(results: dict[str, Any], show: int = 0) -> Declines:
    rows = [r for r in results["questions"] if r.get("system", "quotedesk") == "quotedesk"]
    answerable = [r for r in rows if r["kind"] != "unanswerable"]
    declined = [r for r in answerable if r["abstained"]]
    wrong = [r for r in declined if NOT_ON_TOPIC.match(r["answer"])]
    summary = results.get("summary", {})
    share = (summary.get("quotedesk") or summary).get("cit_speaker_share")
    examples = [f"{r['id']}: {r['question']} -> {r['answer'][:140]}" for r in wrong[:show]]
    return Declines(len(answerable), len(declined), len(wrong), share, examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("results", type=Path, nargs="+")
    parser.add_argument("--show", type=int, default=0, help="list N wrong declines per file")
    args = parser.parse_args(argv)
    print("| run | answerable | declined | 'not on this topic' | rate | by asked speaker |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = 0
    for path in args.results:
        try:
            found = count(json.loads(path.read_text(encoding="utf-8")), args.show)
        except (OSError, ValueError, KeyError) as exc:
            print(f"{path}: cannot read ({exc})", file=sys.stderr)
            failed += 1
            continue
        rate = found.not_on_topic / found.answerable if found.answerable else 0.0
        share = "n/a" if found.speaker_share is None else f"{found.speaker_share:.3f}"
        print(
            f"| {path.parent.parent.name}/{path.parent.name} | {found.answerable} | "
            f"{found.declined} | {found.not_on_topic} | {rate:.3f} | {share} |"
        )
        for example in found.examples:
            print(f"    {example}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
