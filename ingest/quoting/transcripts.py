"""Transcript turns: `Nils Varo: ...` and `Question:` / `Answer:` labels, at line starts and
inline (some corpora lost their paragraph breaks), each turn attributed to the person its label
names.

Labels are found by rules (`labels`) and confirmed by NER, because capitalised headings (`The
Latest:`) look the same as speaker labels. A label that gives only an office (`President of
Russia:`, `The President:`) is the person another label or the narrative gives that office to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ingest.quoting.labels import CONNECTORS, QA_LABELS
from ingest.quoting.lexicon import (
    OPENERS,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_GENDER,
)
from ingest.quoting.model import Findings, Label, Resolved, Turn, quote_record, trim_span
from ingest.quoting.notes import editorial_notes
from ingest.quoting.resolve import Resolver
from ingest.quoting.table import Rule
from ingest.speakers.offices import role_matches
from ingest.speakers.written_people import title_case_line

Entities = dict[str, tuple[tuple[str, int, int], ...]]


def _qa_word(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    return lab.text.lower() in QA_LABELS


def _repeated(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    return lab.repeated


def _doubled_form(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    return lab.doubled


def _doubled_person(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    """`Lars Nybo:` after his doubled label."""
    return lab.name in doubled


def _surname(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    """`Brook:` that `labels` tied to the one `Lena Brook` of the article."""
    return lab.name is not None and " " not in lab.text and lab.name.endswith(f" {lab.text}")


def _person_by_ner(lab: Label, doubled: set[str | None], entities: Entities) -> bool:
    return any(kind == "PERSON" for kind, _, _ in entities.get(lab.text, ()))


# Why a label is kept as a speaker label, in order; capitalised headings such as "The Latest:"
# meet none. Each is `(label, doubled names, entities) -> bool`.
LABEL_RULES = (
    Rule("qa_label", _qa_word),
    Rule("surname_label", _surname),
    Rule("repeated_label", _repeated),
    Rule("doubled_label", _doubled_form),
    Rule("doubled_person_label", _doubled_person),
    Rule("person_label", _person_by_ner),
)


def _first_rule(rules: tuple[Rule, ...], *args: Any) -> str | None:
    """The name of the first rule of a label table that keeps the label, or None."""
    return next((r.name for r in rules if r.find(*args)), None)


def confirmed_turns(doc: Findings, entities: Entities) -> list[Turn]:
    """Transcript turns, each running to the next kept label, named by the rule that kept it.

    A label is kept by a rule of `LABEL_RULES`; in a transcript also by a rule of
    `TRANSCRIPT_LABEL_RULES` (an office alone, a name NER missed). A text is a transcript when
    two labels are kept, or labels that give an office and a name stand beside them (NER
    misses many names after long offices: `President of the Italian-Russian Chamber of
    Commerce Enzo Trani:`) to make two. A lone label (a headline such as "Alma Ruiz:
    Populist Anger ...") runs only to its paragraph end, and only counts when what follows is
    long enough to be speech.
    """
    labels = [lab for lab in doc.labels if not _headline(doc.text, lab)]
    doubled = {lab.name for lab in labels if lab.doubled}
    rules = {lab.pos: _first_rule(LABEL_RULES, lab, doubled, entities) for lab in labels}
    kept = [lab for lab in labels if rules[lab.pos]]
    with_office = [lab for lab in labels if not rules[lab.pos] and _office_and_name(lab)]
    if len(kept) + len(with_office) >= 2:
        lowered = frozenset(_LOWER_WORD.findall(doc.text))
        for lab in labels:
            found = _first_rule(TRANSCRIPT_LABEL_RULES, lab, entities, lowered)
            rules[lab.pos] = rules[lab.pos] or found
        kept = [lab for lab in labels if rules[lab.pos]]
    if len(kept) == 1 and kept[0].text.lower() not in QA_LABELS:
        lab = kept[0]
        end = next((e for s, e in doc.paragraphs if s <= lab.body < e), len(doc.text))
        if len(doc.text[lab.body : end].split()) < 15 or _opens_quotation(doc.text, lab.body):
            # `Said Williams: "..."` introduces one quotation, whose marks say where the
            # words end: as a turn, the narrative after it and the next speaker's quotes
            # in the paragraph were his.
            return []
        return [Turn(lab.body, end, lab, rules[lab.pos])]
    return _last_line_ends(
        doc.text,
        [
            Turn(
                lab.body,
                kept[i + 1].pos if i + 1 < len(kept) else len(doc.text),
                lab,
                rules[lab.pos],
            )
            for i, lab in enumerate(kept)
        ],
    )


_LINE_TURNS = 2  # turns of one line each before the last that make a line-by-line transcript


def _last_line_ends(text: str, turns: list[Turn]) -> list[Turn]:
    """A transcript whose turns are one line each (`Ana Vell: ...`, `Reed: ...` at line
    starts, as an article quotes a panel) ends its last turn at that turn's line end too: the
    article's own narrative follows, which ran into the last speaker's words up to the text's
    end. A last turn of several lines after turns of several lines is left whole (interviews
    whose answers run over paragraphs; inline transcripts that lost their breaks)."""
    if len(turns) <= _LINE_TURNS:
        return turns
    lines = [t for t in turns[:-1] if "\n" not in text[t.start : t.end].strip()]
    if len(lines) < len(turns) - 1:
        return turns
    last = turns[-1]
    end = text.find("\n", last.start, last.end)
    return turns if end < 0 else [*turns[:-1], replace(last, end=end)]


def _headline(text: str, lab: Label) -> bool:
    """`Ana Vell: ‘No Idea’ If I Would Have Told The Board.` as a line of its own: a headline
    in title case (`title_case_line`) that names whom it is about; its words are the
    editor's, and a list of such headlines (`Related:`) is no one's turn."""
    if lab.text.lower() in QA_LABELS:
        return False  # `Q: Does Ana Vell Agree?` asks
    if text[text.rfind("\n", 0, lab.pos) + 1 : lab.pos].strip():
        return False  # inline (`... Ana Vell: Yes, Westport. Tom Reed: Good.`): a turn
    end = text.find("\n", lab.body)
    return title_case_line(text[lab.body : end if end >= 0 else len(text)])


def _opens_quotation(text: str, body: int) -> bool:
    """The words after a label start with a quotation mark."""
    return text[body : body + 3].lstrip()[:1] in OPENERS


def _office_label(lab: Label, *context: Any) -> bool:
    """A label that gives an office (`President of Russia`, `The President`)."""
    return any(w.lower() in ROLE_WORDS for w in lab.text.split())


def _office_and_name(lab: Label) -> bool:
    """An office, then two capitalised words that are neither office nor place words (`Prime
    Minister of Ukraine Pia Salo`): a person, whether or not NER knows the name."""
    return _office_label(lab) and _ends_with_name(lab.text.split())


def _ends_with_name(words: list[str]) -> bool:
    """The label's last two words are no office, organisation, title or place words."""
    return len(words) > 2 and not any(_office(words, i) for i in (len(words) - 2, len(words) - 1))


def _bare_name(lab: Label, entities: Entities, lowered: frozenset[str]) -> bool:
    """`Ksenia Golovanova:`, a name by its form that NER may not know (it calls many Russian
    names places or organisations); not a heading, whose capitalised words the text also
    writes in lower case, maybe plural (`The Ninth Circle:`, `Delegate Update:`, `New
    Hampshire:`)."""
    return lab.name == lab.text and not any(
        w.lower() in lowered or f"{w.lower()}s" in lowered
        for w in lab.text.split()
        if w[:1].isupper()
    )


_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")

# Why a label is kept in a transcript (two kept labels, or offices with names) when no rule of
# `LABEL_RULES` keeps it, in order. Each is `(label, entities, the text's lowercase words)`.
TRANSCRIPT_LABEL_RULES = (
    Rule("office_label", _office_label),  # `The President:` is whoever holds the office
    Rule("name_label", _bare_name),
)


def label_speakers(doc: Findings, resolver: Resolver) -> dict[int, Resolved]:
    """The speaker of every kept named label, by label position.

    Names come from the label's own form (doubled, bare, or ending with another label's bare
    name), else from NER on the label; a label with an office and no name is the person who
    holds that office in the article, as another label or the narrative gives it (`President
    of Russia Sven Ostby held talks ...`), the holder named nearest to the label.
    """
    out: dict[int, Resolved] = {}
    office_only: list[Label] = []
    for turn in doc.turns:
        lab = turn.label
        if lab.text.lower() in QA_LABELS:
            continue
        named = _named(lab, resolver.entities)
        if named is not None:
            out[lab.pos] = named
        else:
            office_only.append(lab)
    holders = [(pos, r.speaker, r.role) for pos, r in out.items() if r.role]
    holders += [(pos, person, role) for pos, person, role in resolver.roles]
    for lab in office_only:
        fits = [(abs(pos - lab.pos), person, role) for pos, person, role in holders]
        fits = [(d, person, role) for d, person, role in fits if role_matches(lab.text, role or "")]
        if fits:
            _, person, role = min(fits)
            out[lab.pos] = Resolved(person, lab.text, role, "person")
        else:
            out[lab.pos] = resolver.resolve(lab.text, lab.pos, None)
    return out


def _named(lab: Label, entities: Entities) -> Resolved | None:
    """The person a label names by its form or by NER, or None for an office alone."""
    if lab.name is not None:
        return Resolved(lab.name, lab.text, lab.role, "person")
    words = lab.text.split()
    people = [(s, e) for kind, s, e in entities.get(lab.text, ()) if kind == "PERSON"]
    ends_with_person = [s for s, e in people if e >= len(lab.text.rstrip(". ")) - 1]
    if ends_with_person:
        start = _name_start(words, len(lab.text[: ends_with_person[-1]].split()))
    elif _ends_with_name(words):
        start = len(words) - 2  # NER missed the name: `... of Armenia Eda Orvik`
    else:
        return None
    role = " ".join(words[:start])
    while role.split()[:1] and role.split()[0].lower() in ("the", "a", "an"):
        role = role.split(" ", 1)[1] if " " in role else ""
    return Resolved(" ".join(words[start:]), lab.text, role or None, "person")


def _name_start(words: list[str], start: int) -> int:
    """Where the person's name begins in a label, given where NER's PERSON begins: words of an
    office or a place (`Federation` Sven Ostby, `of Moscow` Lena Vint) are dropped,
    a lone surname takes the capitalised word before it, and a name has at most three words."""

    while start < len(words) - 1 and _office(words, start):
        start += 1
    if start == len(words) - 1 and start > 0 and not _office(words, start - 1):
        start -= 1
    return max(start, len(words) - 3)


def _office(words: list[str], i: int) -> bool:
    """Word `i` of a label belongs to an office or a place, not to a name: lowercase, a role
    or organisation noun, a title, or the word after `of`/`the`."""
    word = words[i]
    low = word.lower().strip(".")
    return (
        not word[0].isupper()
        or low in ROLE_WORDS | ORG_HEADS | TITLE_GENDER.keys()
        or i > 0
        and words[i - 1] in CONNECTORS
    )


def turn_quotes(
    doc: Findings, idx: int, resolver: Resolver, speakers: dict[int, Resolved]
) -> list[dict[str, Any]]:
    """One transcript Quote per paragraph of a turn."""
    turn = doc.turns[idx]
    qa = QA_LABELS.get(turn.label.text.lower())
    if qa == "question":
        resolved = Resolved(None, turn.label.text, None, "other")
    elif qa == "answer":
        resolved = _answer_speaker(doc, idx, speakers, turn.label.text, resolver)
    else:
        resolved = speakers[turn.label.pos]
        if resolved.kind == "person":
            resolver.note(turn.label.pos, resolved)
    out = []
    rule = _QA_RULES.get(qa, turn.rule)
    for p_start, p_end in doc.paragraphs:
        start, end = max(turn.start, p_start), min(turn.end, p_end)
        for piece in _without_editorial_notes(doc.text, start, end):
            out.append(quote_record(piece, "transcript", resolved, ":", rule))
    return out


def _without_editorial_notes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The turn's span without the editor's notes (the writer's words) inside it."""
    pieces: list[tuple[int, int]] = []
    for note_start, note_end in editorial_notes(text, start, end):
        pieces.append((start, note_start))
        start = note_end
    pieces.append((start, end))
    return [span for s, e in pieces if (span := trim_span(text, s, e))]


# The rule a Q/A turn's quote names (another turn names the rule that kept its label).
_QA_RULES = {"question": "qa_question", "answer": "qa_answer"}


def _answer_speaker(
    doc: Findings, idx: int, speakers: dict[int, Resolved], label: str, resolver: Resolver
) -> Resolved:
    """`Answer:` is the interviewee: the last named turn, else the person named most before the
    first turn."""
    for turn in reversed(doc.turns[:idx]):
        if turn.label.pos in speakers:
            return replace(speakers[turn.label.pos], as_written=label)
    first = doc.turns[0].label.pos
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
    is about (`Q&A with Kai Brandt ... Brandt mocked ... replace Justice Oda Orvik`)."""
    surnames = [person.split()[-1] for person in people]
    counts = Counter(surnames)
    best = max(range(len(people)), key=lambda i: (counts[surnames[i]], i))
    return max((p for p, s in zip(people, surnames, strict=True) if s == surnames[best]), key=len)
