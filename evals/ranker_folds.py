"""Which unit model puts the evidence first: folds of the dev questions split by article.

    python -m evals.ranker_folds --set evals/generated/bbc-dev.jsonl=STORE_BBC \
        --set ... --cache evals/out/fit-cache

For each question family, the dev questions are cut into two folds by a hash of their gold
article (questions about one article never sit on both sides: the generator asks about one
quotation several ways, and folds by question let a model recognise the quotation rather than
learn to rank). Each model is fitted on one fold and scored on the other: the share of
answerable questions whose top unit holds the evidence. Models: the trees `fit_ranker` ships
(`TREE_PARAMS`) and the conditional logit they replaced, kept here as the baseline.
`--drop sentence_dense,sentence_gap` scores both without those features (what they add);
`--param num_leaves=15` (repeatable) fits the trees with one of `TREE_PARAMS` changed, for
every family, `--param speaker:extra_trees=0` for one (over its `FAMILY_TREE_PARAMS`);
`--monotone speaker:speaker_other=-1` holds one family's trees to a direction in a feature
(`FAMILY_MONOTONE`; `=0` frees one of `MONOTONE`).
`--splits 3` halves dev by article three different ways and pools the held-out questions (each
question is scored three times): a one-question difference in a small set is noise, and one
halving cannot say which.
`--by-corpus` scores the shipped trees per family and question set, in-sample (fitted on all
of dev, as shipped) against held out: how much of a dev number is the model remembering the
questions it was fitted on, which a test split then does not give back.
`--story 1.01,0.9,0.8` judges the follow-up prior instead (`app.reorder.story_first`, the unit
from the previous answer's article leads at that share of the best): per question set, the
held-out top unit of follow-up questions at each share (above 1: no prior).
`--answerable WEIGHTS` judges the answerability models instead: with the unit trees of
WEIGHTS, per family and question set, the declines of unanswerable questions and the false
abstention of answerable ones for the weights' own answerability model (as shipped, fitted on
all of dev) and for one refitted on the other fold, its thresholds chosen there as
`fit_ranker` chooses them (`--drop-question` leaves question features out of that refit,
`--target` sets the false abstention they allow on their fold).
`--extra evals/generated/press-fit.jsonl=STORE` (repeatable) asks whether more training data
helps: every held-out half is scored twice, trees and answerability model fitted on the other
dev half alone and on that half plus the extra sets (the fit pool, `evals.generate --fit`:
articles no eval uses, so they only ever sit on the training side). Per family and question
set: the top unit, and where the family has unanswerable questions, the unanswerable declined
and the false abstention, each model with its thresholds chosen on its own training side as
`fit_ranker` chooses them (`--target`). `--family speaker` (repeatable) judges
only that family. `--fit-share FAMILY` weights that family's training
side with the extra sets as `fit_ranker --fit-share` does (a corpus without a fit set keeps its
dev-alone share).
Dev only, like the fit (extra sets: dev or fit rows); reads the same `--cache`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from app.evidence.features import FEATURES, QUESTION_FEATURES, Candidate
from app.ranker import FAMILIES, LinearModel, TreeModel, threshold_for
from app.reorder import story_first
from app.settings import set_process_switches
from evals.fit_ranker import (
    FALSE_ABSTENTION_TARGET,
    FAMILY_MONOTONE,
    FAMILY_TREE_PARAMS,
    TREE_PARAMS,
    Question,
    Ranked,
    choose_thresholds,
    collected_set,
    fit_answerable,
    fit_share_weights,
    fit_units,
    kept_models,
    rank_questions,
    without,
)

Scorer = Callable[[np.ndarray], np.ndarray]


def fit_linear(questions: list[Question], l2: float = 0.01, family: str | None = None) -> Scorer:
    """The conditional logit (a softmax over each question's candidates, the evidence units as
    the target) that ranked units before the trees (one for every family)."""
    from scipy.optimize import minimize

    data = [(q.features, q.labels.astype(bool)) for q in questions if _usable(q)]
    width = data[0][0].shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros(width)
        for x, hit in data:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            held = p[hit].sum()
            total -= np.log(held + 1e-12)
            grad += p @ x - (p[hit] @ x[hit]) / (held + 1e-12)
        return total / len(data) + l2 * w @ w, grad / len(data) + 2 * l2 * w

    w = minimize(loss, np.zeros(width), jac=True, method="L-BFGS-B").x
    return lambda x: x @ w


def fit_trees(questions: list[Question], family: str | None = None) -> Scorer:
    return fit_units(questions, family).model.scores


def _usable(q: Question) -> bool:
    return q.answerable and len(q.labels) > 1 and bool(q.labels.any())


def top_hit(questions: list[Question], score: Scorer) -> list[bool]:
    """Per answerable question with candidates: does its best-scored unit hold the evidence."""
    return [
        bool(q.labels[int(np.argmax(score(q.features)))])
        for q in questions
        if q.answerable and len(q.labels)
    ]


def article_fold(row: dict, split: int = 0) -> int:
    """The half of dev the question's gold article falls in, for the `split`-th way of halving
    (0: the one every earlier table used)."""
    key = (row.get("gold_docs") or [row["id"]])[0]
    key = key if split == 0 else f"{split}:{key}"
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 2


def set_param(setting: str) -> str | None:
    """Apply one `--param [FAMILY:]NAME=VALUE`; the error, if it is not a tree setting."""
    target, _, value = setting.partition("=")
    family, _, name = target.rpartition(":")
    if name not in TREE_PARAMS or (family and family not in FAMILIES):
        return f"not a tree setting: {target}"
    kind = type(TREE_PARAMS[name])
    parsed = value.lower() in ("1", "true") if kind is bool else kind(value)
    if family:
        FAMILY_TREE_PARAMS.setdefault(family, {})[name] = parsed
    else:
        TREE_PARAMS[name] = parsed
        for overrides in FAMILY_TREE_PARAMS.values():
            overrides.pop(name, None)
    return None


def set_monotone(setting: str) -> str | None:
    """Apply one `--monotone [FAMILY:]NAME=SIGN` (+1 the trees' score may only rise with the
    feature, -1 only fall, 0 free); the error, if it is not one. Without a family it holds for
    every family."""
    target, _, value = setting.partition("=")
    family, _, name = target.rpartition(":")
    if name not in FEATURES or (family and family not in FAMILIES):
        return f"not a feature: {target}"
    if value not in ("1", "+1", "-1", "0"):
        return f"a direction is +1, -1 or 0: {value}"
    for fam in [family] if family else FAMILIES:
        FAMILY_MONOTONE.setdefault(fam, {})[name] = int(value)
    return None


MODELS: dict[str, Callable[..., Scorer]] = {
    "conditional logit": fit_linear,
    "trees": fit_trees,
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="DATASET=STORE")
    parser.add_argument("--cache", type=Path, help="fit_ranker's cache of collected candidates")
    parser.add_argument("--drop", default="", help="comma-separated FEATURES to leave out")
    parser.add_argument(
        "--param", action="append", default=[], metavar="NAME=NUMBER", help="a tree setting"
    )
    parser.add_argument(
        "--monotone",
        action="append",
        default=[],
        metavar="[FAMILY:]NAME=SIGN",
        help="hold the trees' score to rise (+1) or fall (-1) with a feature, or free it (0)",
    )
    parser.add_argument(
        "--splits", type=int, default=1, help="halve dev by article this many ways, pooled"
    )
    parser.add_argument(
        "--family",
        action="append",
        default=[],
        choices=FAMILIES,
        help="judge only this family (repeatable): a 6-halving run per family fits one lock hold",
    )
    _judgement_options(parser)
    return parser


def _judgement_options(parser: argparse.ArgumentParser) -> None:
    """The options that judge something other than the unit models (each prints its own
    table): in-sample against held out, the answerability models, the follow-up prior, and
    more training data."""
    parser.add_argument(
        "--by-corpus", action="store_true", help="in-sample vs held out, per question set"
    )
    parser.add_argument(
        "--answerable",
        type=Path,
        metavar="WEIGHTS",
        help="judge the answerability models, with the unit trees of this weights file",
    )
    parser.add_argument(
        "--story", default="", help="comma-separated shares of the follow-up prior to judge"
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="DATASET=STORE",
        help="a set added to every fold's training side only (the fit pool)",
    )
    parser.add_argument(
        "--fit-share",
        action="append",
        default=[],
        metavar="FAMILY",
        help="with --extra: weight this family's training side as fit_ranker --fit-share",
    )
    parser.add_argument(
        "--drop-question", default="", help="comma-separated QUESTION_FEATURES to leave out"
    )
    parser.add_argument(
        "--target",
        type=float,
        default=FALSE_ABSTENTION_TARGET,
        help="false abstention the refitted thresholds allow on their fold",
    )


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    set_process_switches()
    for setting in args.param:
        error = set_param(setting)
        if error:
            parser.error(error)
    for setting in args.monotone:
        error = set_monotone(setting)
        if error:
            parser.error(error)
    dropped = [n for n in args.drop.split(",") if n]
    unknown = set(dropped) - set(FEATURES)
    if unknown:
        parser.error(f"not a feature: {', '.join(sorted(unknown))}")
    groups, sets, kinds = folded(args, dropped)
    if args.extra:
        extras = [
            (
                Path(spec.partition("=")[0]).stem,
                [
                    without(q, dropped)
                    for q in collected_set(spec, None, args.cache)
                    if not args.family or q.family in args.family
                ],
            )
            for spec in args.extra
        ]
        set_of = {key: name for key, (name, _) in kinds.items()}  # `<corpus>-<split>`
        sides = ExtraSides(extras, set_of, args.fit_share)
        print_extra(groups, sets, sides, args.target)
        return 0
    if args.by_corpus:
        print_by_set(groups, sets)
        return 0
    if args.story:
        print_story(groups, kinds, [float(share) for share in args.story.split(",")])
        return 0
    if args.answerable:
        left_out = [n for n in args.drop_question.split(",") if n]
        if set(left_out) - set(QUESTION_FEATURES):
            parser.error(f"not a question feature: {', '.join(left_out)}")
        weights = kept_models(json.loads(args.answerable.read_text(encoding="utf-8")))
        print_answerable(sets, weights, left_out, args.target)
        return 0
    print_models(groups)
    return 0


Folded = dict[str, list[tuple[Question, int]]]  # a name: its questions, each with its fold


def folded(
    args: argparse.Namespace, dropped: list[str]
) -> tuple[Folded, Folded, dict[int, tuple[str, str]]]:
    """The `--set` questions (`dropped` features at zero) in their folds, by family and by
    family and set, and each question's set and row kind by `id`."""
    groups: Folded = defaultdict(list)
    sets: Folded = defaultdict(list)
    kinds: dict[int, tuple[str, str]] = {}  # id(question): its set and its row's kind
    for spec in args.set:
        dataset = spec.partition("=")[0]
        rows = [json.loads(line) for line in Path(dataset).read_text().splitlines() if line]
        questions = collected_set(spec, None, args.cache)
        for question, row in zip(questions, rows, strict=True):
            kept = without(question, dropped)
            kinds[id(kept)] = (Path(dataset).stem, row["kind"])
            if args.family and question.family not in args.family:
                continue
            for split in range(args.splits if not args.answerable else 1):
                fold = 2 * split + article_fold(row, split)
                groups[question.family].append((kept, fold))
                sets[f"{question.family} {Path(dataset).stem}"].append((kept, fold))
    return groups, sets, kinds


def _folds(group: list[tuple[Question, int]]) -> list[int]:
    """The held-out halves: 2 * split + half, for each way of halving dev."""
    return sorted({f for _, f in group})


def _train(group: list[tuple[Question, int]], fold: int) -> list[Question]:
    """What a model scoring `fold` is fitted on: the other half of the same halving."""
    return [q for q, f in group if f // 2 == fold // 2 and f != fold]


def print_models(groups: dict[str, list[tuple[Question, int]]]) -> None:
    """Per family: the held-out top unit of each model (questions counted once per halving)."""
    print("| family | questions | " + " | ".join(MODELS) + " |")
    print("|---|---:|" + "---:|" * len(MODELS))
    for family, group in sorted(groups.items()):
        cells = []
        for fit in MODELS.values():
            hits: list[bool] = []
            for fold in _folds(group):
                scorer = fit(_train(group, fold), family=family)
                hits += top_hit([q for q, f in group if f == fold], scorer)
            cells.append(f"{np.mean(hits):.3f}")
        print(f"| {family} | {len(hits)} | " + " | ".join(cells) + " |")


def print_by_set(
    groups: dict[str, list[tuple[Question, int]]], sets: dict[str, list[tuple[Question, int]]]
) -> None:
    """Per family and question set: the top unit's hit when the trees saw the question (fitted
    on all of the family's dev questions, as shipped) and when they did not (the other half;
    with several halvings, every one of them pooled)."""
    print("| family, question set | questions | in-sample | held out | gap |")
    print("|---|---:|---:|---:|---:|")
    for family, group in sorted(groups.items()):
        shipped = fit_trees([q for q, f in group if f < 2], family)  # each question once
        folds = {fold: fit_trees(_train(group, fold), family) for fold in _folds(group)}
        for name, members in sorted(sets.items()):
            if not name.startswith(f"{family} "):
                continue
            seen = top_hit([q for q, f in members if f < 2], shipped)
            held = [
                h
                for fold in folds
                for h in top_hit([q for q, f in members if f == fold], folds[fold])
            ]
            if seen:
                cells = [np.mean(seen), np.mean(held), np.mean(seen) - np.mean(held)]
                print(
                    f"| {name} | {len(seen)} | {cells[0]:.3f} | {cells[1]:.3f} | {cells[2]:+.3f} |"
                )


Scores = tuple[list[bool], list[bool], list[bool]]  # top unit, unanswerable / answerable declined


def held_out(
    train: list[Question], family: str, scored: dict[str, list[Question]], target: float
) -> dict[str, Scores]:
    """Fit both models on `train` as `fit_ranker` does (trees, then the answerability model and
    its thresholds on the trees' in-sample ranking) and score each set of `scored`: the top
    unit's hits (answerable questions with candidates), unanswerable declined, answerable
    declined."""
    model = fit_units(train, family).model
    ranked = rank_questions(train, model)
    found = fit_answerable(ranked)
    if found is None:  # nothing unanswerable to learn from: decline nothing
        answerability, cuts = LinearModel((0.0,) * len(QUESTION_FEATURES), 0.0), (0.0, 0.0)
    else:
        answerability = LinearModel(tuple(found[0]), found[1])
        scores = [(answerability.probability(r.features), r.answerable) for r in ranked]
        cuts = choose_thresholds(scores, [r.topic_terms for r in ranked], target=target)
    out = {}
    for name, questions in scored.items():
        judged = [
            (_declined(answerability, cuts, r), r.answerable)
            for r in rank_questions(questions, model)
        ]
        out[name] = (
            top_hit(questions, model.scores),
            [d for d, answerable in judged if not answerable],
            [d for d, answerable in judged if answerable],
        )
    return out


class ExtraSides:
    """The training side of a fold with the extra sets: appended as they are, or for a
    `--fit-share` family weighted as `fit_ranker` weights it (`fit_share_weights`)."""

    def __init__(
        self,
        extras: list[tuple[str, list[Question]]],
        set_of: dict[int, str],
        fit_share: list[str] | tuple[str, ...] = (),
    ):
        self.extras, self.set_of, self.fit_share = extras, set_of, set(fit_share)

    def count(self, family: str) -> int:
        """How many extra questions the family has."""
        return sum(q.family == family for _, qs in self.extras for q in qs)

    def side(self, train: list[Question], family: str) -> list[Question]:
        """`train` (one fold's dev questions of `family`) plus the family's extra ones."""
        extra = [q for _, qs in self.extras for q in qs if q.family == family]
        if family not in self.fit_share:
            return train + extra
        named: dict[str, list[Question]] = defaultdict(list)
        for q in train:
            named[self.set_of[id(q)]].append(q)
        return fit_share_weights([*named.items(), *self.extras], family)


def print_extra(
    groups: dict[str, list[tuple[Question, int]]],
    sets: dict[str, list[tuple[Question, int]]],
    sides: ExtraSides,
    target: float = FALSE_ABSTENTION_TARGET,
) -> None:
    """Per family and question set, held out (every halving pooled): fitted on the other dev
    half, and on it plus the extra sets. Cells read `dev half -> with extra`; the last column
    is the top unit's change in questions per halving, the unit the shipping rule reads (a
    pooled share hides how many questions a small set moves)."""
    print(
        "| family, question set | questions | extra | top unit | unanswerable declined "
        "| false abstention | top unit, questions per halving |"
    )
    print("|---|---:|---:|---|---|---|---:|")
    for family, group in sorted(groups.items()):
        names = sorted(n for n in sets if n.startswith(f"{family} "))
        cells: dict[tuple[str, int], list[list[bool]]] = defaultdict(lambda: [[], [], []])
        for fold in _folds(group):
            train = _train(group, fold)
            scored = {name: [q for q, f in sets[name] if f == fold] for name in names}
            for with_extra, side in enumerate((train, sides.side(train, family))):
                for name, found in held_out(side, family, scored, target).items():
                    for kept, new in zip(cells[(name, with_extra)], found, strict=True):
                        kept += new
        halvings = max(len(_folds(group)) // 2, 1)
        for name in names:
            shown = [_pair(cells[(name, 0)][i], cells[(name, 1)][i]) for i in range(3)]
            moved = (sum(cells[(name, 1)][0]) - sum(cells[(name, 0)][0])) / halvings
            print(
                f"| {name} | {len(cells[(name, 0)][0])} | {sides.count(family)} | "
                + " | ".join(shown)
                + f" | {moved:+.1f} |"
            )


def _pair(before: list[bool], after: list[bool]) -> str:
    return f"{np.mean(before):.3f} -> {np.mean(after):.3f}" if before else "-"


def story_top_hit(question: Question, probabilities: np.ndarray, share: float) -> bool:
    """Does the unit `app.reorder.story_first` puts first hold the evidence (candidates in
    the trees' order, ties by position)?"""
    order = np.argsort(-probabilities, kind="stable")
    ranked = [
        Candidate(None, tuple(question.features[i]), float(probabilities[i]))  # type: ignore[arg-type]
        for i in order
    ]
    lead = story_first(ranked, share)[0]
    at = next(n for n, c in enumerate(ranked) if c is lead)  # equal candidates may differ
    return bool(question.labels[order[at]])


def print_story(
    groups: dict[str, list[tuple[Question, int]]],
    kinds: dict[int, tuple[str, str]],
    shares: list[float],
) -> None:
    """Per question set: the held-out top unit of its follow-up questions (every family, every
    halving pooled) at each share of the follow-up prior, and of all its questions."""
    hits: dict[tuple[str, float], list[bool]] = defaultdict(list)
    for family, group in sorted(groups.items()):
        for fold in _folds(group):
            model = fit_units(_train(group, fold), family).model
            for question, f in group:
                if f != fold or not question.answerable or not len(question.labels):
                    continue
                name, kind = kinds[id(question)]
                p = model.probabilities(question.features)
                for share in shares:
                    hit = story_top_hit(question, p, share)
                    hits[(f"{name} all", share)].append(hit)
                    if kind == "followup":
                        hits[(f"{name} follow-ups", share)].append(hit)
    print("| questions | n | " + " | ".join(f"share {s:g}" for s in shares) + " |")
    print("|---|---:|" + "---:|" * len(shares))
    for name in sorted({n for n, _ in hits}):
        cells = [f"{np.mean(hits[(name, s)]):.3f}" for s in shares]
        print(f"| {name} | {len(hits[(name, shares[0])])} | " + " | ".join(cells) + " |")


def print_answerable(
    sets: dict[str, list[tuple[Question, int]]],
    weights: dict,
    left_out: list[str],
    target: float = FALSE_ABSTENTION_TARGET,
) -> None:
    """Per family and question set: unanswerable declined and false abstention, for the kept
    answerability model and for one fitted on the other fold (both after the kept trees)."""
    print(
        "| family, question set | answerable | unanswerable | kept: declined | kept: false "
        "abstention | held out: declined | held out: false abstention |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for family in sorted({name.split()[0] for name in sets}):
        model = weights[family]
        trees = TreeModel.from_json(model["units"])
        members = [(r, f, n) for n, m in sets.items() if n.split()[0] == family for r, f in m]
        ranked = rank_questions([q for q, _, _ in members], trees)
        rows = [(r, f, n) for r, (_, f, n) in zip(ranked, members, strict=True)]
        if all(r.answerable for r, _, _ in rows):
            continue
        kept = LinearModel(tuple(model["answerable"]["coef"]), model["answerable"]["intercept"])
        kept_cut = (model["threshold"], model["long_threshold"])
        held: dict[int, tuple[LinearModel, tuple[float, float]]] = {}
        for fold in (0, 1):
            train = [_masked(r, left_out) for r, f, _ in rows if f != fold]
            found = fit_answerable(train)
            if found is None:  # nothing unanswerable to learn from: decline nothing
                held[fold] = (LinearModel((0.0,) * len(QUESTION_FEATURES), 0.0), (0.0, 0.0))
                continue
            fitted = LinearModel(tuple(found[0]), found[1])
            scores = [(fitted.probability(r.features), r.answerable) for r in train]
            cuts = choose_thresholds(scores, [r.topic_terms for r in train], target=target)
            held[fold] = (fitted, cuts)
        names = sorted({n for _, _, n in rows}) + [f"{family} (all sets)"]
        for name in names:
            part = [(r, f) for r, f, n in rows if n == name or name.endswith("(all sets)")]
            seen = [_declined(kept, kept_cut, r) for r, _ in part]
            out = [_declined(*held[f], _masked(r, left_out)) for r, f in part]
            cells = [_rates(seen, part), _rates(out, part)]
            answerable = sum(r.answerable for r, _ in part)
            print(
                f"| {name} | {answerable} | {len(part) - answerable} | "
                + " | ".join(f"{d} | {fa}" for d, fa in cells)
                + " |"
            )


def _masked(ranked: Ranked, left_out: list[str]) -> Ranked:
    """The question with the left-out question features at zero (the refit gives them no
    weight)."""
    if not left_out:
        return ranked
    values = [
        0.0 if n in left_out else v for n, v in zip(QUESTION_FEATURES, ranked.features, strict=True)
    ]
    return replace(ranked, features=tuple(values))


def _declined(model: LinearModel, cuts: tuple[float, float], ranked: Ranked) -> bool:
    return model.probability(ranked.features) < threshold_for(*cuts, ranked.topic_terms)


def _rates(declined: list[bool], part: list[tuple[Ranked, int]]) -> tuple[str, str]:
    """(unanswerable declined, answerable declined) as text."""
    refused = [d for d, (r, _) in zip(declined, part, strict=True) if not r.answerable]
    false = [d for d, (r, _) in zip(declined, part, strict=True) if r.answerable]
    return (
        f"{np.mean(refused):.3f}" if refused else "-",
        f"{np.mean(false):.3f}" if false else "-",
    )


if __name__ == "__main__":
    raise SystemExit(main())
