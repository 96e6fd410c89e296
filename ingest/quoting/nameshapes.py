"""The shape of a capitalised speaker phrase: a bare name, an office with or without a name,
an office of a place before a name. The resolver reads these to tell a person from an office
or an organisation before NER has the last word."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    BARE_OFFICES,
    CAP,
    DETERMINERS,
    NAME_PARTICLES,
    NAME_WORDS_AFTER_PLACE,
    OFFICE_PREPOSITIONS,
    ORG_HEADS,
    PRONOUNS,
    RELATIVES,
    ROLE_WORDS,
    TITLE_GENDER,
    WEEKDAY_NAMES,
    after_staff_phrase,
    alternation,
)
from ingest.quoting.nounphrases import NP_INNER

# `an aide to [the former President] X`: at most this many words between the staff phrase and
# X make X the person served, not the speaker
_SERVED_TITLE_WORDS = 3
# `Mr Brown's refusal`: the owner's name without its possessive ending
_POSSESSIVE_END = re.compile(r"['’]s?$")
# `[Ana] von der Vell`: particles, then the capitalised word they belong to
_PARTICLE_TAIL = re.compile(rf"(?:\s+{alternation(NAME_PARTICLES)})+\s+[A-Z][\w'’\-]+")


def office_of_place(words: list[str]) -> bool:
    """`President | of Ukraine Rafe Dunnik`: after an office word, `of`, a place and a
    name, all capitalised; NER often runs the place into the name (`Westland Rafe`), so
    the name is taken as the last two words, unless they end an organisation's name."""
    return (
        len(words) >= NAME_WORDS_AFTER_PLACE + 2
        and words[0] in OFFICE_PREPOSITIONS
        and all(CAP.match(w) for w in words[1:])
        and words[-1].lower() not in ORG_HEADS  # `CEO of Washington Restaurant Association`
    )


def plain_name(phrase: str) -> bool:
    """Two to four capitalised words with no title or role word: a name as it stands.

    NER on a bare name sometimes tags only part of it ("German" NORP + "Osk" PERSON).
    """
    words = phrase.split()
    return (
        2 <= len(words) <= 4
        and all(
            CAP.match(w) and w.lower().strip(".") not in ROLE_WORDS | TITLE_GENDER.keys()
            for w in words
        )
        and words[0].lower() not in DETERMINERS
    )


def bare_office(words: list[str]) -> bool:
    """An office without a qualifier: `president`, `prime minister`, `head of state`."""
    return " ".join(words) in BARE_OFFICES


def opens_with_office(role: str) -> bool:
    """`President`, `President of Ukraine`, `Prime Minister`, not `US President`, `Vice
    President` nor `European Commission President`: the recorded role opens with a bare office
    (`BARE_OFFICES`), so nothing before it makes it another place's, body's or rank's office."""
    words = [w.lower().strip(".,") for w in role.split()]
    words = words[1:] if words[:1] and words[0] in DETERMINERS else words
    return any(words[: len(office.split())] == office.split() for office in BARE_OFFICES)


def office_alone(words: list[str]) -> bool:
    """`The President`, `the Prime Minister`: an office and its modifiers, no name (the
    caller drops a nationality: `the Russian President`)."""
    lowered = [w.lower().strip(".") for w in words]
    return bool(lowered) and lowered[-1] in ROLE_WORDS and all(w in NP_INNER for w in lowered)


def has_lower_head(words: list[str]) -> bool:
    """`Westland spokesman`: capitalised modifier but a lowercase head noun -> a role phrase."""
    return words[-1].islower()


def serves_next_name(before: str) -> bool:
    """The words before a name end in a staff phrase and its titles (`a spokesman for Prime
    Minister`), so the name is the person served; not when the name is part of a word
    (`the Hale-Nyberg campaign`)."""
    if not before[-1:].isspace():
        return False
    words = before.split()
    start = after_staff_phrase(words)
    if start is None:
        return False
    titles = words[start:]
    if titles[:1] and titles[0].lower() == "the":
        titles = titles[1:]
    return len(titles) <= _SERVED_TITLE_WORDS


def without_possessive(name: str) -> str:
    """`Gordon Vell's` -> `Gordon Vell`: a name written as an owner names the owner."""
    return _POSSESSIVE_END.sub("", name)


def uncontracted(low: str) -> str:
    """`he's claiming that`: a pronoun with `'s` is `he is` or `he has`, never an owner."""
    stem = _POSSESSIVE_END.sub("", low)
    return stem if stem in PRONOUNS else low


def name_with_particles(phrase: str, start: int, end: int) -> str:
    """The name NER found at `phrase[start:end]`, with the particles that belong inside it:
    NER often ends a name at its particle or before it (`Ana von` of `Ana von der
    Vell`, whose last word it calls a place), so a trailing particle is dropped, and
    particles followed by a capitalised word in the phrase are taken in."""
    words = phrase[start:end].split()
    while len(words) > 1 and words[-1] in NAME_PARTICLES:
        end = start + phrase[start:end].rindex(words.pop()) - 1
    tail = _PARTICLE_TAIL.match(phrase, end)
    end = tail.end() if tail else end
    return phrase[start : _weekday_surname_end(phrase, start, end)].strip()


def _weekday_surname_end(phrase: str, start: int, end: int) -> int:
    """Where a one-word name ends when a weekday follows it: `coach Ben Friday` is Ben
    Friday, whom NER cut to `Ben` (it reads `Friday` as a date). Only after a lower-case word
    (a role such as `coach`) and at the phrase's end: a date after a bare surname without `on`
    (`Reed Monday`, US style) stays outside, as does `Ben on Friday`."""
    before, name, after = phrase[:start].split(), phrase[start:end].split(), phrase[end:].split()
    lone = len(name) == 1 and len(after) == 1 and bool(before) and before[-1].islower()
    if lone and after[0].strip(".,") in WEEKDAY_NAMES:
        return len(phrase.rstrip(" .,"))
    return end


_RELATIVE_END = re.compile(rf"\b{alternation(RELATIVES)}\s*$", re.IGNORECASE)


def ends_in_full_name(np: str, before: str) -> bool:
    """`the economist Tom Reed`, `81-year-old Ana Vell`: up to three lower-case words before
    a full name (two capitalised words) make a speaker phrase that opens in lower case; not
    after a relative pronoun (`who heads the Harbour Committee` is a clause), `before` being
    the text before the phrase."""
    words = np.split()
    lead = words[:-2]
    return (
        0 < len(lead) <= 3
        and all(CAP.match(w) for w in words[-2:])
        and not any(CAP.match(w) for w in lead)
        and not _RELATIVE_END.search(before)
    )
