"""PolNeAR attribution errors by the rule that produced the prediction, and by kind, each in
context: where the rules still fail, and which rule to fix or drop next.

The scorer (`evals/attribution.py`) says how often extraction is right; this says how it is
wrong, with the same gold, units and alignment. Each unmatched gold attribution, unmatched
prediction and wrong speaker gets one kind:

- `missed_none`: gold that no prediction overlaps; `missed_overlap_*`: gold that a prediction
  overlaps too little (`G1` gold merges several of our pieces, `G2`/`G3` our reported statement
  starts too early / ends too late, `G2b` both, `G3b` it is narrower, `G4` our direct quote lies
  inside the gold clause, `G5` it is wider);
- `spurious_none_*`: predictions overlapping no gold; `spurious_overlap_*`: predictions that
  overlap gold too little (`S1` gold spans several of our units, `S2` inside the gold, `S3`
  contains it, `S4` crosses it);
- `speaker_none` / `speaker_wrong`: matched quotes whose speaker is missing or another (gold
  pronoun sources excluded, as in the scorer's headline variant).

    python -m evals.attribution_errors [--split train] [--out errors.txt] [--per-kind 40]

prints, per extraction rule (`Quote.rule` of the unit's first quote, with the unit's kind),
the units it produced, how many matched gold (and their precision), how many were spurious,
how many overlapped gold too little, and how many matched with a wrong or missing speaker;
then the counts per kind; and writes a sample of each kind (GOLD or PRED span in [[ ]] with
its context) to `--out`, plus every error on one line to `--out` + `.all`, for diffing runs.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from evals.attribution import (
    DEFAULT_CORPUS,
    PRONOUNS,
    Gold,
    Unit,
    align,
    char_set,
    jaccard,
    load_articles,
    load_gold,
    prediction_units,
    speaker_ok,
)
from ingest.quotes import extract_quotes_many


def _context(text: str, start: int, end: int, width: int = 150) -> str:
    window = text[max(0, start - width) : start] + "[[" + text[start:end] + "]]"
    return (window + text[end : end + width]).replace("\n", " / ")


def _bounds(chars: set[int]) -> tuple[int, int]:
    return min(chars), max(chars)


def _missed_kind(preds: list[Unit], pred_chars: list[set[int]], gold: set[int]) -> str:
    """Why a gold attribution found no match: which prediction overlaps it best, and how."""
    overlaps = [i for i, chars in enumerate(pred_chars) if chars & gold]
    if not overlaps:
        return "missed_none"
    best = max(overlaps, key=lambda i: jaccard(pred_chars[i], gold))
    unit, chars = preds[best], pred_chars[best]
    (gs, ge), (ps, pe) = _bounds(gold), _bounds(chars)
    pieces_inside = [i for i in overlaps if preds[i].kind == "direct" and pred_chars[i] <= gold]
    if len(pieces_inside) >= 2:
        how = "G1_gold_merges_pieces"
    elif unit.kind == "indirect" and ps < gs - 3 and pe > ge + 3:
        how = "G2b_indirect_both_wider"
    elif unit.kind == "indirect" and ps < gs - 3:
        how = "G2_indirect_starts_early"
    elif unit.kind == "indirect" and pe > ge + 3:
        how = "G3_indirect_ends_late"
    elif unit.kind == "indirect":
        how = "G3b_indirect_narrower"
    elif chars <= gold:
        how = "G4_direct_inside_gold"
    else:
        how = "G5_direct_wider"
    return f"missed_overlap_{how}"


def _spurious_kind(
    i: int, preds: list[Unit], pred_chars: list[set[int]], gold_chars: list[set[int]]
) -> str:
    """Why a prediction found no gold: the gold it overlaps best, and how."""
    unit, chars = preds[i], pred_chars[i]
    overlapping = [j for j, gold in enumerate(gold_chars) if gold & chars]
    if not overlapping:
        return f"spurious_none_{unit.kind}"
    j = max(overlapping, key=lambda j: jaccard(chars, gold_chars[j]))
    others = [k for k, c in enumerate(pred_chars) if k != i and c & gold_chars[j]]
    if chars <= gold_chars[j] and any(preds[k].kind == "direct" for k in others):
        how = "S1_gold_spans_several_units"
    elif chars <= gold_chars[j]:
        how = "S2_inside_gold"
    elif gold_chars[j] <= chars:
        how = "S3_contains_gold"
    else:
        how = "S4_crosses"
    return f"spurious_overlap_{unit.kind}_{how}"


@dataclass
class RuleTally:
    """What the units one rule produced came to: matched (with the right speaker or not),
    spurious, and gold they overlapped too little to match."""

    units: int = 0
    matched: int = 0
    speaker_errors: int = 0
    spurious: int = 0
    partial: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.units if self.units else 0.0


class ErrorReport(NamedTuple):
    """Errors by kind (one line each, in context) and the tally of every extraction rule."""

    errors: dict[str, list[str]]
    rules: dict[str, RuleTally]


def list_errors(corpus_dir: Path, split: str) -> ErrorReport:
    """Every error by kind (document, rule, source/speaker and the span in context), and per
    rule of the prediction that made it."""
    texts = load_articles(corpus_dir, split)
    by_doc: dict[str, list[Gold]] = defaultdict(list)
    for g in load_gold(corpus_dir, split, "quoted"):
        by_doc[g.doc].append(g)
    quotes = dict(zip(texts, extract_quotes_many(list(texts.values())), strict=True))
    errors: dict[str, list[str]] = defaultdict(list)
    rules: dict[str, RuleTally] = defaultdict(RuleTally)
    for doc, text in texts.items():
        preds = prediction_units(doc, text, quotes[doc], "quoted")
        _errors_in(doc, text, preds, by_doc.get(doc, []), errors, rules)
    return ErrorReport(errors, rules)


def _errors_in(
    doc: str,
    text: str,
    preds: list[Unit],
    golds: list[Gold],
    errors: dict[str, list[str]],
    rules: dict[str, RuleTally],
) -> None:
    """Add one document's errors to `errors` and its units to the tally of their rules."""
    pairs = align(text, preds, golds)
    pred_chars = [char_set(text, p.spans) for p in preds]
    gold_chars = [char_set(text, g.spans) for g in golds]
    matched_pred = {i for i, _, _ in pairs}
    matched_gold = {j: i for i, j, _ in pairs}
    for unit in preds:
        rules[_rule(unit)].units += 1
    for j, g in enumerate(golds):
        start, end = _bounds(gold_chars[j]) if gold_chars[j] else (0, 0)
        if j not in matched_gold:
            kind = _missed_kind(preds, pred_chars, gold_chars[j])
            best = _best_overlap(pred_chars, gold_chars[j])
            rule = _rule(preds[best]) if best is not None else "no_prediction"
            if best is not None:
                rules[rule].partial += 1
            errors[kind].append(
                f"{doc} rule={rule} src={g.source!r} {_context(text, start, end + 1)}"
            )
            continue
        unit = preds[matched_gold[j]]
        rules[_rule(unit)].matched += 1
        if (
            g.source
            and g.source.strip().lower() not in PRONOUNS
            and not speaker_ok(unit.speaker, g.source)
        ):
            rules[_rule(unit)].speaker_errors += 1
            kind = "speaker_wrong" if unit.speaker else "speaker_none"
            errors[kind].append(
                f"{doc} rule={_rule(unit)} gold={g.source!r} pred={unit.speaker!r} "
                f"{_context(text, start, end + 1)}"
            )
    for i, unit in enumerate(preds):
        if i not in matched_pred and pred_chars[i]:
            rules[_rule(unit)].spurious += 1
            kind = _spurious_kind(i, preds, pred_chars, gold_chars)
            start, end = _bounds(pred_chars[i])
            errors[kind].append(
                f"{doc} rule={_rule(unit)} spk={unit.speaker!r} {_context(text, start, end + 1)}"
            )


def _rule(unit: Unit) -> str:
    return f"{unit.kind}:{unit.rule or 'none'}"


def _best_overlap(pred_chars: list[set[int]], gold: set[int]) -> int | None:
    overlaps = [i for i, chars in enumerate(pred_chars) if chars & gold]
    return max(overlaps, key=lambda i: jaccard(pred_chars[i], gold)) if overlaps else None


def format_rules(rules: dict[str, RuleTally]) -> str:
    """One line per rule, most errors first: the rule to fix or drop next is on top."""
    head = f"{'rule (unit kind:rule)':<44}{'units':>6}{'match':>6}{'P':>7}"
    head += f"{'spur':>6}{'part':>6}{'spk':>5}"
    lines = [head, "-" * len(head)]
    order = sorted(rules.items(), key=lambda kv: -(kv[1].spurious + kv[1].speaker_errors))
    for name, t in order:
        lines.append(
            f"{name:<44}{t.units:>6}{t.matched:>6}{t.precision:>7.3f}{t.spurious:>6}"
            f"{t.partial:>6}{t.speaker_errors:>5}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS))
    parser.add_argument("--split", default="train", choices=["dev", "train"])
    parser.add_argument("--out", help="write a sample of each kind here, every error to OUT.all")
    parser.add_argument("--per-kind", type=int, default=40)
    args = parser.parse_args(argv)
    errors, rules = list_errors(Path(args.corpus_dir), args.split)
    print(format_rules(rules))
    print()
    counts = Counter({kind: len(lines) for kind, lines in errors.items()})
    for kind, n in counts.most_common():
        print(f"{n:>6}  {kind}")
    if args.out:
        rng = random.Random(0)
        with open(args.out, "w", encoding="utf-8") as fh:
            for kind, n in counts.most_common():
                fh.write(f"\n===== {kind}: {n}\n")
                for line in rng.sample(errors[kind], min(n, args.per_kind)):
                    fh.write(line + "\n")
        with open(args.out + ".all", "w", encoding="utf-8") as fh:
            for kind in sorted(errors):
                fh.writelines(f"{kind} | {line}\n" for line in errors[kind])
    return 0


if __name__ == "__main__":
    sys.exit(main())
