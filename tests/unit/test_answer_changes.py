"""`evals.answer_changes` counts changed answers by what changed, on made-up runs."""

from __future__ import annotations

import json

from evals.answer_changes import Change, changes, main


def _row(qid: str, kind: str, answer: str, abstained: bool, hit1, system="quotedesk") -> dict:
    flags = {"answerable": kind != "unanswerable", "hit1_strict": hit1}
    return {"id": qid, "kind": kind, "system": system, "answer": answer,
            "abstained": abstained, "flags": flags}  # fmt: skip


BEFORE = {"questions": [
    _row("q1", "who_said", "Ola Tamm said: “Yes.”", False, True),
    _row("q2", "speaker_topic", "Ida Vale said: “No.”", False, False),
    _row("q3", "unanswerable", "Nothing.", True, None),
    _row("q1", "who_said", "other system", False, False, system="bm25"),
]}  # fmt: skip
AFTER = {"questions": [
    _row("q1", "who_said", "No quotation in the articles says that; the closest: ...", True, True),
    _row("q2", "speaker_topic", "Ada Lind said: “No.”", False, True),
    _row("q3", "unanswerable", "Nothing.", True, None),
    _row("q1", "who_said", "changed, but another system", False, False, system="bm25"),
]}  # fmt: skip


def test_each_changed_quotedesk_answer_is_counted_by_what_changed() -> None:
    assert changes(BEFORE, AFTER) == {
        Change("who_said", True, "False->True", "True->True", True): 1,
        Change("speaker_topic", True, "False->False", "False->True", False): 1,
    }


def test_the_command_prints_counts_and_no_question_text(tmp_path, capsys) -> None:
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps(BEFORE), encoding="utf-8")
    after.write_text(json.dumps(AFTER), encoding="utf-8")
    assert main([str(before), str(after)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 answers differ") and "Ola Tamm" not in out


def test_an_unreadable_run_is_one_line_and_a_failure(tmp_path, capsys) -> None:
    assert main([str(tmp_path / "missing.json"), str(tmp_path / "missing.json")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
