"""One comparison key per written name, and whether two keys can be one person.

Quotes name their speakers the way the article does ("Varo", "Nils Varo", "Mr. Varo",
"S. Varo"). Every later rule compares names by the key built here: titles, parties and
occupations stripped (`strip_titles`), diacritics, punctuation and possessives dropped, a
transliterated surname ending spelt one way (`canonical_key`). Pure functions of their
arguments.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ingest.quoting.lexicon import after_staff_phrase
from ingest.speakers.lexicon import AFFILIATIONS, NOT_PERSON_WORDS, OCCUPATIONS, SUFFIXES, TITLES

_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_PARTY_TAG = re.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")  # "Jon Pelk, R-Wis."
POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w\s'’.-]")


def _ascii_fold(text: str) -> str:
    """Drop diacritics so "Dunskyy" style variants compare on letters only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def strip_titles(name: str) -> str:
    """Remove leading titles/roles, parenthesised tags and suffixes, keeping original casing.

    "Westland Foreign Minister Nils Varo" keeps only the name when the leading words are
    titles or adjectives of a title ("Russian" before "Foreign Minister").

    Cached: quote finding strips every run of capitalised words of every article
    (`name_mentions`), the same names and titles again and again (perf28).
    """
    name = _PARTY_TAG.sub("", _PAREN.sub("", name)).strip(" ,;:")
    tokens = name.split()
    while tokens and POSSESSIVE.sub("", tokens[-1]).strip(".,").lower() in SUFFIXES:
        tokens.pop()
    if _speaks_for_someone(tokens):
        return " ".join(tokens)  # "spokesman for Prime Minister X" is not X
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        if _describes_who_follows(token, tokens[i + 1 :]):
            last_title = i
    rest = tokens[last_title + 1 :]
    if last_title >= 0 and rest and not rest[0][:1].isupper():
        lowercase = [i for i, token in enumerate(rest) if not token[:1].isupper()]
        if len(rest) - lowercase[-1] <= 2:  # "President of Ukraine": an office, no name
            return " ".join(tokens)
        # "President of Westland Rafe Dunnik": the office's place, then the name.
        return " ".join(_trailing_name(rest[lowercase[-1] + 1 :]))
    return " ".join(rest)


def _describes_who_follows(token: str, following: Sequence[str]) -> bool:
    """A word written before a name that is no part of it: a title ("Minister", always); a
    party or membership ("Tory MP", "Lib Dem"), an occupation ("Singer", "Pop star") or a
    possessive ("Plaid Cymru's"), only with a full name after it, since "Labour Party", "Star"
    and "Westland TV's" alone are what speaks."""
    word = token.strip(".,").lower()
    if word in TITLES:
        return True
    return person_words(following) and (
        word in AFFILIATIONS or word in OCCUPATIONS or bool(POSSESSIVE.search(word))
    )


def person_words(tokens: Sequence[str]) -> bool:
    """Two or three capitalised words, none of a body or an office: a person's full name."""
    return 2 <= len(tokens) <= 3 and all(
        t[:1].isupper() and t.strip(".,").lower() not in NOT_PERSON_WORDS for t in tokens
    )


def _trailing_name(tokens: Sequence[str]) -> list[str]:
    """A person's name at the end of capitalised words that begin with a place ("Ukraine
    Rafe Dunnik"): the last two words, with initials before them ("Bob W. Hale")."""
    start = max(0, len(tokens) - 2)
    while start > 0 and len(tokens[start].strip(".")) == 1:
        start -= 1
    return list(tokens[start:])


def _speaks_for_someone(tokens: Sequence[str]) -> bool:
    """ "an aide to X", "spokesman for Prime Minister X": staff named by the person they
    serve, whose words they are not. A body's spokesman ("a spokesman for the LSE", "for
    Vodafone") speaks as the body, as news writes it: that stays the body's."""
    start = after_staff_phrase(tokens)
    if start is None:
        return False
    served = tokens[start:]
    named = len(served) >= 2 and all(t[:1].isupper() for t in served[-2:])
    return named and served[0].lower() != "the"


# Slavic surname endings transliterated several ways ("Dunsky", "Dunskyy", "Dunskiy";
# "Tamyak", "Tamiak"): the press service and the wire agencies each keep their own, and a
# question typed one way must find the person quoted under another. (ending, its key), tried
# on the last word of a name only.
_SLAVIC_ENDINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=sk)(?:yy|yi|iy|ij|ii|yj)$"), "y"),
    (re.compile(r"(?<=[bcdfghklmnprstvz])i(?=ak$|uk$)"), "y"),
)


def _surname_key(word: str) -> str:
    """A surname with its transliterated ending spelt one way (`_SLAVIC_ENDINGS`)."""
    for ending, key in _SLAVIC_ENDINGS:
        word = ending.sub(key, word)
    return word


@functools.lru_cache(maxsize=1 << 16)
def canonical_key(name: str) -> str:
    """Comparison key: ASCII-folded, lowercase, titles, punctuation and possessives removed.

    Cached: building the speaker index asks for the key of every quote's speaker as written,
    the same few thousand strings again and again (99k calls at 20k articles, most of the
    first question's time under cProfile)."""
    stripped = strip_titles(_ascii_fold(name))
    tokens = [POSSESSIVE.sub("", t) for t in _NON_WORD.sub(" ", stripped).split()]
    tokens = [t for t in (t.strip(".'’-").lower() for t in tokens) if t]
    return " ".join([*tokens[:-1], _surname_key(tokens[-1])] if tokens else [])


def surname(name: str) -> str:
    """Last token of the canonical key: the part that must agree for two names to merge."""
    key = canonical_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def given_names(key: str) -> list[str]:
    return key.split()[:-1]


def first_names_compatible(a: str, b: str) -> bool:
    """True when the given names of two keys with the same surname can be one person.

    Only the first given name is compared, so middle names and initials ("Tom J. Reed")
    do not split a person; "Ana" and "Bob" do.
    """
    ga, gb = given_names(a), given_names(b)
    if not ga or not gb:
        return True
    fa, fb = ga[0], gb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return False


def speakers_named(person: str, speakers: Iterable[str]) -> set[str]:
    """The speakers a person written in the article may be: the same last word, and given
    names that can be one person's. `Former President Bob Vell` gives his office to the
    speaker `Vell` or `Bob Vell`, never to `Ana Vell`, who shares the surname
    only (an article on her campaign that mentions him made her "former President")."""
    last = person.split()[-1]
    key = canonical_key(person)
    return {
        s
        for s in speakers
        if s.split()[-1] == last and first_names_compatible(canonical_key(s), key)
    }


def comparison_words(text: str) -> list[str]:
    """Comparison words: ASCII-folded, lowercase, possessives dropped."""
    return list(_word_tuple(text))


@functools.lru_cache(maxsize=1 << 16)
def _word_tuple(text: str) -> tuple[str, ...]:
    """`comparison_words`, cached: the office and role rules ask for the words of the same few
    speakers and offices many times per article (perf28); a tuple, so no caller changes the
    cache."""
    return tuple(POSSESSIVE.sub("", t).lower() for t in re.findall(r"[\w'’-]+", _ascii_fold(text)))
