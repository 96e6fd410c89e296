"""Speakers written as a description (`the company said`, `the striker said`) resolve to the
one organisation or person the text leaves, else stay as written: tables of texts with the
NER labels a sentence would get, and the speaker each description resolves to. No spaCy:
`analyse` is NER-free and the entities are given per sentence."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.descriptions import context_sentences, description, resolve_description

# (phrase, (head, is an organisation) or None when it is no listed description)
DESCRIPTIONS = [
    ("the company", ("company", True)),
    ("The firm", ("firm", True)),
    ("the airline", ("airline", True)),
    ("the striker", ("striker", False)),
    ("the former striker", ("striker", False)),  # a listed modifier
    ("The actress", ("actress", False)),
    ("the Harbour striker", None),  # a capitalised word: a name, left to NER
    ("the report", None),  # no listed head
    ("company", None),  # no determiner: not the description written in news
    ("a company", None),  # an indefinite introduces someone new
]


@pytest.mark.parametrize(("phrase", "expected"), DESCRIPTIONS)
def test_description(phrase: str, expected: tuple[str, bool] | None) -> None:
    found = description(phrase)
    assert (tuple(found) if found else None) == expected


# (text, NER entities as (words, label), description as written, expected speaker)
CASES = [
    (  # the one organisation the lead names as a subject
        "Vellcorp is to close its Harbour plant. The company said demand had fallen.",
        [("Vellcorp", "ORG"), ("Harbour", "GPE")],
        "The company",
        "Vellcorp",
    ),
    (  # two organisations as subjects: never guess between two
        "Vellcorp is to buy Quillco. Quillco has struggled for years. The firm said it agreed.",
        [("Vellcorp", "ORG"), ("Quillco", "ORG")],
        "The firm",
        None,
    ),
    (  # named only in passing, not as a subject
        "Shares rose after a deal with Vellcorp. The firm said it was pleased.",
        [("Vellcorp", "ORG")],
        "The firm",
        None,
    ),
    (  # named once outside the lead, as a subject: a passing mention
        "Profits fell at the group.\n\nSales were weak.\n\nQuillco, a supplier, grew. "
        "The company said it would cut jobs.",
        [("Quillco", "ORG")],
        "The company",
        None,
    ),
    (  # a sentence's first word that the text writes in lower case is no name
        "House prices rose again. A house costs more. The bank said lending fell.",
        [("House", "ORG")],
        "The bank",
        None,
    ),
    (  # a public body is no company
        "The Harbour Senate passed the bill. The company said it would comply.",
        [("Harbour Senate", "ORG")],
        "The company",
        None,
    ),
    (  # a name before a description's head modifies it (`Outside Vell firm`)
        "Outside Vell firm spends big. The firm said it would spend more.",
        [("Vell", "ORG")],
        "The firm",
        None,
    ),
    (  # NER tags a person's surname ORG; the context names the person in full
        "Tom Vell Kent was the co-pilot. Kent had flown for years. The airline said he was "
        "trained.",
        [("Tom Vell Kent", "PERSON"), ("Kent", "ORG")],
        "The airline",
        None,
    ),
    (  # the subject the narrative is about, not the last name written
        "Meanwhile, Tom Vell believes the side can win. Vell will captain the side in place "
        "of the suspended Sam Dorr. And the striker said he was ready.",
        [("Tom Vell", "PERSON"), ("Vell", "PERSON"), ("Sam Dorr", "PERSON")],
        "the striker",
        "Vell",
    ),
    (  # a surname subject that NER calls ORG: the person the context names in full
        "Meanwhile, Tom Vell believes the side can win. Vell will captain the side. And the "
        "striker said he was ready.",
        [("Tom Vell", "PERSON"), ("Vell", "ORG")],
        "the striker",
        "Tom Vell",
    ),
    (  # a pronoun subject refers further back
        "Ana Kell scored twice on Sunday. She was named the best player. The striker said "
        "she was proud.",
        [("Ana Kell", "PERSON")],
        "The striker",
        "Ana Kell",
    ),
    (  # the nearest subject is no person: the narrative has moved on
        "Ana Kell met Tom Vell in 2003. The documentary sparked a storm. In the film, the "
        "singer said he saw nothing wrong.",
        [("Ana Kell", "PERSON"), ("Tom Vell", "PERSON")],
        "the singer",
        None,
    ),
    (  # an organisation as the subject is no person
        "Harbour United will face Quill City on Sunday. The striker said they would win.",
        [("Harbour United", "ORG"), ("Quill City", "ORG")],
        "The striker",
        None,
    ),
]


def _entities(text: str, labels: list[tuple[str, str]]) -> dict:
    """Per sentence, the given names where they stand, as NER on that sentence reports them."""
    doc = analyse(text)
    out = {}
    for s, e in doc.sentences:
        sentence = text[s:e]
        found = []
        for words, label in labels:
            at = sentence.find(words)
            while at >= 0:
                end = at + len(words)
                inside = any(x <= at and end <= y and (x, y) != (at, end) for _, x, y in found)
                if not inside and (end == len(sentence) or not sentence[end].isalpha()):
                    found.append((label, at, end))
                at = sentence.find(words, at + 1)
        out[sentence] = tuple(sorted(found, key=lambda f: f[1]))
    return out


@pytest.mark.parametrize(("text", "labels", "written", "expected"), CASES)
def test_resolve_description(
    text: str, labels: list[tuple[str, str]], written: str, expected: str | None
) -> None:
    doc = analyse(text)
    resolved = resolve_description(doc, _entities(text, labels), written, text.index(written))
    assert (resolved.speaker if resolved else None) == expected


def test_context_sentences_are_those_before_a_description() -> None:
    """NER is asked about the sentences before `the company said`, not the one it stands in."""
    text = 'Vellcorp is to close a plant. Sales fell. "We must act," the company said.'
    sentences = context_sentences(analyse(text))
    assert sentences == {"Vellcorp is to close a plant.", "Sales fell."}
