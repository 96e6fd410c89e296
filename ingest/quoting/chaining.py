"""Chained statements: each further reporting verb of a speaker (`, adding that`, `and said`,
`, while Vale said`) and each coordinated verb with a quoted object starts a statement of its
own, as news attributes each separately."""

from __future__ import annotations

import re

from ingest.quoting.bounds import COORDINATED_VERB, clause_end, coordinated_end, same_form
from ingest.quoting.lexicon import (
    CHAIN_ADVERBS,
    CHAIN_LINKS,
    CLOSERS,
    CONJUNCTIONS,
    FINITE_CHAIN_VERBS,
    NEW_SUBJECT_LINKS,
    NEW_SUBJECT_VERBS,
    OPENERS,
    PARTICIPLES,
    THIRD_PERSON_SUBJECTS,
    VERBS,
    alternation,
)
from ingest.quoting.model import Findings, Statement
from ingest.quoting.subjects import clause_after

# `, adding`, `and said`, `while insisting`: a further reporting verb of the same subject.
_CHAINED_CUE = re.compile(
    rf"(?:,[”\"]?\s+(?:{alternation(CONJUNCTIONS)}\s+)?|\s+{alternation(CHAIN_LINKS)}\s+)"
    rf"(?:(?:{alternation(CHAIN_ADVERBS)}|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
)


_NEW_SUBJECT = re.compile(
    rf"(?:,[”\"]?\s+(?:{alternation(NEW_SUBJECT_LINKS)}\s+)?|\s+{alternation(NEW_SUBJECT_LINKS)}\s+)"
    rf"(?P<np>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{0,2}}|{alternation(THIRD_PERSON_SUBJECTS)})\s+"
    rf"(?:{alternation(CHAIN_ADVERBS)}\s+)?"
    rf"(?P<verb>{alternation(NEW_SUBJECT_VERBS)})\b"
)


_CALLED_FOR = re.compile(r"\s+for\s+(?=\S)")


_THAT_SOON = re.compile(r"(?:[^\s“”\"]+\s+){0,10}?that\s+(?=\S)")


def split_chained(doc: Findings, statement: Statement) -> list[Statement]:
    """`X said A, adding B` / `X said A and said B`: each reporting verb introduces its own
    statement by the same speaker, so A ends before the next verb and B starts after it
    (and after its object and `that`: `telling reporters on Friday that B`). A verb with a
    subject of its own (`X suggested A, while Vale said that B`) starts B by that speaker."""
    start, end, np, cue, np_pos, role, rule = statement
    text = doc.text
    out: list[Statement] = []
    chained = [*_CHAINED_CUE.finditer(text, start, end), *_NEW_SUBJECT.finditer(text, start, end)]
    for m in sorted(chained, key=lambda m: m.start()):
        verb = m.group("verb")
        if m.start() < start or doc.inside_piece(m.start("verb")):
            continue
        if m.re is _CHAINED_CUE and not _chain_verb(verb, m.group()):
            continue
        if m.re is _NEW_SUBJECT and (m.start("np"), verb) == (np_pos, cue):
            continue  # the statement's own interposed attribution
        head = m.start() + (2 if text[m.start() + 1 : m.start() + 2] in CLOSERS else 0)
        out.append(Statement(start, head, np, cue, np_pos, role, rule))
        rule = "chained_verb"
        if m.re is _NEW_SUBJECT:
            np, np_pos, role, rule = m.group("np"), m.start("np"), None, "chained_new_subject"
        called_for = _CALLED_FOR.match(text, m.end()) if verb.startswith("call") else None
        if called_for:  # `... and called for more weapons`: the object is the statement
            start, verb = called_for.end(), f"{verb} for"
        else:
            start = clause_after(text, m.end())
        that = _THAT_SOON.match(text, start, end)
        if that and not any(ch in OPENERS for ch in that.group()):
            start = that.end()
        cue = verb
    out.append(Statement(start, end, np, cue, np_pos, role, rule))
    return [s for s in out if s.end - s.start >= 8]


def _chain_verb(verb: str, link: str) -> bool:
    """Participles chain after a comma or `while`; finite verbs only after `and`/`but`, in
    the past or the present (`Orlo says she respects him but argues that ...`)."""
    if verb not in VERBS:
        return False
    if verb in PARTICIPLES:
        return True
    finite = verb in FINITE_CHAIN_VERBS or verb.endswith(("ed", "s"))
    return finite and bool(_AND_BUT.search(link))


_AND_BUT = re.compile(rf"\b{alternation(CONJUNCTIONS)}\s")


CHAINED_PARTICIPLE = re.compile(r"(?:^|,)\s+(?:and\s+)?" + alternation(PARTICIPLES) + r"\b")


AFTER_COORDINATED_VERB = re.compile(r"[\s,—–\-]*" + COORDINATED_VERB.pattern[2:])


def coordinated_objects(doc: Findings, statement: Statement, s_end: int) -> list[Statement]:
    """`Reed called the merger "a terrible deal" and ranked Voss as one of the worst
    CEOs "in the history of business."`: a second verb of the speaker whose object holds a
    quote of its own is one more statement by the same speaker."""
    out: list[Statement] = []
    end, np, verb, np_pos, role = (
        statement.end,
        statement.np,
        statement.cue,
        statement.np_pos,
        statement.role,
    )
    while True:
        m = AFTER_COORDINATED_VERB.match(doc.text, end)
        if not m or m.group("verb") in VERBS or not same_form(verb.lower(), m.group("verb")):
            return out
        start = clause_after(doc.text, m.end())
        stop = doc.text[:s_end].rstrip().rstrip(".!?…").rstrip()
        if not any(start <= p.open_pos < len(stop) for p in doc.pieces):
            return out
        verb = m.group("verb")
        end = coordinated_end(doc, start, clause_end(doc, start, len(stop)), verb)
        if end - start < 8:
            return out
        out.append(Statement(start, end, np, verb, np_pos, role, "coordinated_object"))
