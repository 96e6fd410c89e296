"""What the chat shows about speakers: who the picker offers, how a name reads, typed search,
and one speaker's quotes a page at a time.

Pure functions over `SpeakerInfo`s and stored quotes, so the picker is tested without a store
or a browser. The picker offers people and organisations only: quote extraction also yields
phrases ("some analysts"), common nouns ("report") and table headings ("Subs Not Used"),
which a journalist can never mean as a speaker.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.speaker_index import SpeakerIndex, SpeakerInfo
from ingest.speakers import canonical_key, is_named_speaker
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
    """ "Sergei Lavrov — Russian Foreign Minister (12 quotes)": the name first, then the role."""
    name, leading_role = shown_name(info.name)
    role = info.role or leading_role
    role = f" — {role}" if role else ""
    count = f"{info.quotes} quote" + ("s" if info.quotes != 1 else "")
    return f"{name}{role} ({count})"


def search_speakers(infos: Sequence[SpeakerInfo], typed: str, limit: int) -> list[SpeakerInfo]:
    """Speakers whose name, aliases or role have a word starting with every typed word.

    Over every speaker (no cap on what is searched, only on what is returned); names that
    start with the typed text come first, then the most quoted.
    """
    wanted = _fold(typed)
    if not wanted:
        return list(infos[:limit])
    found: list[tuple[bool, SpeakerInfo]] = []
    for info in infos:
        words = _search_words(info)
        if all(any(w.startswith(part) for w in words) for part in wanted):
            starts = " ".join(_fold(info.name)).startswith(" ".join(wanted))
            found.append((not starts, info))
    found.sort(key=lambda item: (item[0], -item[1].quotes, item[1].name))
    return [info for _, info in found[:limit]]


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
    name = (
        index.canonical(speaker)
        if index.info(speaker)
        else next(iter(index.find(speaker)), speaker)
    )
    members = set(index.members(name))
    mine = [(q, a) for q, a in quotes if q.speaker in members]
    lines = [_line(q, a, chunks.get(q.chunk_id or "")) for q, a in mine]
    lines.sort(key=lambda line: (line.published or "", line.article_id), reverse=True)
    size = max(1, size)
    pages = max(1, math.ceil(len(lines) / size))
    page = min(max(1, page), pages)
    shown = lines[(page - 1) * size : page * size]
    return QuotePage(name, page, pages, len(lines), (page - 1) * size + 1, shown)


def _line(quote: Quote, article_id: str, chunk: Chunk | None) -> QuoteLine:
    return QuoteLine(
        text=quote.text,
        kind=quote.kind,
        article_id=article_id,
        title=chunk.title if chunk else article_id,
        published=chunk.published if chunk else None,
        url=chunk.url if chunk else None,
    )
