"""CPU of quote finding over the first N articles, split into spaCy NER and the rest.

Quote finding runs NER over speaker phrases in one batch per call of
`ingest.quotes.extract_quotes_many`, and over the phrases it defers
(`ner.LazyEntities`) only when a rule asks for one. This prints, per repetition, the CPU of
the whole extraction, of the batch NER, of the NER asked for later, and of everything else,
with the phrases and characters NER read, so a change to what NER reads is measured on the
same articles (no model pass, no store).

    python -m benchmarks.profile_ner [--corpus FILE] [--limit 300] [--repeat 3]

Run it from another checkout (`PYTHONPATH=OTHER python -m benchmarks.profile_ner`) to compare
two versions of the rules; a version without deferred phrases shows no "asked" line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest import quotes
from ingest.quoting import ner

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "../shared/corpus/bbc/articles.jsonl"


@dataclass
class NerCalls:
    """What one kind of NER call (the batch, or a deferred phrase asked for) read and cost."""

    calls: int = 0
    phrases: int = 0
    chars: int = 0
    cpu_s: float = 0.0


def counted(kind: str, stats: dict[str, NerCalls], real: Callable) -> Callable:
    """`real` (`ner.phrase_entities`) with its calls, input and CPU added to `stats[kind]`."""

    def phrase_entities(phrases: Iterable[str]) -> dict:
        phrases = list(phrases)
        started = time.process_time()
        found = real(phrases)
        entry = stats.setdefault(kind, NerCalls())
        entry.calls += 1
        entry.phrases += len(phrases)
        entry.chars += sum(map(len, phrases))
        entry.cpu_s += time.process_time() - started
        return found

    return phrase_entities


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with open(args.corpus, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.limit), fh, strict=False)]
    ner.load_ner()
    stats: dict[str, NerCalls] = {}
    real = ner.phrase_entities
    quotes.phrase_entities = counted("batch", stats, real)  # the eager batch
    ner.phrase_entities = counted("asked", stats, real)  # deferred phrases, when asked
    quotes.extract_quotes_many(texts)  # warm: the first call pays for lazy loads
    print(f"{len(texts)} articles of {args.corpus}")
    for rep in range(args.repeat):
        stats.clear()
        ner._NER_CACHE.clear()  # every repetition labels its phrases afresh
        started = time.process_time()
        quotes.extract_quotes_many(texts)
        total = time.process_time() - started
        ner_s = sum(entry.cpu_s for entry in stats.values())
        parts = " | ".join(
            f"{kind}: {e.calls} calls, {e.phrases} phrases, {e.chars} chars, {e.cpu_s:.2f} s"
            for kind, e in stats.items()
        )
        rest = total - ner_s
        print(f"rep {rep}: extract {total:.2f} s, NER {ner_s:.2f} s, rest {rest:.2f} s | {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
