"""Roles the article introduces for people (`Westland spokesman Eda Kron`, `Kron, the
ROLE,`, `President of Ukraine X`), so that a later role phrase resolves to the person.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    CAP,
    NAME_PARTICLES,
    ORG_HEADS,
    ROLE_WORDS,
    after_staff_phrase,
    alternation,
    split_words,
)
from ingest.quoting.model import RoleMention
from ingest.quoting.nounphrases import clean_role, looks_like_role
from ingest.speakers.lexicon import HEAD_LINKS, honorific_office

_LAST_WORD = re.compile(r"([\w'’\-]+)\s+$")
_WORD_BEFORE = 30  # characters read back for the word before a role word

_NAME_RUN = re.compile(
    rf"[A-Z][\w'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’\-]+|{alternation(NAME_PARTICLES)})(?![\w'’\-]))*"
)
_ROLE_WORD_AT = re.compile(r"\b[A-Za-z]+\b\.?(?=\s+[A-Z])")
_ROLE_MODIFIERS = frozenset(
    split_words(
        """of for and state foreign press prime deputy vice chief senior former presidential
    campaign national security communications general defence defense interior finance
    health economic top acting interim"""
    )
)
# Words that join two words of one office (`Foreign and Commonwealth Secretary`), never
# right before its role word (`_role_start`).
_ROLE_JOINS = frozenset(split_words("and"))
# An office held in another office or body (`Adviser to the President of Westland`, `Deputy
# Head of the Office of the President`): a role word or a body's head noun, capitalised, then
# a link of `HEAD_LINKS` and `the` opens the role; the holder is the adviser, not the President.
_OFFICE_LINK = re.compile(rf"(?P<word>[A-Z][a-z]+)\s+{alternation(HEAD_LINKS)}\s+the\s+$")
_OFFICE_LINK_WORDS = ROLE_WORDS | ORG_HEADS
# How many offices one role may chain (`Deputy Head of the Office of the President`: two).
_OFFICE_LINKS_AT_MOST = 3
_ROLE_AFTER = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+),\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>[^,.;:()“”\"]{3,60}),"
)
# `Ana von der Vell`: lowercase particles inside a name
_PERSON_NAME = (
    rf"(?P<name>[A-Z][\w'’\-]+(?:\s+(?:{alternation(NAME_PARTICLES)}\s+)*"
    r"[A-Z][\w'’\-]+)+)"
)
# `The head of the Presidential Office, Oren Tamsk,`: found from the name between commas
_NAME_IN_COMMAS = re.compile(rf",\s+{_PERSON_NAME},")
_ROLE_BEFORE = re.compile(r"\b[Tt]he\s+(?P<role>[^,.;:()“”\"]{3,60})$")
# `President of Westland Rafe Dunnik`: the shortest place, the rest is the name
_ROLE_OF = re.compile(
    rf"(?P<role>[A-Z][a-z]+\s+of\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){{0,2}}?)"
    rf"\s+{_PERSON_NAME}"
)


def find_roles(text: str) -> list[RoleMention]:
    """(position, name, role) for `Westland spokesman Eda Kron`, `Kron, the ROLE,`,
    `the ROLE, Eda Kron,` and `President of Westland Rafe Dunnik`."""
    found: list[RoleMention] = []
    for m in _ROLE_WORD_AT.finditer(text):
        word = m.group().rstrip(".").lower()
        if not _is_role_word(text, m.start(), word):
            continue
        name = _NAME_RUN.match(text, m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip()))
        if not name or name.group().split()[0].lower() in ROLE_WORDS:
            continue
        start, role = _role_before(text, m.start(), m.group())
        if role:
            found.append(RoleMention(start, name.group(), role))
    for m in [*_ROLE_AFTER.finditer(text), *_roles_before_names(text)]:
        if looks_like_role(m.group("role")):
            found.append(RoleMention(m.start(), m.group("name"), clean_role(m.group("role"))))
    for m in _roles_of_places(text):
        name, role = _place_words_to_role(m.group("name"), m.group("role"))
        start, role = _role_before(text, m.start(), role)  # `Prime` Minister of ...
        if looks_like_role(role) or start < _role_start(text, m.start()):
            found.append(RoleMention(start, name, clean_role(role)))
    return found


def _is_role_word(text: str, start: int, word: str) -> bool:
    """A role word (or its plural) at `start`, or the head of an office headed by a form of
    address ("First Lady", `honorific_office`): her office was found nowhere, so no record
    said who the First Lady is."""
    if word in ROLE_WORDS or (word.endswith("s") and word[:-1] in ROLE_WORDS):
        return True
    before = _LAST_WORD.search(text, max(0, start - _WORD_BEFORE), start)
    return bool(before) and honorific_office([before.group(1), word])


def _place_words_to_role(name: str, role: str) -> tuple[str, str]:
    """`President of the Westland` + `Federation Sven Ostby`: organisation and place nouns
    that open a three-word name belong to the place in the role."""
    words = name.split()
    while len(words) > 2 and words[0].lower() in ORG_HEADS:
        role, words = f"{role} {words[0]}", words[1:]
    return " ".join(words), role


def _roles_before_names(text: str) -> list[re.Match[str]]:
    """`the ROLE, NAME,` matches: names between commas are rare, so look back from them."""
    out = []
    for name in _NAME_IN_COMMAS.finditer(text):
        role = _ROLE_BEFORE.search(text, max(0, name.start() - 66), name.start())
        if role:
            out.append(_ROLE_BEFORE_NAME.match(text, role.start()))
    return [m for m in out if m]


_ROLE_BEFORE_NAME = re.compile(rf"[Tt]he\s+(?P<role>[^,.;:()“”\"]{{3,60}}),\s+{_PERSON_NAME},")


def _roles_of_places(text: str) -> list[re.Match[str]]:
    """`ROLE of PLACE NAME` matches, tried only where a capitalised role word precedes ` of `
    (found with str.find: a regex scan of every word boundary costs more than all the rest)."""
    out = []
    pos = text.find(" of ")
    while pos != -1:
        start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
        word = text[start:pos]
        if word[:1].isupper() and _is_role_word(text, start, word.lower()):
            m = _ROLE_OF.match(text, start)
            if m:
                out.append(m)
        pos = text.find(" of ", pos + 4)
    return out


def _role_start(text: str, pos: int) -> int:
    """Walk back over capitalised words and role modifiers ("Russian Foreign" Minister). A
    joining word right before the role word joins two phrases, not two words of one office
    (`a pivot to Asia and Secretary X declared`: the role is `Secretary`; `Foreign and
    Commonwealth Secretary` has a word of the office after its `and`), unless it joins two
    role words of one person (`President and CEO`)."""
    start = pos
    for _ in range(5):
        m = _LAST_WORD.search(text[max(0, start - 40) : start])
        if not m:
            break
        word = m.group(1)
        if not (CAP.match(word) or word.lower() in _ROLE_MODIFIERS):
            break
        if (
            start == pos
            and word.lower() in _ROLE_JOINS
            and not _role_word_before(text, start - len(m.group(0)))
        ):
            break
        start = start - len(m.group(0))
    return start


def _role_before(text: str, pos: int, rest: str) -> tuple[int, str]:
    """Where the role ending in `rest` (found at `pos`) starts, and its words. A role held in
    another office (`Adviser to the President ...`, `_linked_office_start`) keeps its staff
    word: the capitalised title names the holder's own office, not the person served."""
    start = _role_start(text, pos)
    linked = _linked_office_start(text, start)
    if linked < start:
        return linked, _trim_openers(f"{text[linked:pos]}{rest}".split())
    return start, _trim_role(f"{text[start:pos]}{rest}")


def _linked_office_start(text: str, start: int) -> int:
    """Walk back over offices the role is held in (`_OFFICE_LINK`): `Adviser to the` before
    `President of Westland Ana Vell` makes her role `Adviser to the President of Westland`."""
    for _ in range(_OFFICE_LINKS_AT_MOST):
        link = _OFFICE_LINK.search(text, max(0, start - 40), start)
        if not link or link.group("word").lower() not in _OFFICE_LINK_WORDS:
            break
        start = _role_start(text, link.start())
    return start


def _role_word_before(text: str, pos: int) -> bool:
    """Is the word before `pos` (a joining word's start) a role word (`President` and CEO)?"""
    before = _LAST_WORD.search(text[max(0, pos - 40) : pos])
    return bool(before) and before.group(1).lower() in ROLE_WORDS


def _trim_role(role: str) -> str:
    """Drop sentence-initial words that are not part of the role ("The", "But", "On"), and
    a staff phrase before it: in `a spokesman for Prime Minister X` X is the Prime Minister."""
    words = role.split()
    served = after_staff_phrase(words)
    if served is not None:
        words = words[served:]
    return _trim_openers(words)


def _trim_openers(words: list[str]) -> str:
    """The role's words without sentence-initial words that are not part of it."""
    while words and words[0].lower() in ("the", "a", "an", "but", "and", "of", "for", "on"):
        words.pop(0)
    return " ".join(words)
