"""`SCAFFOLDING_RULES`, the ordered table of words that are not the topic: the question's
frame (wh-word, auxiliaries, punctuation), the cue's own words, the listener, the medium, a
request.

What is left once these and the speaker slot are removed is the topic
(`app.question_parse.parse`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from app.lexicon_questions import LEXICON
from app.question_parse.cues import stance_asked_for
from app.question_parse.pipeline import Token
from app.question_parse.slot import WORD_JOINERS
from app.question_story import link_noun


class _ScaffoldRule(NamedTuple):
    name: str
    drops: Callable[[Token, frozenset[int]], bool]  # (token, cue positions) -> not topic
    # Read only in who-said questions: the who-said trees were refitted on topics cleaned by
    # these (q25); the general and speaker trees read topics without them (docs/notes/q26.md).
    who_said_only: bool = False


def _listener(token: Token, cue: frozenset[int]) -> bool:
    """The person or body spoken to ("tell the committee about ..."): not the topic. What
    was said to them stays, when spaCy hangs it on the listener ("the council about the
    pier"); only its "about" goes."""
    inside_topic = False
    for ancestor in (token, *token.ancestors):
        head = ancestor.head
        if head.i in cue and ancestor.dep_ in ("dobj", "dative", "iobj"):
            listens = head.lemma_.lower() in LEXICON["listener_verb"]
            return listens and (not inside_topic or token.dep_ == "prep")
        if ancestor.dep_ == "prep" and ancestor.lower_ in LEXICON["topic_preposition"]:
            inside_topic = inside_topic or ancestor.i != token.i
    return False


def question_word(token: Token) -> bool:
    """The wh-word that makes the question ("Why did ...", "And how ...", "By how much ...",
    "According to X, how long ..."); one inside the topic stays ("... knew where the
    money went")."""
    if token.lower_ not in LEXICON["wh_word"]:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is None or before.is_punct or before.pos_ in ("CCONJ", "ADP")


def _joins_words(token: Token) -> bool:
    """A hyphen or slash written inside a word ("52-year-old"), which the topic keeps."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        token.text in WORD_JOINERS
        and not token.whitespace_
        and before is not None
        and not before.whitespace_
    )


def _unit_of(token: Token) -> bool:
    """A percent sign written after a number ("7%", "a 5% rise"): part of the quantity."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text == "%" and before is not None and before.like_num and not before.whitespace_


SCAFFOLDING_RULES: tuple[_ScaffoldRule, ...] = (
    _ScaffoldRule(
        "punctuation", lambda t, cue: t.is_punct and not _joins_words(t) and not _unit_of(t)
    ),
    _ScaffoldRule("cue", lambda t, cue: t.i in cue),
    _ScaffoldRule("question_word", lambda t, cue: question_word(t)),
    _ScaffoldRule("auxiliary", lambda t, cue: t.pos_ == "AUX" or t.dep_ in ("aux", "auxpass")),
    _ScaffoldRule("pronoun", lambda t, cue: t.pos_ == "PRON"),
    _ScaffoldRule("determiner", lambda t, cue: t.pos_ == "DET"),
    _ScaffoldRule("opening_conjunction", lambda t, cue: t.i == 0 and t.pos_ == "CCONJ"),
    _ScaffoldRule("scaffold_adverb", lambda t, cue: t.lower_ in LEXICON["scaffold_adverb"]),
    _ScaffoldRule(
        "cue_preposition",
        lambda t, cue: t.head.i in cue and t.lower_ in LEXICON["topic_preposition"],
    ),
    _ScaffoldRule("cue_particle", lambda t, cue: t.head.i in cue and t.dep_ in ("prt", "mark")),
    _ScaffoldRule(
        "complementiser", lambda t, cue: t.dep_ == "mark" and t.lower_ in LEXICON["complementiser"]
    ),
    _ScaffoldRule("more_of_the_same", lambda t, cue: t.lower_ == "more" and t.head.i in cue),
    _ScaffoldRule("something_about", lambda t, cue: _about_something(t, cue), who_said_only=True),
    _ScaffoldRule("topic_link", lambda t, cue: _topic_link(t), who_said_only=True),
    _ScaffoldRule("listener", _listener),
    _ScaffoldRule("stance_object", lambda t, cue: stance_asked_for(t, cue)),
    _ScaffoldRule("negation", lambda t, cue: t.dep_ == "neg" and t.head.i in cue),
    _ScaffoldRule("request", lambda t, cue: _requests_the_cue(t, cue)),
    _ScaffoldRule("question_answered", lambda t, cue: _question_answered(t, cue)),
    _ScaffoldRule("medium", lambda t, cue: _medium(t, cue)),
    _ScaffoldRule(
        "request_preposition",
        lambda t, cue: t.lower_ in LEXICON["topic_preposition"] and _requests_the_cue(t.head, cue),
    ),
)


def _about_something(token: Token, cue: frozenset[int]) -> bool:
    """ "Who said something about Y?", "Did X say anything on Y?": the preposition after the
    pronoun object of the cue is the cue's own "about"."""
    head = token.head
    return (
        token.lower_ in LEXICON["topic_preposition"] and head.pos_ == "PRON" and head.head.i in cue
    )


def _topic_link(token: Token) -> bool:
    """ "in connection with Y", "in relation to Y", "with regard to Y": the words that link Y
    to the rest; Y stays."""
    if link_noun(token):
        return True
    if token.dep_ == "prep" and link_noun(token.head):
        return token.lower_ in LEXICON["link_preposition"]  # "with" of "connection with"
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return token.dep_ == "prep" and any(link_noun(o) for o in objects)


def _question_answered(token: Token, cue: frozenset[int]) -> bool:
    """ "How did X answer the question about Y?", "respond to questions on Y": the question put
    to the speaker is the cue's object, not the topic; what it was about stays (its "about"
    goes as the cue's preposition would)."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "to":
        head = head.head  # "respond to a question"
    if token.lemma_.lower() in LEXICON["question_noun"] and head.i in cue:
        return True
    return (
        token.lower_ in LEXICON["topic_preposition"]
        and token.head.lemma_.lower() in LEXICON["question_noun"]
        and _question_answered(token.head, cue)
    )


def _medium(token: Token, cue: frozenset[int]) -> bool:
    """ "What did X say in his statement?", "... in an interview with the BBC?": the cue's "in"
    phrase naming where the words were said is no topic; what that speech was about stays
    ("in his speech about NATO": NATO; its "about" goes as the cue's own would)."""
    about = False  # the token is inside an "about" phrase of the medium
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ == "in" and ancestor.head.i in cue:
            objects = [c for c in ancestor.children if c.dep_ == "pobj"]
            medium = bool(objects) and objects[0].lemma_.lower() in LEXICON["medium_noun"]
            if token.head.i == ancestor.i:
                return medium  # the medium noun itself
            return medium and not about
        about = about or (
            ancestor.dep_ == "prep" and ancestor.lower_ in LEXICON["about_preposition"]
        )
    if token.dep_ == "prep" and token.lower_ == "in" and token.head.i in cue:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and objects[0].lemma_.lower() in LEXICON["medium_noun"]
    return False


def _requests_the_cue(token: Token, cue: frozenset[int]) -> bool:
    """ "Give me a quote from X on Y", "Show me X's comments on Y": the verb asking for the
    cue noun is the request, not the topic."""
    return token.lemma_.lower() in LEXICON["request_verb"] and any(
        child.i in cue and child.dep_ == "dobj" for child in token.children
    )


def scaffolding(token: Token, cue: frozenset[int], who_said: bool) -> str | None:
    rules = (r for r in SCAFFOLDING_RULES if who_said or not r.who_said_only)
    return next((rule.name for rule in rules if rule.drops(token, cue)), None)
