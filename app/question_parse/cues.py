"""The cue of a question: which word asks for someone's words ("say", "view", "react").

Every speaker rule starts from a cue, and the scaffolding rules drop the cue and the words that
only extend it, so both read these tests.
"""

from __future__ import annotations

from collections.abc import Callable

from app.lexicon_questions import CUE_VERBS, LEXICON
from app.question_parse.pipeline import Doc, Token

_SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl"})


def is_cue_verb(token: Token) -> bool:
    """A speech, mental or reaction verb of the question itself: not one inside an adverbial
    or relative clause ("Where was X when he spoke?", "Why did X resign after he criticised
    Y?" ask about X, not X's words)."""
    if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
        return False
    if any(t.dep_ in _SIDE_CLAUSES for t in (token, *token.ancestors)):
        return False
    if token.lemma_.lower() in LEXICON["cue_with_of"] and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    ):
        return True
    if token.lemma_.lower() in LEXICON["cue_with_up"] and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in token.children
    ):
        return True
    if token.lemma_.lower() in LEXICON["cue_with_stance_object"] and (
        any(_asked_stance(c) for c in token.children)
        or (token.dep_ == "ROOT" and any(_asked_stance(t) for t in token.doc[:3]))
    ):
        return True
    return _cue_lemma(token) in CUE_VERBS


def _cue_lemma(token: Token) -> str:
    """The token's lemma, or the verb in "-e" its "-ed" form was cut from when only that is a
    cue: spaCy reads "hoped" as "hop", which made "Who hoped that ...?" no who-said question."""
    lemma = token.lemma_.lower()
    cut = lemma not in CUE_VERBS and token.lower_ == f"{lemma}ed"
    return f"{lemma}e" if cut and f"{lemma}e" in CUE_VERBS else lemma


def _asked_stance(token: Token) -> bool:
    """A stance noun as the object of the verb ("make the case") or as what the question asks
    for ("What warning did X give ...", which spaCy may attach anywhere)."""
    if token.lemma_.lower() not in LEXICON["stance_noun"]:
        return False
    opens = token.i == 1 and token.doc[0].lower_ in LEXICON["wh_word"]
    return opens or token.dep_ in ("dobj", "dative")


def stance_asked_for(token: Token, cue: frozenset[int]) -> bool:
    """A stance noun that names what is asked for ("What warning did X give", "explain his
    position"), not what the speaker judged: "criticise the answer" asks about the answer."""
    if not _asked_stance(token) or not (token.head.i in cue or token.i == 1):
        return False
    if token.i == 1:
        return True
    # "explain his position", "give a warning": the speaker's own stance, or the stance a
    # giving cue makes; "How did X describe statements?" asks about the statements.
    verb = token.head.lemma_.lower()
    owned = any(c.dep_ == "poss" for c in token.children)
    made = verb in LEXICON["cue_with_stance_object"]
    return (owned or made) and verb not in LEXICON["judging_verb"]


def passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def by_depth(doc: Doc, keep: Callable[[Token], bool]) -> list[Token]:
    """Candidate cue words, the main verb first: "What did X say when Y warned ..." asks X."""

    def depth(token: Token) -> int:
        steps = 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
        return steps

    return sorted((t for t in doc if keep(t)), key=lambda t: (depth(t), t.i))


def cue_group(doc: Doc, cue: frozenset[int]) -> frozenset[int]:
    """The cue with the verbs that only extend it: light verbs ("have to say", "want to do
    about") and cue verbs under it ("quoted as saying"), so their prepositions and particles
    are scaffolding like the cue's own."""

    def extends(token: Token) -> bool:
        near = {token.head.i, token.head.head.i} | {c.i for c in token.children}
        if token.pos_ not in ("VERB", "AUX") or not near & cue or token.i in cue:
            return False
        lemma = token.lemma_.lower()
        return lemma in LEXICON["light_verb"] or (lemma in CUE_VERBS and token.head.i not in cue)

    return cue | {t.i for t in doc if extends(t)}
