"""Who speaks in the store: canonical speakers across articles, their aliases, roles and counts.

Built from counts of the stored quotes' speakers, roles and articles (kept per article by the
records file, no quote text read) when the store changes, and stored in the records file as
JSON (`to_json`), so a process opening an unchanged store reads it back (`from_json`) instead
of building it again; names are
unified across articles by `ingest.speakers.unify.unify_speakers` ("Reed" in one article and
"Tom Reed" in another are one speaker). Names in questions are resolved by
`ingest.speakers.matching.match_name`, whose ordered rules keep one person from standing in
for another.
"""

from __future__ import annotations

import difflib
import json
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ingest.quoting.lexicon import BARE_OFFICES, DETERMINERS, ORG_HEADS, ROLE_WORDS, split_words
from ingest.records import ArticlePlace, SpeakerRow, SpeakerTotal
from ingest.speakers.keys import POSSESSIVE, canonical_key, comparison_words, surname
from ingest.speakers.lexicon import DEMONYMS, OFFICE_HEADS, ROLE_TIME_WORDS, STOP_WORDS
from ingest.speakers.matching import CLOSE_SPELLING, NameForm, match_name
from ingest.speakers.mentions import is_named_speaker, name_mentions
from ingest.speakers.offices import (
    is_office,
    role_head,
    role_keywords,
    role_matches,
    role_phrase_variants,
    same_office,
    same_word,
)
from ingest.speakers.recorded_roles import usable_role
from ingest.speakers.unify import NAMING_VERSION, unify_speakers
from ingest.speakers.written_people import written_people
from ingest.types import Quote

# Bodies of state: "President of the Russian Federation", "of the Kyrgyz Republic" is the
# country's own office, while any other body a holder presides over is another office.
STATE_WORDS = frozenset(split_words("republic federation kingdom emirates states confederation"))
# Words of a body, a rank or a staff post: "President of the European Parliament", "club
# president", "Vice President", "Aide to the President" and "Head of the President's Office"
# hold no bare office ("the President", "the head of state").
BODY_WORDS = (ORG_HEADS - STATE_WORDS) | frozenset(
    split_words("club team firm campaign league parliament chamber academy media network")
)
OTHER_RANK_WORDS = frozenset(split_words("vice deputy assistant acting former ex shadow first"))
# Who a bare office is in an article that names nobody holding it ("The President's message
# reads ..."): the person the store records with that office in more than this share of the
# articles of the same source within this many days, and in at least this many of them.
HOLDER_WINDOW_DAYS = 30
HOLDER_SHARE = 0.5
HOLDER_MIN_ARTICLES = 2


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    quotes: int
    articles: int
    role: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class RoleHolder:
    """Someone quoted in a role: the answer picks among holders by the articles that fit the
    question's topic (a role changes hands: "the Chancellor" of 2005 is not that of 2022)."""

    name: str
    role: str
    article_ids: tuple[str, ...]
    quotes: int


class HeldOn(NamedTuple):
    """One article of one source that records `name` with an office, by its day's ordinal."""

    name: str
    day: int


class SpeakerIndex:
    def __init__(self, quotes: Iterable[tuple[Quote, str]]) -> None:
        self._build(speaker_rows(quotes))

    @classmethod
    def from_rows(cls, rows: Iterable[SpeakerRow]) -> SpeakerIndex:
        """Built from quote counts (the store's `GROUP BY`), without reading any quote."""
        index = cls.__new__(cls)
        index._build(rows)
        return index

    def _build(self, rows: Iterable[SpeakerRow]) -> None:
        rows = list(rows)
        self._canonical = unify_speakers(r.speaker for r in rows for _ in range(r.quotes))
        self._by_surname = _by_surname(self._canonical)
        self._members: dict[str, set[str]] = {}
        self._info: dict[str, SpeakerInfo] = {}
        self._first: dict[str, int] = {}  # canonical name -> its first quote row
        self._derive(self._add(rows))

    def _add(self, rows: Sequence[SpeakerRow]) -> list[RoleHolder]:
        """Aggregate every row of some canonical speakers (first seen first) into their
        members, info and first rows; returns their role holders."""
        members: dict[str, set[str]] = defaultdict(set)
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        articles: dict[str, set[str]] = defaultdict(set)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        role_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
        aliases: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            name = self._canonical.get(row.speaker, row.speaker)
            members[name].add(row.speaker)
            counts[name] += row.quotes
            first.setdefault(name, row.first)
            articles[name].add(row.article_id)
            if role := usable_role(row.role):
                roles[name][role] += row.quotes
                role_articles[(name, role)].add(row.article_id)
            written = row.speaker_as_written
            if written and canonical_key(written) and is_named_speaker(written):
                aliases[name].add(written)
        for name in counts:
            self._members[name] = members[name]
            self._first[name] = first[name]
            self._info[name] = SpeakerInfo(
                name=name,
                quotes=counts[name],
                articles=len(articles[name]),
                role=roles[name].most_common(1)[0][0] if roles[name] else None,
                aliases=tuple(sorted(aliases[name] | members[name] - {name})),
            )
        return [
            RoleHolder(name, role, tuple(sorted(ids)), roles[name][role])
            for (name, role), ids in role_articles.items()
        ]

    def updated(
        self,
        changed: Collection[str],
        totals: Callable[[Sequence[str]], Mapping[str, SpeakerTotal]],
        rows_of: Callable[[Sequence[str]], list[SpeakerRow]],
    ) -> SpeakerIndex:
        """A new index: this one after the counts of the stored speaker names `changed` moved
        (an ingest, a replaced or deleted article), reading only what that can alter.

        Names are unified within a surname, so only the names sharing a surname with a
        changed one are unified again (`totals`: their quotes and first rows now), and only
        the canonical speakers those names belonged to or belong to now are aggregated again
        (`rows_of`: every count row of their names). The result equals a build from all
        rows (`tests/fast/test_speaker_store_fast.py`)."""
        surnames = {surname(name) for name in changed}
        grouped = (n for key in surnames for n in self._by_surname.get(key, ()))
        names = list(dict.fromkeys([*grouped, *changed]))
        found = totals(names)
        ordered = sorted(found, key=lambda name: found[name].first)
        unified = unify_speakers(n for n in ordered for _ in range(found[n].quotes))
        touched = {self._canonical.get(n, n) for n in names}
        touched |= {unified.get(n, n) for n in found}
        index = SpeakerIndex.__new__(SpeakerIndex)
        gone = set(names)
        index._canonical = {n: c for n, c in self._canonical.items() if n not in gone}
        index._canonical.update(unified)
        index._by_surname = {k: v for k, v in self._by_surname.items() if k not in surnames}
        index._by_surname.update(_by_surname(unified))
        index._members = {n: m for n, m in self._members.items() if n not in touched}
        index._info = {n: i for n, i in self._info.items() if n not in touched}
        index._first = {n: f for n, f in self._first.items() if n not in touched}
        kept = [h for h in self._role_holders if h.name not in touched]
        members = [n for n, c in index._canonical.items() if c in touched]
        members += [n for n in found if n not in unified]  # names unify leaves as they are
        added = index._add(rows_of(members))
        order = sorted(index._info, key=index._first.__getitem__)  # first seen first, as built
        index._info = {name: index._info[name] for name in order}
        index._derive([*kept, *added])
        return index

    def _derive(self, holders: Iterable[RoleHolder]) -> None:
        """The lookup tables over `_info` and the role holders (cheap: one pass over the
        speakers, not over the store's quotes)."""
        # Every written form of a named speaker by the last word of its key, so a name in a
        # question meets only the few forms that share its surname (a scan of every name cost
        # about a second per question on 12k BBC quotes).
        self._forms_by_surname: dict[str, list[NameForm]] = defaultdict(list)
        for name, info in self._info.items():
            if not is_named_speaker(name):
                continue  # "a judge" in one article is not "the judge" of another
            for form in {name, *info.aliases}:
                key = canonical_key(form)
                if key and is_named_speaker(form):  # never an alias "He"
                    self._forms_by_surname[key.rsplit(" ", 1)[-1]].append(NameForm(form, name))
        # Fuzzy spelling only compares surnames whose length allows a 0.8 difflib ratio
        # (2 * shorter / total >= 0.8, looser than CLOSE_SPELLING): the same matches as
        # scanning all of them, ~10x fewer.
        self._surnames_by_length: dict[int, list[str]] = defaultdict(list)
        for key in sorted(self._forms_by_surname):
            self._surnames_by_length[len(key)].append(key)
        self._close: dict[str, list[str]] = {}
        self._role_holders = sorted(holders, key=lambda h: (h.name, h.role))
        self._holders: dict[str, list[RoleHolder]] = defaultdict(list)
        self._roles_of: dict[str, set[str]] = defaultdict(set)
        for holder in self._role_holders:
            # Under the words a question's role phrase is looked up by (`role_keywords`): a
            # name's key drops leading offices ("Head of the Office of the President" keys as
            # "president"), which left "the head of the President's Office" holding nobody.
            words = {w.rstrip("s") for w in canonical_key(holder.role).split()}
            for word in words | role_keywords(holder.role):
                self._holders[word].append(holder)
            self._roles_of[holder.name].add(holder.role)
        # The people named in full who hold the office a stored speaker only is ("President",
        # "Head of State"): filled on first use (`office_holders`).
        self._office_holders: dict[str, frozenset[str]] = {}
        # Per office-only speaker and source: its holders' articles there (`recorded_holder`).
        self._held_in: dict[tuple[str, str], list[HeldOn]] = {}

    def to_json(self) -> bytes:
        """What the index was built into (not the lookup tables `_derive` makes from it), for
        the records file: JSON, so reading it back runs no code of the file's."""
        state = {
            "version": NAMING_VERSION,
            "canonical": {
                key: {name: self._canonical[name] for name in sorted(names)}
                for key, names in sorted(self._by_surname.items())
            },
            "members": {name: sorted(self._members[name]) for name in self._info},
            "info": [
                [i.name, i.quotes, i.articles, i.role, list(i.aliases), self._first[i.name]]
                for i in self._info.values()
            ],
            "holders": [
                [h.name, h.role, list(h.article_ids), h.quotes] for h in self._role_holders
            ],
        }
        return json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> SpeakerIndex:
        """The index `to_json` wrote; ValueError if `data` is not such an index, or one built
        by other naming rules (an upgrade must not keep the old merges)."""
        try:
            state = json.loads(data)
            if state["version"] != NAMING_VERSION:
                raise ValueError(f"built by naming rules {state['version']}")
            index = cls.__new__(cls)
            grouped = state["canonical"]
            index._canonical = {n: c for names in grouped.values() for n, c in names.items()}
            index._by_surname = {key: list(names) for key, names in grouped.items()}
            index._members = {n: set(m) for n, m in state["members"].items()}
            index._info, index._first = {}, {}
            for name, quotes, articles, role, aliases, first in state["info"]:
                index._info[name] = SpeakerInfo(name, quotes, articles, role, tuple(aliases))
                index._first[name] = int(first)
            holders = [RoleHolder(n, r, tuple(ids), q) for n, r, ids, q in state["holders"]]
        except (TypeError, KeyError, AttributeError, UnicodeDecodeError, ValueError) as exc:
            raise ValueError(f"not a stored speaker index ({exc})") from exc
        index._derive(holders)
        return index

    def __len__(self) -> int:
        return len(self._info)

    def speakers(self) -> list[SpeakerInfo]:
        return sorted(self._info.values(), key=lambda s: (-s.quotes, s.name))

    def info(self, name: str) -> SpeakerInfo | None:
        return self._info.get(self.canonical(name))

    def canonical(self, name: str) -> str:
        return self._canonical.get(name, name)

    def members(self, name: str) -> list[str]:
        """The names as stored on quotes (Chroma `speaker` values) for one canonical speaker."""
        return sorted(self._members.get(self.canonical(name), {name}))

    def resolve(self, mention: str, fuzzy: bool = True) -> list[str]:
        """The canonical speakers one written name can be, most quoted first.

        An exact name or alias wins over a surname, a surname needs a compatible first name,
        and a close spelling (only with `fuzzy`) is tried only when nobody has the surname. A
        bare surname ("Miller") is everyone who carries it: that one article wrote "Miller"
        or "Mr Miller" for one of them makes the surname their alias, which must not hide
        the other Millers from a question that only the other one's words answer.
        """
        last = surname(mention)
        if not last:
            return []
        forms = list(self._forms_by_surname.get(last, ()))
        if forms and canonical_key(mention) == last:
            found = {f.name for f in forms if surname(f.name) == last}
            return sorted(found, key=lambda n: (-self._info[n].quotes, n))
        if not forms and fuzzy:
            forms = [
                f for close in self._close_surnames(last) for f in self._forms_by_surname[close]
            ]
        found = {m.name for m in match_name(mention, forms)}
        return sorted(found, key=lambda n: (-self._info[n].quotes, n))

    def role_holders(self, phrase: str, as_asked: bool = False) -> list[RoleHolder]:
        """Everyone quoted in a role that `phrase` ("the Westland spokesman") names: people named
        in full first (a one-word or lowercase "speaker" of a role is extraction debris), then the
        most quoted in it; one entry per person, under the role they held most often. A
        shadow or former office is another office; words of time are no part of it; another
        head for the same holder ("boss" for "manager"), then the office without a nationality
        (held where no other place is written: `_held_there`), is tried when nobody named in
        full holds it as asked (debris is the last resort); with `as_asked`, only the office
        as asked. A country's leader is its president or prime minister when nobody is
        recorded as its "leader" (`country_leader_forms`), as asked too.
        """
        debris: list[RoleHolder] = []
        variants = role_phrase_variants(phrase)
        leaders = country_leader_forms(variants[0])
        tried = [variants[0], *leaders, *([] if as_asked else variants[1:])]
        for variant in tried:
            best: dict[str, RoleHolder] = {}
            for word in role_keywords(variant):
                for holder in self._holders.get(word, ()):
                    if self._holds_as_asked(variant, holder) and _held_there(
                        phrase, variant, holder
                    ):
                        known = best.get(holder.name, holder)
                        top = holder if holder.quotes > known.quotes else known
                        ids = tuple(sorted({*holder.article_ids, *known.article_ids}))
                        best[holder.name] = RoleHolder(top.name, top.role, ids, top.quotes)
            found = sorted(best.values(), key=lambda h: (not _full_name(h.name), -h.quotes, h.name))
            if found and _full_name(found[0].name):
                return found
            debris = debris or found
        return debris

    def office_holders(self, name: str) -> frozenset[str]:
        """The people named in full who hold, somewhere in the store, the office that a stored
        speaker `name` only is ("President", "Ukrainian President", "Head of State"); empty
        for anyone else. Extraction leaves such a speaker when an article writes the office
        for someone it named before ("The Head of State noted ..."): its quotes are the words
        of the one holder quoted in the same article, which only the article can tell (a
        store-wide link gave one president's words to another, docs/notes/ans22.md), so the link
        itself is made per article (`app.evidence.office_links.OfficeLinks`)."""
        found = self._office_holders.get(name)
        if found is None:
            found = frozenset()
            if office_only(name) and name in self._info:
                # As asked: "Westland leader" without its place is every leader.
                holders = self.role_holders(name, as_asked=True)
                found = frozenset(h.name for h in holders if person_named(h.name))
            self._office_holders[name] = found
        return found

    def named_holders(self, name: str, people: Sequence[ArticlePerson]) -> frozenset[str]:
        """The people an article names (`article_people`) who hold the office that a stored
        speaker `name` only is: somewhere in the store (`office_holders`), or in the article's
        own words beside the name ("Tom Reed, the President of Westland"). Canonical when the
        store quotes them, else as written. An article that quotes its president only as "the
        President of Westland" ("The President of Westland noted ...") still names him in its
        text ("Tom Reed informed the leaders ..."), while no holder is quoted there by name
        (docs/notes/ans25.md); empty for anyone but an office-only speaker."""
        if not (office_only(name) and name in self._info):
            return frozenset()
        holders = self.office_holders(name)
        found: set[str] = set()
        for person in people:
            known = self.resolve(person.name, fuzzy=False)
            held = [n for n in known if n in holders]
            if len(held) == 1:
                found.add(held[0])
            elif any(holds_office(name, office) for office in person.offices):
                found.add(known[0] if len(known) == 1 else person.name)
        return frozenset(found)

    def recorded_holder(
        self,
        name: str,
        place: ArticlePlace,
        places: Callable[[Sequence[str]], Mapping[str, ArticlePlace]],
    ) -> str | None:
        """Who an office-only speaker `name` is in an article published at `place` that
        names no holder: the person the store records with the office (`role_holders`, as
        asked) in most articles of the same source within `HOLDER_WINDOW_DAYS`: more than
        `HOLDER_SHARE` of them and at least `HOLDER_MIN_ARTICLES`; else None. Issue 17's
        role resolution in context: a source's releases write "the President" for the
        holder its other releases of those weeks name with that office, never a name the
        article's own lead happens to carry (docs/notes/att34.md); a source that records
        several holders alike in those weeks decides nothing. `places` reads the source and
        day of stored articles."""
        if place.source is None or (day := _ordinal(place.day)) is None:
            return None
        if not (office_only(name) and name in self._info):
            return None
        held = self._held_in.get((name, place.source))
        if held is None:
            held = self._held_in[(name, place.source)] = self._held_by_source(
                name, place.source, places
            )
        near = Counter(h.name for h in held if abs(h.day - day) <= HOLDER_WINDOW_DAYS)
        if not near:
            return None
        (top, count), total = near.most_common(1)[0], sum(near.values())
        return top if count >= HOLDER_MIN_ARTICLES and count > HOLDER_SHARE * total else None

    def _held_by_source(
        self,
        name: str,
        source: str,
        places: Callable[[Sequence[str]], Mapping[str, ArticlePlace]],
    ) -> list[HeldOn]:
        """The dated articles of `source` in which a person named in full is recorded with
        the office `name` is."""
        holders = [h for h in self.role_holders(name, as_asked=True) if person_named(h.name)]
        found = places(sorted({i for h in holders for i in h.article_ids}))
        held: list[HeldOn] = []
        for holder in holders:
            for article_id in holder.article_ids:
                place = found.get(article_id)
                day = _ordinal(place.day) if place and place.source == source else None
                if day is not None:
                    held.append(HeldOn(holder.name, day))
        return held

    def _holds_as_asked(self, phrase: str, holder: RoleHolder) -> bool:
        """The holder's role is the office asked, and no other role of theirs is its shadow or
        former version: news shortens "shadow chancellor Oliver Letwin" to "the chancellor"
        in the next paragraph, never the other way round, so a person recorded in both holds
        the shadow office."""
        if not holds_office(phrase, holder.role):
            return False
        return not any(
            role_matches(phrase, role) and not same_office(phrase, role)
            for role in self._roles_of.get(holder.name, ())
        )

    def bare_surname_speakers(self, mention: str) -> list[str]:
        """One-word speakers whose word is the surname of a full name nobody carries ("Quint"
        for "Tobias Quint"): never the answer, since the index does not link them, but worth
        offering; the article may simply never have given the first name."""
        if " " not in canonical_key(mention):
            return []
        forms = self._forms_by_surname.get(surname(mention), ())
        return sorted({f.name for f in forms if " " not in canonical_key(f.name)})

    def find(self, text: str) -> list[str]:
        """Canonical speakers that `text` refers to, in the order it mentions them."""
        found: list[str] = []
        resolved: list[tuple[int, int]] = []
        for mention in name_mentions(text):
            span = (mention.start, mention.start + len(mention.text))
            if any(s < span[1] and span[0] < e for s, e in resolved):
                continue  # "michael" after "michael howard" was resolved whole
            names = self.resolve(mention.text, fuzzy=mention.text[:1].isupper())
            if mention.text.islower() and " " not in mention.text:
                # A lowercase word is a name only as a person's surname ("pryce" typed for Owen
                # Pryce): a one-word speaker is often a common word ("Music", "Judges"), and a
                # question without names reads as all lowercase ("Is he giving up music?").
                names = [n for n in names if " " in n]
            if names:
                resolved.append(span)
            found.extend(n for n in names if n not in found)
        words = {canonical_key(w) for w in text.split()} - {""}
        for word in {w.rstrip("s") for w in words}:
            for holder in self._holders.get(word, ()):
                role_words = canonical_key(holder.role).split()
                if holder.name not in found and all(w in words for w in role_words):
                    found.append(holder.name)
        lowered = text.lower()

        def position(name: str) -> tuple[int, int, bool]:
            """Where the question names this speaker; at a tie the longer mention wins, so
            "the Westland spokesman" is Hale rather than Westland itself, then a named person, so
            "the Chancellor" is Ida Vale rather than a quote left to "shadow chancellor"."""
            info = self._info[name]
            forms = [name, *self._members[name], *info.aliases, *([info.role] if info.role else [])]
            best = (len(text), 0)
            for form in forms:
                words = form.lower().split()
                if form == info.role and all(_word_at(lowered, w) >= 0 for w in words):
                    best = min(best, (_word_at(lowered, words[0]), -len(words)))
                elif words and (at := _word_at(lowered, words[-1])) >= 0:
                    best = min(best, (at, -1))
            return (*best, not is_named_speaker(name))

        return sorted(found, key=position)

    def _close_surnames(self, word: str) -> list[str]:
        """Surnames spelled like `word` (CLOSE_SPELLING), cached: questions repeat words."""
        cached = self._close.get(word)
        if cached is None:
            n = len(word)
            lengths = range(-(-2 * n // 3), 3 * n // 2 + 1)
            pool = [key for length in lengths for key in self._surnames_by_length.get(length, ())]
            cached = difflib.get_close_matches(word, pool, n=3, cutoff=CLOSE_SPELLING)
            if len(self._close) < 100_000:  # bounded; the index is rebuilt with the store
                self._close[word] = cached
        return cached


# A country's leader in news is its head of state, else its head of government: "the Westland
# leader" (asked, or a stored office-only speaker) whom no quote records in those words is the
# person recorded as Westland's president, else its prime minister, tried in this order.
COUNTRY_LEADER_OFFICES = ("President", "Prime Minister")
LEADER_HEADS = frozenset(split_words("leader"))


def country_leader_forms(phrase: str) -> list[str]:
    """The phrase with its head "leader" put as each of `COUNTRY_LEADER_OFFICES` ("the Westland
    leader" -> "the Westland President", "the Westland Prime Minister"), when a word besides
    the head says whose leader it is; else none (a bare "the leader" is no country's). The
    place must then be in the holder's role (`role_matches`), so a party's "leader" asked
    this way finds a president only where a role names that party."""
    head = role_head(phrase)
    if head not in LEADER_HEADS:
        return []
    words = phrase.split()
    heads = [n for n, w in enumerate(words) if _plain_words(w) == [head]]
    if not heads:
        return []
    content = [w for w in comparison_words(phrase) if w not in STOP_WORDS | ROLE_TIME_WORDS]
    if len(content) < 2:
        return []
    at = heads[0]
    return [" ".join([*words[:at], office, *words[at + 1 :]]) for office in COUNTRY_LEADER_OFFICES]


def _held_there(phrase: str, variant: str, holder: RoleHolder) -> bool:
    """A holder found once the phrase's nationality is dropped ("the Westland defence
    minister" -> "defence minister") holds the office there only when the role names no
    other place or office: "Defence Minister" in a ministry's own release does, "Norland
    Defence Minister" and "President of Norland" never hold a Westland office."""
    asked = set(comparison_words(variant))
    if not (set(comparison_words(phrase)) - asked) & DEMONYMS:
        return True
    words = [w for w in comparison_words(holder.role) if w not in STOP_WORDS | STATE_WORDS]
    return all(any(same_word(w, a) for a in asked) for w in words)


def holds_office(phrase: str, role: str) -> bool:
    """A role is the office a phrase names: the same head and words (`role_matches`: a staff
    post's head is its own word, so "Aide to the President" holds no "the President"), not
    its shadow or former version, not another body's or rank's of the same head
    (`holds_bare_office`)."""
    if not (role_matches(phrase, role) and same_office(phrase, role)):
        return False
    return holds_bare_office(phrase, role)


class ArticlePerson(NamedTuple):
    """A person an article names in full, with the offices it writes beside the name: before
    it ("President of Westland Tom Reed") or after it between commas ("Tom Reed, the
    President of Westland,")."""

    name: str
    offices: tuple[str, ...]


# What `article_people` keeps of the articles it read lately, in characters of their texts
# (the cache's memory: a few MB). A question whose candidates hold an office-only speaker
# ("President") reads each of their articles' names, 1-20 ms an article, and the next
# question (a follow-up, another about the same event) meets the same articles again.
PEOPLE_CACHE_CHARS = 4_000_000


class _PeopleCache:
    """Headline and text -> the people they name, least recently used out first once the texts
    kept pass `limit` characters; safe to share between threads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chars = 0
        self._found: OrderedDict[tuple[str, str], tuple[ArticlePerson, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> tuple[ArticlePerson, ...] | None:
        with self._lock:
            found = self._found.get(key)
            if found is not None:
                self._found.move_to_end(key)
            return found

    def put(self, key: tuple[str, str], people: tuple[ArticlePerson, ...]) -> None:
        size = len(key[0]) + len(key[1])
        with self._lock:
            if key in self._found or size > self.limit:
                return
            self._found[key] = people
            self.chars += size
            while self.chars > self.limit:
                (headline, text), _ = self._found.popitem(last=False)
                self.chars -= len(headline) + len(text)


_PEOPLE = _PeopleCache(PEOPLE_CACHE_CHARS)


def article_people(headline: str, text: str) -> list[ArticlePerson]:
    """The people an article's headline and text name in full (`written_people`, without
    offices and bodies written like names: `person_named`), in order, with their offices.
    The headline is read apart: its last words ("... with Westland President Tom Reed")
    would be read as an office of the text's first name. Kept for the next question that
    meets the article (`PEOPLE_CACHE_CHARS`)."""
    key = (headline, text)
    found = _PEOPLE.get(key)
    if found is None:
        found = tuple(_read_people(headline, text))
        _PEOPLE.put(key, found)
    return list(found)


def _read_people(headline: str, text: str) -> list[ArticlePerson]:
    """`article_people` without its cache: a scan of every name written in both."""
    found: list[ArticlePerson] = []
    for part in (headline, text):
        for person in filter(lambda p: person_named(p.name), written_people(part)):
            after = _OFFICE_AFTER.match(part, person.start + len(person.name))
            written = (person.office, after.group(1) if after else None)
            offices = tuple(o for o in written if o and is_office(o))
            found.append(ArticlePerson(person.name, offices))
    return found


# An office set off by a comma after a name, closed by punctuation: "Tom Reed, the President
# of Westland, said", not "... by Tom Reed, the President of Westland noted" (a new clause).
_OFFICE_AFTER = re.compile(
    r",\s+(?:the\s+)?((?:[A-Z][\w'’-]*\s+(?:(?:of|the|for)\s+)*)*[A-Z][\w'’-]*)(?=\s*[,.;:!?)]|\s*$)"
)


def office_only(name: str) -> bool:
    """A stored speaker written as an office and nobody's name ("President", "President of
    Westland", "Westland President", "Head of State"), capitalised as a title is: a
    lowercase "spokesman" is anyone's."""
    return name[:1].isupper() and is_office(name) and not _ACRONYM_ONLY.match(name)


def person_named(name: str) -> bool:
    """A speaker named in full who is a person, not an office or a body written like a name
    ("Ukrainian President", "Westland Federation"), possessive or not: a quote given to
    "Westland Federation's" (extraction debris) must not count as a second holder of an office
    beside the person who holds it."""
    last = POSSESSIVE.sub("", name.split()[-1]).lower() if name.split() else ""
    return _full_name(name) and not is_office(name) and last not in ORG_HEADS


_ACRONYM_ONLY = re.compile(r"^[A-Z0-9&.-]+$")


def holds_bare_office(phrase: str, role: str) -> bool:
    """For an office asked bare or of a place ("the President", "the Westland President", "the
    Prime Minister", "the head of state"), whether the recorded role is that office itself:
    the office with at most a place before it ("US President") or after it ("President of
    Westland", "of the Republic of Westland"). Not another body's, rank's or staff office that
    shares its head: "President of the Harbour Parliament", "Vice President", "Aide to the
    President", "Head of the President's Office". The ambiguous-office lead named a
    parliament's president for "the President", and the link of a stored "President" to the
    one president quoted in an article must not count such a holder (docs/notes/ans23.md).
    Any other phrase ("the Vice President", "the Commission President"): True."""
    asked = _plain_words(phrase)
    while asked and (asked[0] in DETERMINERS or asked[0] in _WHEN_ASKED):
        asked = asked[1:]
    keys = role_keywords(phrase)
    offices = [o for o in _BARE_OFFICE_WORDS if "of" not in o[1:-1] and set(o) & keys]
    found = _office_at(asked, _BARE_OFFICE_WORDS)
    if found is None or not _of_a_place(*found):
        return True
    held = _office_at(_plain_words(role), offices)
    return held is None or _of_a_place(*held)  # None: a title no bare office names ("King")


# The lexicon's bare offices as word lists, split once ("head of state" -> head, of, state).
_BARE_OFFICE_WORDS = [office.split() for office in sorted(BARE_OFFICES)]


def _office_at(words: list[str], offices: list[list[str]]) -> tuple[list[str], list[str]] | None:
    """The words before and after the first of `offices` in `words` (a leading determiner
    dropped), or None when none is there."""
    while words and words[0] in DETERMINERS:
        words = words[1:]
    for start in range(len(words)):
        for office in offices:
            if words[start : start + len(office)] == office:
                return words[:start], words[start + len(office) :]
    return None


def _of_a_place(before: list[str], after: list[str]) -> bool:
    """An office with nothing but a place around it: no body, rank or staff word before it,
    nothing after it but an "of" phrase without a body ("President's Office" is staff)."""
    if any(w in _NOT_A_PLACE for w in before):
        return False
    if after and after[0] != "of":
        return False
    return not any(w in BODY_WORDS or w in ROLE_WORDS for w in after[1:])


_NOT_A_PLACE = (
    BODY_WORDS | ROLE_WORDS | OFFICE_HEADS | OTHER_RANK_WORDS | frozenset(split_words("to for of"))
)
_WHEN_ASKED = frozenset(split_words("new current incumbent present sitting"))


def _plain_words(phrase: str) -> list[str]:
    """Lowercase words without end punctuation or a possessive ("President's" -> president)."""
    words = (w.lower().strip(".,;:") for w in phrase.split())
    return [w.removesuffix("'s").removesuffix("’s") for w in words if w]


def _full_name(name: str) -> bool:
    """Written as a given name and a surname ("Tom Reed"), not a description ("Westland's
    foreign minister") nor one word ("Minister")."""
    return " " in name.strip() and is_named_speaker(name)


def speaker_rows(quotes: Iterable[tuple[Quote, str]]) -> list[SpeakerRow]:
    """Attributed quotes counted by speaker, written name, role and article, first seen first
    (what `Records.speaker_rows` gives for the stored ones)."""
    counts: Counter[tuple[str, str | None, str | None, str]] = Counter()
    first: dict[tuple[str, str | None, str | None, str], int] = {}
    for position, (q, article_id) in enumerate(quotes):
        if q.speaker:
            key = (q.speaker, q.speaker_as_written, q.role, article_id)
            counts[key] += 1
            first.setdefault(key, position)
    return [SpeakerRow(*key, quotes=n, first=first[key]) for key, n in counts.items()]


def _by_surname(canonical: Mapping[str, str]) -> dict[str, list[str]]:
    """The stored speaker names by surname: the groups `unify_speakers` unifies within."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for name in canonical:
        grouped[surname(name)].append(name)
    return dict(grouped)


def _ordinal(day: int | None) -> int | None:
    """The day number (`date.toordinal`) of a YYYYMMDD, None when there is none or it is no
    date, so that days a month apart are 30 apart."""
    if day is None:
        return None
    try:
        return date(day // 10000, day // 100 % 100, day % 100).toordinal()
    except ValueError:
        return None


def _word_at(text: str, word: str) -> int:
    """Where `word` stands as a whole word in `text` (-1 if not): "he" is not inside "the"."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return found.start() if found else -1
