"""Fact frames and text sources: the words of a question that say how an answer is handed over.

"What figure does the report on the ministry give for the trade?" used to reach the evidence
finder with the whole sentence as its topic, so search and every cover feature read "figure",
"report" and "give", words the sentence holding the number rarely has. Here the parse says
which words are the frame:
- the answer type ("what figure", "which year", "how many", "how much money"): what kind of
  answer is wanted, which `app.quantities` hands to the ranker (`number_wanted`), not what it
  is about;
- the verb by which a source hands the figure over ("give", "put", "cite", "is mentioned") and
  its preposition ("for Y", "on Y"): Y, what is measured or dated, stays;
- a text named as the source ("the report on X", "in the article", "according to the
  report"): X, what the text is about, stays; a named report ("the Hutton report") stays whole.

One ordered table of named rules (`FRAME_RULES`, built from `app.lexicon_questions.LEXICON`);
the fact rules apply only when the question asks for a quantity, the text rules to any
question. `app.question_parse` reads them in who-said questions only: the general and speaker
trees were fitted on topics that keep them, and read clean topics worse (q25, q26). Cases in
`tests/unit/test_question_facts.py`, all made up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from app.lexicon_questions import LEXICON
from app.quantities import quantity_asked

Token = Any  # a spaCy token, read here as in `app.question_parse`
Doc = Any

_WHICH = frozenset({"what", "which"})
# Modifiers that say what an answer-type noun measures ("the unemployment rate", "the
# Lowtown figure", "the budget's total"): then the noun is part of the topic.
_SPECIFIC = frozenset({"compound", "amod", "nmod", "poss", "nummod", "appos"})


class _FrameRule(NamedTuple):
    name: str
    fact_only: bool  # applies only when the question asks for a quantity
    drops: Callable[[Token], bool]


def _asked_by_wh(token: Token) -> bool:
    """ "What figure ...", "Which year ...", or "What is the figure for Y?" (the wh-word the
    copula's complement and the noun its subject)."""
    if any(c.dep_ == "det" and c.lower_ in _WHICH for c in token.children):
        return True
    head = token.head
    return (
        token.dep_ == "nsubj"
        and head.lemma_.lower() == "be"
        and any(c.dep_ == "attr" and c.lower_ in _WHICH for c in head.children)
    )


def _answer_type(token: Token) -> bool:
    """The noun that names the kind of answer ("What figure", "Which year", "What share of
    the vote"), when nothing says what it measures."""
    if token.pos_ != "NOUN" or token.lower_ not in LEXICON["answer_type_noun"]:
        return False
    specific = any(c.dep_ in _SPECIFIC for c in token.children)
    return not specific and _asked_by_wh(token)


def _after_how(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.lower_ == "how"


def _how_degree(token: Token) -> bool:
    """ "how many", "how much", "how long": the quantity asked for ("how" itself goes as the
    question word); the counted noun after it ("troops") is what is measured."""
    return token.lower_ in LEXICON["how_degree"] and _after_how(token)


def _money_asked(token: Token) -> bool:
    """ "How much money ...": "money" only repeats the answer type."""
    return token.lower_ in LEXICON["money_noun"] and any(
        _how_degree(c) for c in token.children if c.dep_ in ("amod", "advmod")
    )


def _carries_answer(token: Token) -> bool:
    """The answer asked for as object or passive subject of the verb: "give what figure",
    "what unemployment rate ... give", "how many soldiers are mentioned"."""
    asked = token.pos_ == "NOUN" and _asked_by_wh(token)
    return asked or any(_how_degree(c) for c in token.children)


def _giving_verb(token: Token) -> bool:
    """The verb by which the source hands the figure over: "What figure did the report give",
    "What number did the minister put on", "How many soldiers are mentioned for", or any
    giving verb whose subject is a text ("What does the survey show for exports?")."""
    if token.lemma_.lower() not in LEXICON["giving_verb"]:
        return False
    if token.dep_ != "ROOT":
        return _misread_giving(token)
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and _carries_answer(child):
            return True
        if child.dep_ == "nsubj" and _source_text(child):
            return True
    return False


def _misread_giving(token: Token) -> bool:
    """ "What figure does the report on Democratic Primary give for Y?", which spaCy reads
    with "does" as the main verb and "give" as a noun after "on": a giving word taking a
    measure preposition, in a question whose answer type the wh-word asks for."""
    measures = any(
        c.dep_ in ("prep", "dative") and c.lower_ in LEXICON["measure_preposition"]
        for c in token.children
    )
    return measures and any(_answer_type(t) for t in token.doc[: token.i])


def _measure_preposition(token: Token) -> bool:
    """ "give for Y", "put on Y", "the number of Y": the link between the frame and what it
    measures; Y stays."""
    if token.dep_ not in ("prep", "dative") or token.lower_ not in LEXICON["measure_preposition"]:
        return False
    return _giving_verb(token.head) or _answer_type(token.head)


def _generic_text(token: Token) -> bool:
    """A document noun that names no particular text: "the report", "his article"; not "the
    Hutton report" or "the annual report", whose words say which."""
    return (
        token.pos_ == "NOUN"
        and token.lemma_.lower() in LEXICON["document_noun"]
        and not any(c.dep_ in _SPECIFIC - {"poss"} for c in token.children)
    )


def _introduces_text(prep: Token) -> bool:
    """ "in", "from", or the "to" of "according to": a preposition that names a source."""
    if prep.lower_ in LEXICON["source_preposition"]:
        return True
    return prep.lower_ == "to" and prep.head.lower_ == "according"


def _source_text(token: Token) -> bool:
    """A generic text as the source: the subject of the question's verb ("What does the
    article say ...", "the report on X give"), or after "in", "from" or "according to"; a
    text asked about ("What did X say about the report?") stays."""
    if not _generic_text(token):
        return False
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    if token.dep_ == "dobj" and token.head.lower_ in LEXICON["do_aux"]:
        return True  # "What figure does the report ...", "does" misread as the main verb
    return token.dep_ == "pobj" and _introduces_text(token.head)


def _source_preposition(token: Token) -> bool:
    """The "in" / "from" / "according to" that introduces a source text."""
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if token.lower_ == "according":
        return any(_source_preposition(c) for c in token.children if c.lower_ == "to")
    return _introduces_text(token) and any(_source_text(o) for o in objects)


def text_about(token: Token) -> bool:
    """The "on" of "the report on X": X, what the text is about, stays. spaCy may hang it on
    a word before the text ("for the clinic in the article on the strike"): right after the
    text, it is still the text's."""
    if token.dep_ != "prep" or token.lower_ not in LEXICON["text_about_preposition"]:
        return False
    return _source_text(token.head) or (token.i > 0 and _source_text(token.doc[token.i - 1]))


FRAME_RULES: tuple[_FrameRule, ...] = (
    _FrameRule("answer_type", True, _answer_type),
    _FrameRule("how_degree", True, _how_degree),
    _FrameRule("money_asked", True, _money_asked),
    _FrameRule("giving_verb", True, _giving_verb),
    _FrameRule("measure_preposition", True, _measure_preposition),
    _FrameRule("source_text", False, _source_text),
    _FrameRule("source_preposition", False, _source_preposition),
    _FrameRule("text_about", False, text_about),
)


class _KeepRule(NamedTuple):
    name: str
    keeps: Callable[[Token], bool]


def _held_measure(token: Token) -> bool:
    """An answer type the text writes beside the figure ("What percentage ...": "17 percent",
    "What share ...", "What rate ..."): the lexical and cover features find the sentence with
    the number by it, so it stays a topic word (q24 lost these answers without it)."""
    return token.lower_ in LEXICON["held_measure_noun"] and _answer_type(token)


# Words a frame rule would drop that stay in the topic, checked first.
KEEP_RULES: tuple[_KeepRule, ...] = (_KeepRule("held_measure", _held_measure),)


def frame_rules(doc: Doc, keeping: tuple[_KeepRule, ...] = KEEP_RULES) -> dict[int, str]:
    """Each fact-frame or source-text word of the question (by position) with the name of the
    first rule that makes it scaffolding, bar the words `keeping` keeps."""
    fact = quantity_asked(doc.text) is not None
    rules = [r for r in FRAME_RULES if fact or not r.fact_only]
    kept = [t for t in doc if any(k.keeps(t) for k in keeping)]
    found = ((t.i, next((r.name for r in rules if r.drops(t)), None)) for t in doc)
    return {i: name for i, name in found if name is not None and doc[i] not in kept}


def frame_words(doc: Doc) -> frozenset[int]:
    """Positions of the question's fact-frame and source-text words: never topic."""
    return frozenset(frame_rules(doc))


def measured_words(doc: Doc) -> frozenset[int]:
    """Positions of the frame's words with the answer types `KEEP_RULES` keeps as topic words:
    what is left names what the figure measures and where ("the tolls", "the harbour" of "What
    percentage is given for the tolls in the report on the harbour?"), the words a passage
    answering it holds. The kind of number asked is checked as written instead
    (`app.reorder.QUANTITY_WRITTEN`): a passage writes "17%" as often as "17 percent"."""
    return frozenset(frame_rules(doc, keeping=()))
