"""The story a who-said question names: "Who talked about X in connection with Y?", "Which
person was quoted on X in the story about Y?".

X is what the person said; Y says which story it was in (the generator and people alike take
Y from the headline or the article's subject), and is often not in the quoted words. Scored
as one topic, a quotation that holds only Y's words ("Westland stands with the families")
outranked the one about X: on PolNeAR dev, the who-said answers q25 lost to another quoted
person were all of this form. So Y is read apart, as a hint to the article
(`Intent.story_hint`): passages and units are found and ranked with X and Y, and among the
quotations that score close to the best the one holding most of X leads
(`app.reorder.topic_first`).

One ordered table of named rules (`STORY_RULES`, built from `app.lexicon_questions.LEXICON`),
each finding the word that heads Y; cases in `tests/unit/test_question_story.py`, all made up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from app.lexicon_questions import LEXICON
from app.question_facts import text_about

Token = Any  # a spaCy token, read here as in `app.question_parse`
Doc = Any


class _StoryRule(NamedTuple):
    name: str
    heads_story: Callable[[Token], bool]  # the token heads Y, the story named


class StoryHint(NamedTuple):
    """The words of the question that name the story, and the rule that found them."""

    rule: str
    positions: frozenset[int]


def link_noun(token: Token) -> bool:
    """The noun of a linking phrase: "connection" in "in connection with Y", between its own
    "in" / "with" and the "with" / "to" that takes Y; "friendly relations" is a topic."""
    if token.lemma_.lower() not in LEXICON["link_noun"] or token.dep_ != "pobj":
        return False
    opens = token.head.lower_ in LEXICON["link_opener"]
    return opens and any(
        c.dep_ == "prep" and c.lower_ in LEXICON["link_preposition"] for c in token.children
    )


def _linked(token: Token) -> bool:
    """Y of "in connection with Y", "in relation to Y", "with regard to Y"."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in LEXICON["link_preposition"]
        and link_noun(prep.head)
    )


def _story_about(token: Token) -> bool:
    """Y of "in the story about Y", "in the report on Y": what a generic text named as the
    source is about."""
    return token.dep_ == "pobj" and text_about(token.head)


STORY_RULES: tuple[_StoryRule, ...] = (
    _StoryRule("linked", _linked),
    _StoryRule("story_about", _story_about),
)


def story_hint(doc: Doc) -> StoryHint | None:
    """The first story the question names (Y and the words under it), or None."""
    for rule in STORY_RULES:
        for token in doc:
            if rule.heads_story(token):
                return StoryHint(rule.name, frozenset(t.i for t in token.subtree))
    return None
