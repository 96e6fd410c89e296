"""Transcript turns scored against hand-labelled Kremlin transcripts.

Gold (`tests/fixtures/kremlin_turns.jsonl`): for each item of the presidential press corpus
(`../shared/corpus/ua_ru_presidential_press`, CC BY 4.0, each item's `url` kept), the offset
where every turn's words begin (right after its speaker label's colon) and the speaker's
canonical name, labelled by reading every colon of the text; `seen_while_writing_rules` marks
the items whose errors were read while rules were written (the scores each batch had while
still unseen are in docs/notes/transcripts.md); a new batch labelled with the flag off
measures unseen text.

Predictions: the extractor's quotes of kind "transcript"; quotes that continue the previous
one across a paragraph break (nothing but white space between them, same speaker) are one turn.

Scores: turn-boundary precision, recall and F1 (a predicted start within `TOLERANCE`
characters of a gold start, one to one), and speaker accuracy over the matched turns (same
name, or one name's words a subset of the other's with the same surname: `Ola Brandt` for
`Sayyid Ola Brandt`).

    python -m evals.transcripts [--fixture PATH] [--corpus PATH] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.quotes import extract_quotes_many
from ingest.types import Quote

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FIXTURE = ROOT / "tests" / "fixtures" / "kremlin_turns.jsonl"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ua_ru_presidential_press" / "articles.jsonl"
TOLERANCE = 3


@dataclass(frozen=True)
class Turn:
    """A turn start and who speaks it."""

    start: int
    speaker: str | None


@dataclass(frozen=True)
class TurnScore:
    """Turn-boundary and speaker scores over a set of items."""

    items: int
    gold: int
    predicted: int
    matched: int
    precision: float
    recall: float
    f1: float
    speaker_correct: int
    speaker_accuracy: float


# What may stand between two pieces of one turn: space, or an editor's note in parentheses.
_BETWEEN_PIECES = re.compile(r"\s*(?:\([^()]*\)\s*)*")


def predicted_turns(text: str, quotes: list[Quote]) -> list[Turn]:
    """Transcript quotes as turns; a paragraph of the same turn, or its words after an
    editor's note in parentheses, is no new turn."""
    turns: list[Turn] = []
    previous: Quote | None = None
    for q in quotes:
        if q.kind != "transcript":
            continue
        continues = (
            previous is not None
            and previous.speaker == q.speaker
            and _BETWEEN_PIECES.fullmatch(text[previous.end : q.start]) is not None
        )
        if not continues:
            turns.append(Turn(q.start, q.speaker))
        previous = q
    return turns


def same_speaker(predicted: str | None, gold: str) -> bool:
    """Same name, or the same surname with one name's words inside the other's."""
    if predicted is None:
        return False
    p, g = predicted.lower().split(), gold.lower().split()
    return p == g or p[-1] == g[-1] and (set(p) <= set(g) or set(g) <= set(p))


def match(gold: list[Turn], predicted: list[Turn]) -> list[tuple[Turn, Turn]]:
    """One-to-one pairs of gold and predicted turns whose starts lie within TOLERANCE."""
    pairs: list[tuple[Turn, Turn]] = []
    used: set[int] = set()
    for g in gold:
        near = [
            (abs(p.start - g.start), i)
            for i, p in enumerate(predicted)
            if i not in used and abs(p.start - g.start) <= TOLERANCE
        ]
        if near:
            _, i = min(near)
            used.add(i)
            pairs.append((g, predicted[i]))
    return pairs


def load_fixture(path: Path) -> list[dict[str, Any]]:
    """The hand-labelled items, one JSON object a line."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_texts(corpus: Path, ids: set[str]) -> dict[str, str]:
    """The texts of the labelled items; a missing item is named in the error."""
    texts: dict[str, str] = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] in ids:
                texts[record["id"]] = record["text"]
    missing = ids - texts.keys()
    if missing:
        raise ValueError(f"{corpus}: labelled items not found: {', '.join(sorted(missing))}")
    return texts


def score(items: list[dict[str, Any]], predictions: dict[str, list[Turn]]) -> TurnScore:
    """Boundary P/R/F1 and speaker accuracy over `items`."""
    n_gold = n_pred = n_matched = n_speaker = 0
    for item in items:
        gold = [Turn(t["start"], t["speaker"]) for t in item["turns"]]
        predicted = predictions[item["id"]]
        pairs = match(gold, predicted)
        n_gold += len(gold)
        n_pred += len(predicted)
        n_matched += len(pairs)
        n_speaker += sum(1 for g, p in pairs if same_speaker(p.speaker, g.speaker or ""))
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TurnScore(
        items=len(items),
        gold=n_gold,
        predicted=n_pred,
        matched=n_matched,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        speaker_correct=n_speaker,
        speaker_accuracy=round(n_speaker / n_matched, 4) if n_matched else 0.0,
    )


def score_transcripts(
    fixture: Path = DEFAULT_FIXTURE, corpus: Path = DEFAULT_CORPUS
) -> dict[str, TurnScore]:
    """Scores for all labelled items, and apart for those seen / unseen while writing rules."""
    items = load_fixture(fixture)
    texts = load_texts(corpus, {item["id"] for item in items})
    ids = [item["id"] for item in items]
    quotes = extract_quotes_many([texts[i] for i in ids])
    predictions = {i: predicted_turns(texts[i], q) for i, q in zip(ids, quotes, strict=True)}
    seen = [item for item in items if item["seen_while_writing_rules"]]
    unseen = [item for item in items if not item["seen_while_writing_rules"]]
    return {
        "all": score(items, predictions),
        "seen": score(seen, predictions),
        "unseen": score(unseen, predictions),
    }


def errors(fixture: Path = DEFAULT_FIXTURE, corpus: Path = DEFAULT_CORPUS) -> list[str]:
    """One line per missed, spurious or misattributed turn, with a short context."""
    items = load_fixture(fixture)
    texts = load_texts(corpus, {item["id"] for item in items})
    quotes = extract_quotes_many([texts[item["id"]] for item in items])
    out = []
    for item, found in zip(items, quotes, strict=True):
        text = texts[item["id"]]
        gold = [Turn(t["start"], t["speaker"]) for t in item["turns"]]
        predicted = predicted_turns(text, found)
        pairs = match(gold, predicted)
        hit = {g.start for g, _ in pairs} | {p.start for _, p in pairs}
        for kind, turns in (("missed", gold), ("spurious", predicted)):
            out += [
                f"{item['id']} {kind} {t.start} {t.speaker}: {_context(text, t.start)}"
                for t in turns
                if t.start not in hit
            ]
        out += [
            f"{item['id']} speaker {p.speaker!r} for {g.speaker!r} at {g.start}"
            for g, p in pairs
            if not same_speaker(p.speaker, g.speaker or "")
        ]
    return out


def _context(text: str, pos: int) -> str:
    """The words around a turn start, for reading an error."""
    return repr(text[max(0, pos - 60) : pos + 25])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every error in context")
    parser.add_argument("--out", type=Path, help="write the scores as JSON here")
    args = parser.parse_args(argv)
    try:
        result = score_transcripts(args.fixture, args.corpus)
    except (OSError, ValueError) as exc:
        print(f"transcripts: {exc}", file=sys.stderr)
        return 1
    print(f"{'items':<8}{'n':>4}{'gold':>6}{'pred':>6}  {'boundary P/R/F1':<22}{'speaker acc':>11}")
    for name, s in result.items():
        if not s.items:
            continue
        print(
            f"{name:<8}{s.items:>4}{s.gold:>6}{s.predicted:>6}  "
            f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}   {s.speaker_accuracy:>9.3f}"
        )
    if args.errors:
        print("\n".join(errors(args.fixture, args.corpus)))
    if args.out:
        args.out.write_text(
            json.dumps({k: asdict(v) for k, v in result.items()}, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
