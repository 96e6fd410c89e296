"""The people an article names in full, in order, with the office written before each.

A speaker the article writes by surname or office alone is linked to one of these
(`ingest.speakers.article_links`), so a capitalised phrase that is no person ("Several Opec",
"Never Reed", a title-case headline's words) must not become one: a second person of the
surname keeps the bare surname from being linked at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from ingest.quoting.lexicon import ORG_HEADS, ROLE_WORDS
from ingest.quoting.lexicon_openers import OPENING_PREPOSITIONS
from ingest.quoting.lexicon_speakers import (
    NOT_GIVEN_WORDS,
    PARTICIPLE_ENDING,
    PARTICIPLE_MIN_LENGTH,
    PAST_ENDING,
)
from ingest.speakers.lexicon import (
    DEMONYMS,
    KIN_NOUNS,
    NO_GIVEN_NAME_WORDS,
    NOT_SENTENCE_ENDS,
    OCCUPATIONS,
    OFFICE_HEADS,
    OFFICE_SURNAMES,
    PARTICLES,
    TITLES,
)
from ingest.speakers.mentions import is_named_speaker, name_mentions
from ingest.speakers.offices import is_office, role_head

# The capitalised office words right before a name: "Prime Minister ", "President of the
# Republic of Westland ".
OFFICE_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for)\s+)*)+)$")
# A first office joined by a dash to the one right before the name: "Deputy Prime Minister - "
# in "Deputy Prime Minister - Minister for Ports of Westland Ana Vell".
_OFFICE_DASH_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for)\s+)*)+)[-–—]\s+$")
_OFFICE_JOINERS = frozenset({"of", "the", "and", "for"})
_OFFICE_WINDOW = 80  # characters read before a name (and before its office) for an office
_OF_PLACE = re.compile(r"\bof\s+$")
_FOR_PORTFOLIO = re.compile(r"\b([A-Z][a-z]+)\s+for\s+$")  # "Minister for "
_AND = re.compile(r"\s+and\s+")
# "the wife of the President of Westland Ana Vell" (hers is the name; "daughter of Senator
# Tom Reed" writes his office as his title, with no article)
_KIN_BEFORE = re.compile(r"\b(\w+)\s+of\s+the\s+$")
_RUN_SENTENCE_END = re.compile(r"(\S+\.)\s+")
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
        place = _place_before(text, start)
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
        if is_office(name) and role_head(name) not in OFFICE_SURNAMES:
            continue  # "the First Lady": an office, no one's name; "Ana King" is one
        people.append(
            WrittenPerson(name, start, _office_before(text, start, _joined_after(people, text)))
        )
    return people


class _OfficeRun(NamedTuple):
    """The capitalised words right before a name (`OFFICE_BEFORE`) over `_OFFICE_WINDOW`
    characters, where they start, and the same read over twice the window (`wide`: a double
    office runs past one, "Deputy Prime Minister and Minister for the ... of Westland Ana
    Vell"; wider for every reading, offices of the scraped doubled labels before a name
    became junk names' offices)."""

    words: str
    start: int
    wide: str


class _OfficeReading(NamedTuple):
    """One way to read the office out of the capitalised words before a name."""

    name: str
    read: Callable[[_OfficeRun, str], str | None]


def _place_before(text: str, start: int) -> bool:
    """The words before the name end an office's place or portfolio: "President of
    [Westland Ana Vell]", "Minister for [Ports Ana Vell]" (an office head before "for"; not
    "voted for Tom B. Reed"), so the name's first word is no given name."""
    before = text[max(0, start - _OFFICE_WINDOW) : start]
    if _OF_PLACE.search(before):
        return True
    portfolio = _FOR_PORTFOLIO.search(before)
    return bool(portfolio) and portfolio.group(1).lower() in OFFICE_HEADS


def _joined_after(people: list[WrittenPerson], text: str) -> int:
    """Where the last person named with an office ends, when "and" follows ("Director Bob
    Hale and Designer Ana Vell"): the next person's office starts there, not before Bob
    Hale. Not after words taken for a name inside an office ("Secretary of the [National
    Security] and Defence Council Ana Vell"), which hold none."""
    if not people or not people[-1].office:
        return 0
    end = people[-1].start + len(people[-1].name)
    return end if text.startswith(" and ", end) else 0


def _office_before(text: str, start: int, floor: int = 0) -> str | None:
    """The office written right before the name at `start` and after `floor` (the previous
    person's name: "Director Bob Hale and Designer Ana Vell"), by the first of
    `OFFICE_READINGS` that finds one. None when the words before it name a relative's office
    ("the wife of the President of Westland Ana Vell": she is not the President), or end in
    a joiner ("... Minister for Ports of the [Harbour Board]": a place inside the office)."""
    run = _office_run(text, start, floor, _OFFICE_WINDOW)
    if run is None or _kin_of(text, run.start) or run.words.split()[-1] in _OFFICE_JOINERS:
        return None
    return next((o for r in OFFICE_READINGS if (o := r.read(run, text))), None)


def _office_run(text: str, start: int, floor: int, window: int) -> _OfficeRun | None:
    """The capitalised words before the name, read back over `window` characters (and
    twice that for `wide`), never across a sentence's end ("... Ana Vell. Congratulating
    the Head of State and the First Lady")."""
    begin = max(0, floor, start - window)
    before = OFFICE_BEFORE.search(text[begin:start])
    if not before:
        return None
    words = before.group(1)
    ends = [m.end() for m in _RUN_SENTENCE_END.finditer(words) if _ends_sentence(m.group(1))]
    cut = ends[-1] if ends else 0
    if not words[cut:].strip():
        return None
    wide = _office_run(text, start, floor, 2 * window) if window == _OFFICE_WINDOW else None
    run_start = begin + before.start() + cut
    return _OfficeRun(words[cut:].strip(), run_start, wide.words if wide else "")


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that ends a sentence: no title, abbreviation or initial."""
    bare = word.rstrip(".").lower()
    return len(bare) > 1 and bare not in NOT_SENTENCE_ENDS


def _kin_of(text: str, start: int) -> bool:
    """A relative's noun and "of the" right before the office ("the wife of the President")."""
    kin = _KIN_BEFORE.search(text[max(0, start - _OFFICE_WINDOW) : start])
    return bool(kin) and kin.group(1).lower() in KIN_NOUNS


def _whole_office(run: _OfficeRun, text: str) -> str | None:
    """The words are one office, "and" inside it ("Minister of Trade and Industry"); not
    when what comes before the "and" is no office ("Tom Reed and President")."""
    first = _AND.split(run.words)[0]
    return run.words if is_office(run.words) and is_office(first) else None


def _office_after_and(run: _OfficeRun, text: str) -> str | None:
    """ "the Harbour Board of Norland and the First Lady Ana Vell": the office after the last
    "and" is hers; the words before it are another's."""
    last = _AND.split(run.words)[-1]
    last = last.removeprefix("the ").strip()
    return last if len(_AND.split(run.words)) > 1 and is_office(last) else None


def _first_of_double_office(run: _OfficeRun, text: str) -> str | None:
    """ "Deputy Prime Minister and Minister for Ports of Westland Ana Vell": of a double office
    whose second part is no office of our lexicon ("Minister for ..."), the first; the
    release then calls her "the Deputy Prime Minister"."""
    parts = _AND.split(run.wide)
    second = parts[-1].split()
    if len(parts) < 2 or not second or second[0].lower() not in OFFICE_HEADS:
        return None
    return parts[0] if is_office(parts[0]) else None


def _first_of_dash_office(run: _OfficeRun, text: str) -> str | None:
    """Of a dash-joined double office ("Deputy Prime Minister - Minister for Ports of Westland
    Ana Vell") whose second part is no office of our lexicon, the first. Not when the words
    end in a joiner (`_office_before`)."""
    first = _OFFICE_DASH_BEFORE.search(text[max(0, run.start - _OFFICE_WINDOW) : run.start])
    first_office = first.group(1).strip() if first else ""
    return first_office if is_office(first_office) else None


# Ordered: the first reading that finds an office decides.
OFFICE_READINGS: tuple[_OfficeReading, ...] = (
    _OfficeReading("whole_office", _whole_office),
    _OfficeReading("office_after_and", _office_after_and),
    _OfficeReading("first_of_double_office", _first_of_double_office),
    _OfficeReading("first_of_dash_office", _first_of_dash_office),
)


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
