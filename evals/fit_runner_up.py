"""Fit, per question family, how close to the best unit a further citation must score.

    python -m evals.fit_runner_up --set evals/generated/bbc-dev.jsonl=STORE_BBC \
        --set evals/generated/press-dev.jsonl=STORE_PRESS \
        --set evals/generated/polnear-dev.jsonl=STORE_POLNEAR \
        --weights app/ranker.json --report evals/out/runner-up.md [--write]

Why: an answer cites its best unit, then runners-up that score at least a share of the best
unit's probability (`app.answer.citations.select_citations`, within the family's
`CITATION_BUDGET`). The first
citation is the same whatever the share, so the share trades only words read against the
evidence the first citation missed (citation recall). It was a hand-set 0.4 for every family;
here each family's share is the highest on a grid whose recall on the dev questions, pooled
over the sets, is within `TOLERANCE` of the best any share reaches: lower shares only add
words. Each dev question (the eval's `--limit` round-robin sample) is asked once with the
answerer watching (`ExtractiveAnswerer.selections`); the choice among its ranked candidates is
then replayed at every share, each candidate labelled by the eval's strict rule.

Dev splits and fit pools only (`split` "dev" or "fit", `evals.generate --fit`; a row whose
`split` is "test" stops the run). The share is a ratio of the trees' probabilities: fit it
again after the trees are refitted (`evals.fit_ranker` keeps it only with the trees it was
fitted under).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from app.answer.citations import Selection, select_citations
from app.settings import set_process_switches
from evals.metrics import ANSWERABLE_KINDS, Ref, is_strict
from evals.run import limit_rows, load_dataset

# Who-said answers cite the one quotation asked about (`select_citations`): no share to fit.
FITTED_FAMILIES = ("speaker", "general")
SHARES = tuple(round(0.05 * n, 2) for n in range(20, -1, -1))  # 1.0, 0.95, ... 0.0
# Recall within this of the best share's counts as as good: one question in 200, about what
# one question moves a family's recall on these sets.
TOLERANCE = 0.005


@dataclass
class Watched:
    """One answered dev question: the selection its answer made and its candidates' labels."""

    dataset: str
    selection: Selection
    labels: list[bool]


def watch(desk: Any, rows: list[dict[str, Any]], dataset: str) -> list[Watched]:
    """Ask every answerable row (after its context turns) and keep the selection its answer
    made; declined answers have none and count as they are whatever the share."""
    texts: dict[str, str] = {}

    def doc(article_id: str) -> dict[str, str]:
        if article_id not in texts:
            article = desk.article(article_id)
            texts[article_id] = article.text if article else ""
        return {article_id: texts[article_id]}

    found: list[Watched] = []
    for row in rows:
        if row.get("split") == "test":
            raise SystemExit(f"{row['id']} is a test question: fit on dev splits only")
        if row["kind"] not in ANSWERABLE_KINDS:
            continue
        history: list[Any] = []
        for turn in row.get("context") or []:
            history.append(desk.ask(turn, history, mode="quotes"))
        desk.answerer.selections = []
        answer = desk.ask(row["question"], history, mode="quotes")
        cited = [(c.article_id, c.start) for c in answer.citations]
        made = [
            s
            for s in desk.answerer.selections
            if [(c.unit.chunk.article_id, c.unit.start) for c in s.chosen] == cited
        ]
        desk.answerer.selections = None
        if answer.abstained or not made:
            continue
        evidence = row.get("evidence_any") or []
        labels = [
            is_strict(
                Ref(u.chunk.article_id, u.text, u.start, u.end), evidence, doc(u.chunk.article_id)
            )
            for u in (c.unit for c in made[-1].ranked)
        ]
        found.append(Watched(dataset, made[-1], labels))
    return found


def replay(watched: list[Watched], share: float) -> tuple[float, float]:
    """Citation recall and words cited per answer of these answers at `share`."""
    hits, words = [], []
    for w in watched:
        s = w.selection
        chosen = select_citations(s.ranked, replace(s.evidence, runner_up=share), s.limit)
        picked = {id(c) for c in chosen}
        hits.append(
            any(label for c, label in zip(s.ranked, w.labels, strict=True) if id(c) in picked)
        )
        words.append(sum(len(c.unit.text.split()) for c in chosen))
    return (float(np.mean(hits)), float(np.mean(words))) if watched else (0.0, 0.0)


def choose_share(curve: dict[float, tuple[float, float]]) -> float:
    """The highest share whose recall is within `TOLERANCE` of the best share's."""
    best = max(recall for recall, _ in curve.values())
    return max(share for share, (recall, _) in curve.items() if recall >= best - TOLERANCE)


def fit(watched: list[Watched]) -> tuple[dict[str, float], list[str]]:
    """Each family's share and the report: recall and words per share, pooled and per set."""
    by_family: dict[str, list[Watched]] = defaultdict(list)
    for w in watched:
        by_family[w.selection.evidence.family].append(w)
    sets = sorted({w.dataset for w in watched})
    shares: dict[str, float] = {}
    lines = ["# Runner-up share fitted on dev", ""]
    for family in FITTED_FAMILIES:
        group = by_family.get(family, [])
        if not group:
            continue
        curve = {share: replay(group, share) for share in SHARES}
        shares[family] = choose_share(curve)
        lines += [f"## {family}: {len(group)} answered, share {shares[family]:.2f}", ""]
        lines += ["| share | all: recall / words | " + " | ".join(sets) + " |"]
        lines += ["|---:|---:|" + "---:|" * len(sets)]
        for share, (recall, words) in curve.items():
            per_set = [replay([w for w in group if w.dataset == d], share) for d in sets]
            cells = " | ".join(f"{r:.3f} / {n:.1f}" for r, n in per_set)
            lines.append(f"| {share:.2f} | {recall:.3f} / {words:.1f} | {cells} |")
        lines.append("")
    return shares, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="DATASET=STORE")
    parser.add_argument("--limit", type=int, default=500, help="questions per set, as the eval")
    parser.add_argument("--weights", type=Path, default=Path("app/ranker.json"))
    parser.add_argument("--report", type=Path, default=Path("evals/out/runner-up.md"))
    parser.add_argument("--write", action="store_true", help="store the shares in --weights")
    args = parser.parse_args(argv)
    set_process_switches()
    from app.api import QuoteDesk

    watched: list[Watched] = []
    for spec in args.set:
        dataset, _, store = spec.partition("=")
        rows = limit_rows(load_dataset(Path(dataset)), args.limit)
        print(f"{dataset}: {len(rows)} questions on {store}", file=sys.stderr)
        watched += watch(QuoteDesk.open(Path(store)), rows, Path(dataset).stem)
    shares, lines = fit(watched)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    if args.write:
        store_shares(args.weights, shares)
    return 0


def store_shares(path: Path, shares: dict[str, float]) -> None:
    """The weights file with each family's fitted share, everything else as it was."""
    from evals.fit_ranker import _write_weights

    weights = json.loads(path.read_text(encoding="utf-8"))
    models = weights["models"]
    for family, share in shares.items():
        models[family]["runner_up"] = share
    _write_weights(path, weights["version"], models)


if __name__ == "__main__":
    raise SystemExit(main())
