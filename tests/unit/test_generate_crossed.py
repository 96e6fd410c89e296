"""Crossed who-said items: another corpus's who-said questions become unanswerable items of a
corpus whose articles never hold their phrases' words together (invented texts and names)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.generate.crossed import crossed_items, phrase_words, write_crossed
from evals.generate.text import CorpusIndex

# One target corpus: an article on the harbour tariff, one on a football final.
TARGET = CorpusIndex(
    {
        "t1": "Westland raises the harbour tariff. Ana Vell said the tariff would stay.",
        "t2": "Bob Hale scored twice in the cup final on Saturday.",
    }
)


def _who(item_id: str, question: str, template: str, split: str = "dev") -> dict:
    return {
        "id": item_id,
        "question": question,
        "kind": "who_said",
        "template": template,
        "split": split,
        "speaker": "Ola Tamm",
        "gold_docs": ["s1"],
    }


PHRASE_CASES = [
    # (template, question, the phrases' words)
    (
        "ws_spoke",
        "Who spoke about the ferry fares and the island?",
        ["the", "ferry", "fares", "the", "island"],
    ),
    (
        "ws_talked",
        "Who talked about the ferry fares in connection with Westland?",
        ["the", "ferry", "fares", "westland"],
    ),
    (
        "ws_quoted",
        "Which person was quoted on ferry fares in the story about the strike?",
        ["ferry", "fares", "the", "strike"],
    ),
    (
        "ws_said_that",
        "Who said something about the tariff and the harbour?",
        ["the", "tariff", "the", "harbour"],
    ),
]


@pytest.mark.parametrize(("template", "question", "words"), PHRASE_CASES)
def test_phrase_words_read_back_from_the_template(
    template: str, question: str, words: list[str]
) -> None:
    assert phrase_words({"template": template, "question": question}) == words


def test_phrase_words_of_a_question_its_template_did_not_make() -> None:
    assert phrase_words({"template": "ws_spoke", "question": "What did Ola Tamm say?"}) is None
    assert phrase_words({"template": "st_say", "question": "Who spoke about a and b?"}) is None


def test_only_questions_no_target_article_can_answer_are_crossed() -> None:
    sources = {
        "other": [
            # every word in t1: an article of the target may answer it
            _who("a", "Who said something about the tariff and the harbour?", "ws_said_that"),
            # "ferry" is in no target article: nobody there can have said it
            _who("b", "Who spoke about the ferry fares and the island?", "ws_spoke", "test"),
            {**_who("c", "Who spoke about a b and c d?", "ws_spoke"), "kind": "speaker_topic"},
        ],
        "target": [_who("d", "Who spoke about the moon and the sea?", "ws_spoke")],
    }
    items = crossed_items("target", TARGET, sources, per_source=10)
    assert [i["source_id"] for i in items] == ["b"]
    (item,) = items
    assert item["kind"] == "unanswerable"
    assert item["gold_docs"] == [] and item["evidence_any"] == [] and item["speaker"] is None
    assert item["split"] == "test"  # the source item's split
    assert item["corpus"] == "target" and item["source_corpus"] == "other"
    assert item["template"] == "crossed:ws_spoke"
    assert item["question"] == "Who spoke about the ferry fares and the island?"


def test_at_most_per_source_items_each_chosen_by_a_stable_hash() -> None:
    many = [
        _who(f"q{n}", f"Who spoke about the ferry {n} and the isle?", "ws_spoke") for n in range(6)
    ]
    first = crossed_items("target", TARGET, {"other": many}, per_source=2)
    again = crossed_items("target", TARGET, {"other": list(reversed(many))}, per_source=2)
    assert len(first) == 2
    assert [i["id"] for i in first] == [i["id"] for i in again]


def test_write_crossed_per_target_and_split(tmp_path: Path) -> None:
    def write(name: str, rows: list[dict]) -> None:
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows))

    write("bbc-articles.jsonl", [{"id": "t1", "title": "Port", "text": "The harbour tariff."}])
    write("press-articles.jsonl", [{"id": "p1", "title": "Ferry", "text": "Ferry fares rise."}])
    write("press-dev.jsonl", [_who("x", "Who spoke about ferry fares and the isle?", "ws_spoke")])
    write("bbc-dev.jsonl", [_who("y", "Who spoke about the tariff and the port?", "ws_spoke")])
    counts = write_crossed(tmp_path, per_source=5)
    assert counts == {
        "bbc-dev-crossed.jsonl": 1,
        "bbc-test-crossed.jsonl": 0,
        "press-dev-crossed.jsonl": 1,
        "press-test-crossed.jsonl": 0,
    }
    (row,) = [json.loads(line) for line in (tmp_path / "bbc-dev-crossed.jsonl").open()]
    assert row["source_id"] == "x" and row["corpus"] == "bbc"
