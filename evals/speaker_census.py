"""Count what extraction finds in a corpus: quotes by kind, and speakers that are offices or
fragments rather than people (`President`, `President of Russia`, `Federation Vladimir Putin`).

No gold is needed, so it runs on any JSONL corpus; run it on two versions of the extractor to see
what a change does to a whole corpus (the transcripts notes compare main and this branch).

    python -m evals.speaker_census PATH [--id-prefix kremlin-] [--limit N] [--top 10]
        [--phrase "the President" ...]   # whom each phrase, as written, was resolved to
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ingest.quotes import extract_quotes_many
from ingest.quoting.lexicon import ORG_HEADS, ROLE_WORDS


@dataclass(frozen=True)
class Census:
    """Quotes by kind and the office-like speakers, with how often each occurs."""

    articles: int
    kinds: dict[str, int]
    office_speakers: list[tuple[str, int]]
    office_quotes: int
    resolved: list[tuple[str, int]]  # speakers of the quotes whose speaker phrase is asked for


def office_like(speaker: str) -> bool:
    """A speaker whose first word is an office, organisation or place word (`President`,
    `Federation Vladimir Putin`), so it names no person the way the article does."""
    first = speaker.split()[0].lower()
    return first in ROLE_WORDS | ORG_HEADS


def census(texts: list[str], top: int, phrases: frozenset[str] = frozenset()) -> Census:
    """Extract every text once and count; `phrases` are speaker phrases as written (compared
    without case) whose resolved speakers are counted too."""
    kinds: Counter[str] = Counter()
    offices: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    for quotes in extract_quotes_many(texts):
        for q in quotes:
            kinds[q.kind] += 1
            if q.speaker and office_like(q.speaker):
                offices[q.speaker] += 1
            if (q.speaker_as_written or "").lower() in phrases:
                resolved[q.speaker or "(none)"] += 1
    return Census(
        len(texts),
        dict(kinds),
        offices.most_common(top),
        sum(offices.values()),
        resolved.most_common(top),
    )


def load(path: Path, prefix: str, limit: int | None) -> list[str]:
    """Texts of the records whose id starts with `prefix`, at most `limit` of them."""
    texts = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"].startswith(prefix):
                texts.append(record["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--id-prefix", default="")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--phrase", action="append", default=[], help="speaker phrase as written")
    args = parser.parse_args(argv)
    try:
        texts = load(args.path, args.id_prefix, args.limit)
    except (OSError, ValueError, KeyError) as exc:
        print(f"speaker_census: cannot read {args.path}: {exc}", file=sys.stderr)
        return 1
    result = census(texts, args.top, frozenset(p.lower() for p in args.phrase))
    print(f"{result.articles} articles; quotes by kind: {result.kinds}")
    print(f"office-like speakers: {result.office_quotes} quotes")
    for speaker, n in result.office_speakers:
        print(f"  {n:>5}  {speaker}")
    if args.phrase:
        print(f"speakers of {', '.join(args.phrase)}:")
        for speaker, n in result.resolved:
            print(f"  {n:>5}  {speaker}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
