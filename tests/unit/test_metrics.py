"""The evaluation metrics on hand-made cases whose answers are worked out by hand."""

from __future__ import annotations

import pytest

from evals.metrics import (
    Ref,
    aggregate,
    contains_evidence,
    declined,
    hit_at,
    is_doc,
    is_strict,
    percentile,
    reciprocal_rank,
    same_speaker,
    score_question,
    span_overlaps_evidence,
    speaker_named,
)

DOC = (
    "Reed said the talks were useful. “There is no positive reaction on the main issue,” "
    "he said. Hale said the reaction should not be delayed."
)
DOCS = {"a1": DOC, "a2": "Unrelated text about football.", "a3": "More unrelated text."}
EVIDENCE = ["There is no positive reaction on the main issue"]


def record(kind: str, flags: dict, latency: float = 10.0) -> dict:
    return {"kind": kind, "flags": flags, "latency_ms": latency}


def test_contains_evidence_ignores_case_quotes_and_spaces() -> None:
    assert contains_evidence("“THERE is no positive\nreaction on the main issue”", EVIDENCE)
    assert contains_evidence("it’s the main", ["it's the main"])
    assert not contains_evidence("There is no positive reaction", EVIDENCE)
    assert not contains_evidence("anything", [])


def test_span_overlap_counts_a_piece_inside_the_evidence_but_not_a_neighbour() -> None:
    start = DOC.index("There is no positive")
    end = start + len(EVIDENCE[0])
    # a citation of the first half of the evidence string: inside it, so correct
    assert span_overlaps_evidence(DOC, start, start + 20, EVIDENCE)
    # a long span containing the evidence
    assert span_overlaps_evidence(DOC, 0, len(DOC), EVIDENCE)
    # a span that only touches the last 3 characters of the evidence
    assert not span_overlaps_evidence(DOC, end - 3, end + 40, EVIDENCE)
    # disjoint
    assert not span_overlaps_evidence(DOC, 0, 10, EVIDENCE)
    assert not span_overlaps_evidence(DOC, 5, 5, EVIDENCE)


def test_strict_and_doc_relevance() -> None:
    start = DOC.index("There is no positive")
    piece = Ref("a1", DOC[start : start + 20], start, start + 20)
    assert is_strict(piece, EVIDENCE, DOCS)  # by offsets
    assert not is_strict(Ref("a1", DOC[start : start + 20]), EVIDENCE, DOCS)  # no offsets
    assert is_strict(Ref("zz", "x there is no positive reaction on the main issue y"), EVIDENCE, {})
    assert not is_strict(Ref("a1", DOC), [], DOCS)
    assert is_doc(Ref("a1", "anything"), ["a1"])
    assert not is_doc(Ref("a2", "anything"), ["a1"])


def test_ranking_metrics() -> None:
    flags = [False, False, True, False]
    assert not hit_at(flags, 1)
    assert hit_at(flags, 5)
    assert not hit_at(flags, 2)
    assert reciprocal_rank(flags) == pytest.approx(1 / 3)
    assert reciprocal_rank([]) == 0.0
    assert reciprocal_rank([True]) == 1.0


def test_percentile_matches_numpy_linear() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == pytest.approx(25.0)
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None


def test_speaker_matching_is_loose_on_names_only() -> None:
    assert same_speaker("Tom Reed", "Reed")
    assert same_speaker("Mr Reed", "Tom Reed")
    assert same_speaker("Westland", "the Westland")
    assert same_speaker("Arsène Wenger", "Arsene Wenger")
    assert not same_speaker("Bob Hale", "Tom Reed")
    assert not same_speaker(None, "Tom Reed")
    assert not same_speaker("Tom Reed", None)


def test_speaker_named_needs_every_expected_word() -> None:
    assert speaker_named("It was Bob HALE [1].", ["Hale"])
    assert speaker_named("Jose Mourinho said so", ["Mourinho", "Jose"])
    assert not speaker_named("Mourinho said so", ["Mourinho", "Wenger"])
    assert not speaker_named("anything", [])


def test_declined() -> None:
    assert declined(True, 2)
    assert declined(False, 0)
    assert not declined(False, 1)


def test_score_and_aggregate_a_small_run() -> None:
    start = DOC.index("There is no positive")
    good = Ref("a1", EVIDENCE[0], start, start + len(EVIDENCE[0]), speaker="Tom Reed")
    wrong_speaker = Ref("a1", "Hale said the reaction", speaker="Bob Hale")
    off_topic = Ref("a2", "Unrelated text about football.")
    speaker_q = {
        "kind": "speaker_topic",
        "speaker": "Tom Reed",
        "gold_docs": ["a1"],
        "evidence_any": EVIDENCE,
    }
    # ranked: off-topic, wrong speaker (gold doc), good -> strict RR 1/3, doc RR 1/2
    f1 = score_question(
        speaker_q, [off_topic, wrong_speaker, good], [good, wrong_speaker], "...", False, DOCS
    )
    assert f1["rr_strict"] == pytest.approx(1 / 3)
    assert f1["rr_doc"] == pytest.approx(1 / 2)
    assert not f1["hit1_strict"] and f1["hit5_strict"]
    assert f1["citations_strict"] == [True, False]
    assert f1["citations_doc"] == [True, True]
    assert f1["citations_speaker"] == [True, False]
    assert f1["cited_strict"] and not f1["declined"]

    who_q = {
        "kind": "who_said",
        "speaker": "Bob Hale",
        "gold_docs": ["a1"],
        "evidence_any": ["the reaction should not be delayed"],
        "expect_in_answer": ["Hale"],
    }
    # abstains with no citations: a false abstention, no hit, speaker not named
    f2 = score_question(who_q, [off_topic], [], "I could not find it.", True, DOCS)
    assert f2["declined"] and not f2["cited_strict"] and f2["speaker_named"] is False
    assert f2["citations_speaker"] == []

    unanswerable = {"kind": "unanswerable", "speaker": None, "gold_docs": [], "evidence_any": []}
    f3 = score_question(unanswerable, [off_topic], [off_topic], "Football.", False, DOCS)
    f4 = score_question(unanswerable, [], [], "No answer.", True, DOCS)
    assert "hit1_strict" not in f3 and not f3["declined"] and f4["declined"]

    # a baseline: no speakers attributed -> the speaker share is n/a, not 0
    f5 = score_question(speaker_q, [good], [good], "...", False, DOCS, attributes_speakers=False)
    assert "citations_speaker" not in f5

    summary = aggregate(
        [
            record("speaker_topic", f1, 100.0),
            record("who_said", f2, 200.0),
            record("unanswerable", f3, 300.0),
            record("unanswerable", f4, 400.0),
        ]
    )
    assert summary["n"] == 4 and summary["n_answerable"] == 2
    assert summary["hit1_strict"] == 0.0
    assert summary["hit5_strict"] == 0.5
    assert summary["mrr_strict"] == pytest.approx((1 / 3 + 0) / 2)
    assert summary["mrr_doc"] == pytest.approx((1 / 2 + 0) / 2)
    assert summary["cit_precision_strict"] == 0.5  # 1 of the 2 citations of answerable ones
    assert summary["cit_precision_doc"] == 1.0
    assert summary["cit_recall_strict"] == 0.5  # 1 of 2 answerable questions
    assert summary["cit_speaker_share"] == 0.5
    assert summary["speaker_accuracy"] == 0.0
    assert summary["abstention"] == 0.5  # f4 declined, f3 answered
    assert summary["false_abstention"] == 0.5  # f2
    assert summary["citations_per_answer"] == pytest.approx(1.5)  # f1: 2, f3: 1
    assert summary["latency_p50_ms"] == pytest.approx(250.0)
    assert summary["latency_p95_ms"] == pytest.approx(385.0)


def test_who_said_accuracy_on_distinctive_questions() -> None:
    """A question whose phrases many articles share counts in the overall accuracy only."""
    base = {"kind": "who_said", "speaker": "Bob Hale", "gold_docs": ["a1"]}
    base |= {"evidence_any": [], "expect_in_answer": ["Hale"]}
    rows = [
        (base | {"phrase_articles": 1}, "Bob Hale said it."),
        (base | {"phrase_articles": 12}, "Tom Reed said it."),
        (base, "Tom Reed said it."),  # hand-written: no count, not distinctive
    ]
    records = [
        record("who_said", score_question(row, [], [], answer, False, DOCS)) for row, answer in rows
    ]
    summary = aggregate(records)
    assert summary["speaker_accuracy"] == pytest.approx(1 / 3)
    assert summary["speaker_accuracy_distinctive"] == 1.0


def test_aggregate_of_nothing_applicable_is_none_not_zero() -> None:
    unanswerable = {"kind": "unanswerable", "speaker": None, "gold_docs": [], "evidence_any": []}
    flags = score_question(unanswerable, [], [], "", True, {})
    summary = aggregate([record("unanswerable", flags)])
    assert summary["hit1_strict"] is None
    assert summary["cit_recall_strict"] is None
    assert summary["speaker_accuracy"] is None
    assert summary["abstention"] == 1.0


@pytest.mark.parametrize(
    ("cited", "asked", "same"),
    [
        ("Oles Vernyak", "Oles Verniak", True),  # one person, two transliterations
        ("Ivan Dovrenskyy", "Ivan Dovrensky", True),
        ("Ivan Dovrenskiy", "Dovrensky", True),
        ("Ada Johnson", "Ada Johnston", False),  # another surname
        ("Ida Vale", "Ida Vance", False),
    ],
)
def test_same_speaker_in_any_transliteration(cited: str, asked: str, same: bool) -> None:
    assert same_speaker(cited, asked) is same


def test_who_said_names_the_speaker_in_any_transliteration() -> None:
    assert speaker_named("Oles Vernyak said: “We stay.”", ["Verniak"])
    assert speaker_named("Ivan Dovrensky said: “We stay.”", ["Dovrenskyy"])
    assert not speaker_named("Ada Johnson said: “We stay.”", ["Johnston"])
