"""Fit the evidence ranker (`app/ranker.json`) on dev questions, and calibrate abstention.

    python -m evals.fit_ranker --set evals/generated/bbc-dev.jsonl=STORE_BBC \
        --set evals/generated/press-dev.jsonl=STORE_PRESS --out app/ranker.json \
        --report evals/out/ranker.md

Only dev splits may be passed (a row whose `split` is "test" stops the run): the test split is
for reporting. For every answerable question, each candidate unit that `QuoteDesk.evidence`
offers is labelled by the eval's own strict rule (it holds gold evidence); a logistic
regression per question family (speaker / who said / general) is fitted on those rows. Then
one threshold per family is chosen on the same dev questions: the highest that keeps false
abstention on answerable questions at or under the target, which declines as many
unanswerable questions as that allows. The report shows the reliability curve (predicted
probability of the top unit against how often it holds the evidence).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evals.metrics import ANSWERABLE_KINDS, Ref, is_strict

FALSE_ABSTENTION_TARGET = 0.04  # fitted a little under the 0.05 the issue allows
VERSION_PREFIX = "ranker"


@dataclass
class Question:
    """One dev question's candidates: features, labels and the family that ranked them."""

    family: str
    answerable: bool
    features: np.ndarray  # candidates x features
    labels: np.ndarray  # 1 where the candidate holds gold evidence


def collect(desk: Any, rows: list[dict[str, Any]], progress: bool = True) -> list[Question]:
    """Ask every question's context turns, then read its candidates and label them."""
    from app.evidence import FEATURES

    texts: dict[str, str] = {}

    def doc_text(article_id: str) -> str:
        if article_id not in texts:
            article = desk.article(article_id)
            texts[article_id] = article.text if article else ""
        return texts[article_id]

    found: list[Question] = []
    started = time.perf_counter()
    for n, row in enumerate(rows, 1):
        if row.get("split") == "test":
            raise SystemExit(f"{row['id']} is a test question: fit on dev splits only")
        history = []
        for turn in row.get("context") or []:
            history.append(desk.ask(turn, history, mode="quotes"))
        evidence = desk.evidence(row["question"], history)
        answerable = row["kind"] in ANSWERABLE_KINDS
        evidence_any = row.get("evidence_any") or []
        labels = []
        for candidate in evidence.candidates:
            unit = candidate.unit
            ref = Ref(unit.chunk.article_id, unit.text, unit.start, unit.end)
            doc = {unit.chunk.article_id: doc_text(unit.chunk.article_id)}
            labels.append(1 if answerable and is_strict(ref, evidence_any, doc) else 0)
        features = np.asarray([c.features for c in evidence.candidates], dtype=np.float64).reshape(
            -1, len(FEATURES)
        )
        found.append(Question(evidence.family, answerable, features, np.asarray(labels)))
        if progress and n % 100 == 0:
            rate = n / (time.perf_counter() - started)
            print(f"  {n}/{len(rows)} questions ({rate:.1f}/s)", file=sys.stderr)
    return found


def fit_family(questions: list[Question]) -> tuple[np.ndarray, float]:
    """Logistic regression over every candidate of the family's answerable questions."""
    from sklearn.linear_model import LogisticRegression

    rows = [q for q in questions if q.answerable and len(q.labels)]
    x = np.vstack([q.features for q in rows])
    y = np.concatenate([q.labels for q in rows])
    if y.min() == y.max():
        raise SystemExit("a family's candidates are all of one label: more dev questions needed")
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x, y)
    return model.coef_[0], float(model.intercept_[0])


def top_probabilities(questions: list[Question], coef: np.ndarray, intercept: float) -> list:
    """Per question: (best probability or 0 when no candidate, whether that best is a hit)."""
    tops = []
    for q in questions:
        if not len(q.labels):
            tops.append((0.0, False, q.answerable))
            continue
        p = 1.0 / (1.0 + np.exp(-(q.features @ coef + intercept)))
        best = int(np.argmax(p))
        tops.append((float(p[best]), bool(q.labels[best]), q.answerable))
    return tops


def choose_threshold(tops: list, target: float = FALSE_ABSTENTION_TARGET) -> float:
    """The highest threshold with false abstention (answerable declined) <= target."""
    answerable = sorted(p for p, _, a in tops if a)
    if not answerable:
        return 0.0
    allowed = int(np.floor(target * len(answerable)))
    return float(answerable[allowed]) if allowed < len(answerable) else 0.0


def reliability(tops: list, bins: int = 10) -> list[tuple[str, int, float | None]]:
    """Top-unit probability bins against the share whose top unit holds the evidence."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [hit for p, hit, a in tops if a and low <= p < high + (b == bins - 1)]
        rows.append((f"{low:.1f}-{high:.1f}", len(inside), np.mean(inside) if inside else None))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set",
        action="append",
        required=True,
        metavar="DATASET=STORE",
        help="a dev question file and the store built from its corpus (repeatable)",
    )
    parser.add_argument("--out", type=Path, default=Path("app/ranker.json"))
    parser.add_argument("--report", type=Path, default=Path("evals/out/ranker.md"))
    parser.add_argument("--limit", type=int, help="at most N questions per set (seeded sample)")
    args = parser.parse_args(argv)

    from app.api import QuoteDesk
    from app.evidence import FEATURES
    from app.ranker import FAMILIES

    questions: list[Question] = []
    for spec in args.set:
        dataset, _, store = spec.partition("=")
        rows = [json.loads(line) for line in Path(dataset).read_text().splitlines() if line]
        if args.limit and len(rows) > args.limit:
            rows = random.Random(0).sample(rows, args.limit)
        print(f"{dataset}: {len(rows)} questions on {store}", file=sys.stderr)
        desk = QuoteDesk.open(store)
        questions += collect(desk, rows)

    by_family: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        by_family[q.family].append(q)
    models: dict[str, dict[str, Any]] = {}
    lines = ["# Evidence ranker fitted on dev", "", f"Sets: {', '.join(args.set)}", ""]
    for family in FAMILIES:
        group = by_family.get(family, [])
        coef, intercept = fit_family(group)
        tops = top_probabilities(group, coef, intercept)
        # A family without unanswerable dev questions has nothing to decline: its threshold
        # would only cost answerable ones.
        threshold = choose_threshold(tops) if any(not t[2] for t in tops) else 0.0
        models[family] = {
            "coef": [round(float(c), 6) for c in coef],
            "intercept": round(intercept, 6),
            "threshold": round(threshold, 6),
        }
        answerable = [t for t in tops if t[2]]
        unanswerable = [t for t in tops if not t[2]]
        lines += [
            f"## {family}: {len(answerable)} answerable, {len(unanswerable)} unanswerable",
            "",
            f"- threshold {threshold:.3f}: answerable declined "
            f"{np.mean([p < threshold for p, _, _ in answerable]):.3f}, unanswerable declined "
            + (
                f"{np.mean([p < threshold for p, _, _ in unanswerable]):.3f}"
                if unanswerable
                else "n/a"
            ),
            f"- top unit holds the evidence (dev, in-sample): "
            f"{np.mean([hit for _, hit, _ in answerable]):.3f}",
            "",
            "| top probability | questions | top unit holds evidence |",
            "|---|---:|---:|",
        ]
        for label, count, share in reliability(tops):
            lines.append(f"| {label} | {count} | {'' if share is None else f'{share:.2f}'} |")
        lines += ["", "| feature | weight |", "|---|---:|"]
        lines += [f"| {name} | {w:+.3f} |" for name, w in zip(FEATURES, coef, strict=True)]
        lines.append("")
    version = f"{VERSION_PREFIX}-{time.strftime('%Y%m%d-%H%M')}"
    payload = {"version": version, "features": list(FEATURES), "models": models}
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out} ({version}) and {args.report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
