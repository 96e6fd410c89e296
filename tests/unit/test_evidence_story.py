"""A who-said question's story hint (`Query.story_hint`): passages and headlines are scored with
the topic and the story named, the units inside them with the topic alone, so a quotation that
holds only the story's words does not look like one about the topic.

Made-up text only.
"""

from __future__ import annotations

from app.evidence import Around, Query, Unit, _Scoring
from ingest.terms import Lexicon
from ingest.types import Chunk

TEXT = (
    "\u201cThe levy will fund the pier,\u201d Ida Vale said. "
    "\u201cWestland stands with the families,\u201d Bob Hale said."
)


def _scoring(topic: str, hint: str) -> _Scoring:
    lexicon = Lexicon()
    query = Query(topic, [], None, (), who_said=True, story_hint=hint)
    weights = (
        dict.fromkeys(lexicon.terms(topic), 1.0),
        dict.fromkeys(lexicon.terms(query.passage_topic), 1.0),
    )
    return _Scoring(lexicon.terms, query, weights, ({}, {}), ({}, {}), {}, Around({}, {}))


def _unit(words: str, speaker: str) -> Unit:
    chunk = Chunk("a:0", "a", 0, TEXT, 0, len(TEXT), 1, 1, title="Families and the levy")
    start = TEXT.index(words)
    return Unit(chunk, start, start + len(words), "direct", speaker, None, True, None)


def test_units_are_scored_on_the_topic_alone() -> None:
    scoring = _scoring("levy pier", "families")
    about = scoring.values(_unit("The levy will fund the pier,", "Ida Vale"))
    story_only = scoring.values(_unit("Westland stands with the families,", "Bob Hale"))
    assert about["unit_cover"] == 1.0
    assert story_only["unit_cover"] == 0.0


def test_passages_and_headlines_are_scored_with_the_story() -> None:
    """The headline holds "families" and "levy", not "pier": two of the three words."""
    values = _scoring("levy pier", "families").values(_unit("The levy will fund", "Ida Vale"))
    without = _scoring("levy pier", "").values(_unit("The levy will fund", "Ida Vale"))
    assert values["title_cover"] == 2 / 3
    assert without["title_cover"] == 1 / 2
    assert values["chunk_cover"] == without["chunk_cover"] == 1.0


def test_the_passage_topic_is_the_topic_and_the_story() -> None:
    assert Query("levy pier", [], None, story_hint="families").passage_topic == "levy pier families"
    assert Query("levy pier", [], None).passage_topic == "levy pier"
