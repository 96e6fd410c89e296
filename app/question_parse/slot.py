"""The speaker slot: the phrase a speaker rule found, cut out of the parse tree.

One builder serves every rule, so a slot's words, its "who"/"which" reading and its name-or-role
reading are the same whichever rule found it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.lexicon_questions import LEXICON
from app.question_parse.pipeline import Doc, Token
from ingest.quoting.lexicon_speakers import NAME_AMPERSANDS


@dataclass(frozen=True)
class SpeakerSlot:
    """The words a question uses for the person whose words it asks for."""

    rule: str  # the SPEAKER_RULES entry that found it
    phrase: str  # as written, without a possessive: "Tom Reed", "the Westland spokesman"
    tokens: frozenset[int]  # token positions of the phrase (its possessive marker included)
    cue: frozenset[int]  # the cue: "say", "view", "according to"
    is_name: bool  # written as a name (capitalised head, no article) rather than a role
    pronoun: bool  # "he", "she", "they": the person of the last turn
    asks_who: bool  # "Who said ...", "Which minister warned ...": the name is the answer


WORD_JOINERS = frozenset({"-", "–", "/", "'", "’"})  # "52-year-old", inside a phrase


def _joined_by_ampersand(token: Token) -> bool:
    """A conjunct whose coordinator is "&" ("Hale" of "Reed & Hale")."""
    return token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.text in NAME_AMPERSANDS for c in token.head.children
    )


def speaker_slot(
    rule: str,
    phrase_root: Token,
    cue: tuple[Token, ...],
    last_token: int | None = None,
    first_token: int | None = None,
) -> SpeakerSlot:
    """The phrase headed by `phrase_root` (without coordinated names or a relative clause),
    ending at `last_token` at the latest, starting at `first_token` at the latest (words a
    misparse hung elsewhere)."""
    # "the foreign minister, Tom Reed": the name in apposition to an office is who is
    # asked about; any other apposition ("Reed, the minister") only describes.
    named = [
        c
        for c in phrase_root.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and phrase_root.pos_ == "NOUN"
    ]
    first, last = _phrase_span(phrase_root, named)
    if last_token is not None:
        last = min(last, last_token)
    if first_token is not None:
        first = min(first, first_token)
    doc = phrase_root.doc
    tokens = list(doc[first : last + 1])
    words = tokens[:-1] if tokens[-1].dep_ == "case" else tokens  # "X's view": X
    phrase = "".join(t.text_with_ws for t in words).strip()
    asks_who = any(t.lower_ in LEXICON["wh_word"] for t in words) or _asked_by_opener(doc, first)
    has_article = any(t.dep_ == "det" and t.lower_ in ("the", "a", "an") for t in words)
    is_name = phrase_root.text[:1].isupper() and not has_article and not asks_who
    return SpeakerSlot(
        rule=rule,
        phrase=phrase,
        tokens=frozenset(t.i for t in tokens) | _described_by(phrase_root, named, last),
        cue=frozenset(t.i for t in cue),
        is_name=is_name,
        pronoun=phrase_root.pos_ == "PRON" and not asks_who,
        asks_who=asks_who,
    )


def _phrase_span(phrase_root: Token, named: list[Token]) -> tuple[int, int]:
    """First and last token of the one unbroken stretch around the head, without its
    coordinated names, clauses and describing appositions (a misparse may hang later words
    on a name), with a name in apposition to an office and the comma before it."""
    skip = {
        d.i
        for c in phrase_root.children
        if c.dep_ in ("conj", "cc", "relcl", "acl", "punct", "appos") or c.pos_ in ("AUX", "VERB")
        if c not in named
        and c.text not in WORD_JOINERS | NAME_AMPERSANDS  # "Lind-Vale"
        and not _joined_by_ampersand(c)
        for d in c.subtree
    }
    inside = {
        t.i
        for t in phrase_root.subtree
        if t.i not in skip and (not t.is_punct or t.text in WORD_JOINERS | NAME_AMPERSANDS)
    }
    for name in named:  # with the comma between office and name
        inside |= set(range(phrase_root.i, name.right_edge.i + 1))
    first = last = phrase_root.i
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return first, last


def _described_by(phrase_root: Token, named: list[Token], last: int) -> set[int]:
    """The tokens of a describing apposition after the phrase ("Reed, the foreign minister,")
    with the punctuation around it: not the topic either."""
    described = {
        d.i
        for c in phrase_root.children
        if c.dep_ == "appos" and c not in named and c.i > last
        for d in c.subtree
    }
    if described:
        described |= {t.i for t in phrase_root.doc[last + 1 : max(described) + 2] if t.is_punct}
    return described


def _asked_by_opener(doc: Doc, first: int) -> bool:
    """ "Which Lowtown councillor suggested ...", where spaCy detaches "Which" from the
    subject: the question opens with who/which/whose and only modifiers (no auxiliary, as in
    "Who did X criticise?") stand between it and the phrase."""
    words = [t for t in doc[:first] if not (t.i == 0 and t.pos_ == "CCONJ")]
    return (
        bool(words)
        and words[0].lower_ in LEXICON["who_opener"]
        and not any(t.pos_ == "AUX" or t.is_punct for t in words[1:])
    )
