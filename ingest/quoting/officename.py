"""An office written before or beside a person's name: the person is the name, the office is
the role.

Official news writes long offices with `of` and `to` phrases before a name (`Adviser to the
Head of the President's Office Rafe Tamiak added`), and church and court news sets the
name off after the office (`The Bishop of Kirkby, the Rt Rev Dr Tom Vell, said`). Read as one
phrase, the speaker became the office's first word (`Adviser`, `Bishop`); these rules split
the name from the office instead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon import (
    ABBREVIATIONS,
    CAP,
    DETERMINERS,
    NAME_PARTICLES,
    NAME_WORDS_AFTER_PLACE,
    OFFICE_PREPOSITIONS,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_GENDER,
    split_words,
)
from ingest.quoting.lexicon_speakers import INFLECTED_ENDINGS, IRREGULAR_PAST_FORMS

# Offices of churches and courts that head such a phrase besides the role words.
_OFFICE_NOUNS = ROLE_WORDS | frozenset(
    split_words("bishop archbishop cardinal patriarch metropolitan rabbi imam dean moderator")
)
# Words inside an office after its head: `Adviser to the Head of the ...`.
_OFFICE_LINKS = frozenset(split_words("of to for the and"))
# Styles and titles before a name (`the Rt Rev Dr Tom Vell`, `Lord Justice`): no part of it.
_STYLES = (
    ABBREVIATIONS
    | frozenset(TITLE_GENDER)
    | frozenset(split_words("rt right revd reverend very hon honourable lord lady most"))
)


# How many capitalised words an office's `of` phrase holds before an `and` inside it
# (`of the National Security and Defense Council`, `of Trade and Industry`); more are taken
# for a name (`of Ukraine Ana Vell and ...`), whose `and` joins two people.
_WORDS_BEFORE_INNER_AND = 2


class OfficeName(NamedTuple):
    """A name found in a phrase, where it starts in the phrase, and the office written with it."""

    name: str
    shift: int
    office: str


def office_then_name(phrase: str) -> OfficeName | None:
    """`Adviser to the Head of the President's Office Rafe Tamiak`: a capitalised office
    with an `of`/`to` phrase, then a name of two capitalised words (the words a place may run
    into: `President of Westland Ana Vell`), particles inside."""
    words = phrase.split()
    if not _office_head(words) or not any(w in _OFFICE_LINKS for w in words):
        return None
    name = _trailing_name(words)
    office = words[: len(words) - len(name)]
    if not name or len(office) < 2 or office[-1].lower() in _OFFICE_LINKS:
        return None
    if not all(CAP.match(w) or w in _OFFICE_LINKS for w in office):
        return None
    return OfficeName(" ".join(name), phrase.rindex(" ".join(name)), _without_determiner(office))


def portfolio_then_name(phrase: str) -> OfficeName | None:
    """`Shadow spokesman for sport Ivo Renko`: a role noun, `for` and a lowercase
    portfolio, then a name of two or three capitalised words; the name is the speaker and the
    words up to the portfolio its office (British news writes portfolios in lowercase, so the
    capitalised-office rules above never see it)."""
    words = phrase.split()
    for i in range(len(words) - 4):
        head, link, portfolio = words[i : i + 3]
        name = words[i + 3 :]
        if head.lower() not in ROLE_WORDS or link != "for" or not portfolio.isalpha():
            continue
        if portfolio.islower() and 2 <= len(name) <= 3 and all(_name_word(w) for w in name):
            text = " ".join(name)
            return OfficeName(text, phrase.rindex(text), _without_determiner(words[: i + 3]))
    return None


def apposed_name(office: str, apposition: str) -> OfficeName | None:
    """`The Bishop of Kirkby, the Rt Rev Dr Tom Vell,`, `Tom Reed's Westland state director,
    Ana Vell,`: an office alone before the comma and a name with its styles after it; the name
    is the speaker, the office its role."""
    words = office.split()
    if not (_office_head(words) or _office_tail(words)) or office_then_name(office) is not None:
        return None
    after = apposition.split()
    lead = 0
    while lead < len(after) and (
        after[lead].lower() in DETERMINERS or after[lead].lower().strip(".") in _STYLES
    ):
        lead += 1
    name = after[lead:]
    if not 2 <= len(name) <= 3 or not all(_name_word(w) for w in name):
        return None
    text = " ".join(name)
    return OfficeName(text, apposition.index(text), _without_determiner(words))


def _office_head(words: list[str]) -> bool:
    """The phrase opens with an office noun, after an article (`The Bishop of ...`)."""
    body = words[1:] if words[:1] and words[0].lower() in DETERMINERS else words
    return bool(body) and CAP.match(body[0]) is not None and body[0].lower() in _OFFICE_NOUNS


def _office_tail(words: list[str]) -> bool:
    """The phrase ends in a lowercase office noun after a capitalised word (`Tom Reed's
    Westland state director`): a description of someone, never a name."""
    return len(words) > 1 and words[-1] in _OFFICE_NOUNS and any(CAP.match(w) for w in words[:-1])


def _trailing_name(words: list[str]) -> list[str]:
    """The last two capitalised words (particles between them kept) that are neither office
    nor organisation words nor an owner (`President's`): the name after an office."""
    name: list[str] = []
    for w in reversed(words):
        capitalised = sum(1 for n in name if CAP.match(n))
        particle = bool(name) and w in NAME_PARTICLES
        if particle or capitalised < NAME_WORDS_AFTER_PLACE and _name_word(w):
            name.insert(0, w)
        else:
            break
    return name if sum(1 for n in name if CAP.match(n)) == NAME_WORDS_AFTER_PLACE else []


def _name_word(word: str) -> bool:
    return CAP.match(word) is not None and not _office_word(word)


def _office_word(word: str) -> bool:
    low = word.lower()
    return low in _OFFICE_NOUNS or low in ORG_HEADS or low.endswith(("'s", "’s"))


def _without_determiner(words: list[str]) -> str:
    return " ".join(words[1:] if words and words[0].lower() in DETERMINERS else words)


def and_inside_office(words_before: list[str], word_after: str) -> bool:
    """`Secretary of the National Security and Defense Council Ana Vell said`: an `and`
    between capitalised words of an office's `of` phrase joins two words of one name, so it
    ends no clause; the subject phrase runs on to the office's head (`Secretary`). An
    organisation's `of` phrase is left alone: `Ana Vell of the University of Westport and
    Professor Tom Vell concluded` joins two people."""
    if not CAP.match(word_after) or _office_word(word_after):
        return False  # `Secretary of State and Professor Ana Vell`: a second person
    n = 0
    while n < len(words_before) and CAP.match(words_before[-1 - n]):
        n += 1
    if not 1 <= n <= _WORDS_BEFORE_INNER_AND:
        return False
    rest = words_before[: len(words_before) - n]
    if rest and rest[-1].lower() in DETERMINERS:
        rest = rest[:-1]
    if len(rest) < 2 or rest[-1] not in OFFICE_PREPOSITIONS:
        return False
    return CAP.match(rest[-2]) is not None and rest[-2].lower() in _OFFICE_NOUNS


def office_modifier(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Is the lowercase `words[i]`, in its base form, a modifier of the office noun right
    after it, with a capitalised word right before it (`Tom Reed's Westland state director`,
    `Westland state senator Ana Vell`)? Then it is part of the office, not the verb `state`.
    An inflected verb after a name is a verb with its object (`Reed told host Ana Vell`)."""
    word, after = words[i], words[i + 1] if i + 1 < len(words) else None
    return (
        after is not None
        and word.group().islower()
        and not word.group().endswith(INFLECTED_ENDINGS)
        and word.group() not in IRREGULAR_PAST_FORMS
        and words[i - 1].group()[:1].isupper()
        and not text[words[i - 1].end() : word.start()].strip()
        and not text[word.end() : after.start()].strip()
        and after.group() in ROLE_WORDS
    )
