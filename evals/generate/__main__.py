"""python -m evals.generate: write generated question sets into evals/generated/.

    python -m evals.generate [--corpus-root ../shared/corpus] [--out evals/generated]
        [--corpora bbc,press,polnear] [--seed 16] [--bbc-size N] [--press-size 900]
        [--polnear-size 300] [--fit]

Writes, per corpus, `<corpus>-dev.jsonl`, `<corpus>-test.jsonl` and `<corpus>-articles.jsonl`
(the articles the store is built from; questions only come from these), and prints counts per
kind and split. `--fit` adds `<corpus>-fit.jsonl` and `<corpus>-fit-articles.jsonl` where the
corpus has articles outside the subset (press, PolNeAR): questions generated the same way from
those articles (`corpora.fit_pool`: no duplicate, identical text or near copy of an eval
article; no item whose evidence an eval article holds), every row `split: "fit"`. They add
training data for the ranker (`evals.fit_ranker`, `evals.ranker_folds --extra`); `evals.run`
never scores them. The dev, test and article files are written exactly as without it. The
folder is git-ignored: BBC and PolNeAR text may not be committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

from evals.generate.build import Builder
from evals.generate.contexts import prepare
from evals.generate.corpora import (
    Article,
    CorpusSpec,
    fit_pool,
    pick_subset,
    read_articles,
    write_articles,
)
from evals.generate.items import Item
from evals.generate.polnear import gold_statements
from evals.generate.statements import find_statements
from evals.generate.text import CorpusIndex
from evals.generate.topics import PhraseFinder
from evals.split import FIT, SPLITS, group_keys

REPO = Path(__file__).resolve().parents[2]
CORPORA = {
    "bbc": CorpusSpec("bbc", "bbc", None),
    "press": CorpusSpec("press", "ua_ru_presidential_press", 900),
    "polnear": CorpusSpec("polnear", "polnear", 300),
}


def generate(
    name: str,
    root: Path,
    out: Path,
    size: int | None,
    seed: int,
    finder: PhraseFinder,
    fit: bool = False,
) -> Counter:
    """Generate one corpus's items and article file; returns counts by (split, kind). With
    `fit`, also the fit pool's (articles outside the subset, `fit_pool`), after the eval
    files, which the option leaves as they are."""
    folder = root / CORPORA[name].folder
    articles = read_articles(folder / "articles.jsonl")
    groups: list[list[str]] = []
    duplicates = folder / "duplicates.json"
    if duplicates.exists():
        groups = json.loads(duplicates.read_text(encoding="utf-8"))
        shutil.copy(duplicates, out / "duplicates.json")
    if name == "polnear":
        articles = [a for a in articles if a.record.get("section") == "train"]
    subset = pick_subset(articles, size)
    write_articles(subset, out / f"{name}-articles.jsonl")
    checks: Counter = Counter()
    items = questions(name, folder, subset, groups, seed, finder, checks=checks)
    counts = write_items(name, out, items, SPLITS)
    pool = fit_pool(articles, subset, groups) if fit else []
    if pool:
        write_articles(pool, out / f"{name}-{FIT}-articles.jsonl")
        found = questions(name, folder, pool, groups, seed, finder, FIT, checks)
        counts += write_items(name, out, outside(found, subset), (FIT,))
    write_manifest(out / f"{name}-checks{'-fit' if fit else ''}.json", counts, checks)
    return counts


def write_manifest(path: Path, counts: Counter, checks: Counter) -> None:
    """Per split and kind: items written and what each check rewrote or dropped (a dropped
    statement's items are never made, so they have no kind). Printed as one line too."""
    rows: dict[str, dict] = {}
    for (split, kind), n in sorted(counts.items()):
        rows.setdefault(split, {}).setdefault(kind, {})["items"] = n
    for key, n in sorted(checks.items()):
        entry = rows.setdefault(key.split, {}).setdefault(key.kind, {})
        entry[f"{key.rule}:{key.outcome}"] = n
    path.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    line = {s: {r.rule + ":" + r.outcome: 0 for r in checks if r.split == s} for s in rows}
    for key, n in checks.items():
        line[key.split][f"{key.rule}:{key.outcome}"] += n
    print(f"{path.name}: {json.dumps(line, sort_keys=True)}")


def questions(
    name: str,
    folder: Path,
    articles: list[Article],
    groups: list[list[str]],
    seed: int,
    finder: PhraseFinder,
    split: str | None = None,
    checks: Counter | None = None,
) -> list[Item]:
    """The items of one article set, its own corpus: gold and unanswerable checks search
    only these articles, the store built from their file. What the specificity and name
    checks did is added to `checks` (`specific.Counts` -> items)."""
    # Questions come from one article of each duplicate group; gold search finds the copies.
    keys = group_keys(groups)
    sources = [a for a in articles if keys.get(a.id, a.id) == a.id]
    if name == "polnear":
        gold = gold_statements(folder, articles)
        find = lambda article: gold.get(article.id, [])  # noqa: E731
    else:
        find = find_statements
    index = CorpusIndex({a.id: a.text for a in articles}, {a.id: a.readable for a in articles})
    contexts = prepare(sources, find, finder, keys, seed, split)
    builder = Builder(name, index, contexts, seed)
    items = builder.items()
    if checks is not None:
        checks.update(builder.counts)
    return items


def outside(items: list[Item], subset: list[Article]) -> list[Item]:
    """The fit items none of whose evidence strings an eval article holds: a statement two
    releases repeat would otherwise train on the words a dev question is scored on."""
    held = CorpusIndex({a.id: a.text for a in subset})
    return [i for i in items if not any(held.exact(e) for e in i.evidence_any)]


def write_items(name: str, out: Path, items: list[Item], splits: tuple[str, ...]) -> Counter:
    """`<name>-<split>.jsonl` for each split; counts by (split, kind)."""
    counts: Counter = Counter()
    for split in splits:
        rows = [i for i in items if i.split == split]
        with open(out / f"{name}-{split}.jsonl", "w", encoding="utf-8") as fh:
            for item in rows:
                fh.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
                counts[(split, item.kind)] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate dev/test question sets from the corpora.")
    ap.add_argument("--corpus-root", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=REPO / "evals" / "generated")
    ap.add_argument("--corpora", default="bbc,press,polnear")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--bbc-size", type=int, default=CORPORA["bbc"].size)
    ap.add_argument("--press-size", type=int, default=CORPORA["press"].size)
    ap.add_argument("--polnear-size", type=int, default=CORPORA["polnear"].size)
    ap.add_argument(
        "--fit",
        action="store_true",
        help="also write <corpus>-fit.jsonl from the articles outside the eval subset",
    )
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    finder = PhraseFinder()
    sizes = {"bbc": args.bbc_size, "press": args.press_size, "polnear": args.polnear_size}
    failed = 0
    for name in [c.strip() for c in args.corpora.split(",") if c.strip()]:
        if name not in CORPORA:
            print(f"{name}: unknown corpus (choose from {', '.join(CORPORA)})", file=sys.stderr)
            failed += 1
            continue
        if not (args.corpus_root / CORPORA[name].folder / "articles.jsonl").exists():
            print(
                f"{name}: no articles.jsonl under {args.corpus_root / CORPORA[name].folder}",
                file=sys.stderr,
            )
            failed += 1
            continue
        counts = generate(
            name, args.corpus_root, args.out, sizes[name], args.seed, finder, args.fit
        )
        for split in (*SPLITS, FIT) if args.fit else SPLITS:
            kinds = {k: c for (s, k), c in sorted(counts.items()) if s == split}
            print(f"{name}-{split}: {sum(kinds.values())} items {kinds}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
