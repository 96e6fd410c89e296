"""`evals.attribution_snapshot --compare`: what a rule change did, read from two snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from evals.attribution_snapshot import (
    SnapQuote,
    compare_snapshots,
    format_comparison,
    main,
    read_snapshot,
)

TEXT = (
    'Ortiz said the harbor deal was "a scam" and would cost millions. '
    '"We will fight it," said Lee. The mayor signed the "Harbor Act" on Monday.'
)
SCAM = TEXT.index("the harbor deal")
SCAM_END = TEXT.index(" and would")
FIGHT = TEXT.index('"We will')
FIGHT_END = TEXT.index(" said Lee") - 1
ACT = TEXT.index('"Harbor')
ACT_END = ACT + len('"Harbor Act"')

BEFORE = [
    ["a1", SCAM, TEXT.index(". "), "indirect", "Ortiz", "Ortiz", None, "said", "subject_verb"],
    ["a1", FIGHT, FIGHT_END, "direct", "Ortiz", "Ortiz", None, "said", "continues_previous"],
    ["a1", ACT, ACT_END, "direct", "mayor", "The mayor", None, "signed", "own_sentence"],
    ["a2", 0, 5, "direct", "Kim", "Kim", None, "said", "name_then_verb"],
]
AFTER = [
    # the reported statement now ends before the writer's `and would ...`: a changed span
    ["a1", SCAM, SCAM_END, "indirect", "Ortiz", "Ortiz", None, "said", "subject_verb"],
    # same span, the right speaker now
    ["a1", FIGHT, FIGHT_END, "direct", "Lee", "Lee", None, "said", "verb_then_name"],
    # the title is dropped; a2 is unchanged; a3 is new
    ["a2", 0, 5, "direct", "Kim", "Kim", None, "said", "name_then_verb"],
    ["a3", 2, 9, "direct", None, None, None, None, "unattributed"],
]


def _rows(rows: list[list]) -> list[SnapQuote]:
    return [SnapQuote(*row) for row in rows]


def _write(path: Path, rows: list[list]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_each_change_is_counted_once_by_its_kind(tmp_path: Path) -> None:
    before = read_snapshot(_write(tmp_path / "before.jsonl", BEFORE))
    after = read_snapshot(_write(tmp_path / "after.jsonl", AFTER))
    result = compare_snapshots(before, after)
    assert [c.before.start for c in result.dropped] == [ACT]
    assert [(c.after.doc, c.after.start) for c in result.added] == [("a3", 2)]
    assert [(c.before.speaker, c.after.speaker) for c in result.speaker_changed] == [
        ("Ortiz", "Lee")
    ]
    assert [(c.before.end, c.after.end) for c in result.span_changed] == [
        (TEXT.index(". "), SCAM_END)
    ]
    assert result.unchanged == 1


def test_identical_snapshots_have_no_change(tmp_path: Path) -> None:
    quotes = read_snapshot(_write(tmp_path / "s.jsonl", BEFORE))
    result = compare_snapshots(quotes, quotes)
    assert (result.dropped, result.added, result.speaker_changed, result.span_changed) == (
        [],
        [],
        [],
        [],
    )
    assert result.unchanged == len(BEFORE)


def test_a_span_change_pairs_the_closest_overlap_not_the_first() -> None:
    before = _rows([["d", 0, 40, "indirect", "A", "A", None, "said", "r"]])
    after = _rows(
        [
            ["d", 35, 60, "direct", "B", "B", None, "said", "r"],
            ["d", 0, 30, "indirect", "A", "A", None, "said", "r"],
        ]
    )
    result = compare_snapshots(before, after)
    assert [(c.after.start, c.after.end) for c in result.span_changed] == [(0, 30)]
    assert [(c.after.start, c.after.end) for c in result.added] == [(35, 60)]


def test_the_report_shows_counts_then_samples_with_article_rule_and_text(tmp_path: Path) -> None:
    result = compare_snapshots(
        read_snapshot(_write(tmp_path / "b.jsonl", BEFORE)),
        read_snapshot(_write(tmp_path / "a.jsonl", AFTER)),
    )
    report = format_comparison(result, {"a1": TEXT}, sample=5)
    first = report.splitlines()[0]
    assert first == "dropped 1  added 1  speaker_changed 1  span_changed 1  unchanged 1"
    assert "direct:own_sentence speaker='mayor'" in report and "'\"Harbor Act\"'" in report
    assert "before: direct:continues_previous speaker='Ortiz'" in report
    assert "after: direct:verb_then_name speaker='Lee'" in report


def test_a_malformed_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(BEFORE[0]) + "\nnot json\n[1]\n\n", encoding="utf-8")
    assert [q.start for q in read_snapshot(path)] == [SCAM]


def test_the_command_compares_two_snapshots_without_extracting(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import evals.attribution_snapshot as snapshot

    monkeypatch.setattr(snapshot, "snapshot_texts", lambda *_: {"a1": TEXT})
    before = _write(tmp_path / "b.jsonl", BEFORE)
    after = _write(tmp_path / "a.jsonl", AFTER)
    assert main(["--compare", str(before), "--after", str(after), "--sample", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dropped 1  added 1  speaker_changed 1  span_changed 1")
    assert "'\"Harbor Act\"'" in out
