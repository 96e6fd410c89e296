"""Evaluation metrics: pure functions of references, gold labels and answers (no model, no store).

A `Ref` is anything a system shows as a source: a retrieved passage or a citation. It is
*strictly* relevant when its text contains one of the question's `evidence_any` strings, or when
its span overlaps an occurrence of one in the article by at least half of the shorter of the
two (so a citation of one sentence inside a longer evidence string counts); it is *doc-level*
relevant when it belongs to a gold article.

Aggregates follow evals/README.md ("Metrics"): retrieval over answerable questions; citation
precision over all citations of answerable questions (micro); citation recall as the share of
answerable questions with at least one correct citation; abstention on `unanswerable`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ANSWERABLE_KINDS = ("speaker_topic", "who_said", "fact", "followup")
KINDS = (*ANSWERABLE_KINDS, "unanswerable")
# Kinds that ask for a named speaker's words (a who-said question's speaker is its answer).
SPEAKER_KINDS = ("speaker_topic", "followup")
# quotedesk's decline when it knows the asked speaker but finds nothing of theirs on the topic
# ("The articles quote X, but not on Y."): on an answerable question, a false "not on this
# topic". The wording is the product's, so this is the one place the eval reads answer text.
NOT_ON_TOPIC = re.compile(r"\bThe articles quote .+?, but not\b")

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "–": "-",
        "—": "-",
        " ": " ",
    }
)
_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "the",
        "president",
        "prime",
        "minister",
        "chancellor",
    ]
)


@dataclass(frozen=True)
class Ref:
    """A passage or citation as shown to the user: its article, text and (if known) span."""

    article_id: str
    text: str
    start: int | None = None
    end: int | None = None
    speaker: str | None = None
    chunk_id: str | None = None


# ----- matching -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lowercase, straight quotes and dashes, single spaces: the form evidence is compared in."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()


def contains_evidence(text: str, evidence_any: Iterable[str]) -> bool:
    haystack = normalise(text)
    return any(normalise(e) and normalise(e) in haystack for e in evidence_any)


def evidence_spans(doc_text: str, evidence_any: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence of every evidence string in an article (exact, else case-insensitive)."""
    spans: list[tuple[int, int]] = []
    lowered = doc_text.lower()
    for evidence in evidence_any:
        if not evidence:
            continue
        for haystack, needle in ((doc_text, evidence), (lowered, evidence.lower())):
            found = [m.start() for m in re.finditer(re.escape(needle), haystack)]
            if found:
                spans.extend((s, s + len(evidence)) for s in found)
                break
    return spans


def span_overlaps_evidence(
    doc_text: str, start: int, end: int, evidence_any: Iterable[str], min_share: float = 0.5
) -> bool:
    """True when [start, end) overlaps an evidence occurrence by >= min_share of the shorter."""
    if end <= start:
        return False
    for ev_start, ev_end in evidence_spans(doc_text, evidence_any):
        overlap = min(end, ev_end) - max(start, ev_start)
        if overlap > 0 and overlap >= min_share * min(end - start, ev_end - ev_start):
            return True
    return False


def is_strict(ref: Ref, evidence_any: Sequence[str], doc_texts: Mapping[str, str]) -> bool:
    """The ref holds gold evidence: contains an evidence string or overlaps one in its article."""
    if not evidence_any:
        return False
    if contains_evidence(ref.text, evidence_any):
        return True
    doc = doc_texts.get(ref.article_id)
    if doc is None or ref.start is None or ref.end is None:
        return False
    return span_overlaps_evidence(doc, ref.start, ref.end, evidence_any)


def is_doc(ref: Ref, gold_docs: Iterable[str]) -> bool:
    return ref.article_id in set(gold_docs)


def name_key(name: str) -> list[str]:
    """Lowercase ASCII tokens of a name without punctuation and leading titles, spelt the same
    whichever transliteration the article used (`spelling`)."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).translate(_QUOTES)
    folded = re.sub(r"'s\b", "", folded)
    tokens = _NON_WORD.sub(" ", folded).lower().split()
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens.pop(0)
    return [spelling(t) for t in tokens]


def spelling(word: str) -> str:
    """One spelling for a word's transliterations: "y" read as "i" and doubled letters single
    ("Vallyy", "Vally", "Valli" -> "vali"; "Lynd", "Lind" -> "lind"; invented names).
    The scorer's own rule, not the product's: an answer that names the person in another
    spelling than the gold article's names the same person."""
    return re.sub(r"(.)\1+", r"\1", word.lower().replace("y", "i"))


# A generated who-said question whose phrases occur together in more articles than this may
# have other right answers than its gold speaker (`phrase_articles`, written by the generator):
# accuracy is also reported on the distinctive ones alone.
DISTINCTIVE_ARTICLES = 3


def same_speaker(cited: str | None, asked: str | None) -> bool:
    """Loose match: equal surnames (last tokens), or one name's surname is a word of the other."""
    if not cited or not asked:
        return False
    a, b = name_key(cited), name_key(asked)
    if not a or not b:
        return False
    return a[-1] == b[-1] or a[-1] in b or b[-1] in a


def speaker_named(answer: str, expect_in_answer: Iterable[str]) -> bool:
    """Who-said accuracy: every expected word occurs in the answer text (case-insensitive, in
    any transliteration: `spelling`)."""
    words = [w for w in expect_in_answer if w]
    text = spelling(normalise(answer))
    return bool(words) and all(spelling(normalise(w)) in text for w in words)


def declined(abstained: bool, n_citations: int) -> bool:
    """An answer counts as declined when it says so or cites nothing."""
    return bool(abstained) or n_citations == 0


def declined_not_on_topic(answer: str, abstained: bool) -> bool:
    """The answer declines with "The articles quote X, but not on ..."."""
    return bool(abstained) and NOT_ON_TOPIC.search(answer or "") is not None


# ----- ranking ---------------------------------------------------------------------------------


def hit_at(flags: Sequence[bool], k: int) -> bool:
    return any(flags[:k])


def reciprocal_rank(flags: Sequence[bool]) -> float:
    for rank, flag in enumerate(flags, start=1):
        if flag:
            return 1.0 / rank
    return 0.0


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (numpy's default), p in [0, 100]; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100.0
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Iterable[float | bool]) -> float | None:
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None


# ----- per question and aggregate ---------------------------------------------------------------


def score_question(
    row: Mapping[str, Any],
    ranked: Sequence[Ref],
    citations: Sequence[Ref],
    answer: str,
    abstained: bool,
    doc_texts: Mapping[str, str],
    attributes_speakers: bool = True,
) -> dict[str, Any]:
    """Flags of one question for one system (the `flags` of results.json).

    `attributes_speakers=False` for systems whose citations carry no speaker (the baselines):
    their share of citations by the asked speaker is n/a rather than 0.
    """
    evidence = row.get("evidence_any") or []
    gold = row.get("gold_docs") or []
    answerable = row["kind"] != "unanswerable"
    strict = [is_strict(r, evidence, doc_texts) for r in ranked]
    doc = [is_doc(r, gold) for r in ranked]
    cite_strict = [is_strict(c, evidence, doc_texts) for c in citations]
    cite_doc = [is_doc(c, gold) for c in citations]
    flags: dict[str, Any] = {
        "answerable": answerable,
        "declined": declined(abstained, len(citations)),
        "n_citations": len(citations),
        "cited_words": sum(len(c.text.split()) for c in citations),
        "ranked_strict": strict,
        "ranked_doc": doc,
        "citations_strict": cite_strict,
        "citations_doc": cite_doc,
    }
    if answerable:
        flags |= {
            "hit1_strict": hit_at(strict, 1),
            "hit5_strict": hit_at(strict, 5),
            "rr_strict": reciprocal_rank(strict),
            "hit1_doc": hit_at(doc, 1),
            "hit5_doc": hit_at(doc, 5),
            "rr_doc": reciprocal_rank(doc),
            "cited_strict": any(cite_strict),
            "cited_doc": any(cite_doc),
        }
    if answerable and row.get("speaker") and attributes_speakers:
        flags["citations_speaker"] = [same_speaker(c.speaker, row["speaker"]) for c in citations]
        if row["kind"] in SPEAKER_KINDS:
            flags["not_on_topic"] = declined_not_on_topic(answer, abstained)
    if row["kind"] == "who_said":
        flags["speaker_named"] = speaker_named(answer, row.get("expect_in_answer") or [])
        if row.get("phrase_articles") is not None:
            flags["distinctive"] = row["phrase_articles"] <= DISTINCTIVE_ARTICLES
    return flags


# (label, key) rows of the summary table, in order; "ms" keys are latencies in milliseconds.
METRICS: tuple[tuple[str, str], ...] = (
    ("evidence hit@1 (strict)", "hit1_strict"),
    ("evidence hit@5 (strict)", "hit5_strict"),
    ("MRR (strict)", "mrr_strict"),
    ("evidence hit@1 (doc)", "hit1_doc"),
    ("evidence hit@5 (doc)", "hit5_doc"),
    ("MRR (doc)", "mrr_doc"),
    ("citation precision (strict)", "cit_precision_strict"),
    ("citation precision (doc)", "cit_precision_doc"),
    ("citation recall (strict)", "cit_recall_strict"),
    ("citation recall (doc)", "cit_recall_doc"),
    ("citations by asked speaker", "cit_speaker_share"),
    ("who-said speaker accuracy", "speaker_accuracy"),
    ("who-said, words in <= 3 articles", "speaker_accuracy_distinctive"),
    ("unanswerable declined", "abstention"),
    ("false abstention (answerable)", "false_abstention"),
    ("false 'not on this topic' declines", "false_not_on_topic"),
    ("citations per answer", "citations_per_answer"),
    ("words cited per answer", "cited_words_per_answer"),
    ("LLM sentences verified", "sentences_verified"),
    ("LLM fell back to quotes", "llm_fallback"),
    ("latency p50 (ms)", "latency_p50_ms"),
    ("latency p95 (ms)", "latency_p95_ms"),
)
# Metrics whose value is a share in [0, 1] (the rest are counts or milliseconds).
COUNT_KEYS = frozenset(
    {"citations_per_answer", "cited_words_per_answer", "latency_p50_ms", "latency_p95_ms"}
)
SHARE_KEYS = tuple(k for _, k in METRICS if k not in COUNT_KEYS)


def aggregate(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Summary metrics over per-question records ({"kind", "flags", "latency_ms"}).

    A metric with no applicable question is None (shown as n/a), never 0.
    """
    answerable = [r["flags"] for r in records if r["flags"]["answerable"]]
    unanswerable = [r["flags"] for r in records if not r["flags"]["answerable"]]
    who_said = [r["flags"] for r in records if "speaker_named" in r["flags"]]
    distinctive = [f for f in who_said if f.get("distinctive")]
    speaker_rows = [r["flags"] for r in records if "citations_speaker" in r["flags"]]
    topic_rows = [r["flags"] for r in records if "not_on_topic" in r["flags"]]
    cite_strict = [f for flags in answerable for f in flags["citations_strict"]]
    cite_doc = [f for flags in answerable for f in flags["citations_doc"]]
    cite_speaker = [f for flags in speaker_rows for f in flags["citations_speaker"]]
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    answered = [r["flags"] for r in records if not r["flags"]["declined"]]
    written = [r["flags"]["generation"] for r in records if "generation" in r["flags"]]
    sentences = sum(g["sentences"] for g in written)
    verified = sum(g["verified"] for g in written) / sentences if sentences else None
    return {
        "n": len(records),
        "n_answerable": len(answerable),
        "hit1_strict": mean(f["hit1_strict"] for f in answerable),
        "hit5_strict": mean(f["hit5_strict"] for f in answerable),
        "mrr_strict": mean(f["rr_strict"] for f in answerable),
        "hit1_doc": mean(f["hit1_doc"] for f in answerable),
        "hit5_doc": mean(f["hit5_doc"] for f in answerable),
        "mrr_doc": mean(f["rr_doc"] for f in answerable),
        "cit_precision_strict": mean(cite_strict),
        "cit_precision_doc": mean(cite_doc),
        "cit_recall_strict": mean(f["cited_strict"] for f in answerable),
        "cit_recall_doc": mean(f["cited_doc"] for f in answerable),
        "cit_speaker_share": mean(cite_speaker),
        "speaker_accuracy": mean(f["speaker_named"] for f in who_said),
        "speaker_accuracy_distinctive": mean(f["speaker_named"] for f in distinctive),
        "abstention": mean(f["declined"] for f in unanswerable),
        "false_abstention": mean(f["declined"] for f in answerable),
        "false_not_on_topic": mean(f["not_on_topic"] for f in topic_rows),
        "citations_per_answer": mean(f["n_citations"] for f in answered),
        "cited_words_per_answer": mean(f["cited_words"] for f in answered),
        "sentences_verified": verified,
        "llm_fallback": mean(g["fallback"] is not None for g in written),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
