"""Reorders of the ranked evidence units: rules applied after the learned ranker.

The ranker (`app/ranker.py`) scores each unit on its own; these rules look at the ranked list
as a whole for one kind of question each, where the trees' order is known to miss: a follow-up
stays in the story (`story_first`), a question asking a year, a share or a sum leads with a
unit that writes one (`quantity_first`), a who-said question leads with what was said rather
than the story it was said in (`topic_first`) and with someone other than the person it names
(`named_last`). Each moves one unit to the front, only from within a share of the best unit's
probability, so a unit far down the list stays there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import NamedTuple

from app.evidence.features import FEATURES, Candidate
from app.speaker_index import SpeakerIndex
from ingest.speakers.mentions import name_mentions

# In an answer about a person, a passage that is not their own words must score this share of
# the best to be cited, and their own words lead ahead of a better passage within it.
CLOSE_SHARE = 0.6
# A quotation scoring under this share of the best is no rival to it (`named_last`): the three
# below it on the sets read (a tenth of the best and less, ranks 3, 8 and 41) were not the
# asked speaker's words either (docs/notes/ans27.md).
FAR_SHARE = 0.15


class WrittenQuantity(NamedTuple):
    """How a number of one asked kind is written, and which questions of that kind it answers
    (`asked_by` None: every question asking that kind)."""

    written: re.Pattern[str]
    asked_by: re.Pattern[str] | None = None


# How a number of each asked kind is written (`app.quantities` names the kinds): a unit with
# no such number cannot say which year, what share or what sum, however well it holds the
# topic (`quantity_first`). Only kinds whose written form is plain: "how much did it rise?" is
# asked as money and answered in percent, so money only when the question names money or a
# price.
QUANTITY_WRITTEN: dict[str, WrittenQuantity] = {
    "year": WrittenQuantity(re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")),
    "percent": WrittenQuantity(re.compile(r"%|\bper\s?cent\b|\bpercentage\s+points?\b", re.I)),
    "money": WrittenQuantity(
        re.compile(
            r"[$£€¥₴₽]|\b(?:dollars?|euros?|pence|rubles?|roubles?|hryvnias?|yuan|UAH)\b", re.I
        ),
        re.compile(r"\bhow\s+much\s+(?:money|cash|funding)\b|\b(?:price|cost|fee|salary)\b", re.I),
    ),
}
# A unit of the best unit's article that writes the kind asked leads from this share of the
# best's probability. Replayed on main's ranking of the dev sets and fit pools read: from 0.3
# up, 16 such units held the evidence the best had missed and 4 did not, and no best that
# held it was passed over; 2 more held it at 0.11 and 0.12 (docs/notes/ans28.md). Half
# `CLOSE_SHARE`: a unit far down a long transcript stays there.
QUANTITY_SHARE = 0.3
# A follow-up is asked about the story so far: the best unit from an article the previous
# answer cited leads when it scores at least this share of the best unit (`story_first`). A
# fixed prior, not a fitted weight: every generated follow-up is drawn from its first
# question's article, so a weight fitted on dev would say "always stay in the story"; as a near
# tie-break a follow-up whose words are only in another article is still answered from there.
# Held out on dev follow-ups, docs/notes/rank17.md.
STORY_SHARE = 0.8
_PREVIOUS_ARTICLE = FEATURES.index("previous_article")


def story_first(ranked: list[Candidate], share: float) -> list[Candidate]:
    """The best unit of the story the conversation is in (`previous_article`) leads when it
    scores at least `share` of the best unit; otherwise the order stands, so a follow-up
    answered only in another article is answered from it (`STORY_SHARE` says why a prior)."""
    if not ranked or ranked[0].features[_PREVIOUS_ARTICLE]:
        return ranked
    floor = share * ranked[0].score
    lead = next((c for c in ranked if c.features[_PREVIOUS_ARTICLE] and c.score >= floor), None)
    return ranked if lead is None else [lead, *(c for c in ranked if c is not lead)]


def quantity_first(
    ranked: list[Candidate], question: str, quantity: str | None, share: float
) -> list[Candidate]:
    """For a question asking a year, a percentage or a sum of money (`QUANTITY_WRITTEN`), when
    the best unit writes no number of that kind, the best unit of the same article that writes
    one leads if it scores at least `share` of the best: "Which year is given for exports in
    the report on Westland's trade?" found the right article but led with its sentence on
    December's exports in dollars, and the year sat in the sentence after it (the right
    article, the wrong first unit, docs/notes/ans28.md). Within the article only: another
    article's year is another story."""
    kind = QUANTITY_WRITTEN.get(quantity or "")
    best = ranked[0] if ranked else None
    if kind is None or best is None or kind.written.search(best.unit.text):
        return ranked
    if kind.asked_by is not None and not kind.asked_by.search(question):
        return ranked
    floor = share * best.score
    article = best.unit.chunk.article_id
    lead = next(
        (
            c
            for c in ranked
            if c.unit.chunk.article_id == article
            and c.score >= floor
            and kind.written.search(c.unit.text)
        ),
        None,
    )
    return ranked if lead is None else [lead, *(c for c in ranked if c is not lead)]


def topic_first(
    ranked: list[Candidate], share: Callable[[str], float], named: Collection[str]
) -> list[Candidate]:
    """For a who-said question that names the story ("Who talked about X in connection with
    Y?", `app.question_story`): among the quotations that score within `CLOSE_SHARE` of the best,
    the one holding the largest `share` of X, what was said, leads when it holds more than
    the best. Y is the article's headline or subject, and a quotation holding only Y's words
    outranked the one about X ("Westland stands with the families" for "Who was quoted on the
    ferry levy in the story about the families?"); with every unit scored on X alone, answers
    lost the article Y finds (docs/notes/q26.md), so Y still ranks and X reorders the close.
    The words of a person the question names are not brought back: X often is that person
    (`named_last`), so their words hold the most of X ("Who talked about Westland Watch in
    connection with the district?" led again with the group's reported plans)."""
    best = ranked[0] if ranked else None
    if best is None:
        return ranked
    floor = CLOSE_SHARE * best.score
    close = [
        c for c in ranked if c.unit.speaker and c.unit.speaker not in named and c.score >= floor
    ]
    lead = max(close, key=lambda c: share(c.unit.text), default=best)
    if share(lead.unit.text) <= share(best.unit.text):
        return ranked
    return [lead, *(c for c in ranked if c is not lead)]


def named_people(question: str, index: SpeakerIndex) -> set[str]:
    """The speakers a question names by name ("Reed" is every Reed quoted), not by office."""
    return {name for m in name_mentions(question) for name in index.resolve(m.text, fuzzy=False)}


def named_last(ranked: list[Candidate], named: Collection[str]) -> list[Candidate]:
    """For a who-said question, the best unit of someone the question does not name leads
    when the best is the words of someone it names: a person named in "Who spoke about Tom
    Reed's plan?" is what was spoken about, not who spoke (no who-said question of the dev
    sets and fit pools, generated or hand-written, names its speaker; the best unit was the
    named person's own words in 3 of 23 who-said misses on PolNeAR and press dev,
    docs/notes/ans25.md). Past a quotation of the named person, anyone's words scoring close
    to the best (`CLOSE_SHARE`) lead: a question read as who-said that asks the named person's
    own words ("What did Reed want the council to look at?") was answered with a far weaker
    quote of someone else (hand-written press dev). Past a report of what the named person
    said, only a quotation leads, from further down (`FAR_SHARE`): the report is the article's
    sentence about the named person, which outscores the quoted reply it reports on ("Who
    talked about Westland Watch in connection with the district?" first found the group's
    reported plans, not its spokesman's quotation: 3 of 32 who-said misses on PolNeAR dev
    and fit, docs/notes/ans27.md), while another report may be the sentence naming the source
    asked about ("..., Westland Watch first reported": such reports lost 3 answers on
    PolNeAR fit when passed over, ans25). Unchanged when nobody else is quoted that close."""
    best = ranked[0] if ranked else None
    if best is None or best.unit.speaker not in named:
        return ranked
    floor = (CLOSE_SHARE if best.unit.quoted else FAR_SHARE) * best.score
    lead = next(
        (
            c
            for c in ranked
            if c.unit.speaker
            and c.unit.speaker not in named
            and (best.unit.quoted or c.unit.quoted)
            and c.score >= floor
        ),
        None,
    )
    return ranked if lead is None else [lead, *(c for c in ranked if c is not lead)]
