"""A follow-up stays in the story it follows (the articles the previous answer cited) only as a
near tie-break: its words found only in another article are answered from there (issue 16;
made-up store, fake embedder)."""

from __future__ import annotations

import pytest

from app.answer.search import _story
from app.evidence.features import FEATURES, Candidate
from app.question import Intent, Turn
from app.reorder import STORY_SHARE, story_first
from tests.helpers import fake_desk_with

FERRY = {
    "id": "harbour-1",
    "title": "Ferry fares to rise in the spring",
    "text": (
        "The harbour board met on Monday.\n\n"
        '"Ferry fares will rise by a tenth in the spring," said Vera Lusk, the harbour '
        "director.\n\n"
        "The board also discussed the new pier."
    ),
}
DREDGING = {
    "id": "harbour-2",
    "title": "Channel work begins",
    "text": (
        "Work on the channel started this week.\n\n"
        '"The dredging of the channel will take three winters," Vera Lusk said.\n\n'
        "Boats will use the east passage meanwhile."
    ),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    return fake_desk_with(tmp_path_factory.mktemp("story"), [FERRY, DREDGING])


def test_a_follow_up_in_other_words_is_answered_from_the_other_article(desk) -> None:
    first = desk.ask("What did Vera Lusk say about ferry fares?")
    assert first.citations and first.citations[0].article_id == "harbour-1"
    follow = desk.ask("And what did she say about the dredging?", [first])
    assert not follow.abstained
    assert follow.citations[0].article_id == "harbour-2"
    assert "dredging" in follow.citations[0].text


def test_only_the_previous_answers_articles_are_marked(desk) -> None:
    column = FEATURES.index("previous_article")
    first = desk.ask("What did Vera Lusk say about ferry fares?")
    follow = desk.evidence("And what did she say about the dredging?", [first])
    marked = {c.unit.chunk.article_id for c in follow.candidates if c.features[column]}
    assert marked == {"harbour-1"}
    fresh = desk.evidence("What did Vera Lusk say about the dredging?")
    assert not any(c.features[column] for c in fresh.candidates)


def test_turn_carries_the_cited_articles() -> None:
    turn = Turn("Vera Lusk", "ferry fares", frozenset({("harbour-1", 40), ("harbour-1", 90)}))
    assert turn.cited_articles == frozenset({"harbour-1"})


def _candidate(score: float, in_story: bool) -> Candidate:
    features = [0.0] * len(FEATURES)
    features[FEATURES.index("previous_article")] = float(in_story)
    return Candidate(None, tuple(features), score)  # type: ignore[arg-type]


# (scores best first with whether each unit is in the story, the index that leads)
CASES = [
    ([(0.50, False), (0.45, True)], 1),  # near tie: the story's unit leads
    ([(0.50, False), (0.50 * STORY_SHARE - 0.01, True)], 0),  # too far below: order stands
    ([(0.50, False), (0.45, False)], 0),  # no story unit
    ([(0.50, True), (0.49, False)], 0),  # the best is in the story already
    ([(0.50, False), (0.44, True), (0.46, True)], 2),  # the story's best unit, not its first
]


@pytest.mark.parametrize(("units", "lead"), CASES)
def test_story_first_breaks_near_ties_only(units: list[tuple[float, bool]], lead: int) -> None:
    ranked = sorted((_candidate(s, f) for s, f in units), key=lambda c: -c.score)
    wanted = _candidate(*units[lead])
    result = story_first(ranked, STORY_SHARE)
    assert result[0] == wanted
    assert sorted(result, key=lambda c: -c.score) == ranked  # reordered, nothing lost


PREVIOUS = Turn("Vera Lusk", "ferry fares", frozenset({("harbour-1", 40)}))

# (the follow-up's reading: kind, topic, speakers; whether it is in the previous story)
STORIES = [
    (("speaker_topic", "the dredging", ["Vera Lusk"]), True),  # "And what did she say ..."
    (("speaker_topic", "ferry fares", ["Ida Brandt"]), True),  # "What was Brandt's view?"
    (("speaker_topic", "the new ferry fares", ["Ida Brandt"]), True),  # "... about it" carried
    (("speaker_topic", "the dredging", ["Ida Brandt"]), False),  # a new person, a new topic
    (("general", "the ferry faresaver", []), False),  # inside another word: not carried
]


@pytest.mark.parametrize(("reading", "in_story"), STORIES)
def test_a_follow_up_is_in_the_story_when_it_takes_its_person_or_topic(
    reading: tuple[str, str, list[str]], in_story: bool
) -> None:
    kind, topic, speakers = reading
    intent = Intent(kind, topic, speakers)  # type: ignore[arg-type]
    assert _story(intent, PREVIOUS) == (frozenset({"harbour-1"}) if in_story else frozenset())
    assert _story(intent, None) == frozenset()
