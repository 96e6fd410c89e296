"""Names the narrative writes outside quotations, which a pronoun or an epithet speaker
(`the American said`) may point back to; split from `resolve` so that module stays one job
(turning a speaker phrase into a person)."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import DETERMINERS, PRONOUNS
from ingest.quoting.model import Findings, NameMention
from ingest.quoting.nameshapes import without_possessive

EPITHET = re.compile(
    r"^[Tt]he\s+(?:(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old(?:\s+[A-Z][a-z]+)?"
    r"|(?P<word>[A-Z][a-z]+))$"
)
NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z'’]+){1,2}\b")


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
        NameMention(m.start(), without_possessive(m.group()))
        for m in NAME_RUN.finditer(doc.text, 0, first)
        if not any(s <= m.start() < e for s, e in inside)
        and m.group().split()[0].lower() not in DETERMINERS
    ]
