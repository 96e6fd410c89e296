"""Quote extraction on the sample article (tables of its quotes), offset invariants and the
hypothesis property tests, the noun-object statement table, and `np_from_left` cases. Single
tricky cases are rows of the tables in `test_rules_quotes.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.quotes import extract_quotes, extract_quotes_many
from ingest.quoting.subjects import np_from_left
from ingest.types import Quote

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "articles.jsonl"
LAVROV, PESKOV = "Sergei Lavrov", "Dmitry Peskov"

# The sample's twelve direct quotations, by their opening words, with the expected speaker.
SAMPLE_DIRECT = [
    ("There is no positive reaction", LAVROV),
    ("The main problem is our clear position", LAVROV),  # continuation paragraph
    ("We present non-verbal promises", LAVROV),
    ("This principle is clearly established", LAVROV),  # "added the Russian foreign minister"
    ("In other words, the right to choose", LAVROV),
    ("There is a reaction there", LAVROV),  # "he said"
    ("The president has already read", PESKOV),
    ("All the papers are with the president", PESKOV),  # same paragraph, after attribution
    ("The reaction should not be delayed", PESKOV),  # "he said"
    ("It cannot be said that our considerations", PESKOV),
    ("He heard the statement from both", PESKOV),  # "added Kron"
    ("There is little reason for optimism", PESKOV),  # "he said"
]


def by_start(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(words))


# The sample's other fields, by a quote's opening words: (case, words, {field: value})
SAMPLE_FIELDS = [
    (
        "a_role_phrase_after_the_quote",
        "This principle is clearly established",
        {
            "speaker_as_written": "the Russian foreign minister",
            "role": "Russian Foreign Minister",
            "cue": "added",
        },
    ),
    (
        "a_pronoun_after_the_quote",
        "There is a reaction there",
        {"speaker_as_written": "he", "cue": "said"},
    ),
    ("a_role_from_the_article", "The president has already read", {"role": "Kremlin spokesman"}),
    (
        "an_indirect_statement_after_explained",
        "the US and NATO had previously agreed in the OSCE context",
        {"kind": "indirect", "speaker": LAVROV, "cue": "explained"},
    ),
]


@pytest.fixture(scope="module")
def sample() -> tuple[str, list[Quote]]:
    with open(SAMPLES, encoding="utf-8") as fh:
        text = json.loads(fh.readline())["text"]
    return text, extract_quotes(text)


def test_the_sample_has_its_direct_quotes(sample: tuple[str, list[Quote]]) -> None:
    _, quotes = sample
    direct = [q.text for q in quotes if q.kind == "direct"]
    assert len(direct) == len(SAMPLE_DIRECT), direct


@pytest.mark.parametrize(
    ("index", "row"), enumerate(SAMPLE_DIRECT), ids=[r[0] for r in SAMPLE_DIRECT]
)
def test_sample_direct_quote(
    sample: tuple[str, list[Quote]], index: int, row: tuple[str, str]
) -> None:
    text, quotes = sample
    words, speaker = row
    quote = [q for q in quotes if q.kind == "direct"][index]
    assert quote.text.startswith(words), quote.text
    assert quote.speaker == speaker, words
    assert text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("case", "words", "fields"), SAMPLE_FIELDS, ids=[r[0] for r in SAMPLE_FIELDS]
)
def test_sample_fields(
    sample: tuple[str, list[Quote]], case: str, words: str, fields: dict
) -> None:
    quote = by_start(sample[1], words)
    assert {field: getattr(quote, field) for field in fields} == fields


def test_the_sample_indirect_statement_ends_with_its_clause(
    sample: tuple[str, list[Quote]],
) -> None:
    quote = by_start(sample[1], "the US and NATO had previously agreed in the OSCE context")
    assert quote.text.endswith("at the expense of Russia’s security")


def test_output_is_sorted_and_batch_equals_single(sample: tuple[str, list[Quote]]) -> None:
    text, quotes = sample
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert extract_quotes_many([text, "No quotes here."]) == [quotes, []]


# Fragments that exercise every pass: marks, paragraph breaks, names, cues and labels.
QUOTE_TEXT = st.lists(
    st.sampled_from(
        list("ab Zy.,:;\n\"“”‘’'")
        + ["Smith", " said", " he said", "Question: ", "Answer: ", "Mr Putin: ", " that "]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(QUOTE_TEXT)
def test_offsets_always_slice_the_recorded_text(text: str) -> None:
    quotes = extract_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for quote in extract_quotes(text):
        assert text[quote.start : quote.end] == quote.text


# Whether a speaker phrase is found left of a verb, without spaCy: (case, text, verb, found)
NP_FROM_LEFT = [
    (
        "a_quoted_title_before_a_verb_is_no_subject",
        "Ortiz went on to praise “Harbor Nights,” ",
        "note",
        False,
    ),
    ("an_apposition_before_a_verb_is_a_subject", "The mayor, Dana Ortiz, ", "said", True),
]


@pytest.mark.parametrize(
    ("case", "text", "verb", "found"), NP_FROM_LEFT, ids=[r[0] for r in NP_FROM_LEFT]
)
def test_np_from_left(case: str, text: str, verb: str, found: bool) -> None:
    assert (np_from_left(text, 0, verb) is not None) == found


# Reported statements with a noun-phrase object, one case per verb family of `_NOUN_OBJECTS`:
# (family, text, speaker, cue, statement)
NOUN_OBJECT_CASES = [
    (
        "stated_the_need",
        "President of Westland Ivan Petrov met the envoy. The President stated the need to "
        "impose preventive sanctions on the aggressor.",
        "Ivan Petrov",
        "stated",
        "the need to impose preventive sanctions on the aggressor",
    ),
    (
        "stressed_the_importance",
        "Anna Berg stressed the importance of reopening the northern ports.",
        "Anna Berg",
        "stressed",
        "the importance of reopening the northern ports",
    ),
    (
        "expressed_gratitude",
        "Tom Reed expressed gratitude to Eastland for its steady support.",
        "Tom Reed",
        "expressed",
        "gratitude to Eastland for its steady support",
    ),
    (
        "expressed_concern",
        "Anna Berg expressed concern over the rising price of bread.",
        "Anna Berg",
        "expressed",
        "concern over the rising price of bread",
    ),
    (
        "called_for",
        "Tom Reed called for a ceasefire along the whole front line.",
        "Tom Reed",
        "called for",
        "a ceasefire along the whole front line",
    ),
    (
        "welcomed",
        "Anna Berg welcomed the decision to open the border crossings.",
        "Anna Berg",
        "welcomed",
        "the decision to open the border crossings",
    ),
    (
        "urged_to",
        "Tom Reed urged the partners to speed up the deliveries of fuel.",
        "Tom Reed",
        "urged",
        "the partners to speed up the deliveries of fuel",
    ),
    (
        "condemned",
        "Anna Berg condemned the shelling of the harbour district.",
        "Anna Berg",
        "condemned",
        "the shelling of the harbour district",
    ),
    (
        "noted_the_need",
        "Tom Reed noted the need for new talks on the river treaty.",
        "Tom Reed",
        "noted",
        "the need for new talks on the river treaty",
    ),
]


@pytest.mark.parametrize(
    ("family", "text", "speaker", "cue", "statement"),
    NOUN_OBJECT_CASES,
    ids=[c[0] for c in NOUN_OBJECT_CASES],
)
def test_reported_statement_with_a_noun_phrase_object(
    family: str, text: str, speaker: str, cue: str, statement: str
) -> None:
    found = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [(q.speaker, q.cue, q.text) for q in found] == [(speaker, cue, statement)]
