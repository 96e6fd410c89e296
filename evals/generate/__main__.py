"""python -m evals.generate: write generated question sets into evals/generated/.

    python -m evals.generate [--corpus-root ../shared/corpus] [--out evals/generated]
        [--corpora bbc,press,polnear] [--seed 16] [--bbc-size N] [--press-size 900]
        [--polnear-size 300]

Writes, per corpus, `<corpus>-dev.jsonl`, `<corpus>-test.jsonl` and `<corpus>-articles.jsonl`
(the articles the store is built from; questions only come from these), and prints counts per
kind and split. The folder is git-ignored: BBC and PolNeAR text may not be committed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

from evals.generate.build import Builder, prepare
from evals.generate.corpora import CorpusSpec, pick_subset, read_articles, write_articles
from evals.generate.polnear import gold_statements
from evals.generate.statements import find_statements
from evals.generate.text import CorpusIndex
from evals.generate.topics import PhraseFinder
from evals.split import SPLITS, group_keys

REPO = Path(__file__).resolve().parents[2]
CORPORA = {
    "bbc": CorpusSpec("bbc", "bbc", None),
    "press": CorpusSpec("press", "ua_ru_presidential_press", 900),
    "polnear": CorpusSpec("polnear", "polnear", 300),
}


def generate(
    name: str, root: Path, out: Path, size: int | None, seed: int, finder: PhraseFinder
) -> Counter:
    """Generate one corpus's items and article file; returns counts by (split, kind)."""
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
    # Questions come from one article of each duplicate group; gold search finds the copies.
    keys = group_keys(groups)
    sources = [a for a in subset if keys.get(a.id, a.id) == a.id]
    if name == "polnear":
        gold = gold_statements(folder, subset)
        find = lambda article: gold.get(article.id, [])  # noqa: E731
    else:
        find = find_statements
    index = CorpusIndex({a.id: a.text for a in subset}, {a.id: a.readable for a in subset})
    contexts = prepare(sources, find, finder, keys, seed)
    items = Builder(name, index, contexts, seed).items()
    counts: Counter = Counter()
    for split in SPLITS:
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
        counts = generate(name, args.corpus_root, args.out, sizes[name], args.seed, finder)
        for split in SPLITS:
            kinds = {k: c for (s, k), c in sorted(counts.items()) if s == split}
            print(f"{name}-{split}: {sum(kinds.values())} items {kinds}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
