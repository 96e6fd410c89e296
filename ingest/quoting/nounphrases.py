"""Speaker noun phrases: whether a phrase can name who speaks, and the phrase without what is
not part of the name (asides, leading adverbs and time words, affiliations).

Kept apart from `phrases`, which finds the phrase next to a quote or verb: these checks are
about the words of the phrase alone, and resolution uses them too.
"""

from __future__ import annotations

import functools
import re

from ingest.quoting.lexicon import (
    AFFILIATION_ADJECTIVES,
    AFFILIATION_PREPOSITIONS,
    CAP,
    DETERMINERS,
    POSSESSIVE_PRONOUNS,
    PRONOUNS,
    ROLE_WORDS,
    TITLE_GENDER,
    VERBS,
    alternation,
    split_words,
)
from ingest.quoting.shares import share_phrase
from ingest.speakers.lexicon import honorific_office

_POSSESSIVE_S = re.compile(r"['’]s$")
_BRACKETED = re.compile(r"\s*\([^()]*\)")


@functools.lru_cache(maxsize=1 << 16)
def plausible_np(np: str) -> bool:
    """A speaker is a pronoun, a capitalised name, a short determiner/role noun phrase, or a
    poll share (`shares.py`).

    Cached: the rules ask about the same phrase many times (on the full BBC corpus 97,702
    calls for 8,539 phrases), and the answer depends on the words alone."""
    words = np.split()
    if not words or len(words) > 9 or not whole_phrase(np):
        return False
    low = [w.lower().replace("’", "'") for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return True
    if share_phrase(np):
        return True  # `21 percent`, `About four in 10 voters`: a poll's respondents
    if any(w in PRONOUNS and w not in ("i",) for w in low[1:]):
        return False
    if low[0] in _LEADING_NON_SUBJECT:
        return False
    if low[0] in DETERMINERS and len(words) > 1 and not CAP.match(words[-1]):
        return len(words) <= 7  # `The ad`, `a Democratic staffer in the room`: lowercase head
    if low[0] in ("a", "an") and len(words) <= 7:
        return True  # `a spokesman for committee Democrats`
    if _POSSESSOR.match(np) and all(w.islower() for w in words[1:]) and len(words) <= 3:
        return True  # `Pelk's office`, `Her campaign`
    if any(CAP.match(w) for w in words):
        return _descriptors_then_name(words) or all(
            CAP.match(w) or w.lower().strip(".") in NP_INNER or agent_noun(w) or _portfolio(low, i)
            for i, w in enumerate(words)
        )
    if low[0] in DETERMINERS or _POSSESSIVE_S.search(words[0]):
        return len(words) <= 6
    return (
        len(words) <= 3
        and low[-1].endswith("s")
        and "'" not in low[-1]
        and low[-1] not in VERBS | _NOT_PLURAL
    )  # `officials`, `Senate Republicans`; not `let's`, `does this`


def _portfolio(low: list[str], i: int) -> bool:
    """`Shadow spokesman for sport Ivo Renko`: the lowercase word after a role noun and
    `for` names the post's portfolio, a part of the office, not a clause of its own."""
    return i >= 2 and low[i - 1] == "for" and low[i - 2] in ROLE_WORDS and low[i].isalpha()


_NOT_PLURAL = frozenset(
    split_words("this his its hers theirs ours yours us does has is was as thus")
)


# Brackets or a leading apostrophe: a fragment of the text, not a noun phrase.
_FRAGMENT = re.compile(r"[\[\]]|^['’‘]")
FUNCTION_WORDS = frozenset(split_words("of the a an and or for to in on at by with from"))


def whole_phrase(np: str) -> bool:
    """Not a fragment cut out of the text: no brackets, no leading apostrophe, no trailing
    function word (`The head of`, `a`, `Preparations for the`)."""
    words = np.split()
    return bool(words) and not _FRAGMENT.search(np) and words[-1].lower() not in FUNCTION_WORDS


def _descriptors_then_name(words: list[str]) -> bool:
    """`veteran analyst Ida Kell`, `retired Army Lt. Gen. Ola Brandt`: up to three
    lowercase descriptors before a name of at least two capitalised words. At a sentence start
    the first descriptor is capitalised (`Billionaire entrepreneur Ben Tamm said`)."""
    first = 1 if len(words) > 1 and CAP.match(words[0]) and words[1].islower() else 0
    lead = next((i for i, w in enumerate(words) if i >= first and not w.islower()), len(words))
    name = words[lead:]
    return (
        1 <= lead <= 3
        and words[0].lower() not in _LEADING_NON_SUBJECT | VERBS
        and sum(1 for w in name if CAP.match(w)) >= 2
        and all(CAP.match(w) or w.lower().strip(".") in NP_INNER for w in name)
    )


_POSSESSOR = re.compile(
    r"(?:[A-Z][\w\-]*['’]s?|" + alternation(w.capitalize() for w in POSSESSIVE_PRONOUNS) + r")\s"
)
_LEADING_NON_SUBJECT = frozenset(
    split_words(
        """according even but and so yet also still with without in on at for from by of to
    after before during under over into about while
    when if as because since although though there here it's there's here's that's what's let's
    this
    these those what which who"""
    )
)
NP_INNER = (
    ROLE_WORDS
    | DETERMINERS
    | frozenset(
        split_words(
            """of for de da del van von bin al la le and state foreign press prime deputy vice
    senior former presidential campaign national security communications defence defense interior
    finance health economic top acting interim house senate majority minority party state's
    general district county city federal white republican democratic government &"""
        )
    )
)


def looks_like_role(text: str) -> bool:
    """A short phrase with a role noun, or an office headed by a form of address ("First
    Lady", `honorific_office`): an apposition that tells what the person is."""
    words = [w.lower().strip(".") for w in text.split()]
    pairs = zip(words, words[1:], strict=False)
    role = any(w in ROLE_WORDS for w in words) or any(honorific_office(list(p)) for p in pairs)
    return role and len(words) <= 8


def clean_role(text: str) -> str:
    """Role text without determiners: "the Westland spokesman" -> "Westland spokesman"."""
    words = text.strip(" ,").split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    if all(w.lower().strip(".") in TITLE_GENDER for w in words):
        return ""  # "Mr" is a form of address, not a role
    return " ".join(words)


def agent_noun(word: str) -> bool:
    """`backbencher`, `campaigner`: a lowercase noun for a person, missing from the role list."""
    return (
        word.islower()
        and word not in VERBS
        and word.endswith(("er", "or", "ist", "man", "woman", "ian"))
    )


def clean_np(np: str) -> tuple[str, int]:
    """A speaker phrase without what is not part of a name: parenthesised asides
    (`Osk (Mr)`, `Ida Vale (R-Texas)`), leading sentence adverbs and time phrases
    (`Meanwhile Labour`, `On Monday the minister`), a person's affiliation (`Jon Lewk
    of the Ada Lind Center`) and a trailing participle or adjective phrase (`Another source
    speaking to Westland News`, `an official familiar with the talks`), and the bracket of markup
    left before the sentence (`">Lind said`). Returns the phrase and how many characters
    were dropped from its start, so its offset can follow."""
    cleaned = _BRACKETED.sub("", np).strip(" ,").lstrip(">")
    cleaned = _TRAILING_MODIFIER.split(cleaned, maxsplit=1)[0]
    words = cleaned.split()
    while words and (
        words[0].lower().strip(",") in LEADING_ADVERBS
        or words[0].lower() in PREPOSITIONS
        and len(words) > 1
        and is_time(words[1])
        or is_time(words[0])
    ):
        words.pop(0)
    if not words:
        return "", 0
    rest = " ".join(_without_affiliation(words))
    return rest, max(np.find(words[0]), 0)


_TRAILING_MODIFIER = re.compile(
    rf"\s+(?:[a-z]+ing|{alternation(AFFILIATION_ADJECTIVES)})\s+"
    rf"{alternation(AFFILIATION_PREPOSITIONS)}\s"
)


def _without_affiliation(words: list[str]) -> list[str]:
    """`Jon Lewk of the Ada Lind Center` -> `Jon Lewk`; `Secretary of State Ada
    Kerrow` and `Governor Priya Shah of New Jersey` keep their office."""
    if "of" not in words:
        return words
    name = words[: words.index("of")]
    plain = all(CAP.match(w) and w.lower().strip(".") not in ROLE_WORDS for w in name)
    return name if len(name) >= 2 and plain else words


def is_adverb(word: str) -> bool:
    """`flatly`, `repeatedly`: an -ly word between a subject and its verb is not the subject."""
    return word.islower() and word.endswith("ly") and len(word) > 4


def is_time(word: str) -> bool:
    """A weekday, month or number: time phrases sit between a verb and its clause or subject."""
    return word.lower().strip(".,") in _TIME_WORDS or word.strip(".,").isdigit()


LEADING_ADVERBS = frozenset(
    split_words(
        """meanwhile however but and also so yet still then now later earlier instead indeed
    separately nevertheless moreover furthermore besides thus hence finally first second
    today yesterday tonight recently previously afterwards elsewhere overall again even"""
    )
)
_TIME_WORDS = frozenset(
    split_words(
        """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec last next this week month year morning evening night weekend"""
    )
)
PREPOSITIONS = frozenset(split_words("on in at by during since until last this"))
