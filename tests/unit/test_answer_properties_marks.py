"""The misquote check: marks the answer adds must wrap a quotation's words; the article's own
marks in a sentence cited as written are the article's. Made-up text only."""

from __future__ import annotations

from app.types import Citation
from evals.answer_properties import Segment, _mark_violations
from ingest.types import Quote

SENTENCE = "Vell praised the show “Harbour Lights,” and its cast."


def _cited(text: str) -> Citation:
    return Citation(1, "a", "Made-up", None, None, None, 1, 0, len(text), text)


def _rules(answer: str, cited_text: str, quotes: list[Quote]) -> list[str]:
    found = _mark_violations("q", Segment(answer, (1,)), [_cited(cited_text)], lambda _: quotes)
    return [v.rule for v in found]


def test_the_articles_own_marks_in_its_sentence_are_no_misquote() -> None:
    assert _rules(f"{SENTENCE} [1]", SENTENCE, []) == []


def test_marks_the_answer_adds_must_wrap_a_quotation() -> None:
    framed = "Ann Vell said: “the show was a triumph” [1]"
    assert _rules(framed, SENTENCE, []) == ["quote_outside_span"]
    quote = Quote("the show was a triumph", 0, 22)
    assert _rules(framed, "the show was a triumph", [quote]) == []
