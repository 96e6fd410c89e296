"""Names the narrative writes outside quotations, which a pronoun or an epithet speaker
(`the American said`) may point back to; split from `resolve` so that module stays one job
(turning a speaker phrase into a person)."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    DETERMINERS,
    NAME_WORDS_AFTER_PLACE,
    OFFICE_PREPOSITIONS,
    PRONOUNS,
    alternation,
)
from ingest.quoting.model import Findings, NameMention
from ingest.quoting.nameshapes import without_possessive

EPITHET = re.compile(
    r"^[Tt]he\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old(?:\s+[A-Z][a-z]+)?"
    r"|(?P<word>[A-Z][a-z]+))$"
)
NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}\b")
# `First Lady of Westland Ana Vell`: a run right after an office's `of` opens with the place.
_AFTER_OFFICE_OF = re.compile(rf"\b{alternation(OFFICE_PREPOSITIONS)}\s+$")


def opening_end(doc: Findings) -> int:
    """Where the article's opening (its first two paragraphs) ends: the lead that names the
    person the story is about."""
    return doc.paragraphs[min(1, len(doc.paragraphs) - 1)][1] if doc.paragraphs else 0


def narrative_names(doc: Findings) -> list[NameMention]:
    """Full names (two or three capitalised words) written outside quotations, in text
    order, that a pronoun or epithet speaker may point back to once NER confirms them: all
    names before the first such speaker if no speaker is named before it, else only those of
    the opening paragraphs (the person an epithet means). Later on, named speakers are there
    to point to, so NER reads no more names than that. A possessive mention (`Gordon
    Brown's plans`) names its owner, so the name drops its `'s` before a pronoun takes it."""
    speakers = [(p.np_pos, p.np) for p in doc.pieces if p.np]
    speakers += [(s.np_pos, s.np) for s in doc.indirect if s.np]
    anaphoric = [pos for pos, np in speakers if np.lower() in PRONOUNS or EPITHET.match(np)]
    first = min(anaphoric, default=-1)
    if first < 0:
        return []
    if any(pos < first for pos, _ in speakers if pos not in anaphoric):  # opening names only
        first = min(first, opening_end(doc))
    inside = [(p.open_pos, p.end) for p in doc.pieces]
    return [
        _without_place(doc.text, m)
        for m in NAME_RUN.finditer(doc.text, 0, first)
        if not any(s <= m.start() < e for s, e in inside)
        and m.group().split()[0].lower() not in DETERMINERS
    ]


def _without_place(text: str, match: re.Match[str]) -> NameMention:
    """The name a run writes, without its possessive (`Gordon Brown's plans` names Gordon
    Brown), marked when it follows an office's `of` (`The First Lady of Westland Ana Vell gave
    an interview`: `NameMention.after_office`)."""
    words = match.group().split(" ")
    head = text[max(0, match.start() - 12) : match.start()]
    after_office = len(words) > NAME_WORDS_AFTER_PLACE and bool(_AFTER_OFFICE_OF.search(head))
    return NameMention(match.start(), without_possessive(match.group()), after_office)


def person_after_place(mention: NameMention) -> str | None:
    """The person's name in a run after an office's `of` (`Westland Ana Vell` -> `Ana Vell`):
    the words after the place, as `nameshapes.office_of_place` reads a speaker phrase."""
    if not mention.after_office:
        return None
    return " ".join(mention.name.split()[-NAME_WORDS_AFTER_PLACE:])
