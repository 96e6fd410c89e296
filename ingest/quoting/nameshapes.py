"""The shape of a capitalised speaker phrase: a bare name, an office with or without a name,
an office of a place before a name. The resolver reads these to tell a person from an office
or an organisation before NER has the last word."""

from __future__ import annotations

from ingest.quoting.lexicon import (
    BARE_OFFICES,
    CAP,
    DETERMINERS,
    NAME_WORDS_AFTER_PLACE,
    OFFICE_PREPOSITIONS,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_GENDER,
)
from ingest.quoting.nounphrases import NP_INNER


def office_of_place(words: list[str]) -> bool:
    """`President | of Ukraine Volodymyr Zelenskyy`: after an office word, `of`, a place and a
    name, all capitalised; NER often runs the place into the name (`Ukraine Volodymyr`), so
    the name is taken as the last two words, unless they end an organisation's name."""
    return (
        len(words) >= NAME_WORDS_AFTER_PLACE + 2
        and words[0] in OFFICE_PREPOSITIONS
        and all(CAP.match(w) for w in words[1:])
        and words[-1].lower() not in ORG_HEADS  # `CEO of Washington Restaurant Association`
    )


def plain_name(phrase: str) -> bool:
    """Two to four capitalised words with no title or role word: a name as it stands.

    NER on a bare name sometimes tags only part of it ("German" NORP + "Gref" PERSON).
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


def office_alone(words: list[str]) -> bool:
    """`The President`, `the Prime Minister`: an office and its modifiers, no name (the
    caller drops a nationality: `the Russian President`)."""
    lowered = [w.lower().strip(".") for w in words]
    return bool(lowered) and lowered[-1] in ROLE_WORDS and all(w in NP_INNER for w in lowered)


def has_lower_head(words: list[str]) -> bool:
    """`Kremlin spokesman`: capitalised modifier but a lowercase head noun -> a role phrase."""
    return words[-1].islower()
