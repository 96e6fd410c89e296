"""Example questions chosen from the loaded store, so they work on whatever articles it holds.

Two kinds: "What did X say about Y?" for the most-quoted speakers, with Y the word that sets
their quotes apart from everyone else's (tf-idf over quotes), and "Who said “…”?" with the
opening words of a real direct quote (the speaker's exact words, never made up).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from app.speaker_index import SpeakerInfo
from ingest.terms import STOPWORDS as ENGLISH_STOP_WORDS
from ingest.types import Quote

TOPIC_SPEAKERS = 2  # "What did X say about Y?" for this many of the most-quoted speakers
MIN_TOPIC_COUNT = 2  # a topic word must recur in the speaker's quotes
WHO_SAID_WORDS = (5, 9)  # a who-said excerpt: at least / at most this many words
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
_EXCERPT_END = re.compile(r"[\s,;:.!?—–-]+$")


def choose_examples(
    quotes: Sequence[tuple[Quote, str]], speakers: Sequence[SpeakerInfo], canonical
) -> list[str]:
    """Up to three questions: topics of the most-quoted `speakers` (already ordered, people
    and organisations only), then a who-said. `canonical(name)` maps a stored speaker name to
    its canonical one. Empty when the store holds no attributed quotes."""
    by_speaker: dict[str, list[Quote]] = {}
    for quote, _ in quotes:
        if quote.speaker:
            by_speaker.setdefault(canonical(quote.speaker), []).append(quote)
    document_frequency = Counter(w for q, _ in quotes for w in set(_words(q.text)))
    examples = []
    for info in speakers[:TOPIC_SPEAKERS]:
        topic = _topic(by_speaker.get(info.name, []), info, document_frequency, len(quotes))
        examples.append(
            f"What did {info.name} say about {topic}?" if topic else f"What did {info.name} say?"
        )
    excerpt = _who_said(q for info in speakers[:5] for q in by_speaker.get(info.name, []))
    if excerpt:
        examples.append(f"Who said “{excerpt}”?")
    return examples


# Word endings that mark a verb form or an adverb ("logged", "saying", "quickly"): a topic
# reads as "What did X say about <noun>?", so these are skipped.
NOT_TOPIC_ENDINGS = ("ed", "ing", "ly")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOP_WORDS]


def _topical(word: str) -> bool:
    return not word.endswith(NOT_TOPIC_ENDINGS)


def _topic(
    quotes: list[Quote], info: SpeakerInfo, document_frequency: Counter, total: int
) -> str | None:
    """The speaker's most distinctive recurring word, as they wrote it."""
    own_name = {w.lower() for w in " ".join((info.name, *info.aliases)).split()}
    counts = Counter(w for q in quotes for w in _words(q.text) if w not in own_name)
    scored = [
        (n * math.log((1 + total) / (1 + document_frequency[w])), w)
        for w, n in counts.items()
        if n >= MIN_TOPIC_COUNT and _topical(w)
    ]
    if not scored:
        return None
    _, word = max(scored)
    written = Counter(
        w for q in quotes for w in _WORD.findall(q.text) if w.lower() == word
    ).most_common(1)
    return written[0][0] if written else word


def _who_said(quotes: Iterable[Quote]) -> str | None:
    """The opening words of the first direct quote long enough to be recognisable."""
    low, high = WHO_SAID_WORDS
    for quote in quotes:
        words = quote.text.split()
        if quote.kind != "direct" or len(words) < low:
            continue
        excerpt = _EXCERPT_END.sub("", " ".join(words[:high]))
        if len(excerpt.split()) >= low and "“" not in excerpt and "”" not in excerpt:
            return excerpt
    return None
