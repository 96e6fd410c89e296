"""Check a quotation: did anyone in the store say these words, who, where, when, and how
faithfully are they quoted?

Candidates come from the store's own quote search (BM25 and quote vectors fused,
`HybridRetriever.search_quotes`), so a check costs one query embedding and one search, not a
scan; rapidfuzz ranks them and `app.alignment` aligns the best word by word. The verdict is
read off the best occurrence by the ordered rules in `VERDICT_RULES`. Only quotations in the
speaker's own words (direct quotes and transcript turns) are checked against: reported speech
("he said Russia would not wait") is the writer's wording, so no one can be quoted from it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

from app.alignment import Alignment, Encoder, WordDiff, align, similarity, strip_ellipses, words
from app.quote_records import QuoteRecord, date_key, record_of
from app.retrieval import HybridRetriever, QuoteHit
from app.speaker_index import SpeakerIndex

Verdict = Literal["exact", "misquoted", "misattributed", "out_of_context", "not_found"]

CANDIDATES = 40  # quotes fetched from the store's quote search
SPEAKER_CANDIDATES = 10  # and from the named speaker's quotes
NAMED_MIN_WORDS = 6  # words a quote of the named speaker must share to count as theirs
PREFILTER_MIN = 50.0  # rapidfuzz partial ratio (0-100) below which a candidate is not aligned
ALIGNED = 10  # best-prefiltered candidates aligned word by word
OUT_OF_CONTEXT_MIN_WORDS = 4  # stored words left out before a cut quotation is flagged...
OUT_OF_CONTEXT_MAX_SHARE = 0.8  # ...when it quotes at most this share of the whole
REPEAT_SHARE = 0.8  # an occurrence listed as a repeat has this share of the best one's words
MAX_QUOTATION_CHARS = 3000


@dataclass(frozen=True)
class Occurrence:
    """One stored quotation that the checked words come from, and how they align with it."""

    record: QuoteRecord
    matched: str  # the stored words the checked quotation covers, exactly as stored
    diff: tuple[WordDiff, ...]
    equal: int
    edits: int
    left_out: int  # stored words of the whole quotation that the checked one omits
    covered: int  # stored words that the checked quotation spans
    covered_share: float
    given_words: int
    by_named_speaker: bool | None  # None when no speaker was named

    @property
    def solid(self) -> bool:
        """The stored words are these words, not a few shared ones: nearly every word of the
        shorter side aligns, and at least NAMED_MIN_WORDS (all, for a shorter quotation).
        Three shared words in another quote of the named speaker do not make them its author;
        a quotation with a sentence added still has all of theirs."""
        shorter = min(self.given_words, self.covered)
        return self.equal >= REPEAT_SHARE * shorter and self.equal >= min(
            self.given_words, NAMED_MIN_WORDS
        )


@dataclass(frozen=True)
class CheckResult:
    quotation: str
    speaker: str | None  # as the user named them
    verdict: Verdict
    rule: str  # the verdict rule that applied
    explanation: str
    best: Occurrence | None
    occurrences: list[Occurrence] = field(default_factory=list)  # earliest first
    timings_ms: dict[str, float] = field(default_factory=dict)  # search, align, total

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class VerdictRule:
    """A named rule: when `applies` to the best occurrence (and whether the named speaker
    said the words anywhere), the verdict is `verdict`."""

    name: str
    verdict: Verdict
    applies: Callable[[Occurrence, bool], bool]


def _cut(best: Occurrence, _: bool) -> bool:
    return (
        best.left_out >= OUT_OF_CONTEXT_MIN_WORDS and best.covered_share <= OUT_OF_CONTEXT_MAX_SHARE
    )


# Ordered: the first rule that applies gives the verdict. Attribution comes first: the
# right words in the wrong mouth is the worse error.
VERDICT_RULES: tuple[VerdictRule, ...] = (
    VerdictRule("other speaker", "misattributed", lambda best, named_said: not named_said),
    VerdictRule("words differ", "misquoted", lambda best, _: best.edits > 0),
    VerdictRule("cut from a longer quotation", "out_of_context", _cut),
    VerdictRule("verbatim", "exact", lambda best, _: True),
)


class Judgement(NamedTuple):
    verdict: Verdict
    rule: str  # the VERDICT_RULES entry that gave it ("no match" when nothing matched)
    best: Occurrence | None  # the occurrence it rests on


def judge(occurrences: list[Occurrence], named: bool) -> Judgement:
    """The verdict and the occurrence it rests on; pure, so the rules test without a store.

    The best occurrence is the closest one, by the named speaker when they said the words.
    """
    if not occurrences:
        return Judgement("not_found", "no match", None)
    by_speaker = [o for o in occurrences if o.by_named_speaker and o.solid]
    named_said = not named or bool(by_speaker)
    best = max(by_speaker or occurrences, key=_closeness)
    rule = next(r for r in VERDICT_RULES if r.applies(best, named_said))
    return Judgement(rule.verdict, rule.name, best)


def _closeness(o: Occurrence) -> tuple[int, int, float]:
    return (o.equal - o.edits, -o.edits, o.covered_share)


def check_quotation(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    quotation: str,
    speaker: str | None = None,
) -> CheckResult:
    """Check `quotation` (optionally as said by `speaker`) against every stored quotation."""
    started = time.perf_counter()
    quotation = " ".join((quotation or "").split())[:MAX_QUOTATION_CHARS]
    speaker = " ".join((speaker or "").split()) or None
    if not words(quotation):
        return CheckResult(quotation, speaker, "not_found", "no words", "No words to check.", None)
    wanted = _speakers_named(index, speaker)
    hits = _candidates(retriever, index, quotation, wanted)
    searched = time.perf_counter()
    occurrences = _occurrences(retriever, index, quotation, wanted, hits)
    aligned = time.perf_counter()
    judged = judge(occurrences, speaker is not None)
    return CheckResult(
        quotation=quotation,
        speaker=speaker,
        verdict=judged.verdict,
        rule=judged.rule,
        explanation=explain(judged.verdict, judged.best, speaker),
        best=judged.best,
        occurrences=_earliest_first(_repeats(occurrences, judged.best)),
        timings_ms={
            "search": (searched - started) * 1000.0,
            "align": (aligned - searched) * 1000.0,
            "total": (time.perf_counter() - started) * 1000.0,
        },
    )


def _speakers_named(index: SpeakerIndex, speaker: str | None) -> frozenset[str] | None:
    if not speaker:
        return None
    known = {index.canonical(speaker)} if index.info(speaker) else set()
    return frozenset(known | set(index.find(speaker)) | {speaker})


def _candidates(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    quotation: str,
    wanted: frozenset[str] | None,
) -> list[QuoteHit]:
    """The store's quote search for these words, and within the named speaker's quotes."""
    query = strip_ellipses(quotation)
    hits = retriever.search_quotes(query, CANDIDATES)
    members = sorted({m for name in wanted or () if index.info(name) for m in index.members(name)})
    if members:  # the named speaker's own quotes too: a short clause of a long turn ranks low
        seen = {h.quote_id for h in hits}
        hits += [
            h
            for h in retriever.search_quotes(query, SPEAKER_CANDIDATES, speakers=members)
            if h.quote_id not in seen
        ]
    return hits


def _occurrences(
    retriever: HybridRetriever,
    index: SpeakerIndex,
    quotation: str,
    wanted: frozenset[str] | None,
    hits: list[QuoteHit],
) -> list[Occurrence]:
    """The candidates that share enough words with the quotation to be it, aligned."""
    encoder = Encoder()
    given = words(quotation)
    scored = sorted(
        (
            (similarity(encoder, given, words(h.quote.text)), h.quote_id)
            for h in hits
            if h.quote.kind != "indirect"  # reported speech is the writer's words, not theirs
        ),
        reverse=True,
    )
    found = []
    for score, quote_id in scored[:ALIGNED]:
        if score < PREFILTER_MIN:
            break
        alignment = align(quotation, retriever.quotes[quote_id][0].text, encoder)
        if alignment.matches:
            found.append(_occurrence(record_of(quote_id, retriever, index), alignment, wanted))
    return found


def _occurrence(
    record: QuoteRecord, alignment: Alignment, wanted: frozenset[str] | None
) -> Occurrence:
    return Occurrence(
        record=record,
        matched=record.quote[alignment.start : alignment.end],
        diff=alignment.diff,
        equal=alignment.equal,
        edits=alignment.edits,
        left_out=alignment.left_out,
        covered=alignment.covered,
        covered_share=alignment.covered / max(alignment.stored_words, 1),
        given_words=alignment.given_words,
        by_named_speaker=None if wanted is None else record.speaker in wanted,
    )


def _repeats(occurrences: list[Occurrence], best: Occurrence | None) -> list[Occurrence]:
    """The occurrences that repeat the best one's words (not merely share some), one per
    stored span: overlapping quote records of one article count once."""
    if best is None:
        return []
    close = [o for o in occurrences if o.equal >= REPEAT_SHARE * best.equal]
    kept: list[Occurrence] = []
    for o in sorted(close, key=_closeness, reverse=True):
        if not any(_overlap(o.record, k.record) for k in kept):
            kept.append(o)
    return kept


def _overlap(a: QuoteRecord, b: QuoteRecord) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def _earliest_first(occurrences: list[Occurrence]) -> list[Occurrence]:
    return sorted(occurrences, key=lambda o: date_key(o.record))


def explain(verdict: Verdict, best: Occurrence | None, speaker: str | None) -> str:
    """One sentence a reader can act on."""
    if best is None:
        return "No stored quotation matches these words."
    said = f"{best.record.speaker or 'an unnamed speaker'}"
    where = f"in “{best.record.title}”" + (
        f" ({best.record.published})" if best.record.published else ""
    )
    changes = [d for d in best.diff if d.op != "equal"]
    if verdict == "misattributed":
        return f"These words were said by {said} {where}, not by {speaker}."
    if verdict == "misquoted":
        return f"{said} said something close {where}; {len(changes)} difference(s) in the words."
    if verdict == "out_of_context":
        return f"Cut from a longer quotation by {said} {where}: read the whole."
    return f"Said by {said} {where}, word for word."
