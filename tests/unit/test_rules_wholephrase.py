"""A speaker is a whole noun phrase, never its modifier (`wholephrase`, issue 17): one table
row per rule, NER-free (`analyse`). The names are invented."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.wholephrase import document_owner, modified_head

# (case, text, speaker phrase of its statement or quote)
SPEAKERS = [
    (
        "plural_head_with_modifier",
        "Other analysts said the harbour would reopen.",
        "Other analysts",
    ),
    (
        "plural_head_with_name_modifier",
        "Portview pilots said the harbour would reopen in spring.",
        "Portview pilots",
    ),
    (
        "name_after_descriptor",
        "Shipping firm Norvale said that the harbour would reopen.",
        "Norvale",
    ),
    (
        "name_after_two_descriptors",
        "Dutch shipping firm Norvale said that the harbour would reopen.",
        "Norvale",
    ),
    (
        "name_after_bracketed_descriptor",
        'Harbour service provider (HSP) Norvale backed the plan, saying "we are happy with it".',
        "Norvale",
    ),
    ("number_ends_a_name", "Radio 4 said the pier would close for a week.", "Radio 4"),
    (
        "document_speaks_for_owner",
        'Portview\'s statement added: "The pier will close for a week."',
        "Portview",
    ),
    (
        "participle_phrase_without_comma",
        'Laying into the harbour board she said: "We will rebuild the pier."',
        "she",
    ),
    (
        "participle_phrase_before_urged",
        "Speaking to the harbour board he urged the council to rebuild the pier.",
        "he",
    ),
    (
        "report_noun_after_quantifier",
        "Multiple news reports said the harbour would reopen next year.",
        "Multiple news reports",
    ),
    (
        "report_noun_after_other",
        'Other reports claimed the board had "no plan at all to reopen".',
        "Other reports",
    ),
    (
        "report_noun_heads_coordinated_subject",
        "Multiple news reports and a detailed account from Portview Gazette’s editor Ana Vell’s"
        " book Harbour Days, reveal there were more than “one or two delays.”",
        "Multiple news reports",
    ),
    (
        "report_verb_after_a_noun",
        "The agency reports that the harbour will reopen in spring.",
        "The agency",
    ),
    (
        "report_verb_after_a_name",
        "Norvale reports that the harbour will reopen in spring.",
        "Norvale",
    ),
    (
        "name_before_unlisted_verb_stays",
        'Orlo went after the board, calling it "a disgrace to the town".',
        "Orlo",
    ),
]


def _speakers(text: str) -> set[str]:
    found = analyse(text)
    return {s.np for s in found.indirect} | {p.np for p in found.pieces if p.np}


@pytest.mark.parametrize(("case", "text", "np"), SPEAKERS, ids=[r[0] for r in SPEAKERS])
def test_speaker_is_the_whole_phrase(case: str, text: str, np: str) -> None:
    assert _speakers(text) == {np}


# `Having said that, ...` opens a phrase: no statement, no speaker
NO_SPEAKERS = [
    "Having said that, the pier will close for a week.",
    "Having announced that the pier would close, the board met again.",
]


@pytest.mark.parametrize("text", NO_SPEAKERS)
def test_an_auxiliary_participle_names_no_speaker(text: str) -> None:
    assert _speakers(text) == set()


# (words, where the speaker starts, or None)
MODIFIED_HEADS = [
    ("Other analysts", 0),
    ("US phone company Norvale", 3),
    ("Former union leader Sir Dana Orlo", 3),
    ("Radio 4", 0),
    ("The Portview ad hits Orlo", None),  # an -s descriptor is as often a verb
    ("Pelk's campaign shrugged off Orlo's", None),  # a clause, not a noun phrase
    ("Dana Orlo", None),  # a name as it stands
    ("Portview pilots'", None),  # a possessive is no speaker
    ("analysts said", None),
]


@pytest.mark.parametrize(("words", "head"), MODIFIED_HEADS, ids=[r[0] for r in MODIFIED_HEADS])
def test_modified_head(words: str, head: int | None) -> None:
    assert modified_head(words.split()) == head


DOCUMENT_OWNERS = [
    ("Portview's statement", ("Portview", 0)),
    ("Norvale Shipping’s report", ("Norvale Shipping", 0)),
    ("Orlo's office", None),  # an office speaks as itself
    ("His statement", None),  # the sender, found by `documents`
]


@pytest.mark.parametrize(("np", "owner"), DOCUMENT_OWNERS, ids=[r[0] for r in DOCUMENT_OWNERS])
def test_document_owner(np: str, owner: tuple[str, int] | None) -> None:
    assert document_owner(np) == owner
