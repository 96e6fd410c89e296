"""Every quote the extractor finds in PolNeAR (dev and train) and the bundled samples, one JSON
line each, so two checkouts can be compared quote by quote: a refactor of the rules must leave
this file unchanged (`rule` is left out unless asked for, as older checkouts have none).

    python -m evals.attribution_snapshot --out quotes.jsonl    # in each checkout, then diff

`--extra FILE.jsonl` (repeatable) adds the first `--extra-limit` articles of another corpus
(the press corpus for transcripts, BBC for its run-together paragraphs).

`--compare BEFORE.jsonl` then says what a rule change did to unlabelled news: how many quotes
were dropped, added, kept their span but changed speaker, or changed span, against an earlier
snapshot, with a sample of each (article id, rule, speaker and the quoted text) to read.
`--after AFTER.jsonl` compares two existing snapshots without extracting again.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from evals.attribution import DEFAULT_CORPUS, load_articles
from ingest.quotes import extract_quotes_many

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles.jsonl"
FIELDS = ("start", "end", "kind", "speaker", "speaker_as_written", "role", "cue")
SHOWN_CHARS = 200  # of a quote's text in a printed sample


class SnapQuote(NamedTuple):
    """One snapshot line: the article id, then `FIELDS`, then the rule when it was written."""

    doc: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_as_written: str | None
    role: str | None
    cue: str | None
    rule: str | None = None


class Change(NamedTuple):
    """A quote as it was and as it is; `None` on the side where it is missing."""

    before: SnapQuote | None
    after: SnapQuote | None


class Comparison(NamedTuple):
    """Two snapshots quote by quote. A quote keeps its identity through a span change when it
    overlaps its old span (the closest overlap wins), so a trimmed statement is a changed span,
    not a drop and an add."""

    dropped: list[Change]
    added: list[Change]
    speaker_changed: list[Change]  # same span, another speaker
    span_changed: list[Change]  # another span (the speaker may have changed too)
    unchanged: int


def snapshot_texts(corpus_dir: Path, extra: list[Path], limit: int) -> dict[str, str]:
    """Article id -> text: PolNeAR dev and train, the bundled samples, then the extra files."""
    texts = {**load_articles(corpus_dir, "dev"), **load_articles(corpus_dir, "train")}
    for path, most in [(SAMPLES, None), *((p, limit) for p in extra)]:
        with open(path, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh][:most]
        texts.update((record["id"], record["text"]) for record in records)
    return texts


def read_snapshot(path: Path) -> list[SnapQuote]:
    """The quotes of a snapshot file; a blank or malformed line is skipped, not fatal."""
    quotes = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                quotes.append(SnapQuote(*json.loads(line)))
            except (ValueError, TypeError):
                continue
    return quotes


def _by_doc(quotes: list[SnapQuote]) -> dict[str, list[SnapQuote]]:
    grouped: dict[str, list[SnapQuote]] = defaultdict(list)
    for q in quotes:
        grouped[q.doc].append(q)
    return grouped


def _overlap(a: SnapQuote, b: SnapQuote) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _compare_doc(before: list[SnapQuote], after: list[SnapQuote], out: Comparison) -> int:
    """Add one article's changes to `out`; return how many quotes are unchanged."""
    unchanged = 0
    rest_before: list[SnapQuote] = []
    waiting: dict[tuple[int, int], list[SnapQuote]] = defaultdict(list)
    for q in after:
        waiting[q.start, q.end].append(q)
    for q in before:
        same = waiting.get((q.start, q.end))
        if not same:
            rest_before.append(q)
            continue
        now = same.pop(0)
        if now.speaker == q.speaker:
            unchanged += 1
        else:
            out.speaker_changed.append(Change(q, now))
    rest_after = [q for qs in waiting.values() for q in qs]
    pairs = sorted(
        (
            (_overlap(b, a), i, j)
            for i, b in enumerate(rest_before)
            for j, a in enumerate(rest_after)
        ),
        reverse=True,
    )
    used_before: set[int] = set()
    used_after: set[int] = set()
    for overlap, i, j in pairs:
        if overlap > 0 and i not in used_before and j not in used_after:
            used_before.add(i)
            used_after.add(j)
            out.span_changed.append(Change(rest_before[i], rest_after[j]))
    out.dropped.extend(Change(q, None) for i, q in enumerate(rest_before) if i not in used_before)
    out.added.extend(Change(None, q) for j, q in enumerate(rest_after) if j not in used_after)
    return unchanged


def compare_snapshots(before: list[SnapQuote], after: list[SnapQuote]) -> Comparison:
    """What changed from `before` to `after`, article by article."""
    out = Comparison([], [], [], [], 0)
    old, new = _by_doc(before), _by_doc(after)
    unchanged = sum(_compare_doc(old.get(doc, []), new.get(doc, []), out) for doc in old | new)
    return out._replace(unchanged=unchanged)


def _shown(q: SnapQuote, texts: dict[str, str]) -> str:
    """A quote as one readable line: its rule, speaker and text (when the article is known)."""
    text = texts.get(q.doc, "")[q.start : q.end].replace("\n", " / ")
    if len(text) > SHOWN_CHARS:
        text = text[:SHOWN_CHARS] + "..."
    return f"{q.kind}:{q.rule or '-'} speaker={q.speaker!r} [{q.start}:{q.end}] {text!r}"


def format_comparison(comparison: Comparison, texts: dict[str, str], sample: int) -> str:
    """The counts, then up to `sample` changes of each kind (a fixed random sample)."""
    kinds = ("dropped", "added", "speaker_changed", "span_changed")
    lines = [
        "  ".join(f"{kind} {len(getattr(comparison, kind))}" for kind in kinds)
        + f"  unchanged {comparison.unchanged}"
    ]
    rng = random.Random(0)
    for kind in kinds:
        changes: list[Change] = getattr(comparison, kind)
        if changes:
            lines.append(f"\n== {kind}: {len(changes)}")
        for change in rng.sample(changes, min(sample, len(changes))):
            doc = (change.before or change.after).doc  # type: ignore[union-attr]
            lines.append(f"- {doc}")
            lines.extend(
                f"    {side}: {_shown(q, texts)}"
                for side, q in (("before", change.before), ("after", change.after))
                if q is not None
            )
    return "\n".join(lines)


def write_snapshot(texts: dict[str, str], out: Path, with_rule: bool) -> None:
    """Extract every article's quotes and write them, one JSON line per quote."""
    started = time.perf_counter()
    found = extract_quotes_many(list(texts.values()))
    seconds = time.perf_counter() - started
    fields = (*FIELDS, "rule") if with_rule else FIELDS
    with open(out, "w", encoding="utf-8") as fh:
        for doc, quotes in zip(texts, found, strict=True):
            for q in quotes:
                fh.write(json.dumps([doc, *(getattr(q, f) for f in fields)]) + "\n")
    print(f"{len(texts)} articles, {sum(map(len, found))} quotes, {seconds:.1f} s -> {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="write the snapshot here")
    parser.add_argument("--with-rule", action="store_true", help="add each quote's rule")
    parser.add_argument("--extra", type=Path, action="append", default=[])
    parser.add_argument("--extra-limit", type=int, default=500)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--after", type=Path, help="compare this snapshot, do not extract")
    parser.add_argument("--sample", type=int, default=10, help="changes shown per kind")
    args = parser.parse_args(argv)
    if args.after is None and args.out is None:
        parser.error("--out is required unless --after names a snapshot to compare")
    if args.after is not None and args.compare is None:
        parser.error("--after needs --compare")
    texts = snapshot_texts(args.corpus_dir, args.extra, args.extra_limit)
    if args.after is None:
        write_snapshot(texts, args.out, args.with_rule)
    if args.compare is not None:
        after = read_snapshot(args.after or args.out)
        comparison = compare_snapshots(read_snapshot(args.compare), after)
        print(format_comparison(comparison, texts, args.sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
