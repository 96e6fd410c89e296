"""The names a free text writes: runs of capitalised words, titles removed.

Quote finding reads every article's names through `name_mentions`, question understanding the
names a question asks about; `is_named_speaker` tells a name from a sentence opener or a
nationality taken for one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon_speakers import NAME_AMPERSANDS
from ingest.speakers.keys import POSSESSIVE, canonical_key, strip_titles
from ingest.speakers.lexicon import (
    DEMONYMS,
    NAME_JOINERS_INSIDE,
    NOT_NAME_STARTS,
    NOT_NAMES,
    NOT_SENTENCE_ENDS,
    PARTICLES,
    TITLES,
)


class Mention(NamedTuple):
    """A run of capitalised words in free text that may be a name, and where it starts."""

    text: str
    start: int


# `AT&T` is one word, and a lone `&` joins a name's words (`Vell & Marsh`, `Quill &
# Gamble`) as a particle does, so neither is cut at the `&` (issue 17).
_WORD = re.compile(r"[\w'’.-]+(?:&[\w'’.-]+)*|&")
# The next of those words that opens with a capital, where no name is open: a letter that may
# be a capital (A-Z, or any word character beyond ASCII, read by `isupper`; one character class
# first, so the search skips to it at C speed) that starts a word (no word character or joining
# `&` before it; an `&` with no word before it is a word of its own).
_CAPITAL_WORD = re.compile(
    r"[^\W\x00-@\[-\x7f](?:(?<![\w'’.&-].)|(?<=(?<![\w'’.-])&.))[\w'’.-]*(?:&[\w'’.-]+)*"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # a single line break may be a hard wrap


def name_mentions(text: str) -> list[Mention]:
    """Runs of capitalised words ("Owen Pryce", "Mr Pryce", "Pryce's"), titles and
    possessives removed, question and sentence openers ("What", "Did", "Meanwhile") skipped.

    In an all-lowercase text every content word may be a name: each word and each pair of
    neighbouring words is a mention, pairs first, so "michael howard" is tried whole.

    One pass over the words; with no run open, the search jumps to the next word that opens
    with a capital (`_CAPITAL_WORD`): a lowercase word then neither ends nor starts a name,
    and most words of an article are such words (the ingest calls this once per article over
    every word, `written_people`).
    """
    if text[1:] == text[1:].lower():
        return _lowercase_mentions(text)
    mentions: list[Mention] = []
    run: list[re.Match[str]] = []
    pos = 0
    while match := (_WORD if run else _CAPITAL_WORD).search(text, pos):
        pos = match.end()
        word = match.group()
        if not run and not word[:1].isupper():
            continue  # nothing to end and nothing to start
        if not word.strip(".'’-"):
            continue  # punctuation alone is no word; the gap it leaves ends a name below
        lowered = POSSESSIVE.sub("", word).strip(".").lower()
        joins = (
            (word[:1].isupper() and lowered not in NOT_NAMES)
            or (run and lowered in NAME_JOINERS_INSIDE)
            or (run and lowered in TITLES and word[:1].isupper())
        )
        if (
            joins
            and run
            and (gap := text[run[-1].end() : match.start()])
            and (gap.strip() or _PARAGRAPH_BREAK.search(gap))
        ):
            joins = False  # punctuation or a paragraph break between two words ends a name
        if joins and run and _ends_sentence(run[-1].group()):
            joins = False  # "... Ana Vell. The President ...": a full stop ends a name
        if joins:
            run.append(match)
            if POSSESSIVE.search(word) and word[-2:] in ("'s", "’s"):
                mentions.extend(_mention(text, run))
                run = []
            continue
        if run:
            mentions.extend(_mention(text, run))
        run = [match] if word[:1].isupper() and lowered not in NOT_NAMES else []
    if run:
        mentions.extend(_mention(text, run))
    return mentions


def _lowercase_mentions(text: str) -> list[Mention]:
    """An all-lowercase text's mentions: every content word, and every pair of neighbours."""
    words = [m for m in _WORD.finditer(text) if m.group().strip(".'’-")]
    content = [m for m in words if POSSESSIVE.sub("", m.group()).lower() not in NOT_NAMES]
    pairs = [
        Mention(f"{a.group()} {b.group()}", a.start())
        for a, b in zip(content, content[1:], strict=False)
        if text[a.end() : b.start()].strip() == ""
    ]
    return pairs + [Mention(m.group(), m.start()) for m in content]


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no initial ("W.") or title ("Mr.", "Gen."), also
    inside a closing quotation mark ("... ‘Very Good Reporter.’ Billionaire Ana Vell")."""
    word = word.rstrip("'’")
    bare = word.rstrip(".")
    return word.endswith(".") and len(bare) > 1 and bare.lower() not in NOT_SENTENCE_ENDS


def _mention(text: str, run: list[re.Match[str]]) -> list[Mention]:
    """The name in a run of capitalised words, without titles before it."""
    while run and run[-1].group().strip(".").lower() in NAME_JOINERS_INSIDE:
        run = run[:-1]
    if not run:
        return []
    phrase = text[run[0].start() : run[-1].end()]
    name = strip_titles(POSSESSIVE.sub("", phrase).strip("."))
    if not canonical_key(name):
        return []
    return [Mention(name, run[0].start() + phrase.find(name.split()[0]))]


def is_named_speaker(name: str) -> bool:
    """Whether a speaker string reads as a person's or organisation's name.

    Extraction sometimes takes a sentence opener ("Meanwhile Labour"), a phrase ("Filing for"),
    a role without a name ("England captain") or a nationality ("American") as the speaker;
    such strings must not be matched against questions or merged across articles.
    """
    tokens = name.split()
    if not tokens or tokens[0].lower().strip(".,") in NOT_NAME_STARTS:
        return False
    if len(tokens) == 1 and tokens[0].lower() in DEMONYMS:
        return False
    return all(t[:1].isupper() or t.lower() in PARTICLES | NAME_AMPERSANDS for t in tokens)
