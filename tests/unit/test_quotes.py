"""Quote extraction and attribution: the sample article, tricky cases, and offset invariants."""

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
    ("He heard the statement from both", PESKOV),  # "added Peskov"
    ("There is little reason for optimism", PESKOV),  # "he said"
]


def sample_text() -> str:
    with open(SAMPLES, encoding="utf-8") as fh:
        return json.loads(fh.readline())["text"]


def by_start(quotes: list[Quote], words: str) -> Quote:
    return next(q for q in quotes if q.text.startswith(words))


def test_sample_direct_quotes_have_the_right_speakers() -> None:
    text = sample_text()
    quotes = extract_quotes(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == len(SAMPLE_DIRECT)
    for (words, speaker), quote in zip(SAMPLE_DIRECT, direct, strict=True):
        assert quote.text.startswith(words)
        assert quote.speaker == speaker, words
        assert text[quote.start : quote.end] == quote.text


def test_sample_roles_pronouns_and_cues() -> None:
    quotes = extract_quotes(sample_text())
    role_case = by_start(quotes, "This principle is clearly established")
    assert role_case.speaker_as_written == "the Russian foreign minister"
    assert role_case.role == "Russian Foreign Minister"
    assert role_case.cue == "added"
    pronoun_case = by_start(quotes, "There is a reaction there")
    assert (pronoun_case.speaker_as_written, pronoun_case.cue) == ("he", "said")
    assert by_start(quotes, "The president has already read").role == "Kremlin spokesman"


def test_sample_indirect_statement() -> None:
    quotes = extract_quotes(sample_text())
    indirect = by_start(quotes, "the US and NATO had previously agreed in the OSCE context")
    assert indirect.kind == "indirect"
    assert indirect.speaker == LAVROV
    assert indirect.cue == "explained"
    assert indirect.text.endswith("at the expense of Russia’s security")


def test_output_is_sorted_and_batch_equals_single() -> None:
    text = sample_text()
    quotes = extract_quotes(text)
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


def test_relative_clause_apposition_keeps_the_name() -> None:
    quotes = extract_quotes('Trump, who spoke for an hour, said that Rubio is "weak like a baby."')
    assert {q.speaker for q in quotes} == {"Trump"}
    assert any(q.kind == "indirect" for q in quotes)


def speaker_of(text: str, words: str) -> str | None:
    return by_start(extract_quotes(text), words).speaker


def indirect_texts(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(text) if q.kind == "indirect"]


def test_there_is_not_a_speaker() -> None:
    text = "There’s still time for Cruz, even after dismissing them as the “Washington cartel.”"
    assert all(q.speaker is None for q in extract_quotes(text))


def test_past_tense_verb_missing_from_the_lexicon_attributes_a_quote() -> None:
    assert speaker_of('"What was the pivot point?" Beck questioned.', "What was") == "Beck"
    text = (
        '"It is about time we had a woman running this country," exhorted actress Jamie Lee Curtis.'
    )
    assert speaker_of(text, "It is about") == "Jamie Lee Curtis"
    assert "Trump" not in {q.speaker for q in extract_quotes('He built the "wall" Trump wanted.')}


def test_an_attribution_that_introduces_the_next_quote_is_not_this_ones() -> None:
    text = (
        "Brafman said, “The zeal with which this case was brought is unusual.” He added, "
        "“In this case things happened that are not ordinary.”"
    )
    quotes = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [q.speaker_as_written for q in quotes] == ["Brafman", "He"]


def test_a_title_before_a_label_is_not_a_second_label() -> None:
    text = (
        "Dr. Ben Carson: Clinton Not Fit To Serve.\n\n"
        "Carson says Clinton is not fit to serve as president of the country.\n\n"
        "“She should be held fully accountable,” Carson concluded."
    )
    assert "transcript" not in {q.kind for q in extract_quotes(text)}


def test_fragments_are_not_speakers() -> None:
    text = (
        "Smith met the governors. The head of government said the region would recover.\n\n"
        "Andrei Kostin: Colleagues, let's continue with the agenda. Please.\n\n"
        "Yekaterina Ivanova: We are glad to be here today with you."
    )
    speakers = {q.speaker for q in extract_quotes(text)}
    assert "head of government" in speakers
    assert not speakers & {"head of", "let's"}


def test_a_new_subject_after_the_quote_ends_the_reported_clause() -> None:
    text = (
        'Smith called Jones a "nice guy" and he did not describe the other candidates at all '
        "during the interview."
    )
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [q.text for q in reported] == ['Jones a "nice guy"']


def test_a_reporting_verb_after_a_possessive_is_a_noun() -> None:
    text = "Brian Fallon responded on Twitter, calling Trump’s charge “pathetic” and “dangerous.”"
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [(q.text, q.cue) for q in reported] == [
        ("Trump’s charge “pathetic” and “dangerous.”", "calling")
    ]


def test_a_second_subject_in_a_reported_sentence_starts_its_own_statement() -> None:
    text = (
        "Rubio suggested that someone who does not answer questions cannot be president, "
        'while Cruz said that the "stakes in this election are too high" for Trump.'
    )
    reported = [(q.text[:14], q.speaker) for q in extract_quotes(text) if q.kind == "indirect"]
    assert reported == [("someone who do", "Rubio"), ('the "stakes in', "Cruz")]


def test_a_colon_quote_before_a_closing_attribution_is_the_statement() -> None:
    text = (
        'Later, the coach hinted at a change of heart: "We will keep him on the team," '
        "she told the local paper."
    )
    statements = indirect_texts(text)
    assert [t for t, _, _ in statements] == ['"We will keep him on the team,"']


def test_a_name_alone_before_a_colon_labels_the_quote() -> None:
    text = (
        'Ortiz: "We will fix the harbor first." Lee: "The roads come first." '
        "WHY TOWNS DIFFER - Dana Park and Eli Stone: “The money follows the roads.”"
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes[:2]] == ["Ortiz", "Lee"]
    assert quotes[2].speaker in ("Dana Park", "Eli Stone")


def test_a_quoted_title_before_a_verb_is_no_subject() -> None:
    assert np_from_left("Ortiz went on to praise “Harbor Nights,” ", 0, "note") is None
    assert np_from_left("The mayor, Dana Ortiz, ", 0, "said") is not None


def test_a_quantifier_opening_the_sentence_is_no_name() -> None:
    text = "Some Harbor Party members said the vote was “rigged from the start.”"
    assert indirect_texts(text)[0][1] != "Some Harbor Party"


def test_a_pronoun_after_an_opening_phrase_is_the_subject() -> None:
    text = 'At the dock this week she said the ferry plan was "dead in the water."'
    assert [(t, cue) for t, _, cue in indirect_texts(text)] == [
        ('the ferry plan was "dead in the water."', "said")
    ]


def test_an_epithet_speaker_is_the_person_the_article_opens_with() -> None:
    text = (
        "World champion Kelly Holmes has criticised the new track.\n\n"
        "Responding to a remark by club chairman Tony Blair, the Briton said: "
        '"It is far too slow."\n\n'
        'Later the 34-year-old added: "We will race anyway."'
    )
    direct = [q.speaker for q in extract_quotes(text) if q.kind == "direct"]
    assert direct == ["Kelly Holmes", "Kelly Holmes"]
    group = 'Kelly Holmes spoke first.\n\nThe Australians said: "We disagree."'
    assert extract_quotes(group)[0].speaker != "Kelly Holmes"


def test_an_article_and_a_common_noun_can_be_the_subject_of_a_participle() -> None:
    text = "The retired surgeon has given no details, saying only he was “refining some plans.”"
    assert indirect_texts(text)[0][1:] == ("retired surgeon", "saying")
    text = "One operative inside City Hall played it down, saying it was “not a big deal.”"
    assert indirect_texts(text)[0][1:] == ("operative", "saying")
    text = "The question of cost came up, prompting a reply that it was “under review.”"
    assert all(q[1] != "question" for q in indirect_texts(text))


def test_a_capitalised_verb_inside_a_name_is_no_verb() -> None:
    text = "“The race is close,” Ohio State University’s Ana Ortiz said."
    quote = by_start(extract_quotes(text), "The race")
    assert quote.cue == "said" and quote.speaker.endswith("Ana Ortiz")


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


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg welcomed the guests to the palace on Monday.",  # hosting, not a statement
        "Tom Reed expressed the parcel to the capital by train.",  # no feeling as the object
    ],
)
def test_noun_object_verbs_that_report_nothing(text: str) -> None:
    assert [q for q in extract_quotes(text) if q.kind == "indirect"] == []


def test_a_chained_called_for_reports_its_object() -> None:
    text = "Tom Reed thanked the envoy and called for more fuel deliveries to the north."
    found = [(q.cue, q.text) for q in extract_quotes(text) if q.kind == "indirect"]
    assert ("called for", "more fuel deliveries to the north") in found
