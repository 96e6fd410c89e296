"""Every quote the extractor finds in PolNeAR (dev and train) and the bundled samples, one JSON
line each, so two checkouts can be compared quote by quote: a refactor of the rules must leave
this file unchanged (`rule` is left out unless asked for, as older checkouts have none).

    python -m evals.attribution_snapshot --out quotes.jsonl    # in each checkout, then diff
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from evals.attribution import DEFAULT_CORPUS, load_articles
from ingest.quotes import extract_quotes_many

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
FIELDS = ("start", "end", "kind", "speaker", "speaker_as_written", "role", "cue")


def snapshot_texts(corpus_dir: Path) -> dict[str, str]:
    """Article id -> text: PolNeAR dev and train, then the bundled samples."""
    texts = {**load_articles(corpus_dir, "dev"), **load_articles(corpus_dir, "train")}
    with open(SAMPLES, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--with-rule", action="store_true", help="add each quote's rule")
    args = parser.parse_args(argv)
    texts = snapshot_texts(args.corpus_dir)
    started = time.perf_counter()
    found = extract_quotes_many(list(texts.values()))
    seconds = time.perf_counter() - started
    fields = (*FIELDS, "rule") if args.with_rule else FIELDS
    with open(args.out, "w", encoding="utf-8") as fh:
        for doc, quotes in zip(texts, found, strict=True):
            for q in quotes:
                fh.write(json.dumps([doc, *(getattr(q, f) for f in fields)]) + "\n")
    print(f"{len(texts)} articles, {sum(map(len, found))} quotes, {seconds:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
