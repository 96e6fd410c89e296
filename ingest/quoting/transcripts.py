"""Transcript turns: `Sergei Lavrov: ...` and `Question:` / `Answer:` labels, at line starts and
inline (some corpora lost their paragraph breaks).

Labels are found by rules and confirmed by NER, because capitalised headings (`The Latest:`)
look the same as speaker labels.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ingest.quoting.lexicon import CAP
from ingest.quoting.model import Doc, Resolved, quote_record, trim_span
from ingest.quoting.resolve import Resolver

QA_LABELS = {
    "question": "question",
    "q": "question",
    "interviewer": "question",
    "moderator": "question",
    "answer": "answer",
    "a": "answer",
    "reply": "answer",
    "response": "answer",
}
_NAME_TOKEN = r"[A-Z][\w'’\-]*\.?"
_LABEL = (
    rf"(?:{_NAME_TOKEN}|of|for|the|and|de|von|van|al|bin|on|in|to)"
    rf"(?:[ \t]+(?:{_NAME_TOKEN}|of|for|the|and|de|von|van|al|bin|on|in|to|'s|’s)){{0,9}}"
)
_LINE_LABEL = re.compile(rf"(?m)^[ \t]*(?P<label>{_LABEL})[ \t]?:[ \t]+(?=\S)")
_INLINE_LABEL = re.compile(rf"(?<=[.!?…\"”)>»] )(?P<label>{_LABEL})[ \t]?:[ \t]+(?=\S)")


def find_labels(text: str) -> list[tuple[int, str, int, bool]]:
    """Candidate speaker labels as (label_pos, label, body_start, repeated).

    `repeated` is true when the label's last word labels at least two turns (speakers
    alternate), the strongest sign of a transcript; NER decides the rest in `confirmed_turns`.
    One colon gives one label: `Ben Carson:` inside `Dr. Ben Carson:` is not a second turn.
    """
    found: dict[int, tuple[str, int]] = {}
    bodies: set[int] = set()
    for regex in (_LINE_LABEL, _INLINE_LABEL):
        for m in regex.finditer(text):
            label = m.group("label").strip()
            if m.end() not in bodies and _plausible_label(label, inline=regex is _INLINE_LABEL):
                found.setdefault(m.start("label"), (label, m.end()))
                bodies.add(m.end())
    last_words = [lab.split()[-1].lower() for lab, _ in found.values()]
    return [
        (pos, label, body, last_words.count(label.split()[-1].lower()) >= 2)
        for pos, (label, body) in sorted(found.items())
    ]


def confirmed_turns(
    doc: Doc, entities: dict[str, tuple[tuple[str, int, int], ...]]
) -> list[tuple[int, int, str, int]]:
    """Transcript turns as (start, end, label, label_pos).

    A label is kept if it is a Q/A word, repeats, or names a person (per NER); capitalised
    headings such as "The Latest: ..." are dropped. A turn runs to the next kept label; a lone
    label (a headline such as "John McCain: Populist Anger ...") only to its paragraph end, and
    only counts when what follows is long enough to be speech.
    """
    kept = [
        (pos, label, body)
        for pos, label, body, repeated in doc.labels
        if label.lower() in QA_LABELS
        or repeated
        or any(kind == "PERSON" for kind, _, _ in entities.get(label, ()))
    ]
    if len(kept) == 1 and kept[0][1].lower() not in QA_LABELS:
        pos, label, body = kept[0]
        end = next((e for s, e in doc.paragraphs if s <= body < e), len(doc.text))
        if len(doc.text[body:end].split()) < 15:
            return []
        return [(body, end, label, pos)]
    turns = []
    for i, (pos, label, body) in enumerate(kept):
        end = kept[i + 1][0] if i + 1 < len(kept) else len(doc.text)
        turns.append((body, end, label, pos))
    return turns


def _plausible_label(label: str, inline: bool) -> bool:
    """Speaker labels are short capitalised names or Q/A words, never a sentence fragment."""
    words = label.split()
    if label.lower() in QA_LABELS:
        return len(label) > 1 or not inline
    if len(words) < 2 or len(words) > 10 or not CAP.match(words[-1]):
        return False
    return (
        all(CAP.match(w) or w.islower() for w in words)
        and sum(1 for w in words if CAP.match(w)) >= 2
    )


def turn_quotes(doc: Doc, idx: int, resolver: Resolver) -> list[dict[str, Any]]:
    """One transcript Quote per paragraph of a turn."""
    start, end, label, pos = doc.turns[idx]
    qa = QA_LABELS.get(label.lower())
    if qa == "question":
        resolved = Resolved(None, label, None, "other")
    elif qa == "answer":
        resolved = _answer_speaker(doc, idx, resolver, label)
    else:
        resolved = resolver.resolve(label, pos, None)
        if resolved.kind == "person":
            resolver.note(pos, resolved)
    out = []
    for p_start, p_end in doc.paragraphs:
        s, e = max(start, p_start), min(end, p_end)
        span = trim_span(doc.text, s, e)
        if span:
            out.append(quote_record(span, "transcript", resolved, ":"))
    return out


def _answer_speaker(doc: Doc, idx: int, resolver: Resolver, label: str) -> Resolved:
    """`Answer:` is the interviewee: the last named turn, else the person named most before the
    first turn."""
    for start, _, other, _ in reversed(doc.turns[:idx]):
        if other.lower() not in QA_LABELS:
            return replace(resolver.resolve(other, start, None), as_written=label)
    first = doc.turns[0][3]
    people = [m.name for m in resolver.mentions if m.pos < first and m.kind == "person"] or [
        doc.preamble[s:e]
        for kind, s, e in resolver.entities.get(doc.preamble, ())
        if kind == "PERSON"
    ]
    if people:
        return Resolved(_interviewee(people), label, None, "person")
    return Resolved(None, label, None, "other")


def _interviewee(people: list[str]) -> str:
    """The person a Q&A preamble names most often (by surname; a tie goes to the later one),
    in their longest form: an introduction also names the reporters and whoever the interview
    is about (`Q&A with Joe Biden ... Biden mocked ... replace Justice Antonin Scalia`)."""
    surnames = [person.split()[-1] for person in people]
    counts = Counter(surnames)
    best = max(range(len(people)), key=lambda i: (counts[surnames[i]], i))
    return max((p for p, s in zip(people, surnames, strict=True) if s == surnames[best]), key=len)
