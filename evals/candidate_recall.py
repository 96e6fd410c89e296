"""Where answerable questions lose their evidence: in candidate generation or in ranking.

    python -m evals.candidate_recall --dataset evals/generated/press-dev.jsonl \
        --store STORE_PRESS [--split dev] [--limit 500] [--passages 40] [--quotes 80] \
        [--json OUT.json] [--show 3]

Why: an answer can cite the evidence only when one of its candidate units holds it, and then
only when the ranker puts that unit first; the eval's hit@1 mixes the two. For each answerable
question this reads the candidates `QuoteDesk.evidence` offers once, deeper than `ask` reads
them (`--passages` hybrid passages, the asked speaker's `--quotes` best quotations), labels
each by the eval's strict rule (`evals.metrics.is_strict`), and keeps the rank its passage and
its quotation had in the two searches (the `chunk_rank` and `quote_rank` features). From those
ranks every shallower candidate set is known exactly: a unit is a candidate at depth (P, Q)
when its passage is in the top P, or, for a quotation, the quotation is in the top Q. The
ranker then scores that set with the rank features it would have had there
(`desk.ranker.rank`), so one pass gives the recall and the top unit at every depth.

Each question is counted at the first stage that loses it, at `ask`'s depth:
- `first`: the top unit holds the evidence;
- `ranked_low`: a candidate holds it, not the top one;
- `deeper_passages` / `deeper_quotes`: only a unit of a passage, or (failing that) a
  quotation, that the deeper read reached;
- `passage_no_unit`: a passage read holds the evidence but none of its units does;
- `speaker_pool`: the evidence lies in one of the asked speaker's stored quotations that not
  even the deeper read reached;
- `not_found`: none of these.

Passage search alone is also counted (`passage_class`), at the passages `ask` reads: a passage
there holds the evidence (`chunk`); only another passage of a gold article is there
(`article`: the article is found, the passage is not); no passage of a gold article is there
(`missed`). Speaker and who-said questions have the quote search besides, so a question
`missed` by passages may still have its evidence among the candidates.

Speaker questions are also counted by how many of the asked person's candidates hold the
whole topic: where ten or more do, any of them answers the user but only one is gold
(`evals.specificity`); where none does, the topic is not written in their words at all. The
losses where exactly one does are search's or the ranker's for sure.

Dev splits only, like the ranker's fit (a row whose `split` is "test" stops the run).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import click

from app.evidence.features import FEATURES
from app.settings import set_process_switches
from evals.metrics import ANSWERABLE_KINDS, Ref, is_strict
from evals.run import limit_rows, load_dataset

STAGES = (
    "first",
    "ranked_low",
    "deeper_passages",
    "deeper_quotes",
    "passage_no_unit",
    "speaker_pool",
    "not_found",
)
# Buckets of `Traced.fitting`: with many of the person's quotations holding the whole topic,
# any of them answers the user but only one is gold (`evals.specificity`), so a loss there
# says little about search or ranking; with none, the topic is not written in the person's
# words at all (a generated topic phrased from the article around the quotation).
FITTING = (("0", 0, 0), ("1", 1, 1), ("2-9", 2, 9), ("10+", 10, 10**9))
PASSAGE_CLASSES = ("chunk", "article", "missed")
PASSAGE_DEPTHS = (10, 20, 40)
QUOTE_DEPTHS = (30, 60, 80)
_CHUNK_RANK = FEATURES.index("chunk_rank")
_QUOTE_RANK = FEATURES.index("quote_rank")
_COVER = FEATURES.index("unit_cover")
_ASKED = FEATURES.index("speaker_asked")

Depth = tuple[int, int]  # (passages, quotations)


@dataclass(frozen=True)
class Seen:
    """One candidate unit as the count reads it."""

    passage_rank: int | None  # 0-based rank of its passage in the hybrid search, if read
    quote_rank: int | None  # 0-based rank of its quotation in the quote search (None: a sentence)
    gold: bool  # holds gold evidence (strict)


@dataclass(frozen=True)
class Traced:
    """One answerable question's candidates and what the ranker made of them."""

    id: str
    question: str
    family: str  # speaker / who_said / general
    units: tuple[Seen, ...]
    top: dict[Depth, bool]  # the top unit holds the evidence, at each depth
    first_gold: int | None  # position of the first gold unit in the ranking at `ask`'s depth
    passage_holds: bool  # a passage read holds the evidence (checked when no unit does)
    asked_pool: bool  # the evidence lies in one of the asked speaker's stored quotations
    fitting: int = 0  # the asked speaker's candidates at `ask`'s depth holding the whole topic
    asked: Depth = (10, 30)  # the depth `ask` reads for this question's family
    gold_chunk: int | None = None  # best passage rank of a passage holding the evidence
    gold_article: int | None = None  # best passage rank of a passage of a gold article


def reached(seen: Seen, depth: Depth) -> bool:
    """Whether the unit is a candidate when P passages and Q quotations are read."""
    passages, quotes = depth
    by_passage = seen.passage_rank is not None and seen.passage_rank < passages
    return by_passage or (seen.quote_rank is not None and seen.quote_rank < quotes)


def stage(traced: Traced, depth: Depth | None = None) -> str:
    """The first stage that loses the question's evidence at this depth (`STAGES`; at the
    depth `ask` reads for its family when none is given)."""
    depth = depth or traced.asked
    if traced.top.get(depth):
        return "first"
    gold = [u for u in traced.units if u.gold]
    if any(reached(u, depth) for u in gold):
        return "ranked_low"
    if any(u.passage_rank is not None for u in gold):
        return "deeper_passages"
    if gold:
        return "deeper_quotes"
    if traced.passage_holds:
        return "passage_no_unit"
    if traced.asked_pool:
        return "speaker_pool"
    return "not_found"


def passage_class(traced: Traced, passages: int | None = None) -> str:
    """Where passage search alone leaves the evidence in the top `passages` (`ask`'s for the
    question's family when none is given): `PASSAGE_CLASSES`."""
    passages = passages or traced.asked[0]
    if traced.gold_chunk is not None and traced.gold_chunk < passages:
        return "chunk"
    if traced.gold_article is not None and traced.gold_article < passages:
        return "article"
    return "missed"


def passage_table(questions: Sequence[Traced]) -> list[str]:
    """Markdown: per family, the questions of each `passage_class` (shares of the family)."""
    return _share_table(questions, PASSAGE_CLASSES, passage_class)


def recall(questions: Sequence[Traced], depth: Depth) -> float:
    """Share of the questions with a candidate holding the evidence at this depth."""
    hits = sum(any(u.gold and reached(u, depth) for u in q.units) for q in questions)
    return hits / len(questions) if questions else 0.0


def top_share(questions: Sequence[Traced], depth: Depth) -> float:
    """Share of the questions whose top unit holds the evidence at this depth."""
    return sum(bool(q.top.get(depth)) for q in questions) / len(questions) if questions else 0.0


def stage_table(questions: Sequence[Traced], depth: Depth | None = None) -> list[str]:
    """Markdown: per family, how many questions each stage loses (shares of the family)."""
    return _share_table(questions, STAGES, lambda q: stage(q, depth))


def _share_table(
    questions: Sequence[Traced], classes: Sequence[str], classify: Callable[[Traced], str]
) -> list[str]:
    """Markdown: per family and for all, the share (and count) of questions in each class."""
    families = sorted({q.family for q in questions})
    lines = [
        "| family | questions | " + " | ".join(classes) + " |",
        "|---|---:|" + "---:|" * len(classes),
    ]
    for family in [*families, "all"]:
        group = [q for q in questions if family in ("all", q.family)]
        counts = Counter(classify(q) for q in group)
        cells = [f"{counts[c] / len(group):.3f} ({counts[c]})" for c in classes]
        lines.append(f"| {family} | {len(group)} | " + " | ".join(cells) + " |")
    return lines


def fitting_table(questions: Sequence[Traced], depth: Depth | None = None) -> list[str]:
    """Markdown: the speaker questions' stages by how many of the person's candidates hold the
    whole topic (`FITTING`): the losses where exactly one does are surely real."""
    speaker = [q for q in questions if q.family == "speaker"]
    lines = [
        "| asked person's candidates holding the whole topic | questions | "
        + " | ".join(STAGES)
        + " |",
        "|---|---:|" + "---:|" * len(STAGES),
    ]
    for label, low, high in FITTING:
        group = [q for q in speaker if low <= q.fitting <= high]
        counts = Counter(stage(q, depth) for q in group)
        lines.append(
            f"| {label} | {len(group)} | " + " | ".join(str(counts[s]) for s in STAGES) + " |"
        )
    return lines


def depth_table(questions: Sequence[Traced], depths: Iterable[Depth]) -> list[str]:
    """Markdown: per depth, candidate recall and the top unit's hit, per family."""
    families = sorted({q.family for q in questions})
    head = " | ".join(f"{f} recall / top" for f in [*families, "all"])
    lines = [f"| passages | quotations | {head} |", "|---:|---:|" + "---|" * (len(families) + 1)]
    for depth in depths:
        cells = []
        for family in [*families, "all"]:
            group = [q for q in questions if family in ("all", q.family)]
            cells.append(f"{recall(group, depth):.3f} / {top_share(group, depth):.3f}")
        lines.append(f"| {depth[0]} | {depth[1]} | " + " | ".join(cells) + " |")
    return lines


def rank_of(rank_feature: float) -> int | None:
    """The 0-based search rank a `chunk_rank` / `quote_rank` feature stands for (1 / (1 + r))."""
    return None if rank_feature <= 0 else round(1.0 / rank_feature) - 1


def at_depth(candidate: Any, seen: Seen, depth: Depth) -> Any:
    """The candidate with the rank features it has when only `depth` is read."""
    features = list(candidate.features)
    if seen.passage_rank is None or seen.passage_rank >= depth[0]:
        features[_CHUNK_RANK] = 0.0
    quote = rank_of(features[_QUOTE_RANK])
    if quote is None or quote >= depth[1]:
        features[_QUOTE_RANK] = 0.0
    return replace(candidate, features=tuple(features))


class Tracer:
    """Reads one desk's candidates deeper than `ask` does and labels them."""

    def __init__(self, desk: Any, passages: int, quotes: int) -> None:
        self.desk = desk
        finder = desk.answerer.finder
        self.asked_depth: Depth = (finder.passages, finder.speaker_quotes)
        # a general question reads more passages (`app.evidence.finder.GENERAL_PASSAGES`)
        self.general_depth: Depth = (finder.general_passages, finder.speaker_quotes)
        # never shallower than `ask` reads, or its depth would be counted on fewer candidates
        finder.passages = finder.general_passages = max(passages, self.general_depth[0])
        finder.speaker_quotes = quotes
        self.depths = sorted(
            {(p, q) for p in PASSAGE_DEPTHS for q in QUOTE_DEPTHS if p <= passages and q <= quotes}
            | {self.asked_depth, self.general_depth}
        )
        self._texts: dict[str, str] = {}

    def text(self, article_id: str) -> str:
        if article_id not in self._texts:
            article = self.desk.article(article_id)
            self._texts[article_id] = article.text if article else ""
        return self._texts[article_id]

    def holds(self, article_id: str, text: str, start: int, end: int, gold: list[str]) -> bool:
        ref = Ref(article_id, text, start, end)
        return is_strict(ref, gold, {article_id: self.text(article_id)})

    def ranked_labels(self, evidence: Any, seen: Sequence[Seen], depth: Depth) -> list[bool]:
        """Gold or not, best first, for the candidates `depth` reaches, ranked by the ranker
        with the rank features they have there."""
        kept = [
            (at_depth(c, s, depth), s)
            for c, s in zip(evidence.candidates, seen, strict=True)
            if reached(s, depth)
        ]
        ranked = self.desk.ranker.rank(evidence.family, [c for c, _ in kept])
        labels = {id(c.unit): s.gold for c, s in kept}
        return [labels[id(c.unit)] for c in ranked]

    def trace(self, row: dict[str, Any]) -> Traced:
        desk = self.desk
        history: list[Any] = []
        for turn in row.get("context") or []:
            history.append(desk.ask(turn, history, mode="quotes"))
        evidence = desk.evidence(row["question"], history)
        gold = row.get("evidence_any") or []
        seen = []
        for candidate in evidence.candidates:
            unit = candidate.unit
            quote = rank_of(candidate.features[_QUOTE_RANK]) if unit.kind != "sentence" else None
            seen.append(
                Seen(
                    rank_of(candidate.features[_CHUNK_RANK]),
                    quote,
                    self.holds(unit.chunk.article_id, unit.text, unit.start, unit.end, gold),
                )
            )
        asked = self.general_depth if evidence.family == "general" else self.asked_depth
        top: dict[Depth, bool] = {}
        first_gold = None
        for depth in self.depths:
            flags = self.ranked_labels(evidence, seen, depth)
            top[depth] = bool(flags) and flags[0]
            if depth == asked and any(flags):
                first_gold = flags.index(True)
        chunks = {c.unit.chunk.id: c.unit.chunk for c in evidence.candidates}
        passage_holds = not any(s.gold for s in seen) and any(
            self.holds(c.article_id, c.text, c.start, c.end, gold) for c in chunks.values()
        )
        gold_chunk, gold_article = self.passage_ranks(evidence, seen, row)
        asked_pool = bool(evidence.speaker) and any(
            self.holds(article, q.text, q.start, q.end, gold)
            for article in row.get("gold_docs") or []
            for q in desk.quotes(article, evidence.speaker)
        )
        fitting = sum(
            1
            for c, s in zip(evidence.candidates, seen, strict=True)
            if reached(s, asked) and c.features[_ASKED] and c.features[_COVER] >= 0.999
        )
        return Traced(
            row["id"],
            row["question"],
            evidence.family,
            tuple(seen),
            top,
            first_gold,
            passage_holds,
            asked_pool,
            fitting,
            asked,
            gold_chunk,
            gold_article,
        )

    def passage_ranks(
        self, evidence: Any, seen: Sequence[Seen], row: dict[str, Any]
    ) -> tuple[int | None, int | None]:
        """The best passage rank of a passage read that holds the evidence, and of one of a
        gold article (None: none read); passages are known by their candidates' ranks."""
        ranked: dict[str, tuple[int, Any]] = {}
        for candidate, s in zip(evidence.candidates, seen, strict=True):
            if s.passage_rank is not None:
                ranked[candidate.unit.chunk.id] = (s.passage_rank, candidate.unit.chunk)
        gold, docs = row.get("evidence_any") or [], set(row.get("gold_docs") or [])
        holding = [
            rank
            for rank, c in ranked.values()
            if self.holds(c.article_id, c.text, c.start, c.end, gold)
        ]
        of_article = [rank for rank, c in ranked.values() if c.article_id in docs]
        return min(holding, default=None), min(of_article, default=None)


def load_rows(path: Path, split: str | None, limit: int | None) -> list[dict[str, Any]]:
    """The set's rows (of one split when asked), `limit` taken round-robin by kind as the eval
    takes them, answerable ones only; a test row stops the run."""
    rows = load_dataset(path)
    if split:
        rows = [r for r in rows if r.get("split") == split]
    if any(r.get("split") == "test" for r in rows):
        raise SystemExit(f"{path}: test rows; measure on dev (--split dev)")
    return [r for r in limit_rows(rows, limit) if r["kind"] in ANSWERABLE_KINDS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--split", help="only the rows of this split (hand-written sets)")
    parser.add_argument("--limit", type=int, help="N questions round-robin by kind (as the eval)")
    parser.add_argument("--passages", type=int, default=max(PASSAGE_DEPTHS))
    parser.add_argument("--quotes", type=int, default=max(QUOTE_DEPTHS))
    parser.add_argument("--json", type=Path, help="write every question's trace here")
    parser.add_argument("--show", type=int, default=0, help="list N questions of each lost stage")
    args = parser.parse_args(argv)
    set_process_switches()
    from app.api import QuoteDesk

    try:
        rows = load_rows(args.dataset, args.split, args.limit)
    except click.ClickException as exc:  # a line that is no JSON: said in one line
        parser.error(exc.message)
    tracer = Tracer(QuoteDesk.open(args.store), args.passages, args.quotes)
    started = time.perf_counter()
    traced = [tracer.trace(row) for row in rows]
    seconds = time.perf_counter() - started
    print(f"{args.dataset} on {args.store}: {len(traced)} answerable questions, {seconds:.0f} s")
    print(
        f"\nStages at ask's depth {tracer.asked_depth}, general {tracer.general_depth} "
        f"(read to {args.passages}, {args.quotes}):\n"
    )
    print("\n".join(stage_table(traced)))
    print("\nPassage search alone, at the passages ask reads for the family:\n")
    print("\n".join(passage_table(traced)))
    print("\nSpeaker questions by how specific the topic is:\n")
    print("\n".join(fitting_table(traced)))
    print("\nCandidate recall / top unit holds the evidence, by depth:\n")
    print("\n".join(depth_table(traced, tracer.depths)))
    for name in STAGES[1:] if args.show else ():
        lost = [q for q in traced if stage(q) == name][: args.show]
        for q in lost:
            print(f"  {name}: {q.id} [{q.family}] {q.question}")
    if args.json:
        rows_out = [
            {**asdict(q), "top": {f"{p},{k}": v for (p, k), v in q.top.items()}} for q in traced
        ]
        args.json.write_text(json.dumps(rows_out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
