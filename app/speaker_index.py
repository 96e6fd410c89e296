"""Who speaks in the store: canonical speakers across articles, their aliases, roles and counts.

Built from the quotes' metadata when the retriever loads, so it follows the store; names are
unified across articles by `ingest.speakers.unify_speakers` ("Lavrov" in one article and
"Sergei Lavrov" in another are one speaker).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.speakers import (
    CLOSE_SPELLING,
    canonical_key,
    is_named_speaker,
    match_speaker,
    unify_speakers,
)
from ingest.types import Quote


@dataclass(frozen=True)
class SpeakerInfo:
    name: str
    quotes: int
    articles: int
    role: str | None
    aliases: tuple[str, ...]


class SpeakerIndex:
    def __init__(self, quotes: Iterable[tuple[Quote, str]]) -> None:
        quotes = [(q, a) for q, a in quotes if q.speaker]
        self._canonical = unify_speakers(q.speaker for q, _ in quotes)
        self._members: dict[str, set[str]] = defaultdict(set)
        counts: Counter[str] = Counter()
        articles: dict[str, set[str]] = defaultdict(set)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        aliases: dict[str, set[str]] = defaultdict(set)
        for quote, article_id in quotes:
            name = self._canonical.get(quote.speaker, quote.speaker)
            self._members[name].add(quote.speaker)
            counts[name] += 1
            articles[name].add(article_id)
            if role := _without_trailing_honorific(quote.role):
                roles[name][role] += 1
            written = quote.speaker_as_written
            if written and written[:1].isupper() and canonical_key(written):
                aliases[name].add(written)
        self._info = {
            name: SpeakerInfo(
                name=name,
                quotes=counts[name],
                articles=len(articles[name]),
                role=roles[name].most_common(1)[0][0] if roles[name] else None,
                aliases=tuple(sorted(aliases[name] | self._members[name] - {name})),
            )
            for name in counts
        }

        # Lookup tables for `find`: matching a question against every name (with fuzzy
        # spelling) cost about a second per question on 12k BBC quotes; these narrow it to
        # the few names that share a word with the question.
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        for name in self._canonical:
            key = canonical_key(name)
            if key and is_named_speaker(name):
                self._by_surname[key.rsplit(" ", 1)[-1]].append(name)
        # Fuzzy spelling only compares surnames whose length allows a 0.8 difflib ratio
        # (2 * shorter / total >= 0.8, looser than CLOSE_SPELLING): the same matches as
        # scanning all of them, ~10x fewer.
        self._surnames_by_length: dict[int, list[str]] = defaultdict(list)
        for key in sorted(self._by_surname):
            self._surnames_by_length[len(key)].append(key)
        self._close: dict[str, list[str]] = {}
        # Roles by the last word of their key, so a question only meets the roles it names.
        self._roles_by_head: dict[str, dict[str, str]] = defaultdict(dict)
        for n, info in self._info.items():
            if info.role and (head := canonical_key(info.role).rsplit(" ", 1)[-1]):
                self._roles_by_head[head][n] = info.role

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

    def find(self, text: str) -> list[str]:
        """Canonical speakers that `text` refers to, in the order it mentions them."""
        # Only named speakers: "a judge" in one article is not "the judge" of another.
        words = [k for k in (canonical_key(w) for w in text.split()) if len(k) > 1]
        # Close spellings only of capitalised words: lowercase ones are mostly common words
        # that happen to be near a surname ("making" ~ King, "policy" ~ Police).
        spelled = {canonical_key(w) for w in text.split() if w[:1].isupper()}
        names: set[str] = set()
        for word in words:
            names.update(self._by_surname.get(word, ()))
            # A word that is itself someone's surname is not a misspelling of another one.
            if len(word) >= 4 and word in spelled and word not in self._by_surname:
                for close in self._close_surnames(word):
                    names.update(self._by_surname[close])
        roles = {n: r for word in set(words) for n, r in self._roles_by_head.get(word, {}).items()}
        found: list[str] = []
        for name in match_speaker(text, names, roles):
            canonical = self.canonical(name)
            if canonical not in found and self._named_in(text, name, roles.get(name)):
                found.append(canonical)
        lowered = text.lower()

        def position(name: str) -> tuple[int, int, bool]:
            """Where the question names this speaker; at a tie the longer mention wins, so
            "the Kremlin spokesman" is Peskov rather than the Kremlin, then a named person, so
            "the Chancellor" is Gordon Brown rather than a quote left to "shadow chancellor"."""
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

    @staticmethod
    def _named_in(text: str, name: str, role: str | None) -> bool:
        """A name counts only where the question writes it as a name (capitalised), so
        "the Australian Open champion" does not summon a Mr Champion; a role phrase counts as
        written, and an all-lowercase question is taken at its word."""
        if role and all(w in text.lower() for w in role.lower().split()):
            return True
        if text[1:] == text[1:].lower():
            return True
        capitalised = {w.strip("'’.,?!:;\"").lower() for w in text.split() if w[:1].isupper()}
        capitalised |= {w.removesuffix("'s").removesuffix("’s") for w in capitalised}
        parts = [part.lower() for part in name.split() if len(part) > 1]
        return any(
            part in capitalised
            or (len(part) >= 4 and difflib.get_close_matches(part, capitalised, 1, CLOSE_SPELLING))
            for part in parts
        )

    def mentions(self, text: str, speakers: Iterable[str]) -> list[str]:
        """The phrases in `text` that name these speakers (to strip them from the topic)."""
        phrases: list[str] = []
        for name in speakers:
            info = self._info.get(name)
            candidates = {name, *self._members.get(name, ())}
            if info:
                candidates |= set(info.aliases)
                if info.role:
                    candidates.add(info.role)
            for candidate in sorted(candidates, key=len, reverse=True):
                for piece in (candidate, candidate.split()[-1]):
                    if len(piece) >= 3 and re.search(rf"\b{re.escape(piece)}\b", text, re.I):
                        phrases.append(piece)
        return phrases


# Titles written before a name, which role extraction can leave at a role's end
# ("Manchester United manager Sir" from "... manager Sir Alex Ferguson").
_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev"]
)


def _without_trailing_honorific(role: str | None) -> str | None:
    words = (role or "").split()
    while words and words[-1].strip(".").lower() in _HONORIFICS:
        words.pop()
    return " ".join(words) or None


def _word_at(text: str, word: str) -> int:
    """Where `word` stands as a whole word in `text` (-1 if not): "he" is not inside "the"."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return found.start() if found else -1
