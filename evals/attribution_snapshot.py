"""Every quote the extractor finds in PolNeAR (dev and train) and the bundled samples, one JSON
line each, so two checkouts can be compared quote by quote: a refactor of the rules must leave
this file unchanged (`rule` is left out unless asked for, as older checkouts have none).

    python -m evals.attribution_snapshot --out quotes.jsonl    # in each checkout, then diff

`--extra FILE.jsonl` (repeatable) adds the first `--extra-limit` articles of another corpus
(the press corpus for transcripts, BBC for its run-together paragraphs).
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


def snapshot_texts(corpus_dir: Path, extra: list[Path], limit: int) -> dict[str, str]:
    """Article id -> text: PolNeAR dev and train, the bundled samples, then the extra files."""
    texts = {**load_articles(corpus_dir, "dev"), **load_articles(corpus_dir, "train")}
    for path, most in [(SAMPLES, None), *((p, limit) for p in extra)]:
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh][:most]
        texts.update((record["id"], record["text"]) for record in records)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--with-rule", action="store_true", help="add each quote's rule")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--extra-limit", type=int, default=500)
    args = parser.parse_args(argv)
    texts = snapshot_texts(args.corpus_dir, args.extra, args.extra_limit)
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
