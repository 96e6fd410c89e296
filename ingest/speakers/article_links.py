"""Linking a speaker of one article to the person the same article names in full.

A speaker written by surname only ("Vellan") or by office only ("the President of Westland")
is the person the article names in full. Only within the article: across articles a surname
or an office may be somebody else. `ARTICLE_LINK_RULES` is ordered; the first rule that names
someone decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from ingest.quoting.lexicon import TITLE_GENDER
from ingest.quoting.lexicon_openers import (
    OPENING_PARTICIPLES,
    OPENING_PHRASE_WORDS,
    OPENING_PREPOSITIONS,
)
from ingest.speakers.keys import canonical_key, comparison_words, first_names_compatible, surname
from ingest.speakers.lexicon import (
    BODIES,
    GIVEN_NAME_HONORIFICS,
    HEAD_OF_STATE,
    OFFICE_HEADS,
    STOP_WORDS,
)
from ingest.speakers.mentions import is_named_speaker, name_mentions
from ingest.speakers.offices import (
    is_office,
    role_head,
    role_keywords,
    role_matches,
    same_office,
)
from ingest.speakers.written_people import (
    OFFICE_BEFORE,
    WrittenPerson,
    title_case_headline,
    written_people,
)

_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|$)", re.DOTALL)
# A capitalised office phrase: "President", "Prime Minister of the Republic of Westland".
_OFFICE_PHRASE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*)+)?"
)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")


class Link(NamedTuple):
    """Whom a speaker of one article is, and the rule that said so (its own name: no rule)."""

    name: str
    rule: str


def _one_person(names: Iterable[str]) -> str | None:
    """The fullest name when all names can be one person (same surname, compatible first
    names), else None."""
    names = list(dict.fromkeys(names))
    if not names:
        return None
    keys = [canonical_key(n) for n in names]
    if len({k.rsplit(" ", 1)[-1] for k in keys}) != 1:
        return None
    if not all(first_names_compatible(a, b) for a in keys for b in keys):
        return None
    return max(names, key=lambda n: (len(n.split()), len(n)))


def _surname_to_full_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Vellan" is "Kai Vellan" when the article names exactly one person so."""
    if len(speaker.split()) != 1 or is_office(speaker) or not is_named_speaker(speaker):
        return None
    if speaker.isupper() or speaker.lower() in BODIES:  # "EU", "Police"
        return None
    key = canonical_key(speaker)
    named = [p.name for p in people if surname(p.name) == key]
    return _one_person(named) or first_namesake(key, people, text)


def first_namesake(key: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """Of several people an article names in full with one surname ("Ana Vell" and, in a
    later sentence, her husband "Bob Vell"), the first: news writing introduces its subject
    first and tells a namesake who comes later by the full name, so the bare surname is the
    first's. None when the names can all be one person, or when another namesake is written
    in the first one's sentence ("Ana Vell and Bob Vell met": nobody is told apart). A
    headline's words make no person ("Understated Vell Raises ...": `_short_first_line`).
    An article that writes the surname after a gendered title ("Mr. Vell", "Mrs. Vell")
    tells its namesakes apart by the title, not by who came first: None then too; and for a
    body's or an office's head word ("Trade Organisation"), which is no surname."""
    if key in OFFICE_HEADS | BODIES:
        return None
    headline = max(title_case_headline(text), _short_first_line(text))
    named = [p for p in people if surname(p.name) == key and p.start >= headline]
    if not named or _one_person(p.name for p in named):
        return None
    if titled_gender(text, named[0].name.split()[-1]) is not None:
        return None
    first = canonical_key(named[0].name)
    other = next(
        (p for p in named if not first_names_compatible(first, canonical_key(p.name))), None
    )
    if other is None or not _SENTENCE_END.search(text, named[0].start, other.start):
        return None
    return named[0].name


# A first line at most this long, alone in its paragraph, is a headline (or a one-line lead,
# which then only keeps its names out of `first_namesake`, the cautious side).
HEADLINE_MAX_CHARACTERS = 150


def _short_first_line(text: str) -> int:
    """Where the first line ends when it is a short paragraph of its own, else 0."""
    first, _, rest = text.partition("\n")
    alone = rest.lstrip(" \t").startswith("\n")
    return len(first) if alone and len(first) <= HEADLINE_MAX_CHARACTERS else 0


def titled_gender(text: str, surname: str) -> str | None:
    """The gender of the first title the article writes before `surname` (`Ms Vell`), if
    any: a pronoun of the other gender does not point at them, and namesakes written with
    titles are told apart by them."""
    for match in re.finditer(rf"\b(\w+)\.? {re.escape(surname)}\b", text):
        gender = TITLE_GENDER.get(match.group(1).lower())
        if gender:
            return gender
    return None


def _knight_to_full_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Sir Ivo" (the speaker "Ivo" once the title is stripped) is "Ivo Vell" when the article
    writes the honorific with that given name and names exactly one person with it: a knight or
    dame is called by title and given name, never by the given name alone, so this is no
    first name matched to a surname."""
    if len(speaker.split()) != 1 or is_office(speaker) or speaker.isupper():
        return None
    written = (rf"\b{honorific} {re.escape(speaker)}\b" for honorific in GIVEN_NAME_HONORIFICS)
    if not any(re.search(pattern, text) for pattern in written):
        return None
    return _one_person(p.name for p in people if p.name.split()[0] == speaker)


def _office_written_with_name(
    speaker: str, people: Sequence[WrittenPerson], text: str
) -> str | None:
    """ "President of Westland" is the one person the article writes with that office."""
    if not is_office(speaker):
        return None
    holder = _one_person(p.name for p in people if _holds(p, speaker))
    if holder and len(_content_words(speaker)) == 1 and people[0].start == 0:
        # a bare office ("the President") is the article's own subject, not a visitor's title
        return holder if _one_person([holder, people[0].name]) else None
    return holder


def _bare_office_holder(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "The President of Westland" is Ana Vell when the article writes "President Ana Vell"
    (the bare office, no place in it), writes no other holder of the office (named, or an
    office of another place: "the President of Norland") and her with no other place's. A
    release names its own head by the bare office and then by the office of its place; with a
    second president in the text, the place-qualified office may be theirs."""
    if not is_office(speaker) or len(_content_words(speaker)) < 2:
        return None  # the bare office itself: `office_written_with_name`
    head = role_head(speaker)
    if head not in HEAD_OF_STATE:
        return None  # "the director of the Harbour Council" is one of many directors
    bare = _one_person(p.name for p in people if p.office and comparison_words(p.office) == [head])
    if bare is None:
        return None  # nobody, or more than one person, is written with the bare office
    own = {p.office for p in people if p.office and _one_person([bare, p.name])}
    if any(_other_place(speaker, head, office) for office in own if office):
        return None  # "Norland President Ana Vell" is no President of Westland
    return None if _other_place_office(speaker, head, text) else bare


def _other_place_office(speaker: str, head: str, text: str) -> bool:
    """The text writes the office with a place the speaker's office does not have ("the
    President of Norland" beside "the President of Westland")."""
    return any(_other_place(speaker, head, m.group(0)) for m in _OFFICE_PHRASE.finditer(text))


def _other_place(speaker: str, head: str, phrase: str) -> bool:
    """The phrase is the speaker's office (its head) with a place the speaker's has not."""
    if role_head(phrase) != head or len(_content_words(phrase)) < 2:
        return False
    return not (_fits(speaker, phrase) or _fits(phrase, speaker))


def _holds(person: WrittenPerson, office: str) -> bool:
    """The text writes the person with this office (a deputy's or shadow's is another)."""
    return bool(person.office) and _fits(office, person.office or "")


def _fits(office: str, written: str) -> bool:
    return role_matches(office, written) and same_office(office, written)


def _content_words(phrase: str) -> list[str]:
    return [w for w in comparison_words(phrase) if w not in STOP_WORDS]


def _office_of_lead_subject(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """An office no one is written with is the person the article opens with ("Ana Vell met
    the mayors. ... The President of Westland stressed ..."), unless the text writes that
    person with another office or anyone else with this one."""
    if not is_office(speaker) or not people or not _opens_article(people[0], text):
        return None
    if not role_keywords(speaker) & HEAD_OF_STATE:
        return None  # a spokesman or a minister is rarely the person an article opens with
    if " of " not in speaker:
        # A bare "the President" is often someone the article never names (in general news
        # the sitting president): linking it to the opening person cost PolNeAR dev speaker
        # accuracy 0.904 -> 0.899. "The President of Westland" says whose office it is.
        return None
    lead = people[0]
    if _office_in_first_sentence(speaker, text):
        return None  # "Ana Vell reported to the President": the lead is someone else
    same = [p for p in people if _one_person([p.name, lead.name])]
    if any(p.office and not _fits(speaker, p.office) for p in same):
        return None
    others = [p for p in people if p not in same]
    if any(_holds(p, speaker) for p in others) or _office_before_other_name(speaker, text, lead):
        return None
    return _one_person(p.name for p in same)


def _opens_article(person: WrittenPerson, text: str) -> bool:
    """The article opens with the person, or with one short phrase and then the person
    ("During the telephone conversation, Ana Vell congratulated ...")."""
    lead = text[: person.start]
    if not lead:
        return True
    words = comparison_words(lead)
    return (
        lead.endswith(", ")
        and lead.count(",") == 1
        and len(words) <= OPENING_PHRASE_WORDS
        and (words[0] in OPENING_PREPOSITIONS or words[0] in OPENING_PARTICIPLES)
    )


def _office_in_first_sentence(office: str, text: str) -> bool:
    """The article's first sentence writes this office itself."""
    first = _FIRST_SENTENCE.match(text)
    sentence = first.group(0) if first else text
    heads = role_keywords(office)
    for match in _OFFICE_PHRASE.finditer(sentence):
        phrase = match.group(0)
        if heads & set(comparison_words(phrase)) and _fits(office, phrase):
            return True
    return False


def _place_before_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Westland Ana Vell" (cut from "President of Westland Ana Vell") is Ana Vell."""
    if len(speaker.split()) < 3 or f"of {speaker}" not in text:
        return None
    return _one_person(p.name for p in people if p.office and speaker.endswith(f" {p.name}"))


def _office_before_other_name(office: str, text: str, lead: WrittenPerson) -> bool:
    """The text writes the office before someone else's name ("President Vell" when the lead
    is another person): then the office may be theirs."""
    for mention in name_mentions(text):
        before = OFFICE_BEFORE.search(text[max(0, mention.start - 80) : mention.start])
        other = surname(mention.text) != surname(lead.name)
        if other and before and _fits(office, before.group(1).strip()):
            return True
    return False


class _LinkRule(NamedTuple):
    name: str
    find: Callable[[str, Sequence[WrittenPerson], str], str | None]


# Ordered: the first rule that names someone decides.
ARTICLE_LINK_RULES: tuple[_LinkRule, ...] = (
    _LinkRule("surname_to_full_name", _surname_to_full_name),
    _LinkRule("knight_to_full_name", _knight_to_full_name),
    _LinkRule("place_before_name", _place_before_name),
    _LinkRule("office_written_with_name", _office_written_with_name),
    _LinkRule("office_of_lead_subject", _office_of_lead_subject),
    _LinkRule("bare_office_holder", _bare_office_holder),
)


def link_in_article(
    speakers: Iterable[str], text: str, people: Sequence[WrittenPerson] | None = None
) -> dict[str, Link]:
    """For each speaker of one article, the person the article names in full, where a rule
    finds one (see `ARTICLE_LINK_RULES`); speakers no rule links are left out. `people` is
    `written_people(text)` when the caller has it already."""
    people = written_people(text) if people is None else people
    links: dict[str, Link] = {}
    for speaker in speakers:
        for rule in ARTICLE_LINK_RULES:
            if (found := rule.find(speaker, people, text)) and found != speaker:
                links[speaker] = Link(found, rule.name)
                break
    return links
