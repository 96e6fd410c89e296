"""The eval's four steps on the fake desk and made-up questions: every question through
quotedesk and BM25, scored with known answers, and every output file written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.metrics import Ref, declined_not_on_topic, score_question
from evals.report import comparison_table, fmt_gap
from evals.run import (
    EvalOptions,
    answer_first,
    kind_rows,
    limit_rows,
    rows_beyond,
    run_eval,
    run_evals,
    set_labels,
)
from ingest.pipeline import PIPELINE_VERSION
from tests.helpers import write_jsonl

QUESTIONS = [
    {
        "id": "q1",
        "kind": "speaker_topic",
        "question": "What did Priya Shah say about the blossom?",
        "speaker": "Priya Shah",
        "gold_docs": ["fake-orchard"],
        "evidence_any": ["We lost almost half of the blossom in a single night"],
    },
    {
        "id": "q2",
        "kind": "who_said",
        "question": "Who said the steel is tired?",
        "speaker": "Alma Ruiz",
        "gold_docs": ["fake-harbour"],
        "evidence_any": ["the steel is tired"],
        "expect_in_answer": ["Ruiz"],
    },
    {
        "id": "q3",
        "kind": "followup",
        "question": "What else did she say?",
        "context": ["What did Priya Shah say about the blossom?"],
        "speaker": "Priya Shah",
        "gold_docs": ["fake-orchard"],
        "evidence_any": ["Prices for apples will rise this autumn"],
    },
    {"id": "q4", "kind": "unanswerable", "question": "What is the capital of Mongolia?"},
]


def test_eval_scores_quotedesk_and_bm25_and_writes_every_output(
    fake_desk, fake_articles: Path, tmp_path: Path
) -> None:
    """On the shared fake store, so the corpus ingest is the "unchanged" no-op."""

    def open_fake(store_dir: Path, **_overrides: str | None):
        assert store_dir == fake_desk.settings.store_dir
        return fake_desk

    options = EvalOptions(
        dataset=write_jsonl(tmp_path / "made-up.jsonl", QUESTIONS),
        corpus=fake_articles,
        store=fake_desk.settings.store_dir,
        systems=("quotedesk", "bm25"),
        out=tmp_path / "out",
        progress=False,
        command_line="pytest",
    )
    result = run_eval(options, open_desk=open_fake)

    for name in ("report.md", "results.json", "metrics.png", "by_kind.png"):
        assert (tmp_path / "out" / name).stat().st_size > 0, name
    written = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    meta = written["meta"]
    assert (meta["questions"], meta["articles"], meta["prompt_version"]) == (4, 3, "extractive")
    assert meta["systems"] == ["quotedesk", "bm25"] and meta["command"] == "pytest"
    assert meta["system_settings"]["quotedesk"]["prompt_version"] == "extractive"
    assert len(written["questions"]) == 4 * 2
    assert meta["setup"]["ingest"].startswith("0 added, 0 updated, 3 unchanged")
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert f"- Versions: pipeline {PIPELINE_VERSION}, quotedesk " in report

    quotedesk = result["summary"]["quotedesk"]
    assert quotedesk["speaker_accuracy"] == 1.0  # "Ruiz" is named in the who-said answer
    assert quotedesk["abstention"] == 1.0 and quotedesk["hit1_strict"] == 1.0
    assert quotedesk["cit_speaker_share"] == 1.0
    # BM25 cites its top two, whoever speaks: less precise than the speaker's own quotes.
    assert result["summary"]["bm25"]["cit_precision_strict"] < quotedesk["cit_precision_strict"]
    assert set(result["by_kind"]) == {"speaker_topic", "who_said", "followup", "unanswerable"}


def test_an_unknown_system_is_a_usage_error(tmp_path: Path) -> None:
    import click

    options = EvalOptions(dataset=write_jsonl(tmp_path / "q.jsonl", QUESTIONS), systems=("x",))
    with pytest.raises(click.UsageError, match="unknown system"):
        run_eval(options, open_desk=lambda *_a, **_k: pytest.fail("opened a desk"))


ROWS = [{"id": f"{kind}{n}", "kind": kind} for n in range(3) for kind in ("a", "b", "c")]


@pytest.mark.parametrize(
    ("limit", "ids"),
    [
        (None, [r["id"] for r in ROWS]),
        (2, ["a0", "b0"]),
        (4, ["a0", "b0", "c0", "a1"]),
        (100, [r["id"] for r in ROWS]),
    ],
)
def test_limit_takes_questions_round_robin_across_kinds(limit: int | None, ids: list[str]) -> None:
    assert [r["id"] for r in limit_rows(list(ROWS), limit)] == ids


@pytest.mark.parametrize(
    ("limit", "ids"),
    [
        (None, [r["id"] for r in ROWS]),
        (4, ["b1", "c1", "a2", "b2", "c2"]),
        (100, []),
    ],
)
def test_beyond_limit_takes_what_the_limit_leaves_out(limit: int | None, ids: list[str]) -> None:
    assert [r["id"] for r in rows_beyond(list(ROWS), limit)] == ids


def _ref(chunk_id: str) -> Ref:
    return Ref(chunk_id.split(":")[0], f"text of {chunk_id}", 0, 10, chunk_id=chunk_id)


@pytest.mark.parametrize(
    ("cited", "searched", "k", "expected"),
    [
        # citations lead, in answer order, whether or not the question names a speaker
        (["a:3", "b:1"], ["b:0", "a:3", "c:2"], 10, ["a:3", "b:1", "b:0", "c:2"]),
        # a search passage from a cited chunk is not listed twice
        (["a:3"], ["a:3", "a:4"], 10, ["a:3", "a:4"]),
        # a declined answer (no citations) is ranked by its search list
        ([], ["b:0", "c:2"], 10, ["b:0", "c:2"]),
        # cut at k
        (["a:3", "b:1"], ["c:0", "d:0"], 3, ["a:3", "b:1", "c:0"]),
    ],
)
def test_quotedesk_ranks_its_citations_before_the_search_passages(
    cited: list[str], searched: list[str], k: int, expected: list[str]
) -> None:
    ranked = answer_first([_ref(c) for c in cited], [_ref(s) for s in searched], k)
    assert [r.chunk_id for r in ranked] == expected


@pytest.mark.parametrize(
    ("kinds", "ids"),
    [
        ((), [r["id"] for r in ROWS]),
        (("b",), ["b0", "b1", "b2"]),
        (("c", "a"), ["a0", "c0", "a1", "c1", "a2", "c2"]),
    ],
)
def test_kind_keeps_only_the_questions_of_those_kinds(
    kinds: tuple[str, ...], ids: list[str]
) -> None:
    assert [r["id"] for r in kind_rows(list(ROWS), kinds)] == ids


# ----- several question sets in one run: dev and test side by side --------------------------

FALSE_DECLINE = {
    # Made-up gold: quotedesk declines with "The articles quote Priya Shah, but not on ..."
    # (no article mentions the topic) although the set calls it answerable: a false decline.
    "id": "t2",
    "kind": "speaker_topic",
    "question": "What did Priya Shah say about submarine cables in Norway?",
    "speaker": "Priya Shah",
    "gold_docs": ["fake-orchard"],
    "evidence_any": ["We lost almost half of the blossom in a single night"],
}
DEV = [QUESTIONS[0] | {"split": "dev"}, QUESTIONS[3] | {"split": "dev"}]
TEST = [QUESTIONS[1] | {"split": "test"}, FALSE_DECLINE | {"split": "test"}]


def test_two_sets_are_scored_side_by_side_with_quotedesks_gap(
    fake_desk, fake_articles: Path, tmp_path: Path
) -> None:
    opened: list[Path] = []

    def open_fake(store_dir: Path, **_overrides: str | None):
        opened.append(store_dir)
        return fake_desk

    common = EvalOptions(
        dataset=Path(),
        corpus=fake_articles,
        store=fake_desk.settings.store_dir,
        systems=("quotedesk", "bm25"),
        progress=False,
        command_line="pytest",
    )
    sets = [
        EvalOptions(**{**vars(common), "dataset": write_jsonl(tmp_path / name, rows)})
        for name, rows in (("made-up-dev.jsonl", DEV), ("made-up-test.jsonl", TEST))
    ]
    comparison = run_evals(sets, tmp_path / "out", open_desk=open_fake)

    assert opened == [fake_desk.settings.store_dir]  # one desk and one ingest for both sets
    assert comparison["meta"]["labels"] == ["dev", "test"]
    for stem in ("made-up-dev", "made-up-test"):  # each set's own full report
        assert (tmp_path / "out" / stem / "report.md").stat().st_size > 0
    dev = comparison["summary"]["dev"]["quotedesk"]
    test = comparison["summary"]["test"]["quotedesk"]
    assert (dev["n"], test["n"]) == (2, 2)
    assert dev["false_not_on_topic"] == 0.0 and test["false_not_on_topic"] == 1.0
    assert comparison["summary"]["test"]["bm25"]["false_not_on_topic"] is None  # no speakers
    assert comparison["gap"]["test"]["quotedesk"]["false_not_on_topic"] == 1.0
    assert comparison["gap"]["test"]["quotedesk"]["cit_recall_strict"] == -0.5  # 1/1, then 1/2
    assert set(comparison["by_kind"]) == {"speaker_topic", "who_said", "unanswerable"}
    assert comparison["by_kind"]["who_said"]["dev"] == {}  # no who-said question in dev

    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    header = "| metric | quotedesk dev | quotedesk test | quotedesk gap | bm25 dev | bm25 test |"
    assert report.count(header) == 1 + 3  # the summary and one table per kind
    assert "| false 'not on this topic' declines | 0.000 | 1.000 | **+1.000** | n/a | n/a |" in (
        report
    )
    assert "[report](made-up-test/report.md)" in report
    written = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert written["summary"]["test"]["quotedesk"]["n"] == 2


@pytest.mark.parametrize(
    ("splits", "names", "labels"),
    [
        ((["dev", "dev"], ["test"]), ("a-dev", "a-test"), ["dev", "test"]),
        ((["dev"], ["dev"]), ("bbc-dev", "press-dev"), ["bbc-dev", "press-dev"]),  # clash
        ((["dev", None], ["test"]), ("mixed", "t"), ["mixed", "t"]),  # one set, two splits
        (([None], [None]), ("bbc", "press"), ["bbc", "press"]),  # hand-written sets
    ],
)
def test_each_set_is_labelled_by_its_split_else_its_name(
    splits: tuple[list[str | None], ...], names: tuple[str, ...], labels: list[str]
) -> None:
    rows = [[{"split": s} if s else {} for s in one] for one in splits]
    assert set_labels([Path(f"{n}.jsonl") for n in names], rows) == labels


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("hit1_strict", 0.02, "+0.020"),
        ("hit1_strict", -0.06, "**-0.060**"),  # past the 0.05 bound: flagged
        ("cited_words_per_answer", 12.0, "+12"),  # a count: never flagged
        ("latency_p95_ms", -30.0, "-30"),
        ("latency_p95_ms", -0.4, "+0"),  # rounds to nothing: no "-0"
        ("hit1_strict", -0.0004, "+0.000"),
        ("hit1_strict", None, "n/a"),
    ],
)
def test_gap_cells(key: str, value: float | None, shown: str) -> None:
    assert fmt_gap(key, value) == shown


def test_three_sets_show_each_gap_to_the_first() -> None:
    by_label = {
        label: {"quotedesk": {"n": 1, "hit1_strict": v}}
        for label, v in (("dev", 0.5), ("test", 0.5), ("press", 0.25))
    }
    table = comparison_table(by_label, ["hit1_strict"]).splitlines()
    assert table[0] == (
        "| metric | quotedesk dev | quotedesk test | quotedesk press | quotedesk dev → test "
        "| quotedesk dev → press |"
    )
    assert table[-1] == "| evidence hit@1 (strict) | 0.500 | 0.500 | 0.250 | +0.000 | **-0.250** |"


@pytest.mark.parametrize(
    ("answer", "abstained", "expected"),
    [
        ("The articles quote Ana Ruiz, but not on the port.", True, True),
        (
            "The articles quote Ana Ruiz, but not on this. "
            "Headlines of articles that quote Ana Ruiz: Port opens.",
            True,
            True,
        ),
        ("The articles do not cover this question.", True, False),
        ("The articles do not mention Ana Ruiz.", True, False),
        ("The articles quote Ana Ruiz, but not on the port.", False, False),  # not a decline
    ],
)
def test_not_on_topic_declines(answer: str, abstained: bool, expected: bool) -> None:
    assert declined_not_on_topic(answer, abstained) is expected


@pytest.mark.parametrize(
    ("kind", "speaker", "flagged"),
    [
        ("speaker_topic", "Ana Ruiz", True),
        ("followup", "Ana Ruiz", True),
        ("who_said", "Ana Ruiz", False),  # the speaker is the answer, not asked for
        ("fact", None, False),
        ("unanswerable", "Ana Ruiz", False),
    ],
)
def test_only_answerable_speaker_questions_count_not_on_topic(
    kind: str, speaker: str | None, flagged: bool
) -> None:
    row = {"kind": kind, "speaker": speaker, "evidence_any": ["x"], "gold_docs": ["a"]}
    flags = score_question(row, [], [], "The articles quote Ana Ruiz, but not on it.", True, {})
    assert ("not_on_topic" in flags) is flagged
    if flagged:
        assert flags["not_on_topic"] is True


def test_two_sets_with_one_file_name_are_a_usage_error(tmp_path: Path) -> None:
    import click

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    sets = [
        EvalOptions(dataset=write_jsonl(tmp_path / folder / "dev.jsonl", QUESTIONS))
        for folder in ("a", "b")
    ]
    with pytest.raises(click.UsageError, match="distinct file names"):
        run_evals(sets, tmp_path / "out", open_desk=lambda *_a, **_k: pytest.fail("opened"))
