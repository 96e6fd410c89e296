"""CPU time of the NER-free quotation passes (the rule tables) per stage, best of N runs.

Extraction = these passes + one batched NER call on the speaker phrases; the passes are what
the rules cost. Run it from two checkouts to compare them on the same machine, alternating:

    PYTHONPATH=<checkout> python benchmarks/bench_quote_rules.py [--articles 300] [--runs 4]

(`PYTHONPATH` picks the checkout whose `ingest` is timed; older checkouts name the per-text
record `Doc` instead of `Findings`, which this script accepts.)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ingest.quoting import model
from ingest.quoting.labels import find_labels
from ingest.quoting.marks import attach_phrase, find_pieces
from ingest.quoting.narrative import narrative_names
from ingest.quoting.reported import find_indirect
from ingest.quoting.roles import find_roles
from ingest.text import paragraph_spans, sentence_spans

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "polnear" / "articles.jsonl"
STAGES = ("sentences", "pieces", "statements", "roles", "names")
Record = getattr(model, "Findings", None) or model.Doc  # type: ignore[attr-defined]


def one_run(texts: list[str]) -> list[float]:
    """Seconds of CPU per stage over all texts."""
    spent = [0.0] * len(STAGES)
    for text in texts:
        t0 = time.process_time()
        doc = Record(text=text, paragraphs=paragraph_spans(text), sentences=[])
        for start, end in doc.paragraphs:
            doc.sentences.extend(sentence_spans(text, start, end))
        doc.labels = find_labels(text)
        t1 = time.process_time()
        doc.pieces = find_pieces(text, doc.paragraphs)
        for piece in doc.pieces:
            attach_phrase(doc, piece)
        t2 = time.process_time()
        doc.indirect = find_indirect(doc)
        t3 = time.process_time()
        doc.roles = find_roles(text)
        t4 = time.process_time()
        doc.names = narrative_names(doc)
        t5 = time.process_time()
        for i, (a, b) in enumerate(((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5))):
            spent[i] += b - a
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][: args.articles]
    one_run(texts[:20])  # warm the regex caches
    runs = [one_run(texts) for _ in range(args.runs)]
    best = [min(run[i] for run in runs) for i in range(len(STAGES))]
    cells = "  ".join(f"{name} {seconds:.3f}" for name, seconds in zip(STAGES, best, strict=True))
    print(
        f"{Path(model.__file__).parents[2].name}: {len(texts)} articles, CPU s: {cells}, "
        f"total {sum(best):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
