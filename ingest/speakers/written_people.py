"""The people an article names in full, in order, with the office written before each.

A speaker the article writes by surname or office alone is linked to one of these
(`ingest.speakers.article_links`), so a capitalised phrase that is no person ("Several Opec",
"Never Reed", a title-case headline's words) must not become one: a second person of the
surname keeps the bare surname from being linked at all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon import ORG_HEADS, ROLE_WORDS
from ingest.quoting.lexicon_openers import OPENING_PREPOSITIONS
from ingest.quoting.lexicon_speakers import (
    NOT_GIVEN_WORDS,
    PARTICIPLE_ENDING,
    PARTICIPLE_MIN_LENGTH,
    PAST_ENDING,
)
from ingest.speakers.lexicon import DEMONYMS, NO_GIVEN_NAME_WORDS, OCCUPATIONS, PARTICLES, TITLES
from ingest.speakers.mentions import is_named_speaker, name_mentions
from ingest.speakers.offices import is_office

# The capitalised office words right before a name: "Prime Minister ", "President of the
# Republic of Westland ".
OFFICE_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for)\s+)*)+)$")
# A first office joined by a dash to the one right before the name: "Deputy Prime Minister - "
# in "Deputy Prime Minister - Minister for Ports of Westland Ana Vell".
_OFFICE_DASH_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for)\s+)*)+)[-–—]\s+$")
_OFFICE_JOINERS = frozenset({"of", "the", "and", "for"})
_OFFICE_WINDOW = 80  # characters read before a name (and before its office) for an office
_OF_PLACE = re.compile(r"\bof\s+$")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&-]+$")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_WORD_LETTERS = 4  # title case leaves short words ("of", "on", "a") in lower case
_COMPOUND_NOUN = re.compile(r"\w-[a-z]")  # "Oscar-winner", "Tory-led": no given name
_DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
_OWNER_MARKS = frozenset({"'s", "’s"})  # "Ana Vell's", an owner's name right before it
_SENTENCE_START = re.compile(r"(?:^|[.!?”\"]\s+|\n)$")


class WrittenPerson(NamedTuple):
    """A person the text names with a given name and surname, and the office written right
    before that mention, if any ("Prime Minister" for "Prime Minister Ana Vell")."""

    name: str
    start: int
    office: str | None


def written_people(text: str) -> list[WrittenPerson]:
    """People named in full in the text, in order, with the office written before each."""
    people: list[WrittenPerson] = []
    headline = title_case_headline(text)
    for mention in name_mentions(text):
        name, start = mention
        words = name.split()
        acronyms = [i for i, word in enumerate(words[:-1]) if _ACRONYM.match(word)]
        if acronyms:  # "DJ Ana Vell", "Lib Dem MP Ana Vell" name her; "MG Rover" is a firm
            words = words[acronyms[-1] + 1 :]
            start = text.index(words[0], start)
        while words and _no_given_name(words[0]):
            words = words[1:]  # "Several Opec", "Although Lane", "With Vell", "Oscar-winner Vell"
        if len(words) > 2 and words[0].lower() in DEMONYMS:
            words = words[1:]  # "Australian Ana Vell"; not "European Commission"
        words = _last_two_names(_after_organisation(words))
        if len(words) < 2:
            continue
        name = " ".join(words)
        start = text.index(words[0], start)
        # a title-case headline capitalises every word, as a sentence does its first
        opening = _SENTENCE_START.search(text[max(0, start - 3) : start]) or start < headline + 3
        place = _OF_PLACE.search(text[max(0, start - 5) : start])
        # a title-case headline's owner is no evidence ("Celebrating Ana Vell's Speech")
        owner = start >= headline and _owner_named_first(words, text, start)
        given = _given_name_first(words, text) or owner
        if len(words) >= 3 and (opening and not given or place):
            # "President of Westland Ana Vell": the first word is the office's place;
            # "Novelist Ana Vell, who ...": a sentence's capital, not a given name
            start = text.index(words[1], start)
            name = " ".join(words[1:])
        if len(name.split()) < 2 or not is_named_speaker(name) or _slogan(name.split(), text):
            continue
        people.append(WrittenPerson(name, start, _office_before(text, start)))
    return people


def _office_before(text: str, start: int) -> str | None:
    """The office written right before the name at `start`. Of a dash-joined double office
    ("Deputy Prime Minister - Minister for Ports of Westland Ana Vell") whose second part is
    no office of our lexicon ("Minister for ..."), the first: the release then calls her "the
    Deputy Prime Minister", and without it that speaker was linked to nobody."""
    before = OFFICE_BEFORE.search(text[max(0, start - _OFFICE_WINDOW) : start])
    if not before:
        return None
    office = before.group(1).strip()
    if is_office(office):
        return office
    if office.split()[-1] in _OFFICE_JOINERS:
        return None  # "... Minister for Ports of the [Harbour Board]": a place inside the office
    joined = start - len(before.group(1))
    first = _OFFICE_DASH_BEFORE.search(text[max(0, joined - _OFFICE_WINDOW) : joined])
    first_office = first.group(1).strip() if first else ""
    return first_office if is_office(first_office) else None


def _no_given_name(word: str) -> bool:
    """A capitalised word before a surname that is no given name: a sentence opener or a
    quantifier ("Although Lane", "Several Opec"), a preposition or imperative opening the
    sentence ("With Vell", "Like Vell", "See Vell"), a month ("In March Vell ..."), a party
    ("Republicans Vell"), titles ("Senators Vell"), a compound noun ("Oscar-winner Vell") or
    an abbreviation ("U.S. Ana Vell"). Taken for one, it made a second person of the surname,
    so that "Vell" linked to no one."""
    lowered = word.lower()
    return (
        lowered in NO_GIVEN_NAME_WORDS
        or lowered.removesuffix("s") in TITLES  # "Senators Vell and Tamm"
        or _COMPOUND_NOUN.search(word) is not None
        or _DOTTED_ABBREVIATION.match(word) is not None  # "U.S. Ana Vell"
    )


def _slogan(words: list[str], text: str) -> bool:
    """`Never Reed`, `Jews Against Reed`, `Bashing Reed`: a slogan, a headline's words or a
    group's name ending with a surname, not a person. A word of `NOT_GIVEN_WORDS` or a
    preposition (`With Reed`) before the surname, or a first word that is a participle or a
    past form the text also writes in lower case, is no given name. Taken for a second person
    of the surname, such a phrase kept `Reed said` from being linked to the one Tom Reed
    the article names."""
    if any(w.lower() in NOT_GIVEN_WORDS | OPENING_PREPOSITIONS for w in words[:-1]):
        return True
    first = words[0].lower()
    if len(first) >= PARTICIPLE_MIN_LENGTH and first.endswith(PARTICIPLE_ENDING):
        return True
    past = first.endswith(PAST_ENDING) and len(first) > len(PAST_ENDING) + 2
    return past and re.search(rf"\b{re.escape(first)}\b", text) is not None


def title_case_headline(text: str) -> int:
    """Where the article's first line ends when it is a headline in title case ("Celebrating
    Ana Vell's Speech"), else 0: its first word is no more a given name than a sentence's."""
    first = text.split("\n", 1)[0]
    return len(first) if title_case_line(first) and "\n" in text else 0


def title_case_line(line: str) -> bool:
    """A line in title case (`Ana Vell Put On The Defensive Over Harbour Policy.`): three or
    more words of four letters or more, all capitalised. News writes headlines so, never
    speech or narrative, whatever a colon before them looks like."""
    words = [w for w in _TITLE_WORD.findall(line) if len(w) >= _TITLE_WORD_LETTERS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _last_two_names(words: list[str]) -> list[str]:
    """A person's name at the end of four or more capitalised words: the last two, with the
    initials and particles among them ("Presidential Aide Ana Vell", "Occupied Territories
    Ana J. Vell", "Nine Things Ana von Vell"). A run that long is no one's name, and taken
    for one it made a second person of the surname, so that "Vell" linked to no one."""
    full = [i for i, word in enumerate(words) if not _inside_name(word)]
    if len(full) < 4:
        return words
    start = full[-2]
    while start > 0 and _inside_name(words[start - 1]):
        start -= 1  # "Counsel W. Ana Vell"
    return words[start:]


def _inside_name(word: str) -> bool:
    """An initial or a particle, which stand inside a name ("Ana J. Vell", "Ana von Vell")."""
    return len(word.strip(".")) == 1 or word in PARTICLES


def _given_name_first(words: list[str], text: str) -> bool:
    """Whether the first of three or more capitalised words at a sentence's start is the
    given name: an initial or a particle follows it ("Ana J. Vell", "Ana von Vell"), or the
    text writes the whole name again ("Ora Leo Vell plays ..." and "... with Ora Leo Vell")."""
    return _inside_name(words[1]) or text.count(" ".join(words)) > 1


def _owner_named_first(words: list[str], text: str, start: int) -> bool:
    """Whether three or more capitalised words at a sentence's start that own something are
    one person's name ("Ora Leo Vell's new show opens"): the first word is the given name
    unless it is an occupation or role ("Novelist Ana Vell's book") or the text writes it in
    lower case as a common word ("Rival Ana Vell's plan" and "her rival"). Without this the
    owner lost the given name, and her surname linked to "Leo Vell"."""
    last = text.find(words[-1], start)
    if last < 0 or text[last + len(words[-1]) :][:2] not in _OWNER_MARKS:
        return False
    first = words[0].lower()
    if first in OCCUPATIONS or first in ROLE_WORDS:
        return False
    return re.search(rf"\b{re.escape(first)}\b", text) is None


def _after_organisation(words: list[str]) -> list[str]:
    """ "Defense Council Ana Vell" (of "Secretary of the National Security and Defense Council
    Ana Vell", "Head of the President's Office Ana Vell"): the words after an organisation's
    head noun are the person, the organisation is part of the office written before them."""
    heads = [i for i, word in enumerate(words[:-2]) if word.lower() in ORG_HEADS]
    return words[heads[-1] + 1 :] if heads else words
