"""Whether a speaker fits the description a who-said question gives them.

"Which Harbour United striker expected to be blamed if the team went out?" names no one, but it
says what the speaker is: of the quotations that fit the words, the answer is one whose speaker
the articles call a striker ("Harbour United striker Tomas Orvel"), not the rival captain quoted
on the same match. The description's head noun ("striker", "backbencher", "founder") is looked
for in the speaker's recorded role and next to each mention of their name in the article that
quotes them, where news introduces a speaker ("Green backbencher Ann Vell", "the bakery chain's
founder Piet Marlo").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence

from app.evidence.features import Candidate
from app.lexicon_questions import LEXICON
from app.speaker_index import SpeakerIndex
from ingest.speakers.mentions import name_mentions

# How far from a mention of the speaker's name the description may stand (characters): a title
# before the name in the same sentence, or an apposition after it up to its comma.
DESCRIPTION_WINDOW = 80
# How many of the best-ranked quotations may be moved ahead of the best one for fitting the
# description: a quotation further down does not fit the question's words well enough.
DESCRIBED_POOL = 10
# Capitalised words other than the person's own name that may stand between a description
# and the name it introduces: given names an article writes and the index does not keep
# ("Harbour City boss Tom Reed" for a speaker stored as "Reed").
GIVEN_NAMES = 2
_WORD = re.compile(r"[\w'’-]+")
_TOKEN = re.compile(r"[\w'’-]+|[.;:!?]")
_SENTENCE_END = frozenset(".;:!?")


def described_words(description: str) -> frozenset[str]:
    """Every word an office asked for must find beside its holder's name: "the Manchester City
    boss" -> {manchester, city, boss}; "the spokesman for the Munich prosecutor" -> {spokesman,
    munich, prosecutor}. The head noun alone fits every boss the same article quotes."""
    words = _words(description) - LEXICON["description_joiner"]
    return frozenset(words)


def head_noun(description: str) -> str:
    """The noun a description ends in, singular, without a possessive: "bakery chain's
    founder" -> "founder", "Green backbenchers" -> "backbencher"."""
    words = _WORD.findall(description.lower())
    return _singular(words[-1]) if words else ""


def fits(
    words: Collection[str],
    speaker: str,
    role: str | None,
    texts: Iterable[str],
    introduced: bool = False,
) -> bool:
    """The speaker's role holds all the words, or an article text does next to their name:
    anywhere in the window before it, or with `introduced`, only in the words that introduce
    the name (`_introduction`). An office of several words needs that: within 80 characters
    a sentence names more people than the one it calls "Newcastle boss"; a who-said
    question's one head noun keeps the window, which also reaches a headline ("Parmalat
    founder offers apology") a chunk of the article starts after."""
    if not words:
        return False
    if role and set(words) <= _words(role):
        return True
    surname = re.compile(rf"\b{re.escape(speaker.split()[-1])}\b(, )?")
    for text in texts:
        for mention in surname.finditer(text):
            before = text[max(0, mention.start() - DESCRIPTION_WINDOW) : mention.start()]
            # after the name only as an apposition ("Vell, a Green backbencher,"), never
            # the words of the quotation that follows it
            after = text[mention.end() : mention.end() + DESCRIPTION_WINDOW] if mention[1] else ""
            near = (
                _introduction(before, words, _words(speaker))
                if introduced
                else _words(before.split(".")[-1])
            )
            if set(words) <= near | _words(after.split(",")[0]):
                return True
    return False


def _introduction(before: str, words: Collection[str], name: Collection[str] = ()) -> set[str]:
    """The words that introduce the name right after `before`: back from the name over
    capitalised words (its given names, a club, a party) and the description's own words and
    joiners, to the first other word. "Newcastle boss Graeme" introduces Souness; "his dispute
    with Craig" does not make Bellamy the Newcastle boss named earlier in the sentence.
    Between the description and the name stand only the person's `name` words, initials and
    at most `GIVEN_NAMES` other capitalised words: a headline in title case ("Vell Under
    Pressure To Repudiate General Who Called For Curfews Ana Vell") is all capitalised
    words, and does not call Vell the General."""
    introduced: set[str] = set()
    tokens = _TOKEN.findall(before)
    given = 0  # capitalised words not of the name, before the description's first word
    for n in range(len(tokens) - 1, -1, -1):
        token = tokens[n]
        word = _singular(token.lower())
        initial = token == "." and n > 0 and len(tokens[n - 1]) == 1 and tokens[n - 1].isupper()
        if initial or (len(token) == 1 and token.isupper()):
            continue  # "Bob K. Hale": an initial is part of the name
        if token in _SENTENCE_END or not (
            token[:1].isupper() or word in words or word in LEXICON["description_joiner"]
        ):
            break
        if not introduced & set(words) and word not in words and word not in name:
            given += 1
            if given > GIVEN_NAMES:
                break
        introduced.add(word)
    return introduced


def described_first(
    ranked: Sequence[Candidate],
    description: str,
    index: SpeakerIndex,
    article_text: Callable[[str], str],
) -> list[Candidate]:
    """`ranked` with the best quotation whose speaker fits the description moved to the front,
    when the best one's speaker does not; unchanged when none of the first `DESCRIBED_POOL`
    fits (the articles may describe the speaker in other words)."""
    head = head_noun(description)
    checked: dict[tuple[str, str], bool] = {}

    def speaker_fits(candidate: Candidate) -> bool:
        speaker, article_id = candidate.unit.speaker, candidate.unit.chunk.article_id
        if not speaker:
            return False
        if (speaker, article_id) not in checked:
            info = index.info(speaker)
            role = info.role if info else None
            text = article_text(article_id)
            checked[speaker, article_id] = fits({head} if head else (), speaker, role, [text])
        return checked[speaker, article_id]

    pool = list(ranked[:DESCRIBED_POOL])
    if not pool or speaker_fits(pool[0]):
        return list(ranked)
    for n, candidate in enumerate(pool[1:], 1):
        if speaker_fits(candidate):
            return [candidate, *ranked[:n], *ranked[n + 1 :]]
    return list(ranked)


def described_speakers(
    ranked: Sequence[Candidate],
    description: str,
    index: SpeakerIndex,
    article_text: Callable[[str], str],
) -> list[str]:
    """The speakers of the best-ranked units, and the quoted people those units name in full,
    whose articles introduce them in all the words of the description ("Manchester City boss
    Kevin Keegan", "Anton Winkler, a spokesman for the Munich prosecutor's office,"), best
    first: who "the Manchester City boss" is when no quotation recorded that role. A report
    ("Newcastle boss Graeme Souness is lining up a move ...") names the holder as often as
    the holder's own words come up."""
    words = described_words(description)
    found: list[str] = []
    for candidate in ranked[:DESCRIBED_POOL]:
        unit = candidate.unit
        for speaker in _people_of(unit.speaker, unit.text, index):
            if speaker in found:
                continue
            info = index.info(speaker)
            role = info.role if info else None
            if fits(words, speaker, role, [article_text(unit.chunk.article_id)], True):
                found.append(speaker)
    return found


def _people_of(speaker: str | None, text: str, index: SpeakerIndex) -> list[str]:
    """A unit's speaker, then the quoted people its text names in full (a one-word mention is
    as often a club or a country)."""
    people = [speaker] if speaker else []
    for mention in name_mentions(text):
        if " " in mention.text:
            people += index.resolve(mention.text, fuzzy=False)[:1]
    return people


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORD.findall(text.lower())}


def _singular(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("’s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
