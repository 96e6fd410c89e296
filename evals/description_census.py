"""Count quotes whose speaker is a lower-case description (`company`, `striker`): a phrase
such as "the company said" kept as the speaker instead of the organisation or person the
article names (issue 17). The descriptions that extraction can resolve are resolved; those
left are ambiguous or were never descriptions of anyone.

With `--dump PATH` every attributed quote is written as one JSON line (article id, start,
speaker, as written), so two versions of the extractor can be compared quote by quote
(`--compare OLD NEW` prints the quotes whose speaker changed, for checking by hand).

    python -m evals.description_census evals/generated/bbc-articles.jsonl [--top 15]
        [--dump before.jsonl]
    python -m evals.description_census --compare before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ingest.quotes import extract_quotes_many


def lower_case(speaker: str | None) -> bool:
    """A speaker that starts with a lower-case letter names no one by name."""
    return bool(speaker) and speaker[:1].islower()


def _records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def census(records: list[dict[str, str]], top: int, dump: Path | None) -> None:
    """Extract every article once; print the lower-case speakers, most frequent first."""
    quotes = extract_quotes_many([r["text"] for r in records])
    counts: Counter[str] = Counter()
    total = 0
    out = []
    for record, found in zip(records, quotes, strict=True):
        for q in found:
            total += 1
            if lower_case(q.speaker):
                counts[q.speaker or ""] += 1
            out.append(
                {
                    "id": record["id"],
                    "start": q.start,
                    "speaker": q.speaker,
                    "np": q.speaker_as_written,
                }
            )
    print(f"{len(records)} articles, {total} quotes, lower-case speakers {sum(counts.values())}")
    for speaker, n in counts.most_common(top):
        print(f"  {n:>5}  {speaker}")
    if dump:
        dump.write_text("".join(json.dumps(o) + "\n" for o in out), encoding="utf-8")


def compare(old: Path, new: Path) -> None:
    """Print the quotes (same article and start) whose speaker changed."""
    before = {(o["id"], o["start"]): o for o in _records(old)}
    for o in _records(new):
        b = before.get((o["id"], o["start"]))
        if b and b["speaker"] != o["speaker"]:
            print(json.dumps([o["id"], o["start"], o["np"], b["speaker"], o["speaker"]]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2)
    args = parser.parse_args(argv)
    if args.compare:
        compare(*args.compare)
        return 0
    if args.path is None:
        parser.error("a corpus path, or --compare OLD NEW")
    census(_records(args.path), args.top, args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
