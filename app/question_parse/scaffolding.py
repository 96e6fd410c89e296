"""`SCAFFOLDING_RULES`, the ordered table of words that are not the topic: the question's
frame (wh-word, auxiliaries, punctuation), the cue's own words, the listener, the medium, a
request.

What is left once these and the speaker slot are removed is the topic
(`app.question_parse.parse`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, NamedTuple

from app.lexicon_questions import LEXICON
from app.question_parse.cues import stance_asked_for
from app.question_parse.pipeline import Token
from app.question_parse.slot import WORD_JOINERS
from app.question_story import link_noun


class _ScaffoldRule(NamedTuple):
    name: str
    drops: Callable[[Token, frozenset[int]], bool]  # (token, cue positions) -> not topic
    # The questions that read it. "who_said": the who-said trees were refitted on topics
    # cleaned by these (q25); the general and speaker trees read topics without them
    # (docs/notes/q26.md). "other": a who-said topic is the words of the statement, which
    # the passage holds as they are ("Who said the fares would rise next year?").
    reads: Literal["all", "who_said", "other"] = "all"


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


def stray_punctuation(token: Token) -> bool:
    """A punctuation mark that is no part of a word: not a hyphen or slash inside one
    ("52-year-old"), nor a percent sign after a number ("7%")."""
    return token.is_punct and not _joins_words(token) and not _unit_of(token)


SCAFFOLDING_RULES: tuple[_ScaffoldRule, ...] = (
    _ScaffoldRule("punctuation", lambda t, cue: stray_punctuation(t)),
    _ScaffoldRule("cue", lambda t, cue: t.i in cue),
    _ScaffoldRule("question_word", lambda t, cue: question_word(t)),
    _ScaffoldRule("auxiliary", lambda t, cue: t.pos_ == "AUX" or t.dep_ in ("aux", "auxpass")),
    _ScaffoldRule("inverted_do", lambda t, cue: _inverted_do(t)),
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
    _ScaffoldRule("something_about", lambda t, cue: _about_something(t, cue), reads="who_said"),
    _ScaffoldRule("topic_link", lambda t, cue: _topic_link(t), reads="who_said"),
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
    _ScaffoldRule("pointing_time", lambda t, cue: _pointing_time(t, cue), reads="other"),
)


def _inverted_do(token: Token) -> bool:
    """ "Did the President of Westland comment on tolls?", "What figure does the report on
    the pier give for the ferry?": the do of a question, before its subject, which spaCy
    may read as the main verb (and the verb after the subject as a noun), so the auxiliary
    rule misses it. Nothing but the opening (a conjunction, the wh-word and its phrase)
    comes before it, and something follows it."""
    if token.lower_ not in LEXICON["do_aux"] or token.i + 1 >= len(token.doc):
        return False
    before = [t for t in token.doc[: token.i] if not (t.i == 0 and t.pos_ == "CCONJ")]
    opens = not before or question_word(before[0])
    return (
        opens
        and not token.doc[token.i + 1].is_punct
        and not any(t.pos_ in ("VERB", "AUX") for t in before)
    )


def _time_of(token: Token, cue: frozenset[int]) -> bool:
    """A time noun made to point by its modifier ("that week", "the next year", "last
    month", "the same day"), or a day the cue was said on ("say on Monday", "said
    yesterday"). One that names which thing ("last year's floods") is part of it."""
    if token.dep_ in ("ROOT", "poss", "compound"):
        return False
    if token.lower_ in LEXICON["day_name"] and token.i > 0:
        # Right after the cue, a preposition or a pointing word: not in a name ("Super
        # Tuesday"), which spaCy may hang on the cue all the same.
        before = token.doc[token.i - 1]
        alone = before.i in cue or before.pos_ == "ADP" or before.lower_ in LEXICON["pointing_time"]
        holder = token.head.head if token.head.dep_ == "prep" else token.head
        return alone and holder.i in cue
    return token.lemma_.lower() in LEXICON["time_noun"] and any(
        child.dep_ in ("det", "amod", "predet") and child.lower_ in LEXICON["pointing_time"]
        for child in token.children
    )


def _pointing_time(token: Token, cue: frozenset[int]) -> bool:
    """ "What did X say about the pier in that week?", "... last year?", "... on Monday?":
    a time pointed at from where the asker stands is when it was said or happened, which
    the article writes as a date or not at all, so it is no word a passage must hold. The
    noun, its modifiers and the preposition it hangs on go; a time the cue is about stays
    ("What did X say about that week?")."""
    noun = next((t for t in (token, token.head) if _time_of(t, cue)), None)
    if noun is None:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if token.dep_ != "prep" or len(objects) != 1 or not _time_of(objects[0], cue):
            return False
        noun = objects[0]
    if noun.i != token.i and token.head.i == noun.i and token.dep_ not in ("det", "amod", "predet"):
        return False  # a word that says more of the time ("that week of talks")
    holder = noun.head
    return noun.dep_ != "pobj" or holder.lower_ in LEXICON["time_preposition"]


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
    reads = ("all", "who_said" if who_said else "other")
    rules = (r for r in SCAFFOLDING_RULES if r.reads in reads)
    return next((rule.name for rule in rules if rule.drops(token, cue)), None)
