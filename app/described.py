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
from collections.abc import Callable, Iterable, Sequence

from app.evidence import Candidate
from app.speaker_index import SpeakerIndex

# How far from a mention of the speaker's name the description may stand (characters): a title
# before the name in the same sentence, or an apposition after it up to its comma.
DESCRIPTION_WINDOW = 80
# How many of the best-ranked quotations may be moved ahead of the best one for fitting the
# description: a quotation further down does not fit the question's words well enough.
DESCRIBED_POOL = 10
_WORD = re.compile(r"[\w'’-]+")


def head_noun(description: str) -> str:
    """The noun a description ends in, singular, without a possessive: "bakery chain's
    founder" -> "founder", "Green backbenchers" -> "backbencher"."""
    words = _WORD.findall(description.lower())
    return _singular(words[-1]) if words else ""


def fits(head: str, speaker: str, role: str | None, texts: Iterable[str]) -> bool:
    """The speaker's role holds the head noun, or an article text does next to their name."""
    if not head:
        return False
    if role and head in _words(role):
        return True
    surname = re.compile(rf"\b{re.escape(speaker.split()[-1])}\b(, )?")
    for text in texts:
        for mention in surname.finditer(text):
            before = text[max(0, mention.start() - DESCRIPTION_WINDOW) : mention.start()]
            # after the name only as an apposition ("Vell, a Green backbencher,"), never
            # the words of the quotation that follows it
            after = text[mention.end() : mention.end() + DESCRIPTION_WINDOW] if mention[1] else ""
            if head in _words(before.split(".")[-1]) | _words(after.split(",")[0]):
                return True
    return False


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
            checked[speaker, article_id] = fits(head, speaker, role, [article_text(article_id)])
        return checked[speaker, article_id]

    pool = list(ranked[:DESCRIBED_POOL])
    if not pool or speaker_fits(pool[0]):
        return list(ranked)
    for n, candidate in enumerate(pool[1:], 1):
        if speaker_fits(candidate):
            return [candidate, *ranked[:n], *ranked[n + 1 :]]
    return list(ranked)


def _words(text: str) -> set[str]:
    return {_singular(w) for w in _WORD.findall(text.lower())}


def _singular(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("’s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
