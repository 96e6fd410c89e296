"""What the chat shows about speakers: who the picker offers, how a name reads, typed search,
and one speaker's quotes a page at a time.

Pure functions over `SpeakerInfo`s and stored quotes, so the picker is tested without a store
or a browser. The picker offers people and organisations only: quote extraction also yields
phrases ("some analysts"), common nouns ("report") and table headings ("Subs Not Used"),
which a journalist can never mean as a speaker.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.speaker_index import SpeakerIndex, SpeakerInfo
from ingest.speakers.keys import canonical_key
from ingest.speakers.mentions import is_named_speaker
from ingest.types import Chunk, Quote

# Capitalised words that occur in headings and sentence fragments, never in a name.
NOT_NAME_WORDS = frozenset(
    [
        "not",
        "used",
        "subs",
        "unused",
        "is",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "should",
        "says",
        "said",
    ]
)


@dataclass(frozen=True)
class PickerRule:
    """One reason a speaker string is left out of the picker; `keeps` says whether it passes."""

    name: str
    keeps: Callable[[str], bool]


# Checked in order; the first rule a name fails is the reason it is left out.
PICKER_RULES: tuple[PickerRule, ...] = (
    PickerRule("reads as a name", is_named_speaker),
    PickerRule(
        "no sentence words",
        lambda name: not {canonical_key(w) for w in name.split()} & NOT_NAME_WORDS,
    ),
    PickerRule("has letters", lambda name: any(ch.isalpha() for ch in name)),
)


def left_out_by(name: str) -> str | None:
    """The first picker rule `name` fails, or None when the picker offers it."""
    return next((rule.name for rule in PICKER_RULES if not rule.keeps(name)), None)


def pickable(infos: Iterable[SpeakerInfo]) -> list[SpeakerInfo]:
    return [info for info in infos if left_out_by(shown_name(info.name)[0]) is None]


def shown_name(name: str) -> tuple[str, str | None]:
    """The name without a lowercase role the extraction left in front of it, and that role:
    "trader Ines Vidal" is shown as Ines Vidal, a trader (the stored name stays the value)."""
    words = name.split()
    lead = 0
    while lead < len(words) - 1 and words[lead][:1].islower():
        lead += 1
    if lead == 0 or not words[lead][:1].isupper():
        return name, None
    return " ".join(words[lead:]), " ".join(words[:lead])


def speaker_label(info: SpeakerInfo) -> str:
    """ "Tom Reed — Westland Foreign Minister (12 quotes)": the name first, then the role."""
    name, leading_role = shown_name(info.name)
    role = info.role or leading_role
    role = f" — {role}" if role else ""
    count = f"{info.quotes} quote" + ("s" if info.quotes != 1 else "")
    return f"{name}{role} ({count})"


class SpeakerFinder:
    """Typed search over speakers: the speakers whose name, aliases or role have a word
    starting with every typed word.

    Built once per speaker index (`finder_for`): a sorted list of every word, so a keystroke
    costs a binary search per typed word, not a pass over every speaker (a plain scan took
    0.5-1.0 s per keystroke over 10,000 speakers here, the finder under 0.07 s:
    `python -m benchmarks.picker_search`).
    """

    def __init__(self, infos: Sequence[SpeakerInfo]) -> None:
        self.infos = list(infos)
        self._names = [" ".join(_fold(info.name)) for info in self.infos]
        holders: dict[str, set[int]] = {}
        for i, info in enumerate(self.infos):
            for word in _search_words(info):
                holders.setdefault(word, set()).add(i)
        self._words = sorted(holders)
        self._holders = [holders[w] for w in self._words]

    def search(self, typed: str, limit: int) -> list[SpeakerInfo]:
        """Names that start with the typed text first, then the most quoted; at most `limit`
        returned, but every speaker searched."""
        wanted = _fold(typed)
        if not wanted:
            return self.infos[:limit]
        found: set[int] | None = None
        for part in wanted:
            start = bisect.bisect_left(self._words, part)
            stop = bisect.bisect_left(self._words, part + "\uffff")
            ids = set().union(*self._holders[start:stop])
            found = ids if found is None else found & ids
        prefix = " ".join(wanted)
        ranked = sorted(
            found or (),
            key=lambda i: (
                not self._names[i].startswith(prefix),
                -self.infos[i].quotes,
                self.infos[i].name,
            ),
        )
        return [self.infos[i] for i in ranked[:limit]]


_FINDERS: weakref.WeakKeyDictionary[object, SpeakerFinder] = weakref.WeakKeyDictionary()


def finder_for(index: SpeakerIndex) -> SpeakerFinder:
    """The picker's search over `index`'s people and organisations, built once per index (the
    index is rebuilt when the store changes, so the finder follows it)."""
    finder = _FINDERS.get(index)
    if finder is None:
        finder = _FINDERS[index] = SpeakerFinder(pickable(index.speakers()))
    return finder


def search_speakers(infos: Sequence[SpeakerInfo], typed: str, limit: int) -> list[SpeakerInfo]:
    """One-off search (see `SpeakerFinder`)."""
    return SpeakerFinder(infos).search(typed, limit)


def _search_words(info: SpeakerInfo) -> set[str]:
    """The words a typed search may start: of the name, each alias and the role."""
    return {w for part in (info.name, *info.aliases, info.role or "") for w in _fold(part)}


def _fold(text: str) -> list[str]:
    """Lowercase ASCII words, so "peñ" finds "Peña" and "o'n" finds "O'Neill"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))


@dataclass(frozen=True)
class QuoteLine:
    """One quote of a speaker, with where and when it was published."""

    text: str
    kind: str
    article_id: str
    title: str
    published: str | None
    url: str | None


@dataclass(frozen=True)
class QuotePage:
    """One page of a speaker's quotes; `page` is 1-based and within 1..pages, `first` is the
    1-based number of the page's first quote among all `total`."""

    speaker: str
    page: int
    pages: int
    total: int
    first: int
    quotes: list[QuoteLine]


def quote_page(
    speaker: str,
    quotes: Iterable[tuple[Quote, str]],
    index: SpeakerIndex,
    chunks: Mapping[str, Chunk],
    page: int,
    size: int,
) -> QuotePage:
    """Every quote of `speaker` (as picked, or as typed: "Ruiz" is Alma Ruiz when she is the
    only Ruiz quoted) under any of their stored names, newest article first."""
    name = page_speaker(speaker, index)
    members = set(index.members(name))
    mine = [(q, a) for q, a in quotes if q.speaker in members]
    lines = [_line(q, a, chunks.get(q.chunk_id or "")) for q, a in mine]
    lines.sort(key=lambda line: (line.published or "", line.article_id), reverse=True)
    size = max(1, size)
    pages = max(1, math.ceil(len(lines) / size))
    page = min(max(1, page), pages)
    shown = lines[(page - 1) * size : page * size]
    return QuotePage(name, page, pages, len(lines), (page - 1) * size + 1, shown)


def page_speaker(speaker: str, index: SpeakerIndex) -> str:
    """The canonical speaker whose page `speaker` (as picked or as typed) opens."""
    if index.info(speaker):
        return index.canonical(speaker)
    return next(iter(index.find(speaker)), speaker)


def _line(quote: Quote, article_id: str, chunk: Chunk | None) -> QuoteLine:
    return QuoteLine(
        text=quote.text,
        kind=quote.kind,
        article_id=article_id,
        title=chunk.title if chunk else article_id,
        published=chunk.published if chunk else None,
        url=chunk.url if chunk else None,
    )
