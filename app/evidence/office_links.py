"""Who a speaker stored as an office is in one article (`OfficeLinks`).

Why apart from the finder: the link reads the article's quoted and named people and the
speaker index's office holders, none of which a unit or its features need; the finder only
asks it for each article's canonical speakers.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Protocol

from app.speaker_index import ArticlePerson, office_only
from ingest.records import ArticlePlace
from ingest.types import Quote

Places = Callable[[Sequence[str]], Mapping[str, ArticlePlace]]


class Offices(Protocol):
    """Who a stored speaker that is only an office may be (`app.speaker_index.SpeakerIndex`)."""

    def office_holders(self, name: str) -> Collection[str]: ...

    def named_holders(self, name: str, people: Sequence[ArticlePerson]) -> Collection[str]: ...

    def recorded_holder(self, name: str, place: ArticlePlace, places: Places) -> str | None: ...


class OfficeLinks:
    """Who a stored speaker that is only an office ("President", "Head of State") is in one
    article: the one person quoted in that article who holds the office somewhere in the
    store (`SpeakerIndex.office_holders`); when the article quotes no holder, the one person
    its headline or text names who holds it, in the store or by the article's own words
    (`SpeakerIndex.named_holders`); when it names none, the one its source records with the
    office in the same weeks (`SpeakerIndex.recorded_holder`, with `article_places`); else
    the office itself. Extraction leaves the office as the speaker when an article writes it
    for someone named before ("The Head of State noted ..."); linked by the article, those
    are the person's words, found for a question about them and shown as theirs in a
    who-said answer. Per article, never store-wide: most
    articles name only their own president, and one that quotes two presidents does not say
    which the office is (docs/notes/ans22.md). Only a name stored as an office is linked: a
    country stored as the speaker ("Westland said ...") is not its president, though the
    store's names may unify the two (docs/notes/ans25.md)."""

    def __init__(
        self,
        canonical: Callable[[str], str],
        offices: Offices | None,
        article_quotes: Callable[[str], Sequence[Quote]],
        article_people: Callable[[str], Sequence[ArticlePerson]],
        article_places: Places | None = None,
    ) -> None:
        self.canonical = canonical
        self.offices = offices
        self.article_quotes = article_quotes
        self.article_people = article_people
        self.article_places = article_places
        self._quoted: dict[str, frozenset[str]] = {}
        self._people: dict[str, Sequence[ArticlePerson]] = {}
        self._places: dict[str, ArticlePlace | None] = {}

    def in_article(self, article_id: str) -> Callable[[str], str]:
        """The canonical speaker of a stored name in this article."""
        if self.offices is None:
            return self.canonical
        return lambda name: self.speaker(name, article_id)

    def speaker(self, name: str, article_id: str) -> str:
        person = self.canonical(name)
        if self.offices is None or not office_only(name):
            return person
        holders = self.offices.office_holders(person)
        quoted = [p for p in self.quoted_in(article_id) if p in holders] if holders else []
        if not quoted and office_only(person):
            quoted = list(self.offices.named_holders(person, self.people_in(article_id)))
            if not quoted and self.article_places is not None:
                quoted = self.recorded_in(person, article_id, self.article_places)
        return quoted[0] if len(quoted) == 1 else person

    def recorded_in(self, person: str, article_id: str, places: Places) -> list[str]:
        """The office's holder by the article's source and day, read once per article."""
        if article_id not in self._places:
            self._places[article_id] = places([article_id]).get(article_id)
        place = self._places[article_id]
        held = place and self.offices and self.offices.recorded_holder(person, place, places)
        return [held] if held else []

    def quoted_in(self, article_id: str) -> frozenset[str]:
        """Everyone quoted in the article (canonical), read once per question and article."""
        found = self._quoted.get(article_id)
        if found is None:
            quotes = self.article_quotes(article_id)
            found = frozenset(self.canonical(q.speaker) for q in quotes if q.speaker)
            self._quoted[article_id] = found
        return found

    def people_in(self, article_id: str) -> Sequence[ArticlePerson]:
        """The people the article names, read once per question and article."""
        found = self._people.get(article_id)
        if found is None:
            found = self._people[article_id] = self.article_people(article_id)
        return found
