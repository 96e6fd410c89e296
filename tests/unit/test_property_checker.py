"""The answer property checker finds each kind of misquote it names, and passes a good answer.

Made-up articles and answers; the checker runs over real answers in
`tests/e2e/test_answer_properties.py`.
"""

from __future__ import annotations

import pytest

from app.types import Answer, Citation
from evals.answer_properties import answer_violations, segments
from ingest.types import Quote

ARTICLE = (
    "Harbour master Mara Quell said: “We wait for the tide. The boats stay in.” "
    "Ivo Brandt, the mayor, said the harbour would reopen."
)
_QUOTE_TEXT = "We wait for the tide. The boats stay in."
_QUOTE_START = ARTICLE.index(_QUOTE_TEXT)
QUOTES = [
    Quote(_QUOTE_TEXT, _QUOTE_START, _QUOTE_START + len(_QUOTE_TEXT), "direct", "Mara Quell"),
    Quote("the harbour would reopen", ARTICLE.index("the harbour"), 0, "indirect", "Ivo Brandt"),
]


def _citation(n: int, text: str, speaker: str | None) -> Citation:
    start = ARTICLE.index(text)
    return Citation(n, "a", "Made-up", None, None, None, 1, start, start + len(text), text, speaker)


QUOTED = _citation(1, "We wait for the tide.", "Mara Quell")
OVERRUN = _citation(1, "The boats stay in.” Ivo Brandt", "Mara Quell")
DESCRIBED = _citation(3, "We wait for the tide.", "harbour office")  # described, not named
REPORTED = _citation(2, "Ivo Brandt, the mayor, said the harbour would reopen.", "Ivo Brandt")


@pytest.mark.parametrize(
    ("text", "citations", "rules"),
    [
        ("Mara Quell said: “We wait for the tide.” [1]", [QUOTED], []),
        (
            "Mara Quell said: “We wait for the tide.” [1] "
            "Ivo Brandt, the mayor, said the harbour would reopen. [2]",
            [QUOTED, REPORTED],
            [],
        ),
        ("Quell also said: “We wait for the tide.” [1]", [QUOTED], []),
        ("Mara Quell (harbour master) said: “We wait for the tide.” [1]", [QUOTED], []),
        ("Mara Quell said: “The boats stay in.” Ivo Brandt” [1]", [OVERRUN], ["unpaired_mark"]),
        ("Mara Quell said: “stay in.” Ivo Brandt” [1]", [OVERRUN], ["unpaired_mark"]),
        ("Mara Quell said: “We wait for the boats.” [1]", [QUOTED], ["quote_outside_span"]),
        ("Mara Quell said: “The boats stay in.” Ivo Brandt [1]", [OVERRUN], []),
        ("Mara Quell said: “We wait for the tide. [1]", [QUOTED], ["unpaired_mark"]),
        ("Mara Quell said: “We wait “for the tide.” [1]", [QUOTED], ["unpaired_mark"]),
        ("The boats stay in.” Ivo Brandt [1]", [OVERRUN], ["unpaired_mark"]),
        ("Ivo Brandt said: “We wait for the tide.” [1]", [QUOTED], ["wrong_speaker"]),
        ("Brandt also said: “We wait for the tide.” [1]", [QUOTED], ["wrong_speaker"]),
        ("The harbour office said: “We wait for the tide.” [3]", [DESCRIBED], []),
        ("The harbour office also said: “We wait for the tide.” [3]", [DESCRIBED], []),
        ("The harbour said: “We wait for the tide.” [3]", [DESCRIBED], ["wrong_speaker"]),
        ("[Ivo Brandt] said the harbour would reopen. [2]", [REPORTED], []),
        ("[Mara Quell] said the harbour would reopen. [2]", [REPORTED], ["wrong_speaker"]),
        (
            "Ivo Brandt said: “the harbour would reopen” [2]",
            [REPORTED],
            ["quote_outside_span"],
        ),
        (
            "Mara Quell said: “We wait for the tide, Quell said” [1]",
            [QUOTED],
            ["quote_outside_span", "framed_twice"],
        ),
    ],
)
def test_violations(text: str, citations: list[Citation], rules: list[str]) -> None:
    answer = Answer(question="q", answer=text, abstained=False, citations=citations)
    found = answer_violations(answer, lambda article_id: QUOTES if article_id == "a" else [])
    assert sorted(v.rule for v in found) == sorted(rules)


def test_declined_answer_has_no_violations() -> None:
    answer = Answer(question="q", answer="Nobody said “that” here.", abstained=True)
    assert answer_violations(answer, lambda _: []) == []


def test_a_decline_that_cites_the_closest_quotation_is_checked() -> None:
    """ "No quotation in the articles says that; the closest one: ..." frames a quotation like
    any answer: a wrong speaker or words outside the span are violations there too."""
    closest = "No quotation in the articles says that; the closest one: "
    good = Answer("q", closest + "Mara Quell said: “We wait for the tide.” [1]", True, [QUOTED])
    wrong = Answer("q", closest + "Ivo Brandt said: “We wait for the tide.” [1]", True, [QUOTED])
    assert answer_violations(good, lambda _: QUOTES) == []
    assert [v.rule for v in answer_violations(wrong, lambda _: QUOTES)] == ["wrong_speaker"]


def test_segments_follow_markers() -> None:
    answer = Answer(question="q", answer="One. [1] Two and three. [2, 3]", abstained=False)
    assert [(s.text.strip(), s.numbers) for s in segments(answer)] == [
        ("One.", (1,)),
        ("Two and three.", (2, 3)),
    ]


def test_a_quotation_over_two_paragraphs_keeps_its_opening_marks() -> None:
    article = "Quell said: “We wait.\n\n“The tide is late.” Then she left."
    words = "We wait.\n\n“The tide is late."
    start = article.index(words)
    quote = Quote(words, start, start + len(words), "direct", "Mara Quell")
    cited = Citation(1, "b", "Made-up", None, None, None, 1, start, quote.end, words, "Mara Quell")
    answer = Answer(
        question="q", answer=f"Mara Quell said: “{words}” [1]", abstained=False, citations=[cited]
    )
    assert answer_violations(answer, lambda _: [quote]) == []
    broken = Answer(
        question="q",
        answer="Mara Quell said: “We wait “late.” [1]",
        abstained=False,
        citations=[cited],
    )
    assert [v.rule for v in answer_violations(broken, lambda _: [quote])] == ["unpaired_mark"]
