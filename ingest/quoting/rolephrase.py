"""What a recorded role may be: a noun phrase naming a title, an office or a post.

Roles come from the words written before or around a name (`Quill Air boss Mr Dorr`, `Speaking in
Harrogate, Mr Hale said`), so leftovers of the sentence reach them: a trailing honorific, a
participle clause, a preposition cut off from its object, the first words of a name. Retrieval
shows roles and resolves `the chief executive` through them, so a leftover must never be
recorded. `role_phrase` applies the rules of `ROLE_RULES` in order; each either trims the phrase
or rejects it (returns None).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.quoting.lexicon import (
    CLAUSE_PREPOSITIONS,
    ROLE_WORDS,
    TITLE_GENDER,
    VERBS,
    alternation,
    split_words,
)
from ingest.speakers.lexicon import honorific_office

HONORIFICS = frozenset(TITLE_GENDER) | frozenset(split_words("dr prof lord lady"))
# Words that link a role's head to what it is head of (`analyst at X`, `adviser to Y`).
_LINKS = frozenset(split_words("of at for with to in on from by behind and"))
# Person nouns that neither the role list nor the agent-noun endings cover.
_PERSON_NOUNS = frozenset(
    split_words(
        """boss star expert dj pundit impresario entrepreneur playwright friend accountant
    actress patriarch archbishop bishop cardinal imam rabbi metropolitan archpriest aide
    veteran lawyer member colleague wife husband son daughter mother father brother sister lady
    chair chairperson ombudsman controller presenter gen lt col sgt capt cmdr adm maj"""
    )
)
_CLAUSE = re.compile(rf"\b[\w\-]+(?:ing|ed)\s+{alternation(CLAUSE_PREPOSITIONS)}\b", re.I)
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?;:]\s")  # not after `Gen.`, `Lt.`
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _strip_honorifics(words: list[str]) -> list[str] | None:
    """`Qantas boss Mr` -> `Qantas boss`: a form of address is no part of a role."""
    while words and words[-1].lower().strip(".") in HONORIFICS and not honorific_office(words):
        words = words[:-1]  # "First Lady" is an office (`honorific_office`)
    return words


def _strip_links(words: list[str]) -> list[str] | None:
    """`director behind`, `Mr Vint and`: a role never ends with a linking word."""
    while words and words[-1].lower() in _LINKS:
        words = words[:-1]
    return words


def _no_clause(words: list[str]) -> list[str] | None:
    """`Speaking in Harrogate`, `financed by billionaire`: a participle clause is no role."""
    return None if _CLAUSE.search(" ".join(words)) else words


def _no_sentence_break(words: list[str]) -> list[str] | None:
    """`Mr Kolokoltsev. Interior Minister`: a role lies within one sentence."""
    return None if _SENTENCE_BREAK.search(" ".join(words) + " ") else words


def _not_a_possessor(words: list[str]) -> list[str] | None:
    """`Westland Radio's`, `WRAA's`: an owner without the post it owns."""
    return None if words and _POSSESSIVE_END.search(words[-1]) else words


def _person_head(words: list[str]) -> list[str] | None:
    """The head noun (the last word, or the word before `of`/`at`/`to`) names a person: a
    role word, a person noun, or a lowercase agent noun (`campaigner`, `economist`);
    `something`, `motion`, `President Susilo Bambang` are no roles."""
    link = next((i for i, w in enumerate(words) if i and w.lower() in _LINKS), 0)
    heads = [words[-1]] + ([words[link - 1]] if link else [])
    return words if any(_person_noun(h.strip(".,")) for h in heads) else None


def _person_noun(word: str) -> bool:
    """A role word, a listed person noun or an agent noun by its ending (`Comptroller`);
    plurals and hyphenated forms (`vice-chairman`) by their last part."""
    last = word.split("-")[-1]
    for form in (last, last[:-1] if last.endswith("s") else last):
        low = form.lower()
        if low in ROLE_WORDS | _PERSON_NOUNS or _agent(low):
            return True
    return False


def _agent(word: str) -> bool:
    """A noun for a person by its ending."""
    return len(word) > 4 and word.endswith(("er", "or", "ist", "man", "woman", "ian", "ant"))


def _no_leading_honorific(words: list[str]) -> list[str] | None:
    """`Mr Vint`: a name with its form of address, not a role (`Mr Voss' lawyer` is)."""
    owned = any(_POSSESSIVE_END.search(w) for w in words[:-1])
    return None if words[0].lower().strip(".") in HONORIFICS and not owned else words


# Endings of a finite verb in a headline (`Reed Praises ...`, `Mayor Slammed ...`).
_FINITE_ENDINGS = ("s", "ed")


def _after_headline_clause(words: list[str]) -> list[str] | None:
    """`Reed Praises the Courier’s Washington Political Editor` -> `the Courier’s Washington
    Political Editor`: a headline's subject and its finite reporting verb (a listed verb in
    -s or -ed after a capitalised word, with a post of two words or more after it) are no
    part of the post. A verb after a linking word is inside a name (`President of the United
    States`, `spokesman for North East Says No`), and one word after it is a compound's head
    (`Insurance Claims Manager`): nothing is cut there."""
    for i, word in enumerate(words[1:-2], 1):
        if words[i - 1].lower() in _LINKS:
            return words
        low = word.lower()
        finite = low in VERBS and low.endswith(_FINITE_ENDINGS)
        if finite and word[:1].isupper() and words[i - 1][:1].isupper():
            return words[i + 1 :]
    return words


ROLE_RULES: tuple[tuple[str, Callable[[list[str]], list[str] | None]], ...] = (
    ("sentence_break", _no_sentence_break),
    ("headline_clause", _after_headline_clause),
    ("participle_clause", _no_clause),
    ("trailing_honorific", _strip_honorifics),
    ("trailing_link", _strip_links),
    ("trailing_honorific_again", _strip_honorifics),
    ("possessor_only", _not_a_possessor),
    ("leading_honorific", _no_leading_honorific),
    ("person_head", _person_head),
)


def role_phrase(text: str | None) -> str | None:
    """The role as a noun phrase, or None when what is left is not one."""
    if not text:
        return None
    words: list[str] | None = text.split()
    for _name, rule in ROLE_RULES:
        words = rule(words or [])
        if not words:
            return None
    return " ".join(words) if words else None
