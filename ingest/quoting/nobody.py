"""Speaker phrases that name no one.

A rule that takes the words before a cue as its subject sometimes takes a word that cannot be
anyone's name: `Let me say that ...` gives "Let", `I'm sure that ...` "I'm", `One can ...`
"can", `Maybe we ...` "Maybe". Such a phrase must leave the statement unattributed rather than
invent a speaker that answers would then quote.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    AUX,
    CLAUSE_MARKERS,
    DAYS_NEAR,
    DETERMINERS,
    FIRST_SECOND_PERSON,
    NOT_NAME_OPENERS,
    THAT_INSIDE,
    WEEKDAYS,
)
from ingest.quoting.lexicon_openers import TIME_ANCHORS, TIME_PHRASE_WORDS
from ingest.quoting.lexicon_speakers import OWNED_PEOPLE
from ingest.quoting.model import Resolved

# Lower-case one-word speakers that are no one: determiners, auxiliaries and modals.
_NO_ONE_WORDS = DETERMINERS | AUX | THAT_INSIDE | CLAUSE_MARKERS
# Words that open a time phrase written as a speaker (`On Monday`, `In late April`).
_TIME_PREPOSITIONS = frozenset(
    ("on", "in", "at", "by", "since", "until", "following", "after", "before", "during")
)
# Between a sentence's end and its first word: spaces, quotation marks, brackets.
_OPENING_MARKS = " \t\n\"“”‘’'([«»"


def opens_sentence(text: str, start: int) -> bool:
    """The word at `start` is the first of its sentence, paragraph or text."""
    before = text[max(0, start - 12) : start]
    bare = before.rstrip(_OPENING_MARKS)
    if "\n" in before[len(bare) :]:
        return True
    if not bare:
        return start == len(before)
    return bare[-1] in ".!?:;"


class CommonWords:
    """The capitalised words of one text that are common words: written in lower case too,
    and capitalised only where a sentence opens (`Maybe`, `Please`, `Therefore`). A word
    never written in lower case may be a name (`Will claims ...`), so it is not one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            lower = re.search(rf"\b{re.escape(word.lower())}\b", self.text) is not None
            known = lower and all(
                opens_sentence(self.text, m.start())
                for m in re.finditer(rf"\b{re.escape(word)}\b", self.text)
            )
            self._known[word] = known
        return known


def names_no_one(speaker: str, common: CommonWords) -> bool:
    """A one-word speaker that is a function word (`can`, `our`), the speaker's own first
    or second person in any case (`You`, `I'm`), or a function word or sentence opener
    capitalised only because it opens its sentence (`Maybe`, `Let`; not `Will` the name, nor
    a group: `Analysts said ...` names its source)."""
    low = speaker.lower().replace("’", "'").split("'")[0]  # "I'm", "We've": the pronoun
    acronym = speaker.isupper() and len(speaker) > 1  # "US" is no "us"
    if (low in FIRST_SECOND_PERSON and not acronym) or speaker in _NO_ONE_WORDS:
        return True
    return low in _NO_ONE_WORDS | NOT_NAME_OPENERS and speaker in common


def time_phrase(speaker: str) -> bool:
    """`On Monday`, `Last April`, `Following Wednesday's` (of `Following Wednesday's leak of
    the memo, which showed that`), `Wednesday` (of `Wednesday's statement said`): a phrase of
    time words only, with one that can only be a time, names no one. A one-word phrase must
    be a weekday or `today` (`Day`, `Early` and `May` are surnames and names too)."""
    words = [w.removesuffix("'s") for w in speaker.lower().replace("’", "'").split()]
    if len(words) == 1:
        return words[0] in WEEKDAYS | DAYS_NEAR
    known = TIME_PHRASE_WORDS | _TIME_PREPOSITIONS
    return all(w in known for w in words) and any(w in TIME_ANCHORS for w in words)


# An owner's possessive at the end of a speaker phrase, and the lower-case words after it
# that may hold the owned person's noun (`Reed's eldest daughter`, `Vell's right-hand woman`).
_OWNER_END = re.compile(r"[A-Za-z.]['’]s$")
_OWNED_WORDS = re.compile(r"\s+([a-z][a-z\-]*)")
OWNED_WORDS_READ = 3  # `Vell's close friends and allies`: the noun within three words
# `A friend of Reed's`, `Friends of Mr. Reed's`: the owned person written before the owner.
_PEOPLE_OF_OWNER = re.compile(r"(?:\w+\s+)?(\w+)\s+of\s")
# `he's`, `that's`: a pronoun with `'s` is `he is` or `he has`, never an owner.
_CONTRACTED_PRONOUNS = frozenset(("he's", "she's", "it's", "that's", "there's", "who's"))


def owned_people(text: str, pos: int, phrase: str) -> str | None:
    """The people a speaker phrase cut at an owner names (`Reed's son, Ola, defended his
    father, saying: "..."` -> `Reed's son`; `Vell's close friends and allies have said` ->
    `Vell's close friends`); None for any other phrase. Those people (`OWNED_PEOPLE`) are
    the speakers, never the owner, as relatives and staff never speak as the person they
    belong to. Read only where `phrase` is written at `pos` and ends in `'s` (`he's` is
    `he is`: not an owner)."""
    if not _OWNER_END.search(phrase) or text[pos : pos + len(phrase)] != phrase:
        return None
    if phrase.lower().replace("’", "'") in _CONTRACTED_PRONOUNS:
        return None
    at = pos + len(phrase)
    for _ in range(OWNED_WORDS_READ):
        word = _OWNED_WORDS.match(text, at)
        if word is None:
            return None
        at = word.end()
        if word.group(1).split("-")[-1] in OWNED_PEOPLE:
            return text[pos:at]
    return None


def people_before_owner(phrase: str) -> bool:
    """`Friends of Mr. Reed's who have seen him say that ...`, `a friend of Vell's said`:
    people written before their owner (`OWNED_PEOPLE`) speak, never the owner; the phrase is
    no name to store (its owner's name would be read from it), so it names no one."""
    kin = _PEOPLE_OF_OWNER.match(phrase)
    return bool(kin and _OWNER_END.search(phrase) and kin.group(1).lower() in OWNED_PEOPLE)


def owner_reading(text: str, pos: int, phrase: str) -> Resolved | None:
    """A speaker phrase at an owner whose owned person speaks: that person (`owned_people`,
    a speaker of kind `other`), or no one when the person is written before the owner
    (`people_before_owner`); None for any other phrase, which resolves as usual."""
    if people_before_owner(phrase):
        return Resolved(None, phrase, None, "nobody")
    people = owned_people(text, pos, phrase)
    return Resolved(people, phrase, None, "other") if people else None
