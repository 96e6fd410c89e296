"""A speaker is a name, a role noun phrase or an organisation, never a clause (`clausal`,
issue 17), and a row of appositions before `who` belongs to the name before it. The phrase
table needs no spaCy; the extraction table runs the whole extractor. The names are invented."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.quoting.clausal import without_clause

# (case, speaker phrase as a rule found it, the phrase kept, None for no speaker)
PHRASES = [
    ("auxiliary_and_adverb", "The Harbour Office has already", "The Harbour Office"),
    ("contracted_negation", "Its hosts don't", "Its hosts"),
    ("curly_contraction", "Its hosts don’t", "Its hosts"),
    ("modal_only", "a spokesman for Dana Orlo could only", "a spokesman for Dana Orlo"),
    ("do_support", "The two firms did not", "The two firms"),
    ("passive_group", "a reporter can be heard", "a reporter"),
    ("relative_clause", "Voters who were polled", "Voters"),
    ("whole_clause", "it had complied fully", None),
    ("have_ends_the_phrase", "Portview had", None),  # `said Portview had to set an example`
    ("adverb_before_auxiliary", "The occupiers still do not", "The occupiers"),
    ("clause_with_object", "Chapter 11 protection would enable it", None),
    ("no_subject", "was impressed", None),
    ("contracted_opener", "Shouldn't Portview", None),
    ("determiner_only", "the may", None),
    ("name_may", "Dana May", "Dana May"),
    ("name_will", "Will Orlo", "Will Orlo"),
    ("surname_alone", "May", "May"),
    ("plain_role", "the harbour master", "the harbour master"),
]


@pytest.mark.parametrize(("case", "np", "kept"), PHRASES, ids=[r[0] for r in PHRASES])
def test_a_speaker_phrase_is_never_a_clause(case: str, np: str, kept: str | None) -> None:
    assert without_clause(np) == kept


# (case, text, words the quote starts with, its speaker; None for no quote or no speaker)
EXTRACTED = [
    (
        "verb_group_after_subject",
        "The Harbour Office has already said the pier will close in May.",
        "the pier will close",
        "Harbour Office",
    ),
    (
        "contracted_auxiliary_subject",
        'The show is popular. Its hosts don\'t hesitate to report that "the pier has failed us".',
        "the pier has failed us",
        "hosts",
    ),
    (
        "who_after_age_and_place",
        '"It was the best weekend of my life," said Dana Orlo, 24, from Portview, who said '
        "she would come back next year.",
        "she would come back",
        "Dana Orlo",
    ),
    (
        "who_after_organisation",
        '"We loved it," said Ivo Marsh, of Harbor Group, who added that the pier was too short.',
        "the pier was too short",
        "Ivo Marsh",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "words", "speaker"), EXTRACTED, ids=[r[0] for r in EXTRACTED]
)
def test_extracted_speaker(case: str, text: str, words: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes(text) if q.text.startswith(words)]
    assert quotes, f"no quote starting {words!r}: {[q.text for q in extract_quotes(text)]}"
    assert {q.speaker for q in quotes} == {speaker}
