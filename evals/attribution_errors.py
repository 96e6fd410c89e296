"""PolNeAR attribution errors by kind, with each one in context: where the rules still fail.

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

prints the counts per kind and writes a sample of each kind (GOLD or PRED span in [[ ]] with
its context) to `--out`, plus every error on one line to `--out` + `.all`, for diffing runs.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

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


def list_errors(corpus_dir: Path, split: str) -> dict[str, list[str]]:
    """kind -> one line per error (document, source/speaker and the span in context)."""
    texts = load_articles(corpus_dir, split)
    by_doc: dict[str, list[Gold]] = defaultdict(list)
    for g in load_gold(corpus_dir, split, "quoted"):
        by_doc[g.doc].append(g)
    quotes = dict(zip(texts, extract_quotes_many(list(texts.values())), strict=True))
    errors: dict[str, list[str]] = defaultdict(list)
    for doc, text in texts.items():
        preds = prediction_units(doc, text, quotes[doc], "quoted")
        golds = by_doc.get(doc, [])
        pairs = align(text, preds, golds)
        pred_chars = [char_set(text, p.spans) for p in preds]
        gold_chars = [char_set(text, g.spans) for g in golds]
        matched_pred = {i for i, _, _ in pairs}
        matched_gold = {j: i for i, j, _ in pairs}
        for j, g in enumerate(golds):
            start, end = _bounds(gold_chars[j]) if gold_chars[j] else (0, 0)
            if j not in matched_gold:
                kind = _missed_kind(preds, pred_chars, gold_chars[j])
                errors[kind].append(f"{doc} src={g.source!r} {_context(text, start, end + 1)}")
            elif g.source and g.source.strip().lower() not in PRONOUNS:
                unit = preds[matched_gold[j]]
                if not speaker_ok(unit.speaker, g.source):
                    kind = "speaker_wrong" if unit.speaker else "speaker_none"
                    errors[kind].append(
                        f"{doc} gold={g.source!r} pred={unit.speaker!r} "
                        f"{_context(text, start, end + 1)}"
                    )
        for i, unit in enumerate(preds):
            if i not in matched_pred and pred_chars[i]:
                kind = _spurious_kind(i, preds, pred_chars, gold_chars)
                start, end = _bounds(pred_chars[i])
                errors[kind].append(f"{doc} spk={unit.speaker!r} {_context(text, start, end + 1)}")
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS))
    parser.add_argument("--split", default="train", choices=["dev", "train"])
    parser.add_argument("--out", help="write a sample of each kind here, every error to OUT.all")
    parser.add_argument("--per-kind", type=int, default=40)
    args = parser.parse_args(argv)
    errors = list_errors(Path(args.corpus_dir), args.split)
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
