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


def test_split_quote_gives_two_pieces_with_one_speaker() -> None:
    quotes = extract_quotes('"The plan is foolish," Smith said, "and it will fail."')
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The plan is foolish,", "Smith"),
        ("and it will fail.", "Smith"),
    ]


def test_nested_single_quotes_stay_inside() -> None:
    (quote,) = extract_quotes("“He told me ‘never again’ and left,” said Jane Doe.")
    assert quote.text == "He told me ‘never again’ and left,"
    assert quote.speaker == "Jane Doe"


def test_quote_running_over_paragraphs_is_one_quote() -> None:
    text = "Mayor Ann Lee said: “The first part is here.\n\n“The second part is there.”\n\nEnd."
    (quote,) = extract_quotes(text)
    assert quote.text == "The first part is here.\n\n“The second part is there."
    assert (quote.speaker, quote.role) == ("Ann Lee", "Mayor")


def test_two_speakers_alternating() -> None:
    text = (
        '"We are ready," said John Smith. "We are not," said Mary Jones. '
        '"Then we wait," Smith added.'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["John Smith", "Mary Jones", "John Smith"]


def test_organisation_speaker() -> None:
    (quote,) = extract_quotes('"We will not comment on this," the Kremlin said.')
    assert quote.speaker == "Kremlin"


def test_role_noun_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov spoke on Monday.\n\n"
        '"There is no decision yet," the Kremlin spokesman said.'
    )
    quote = by_start(extract_quotes(text), "There is no decision")
    assert (quote.speaker, quote.role) == ("Dmitry Peskov", "Kremlin spokesman")


def test_apposition_role_and_pronoun() -> None:
    text = 'Anna Lee, the mayor, said the city was safe.\n\n"Nobody should worry," she said.'
    quote = by_start(extract_quotes(text), "Nobody should worry")
    assert (quote.speaker, quote.speaker_as_written, quote.role) == ("Anna Lee", "she", "mayor")


def test_partial_quote_goes_to_the_sentence_subject() -> None:
    quotes = extract_quotes('Trump called the plan "a total disaster" on Monday.')
    direct = next(q for q in quotes if q.kind == "direct")
    assert (direct.text, direct.speaker) == ("a total disaster", "Trump")


def test_unattributed_scare_quotes_are_dropped() -> None:
    assert extract_quotes('The so-called "deal" was signed.') == []


def test_transcript_labels_at_line_start() -> None:
    text = (
        "Vladimir Putin: Good afternoon.\nGerman Gref: Thank you, Mr President.\n"
        "Vladimir Putin: Good."
    )
    quotes = extract_quotes(text)
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [
        ("transcript", "Vladimir Putin", "Good afternoon."),
        ("transcript", "German Gref", "Thank you, Mr President."),
        ("transcript", "Vladimir Putin", "Good."),
    ]


def test_inline_transcript_labels_without_paragraph_breaks() -> None:
    text = (
        "The meeting began. Vladimir Putin: Good afternoon, colleagues. Let us begin. "
        "German Gref: Thank you, Mr President. We exceeded our targets. Vladimir Putin: Good."
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes] == ["Vladimir Putin", "German Gref", "Vladimir Putin"]
    assert quotes[1].text == "Thank you, Mr President. We exceeded our targets."


def test_question_answer_blocks() -> None:
    text = (
        "Interview with Sergei Lavrov for Kommersant.\n\n"
        "Question: What comes next?\n\nAnswer: We will see what they propose."
    )
    question, answer = extract_quotes(text)
    assert (question.kind, question.speaker, question.text) == (
        "transcript",
        None,
        "What comes next?",
    )
    assert (answer.speaker, answer.text) == ("Sergei Lavrov", "We will see what they propose.")


def test_heading_with_colon_is_not_a_transcript() -> None:
    text = "The Latest: Sanders wins Minnesota.\n\nSanders won the caucuses on Tuesday."
    assert [q for q in extract_quotes(text) if q.kind == "transcript"] == []


def test_according_to_is_indirect() -> None:
    (quote,) = extract_quotes("The economy will grow, according to the central bank.")
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect",
        "The economy will grow",
        "according to",
    )


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


def test_mixed_straight_and_curly_marks_do_not_swallow_the_attribution() -> None:
    for text in (
        '“I heard parts of the speech," Trump said. "He wants to give away our country.”',
        '"I heard parts of the speech,” Trump said. “He wants to give away our country."',
    ):
        quotes = extract_quotes(text)
        assert [(q.text, q.speaker) for q in quotes] == [
            ("I heard parts of the speech,", "Trump"),
            ("He wants to give away our country.", "Trump"),
        ], text


def test_unclosed_quote_ends_before_its_attribution() -> None:
    text = "“We are ready to go now, Trump said. “He wants to give away our country.”"
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We are ready to go now,", "Trump"),
        ("He wants to give away our country.", "Trump"),
    ]


def test_sentence_adverbs_and_time_phrases_are_not_part_of_the_speaker() -> None:
    quotes = extract_quotes(
        'Meanwhile Labour backbencher Stephen Pound labelled the schemes "a pile of nonsense".'
    )
    direct = next(q for q in quotes if q.kind == "direct")
    assert (direct.speaker, direct.role) == ("Stephen Pound", "Labour backbencher")
    (quote,) = extract_quotes('Meanwhile Labour said: "We will win the next election easily."')
    assert quote.speaker == "Labour"
    quote = by_start(
        extract_quotes(
            "Later on Sunday, Carson shared a syllabus on his page, writing "
            "“Allow me also to do the research for the reporter.”"
        ),
        "Allow me",
    )
    assert quote.speaker == "Carson"


def test_parenthesised_asides_and_titles_are_not_speakers_or_roles() -> None:
    (quote,) = extract_quotes('"We will not be moved on this at all," Blair (Mr) said.')
    assert quote.speaker == "Blair"
    (quote,) = extract_quotes('Mr Blair (Labour) said: "We will not be moved on this at all."')
    assert (quote.speaker, quote.role) == ("Blair", None)


def test_a_statement_introduced_by_its_speaker_is_not_a_trailing_attribution() -> None:
    for text in (
        'On Monday, the minister said: "The deal is off for good now."',
        'England captain, Martin Johnson, said: "We played well today and deserved it."',
    ):
        assert [q.kind for q in extract_quotes(text)] == ["direct"], text


def test_reported_clause_holding_a_partial_quote_is_one_statement() -> None:
    quotes = extract_quotes(
        "Governor Mary Fallin said presumptive nominee Donald Trump is “trying to campaign "
        "as a racial healer.”"
    )
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert indirect.text.startswith("presumptive nominee Donald Trump is “trying")
    assert indirect.speaker == "Mary Fallin"
    quotes = extract_quotes("Sanders says “the wind is at our backs” despite his loss.")
    indirect = next(q for q in quotes if q.kind == "indirect")
    assert (indirect.text, indirect.speaker) == (
        "“the wind is at our backs” despite his loss",
        "Sanders",
    )


def test_trailing_attribution_outranks_a_subject_inside_the_quoted_clause() -> None:
    quotes = extract_quotes(
        "Clinton is “the most dishonest candidate since Richard Nixon,” Pence said in an interview."
    )
    assert {q.speaker for q in quotes} == {"Pence"}


def test_paragraph_ending_with_a_colon_attributes_the_quote_paragraph_after_it() -> None:
    text = 'The doctor spoke on Monday. Dr. Ward stated:\n\n"The bill is a disgrace and must go."'
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.cue) == ("Ward", "stated")


def test_apposition_before_the_verb_gives_the_name_and_role() -> None:
    text = (
        "In an interview, Steve Huhn, a former HP vice president of global sales, said Fiorina "
        '"was heavily involved in all that discussion" last year.'
    )
    direct = next(q for q in extract_quotes(text) if q.kind == "direct")
    assert direct.speaker == "Steve Huhn"
    assert direct.role == "former HP vice president of global sales"


def test_relative_clause_apposition_keeps_the_name() -> None:
    quotes = extract_quotes('Trump, who spoke for an hour, said that Rubio is "weak like a baby."')
    assert {q.speaker for q in quotes} == {"Trump"}
    assert any(q.kind == "indirect" for q in quotes)


def test_reported_clause_with_an_inner_comma_is_extracted() -> None:
    text = 'Beck said if Trump wins, he would impose a "South American dictatorship" on us.'
    indirect = next(q for q in extract_quotes(text) if q.kind == "indirect")
    assert indirect.text.startswith("if Trump wins")
    assert indirect.speaker == "Beck"


def speaker_of(text: str, words: str) -> str | None:
    return by_start(extract_quotes(text), words).speaker


def test_as_x_put_it_names_the_speaker() -> None:
    text = 'As The Post\'s Dana Milbank puts it, "Senate Republicans are unmoved by the plan."'
    assert speaker_of(text, "Senate Republicans") == "Dana Milbank"


def test_inverted_verb_before_a_colon() -> None:
    text = 'Stated Stone: "We will not back down from this fight."'
    assert speaker_of(text, "We will") == "Stone"


def test_participle_cue_takes_the_sentence_subject() -> None:
    text = (
        "On Thursday, Warren appeared with Rachel Maddow and endorsed Clinton, saying, "
        "“I think having a fighter in the lead is exactly what we need.”"
    )
    quote = by_start(extract_quotes(text), "I think having")
    assert (quote.speaker, quote.cue) == ("Warren", "saying")  # explicit, not a guessed subject


def test_lowercase_head_and_possessive_speakers() -> None:
    assert speaker_of('"We accept the invitation today." Ryan’s office said.', "We accept") == (
        "Ryan’s office"
    )
    text = '"Will he be the next attorney general?" a Democratic staffer in the room wondered.'
    assert speaker_of(text, "Will he") == "Democratic staffer"


def test_inverted_speaker_may_open_with_a_lowercase_modifier() -> None:
    text = '"October provided a resurgence for her," said former Obama adviser David Axelrod.'
    assert speaker_of(text, "October") == "David Axelrod"


def test_previous_sentence_subject_stops_at_its_apposition() -> None:
    text = (
        "Sam Lau, the communications director for the Iowa Democratic Party said in a "
        "statement. “There are no paper ballots to recount. The caucuses were unique.”"
    )
    assert speaker_of(text, "There are no paper") == "Sam Lau"


def test_more_reporting_verbs() -> None:
    assert speaker_of('"This is the best plan we have," Rubio echoed.', "This is") == "Rubio"


def test_inverted_attribution_with_a_long_office_keeps_the_whole_name() -> None:
    text = '"The talks went well," said Head of the Office of the President Andriy Yermak.'
    (quote,) = extract_quotes(text)
    assert quote.speaker == "Andriy Yermak"
    assert quote.role == "Head of the Office of the President"


def test_a_noun_after_of_is_not_the_reporting_verb() -> None:
    # "state" is also a reporting verb; in "the head of state said" it is part of the speaker.
    (quote,) = extract_quotes('"Nothing about Ukraine without Ukraine," the head of state said.')
    assert quote.speaker == "head of state" and quote.cue == "said"


def indirect_texts(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker, q.cue) for q in extract_quotes(text) if q.kind == "indirect"]


def test_each_chained_reporting_verb_starts_its_own_statement() -> None:
    text = "Graham said that Carson is a “good, decent man,” and said that Trump “melted down.”"
    assert indirect_texts(text) == [
        ("Carson is a “good, decent man,”", "Graham", "said"),
        ("Trump “melted down.”", "Graham", "said"),
    ]
    text = (
        "Trump hailed the vote as “fantastic,” telling reporters on Friday that he thinks "
        "the Brexit is “a great thing.”"
    )
    last = ("he thinks the Brexit is “a great thing.”", "Trump", "telling")
    assert indirect_texts(text)[-1] == last


def test_participle_after_a_comma_takes_the_sentence_subject() -> None:
    text = (
        "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, "
        "calling him “a total stiff.”"
    )
    assert indirect_texts(text) == [("him “a total stiff.”", "Trump", "calling")]
    assert [q.speaker for q in extract_quotes(text)] == ["Trump", "Trump"]


def test_a_participle_does_not_invert_its_subject() -> None:
    text = "Clinton said the plan is “a disaster,” adding that it would fail."
    assert {q.speaker for q in extract_quotes(text)} == {"Clinton"}


def test_an_aside_between_subject_and_verb_keeps_the_subject() -> None:
    text = (
        "Clinton, during a town hall in Columbus, Ohio, said she was “going to put a lot of "
        "coal miners out of business.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Clinton"}


def test_there_is_not_a_speaker() -> None:
    text = "There’s still time for Cruz, even after dismissing them as the “Washington cartel.”"
    assert all(q.speaker is None for q in extract_quotes(text))


def test_reported_clause_ends_at_a_comma_inside_the_closing_mark() -> None:
    text = "Sanders said his campaign doesn’t want “that crap,” in an interview with CNN on Sunday."
    assert indirect_texts(text) == [("his campaign doesn’t want “that crap,”", "Sanders", "said")]


def test_titles_and_party_tags_between_quote_and_verb() -> None:
    text = '"There is tremendous energy in these races," Rep. Earl Blumenauer (D-Ore.) said.'
    assert speaker_of(text, "There is") == "Earl Blumenauer"
    text = '"Carolina is going to win that one," Gov. Kasich replied. "I hate to say it."'
    assert [q.speaker for q in extract_quotes(text)] == ["Kasich", "Kasich"]


def test_closing_attribution_names_the_speaker_of_the_whole_sentence() -> None:
    text = (
        "Julian Assange has been “arbitrarily detained” by Britain since 2010, and should "
        "be freed, the rights group says."
    )
    assert {q.speaker for q in extract_quotes(text)} == {"rights group"}


def test_past_tense_verb_missing_from_the_lexicon_attributes_a_quote() -> None:
    assert speaker_of('"What was the pivot point?" Beck questioned.', "What was") == "Beck"
    text = (
        '"It is about time we had a woman running this country," exhorted actress Jamie Lee Curtis.'
    )
    assert speaker_of(text, "It is about") == "Jamie Lee Curtis"
    assert "Trump" not in {q.speaker for q in extract_quotes('He built the "wall" Trump wanted.')}


def test_lowercase_descriptors_before_a_name() -> None:
    text = '"The Senate races could shift," veteran analyst Charlie Cook wrote this week.'
    assert speaker_of(text, "The Senate") == "Charlie Cook"
    text = '"I fundamentally disagree," said retired Army Lt. Gen. Mick Bednarek.'
    assert speaker_of(text, "I fundamentally") == "Mick Bednarek"


def test_unlisted_verb_before_a_conjunction_and_a_name_that_is_a_verb() -> None:
    text = "“Go back to Univision,” Trump barked and a guard escorted Ramos out."
    assert speaker_of(text, "Go back") == "Trump"
    assert speaker_of('"We assessed this deal carefully," Read said.', "We assessed") == "Read"


def test_affiliation_after_a_name_is_not_part_of_the_speaker() -> None:
    text = (
        '"It seems a stretch," Jeffrey Lewis of the James Martin Center for Nonproliferation '
        "Studies wrote."
    )
    assert speaker_of(text, "It seems") == "Jeffrey Lewis"


def test_opening_mark_typed_for_a_closing_one() -> None:
    text = "“It is unusual,“ said Larry Noble, an attorney. “It is a hard thing to do.”"
    assert [(q.text, q.speaker) for q in extract_quotes(text)] == [
        ("It is unusual,", "Larry Noble"),
        ("It is a hard thing to do.", "Larry Noble"),
    ]


def test_reporting_verb_after_a_determiner_is_a_noun() -> None:
    text = 'Trump later defended his comments as being "sarcastic."'
    assert indirect_texts(text) == [('his comments as being "sarcastic."', "Trump", "defended")]


def test_relative_who_speaks_for_the_name_before_it() -> None:
    text = 'Contrast that with Trump, who has called the TPP pact "insanity" in a speech.'
    assert speaker_of(text, "insanity") == "Trump"


def test_a_spaced_hyphen_is_a_clause_boundary_before_the_subject() -> None:
    text = 'She drew his ire - Smith called her "weak" and said she had "zero support" there.'
    assert [q.speaker for q in extract_quotes(text) if q.kind == "indirect"] == ["Smith", "Smith"]


def test_markup_attribute_values_are_not_quotes() -> None:
    text = '<tweet tweet-author="@edhenry" tweet-date="March 10, 2016">Rules are rules<tweet/>.'
    assert extract_quotes(text) == []


def test_markup_attributes_inside_a_quote_do_not_close_it() -> None:
    text = '“We agreed. <b id="9">Cite this,” Sergei Lavrov said on Tuesday.'
    [quote] = extract_quotes(text)
    assert quote.text.endswith("Cite this,") and quote.speaker == "Sergei Lavrov"


def test_a_title_needs_a_listed_reporting_verb() -> None:
    text = 'In an interview with "Fox and Friends," Donald Trump pointed to China as the enforcer.'
    assert extract_quotes(text) == []
    assert speaker_of('"Make America Great Again," Trump said.', "Make America") == "Trump"


def test_that_clause_after_a_longer_object() -> None:
    text = 'Sanders said on ABC\'s "This Week" program that he would "take a look" at the bill.'
    assert indirect_texts(text)[0][0] == 'he would "take a look" at the bill'


def test_an_attribution_that_introduces_the_next_quote_is_not_this_ones() -> None:
    text = (
        "Brafman said, “The zeal with which this case was brought is unusual.” He added, "
        "“In this case things happened that are not ordinary.”"
    )
    quotes = [q for q in extract_quotes(text) if q.kind == "direct"]
    assert [q.speaker_as_written for q in quotes] == ["Brafman", "He"]


def test_unlisted_verb_after_an_article_and_an_adjective() -> None:
    text = "“France will always be France,” an angry Hollande retaliated. “It never gives up.”"
    assert speaker_of(text, "France will") == "Hollande"


def test_a_title_before_a_label_is_not_a_second_label() -> None:
    text = (
        "Dr. Ben Carson: Clinton Not Fit To Serve.\n\n"
        "Carson says Clinton is not fit to serve as president of the country.\n\n"
        "“She should be held fully accountable,” Carson concluded."
    )
    assert "transcript" not in {q.kind for q in extract_quotes(text)}


def test_quote_paragraph_continues_a_reported_statement() -> None:
    text = "Smith said the city would win the race easily.\n\n“The voters are with us.”"
    assert speaker_of(text, "The voters") == "Smith"


def test_role_of_a_place_resolves_to_the_person_introduced_with_it() -> None:
    text = (
        "President of Ukraine Volodymyr Zelenskyy spoke in Kyiv.\n\n"
        '"We will not give up our land," the President of Ukraine said.'
    )
    assert speaker_of(text, "We will not") == "Volodymyr Zelenskyy"


def test_role_before_a_name_in_commas_resolves_later_mentions() -> None:
    text = (
        "The head of the Presidential Office, Andriy Yermak, met the envoy.\n\n"
        '"The talks went well," the head of the Presidential Office said.'
    )
    assert speaker_of(text, "The talks") == "Andriy Yermak"


def test_fragments_are_not_speakers() -> None:
    text = (
        "Smith met the governors. The head of government said the region would recover.\n\n"
        "Andrei Kostin: Colleagues, let's continue with the agenda. Please.\n\n"
        "Yekaterina Ivanova: We are glad to be here today with you."
    )
    speakers = {q.speaker for q in extract_quotes(text)}
    assert "head of government" in speakers
    assert not speakers & {"head of", "let's"}


def test_an_inverted_subject_stops_before_a_second_verb() -> None:
    text = '"Gas will be supplied," said Denys Shmyhal and assured that the plan holds.'
    assert speaker_of(text, "Gas will") == "Denys Shmyhal"


def test_the_object_of_a_verb_is_not_its_inverted_subject() -> None:
    text = (
        '"We have a plan for the region," stressed the importance of overcoming social '
        "and economic challenges."
    )
    assert [q.speaker for q in extract_quotes(text)] == [None]


def test_object_pronoun_after_according_to() -> None:
    text = '"We will win," Smith said. The economy will grow fast, according to him.'
    assert {q.speaker for q in extract_quotes(text)} == {"Smith"}


def test_subject_before_an_infinitive_reporting_verb() -> None:
    text = "The email goes on to say: “Trump wants to write racism into our law books.”"
    assert speaker_of(text, "Trump wants") == "email"


def test_an_answer_is_the_interviewee_the_preamble_names_most() -> None:
    text = (
        "Q&A with Senator Jane Doe.\n\n"
        "Senator Jane Doe spent Monday in Ohio, where she spoke with reporter Tom Smith. Doe "
        "criticised the budget and said the court would not replace Justice Mary Roe.\n\n"
        "Q: What about the budget?\n\n"
        "A: It is a big mistake, and everybody is making it."
    )
    assert speaker_of(text, "It is a big mistake") == "Jane Doe"


def test_speaker_before_a_bare_noun_apposition() -> None:
    text = (
        '"Nothing we could do now would make a difference," Fred Kagan, director of the '
        "Critical Threats Project at the American Enterprise Institute, said in an interview."
    )
    assert speaker_of(text, "Nothing we could") == "Fred Kagan"


def test_a_party_tag_does_not_cut_off_the_sentence_subject() -> None:
    text = (
        "Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord, saying the agreement "
        "goes “nowhere near far enough.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Bernie Sanders"}


def test_a_new_subject_after_the_quote_ends_the_reported_clause() -> None:
    text = (
        'Smith called Jones a "nice guy" and he did not describe the other candidates at all '
        "during the interview."
    )
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [q.text for q in reported] == ['Jones a "nice guy"']


def test_a_capitalised_descriptor_opens_the_sentence() -> None:
    text = 'Billionaire entrepreneur Peter Thiel said, "I am proud to be a Republican."'
    assert speaker_of(text, "I am proud") == "Peter Thiel"


def test_an_unlisted_verb_before_the_name_after_an_exclamation() -> None:
    text = "“This is fantastic!” beamed Donald Hartley of Madison, Alabama, who sat nearby."
    assert speaker_of(text, "This is fantastic") == "Donald Hartley"


def test_an_adverb_before_the_closing_comma_of_an_aside_is_not_the_subject() -> None:
    text = (
        "A Warren adviser, who spoke on condition of anonymity to speak candidly, said of "
        'the senator, "She takes the threat very seriously."'
    )
    assert speaker_of(text, "She takes") == "Warren adviser"


def test_a_participle_aside_between_subject_and_verb() -> None:
    text = 'Judge Diane Wood, writing for the majority, said the law "imposes an undue burden."'
    quotes = extract_quotes(text)
    assert {q.speaker for q in quotes} == {"Diane Wood"}
    assert {q.cue for q in quotes} == {"said"}
    assert [q.text for q in quotes if q.kind == "indirect"] == [
        'the law "imposes an undue burden."'
    ]


def test_the_head_of_state_is_the_president_introduced_before() -> None:
    text = (
        'Polish President Andrzej Duda visited Kyiv. "We stand with Ukraine," the head of '
        "state said."
    )
    assert speaker_of(text, "We stand") == "Andrzej Duda"


def test_a_sentence_adverb_between_commas_keeps_the_subject() -> None:
    text = (
        "Jeb Bush spoke on Monday. Hunter, meanwhile, told Politico that he backs Trump "
        "because “we don’t need a policy wonk as president.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Hunter"}


def test_an_unlisted_verb_right_before_the_quote() -> None:
    text = (
        "After Jerry Brown criticized her husband during a debate, Hillary shot back, "
        "“I suppose I could have chosen to bake cookies and have teas.”"
    )
    assert speaker_of(text, "I suppose") == "Hillary"


def test_as_x_pointed_out() -> None:
    text = "But as The Hill pointed out, “Trump has so far declined to release any returns.”"
    assert speaker_of(text, "Trump has") == "Hill"


def test_a_when_asked_aside_between_subject_and_verb() -> None:
    text = (
        "Ted Cruz, when asked what is wrong with the plan, responded that the businessman "
        "“is right about the problems, but his solutions don’t work.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Ted Cruz"}


def test_a_capitalised_name_that_is_also_an_auxiliary() -> None:
    text = "Christie gave a speech, which Will claims affirmed “the foundational belief.”"
    assert speaker_of(text, "the foundational") == "Will"


def test_a_time_phrase_between_subject_and_verb() -> None:
    text = "He attacked Bannon, who Beck on Wednesday called “a horrible, despicable human being.”"
    assert speaker_of(text, "a horrible") == "Beck"


def test_a_conjunction_before_a_subject_with_an_aside() -> None:
    text = (
        "But Sen. Richard J. Durbin (D-Ill.), noting the size of the list, said, "
        '"Let me tell you, he\'s got a heck of an email list."'
    )
    assert speaker_of(text, "Let me tell you") == "Richard J. Durbin"


def test_an_apposition_with_commas_of_its_own() -> None:
    text = (
        '"Both candidates scare me," Harry Bond, 30, of Raleigh, N.C., who was among those '
        "polled, said in a follow-up interview."
    )
    assert speaker_of(text, "Both candidates") == "Harry Bond"


def test_a_participle_after_an_attribution_continues_its_speaker() -> None:
    text = (
        'Ryan and Trump will meet next week, Spicer said, adding, "They need to sit down '
        'and have a good talk."'
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Spicer"}


def test_a_closing_attribution_then_a_chained_statement() -> None:
    text = (
        'The former secretary of state will play the "woman card," Fiorina said, adding that '
        'the way to go after it "is to attack her track record."'
    )
    reported = [(q.text, q.speaker) for q in extract_quotes(text) if q.kind == "indirect"]
    assert reported == [
        ('The former secretary of state will play the "woman card,"', "Fiorina"),
        ('the way to go after it "is to attack her track record."', "Fiorina"),
    ]


def test_a_reporting_verb_after_a_possessive_is_a_noun() -> None:
    text = "Brian Fallon responded on Twitter, calling Trump’s charge “pathetic” and “dangerous.”"
    reported = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert [(q.text, q.cue) for q in reported] == [
        ("Trump’s charge “pathetic” and “dangerous.”", "calling")
    ]


def test_a_coordinated_reporting_verb_takes_the_sentence_subject() -> None:
    text = (
        "Carson took the stage in Baltimore and called the political system “rotten to the core.”"
    )
    reported = [(q.text, q.speaker) for q in extract_quotes(text) if q.kind == "indirect"]
    assert reported == [("the political system “rotten to the core.”", "Carson")]


def test_a_second_subject_in_a_reported_sentence_starts_its_own_statement() -> None:
    text = (
        "Rubio suggested that someone who does not answer questions cannot be president, "
        'while Cruz said that the "stakes in this election are too high" for Trump.'
    )
    reported = [(q.text[:14], q.speaker) for q in extract_quotes(text) if q.kind == "indirect"]
    assert reported == [("someone who do", "Rubio"), ('the "stakes in', "Cruz")]


def test_a_name_ending_like_an_adverb_is_not_an_intro_phrase() -> None:
    text = (
        "Carly Fiorina backed Ted Cruz on Wednesday, saying it is time to have a “real "
        "constitutional conservative in the White House.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Carly Fiorina"}


def test_according_to_after_the_quote() -> None:
    text = "“The new material shows the dossiers,” according to Judicial Watch."
    assert speaker_of(text, "The new material") == "Judicial Watch"


def test_as_x_said_with_a_time_and_place() -> None:
    text = "As Michael Dell said last week in Tel Aviv, “Israel is the center of the future.”"
    assert speaker_of(text, "Israel is") == "Michael Dell"


def test_a_long_descriptor_keeps_its_role_noun_and_name() -> None:
    text = (
        "“There is a high probability of an accident,” DoubleLine Capital portfolio manager "
        "Bonnie Baha said at a Reuters event."
    )
    quote = by_start(extract_quotes(text), "There is")
    assert (quote.speaker, quote.speaker_as_written) == ("Bonnie Baha", "manager Bonnie Baha")


def test_a_time_adverbial_before_the_subject() -> None:
    text = "Hours later, Trump praised Adelson, telling Reuters, “Sheldon is an amazing man.”"
    assert {q.speaker for q in extract_quotes(text)} == {"Trump"}


def test_a_dateline_is_not_the_subject() -> None:
    text = (
        "WASHINGTON, Dec. 8 (UPI) — In response to the proposal, Clinton rallied supporters, "
        "saying: “We have to be ready to stop him.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Clinton"}


def test_a_pronoun_refers_to_its_sentence_subject_named_only_in_narrative() -> None:
    text = (
        '"We need it," Jeff Bechdel said. Ed Krayewski may have said it best when he '
        "blogged: “Hillary Clinton is as close to a pre-selected candidate as we will see.”"
    )
    assert speaker_of(text, "Hillary Clinton is") == "Ed Krayewski"


def test_a_participle_phrase_inside_the_subject() -> None:
    text = "Another intelligence source speaking to Fox News said, “The agents are investigating.”"
    quote = by_start(extract_quotes(text), "The agents")
    assert quote.speaker_as_written == "Another intelligence source"


def test_an_attribution_closing_the_sentence_of_an_opening_quote() -> None:
    text = (
        '"Many would consider that an embarrassment" if she did not win by more, said David '
        "Wasserman, an elections analyst at the Cook Political Report."
    )
    quote = by_start(extract_quotes(text), "Many would")
    assert (quote.speaker, quote.cue) == ("David Wasserman", "said")


def test_a_that_inside_a_reported_clause_does_not_start_it() -> None:
    text = "Dana Bloom says on Facebook that it is “a real shame” that the mayor skipped the vote."
    assert indirect_texts(text) == [
        ("it is “a real shame” that the mayor skipped the vote", "Dana Bloom", "says")
    ]
    text = 'Bloom also said the council is "thrilled" that the bridge is finally open.'
    assert indirect_texts(text)[0][0].startswith("the council is")


def test_a_thatless_clause_after_say_or_tell_with_an_object() -> None:
    text = "The farmers say they are “fed up” with the new water rules."
    assert indirect_texts(text) == [
        ("they are “fed up” with the new water rules", "farmers", "say")
    ]
    text = "And, Ortiz tells the crowd, she has always been “a fighter” for the harbor."
    assert indirect_texts(text) == [
        ("she has always been “a fighter” for the harbor", "Ortiz", "tells")
    ]


def test_a_colon_quote_before_a_closing_attribution_is_the_statement() -> None:
    text = (
        'Later, the coach hinted at a change of heart: "We will keep him on the team," '
        "she told the local paper."
    )
    statements = indirect_texts(text)
    assert [t for t, _, _ in statements] == ['"We will keep him on the team,"']


def test_a_title_after_a_possessive_is_no_quote() -> None:
    text = "Later she told NBC’s “Weekend Report & Friends” that the plan was dead."
    assert [q.kind for q in extract_quotes(text)] == ["indirect"]


def test_an_absolute_with_phrase_names_the_participle_speaker() -> None:
    text = (
        "Farmers were furious about the rules, with Mayor Ann Boyd calling them "
        "“a slap in the face.”"
    )
    assert {q.speaker for q in extract_quotes(text)} == {"Ann Boyd"}


def test_a_name_alone_before_a_colon_labels_the_quote() -> None:
    text = (
        'Ortiz: "We will fix the harbor first." Lee: "The roads come first." '
        "WHY TOWNS DIFFER - Dana Park and Eli Stone: “The money follows the roads.”"
    )
    quotes = extract_quotes(text)
    assert [q.speaker for q in quotes[:2]] == ["Ortiz", "Lee"]
    assert quotes[2].speaker in ("Dana Park", "Eli Stone")


def test_a_conjunction_opens_no_intro_and_intro_phrases_can_follow_each_other() -> None:
    text = 'And then Ortiz went on the attack, saying, "The harbor plan is a disgrace."'
    assert speaker_of(text, "The harbor") == "Ortiz"
    text = (
        "On Friday, after weeks of silence, Ortiz met the council and endorsed Lee, saying, "
        "“She is exactly what this town needs.”"
    )
    assert speaker_of(text, "She is") == "Ortiz"


def test_a_dash_and_a_name_after_a_quote_sign_it() -> None:
    text = (
        "“The bridge is falling apart.” ― Maria Lopez\n"
        "“Nobody listens to us.” ― Tom Reyes\n\n"
        '"We need the money now."\n\n- Senator Ruth Klein.\n\n'
        "The senator is right about the money."
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Maria Lopez", "Tom Reyes", "Ruth Klein"]


def test_a_title_abbreviation_and_a_first_person_possessive_in_the_speaker() -> None:
    text = '"The shelter is full again," said the Rev. Anna Kowal, of Grace Church.'
    assert speaker_of(text, "The shelter") == "Anna Kowal"
    assert speaker_of('"Never sign anything," my uncle often said.', "Never sign") == "uncle"


def test_more_participle_cues_and_an_adverb_in_an_absolute_phrase() -> None:
    text = "The crowd booed the mayor, with Ortiz reportedly shouting: “Go back to your office!”"
    assert speaker_of(text, "Go back") == "Ortiz"


def test_a_quote_right_after_said_that_runs_on_starts_the_clause() -> None:
    text = "Lee said “it breaks my heart” whenever she drives past the closed mill."
    assert indirect_texts(text) == [
        ("“it breaks my heart” whenever she drives past the closed mill", "Lee", "said")
    ]


def test_a_word_after_the_subject_that_is_no_verb_cues_nothing() -> None:
    text = "The Ortiz plan for a “new harbor” drew praise from the council."
    assert indirect_texts(text) == []
    text = "Ortiz thanked the council for its “courage and vision” on the harbor."
    assert indirect_texts(text)[0][1:] == ("Ortiz", "thanked")


def test_whoever_owns_a_claim_made_it() -> None:
    text = "Reporters checked Dana Ortiz’s claim that the harbor lost “millions of dollars” in May."
    assert indirect_texts(text) == [
        ("the harbor lost “millions of dollars” in May", "Dana Ortiz", "claim")
    ]


def test_a_quoted_title_before_a_verb_is_no_subject() -> None:
    assert np_from_left("Ortiz went on to praise “Harbor Nights,” ", 0, "note") is None
    assert np_from_left("The mayor, Dana Ortiz, ", 0, "said") is not None


def test_a_comma_after_that_still_opens_the_clause() -> None:
    text = "The spokeswoman said by email that, “Of course the mayor will answer” every question."
    assert indirect_texts(text)[0][0].startswith("“Of course the mayor")


def test_a_thatless_clause_after_noted_or_suggested() -> None:
    text = "The report noted the city had missed every single deadline since May."
    assert indirect_texts(text) == [
        ("the city had missed every single deadline since May", "report", "noted")
    ]


def test_a_quote_after_a_reported_statement_in_its_paragraph_continues_its_speaker() -> None:
    text = (
        "The council may delay the vote until spring, Ortiz said. "
        '"Nobody wants to rush a decision this big."'
    )
    assert speaker_of(text, "Nobody wants") == "Ortiz"


def test_a_prepositional_phrase_without_a_comma_before_the_subject() -> None:
    text = "In a radio interview Ortiz declared “the harbor will reopen by June.”"
    assert speaker_of(text, "the harbor") == "Ortiz"


def test_a_date_comma_does_not_end_the_intro_phrase() -> None:
    text = "On May 3, 2015, Ortiz made the following remark:\n\n“The harbor is our future.”"
    assert speaker_of(text, "The harbor") == "Ortiz"


def test_a_long_subject_before_a_reporting_verb_falls_back_to_the_sentence_subject() -> None:
    text = "Cory Lane, 22, of Salem, Ore., said he had not given up hope for a “surprise” win."
    assert indirect_texts(text) == [
        ("he had not given up hope for a “surprise” win", "Cory Lane", "said")
    ]


def test_a_quantifier_opening_the_sentence_is_no_name() -> None:
    text = "Some Harbor Party members said the vote was “rigged from the start.”"
    assert indirect_texts(text)[0][1] != "Some Harbor Party"


def test_quoted_words_inside_a_reported_clause_belong_to_the_nearest_reporting_verb() -> None:
    text = (
        "Ortiz said the harbor plan would pass, which the mayor later declared "
        "“a total triumph” for the city."
    )
    assert indirect_texts(text) == [("“a total triumph” for the city", "mayor", "declared")]
    framing = "Ortiz says the budget ended what critics call a “war of words.”"
    assert indirect_texts(framing)[0][1] == "Ortiz"


def test_a_quote_opening_a_clause_that_runs_on_before_the_attribution() -> None:
    text = '"Fresh water" would be enough for the harbor, the mayor said on Friday.'
    assert indirect_texts(text) == [
        ('"Fresh water" would be enough for the harbor', "mayor", "said")
    ]
    assert indirect_texts('"It is over," the mayor said, according to the Gazette.') == []


def test_a_quote_reopened_after_a_sentence_end_is_the_next_paragraph_of_it() -> None:
    text = (
        'The coach said: "We lost the game in the first half. "But the second half showed '
        'what we can do." The club has a new owner.'
    )
    quotes = [(q.text, q.speaker) for q in extract_quotes(text) if q.kind == "direct"]
    assert quotes == [
        ("We lost the game in the first half.", "coach"),
        ("But the second half showed what we can do.", "coach"),
    ]


def test_a_pronoun_with_no_earlier_speaker_points_at_the_one_person_named() -> None:
    text = (
        "Tony Blair will visit the harbor on Monday. "
        'He said: "It is the best harbor in the country."'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Tony Blair"]
    two = "Tony Blair met Kelly Holmes on Monday. " + 'She said: "It went well."'
    assert [q.speaker for q in extract_quotes(two)] == [None]


def test_an_audience_place_and_time_can_stand_between_the_verb_and_its_that() -> None:
    text = (
        "Ortiz told a crowd of dock workers in Salem, Oregon on Tuesday that the harbor "
        "would be “open for business” by June."
    )
    assert indirect_texts(text) == [
        ("the harbor would be “open for business” by June", "Ortiz", "told")
    ]
    text = "Ortiz says she voted for the harbor plan last year in May, and that it “failed.”"
    assert indirect_texts(text)[0][0].startswith("she voted")


def test_a_present_tense_reporting_verb_after_and_or_but_starts_its_own_statement() -> None:
    text = "Ortiz says she admires the mayor’s “energy and drive” but argues that he lacks a plan."
    assert indirect_texts(text) == [
        ("she admires the mayor’s “energy and drive”", "Ortiz", "says"),
        ("he lacks a plan", "Ortiz", "argues"),
    ]


def test_a_second_verb_after_a_quoted_object_is_the_speakers_next_action() -> None:
    text = (
        "Ortiz called the harbor deal “a total scam” and ranked the mayor among the worst "
        "leaders “in the state’s history.”"
    )
    assert indirect_texts(text) == [
        ("the harbor deal “a total scam”", "Ortiz", "called"),
        ("the mayor among the worst leaders “in the state’s history.”", "Ortiz", "ranked"),
    ]
    text = "Ortiz called the harbor deal “a total scam” and stormed out of the council meeting."
    assert indirect_texts(text) == [("the harbor deal “a total scam”", "Ortiz", "called")]


def test_a_name_framed_by_what_someone_calls_is_a_noun_phrase() -> None:
    text = "Ortiz fought what the mayor calls the “harbor cartel” and won a seat on the council."
    assert indirect_texts(text) == [("what the mayor calls the “harbor cartel”", "mayor", "calls")]
    text = "The vote on what the mayor calls her “clean harbor” plan was delayed again."
    assert indirect_texts(text)[0][0] == "what the mayor calls her “clean harbor” plan"


def test_implied_and_other_speech_verbs_chain_like_said() -> None:
    text = "Ortiz conceded that the pier had flooded but implied that the mayor was “asleep.”"
    assert indirect_texts(text) == [
        ("the pier had flooded", "Ortiz", "conceded"),
        ("the mayor was “asleep.”", "Ortiz", "implied"),
    ]


def test_an_apposition_naming_the_speech_act_ends_the_statement() -> None:
    text = "Ortiz said the harbor vote was “rigged,” a charge that the council denied on Friday."
    assert indirect_texts(text) == [("the harbor vote was “rigged,”", "Ortiz", "said")]
    text = "Ortiz said the pier would “stay open” all year, a swipe at the mayor’s closure plan."
    assert indirect_texts(text)[0][0] == "the pier would “stay open” all year"


def test_a_dash_and_a_conjunction_end_the_statement_unless_they_close_an_aside() -> None:
    text = "Ortiz implied the mayor was “asleep” that night - although the logs show otherwise."
    assert indirect_texts(text) == [("the mayor was “asleep” that night", "Ortiz", "implied")]
    text = "Ortiz said the pier is safe - as the mayor says - and “open to everyone.”"
    assert indirect_texts(text)[0][0].endswith("“open to everyone.”")


def test_a_citing_participle_ends_the_statement() -> None:
    text = "Ortiz said the pier was “unsafe” for anyone, citing a report from the harbor engineers."
    assert indirect_texts(text)[0] == ("the pier was “unsafe” for anyone", "Ortiz", "said")


def test_the_medium_or_day_after_a_quoted_object_is_not_what_was_said() -> None:
    text = "Ortiz called the harbor plan “a disaster” in a radio interview on Tuesday."
    assert indirect_texts(text) == [("the harbor plan “a disaster”", "Ortiz", "called")]
    text = "Ortiz said the harbor plan was “a disaster” in a radio interview on Tuesday."
    assert indirect_texts(text) == [("the harbor plan was “a disaster”", "Ortiz", "said")]
    text = "Ortiz called the harbor plan “a disaster” in every way."
    assert indirect_texts(text)[0][0] == "the harbor plan “a disaster” in every way"


def test_verbs_of_praise_blame_and_allegation_report_their_object() -> None:
    text = 'The union alleges that the port authority "ignored every warning" for years.'
    assert indirect_texts(text) == [
        ('the port authority "ignored every warning" for years', "union", "alleges")
    ]
    text = 'Ortiz blasted the harbor plan as "a giveaway to developers."'
    assert indirect_texts(text) == [
        ('the harbor plan as "a giveaway to developers."', "Ortiz", "blasted")
    ]


def test_a_relative_clause_after_an_attribution_reports_its_own_statement() -> None:
    text = (
        '"The harbor is ready," said Ana Ortiz, the port director, who added that the ferries '
        'would run "every hour on the hour."'
    )
    assert indirect_texts(text) == [
        ('the ferries would run "every hour on the hour."', "Ana Ortiz", "added")
    ]


def test_a_pronoun_after_an_opening_phrase_is_the_subject() -> None:
    text = 'At the dock this week she said the ferry plan was "dead in the water."'
    assert [(t, cue) for t, _, cue in indirect_texts(text)] == [
        ('the ferry plan was "dead in the water."', "said")
    ]


def test_an_exclamation_inside_a_short_quote_does_not_end_the_sentence() -> None:
    text = 'Greeted with chants of "Ana! Ana!," the mayor said the port was "back in business."'
    assert indirect_texts(text) == [('the port was "back in business."', "mayor", "said")]


def test_a_verb_coordinated_after_a_quoted_object_ends_the_statement() -> None:
    text = 'Ortiz has decried the "harbor mess" and unveiled her plans to fix the docks.'
    assert indirect_texts(text) == [('the "harbor mess"', "Ortiz", "decried")]
    clause = 'Ortiz said the port was "a mess" and needed new cranes before the winter.'
    assert indirect_texts(clause)[0][0].endswith("before the winter")


def test_a_subordinate_clause_after_the_quote_ends_the_statement() -> None:
    text = 'Ortiz told the crowd that the ferry "will never run" before leaving the stage early.'
    assert indirect_texts(text) == [('the ferry "will never run"', "Ortiz", "told")]


def test_a_that_less_clause_may_open_with_a_subordinator() -> None:
    text = 'Ortiz said because the docks are old, "the ferries cannot land in winter."'
    assert indirect_texts(text) == [
        ('because the docks are old, "the ferries cannot land in winter."', "Ortiz", "said")
    ]


def test_an_interposed_attribution_reports_the_whole_sentence() -> None:
    text = 'In the older harbors, Ortiz said, "the ferries cannot land" during the winter.'
    assert indirect_texts(text) == [(text.rstrip("."), "Ortiz", "said")]
    assert indirect_texts('In an interview, Ortiz said, "We will rebuild the docks."') == []


def test_a_quote_after_a_comma_that_runs_on_in_lower_case_starts_the_clause() -> None:
    text = 'Ortiz said, "We have not seen that report" from the harbor police.'
    assert indirect_texts(text) == [
        ('"We have not seen that report" from the harbor police', "Ortiz", "said")
    ]
    assert indirect_texts('Ortiz said, "We have not seen that report."') == []


def test_a_coordinated_reporting_verb_shares_the_subject_of_the_first() -> None:
    text = 'The harbor board denounced the plan and said it would "fight it in court" this year.'
    assert indirect_texts(text)[-1] == (
        'it would "fight it in court" this year',
        "harbor board",
        "said",
    )


def test_a_long_listener_between_told_and_that() -> None:
    text = 'Ortiz told longtime harbor radio host Ben Lee on Friday that the plan was "a mess."'
    assert indirect_texts(text) == [('the plan was "a mess."', "Ortiz", "told")]


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


def test_a_capitalised_verb_or_preposition_opening_the_sentence_is_no_speaker() -> None:
    text = 'Asked if she likes the harbor she confesses: "Yes, it is the best."'
    assert {q.speaker for q in extract_quotes(text)} == {None}
    text = 'Among them were posters carrying messages, saying "we are sorry" for the result.'
    assert {q.speaker for q in extract_quotes(text)} == {None}


def test_a_leading_as_x_reported_names_the_source_of_the_clause() -> None:
    text = "Lane toured the pier. As the Harbor Times reported, “the mayor would win, and easily.”"
    assert indirect_texts(text) == [
        ("“the mayor would win, and easily.”", "Harbor Times", "reported")
    ]
    text = "As the Harbor Times first reported, Lane will call the pier “a disgrace” on Monday."
    assert indirect_texts(text)[0][1:] == ("Harbor Times", "reported")
    text = "Lane toured the pier. As one worker told the Harbor Times, “She wants to scare us.”"
    assert indirect_texts(text)[0][1:] == ("worker", "told")


def test_a_comparison_opening_the_sentence_is_not_its_subject() -> None:
    text = "Like Ortiz, Lane rejected the plan, arguing that the pier is “perfectly safe.”"
    assert indirect_texts(text)[0][1:] == ("Lane", "arguing")


def test_x_had_this_to_say_names_x() -> None:
    text = "Ortiz spoke first. A report from the Acme Institute had this to say: “Tolls are a tax.”"
    assert speaker_of(text, "Tolls") == "Acme Institute"


def test_a_leading_subordinate_clause_reports_its_own_statement() -> None:
    text = (
        "Although Lane admitted that the pier had been “unsafe for years,” "
        "his office argued that it could open in May."
    )
    assert indirect_texts(text) == [
        ("the pier had been “unsafe for years,”", "Lane", "admitted"),
        ("it could open in May", "office", "argued"),
    ]


def test_an_article_and_a_common_noun_can_be_the_subject_of_a_participle() -> None:
    text = "The retired surgeon has given no details, saying only he was “refining some plans.”"
    assert indirect_texts(text)[0][1:] == ("retired surgeon", "saying")
    text = "One operative inside City Hall played it down, saying it was “not a big deal.”"
    assert indirect_texts(text)[0][1:] == ("operative", "saying")
    text = "The question of cost came up, prompting a reply that it was “under review.”"
    assert all(q[1] != "question" for q in indirect_texts(text))


def test_a_ministry_is_not_its_minister() -> None:
    text = (
        "Harbor Minister Ana Ortiz said the pier was “safe.” The trade ministry disagreed. "
        "“The pier must close,” the ministry said in a statement."
    )
    assert speaker_of(text, "The pier must close") == "ministry"


def test_a_capitalised_verb_inside_a_name_is_no_verb() -> None:
    text = "“The race is close,” Ohio State University’s Ana Ortiz said."
    quote = by_start(extract_quotes(text), "The race")
    assert quote.cue == "said" and quote.speaker.endswith("Ana Ortiz")


def test_a_guessed_subject_is_checked_by_ner_too() -> None:
    text = "Lane spoke first. Iowa State University's Dianne Bystrom agreed. “The pier is safe.”"
    assert speaker_of(text, "The pier is safe") == "Dianne Bystrom"


def test_a_long_subordinate_clause_still_opens_the_sentence_before_its_subject() -> None:
    text = (
        "When Lane suggested that the city would sue the state for breaking the harbor deal, "
        "Ortiz fired back forcefully: “If they sue us in court, they are going to lose.”"
    )
    assert speaker_of(text, "If they sue us") == "Ortiz"


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


def test_an_office_nobody_in_the_article_holds_keeps_the_office_as_role() -> None:
    text = (
        "The parties discussed the crisis. The President of Westland stressed the importance "
        "of a direct dialogue between the two capitals."
    )
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.role) == ("President of Westland", "President of Westland")


def test_an_office_resolves_to_its_holder_named_in_the_article() -> None:
    text = (
        "Prime Minister of Westland Anna Berg met the envoy on Monday. The Prime Minister "
        "expressed gratitude to Eastland for its support."
    )
    (quote,) = extract_quotes(text)
    assert (quote.speaker, quote.role) == ("Anna Berg", "Prime Minister of Westland")


def test_a_chained_called_for_reports_its_object() -> None:
    text = "Tom Reed thanked the envoy and called for more fuel deliveries to the north."
    found = [(q.cue, q.text) for q in extract_quotes(text) if q.kind == "indirect"]
    assert ("called for", "more fuel deliveries to the north") in found


def test_an_office_with_a_nationality_resolves_to_its_holder() -> None:
    text = (
        "Westish President Ivan Petrov met the envoy. The Westish President stressed the "
        "importance of a direct dialogue between the capitals."
    )
    (quote,) = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert (quote.speaker, quote.role) == ("Ivan Petrov", "Westish President")


def test_a_bare_office_is_the_first_holder_the_article_names() -> None:
    text = (
        "President of Westland Anna Berg met President of the Harbour Council Tom Reed on "
        "Monday. The President stressed the importance of opening the northern ports."
    )
    (quote,) = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert quote.speaker == "Anna Berg"


def test_a_qualified_office_is_its_own_holder() -> None:
    text = (
        "President of Westland Anna Berg met the Eastish President Tom Reed on Monday. "
        "The Eastish President stressed the importance of opening the northern ports."
    )
    (quote,) = [q for q in extract_quotes(text) if q.kind == "indirect"]
    assert quote.speaker == "Tom Reed"
