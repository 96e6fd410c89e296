"""The counting of `evals.candidate_recall`: which depth reaches a unit, which stage loses a
question, and the rank a rank feature stands for. Collection needs a store and is not tested
here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from evals.candidate_recall import (
    Seen,
    Traced,
    at_depth,
    passage_class,
    passage_table,
    rank_of,
    reached,
    recall,
    stage,
    stage_table,
    top_share,
)

ASKED = (10, 30)


def traced(*units: Seen, top: bool = False, passage_holds=False, asked_pool=False) -> Traced:
    return Traced("q", "?", "speaker", units, {ASKED: top}, None, passage_holds, asked_pool)


@pytest.mark.parametrize(
    ("seen", "depth", "expected"),
    [
        (Seen(9, None, True), (10, 30), True),  # the 10th passage
        (Seen(10, None, True), (10, 30), False),  # the 11th
        (Seen(None, 29, True), (10, 30), True),  # the 30th quotation
        (Seen(None, 30, True), (10, 30), False),
        (Seen(25, 45, True), (20, 60), True),  # by its quotation
        (Seen(None, None, True), (40, 80), False),  # a sentence of no passage read
    ],
)
def test_reached(seen: Seen, depth: tuple[int, int], expected: bool) -> None:
    assert reached(seen, depth) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (traced(Seen(0, None, True), top=True), "first"),
        (traced(Seen(0, None, False), Seen(3, None, True)), "ranked_low"),
        (traced(Seen(0, None, False), Seen(15, 40, True)), "deeper_passages"),
        (traced(Seen(0, None, False), Seen(None, 50, True)), "deeper_quotes"),
        (traced(Seen(0, None, False), passage_holds=True, asked_pool=True), "passage_no_unit"),
        (traced(Seen(0, None, False), asked_pool=True), "speaker_pool"),
        (traced(Seen(0, None, False)), "not_found"),
    ],
)
def test_stage_is_the_first_that_loses_the_evidence(question: Traced, expected: str) -> None:
    assert stage(question, ASKED) == expected


def test_recall_and_top_share_count_questions_not_units() -> None:
    questions = [
        traced(Seen(0, None, True), Seen(1, None, True), top=True),
        traced(Seen(12, None, True)),
        traced(Seen(0, None, False)),
        traced(Seen(None, 70, True)),
    ]
    assert recall(questions, (10, 30)) == 0.25
    assert recall(questions, (20, 30)) == 0.5
    assert recall(questions, (20, 80)) == 0.75
    assert top_share(questions, (10, 30)) == 0.25
    assert top_share(questions, (40, 80)) == 0.0  # not measured at that depth
    table = stage_table(questions, (10, 30))
    assert table[-1].startswith("| all | 4 | 0.250 (1) | 0.000 (0) | 0.250 (1) | 0.250 (1) |")


@pytest.mark.parametrize(("feature", "rank"), [(0.0, None), (1.0, 0), (0.5, 1), (1 / 31, 30)])
def test_rank_of_inverts_the_rank_feature(feature: float, rank: int | None) -> None:
    assert rank_of(feature) == rank


def test_at_depth_clears_the_ranks_past_the_depth() -> None:
    from dataclasses import dataclass

    from app.evidence.features import FEATURES

    @dataclass(frozen=True)
    class Candidate:
        features: tuple[float, ...]

    values = dict.fromkeys(FEATURES, 0.5)
    values |= {"chunk_rank": 1 / 16, "quote_rank": 1 / 41}  # passage 16th, quotation 41st
    candidate = Candidate(tuple(values[n] for n in FEATURES))
    seen = Seen(15, 40, True)
    shallow = dict(zip(FEATURES, at_depth(candidate, seen, (10, 30)).features, strict=True))
    assert shallow["chunk_rank"] == 0.0 and shallow["quote_rank"] == 0.0
    assert shallow["unit_dense"] == 0.5
    deep = dict(zip(FEATURES, at_depth(candidate, seen, (20, 60)).features, strict=True))
    assert deep["chunk_rank"] == 1 / 16 and deep["quote_rank"] == 1 / 41


def test_fitting_table_counts_speaker_questions_by_how_specific_the_topic_is() -> None:

    from evals.candidate_recall import fitting_table

    questions = [
        replace(traced(Seen(0, None, True), top=True), fitting=1),
        replace(traced(Seen(0, None, False), Seen(2, None, True)), fitting=12),
        replace(traced(Seen(0, None, False)), fitting=0),
        replace(traced(Seen(0, None, True), top=True), family="general", fitting=0),
    ]
    rows = fitting_table(questions, ASKED)
    assert rows[2] == "| 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |"
    assert rows[3] == "| 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert rows[4] == "| 2-9 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert rows[5] == "| 10+ | 1 | 0 | 1 | 0 | 0 | 0 | 0 | 0 |"


def test_a_question_is_counted_at_the_depth_ask_reads_for_its_family() -> None:
    """A general question's evidence in the 15th passage is a candidate `ask` ranks (it reads
    20 passages for it); a speaker question's is lost to the passages it does not read."""

    gold = Seen(14, None, True)
    speaker = traced(gold)
    general = replace(traced(gold), family="general", top={(20, 30): False}, asked=(20, 30))
    assert stage(speaker) == "deeper_passages"
    assert stage(general) == "ranked_low"
    assert stage(general, (10, 30)) == "deeper_passages"  # an explicit depth still rules
    rows = stage_table([speaker, general])
    assert rows[-1].startswith("| all | 2 | 0.000 (0) | 0.500 (1) | 0.500 (1) |")


@pytest.mark.parametrize(
    ("gold_chunk", "gold_article", "passages", "expected"),
    [
        (0, 0, None, "chunk"),  # the first passage holds the evidence
        (9, 2, None, "chunk"),  # the 10th, at ask's 10 passages
        (10, 2, None, "article"),  # the 11th: only another passage of the article is read
        (10, 2, 20, "chunk"),  # read at 20 passages
        (None, 12, None, "missed"),  # the article's first passage past ask's 10
        (None, None, 40, "missed"),
    ],
)
def test_passage_class(
    gold_chunk: int | None, gold_article: int | None, passages: int | None, expected: str
) -> None:
    question = replace(traced(), gold_chunk=gold_chunk, gold_article=gold_article)
    assert passage_class(question, passages) == expected


def test_passage_table_counts_each_family_at_its_own_depth() -> None:
    general = replace(traced(), family="general", asked=(20, 30), gold_chunk=15, gold_article=15)
    speaker = replace(traced(), gold_chunk=15, gold_article=3)
    table = passage_table([general, speaker])
    assert table[2] == "| general | 1 | 1.000 (1) | 0.000 (0) | 0.000 (0) |"
    assert table[3] == "| speaker | 1 | 0.000 (0) | 1.000 (1) | 0.000 (0) |"
    assert table[4] == "| all | 2 | 0.500 (1) | 0.500 (1) | 0.000 (0) |"
