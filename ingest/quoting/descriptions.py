"""Speakers written as a description that refers back to someone the article names: `the
company said` after `Shares in Vellcorp fell`, `And the striker said` after `Vell will
captain the side in place of the suspended Sam Dorr`.

A wrong name is worse than a description, so a description resolves only when the text
leaves one candidate: for an organisation, the one organisation that the subjects of the
opening's or of the nearby sentences name; for a person, the named subject of the nearest
narrative sentence before it, which is whom the narrative is about (not the last name
written, `Sam Dorr`). Otherwise it stays as written.

NER runs on short phrases only (`ner`), so `context_sentences` lists the sentences these
rules read, for `analyse` to add to the phrases NER labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from ingest.quoting.lexicon import PRONOUNS
from ingest.quoting.lexicon_descriptions import (
    DESCRIPTION_MODIFIERS,
    ORG_DESCRIPTIONS,
    PERSON_DESCRIPTIONS,
    PUBLIC_BODY_WORDS,
)
from ingest.quoting.model import Findings, Resolved
from ingest.quoting.sentence_subjects import sentence_subject

Entities = dict[str, tuple[tuple[str, int, int], ...]]
Span = tuple[int, int]

# How many narrative sentences before the description's own sentence a person may be named
# in as the subject: further back, the narrative has usually moved on to someone else.
_LOOKBACK = 3


class Known(Protocol):
    """A speaker or mention resolved before (`resolve.Resolver.mentions`)."""

    name: str
    kind: str


class Description(NamedTuple):
    """A description speaker: its head word and whether it means an organisation."""

    head: str
    org: bool


def description(np: str) -> Description | None:
    """`the company`, `the former striker`: `the`, listed modifiers, a listed head."""
    words = np.split()
    if len(words) < 2 or words[0].lower() != "the":
        return None
    head = words[-1]
    if not all(w in DESCRIPTION_MODIFIERS for w in words[1:-1]):
        return None
    if head in ORG_DESCRIPTIONS:
        return Description(head, True)
    if head in PERSON_DESCRIPTIONS:
        return Description(head, False)
    return None


def _narrative(doc: Findings, span: Span) -> bool:
    """A sentence that opens outside every quotation: the article's own words."""
    return not any(p.open_pos <= span[0] < p.end for p in doc.pieces)


def _opening_end(doc: Findings) -> int:
    """Where the first two paragraphs end: the lead names what the story is about."""
    return doc.paragraphs[min(1, len(doc.paragraphs) - 1)][1] if doc.paragraphs else 0


def _before(doc: Findings, pos: int) -> list[Span]:
    """The narrative sentences that end before the description's own sentence, nearest last."""
    own = next((s for s, e in doc.sentences if s <= pos < e), pos)
    return [span for span in doc.sentences if span[1] <= own and _narrative(doc, span)]


def _context(doc: Findings, pos: int, org: bool) -> list[Span]:
    """The sentences a description is read against: for an organisation the opening and the
    sentences just before it; for a person only the latter."""
    before = _before(doc, pos)
    near = before[-_LOOKBACK:]
    if not org:
        return near
    opening = [span for span in before if span[1] <= _opening_end(doc)]
    return sorted(set(opening) | set(near))


def context_sentences(doc: Findings) -> set[str]:
    """The sentence texts the description rules will ask NER about."""
    spans: set[Span] = set()
    speakers = [(p.np, p.np_pos) for p in doc.pieces if p.np]
    speakers += [(s.np, s.np_pos) for s in doc.indirect if s.np]
    for np, pos in speakers:
        found = description(np)
        if found:
            spans |= set(_context(doc, pos, found.org))
    return {doc.text[s:e] for s, e in spans}


def resolve_description(
    doc: Findings, entities: Entities, np: str, pos: int, known: Iterable[Known] = ()
) -> Resolved | None:
    """The organisation or person a description refers back to, or None when the text does
    not leave exactly one; the persons among the `known` speakers and mentions so far can be
    no organisation (NER tags some of their names ORG in a sentence: `Vell said that`)."""
    found = description(np)
    if found is None:
        return None
    if found.org:
        people = [k.name for k in known if k.kind == "person"]
        name = _organisation(doc, entities, pos, people)
        return Resolved(name, np, None, "org") if name else None
    person = _subject_person(doc, entities, pos)
    return Resolved(person, np, None, "person") if person else None


def _org_name(name: str) -> str:
    """`the Vellcorp's` -> `Vellcorp`: how an organisation is named as a speaker."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    out = " ".join(words)
    for ending in ("'s", "’s", "'", "’"):
        if out.endswith(ending):
            return out[: -len(ending)]
    return out


def _subject_entities(
    doc: Findings, entities: Entities, span: Span, label: str
) -> list[tuple[str, int]]:
    """The entities of one label that the sentence's subject is or holds (`Tom Vell`,
    `Vellcorp`, `Harbour United's response`), read from NER on the whole sentence, each with
    where it ends in the article (what follows it tells a name from a modifier)."""
    s, e = span
    sentence = doc.text[s:e]
    subject = sentence_subject(sentence, s, "")
    if subject is None:
        return []
    a = subject.pos - s
    b = a + len(subject.np)
    return [
        (sentence[x:y], s + y)
        for kind, x, y in entities.get(sentence, ())
        if kind == label
        and (x <= a and b <= y or a <= x <= y <= b and _ends_subject(sentence[y:b]))
    ]


def _modifies_head(text: str, end: int) -> bool:
    """`Outside Vell firm spends ...`: a name followed by a description's head word is that
    word's modifier, not the organisation itself."""
    after = text[end:].split(maxsplit=1)
    return bool(after) and after[0].strip(".,;:") in ORG_DESCRIPTIONS | PERSON_DESCRIPTIONS


def _ends_subject(rest: str) -> bool:
    """An entity that ends the subject (`media group Vellcorp`, `Ms Vell`), not one that
    modifies what the subject is (`Vellcorp's subsidiary brands`)."""
    return not rest.strip(" '’s")


def _common_word(text: str, name: str) -> bool:
    """`House prices have risen`: one capitalised word that the text also writes in lower
    case is a sentence's first word, not a name."""
    return " " not in name and f" {name.lower()} " in text


# How often the story names an organisation (outside its opening) before a description can
# mean it: the company a story is about is named in its lead or again and again; one named
# once further down is usually a passing mention (`Quillco USA, the company's American
# business`).
_TIMES_NAMED = 2


def _named_again(text: str, name: str, pos: int) -> bool:
    """The name occurs at least `_TIMES_NAMED` times before the description."""
    return text.count(name, 0, pos) >= _TIMES_NAMED


def _entity_texts(doc: Findings, entities: Entities, spans: list[Span], label: str) -> list[str]:
    """The words NER tags `label` in the given sentences."""
    out = []
    for s, e in spans:
        sentence = doc.text[s:e]
        out += [sentence[x:y] for kind, x, y in entities.get(sentence, ()) if kind == label]
    return out


def _surnames(people: list[str]) -> frozenset[str]:
    """Last words of the names of people known by a full name (`Tom Vell Kent`), so
    that `Kent, the plane's co-pilot` is not taken for an organisation when NER tags it ORG;
    a one-word speaker (`Vellcorp said`) may be an organisation resolved as a person."""
    return frozenset(words[-1] for words in map(str.split, people) if len(words) > 1)


def _organisation(doc: Findings, entities: Entities, pos: int, people: list[str]) -> str | None:
    """The one organisation that the opening's or the nearby sentences' subjects name
    (`Vellcorp said ...`, `Quill Airways is to halt ...`). An organisation named only in
    passing (`its new Quillguard technology`, `the Harbour Park ground`, `following Vell
    Bank`) is no candidate: NER misses many company names, and a passing one would then be
    the only one left."""
    names: dict[str, str] = {}
    lead = _opening_end(doc)
    spans = _context(doc, pos, org=True)
    surnames = _surnames(people + _entity_texts(doc, entities, spans, "PERSON"))
    for span in spans:
        for found, end in _subject_entities(doc, entities, span, "ORG"):
            name = _org_name(found)
            if not name or _common_word(doc.text, name) or _modifies_head(doc.text, end):
                continue
            if PUBLIC_BODY_WORDS & set(name.lower().split()):
                continue  # `Harbour Senate`: no company, firm or club
            if name.split()[-1] in surnames:
                continue
            if span[1] <= lead or _named_again(doc.text, name, pos):
                names.setdefault(name.lower(), name)
    return next(iter(names.values())) if len(names) == 1 else None


def _subject_person(doc: Findings, entities: Entities, pos: int) -> str | None:
    """The person NER finds in the subject of the nearest narrative sentence before `pos`;
    a pronoun subject refers further back, so it is passed over. Any other subject (`The
    documentary sparked ...`, `Harbour will ...`) or none found means the narrative is not
    plainly about one person there, so None. A one-word subject that is the surname of one
    person the context names in full is that person (`Tom Vell believes ... Vell will
    captain ...`), though NER on its sentence may call it ORG."""
    spans = _context(doc, pos, org=False)
    full = _entity_texts(doc, entities, spans, "PERSON")
    for s, e in reversed(spans):
        sentence = doc.text[s:e]
        subject = sentence_subject(sentence, s, "")
        if subject is not None and subject.np.lower() in PRONOUNS:
            continue
        people = {name for name, _ in _subject_entities(doc, entities, (s, e), "PERSON")}
        if not people and subject is not None and " " not in subject.np:
            people = {n for n in full if len(n.split()) > 1 and n.split()[-1] == subject.np}
        return people.pop() if len(people) == 1 else None
    return None
