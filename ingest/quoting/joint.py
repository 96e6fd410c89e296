"""Two people named as the speakers of one quotation: `," mayor Ada Lind and deputy Ivo Marsh
said in a letter`, a joint statement. The first named is its speaker; without this rule the
`and` ended the search for a name, and the quotation took the previous quotation's speaker."""

from __future__ import annotations

import re
from typing import Any

from ingest.quoting.lexicon import BOUNDARY_WORDS, CAP, ORG_HEADS, VERBS
from ingest.quoting.model import Subject
from ingest.quoting.subjects import np_from_left
from ingest.quoting.table import STOP, Stop

JOINT_WORDS = 16  # words of two named people and their offices before their verb
_BREAK = re.compile(r"[,;:()]|[.!?]\s")  # an apposition or a new sentence: not one subject
_OF = re.compile(r"\bof\b")  # the `and` joins the words of an office's name


def names_then_verb(a: Any) -> Subject | Stop | None:
    """`," A and B said` right after a quotation closed by a comma (`a`:
    `subjects_after._After`): A, with any office written before the name, when `and` comes
    before any listed verb, nothing sets the first name apart (`Mark Vellow, the leader of the
    Public and Commercial Services Union said`), and the verb follows a person's full name
    (not `the Finance and Economy Ministry`, `Ukraine and France`). After an office's `of`,
    the `and` is inside the office's name, and the person is the one after it."""
    words = a.words[:JOINT_WORDS]
    tokens = [w.group().rstrip(".") for w in words]
    joint = next((i for i, t in enumerate(tokens) if t == "and" or t.lower() in VERBS), 0)
    if not a.comma or not joint or tokens[joint] != "and" or not CAP.match(tokens[joint - 1]):
        return None
    if _BREAK.search(a.after, a.head, words[joint].start()):
        return None
    for i in range(joint + 2, len(words)):
        if tokens[i].lower() in VERBS:
            if not _full_name(tokens[i - 2 : i]):
                return None
            start = a.head
            end = words[joint].start()
            if _OF.search(a.after, start, end):  # `Secretary of the ... and ... Council Ivo Marsh`
                start, end = words[i - 2].start(), words[i].start()  # one office, its holder
            return np_from_left(a.after[start:end], a.offset + start, tokens[i]) or STOP
        if tokens[i].lower() in BOUNDARY_WORDS or _BREAK.match(a.after, words[i].end()):
            return None
    return None


def _full_name(pair: list[str]) -> bool:
    """Two capitalised words, the last no body's head word ("Ivo Marsh", not "Economy
    Ministry")."""
    return all(CAP.match(t) for t in pair) and pair[-1].lower() not in ORG_HEADS
