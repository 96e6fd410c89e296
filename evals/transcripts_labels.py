"""Count the scraped doubled transcript labels left inside citable units (issue 17).

The Kremlin transcripts of the presidential press corpus write a speaker label twice, the
second time reversed and glued to the role (`President of Kazakhstan Kassym-Jomart Tokayev
Tokayev Kassym-JomartPresident of the Republic of Kazakhstan:`). The label is a turn boundary,
never spoken words, so no unit the answer can cite should hold it. This script finds the
doubled form with its own pattern (independent of the extractor's label rules, so a label the
extractor misses is still counted) and counts, over the articles that have one:

- `quotes`: extracted quotes (turns, quotations, reported statements) whose text holds it: a
  turn that ran past a label it missed, giving the next speaker's words to the previous one;
- `units`: the evidence units the app cites (`app.evidence`: a quote's own units and the
  article's narrative sentences; the article read as one chunk), by kind.

    python -m evals.transcripts_labels [--corpus PATH] [--id-prefix kremlin-] [--show 10]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from evals.transcripts import DEFAULT_CORPUS

# `Given Surname Surname Given` (one or two given names), then the glued role or a colon
DOUBLED = re.compile(
    r"\b(?P<given>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) (?P<surname>[A-Z][\w'’-]+) "
    r"(?P=surname) (?P=given)"
)


@dataclass(frozen=True)
class LabelCensus:
    """Doubled labels in the articles, and the quotes and units that still hold one."""

    articles: int
    labels: int
    quotes: int
    quotes_with_label: int
    units: dict[str, int]
    units_with_label: dict[str, int]
    examples: list[str]


def doubled_labels(text: str) -> list[tuple[int, int]]:
    """Spans of the doubled name of every scraped doubled label in `text`."""
    return [m.span() for m in DOUBLED.finditer(text)]


def census(articles: list[dict[str, str]], show: int = 10) -> LabelCensus:
    """Count doubled label text in the quotes and units of the articles that have some."""
    from app.evidence.units import quote_units, sentence_units
    from ingest.quotes import extract_quotes_many
    from ingest.types import Chunk

    with_labels = [a for a in articles if doubled_labels(a["text"])]
    quotes = extract_quotes_many([a["text"] for a in with_labels])
    units: Counter[str] = Counter()
    held: Counter[str] = Counter()
    examples: list[str] = []
    quotes_held = 0
    for article, found in zip(with_labels, quotes, strict=True):
        text = article["text"]
        chunk = Chunk(f"{article['id']}:0", article["id"], 0, text, 0, len(text), 1, 1)
        pairs = [(str(i), q) for i, q in enumerate(found)]
        quotes_held += sum(bool(doubled_labels(q.text)) for q in found)
        cited = [u for qid, q in pairs for u in quote_units(chunk, qid, q, str)]
        for unit in [*cited, *sentence_units(chunk, pairs, str)]:
            units[unit.kind] += 1
            if doubled_labels(unit.text):
                held[unit.kind] += 1
                if len(examples) < show:
                    examples.append(f"{article['id']} {unit.kind} {unit.text[:160]!r}")
    labels = sum(len(doubled_labels(a["text"])) for a in with_labels)
    total = sum(len(q) for q in quotes)
    return LabelCensus(
        len(with_labels), labels, total, quotes_held, dict(units), dict(held), examples
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--id-prefix", default="kremlin-")
    parser.add_argument("--show", type=int, default=10, help="units with label text shown")
    args = parser.parse_args(argv)
    with args.corpus.open(encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    articles = [a for a in articles if a["id"].startswith(args.id_prefix)]
    result = census(articles, args.show)
    print(
        f"{result.articles} articles with {result.labels} doubled labels; quotes holding one: "
        f"{result.quotes_with_label} of {result.quotes}"
    )
    for kind, count in sorted(result.units.items()):
        print(f"  {kind:<11} units holding one: {result.units_with_label.get(kind, 0)} of {count}")
    for line in result.examples:
        print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
