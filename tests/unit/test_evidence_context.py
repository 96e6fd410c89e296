"""The topic in what introduces a unit that the unit itself lacks (`Scoring.context_values`,
`intro_gain`): the sentences before and the question of the turn before, never the unit's own
words or a neighbouring quotation's.

Made-up text only.
"""

from __future__ import annotations

import pytest

from app.evidence.scoring import Around, Query, Scoring
from app.evidence.units import Unit
from ingest.terms import Lexicon
from ingest.types import Chunk, Quote

QUESTION = "What about the bridge over the Marl?"
ANSWER = "We built it in two years. It opened in May. The cost was high."
TURNS_TEXT = f"Ann Vell: {QUESTION} Tom Wright: {ANSWER}"

# A narrative article: an introduction, the quotation, the sentence after it.
STORY = (
    "The council met on the ferry fares. "
    "\u201cThe fares will stay as they are this winter,\u201d Mayor Alma Ruiz said. "
    "She spoke after the vote."
)
STATEMENT = "\u201cThe fares will stay as they are this winter,\u201d"


def _chunk(text: str) -> Chunk:
    return Chunk("a:0", "a", 0, text, 0, len(text), 1, 1, title="Made-up")


def _quote(text: str, words: str, speaker: str, kind: str = "transcript") -> Quote:
    start = text.index(words)
    return Quote(words, start, start + len(words), kind, speaker, chunk_id="a:0")


def _scoring(topic: str, quotes: dict[str, Quote]) -> Scoring:
    lexicon = Lexicon()
    weights = dict.fromkeys(lexicon.terms(topic), 1.0)
    query = Query(topic, [], "Tom Wright", ("Tom Wright",))
    around = Around(quotes, {"a:0": sorted(quotes.values(), key=lambda q: q.start)})
    return Scoring(lexicon.terms, query, weights, ({}, {}), ({}, {}), {}, around)


def _values(scoring: Scoring, unit: Unit) -> dict[str, float]:
    return scoring.context_values(unit, scoring.terms_of(unit.text))


def _gain(scoring: Scoring, unit: Unit) -> float:
    return _values(scoring, unit)["intro_gain"]


TURNS = {
    "q0": _quote(TURNS_TEXT, QUESTION, "Ann Vell"),
    "q1": _quote(TURNS_TEXT, ANSWER, "Tom Wright"),
}


def _turn_unit(words: str, quote_id: str = "q1") -> Unit:
    start = TURNS_TEXT.index(words)
    speaker = TURNS[quote_id].speaker
    chunk = _chunk(TURNS_TEXT)
    return Unit(chunk, start, start + len(words), "transcript", speaker, None, True, quote_id)


def test_an_answer_gains_the_topic_of_the_question_before_it() -> None:
    scoring = _scoring("bridge Marl", TURNS)
    assert _gain(scoring, _turn_unit("The cost was high.")) == 1.0
    assert scoring.cover("The cost was high.") == 0.0


def test_words_the_unit_holds_itself_count_for_nothing() -> None:
    """The question's own turn holds "bridge" and "Marl": its context adds nothing."""
    scoring = _scoring("bridge Marl", TURNS)
    assert _gain(scoring, _turn_unit(QUESTION, "q0")) == 0.0


@pytest.mark.parametrize(
    ("topic", "gain"), [("bridge built", 0.5), ("built years", 0.0), ("opened cost", 0.0)]
)
def test_a_partial_cover_gains_only_the_missing_share(topic: str, gain: float) -> None:
    """ "We built it in two years." holds "built" (and "years"); the turn before adds "bridge",
    never what the unit already says, and the sentence after ("It opened ...") adds nothing."""
    scoring = _scoring(topic, TURNS)
    assert _gain(scoring, _turn_unit("We built it in two years.")) == gain


def _story_units() -> tuple[Unit, Unit, dict[str, Quote]]:
    chunk = _chunk(STORY)
    quote = _quote(STORY, STATEMENT, "Alma Ruiz", "direct")
    start = STORY.index(STATEMENT)
    gold = Unit(chunk, start, quote.end, "direct", "Alma Ruiz", None, True, "q")
    after = STORY.index("She spoke")
    neighbour = Unit(chunk, after, len(STORY), "sentence")
    return gold, neighbour, {"q": quote}


def test_a_quotation_gains_from_its_introduction() -> None:
    gold, _, quotes = _story_units()
    values = _values(_scoring("ferry winter", quotes), gold)
    assert values["intro_gain"] == 0.5  # "ferry" from the sentence before; "winter" its own


def test_the_sentence_after_a_quotation_gains_nothing_from_its_words() -> None:
    """The neighbour's sentences before hold the quotation's "winter": it is cut out, and only
    the narrative around the quotation counts."""
    _, neighbour, quotes = _story_units()
    assert _gain(_scoring("winter", quotes), neighbour) == 0.0
    assert _gain(_scoring("ferry", quotes), neighbour) == 1.0


# A long quotation is cited sentence by sentence: its later sentences must not take the topic
# from its earlier ones, which are candidates of their own (docs/notes/rank38.md).
LONG_STORY = (
    "The council met on Monday. "
    "\u201cThe ferry fares will stay. We cannot raise them this winter,\u201d Mayor Alma Ruiz said."
)
LONG_STATEMENT = "\u201cThe ferry fares will stay. We cannot raise them this winter,\u201d"


@pytest.mark.parametrize(
    ("topic", "gain"),
    [
        ("ferry fares", 0.0),  # said by the quotation's first sentence: not this one's
        ("council", 1.0),  # the narrative that introduces the quotation still counts
        ("council ferry", 0.5),
    ],
)
def test_a_later_sentence_of_a_quotation_gains_nothing_from_its_earlier_ones(
    topic: str, gain: float
) -> None:
    chunk = _chunk(LONG_STORY)
    quote = _quote(LONG_STORY, LONG_STATEMENT, "Alma Ruiz", "direct")
    start = LONG_STORY.index("We cannot")
    later = Unit(chunk, start, quote.end, "direct", "Alma Ruiz", None, True, "q")
    assert _gain(_scoring(topic, {"q": quote}), later) == gain


@pytest.mark.parametrize(("topic", "gain"), [("opened May", 0.0), ("bridge Marl", 1.0)])
def test_a_turn_sentence_gains_the_question_not_its_own_turn(topic: str, gain: float) -> None:
    """ "The cost was high." follows "It opened in May." in the same answer: only the question
    before the turn introduces it."""
    assert _gain(_scoring(topic, TURNS), _turn_unit("The cost was high.")) == gain
