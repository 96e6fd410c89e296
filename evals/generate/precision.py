"""How precise the generator's own attribution patterns are, on gold they were not built from.

    python -m evals.generate.precision [--polnear ../shared/corpus/polnear]

The BBC and press questions take their gold from `statements.find_statements`, so a wrong
speaker there is a wrong label. This runs those patterns on the PolNeAR dev articles (US
political news, annotated by hand) and compares each statement with the primary annotator's
attributions: the statement's words must lie at least half inside a gold content span, and its
speaker must match the gold source (`evals.attribution.speaker_ok`: same head word). Gold
sources that are pronouns or common nouns ('he', 'officials') cannot confirm a name; those
statements are counted apart. Recall is not the point (the patterns skip doubtful quotes on
purpose) but is printed for completeness.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from evals.attribution import DEFAULT_CORPUS, load_articles, speaker_ok
from evals.generate.corpora import Article
from evals.generate.statements import Statement, find_statements

MIN_INSIDE = 0.5


class GoldAttribution(NamedTuple):
    spans: tuple[tuple[int, int], ...]
    source: str | None


class RuleScore(NamedTuple):
    """Counts for one rule (or all): found, inside gold content, speaker checkable, right."""

    found: int
    inside: int
    checkable: int
    right: int


def _named(source: str | None) -> bool:
    """A gold source that names someone: has a capitalised word that is not sentence-initial
    filler ('He', 'The')."""
    if not source:
        return False
    words = [w for w in source.split() if w[:1].isupper()]
    return any(w.lower() not in ("he", "she", "they", "the", "it", "we", "i") for w in words)


def gold_attributions(corpus_dir: Path) -> dict[str, list[GoldAttribution]]:
    """doc -> the primary annotator's attributions with content (quoted or not)."""
    out: dict[str, list[GoldAttribution]] = {}
    with open(corpus_dir / "gold_attributions_dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec["primary"] or "content" not in rec:
                continue
            source = rec.get("source", {}).get("text")
            spans = tuple(tuple(s) for s in rec["content"]["spans"])
            out.setdefault(rec["doc"], []).append(GoldAttribution(spans, source))
    return out


def _inside(statement: Statement, gold: GoldAttribution) -> float:
    """Share of the statement's characters that lie inside the gold content spans."""
    total = sum(s.end - s.start for s in statement.spans) or 1
    covered = sum(
        max(0, min(s.end, e) - max(s.start, b)) for s in statement.spans for b, e in gold.spans
    )
    return covered / total


def score(corpus_dir: Path) -> dict[str, RuleScore]:
    """Per rule and 'all': how many statements the patterns find and how many are right."""
    texts = load_articles(corpus_dir, "dev")
    gold = gold_attributions(corpus_dir)
    counts: dict[str, Counter] = {}
    for doc, text in sorted(texts.items()):
        article = Article(id=doc, title="", text=text, source="", url=None, record={})
        for statement in find_statements(article):
            best = max(gold.get(doc, []), key=lambda g: _inside(statement, g), default=None)
            for key in (statement.rule, "all"):
                c = counts.setdefault(key, Counter())
                c["found"] += 1
                if best is None or _inside(statement, best) < MIN_INSIDE:
                    continue
                c["inside"] += 1
                if _named(best.source):
                    c["checkable"] += 1
                    c["right"] += speaker_ok(statement.speaker, best.source)
    return {
        k: RuleScore(c["found"], c["inside"], c["checkable"], c["right"]) for k, c in counts.items()
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--polnear", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    if not (args.polnear / "gold_attributions_dev.jsonl").exists():
        print(f"no PolNeAR dev gold under {args.polnear}", file=sys.stderr)
        return 1
    print("| rule | statements | inside gold content | speaker checkable | speaker right |")
    print("|---|---:|---:|---:|---:|")
    for rule, s in sorted(score(args.polnear).items(), key=lambda kv: kv[0] == "all"):
        share = f"{s.right / s.checkable:.3f}" if s.checkable else "n/a"
        inside = f"{s.inside / s.found:.3f}" if s.found else "n/a"
        print(
            f"| {rule} | {s.found} | {s.inside} ({inside}) | {s.checkable} | {s.right} ({share}) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
