"""Can a learned keep/drop decision over predicted quotes raise PolNeAR quote F1? (issue 23)

Candidates are the quotes the rules extract (`evals.quote_filter.candidates`: direct quotes and
reported statements with a double quote mark). Each model is fitted on PolNeAR train only, on
the generic features of `evals.quote_filter`; its threshold is the one with the best train
`quoted` F1 of the whole scorer when every article's candidates are scored by a model fitted
on the other folds (5 folds by article). Dev is then scored once per model. Labels:

- `overlap`: the candidate overlaps a gold attribution at all (label 0: a span no annotator
  marked: a title, a scare-quoted term, a slogan);
- `unit`: the scorer's unit holding the candidate matches gold (Jaccard >= 0.5);
- `counterfactual`: removing the candidate alone does not raise the article's matches nor
  lower its predictions without losing a match (the decision the filter makes).

It also prints two ceilings: dropping every candidate that overlaps no gold, and the greedy
counterfactual drops (an oracle, using gold). With `--extra FILE`, it counts what the chosen
model drops on the first `--extra-limit` articles of another corpus and prints a sample.

    python -m evals.quote_filter_experiment [--dev] [--extra articles.jsonl --extra-limit 300]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import lightgbm as lgb
import numpy as np
from sklearn.linear_model import LogisticRegression

from evals.attribution import (
    DEFAULT_CORPUS,
    Gold,
    align,
    char_set,
    load_articles,
    load_gold,
    prediction_units,
    score_variant,
)
from evals.quote_filter import candidates, feature_vector
from ingest.quotes import extract_quotes_many
from ingest.types import Quote

FOLDS = 5
# A rule needs this many train candidates to get its own indicator (rarer rules share none).
MIN_RULE_COUNT = 20
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 19)]
TREE_PARAMS = {"n_estimators": 400, "learning_rate": 0.03, "num_leaves": 7}
TREE_PARAMS |= {"min_child_samples": 30, "verbose": -1}
SAMPLE = 20


class Example(NamedTuple):
    """One candidate of one article with its label (True: keep)."""

    doc: str
    quote: Quote
    features: list[float]
    keep: bool


class Split(NamedTuple):
    """A split's articles, extracted quotes and `quoted` gold."""

    texts: dict[str, str]
    quotes: dict[str, list[Quote]]
    gold: list[Gold]


def load_split(corpus: Path, split: str) -> Split:
    texts = load_articles(corpus, split)
    quotes = dict(zip(texts, extract_quotes_many(list(texts.values())), strict=True))
    return Split(texts, quotes, load_gold(corpus, split, "quoted"))


def _gold_by_doc(data: Split) -> dict[str, list[Gold]]:
    by_doc: dict[str, list[Gold]] = defaultdict(list)
    for g in data.gold:
        by_doc[g.doc].append(g)
    return by_doc


def _matches(data: Split, doc: str, quotes: list[Quote], golds: list[Gold]) -> tuple[int, int]:
    """Matched units and predicted units of one article."""
    units = prediction_units(doc, data.texts[doc], quotes, "quoted")
    return len(align(data.texts[doc], units, golds)), len(units)


def overlap_labels(data: Split, doc: str) -> Callable[[Quote], bool]:
    chars: set[int] = set()
    for g in _gold_by_doc(data).get(doc, []):
        chars |= char_set(data.texts[doc], g.spans)
    return lambda q: bool(char_set(data.texts[doc], ((q.start, q.end),)) & chars)


def unit_labels(data: Split, doc: str) -> Callable[[Quote], bool]:
    text, quotes = data.texts[doc], data.quotes[doc]
    units = prediction_units(doc, text, quotes, "quoted")
    ok = {i for i, _, _ in align(text, units, _gold_by_doc(data).get(doc, []))}
    label: dict[tuple[int, int], bool] = {}
    for i, unit in enumerate(units):
        for span in unit.spans:
            label[span] = i in ok
        if unit.kind == "indirect":  # the direct pieces it absorbed
            s, e = unit.spans[0]
            for q in quotes:
                if q.kind == "direct" and s - 2 <= q.start and q.end <= e + 2:
                    label[(q.start, q.end)] = i in ok
    return lambda q: label.get((q.start, q.end), False)


def counterfactual_labels(data: Split, doc: str) -> Callable[[Quote], bool]:
    golds = _gold_by_doc(data).get(doc, [])
    quotes = data.quotes[doc]
    base = _matches(data, doc, quotes, golds)

    def keep(q: Quote) -> bool:
        alt = _matches(data, doc, [x for x in quotes if x is not q], golds)
        return not (alt[0] > base[0] or alt[0] == base[0] and alt[1] < base[1])

    return keep


LABELS = {"overlap": overlap_labels, "unit": unit_labels, "counterfactual": counterfactual_labels}


def frequent_rules(data: Split) -> list[str]:
    counts = Counter(
        c.quote.rule for doc, t in data.texts.items() for c in candidates(t, data.quotes[doc])
    )
    return sorted(r for r, n in counts.items() if r and n >= MIN_RULE_COUNT)


def examples(data: Split, rules: list[str], label: str | None) -> list[Example]:
    """Every candidate of the split with its features and (if `label`) its label."""
    out = []
    for doc, text in data.texts.items():
        labelled = LABELS[label](data, doc) if label else (lambda q: True)
        for c in candidates(text, data.quotes[doc]):
            out.append(Example(doc, c.quote, feature_vector(c, rules), labelled(c.quote)))
    return out


class Model(NamedTuple):
    """A fitted scorer: probabilities of keep for a feature matrix."""

    predict: Callable[[np.ndarray], np.ndarray]


def fit_logistic(x: np.ndarray, y: np.ndarray) -> Model:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(max_iter=5000).fit((x - mean) / scale, y)
    return Model(lambda z: model.predict_proba((z - mean) / scale)[:, 1])


def fit_trees(x: np.ndarray, y: np.ndarray) -> Model:
    model = lgb.LGBMClassifier(**TREE_PARAMS).fit(x, y)
    return Model(lambda z: model.predict_proba(z)[:, 1])


FITTERS = {"logistic": fit_logistic, "trees": fit_trees}


def out_of_fold(items: list[Example], fitter: Callable[..., Model]) -> np.ndarray:
    """Each candidate's probability from a model fitted on the other folds' articles."""
    docs = sorted({e.doc for e in items})
    fold_of = {doc: i % FOLDS for i, doc in enumerate(docs)}
    folds = np.array([fold_of[e.doc] for e in items])
    x, y = _matrix(items)
    probs = np.zeros(len(items))
    for k in range(FOLDS):
        probs[folds == k] = fitter(x[folds != k], y[folds != k]).predict(x[folds == k])
    return probs


def _matrix(items: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([e.features for e in items]), np.array([e.keep for e in items], dtype=int)


def dropped(items: list[Example], probs: np.ndarray, threshold: float) -> set[tuple]:
    return {
        (e.doc, e.quote.start, e.quote.end, e.quote.kind)
        for e, p in zip(items, probs, strict=True)
        if p < threshold
    }


def without(data: Split, drop: set[tuple]) -> dict[str, list[Quote]]:
    return {
        doc: [q for q in qs if (doc, q.start, q.end, q.kind) not in drop]
        for doc, qs in data.quotes.items()
    }


def score(data: Split, quotes: dict[str, list[Quote]]) -> tuple[float, float, int]:
    """`quoted` quote F1, speaker accuracy (pronoun sources excluded), predicted units."""
    r = score_variant(data.texts, quotes, data.gold, "quoted", {})
    return r["quote"]["f1"], r["pronouns_excluded"]["speaker_accuracy"], r["pred"]


def choose_threshold(data: Split, items: list[Example], probs: np.ndarray) -> float:
    """The threshold with the best train F1 of out-of-fold scores (the lowest of ties)."""
    curve = [(t, *score(data, without(data, dropped(items, probs, t)))) for t in THRESHOLDS]
    for t, f1, speaker, _ in curve:
        print(f"    threshold {t:.2f}: train F1 {f1:.4f}, speaker {speaker:.4f}")
    return max(curve, key=lambda row: (row[1], -row[0]))[0]


def oracle_drops(data: Split) -> set[tuple]:
    """Greedy counterfactual drops with gold in hand, in text order (a ceiling, not a model)."""
    drop = set()
    for doc in data.texts:
        golds = _gold_by_doc(data).get(doc, [])
        quotes = list(data.quotes[doc])
        for c in candidates(data.texts[doc], data.quotes[doc]):
            base = _matches(data, doc, quotes, golds)
            alt_quotes = [x for x in quotes if x is not c.quote]
            alt = _matches(data, doc, alt_quotes, golds)
            if alt[0] > base[0] or alt[0] == base[0] and alt[1] < base[1]:
                quotes = alt_quotes
                drop.add((doc, c.quote.start, c.quote.end, c.quote.kind))
    return drop


def _no_overlap(data: Split) -> set[tuple]:
    drop = set()
    for doc, text in data.texts.items():
        overlaps = overlap_labels(data, doc)
        drop |= {
            (doc, c.quote.start, c.quote.end, c.quote.kind)
            for c in candidates(text, data.quotes[doc])
            if not overlaps(c.quote)
        }
    return drop


def ceilings(data: Split, name: str) -> None:
    for label, drop in (("no-overlap", _no_overlap(data)), ("counterfactual", oracle_drops(data))):
        f1, speaker, pred = score(data, without(data, drop))
        print(f"{name} oracle {label}: drops {len(drop)}, F1 {f1:.4f}, speaker {speaker:.4f}")
        rules = {
            (doc, q.start, q.end, q.kind): q.rule for doc, qs in data.quotes.items() for q in qs
        }
        by_rule = Counter(f"{key[3]}:{rules[key]}" for key in drop).most_common(8)
        print("  by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule))


def extra_check(path: Path, limit: int, model: Model, rules: list[str], threshold: float) -> None:
    """Quotes before/after the filter on other news, and a sample of what it drops."""
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(limit), fh, strict=False)]
    quotes = extract_quotes_many(texts)
    ids = [str(i) for i in range(len(texts))]
    data = Split(dict(zip(ids, texts, strict=True)), dict(zip(ids, quotes, strict=True)), [])
    items = examples(data, rules, None)
    probs = model.predict(_matrix(items)[0]) if items else np.zeros(0)
    drop = [(e, p) for e, p in zip(items, probs, strict=True) if p < threshold]
    total = sum(len(q) for q in quotes)
    print(f"{path}: {len(texts)} articles, {total} quotes, {len(items)} candidates, ")
    print(f"  dropped {len(drop)} -> {total - len(drop)} quotes")
    print(f"  dropped by rule: {Counter(e.quote.rule for e, _ in drop).most_common()}")
    for e, p in random.Random(0).sample(drop, min(SAMPLE, len(drop))):
        text = data.texts[e.doc]
        context = text[max(0, e.quote.start - 90) : e.quote.start] + "[[" + e.quote.text
        context += "]]" + text[e.quote.end : e.quote.end + 60]
        print(f"  p={p:.2f} {e.quote.kind}:{e.quote.rule} speaker={e.quote.speaker!r}")
        print("    " + context.replace("\n", " / "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", default=str(DEFAULT_CORPUS))
    parser.add_argument("--dev", action="store_true", help="score each chosen model on dev")
    parser.add_argument("--extra", action="append", default=[], help="articles.jsonl to check")
    parser.add_argument("--extra-limit", type=int, default=300)
    parser.add_argument("--only", help="LABEL:FITTER, e.g. unit:trees (default: all)")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus_dir)
    train = load_split(corpus, "train")
    dev = load_split(corpus, "dev") if args.dev else None
    rules = frequent_rules(train)
    f1, speaker, pred = score(train, train.quotes)
    print(f"train unfiltered: F1 {f1:.4f}, speaker {speaker:.4f}, units {pred}")
    ceilings(train, "train")
    if dev:
        f1, speaker, pred = score(dev, dev.quotes)
        print(f"dev unfiltered: F1 {f1:.4f}, speaker {speaker:.4f}, units {pred}")
        ceilings(dev, "dev")
    pairs = [(lab, fit) for lab in LABELS for fit in FITTERS]
    if args.only:
        pairs = [tuple(args.only.split(":"))]  # type: ignore[list-item]
    for label, fitter in pairs:
        items = examples(train, rules, label)
        print(f"{label}:{fitter}: {len(items)} candidates, {sum(not e.keep for e in items)} drop")
        threshold = choose_threshold(train, items, out_of_fold(items, FITTERS[fitter]))
        model = FITTERS[fitter](*_matrix(items))
        print(f"  chosen threshold {threshold:.2f}")
        if dev:
            dev_items = examples(dev, rules, None)
            probs = model.predict(_matrix(dev_items)[0])
            drop = dropped(dev_items, probs, threshold)
            f1, speaker, pred = score(dev, without(dev, drop))
            print(f"  dev: drops {len(drop)}, F1 {f1:.4f}, speaker {speaker:.4f}, units {pred}")
        for path in args.extra:
            extra_check(Path(path), args.extra_limit, model, rules, threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
