"""Where the topic stands around a unit (`_Scoring.around_values`): in the sentences before it,
in the earlier sentences of its quotation, in the turn it answers, and how close the sentence
before it is to the question.

Made-up text only.
"""

from __future__ import annotations

import numpy as np
import pytest

from app.evidence import Around, Query, SentenceCosines, Unit, _Scoring
from ingest.terms import Lexicon
from ingest.types import Chunk, Quote

QUESTION = "What about the bridge over the Marl?"
ANSWER = "We built it in two years. It opened in May. The cost was high."
TEXT = f"Ann Vell: {QUESTION} Tom Wright: {ANSWER}"


def _chunk() -> Chunk:
    return Chunk("a:0", "a", 0, TEXT, 0, len(TEXT), 1, 1, title="Made-up")


def _quote(words: str, speaker: str) -> Quote:
    start = TEXT.index(words)
    return Quote(words, start, start + len(words), "transcript", speaker, chunk_id="a:0")


TURNS = {"q0": _quote(QUESTION, "Ann Vell"), "q1": _quote(ANSWER, "Tom Wright")}


def _unit(words: str, quote_id: str = "q1") -> Unit:
    start = TEXT.index(words)
    speaker = TURNS[quote_id].speaker
    return Unit(_chunk(), start, start + len(words), "transcript", speaker, None, True, quote_id)


def _scoring(topic: str, sentences: SentenceCosines | None = None) -> _Scoring:
    lexicon = Lexicon()
    weights = dict.fromkeys(lexicon.terms(topic), 1.0)
    query = Query(topic, [], "Tom Wright", ("Tom Wright",))
    around = Around(TURNS, {"a:0": sorted(TURNS.values(), key=lambda q: q.start)})
    found = {"a:0": sentences} if sentences else {}
    return _Scoring(lexicon.terms, query, weights, ({}, {}), ({}, {}), found, around)


def test_an_answer_takes_its_topic_from_the_question_of_the_turn_before() -> None:
    values = _scoring("bridge Marl").around_values(_unit("It opened in May."))
    assert values["turn_cover"] == 1.0
    assert values["window_cover"] == 1.0  # two sentences back: the question's
    assert _scoring("bridge Marl").cover("It opened in May.") == 0.0


@pytest.mark.parametrize(
    ("words", "place"),
    [("We built it in two years.", 1.0), ("It opened in May.", 0.5), ("The cost was high.", 1 / 3)],
)
def test_a_sentence_of_a_long_quotation_knows_its_place_and_the_whole(
    words: str, place: float
) -> None:
    values = _scoring("built years").around_values(_unit(words))
    assert values["quote_place"] == pytest.approx(place)
    assert values["quote_cover"] == 1.0  # the whole quotation says it


def test_the_first_turn_has_no_turn_before_and_narrative_none_at_all() -> None:
    assert _scoring("bridge Marl").around_values(_unit(QUESTION, "q0"))["turn_cover"] == 0.0
    start = TEXT.index("It opened")
    narrative = Unit(_chunk(), start, start + 17, "sentence")
    values = _scoring("bridge Marl").around_values(narrative)
    assert (values["turn_cover"], values["quote_place"]) == (0.0, 1.0)


def test_the_sentence_before_is_scored_by_its_own_cosine() -> None:
    spans = [(TEXT.index(s), TEXT.index(s) + len(s)) for s in ANSWER.split(". ")]
    cosines = SentenceCosines(np.asarray(spans), np.asarray([0.9, 0.2, 0.4]))
    scoring = _scoring("bridge", cosines)
    assert scoring.around_values(_unit("It opened in May."))["before_dense"] == 0.9
    assert scoring.around_values(_unit("The cost was high."))["before_dense"] == 0.2
    assert scoring.around_values(_unit("We built it in two years."))["before_dense"] == 0.0
