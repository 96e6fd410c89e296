"""Speaker phrases that name no one (`ingest/quoting/nobody.py`), as tables of made-up cases:
the words alone, then whole texts through extraction (spaCy on the speaker phrases)."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.quoting.nobody import (
    CommonWords,
    names_no_one,
    opens_sentence,
    owned_people,
    people_before_owner,
    time_phrase,
)

HARBOUR = (
    "Maybe the harbour will open in May. Let me be clear about it. We let them decide, and "
    "maybe they will. Dana Orlo said the city would pay. Analysts said that prices would rise."
)

# (case, one-word speaker, the text it was taken from, names no one)
WORDS = [
    ("a_modal", "can", HARBOUR, True),
    ("a_possessive_determiner", "our", HARBOUR, True),
    ("the_first_person_with_a_contraction", "I'm", HARBOUR, True),
    ("the_first_person_with_a_curly_contraction", "We’ve", HARBOUR, True),
    ("the_second_person_capitalised", "You", HARBOUR, True),
    ("an_adverb_that_opens_sentences", "Maybe", HARBOUR, True),
    ("an_imperative_that_opens_sentences", "Let", HARBOUR, True),
    ("a_country_written_in_capitals_is_no_pronoun", "US", HARBOUR, False),
    (  # a capital inside a sentence makes it a name
        "a_name_that_is_also_a_modal",
        "Will",
        "They asked Will. Will said no; the council will vote.",
        False,
    ),
    ("a_group_is_a_source", "Analysts", HARBOUR, False),
    ("a_surname", "Orlo", HARBOUR, False),
    ("an_opener_never_written_in_lower_case_may_be_a_name", "Such", "Such said no.", False),
]


@pytest.mark.parametrize(("case", "speaker", "text", "nobody"), WORDS, ids=[r[0] for r in WORDS])
def test_names_no_one(case: str, speaker: str, text: str, nobody: bool) -> None:
    assert names_no_one(speaker, CommonWords(text)) is nobody


# (case, speaker, is a time phrase that names no one)
TIMES = [
    ("a_weekday_after_on", "On Monday", True),
    ("a_weekday_alone", "Wednesday", True),
    ("an_owned_weekday", "Thursday's", True),
    ("an_owned_weekday_after_following", "Following Wednesday’s", True),
    ("a_weekday_after_after", "After Monday", True),
    ("a_month_after_last", "Last April", True),
    ("a_month_alone_may_be_a_name", "May", False),
    ("a_time_noun_alone_may_be_a_surname", "Day", False),
    ("a_name_with_a_time_word", "Tom Day", False),
    ("a_newspaper_named_for_a_weekday", "Sunday Courier", False),
]


@pytest.mark.parametrize(("case", "speaker", "time"), TIMES, ids=[r[0] for r in TIMES])
def test_time_phrase(case: str, speaker: str, time: bool) -> None:
    assert time_phrase(speaker) is time


# (case, text, offset of a word, opens its sentence)
OPENINGS = [
    ("the_text_start", "Maybe so.", 0, True),
    ("after_a_full_stop", "It is. Maybe so.", 7, True),
    ("after_a_colon_and_a_quotation_mark", 'He said: "Maybe so."', 10, True),
    ("a_new_paragraph", "It is\nMaybe so.", 6, True),
    ("inside_a_sentence", "It is Maybe so.", 6, False),
]


@pytest.mark.parametrize(("case", "text", "start", "opens"), OPENINGS, ids=[r[0] for r in OPENINGS])
def test_opens_sentence(case: str, text: str, start: int, opens: bool) -> None:
    assert opens_sentence(text, start) is opens


# (case, text, the statement's first words, speaker or None when it must not be extracted)
# (case, text, speaker phrase as written at the text's start, the owned people who speak)
OWNERS = [
    ("a_son", "Reed's son, Ola, defended his father.", "Reed's", "Reed's son"),
    ("advisers", "Ana Vell’s advisers have long insisted", "Ana Vell’s", "Ana Vell’s advisers"),
    (
        "a_hyphened_modifier",
        "Tom Reed’s right-hand woman rallied",
        "Tom Reed’s",
        "Tom Reed’s right-hand woman",
    ),
    (
        "within_three_words",
        "Vell's close friends and allies said",
        "Vell's",
        "Vell's close friends",
    ),
    ("an_office_speaks_for_its_owner", "Tom Reed's office announced", "Tom Reed's", None),
    ("a_statement_speaks_for_its_owner", "Ana Vell's statement said", "Ana Vell's", None),
    ("a_spokesman_speaks_for_his_owner", "Reed's spokesman said", "Reed's", None),
    ("a_contracted_pronoun_is_no_owner", "He's son of a miner, he said", "He's", None),
    ("a_person_noun_past_three_words", "Vell's very old and trusted friends said", "Vell's", None),
    ("a_phrase_not_written_there", "Reed's son said", "Vell's", None),
    ("no_possessive", "Reed son said", "Reed", None),
]


@pytest.mark.parametrize(("case", "text", "phrase", "people"), OWNERS, ids=[r[0] for r in OWNERS])
def test_owned_people(case: str, text: str, phrase: str, people: str | None) -> None:
    assert owned_people(text, 0, phrase) == people


# (case, speaker phrase, people written before their owner: no one)
BEFORE_OWNERS = [
    ("friends_of_an_owner", "Friends of Mr. Reed's", True),
    ("a_friend_of_an_owner", "a friend of Vell's", True),
    ("an_office_of_an_owner", "the office of Vell's", False),
    ("friends_of_no_owner", "Friends of the Earth", False),
]


@pytest.mark.parametrize(
    ("case", "phrase", "nobody"), BEFORE_OWNERS, ids=[r[0] for r in BEFORE_OWNERS]
)
def test_people_before_owner(case: str, phrase: str, nobody: bool) -> None:
    assert people_before_owner(phrase) is nobody


TEXTS = [
    (
        "an_imperative_before_the_first_person_is_no_speaker",
        "Dana Orlo opened the session. Let me say that we were right to wait. "
        "We will let the council vote.",
        "we were right",
        None,
    ),
    (
        "a_sentence_adverb_is_no_speaker",
        "Dana Orlo spoke at the pier. Maybe we will say that the works are finished. "
        "It may be that maybe they are.",
        "the works are finished",
        None,
    ),
    (
        "the_first_person_with_a_contraction_is_no_speaker",
        "Dana Orlo spoke at the pier. I'm told that the piers are safe. I am sure of it.",
        "the piers are safe",
        None,
    ),
    (
        "a_modal_is_no_speaker",
        "Dana Orlo spoke at the pier. One can say that the harbour will open soon. It can.",
        "the harbour will open",
        None,
    ),
    (
        "a_weekday_that_owns_a_statement_is_no_speaker",
        "Ola Tamm met the board. Wednesday's statement said that the ferry would stop in May.",
        "the ferry would stop",
        None,
    ),
    (
        "a_group_keeps_its_statement",
        "Analysts said that harbour fees would rise. The analysts expect more.",
        "harbour fees would rise",
        "Analysts",
    ),
]


@pytest.mark.parametrize(("case", "text", "words", "speaker"), TEXTS, ids=[r[0] for r in TEXTS])
def test_statements_of_no_one(case: str, text: str, words: str, speaker: str | None) -> None:
    found = [q for q in extract_quotes(text) if q.text.startswith(words)]
    if speaker is None:
        assert found == []
    else:
        assert [q.speaker for q in found] == [speaker]


def test_a_quote_before_an_imperative_takes_no_speaker_from_it() -> None:
    text = (
        'The mayor spoke at the pier. "The harbour will open in May." Please tell everyone '
        "that the piers are safe. We please no one by waiting."
    )
    quote = next(q for q in extract_quotes(text) if q.text.startswith("The harbour"))
    assert quote.speaker != "Please"
