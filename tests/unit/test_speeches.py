"""A speech's first person is its speaker's when the headline says whose speech it is.

Two tables: the headline rules alone (`speeches.HEADLINE_RULES`, NER-free), and whole
extractions, where `I stress that ...` in the text takes the headline's speaker, and only then.
"""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.quoting.speeches import HEADLINE_RULES, speech_speaker

# (headline, the speaker it names or None, the first rule that matches it or None)
HEADLINES = [
    pytest.param(
        "Address by President of Westland Tom Reed to the Parliament",
        "President of Westland Tom Reed",
        "speech_by_speaker",
        id="an_address_by_an_office_and_a_name_ends_at_its_audience",
    ),
    pytest.param(
        "Speech by Ana Vell at the Harbour Forum in Westland",
        "Ana Vell",
        "speech_by_speaker",
        id="a_speech_by_a_name_ends_at_its_place",
    ),
    pytest.param(
        "The bridge will be rebuilt - address by the President of Westland",
        "President of Westland",
        "speech_by_speaker",
        id="an_address_after_the_summary_and_a_dash",
    ),
    pytest.param(
        "Stand firm: Video address of the President on the third day",
        "President",
        "speech_by_speaker",
        id="a_video_address_of_an_office_after_a_colon",
    ),
    pytest.param(
        "The port is ours - President Tom Reed's address to the residents of Westland",
        "President Tom Reed",
        "speakers_speech",
        id="the_speakers_address_after_the_summary",
    ),
    pytest.param(
        "Joint statement by Tom Reed and Ana Vell on the port",
        None,
        None,
        id="a_joint_statement_has_no_one_speaker",
    ),
    pytest.param(
        "Address by the President, the Speaker and the Prime Minister of Westland",
        None,
        "speech_by_speaker",
        id="an_address_by_three_offices_has_no_one_speaker",
    ),
    pytest.param(
        "Concert in support of the appeal of the people of Westland",
        None,
        None,
        id="a_speech_named_inside_a_sentence_is_about_it_not_it",
    ),
    pytest.param(
        "Tom Reed visited the port of Westland",
        None,
        None,
        id="a_headline_naming_no_speech",
    ),
    pytest.param(
        "Ana Vell said the bridge will be rebuilt - Tom Reed's visit to the port",
        None,
        None,
        id="a_speakers_visit_is_no_speech",
    ),
]


@pytest.mark.parametrize(("headline", "speaker", "rule"), HEADLINES)
def test_a_headline_names_the_speaker_of_its_speech(
    headline: str, speaker: str | None, rule: str | None
) -> None:
    assert speech_speaker(headline) == speaker
    first = next((r.name for r in HEADLINE_RULES if r.pattern.search(headline)), None)
    assert first == rule


def test_every_headline_rule_has_a_case() -> None:
    assert {r.name for r in HEADLINE_RULES} <= {p.values[2] for p in HEADLINES}


SPEECH = (
    "Dear Westlanders! Mr. President of the Council Ana Vell! I am glad to be here. "
    "I stress that the bridge must be rebuilt. We emphasize that the winter will be hard."
)
STATEMENTS = ("the bridge must be rebuilt", "the winter will be hard")

# (headline, text, the speaker of each first-person statement)
FIRST_PERSON = [
    pytest.param(
        "Address by President of Westland Tom Reed to the Parliament",
        SPEECH,
        "Tom Reed",
        id="the_name_after_the_office_in_the_headline",
    ),
    pytest.param(
        "The bridge must be rebuilt - speech by the President at the Forum",
        SPEECH,
        "President",
        id="an_office_alone_is_not_the_person_the_speech_addresses",
    ),
    pytest.param(
        "The bridge must be rebuilt - address by the President of Westland",
        SPEECH,
        "President of Westland",
        id="an_office_of_a_place_is_not_the_group_the_speech_addresses",
    ),
    pytest.param(
        "The bridge must be rebuilt - President Tom Reed's address",
        SPEECH,
        "Tom Reed",
        id="the_speakers_address",
    ),
    pytest.param("Joint statement by Tom Reed and Ana Vell", SPEECH, None, id="a_joint_statement"),
    pytest.param("Tom Reed visited the port", SPEECH, None, id="no_speech_in_the_headline"),
    pytest.param("", SPEECH, None, id="no_headline"),
]


@pytest.mark.parametrize(("headline", "text", "speaker"), FIRST_PERSON)
def test_a_speechs_first_person_is_its_speaker(
    headline: str, text: str, speaker: str | None
) -> None:
    quotes = [q for q in extract_quotes(text, headline) if q.text in STATEMENTS]
    assert len(quotes) == len(STATEMENTS)
    assert {q.speaker for q in quotes} == {speaker}


def test_a_first_person_that_is_told_is_not_the_source() -> None:
    """`I was told that ...` reports someone else's claim, not the speaker's."""
    text = "I was told that the port was closed. We have been assured that the bridge is safe."
    quotes = extract_quotes(text, "Address by President Tom Reed to the Parliament")
    assert {q.text for q in quotes} >= {"the port was closed", "the bridge is safe"}
    assert {q.speaker for q in quotes} == {None}


def test_the_speeches_speaker_is_no_referent_for_a_pronoun() -> None:
    """`He said` in a speech is someone the speaker talks about, never the speaker."""
    text = "I stress that the bridge must be rebuilt. He said that the port was ready."
    quotes = extract_quotes(text, "Address by President Tom Reed to the Parliament")
    speakers = {q.text: q.speaker for q in quotes}
    assert speakers == {"the bridge must be rebuilt": "Tom Reed", "the port was ready": None}


RECITALS = [
    pytest.param(
        'I will recall the words of Ana Vell: "The sea will always be ours."',
        "The sea will always be ours.",
        id="the_words_of_someone_the_speech_names",
    ),
    pytest.param(
        'I will start with a short quote. "Every song we hear makes us who we are."',
        "Every song we hear makes us who we are.",
        id="a_quote_the_speech_opens_with",
    ),
    pytest.param(
        'I stressed that the bridge must be rebuilt.\n\n"Every song we hear makes us who we are."',
        "Every song we hear makes us who we are.",
        id="a_quote_after_a_statement_of_the_speech_does_not_continue_it",
    ),
]


@pytest.mark.parametrize(("text", "words"), RECITALS)
def test_a_quotation_the_speech_recites_is_not_the_speakers(text: str, words: str) -> None:
    """Before `recited`, the headline's speaker took these: a speech's direct quotes are
    mostly the words of others it recites."""
    quotes = [q for q in extract_quotes(text, "Address by President Tom Reed") if q.text == words]
    assert quotes
    assert {q.speaker for q in quotes} <= {None, "Ana Vell"}
    assert "Tom Reed" not in {q.speaker for q in quotes}
