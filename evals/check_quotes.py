"""How well `quotedesk check` tells a faithful quotation from a misquoted, misattributed or
cut one: a seeded check set built by perturbing the store's own attributed quotations.

Each item takes a stored quotation by a named speaker and applies one perturbation, whose
expected verdict is known; all but the swapped items name the true speaker half of the time:

| kind            | what changes                                             | expected       |
|-----------------|----------------------------------------------------------|----------------|
| untouched       | nothing                                                  | exact          |
| changed_word    | an inner word replaced by a word of another quotation    | misquoted      |
| dropped_word    | an inner word left out                                   | misquoted      |
| added_sentence  | a sentence of another article's quotation appended       | misquoted      |
| cut_clause      | only one clause of a longer quotation                    | out_of_context |
| swapped_speaker | the words, attributed to another named speaker           | misattributed  |

    python -m evals.check_quotes --store /tmp/features-store [--corpus FILE.jsonl]
        [--per-kind 200] [--seed 7] [--out result.json]

`--corpus` ingests the file first when the store is empty. Prints accuracy per kind, false
alarms on untouched quotations and latency (p50, p95), and writes them with every miss to
`--out`. The quotations come from the store you point it at; nothing is committed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from app.alignment import words
from app.settings import set_process_switches
from ingest.speakers.mentions import is_named_speaker

MIN_WORDS = 8  # shorter quotations are too short to perturb and still recognise
MAX_WORDS = 120
CLAUSE_MIN_WORDS = 5
CLAUSE_MAX_SHARE = 0.6
_CLAUSE_BREAK = re.compile(r"[,;:.!?—–]\s+")
_SENTENCE = re.compile(r"[^.!?]+[.!?]")


@dataclass(frozen=True)
class Source:
    quote_id: str
    text: str
    speaker: str  # canonical
    article_id: str


@dataclass(frozen=True)
class Item:
    kind: str
    expected: str
    quotation: str
    speaker: str | None
    source_quote: str


Perturb = Callable[[Source, random.Random, list[Source], list[str]], Item | None]


def _inner_word(text: str, rng: random.Random) -> tuple[int, int] | None:
    """The span of a random inner word of at least 4 letters (not the first or last word)."""
    found = words(text)[1:-1]
    candidates = [w for w in found if len(w.norm) >= 4]
    if not candidates:
        return None
    word = rng.choice(candidates)
    return word.start, word.end


def untouched(src: Source, rng: random.Random, _: list[Source], __: list[str]) -> Item:
    speaker = src.speaker if rng.random() < 0.5 else None
    return Item("untouched", "exact", src.text, speaker, src.text)


def changed_word(src: Source, rng: random.Random, _: list[Source], vocab: list[str]) -> Item | None:
    span = _inner_word(src.text, rng)
    if span is None:
        return None
    old = src.text[span[0] : span[1]].lower()
    new = rng.choice([w for w in rng.sample(vocab, 20) if w != old] or ["banana"])
    text = src.text[: span[0]] + new + src.text[span[1] :]
    return Item("changed_word", "misquoted", text, None, src.text)


def dropped_word(src: Source, rng: random.Random, _: list[Source], __: list[str]) -> Item | None:
    span = _inner_word(src.text, rng)
    if span is None:
        return None
    text = " ".join((src.text[: span[0]] + src.text[span[1] :]).split())
    return Item("dropped_word", "misquoted", text, None, src.text)


def added_sentence(
    src: Source, rng: random.Random, pool: list[Source], _: list[str]
) -> Item | None:
    others = [s for s in rng.sample(pool, min(30, len(pool))) if s.article_id != src.article_id]
    sentences = [
        s.strip() for other in others for s in _SENTENCE.findall(other.text) if len(words(s)) >= 6
    ]
    if not sentences:
        return None
    text = f"{src.text.rstrip()} {rng.choice(sentences)}"
    return Item("added_sentence", "misquoted", text, None, src.text)


def cut_clause(src: Source, rng: random.Random, _: list[Source], __: list[str]) -> Item | None:
    total = len(words(src.text))
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(src.text)), len(src.text)]
    clauses = [
        src.text[a:b].strip(" ,;:—–")
        for a, b in zip(bounds, bounds[1:], strict=False)
        if CLAUSE_MIN_WORDS <= len(words(src.text[a:b])) <= CLAUSE_MAX_SHARE * total
    ]
    if not clauses:
        return None
    return Item("cut_clause", "out_of_context", rng.choice(clauses), None, src.text)


def swapped_speaker(
    src: Source, rng: random.Random, pool: list[Source], _: list[str]
) -> Item | None:
    others = sorted({s.speaker for s in pool} - {src.speaker})
    if not others:
        return None
    return Item("swapped_speaker", "misattributed", src.text, rng.choice(others), src.text)


# Kinds whose items name the true speaker half of the time (the verdict must not change).
NAMED_HALF = frozenset({"changed_word", "dropped_word", "added_sentence", "cut_clause"})

PERTURBATIONS: tuple[Perturb, ...] = (
    untouched,
    changed_word,
    dropped_word,
    added_sentence,
    cut_clause,
    swapped_speaker,
)


def sources(desk) -> list[Source]:
    """Attributed, named, not-too-short quotations whose words no one else is stored saying."""
    index = desk.speaker_index()
    speakers_of: dict[str, set[str]] = defaultdict(set)
    found = []
    for qid, (quote, article_id) in desk.retriever.quotes.items():
        if not quote.speaker or quote.kind == "indirect":
            continue
        key = " ".join(w.norm for w in words(quote.text))
        speaker = index.canonical(quote.speaker)
        speakers_of[key].add(speaker)
        if is_named_speaker(speaker) and MIN_WORDS <= len(key.split()) <= MAX_WORDS:
            found.append((key, Source(qid, quote.text, speaker, article_id)))
    return [src for key, src in found if len(speakers_of[key]) == 1]


def build_items(pool: list[Source], per_kind: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    vocab = sorted({w.norm for s in pool for w in words(s.text) if len(w.norm) >= 4})
    items = []
    for perturb in PERTURBATIONS:
        made = 0
        for _ in range(per_kind * 20):
            if made == per_kind:
                break
            src = rng.choice(pool)
            item = perturb(src, rng, pool, vocab)
            if item is not None and item.speaker is None and item.kind in NAMED_HALF:
                item = replace(item, speaker=src.speaker if rng.random() < 0.5 else None)
            if item is not None:
                items.append(item)
                made += 1
    return items


def run(desk, items: list[Item]) -> dict:
    desk.check("warm-up: load the model and the indexes")
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    latencies = []
    parts: dict[str, list[float]] = defaultdict(list)
    misses = []
    for item in items:
        started = time.perf_counter()
        result = desk.check(item.quotation, item.speaker)
        latencies.append((time.perf_counter() - started) * 1000.0)
        for part in ("search", "align"):
            parts[part].append(result.timings_ms.get(part, 0.0))
        totals[item.kind] += 1
        if result.verdict == item.expected:
            hits[item.kind] += 1
        else:
            misses.append({**asdict(item), "verdict": result.verdict})
    untouched_total = totals["untouched"]
    return {
        "items": len(items),
        "accuracy": {k: round(hits[k] / totals[k], 4) for k in totals},
        "false_alarms_untouched": round(1 - hits["untouched"] / max(untouched_total, 1), 4),
        "latency_ms": {
            "p50": round(statistics.median(latencies), 1),
            "p95": round(statistics.quantiles(latencies, n=20)[18], 1),
            **{f"{part}_p50": round(statistics.median(v), 1) for part, v in parts.items()},
        },
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--store", required=True, help="Store folder (built with --corpus).")
    parser.add_argument("--corpus", help="Article file to ingest when the store is empty.")
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="Write the result (with every miss) here as JSON.")
    args = parser.parse_args(argv)
    set_process_switches()

    from app.api import QuoteDesk

    desk = QuoteDesk.open(args.store)
    if args.corpus and not desk.retriever.quotes:
        report = desk.ingest([args.corpus], progress=False)
        print(report.summary(), file=sys.stderr)
    pool = sources(desk)
    if not pool:
        print(f"error: no attributed quotations in {args.store}", file=sys.stderr)
        return 1
    items = build_items(pool, args.per_kind, args.seed)
    result = run(desk, items)
    stats = desk.stats()
    result = {
        "store": {k: stats[k] for k in ("articles", "quotes") if k in stats},
        "seed": args.seed,
        "source_quotations": len(pool),
        **result,
    }
    for kind, accuracy in result["accuracy"].items():
        print(f"{kind:16s} {accuracy:.3f}")
    print(f"false alarms on untouched: {result['false_alarms_untouched']:.3f}")
    print(
        f"items: {result['items']}, latency p50 {result['latency_ms']['p50']} ms, "
        f"p95 {result['latency_ms']['p95']} ms (p50 of the search "
        f"{result['latency_ms']['search_p50']} ms, of the alignment "
        f"{result['latency_ms']['align_p50']} ms); store {result['store']}"
    )
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
