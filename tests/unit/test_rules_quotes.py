"""Quote extraction end to end (spaCy on the speaker phrases), as tables of made-up cases.

Each row is one case of the former hand-written tests of `test_quotes.py`, named after it;
the `rule` column says which extraction rule must produce the quote (`Quote.rule`), and rows
are grouped by that rule, so a rule's cases read together. The NER-free rule tables are in
`test_rules_statements.py` and `test_rules_speakers.py`.
"""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.types import Quote


def by_start(text: str, words: str) -> Quote:
    """The quote of `text` that starts with `words`; fails listing the quotes instead."""
    quotes = extract_quotes(text)
    found = [q for q in quotes if q.text.startswith(words)]
    assert found, f"no quote starts with {words!r}: {[q.text for q in quotes]}"
    return found[0]


# Speakers of direct quotes: (case, text, the quote's first words, speaker, rule)
SPEAKERS = [
    # --- according_after
    (
        "according_to_after_the_quote",
        "“The new material shows the dossiers,” according to Judicial Watch.",
        "The new material",
        "Judicial Watch",
        "according_after",
    ),
    (
        "a_title_with_its_dot_after_according_to_is_part_of_the_name",
        "The visit became “the best day of the year,” according to Dr. Ida Vale. Mr. Hale left.",
        "the best day",
        "Ida Vale",
        "according_after",
    ),
    # --- apposition_after
    (
        "speaker_before_a_bare_noun_apposition",
        (
            '"Nothing we could do now would make a difference," Fred Kagan, director of the '
            "Critical Threats Project at the American Enterprise Institute, said in an "
            "interview."
        ),
        "Nothing we could",
        "Fred Kagan",
        "apposition_after",
    ),
    (
        "a_role_before_the_name_and_an_apposition_naming_a_place",
        (
            "Hourly pay rose.\n\n''We may be seeing some wage growth,'' the economist Tom Reed, "
            "a former adviser in the Westland White House, wrote on his blog."
        ),
        "We may be seeing",
        "Tom Reed",
        "name_then_verb",
    ),
    # --- names_then_verb
    (
        "two_people_speaking_together_the_first_named",
        (
            '"We all know the harbour matters," Lowtown mayor Ada Lind and her deputy Ivo Marsh'
            " said in the letter."
        ),
        "We all know",
        "Ada Lind",
        "names_then_verb",
    ),
    (
        # "he" right after a quotation is never a name inside it: that is who he spoke of.
        "he_after_a_quotation_is_not_a_name_it_holds",
        (
            "This was stated by President Tomas Vell in an interview. "
            '"I have sent messages to Westland and President Ivo Marsh: we are ready," he said.'
        ),
        "I have sent",
        "Tomas Vell",
        "name_then_verb",
    ),
    (
        # Without the rule it took the previous quotation's speaker.
        "a_joint_statement_after_another_speakers_quote",
        '"The bridge is safe," Sam Reed said. "We will rebuild it," Ada Lind and Ivo Marsh said.',
        "We will rebuild",
        "Ada Lind",
        "names_then_verb",
    ),
    (
        # The `and` inside an office's name: the person is the one after it.
        "an_office_whose_name_holds_and",
        '"Planes will be tracked," Secretary of the Harbour and Rail Council Ivo Marsh said.',
        "Planes will be",
        "Ivo Marsh",
        "names_then_verb",
    ),
    # --- as_x_put_it
    (
        "as_x_pointed_out",
        "But as The Hill pointed out, “Reed has so far declined to release any returns.”",
        "Reed has",
        "Hill",
        "as_x_put_it",
    ),
    (
        "as_x_put_it_names_the_speaker",
        'As The Courier\'s Ida Vale puts it, "Senate Republicans are unmoved by the plan."',
        "Senate Republicans",
        "Ida Vale",
        "as_x_put_it",
    ),
    (
        "as_x_said_with_a_time_and_place",
        "As Michael Dell said last week in Tel Aviv, “Israel is the center of the future.”",
        "Israel is",
        "Michael Dell",
        "as_x_put_it",
    ),
    (
        "as_x_put_it_before_a_colon",
        "As Professor Ola Tamm put it: “The port does a better job than the airport.”",
        "The port does",
        "Ola Tamm",
        "as_x_put_it",
    ),
    (
        "as_x_with_an_apposition_put_it_names_the_name_before_it",
        "As Ada Lind, an expert at the Westland Institute, noted, “Everyone here is waiting.”",
        "Everyone here",
        "Ada Lind",
        "as_x_put_it",
    ),
    # --- colon_subject
    (
        "a_date_comma_does_not_end_the_intro_phrase",
        "On May 3, 2015, Orlo made the following remark:\n\n“The harbor is our future.”",
        "The harbor",
        "Orlo",
        "colon_subject",
    ),
    (
        "a_long_subordinate_clause_still_opens_the_sentence_before_its_subject",
        (
            "When Lane suggested that the city would sue the state for breaking the harbor "
            "deal, Orlo fired back forcefully: “If they sue us in court, they are going to "
            "lose.”"
        ),
        "If they sue us",
        "Orlo",
        "colon_subject",
    ),
    # --- continues_previous
    (  # a name set off by commas before a verb and its object (no clause) keeps the office
        # phrase as her statement, so the quotation after it is hers (`_opens_main_clause`)
        "a_quote_after_an_apposed_name_and_its_verb_object_continues_her_words",
        (
            "His former partner at Westland, Ana Vell, called him a master at harbour deals. "
            '"He showed again and again an ability to close them."'
        ),
        "He showed",
        "Ana Vell",
        "continues_previous",
    ),
    (
        "a_quote_after_a_reported_statement_in_its_paragraph_continues_its_speaker",
        (
            'The council may delay the vote until spring, Orlo said. "Nobody wants to rush '
            'a decision this big."'
        ),
        "Nobody wants",
        "Orlo",
        "continues_previous",
    ),
    (
        "quote_paragraph_continues_a_reported_statement",
        "Smith said the city would win the race easily.\n\n“The voters are with us.”",
        "The voters",
        "Smith",
        "continues_previous",
    ),
    (
        "a_quote_after_another_speakers_quote_continues_the_nearer_reported_statement",
        (
            '"The pier must wait for the survey," Ana Vell said. Harbour master Tom Reed '
            'admitted that the pier was old. "If you walk there at night you will see it."'
        ),
        "If you walk",
        "Tom Reed",
        "continues_previous",
    ),
    # --- inverted_comma
    (
        "inverted_verb_and_name_before_a_comma_and_the_quote",
        "Because of how the schedule was made, explained Reed, “there is a scenario here.”",
        "there is a scenario",
        "Reed",
        "inverted_comma",
    ),
    (
        "inverted_verb_after_a_comma_with_a_role_as_its_subject",
        "Later that day, said the Westland foreign minister, “we will not sign it.”",
        "we will not",
        "Westland foreign minister",
        "inverted_comma",
    ),
    # --- inverted_colon
    (
        "inverted_verb_before_a_colon",
        'Stated Stone: "We will not back down from this fight."',
        "We will",
        "Stone",
        "inverted_colon",
    ),
    # --- long_apposition_after
    (
        "an_apposition_with_commas_of_its_own",
        (
            '"Both candidates scare me," Kai Bond, 30, of Raleigh, N.C., who was among '
            "those polled, said in a follow-up interview."
        ),
        "Both candidates",
        "Kai Bond",
        "long_apposition_after",
    ),
    # --- name_then_verb
    (
        "a_pronoun_skips_the_people_of_a_coordinated_plural_subject",
        (
            'Harbour chief Tom Reed met the press. "This is a parallel track," he said. Mayor '
            "Ana Vell and the council of Westport, in particular Councillor Ivo Marsh, are now "
            'taking an active position. "We are in a strong position today," he said.'
        ),
        "We are in a strong",
        "Tom Reed",
        "name_then_verb",
    ),
    (
        "a_bare_office_is_the_holder_written_with_the_bare_office",
        (
            "During a call with Westland President Ana Vell, President Tom Reed discussed "
            'the port. "We will rebuild it," the President said.'
        ),
        "We will rebuild",
        "Tom Reed",
        "name_then_verb",
    ),
    (
        "a_bare_office_is_not_its_vice",
        (
            "Vice President Ana Vell met President Tom Reed in Lowtown. "
            '"The talks were useful," the President said.'
        ),
        "The talks",
        "Tom Reed",
        "name_then_verb",
    ),
    (
        "a_bare_office_named_inside_a_quotation_is_someone_the_speaker_spoke_of",
        (
            'Westland President Tom Reed met the envoys. "We will sign it when President Ana '
            'Vell visits," Reed said. "Trade comes first," the President said.'
        ),
        "Trade comes",
        "Tom Reed",
        "name_then_verb",
    ),
    (
        "a_ministry_is_not_its_minister",
        (
            "Harbor Minister Ana Orlo said the pier was “safe.” The trade ministry "
            "disagreed. “The pier must close,” the ministry said in a statement."
        ),
        "The pier must close",
        "ministry",
        "name_then_verb",
    ),
    (
        "a_title_abbreviation_and_a_first_person_possessive_in_the_speaker",
        '"Never sign anything," my uncle often said.',
        "Never sign",
        "uncle",
        "name_then_verb",
    ),
    (
        "a_title_needs_a_listed_reporting_verb",
        '"Make America Great Again," Reed said.',
        "Make America",
        "Reed",
        "name_then_verb",
    ),
    (
        "affiliation_after_a_name_is_not_part_of_the_speaker",
        (
            '"It seems a stretch," Jon Lewk of the James Martin Center for '
            "Nonproliferation Studies wrote."
        ),
        "It seems",
        "Jon Lewk",
        "name_then_verb",
    ),
    (
        "lowercase_descriptors_before_a_name",
        '"The Senate races could shift," veteran analyst Charlie Cook wrote this week.',
        "The Senate",
        "Charlie Cook",
        "name_then_verb",
    ),
    (
        "lowercase_head_and_possessive_speakers",
        '"We accept the invitation today." Pelk’s office said.',
        "We accept",
        "Pelk’s office",
        "name_then_verb",
    ),
    (
        "lowercase_head_and_possessive_speakers",
        '"Will he be the next attorney general?" a Democratic staffer in the room wondered.',
        "Will he",
        "Democratic staffer",
        "name_then_verb",
    ),
    (
        "role_before_a_name_in_commas_resolves_later_mentions",
        (
            'The head of the Presidential Office, Oren Tamsk, met the envoy.\n\n"The '
            'talks went well," the head of the Presidential Office said.'
        ),
        "The talks",
        "Oren Tamsk",
        "name_then_verb",
    ),
    (
        "role_of_a_place_resolves_to_the_person_introduced_with_it",
        (
            'President of Westland Rafe Dunnik spoke in Kyiv.\n\n"We will not give up '
            'our land," the President of Westland said.'
        ),
        "We will not",
        "Rafe Dunnik",
        "name_then_verb",
    ),
    (
        "the_head_of_state_is_the_president_introduced_before",
        (
            'Polish President Andrzej Duda visited Kyiv. "We stand with Ukraine," the head '
            "of state said."
        ),
        "We stand",
        "Andrzej Duda",
        "name_then_verb",
    ),
    (
        "titles_and_party_tags_between_quote_and_verb",
        '"There is tremendous energy in these races," Rep. Earl Blumenauer (D-Ore.) said.',
        "There is",
        "Earl Blumenauer",
        "name_then_verb",
    ),
    (
        "unlisted_verb_before_a_conjunction_and_a_name_that_is_a_verb",
        "“Go back to Univision,” Reed barked and a guard escorted Ramos out.",
        "Go back",
        "Reed",
        "name_then_verb",
    ),
    (
        "unlisted_verb_before_a_conjunction_and_a_name_that_is_a_verb",
        '"We assessed this deal carefully," Read said.',
        "We assessed",
        "Read",
        "name_then_verb",
    ),
    # --- participle_subject
    (
        "a_conjunction_opens_no_intro_and_intro_phrases_can_follow_each_other",
        'And then Orlo went on the attack, saying, "The harbor plan is a disgrace."',
        "The harbor",
        "Orlo",
        "participle_subject",
    ),
    (
        "a_conjunction_opens_no_intro_and_intro_phrases_can_follow_each_other",
        (
            "On Friday, after weeks of silence, Orlo met the council and endorsed Lee, "
            "saying, “She is exactly what this town needs.”"
        ),
        "She is",
        "Orlo",
        "participle_subject",
    ),
    # --- qa_answer
    (
        "an_answer_is_the_interviewee_the_preamble_names_most",
        (
            "Q&A with Senator Jane Doe.\n\nSenator Jane Doe spent Monday in Ohio, where she "
            "spoke with reporter Tom Smith. Doe criticised the budget and said the court "
            "would not replace Justice Mary Roe.\n\nQ: What about the budget?\n\nA: It is a "
            "big mistake, and everybody is making it."
        ),
        "It is a big mistake",
        "Jane Doe",
        "qa_answer",
    ),
    # --- own_sentence_subject
    (
        "a_quote_inside_a_sentence_is_its_subjects_not_a_later_speakers",
        (
            'In her new song, Dana Orlo sings, "Never give up on the harbor town." The mayor '
            'was not impressed. "It is a nice tune," Ben Lee said.'
        ),
        "Never give up",
        "Dana Orlo",
        "own_sentence_subject",
    ),
    # --- sentence_subject_fallback
    (
        "a_guessed_subject_is_checked_by_ner_too",
        ("Lane spoke first. Iowa State University's Ada Orvik agreed. “The pier is safe.”"),
        "The pier is safe",
        "Ada Orvik",
        "sentence_subject_fallback",
    ),
    (
        "previous_sentence_subject_stops_at_its_apposition",
        (
            "Sam Lau, the communications director for the Iowa Democratic Party said in a "
            "statement. “There are no paper ballots to recount. The caucuses were unique.”"
        ),
        "There are no paper",
        "Sam Lau",
        "sentence_subject_fallback",
    ),
    # --- unlisted_verb_after
    (
        "more_reporting_verbs",
        '"This is the best plan we have," Quell echoed.',
        "This is",
        "Quell",
        "unlisted_verb_after",
    ),
    (
        "unlisted_verb_after_an_article_and_an_adjective",
        "“France will always be France,” an angry Hollande retaliated. “It never gives up.”",
        "France will",
        "Hollande",
        "unlisted_verb_after",
    ),
    # --- unlisted_verb_before
    (
        "an_unlisted_verb_right_before_the_quote",
        (
            "After Jerry Brown criticized her husband during a debate, Ana shot back, “I "
            "suppose I could have chosen to bake cookies and have teas.”"
        ),
        "I suppose",
        "Ana",
        "unlisted_verb_before",
    ),
    # --- unlisted_verb_then_name
    (
        "an_unlisted_verb_before_the_name_after_an_exclamation",
        "“This is fantastic!” beamed Ben Hartvell of Madison, Alabama, who sat nearby.",
        "This is fantastic",
        "Ben Hartvell",
        "unlisted_verb_then_name",
    ),
    # --- verb_before
    (
        "two_appositions_between_the_name_and_the_verb",
        (
            "Ana Vell, the foreign minister of Norland, a permanent member of the Harbour "
            "Board, said the plan's “provocation cannot be left without consequences.”"
        ),
        "provocation cannot",
        "Ana Vell",
        "verb_before",
    ),
    (
        "a_participle_aside_ending_in_a_time_and_holding_a_title",
        (
            "WESTLAND -- President Tom Reed, opening the Museum of Westland History and "
            "Culture on Saturday, said it would tell ''a story of suffering and delight.''"
        ),
        "a story of suffering",
        "Tom Reed",
        "verb_before",
    ),
    (
        "a_relative_clause_on_the_body_in_the_apposition_leaves_the_name_the_speaker",
        (
            "Senator Tom Reed, the Westland Republican who heads the Harbour Committee, which "
            "oversees the port, said Ms. Vell's gifts ''call into question the independence'' "
            "of the bank."
        ),
        "call into question",
        "Tom Reed",
        "own_sentence_subject",
    ),
    (
        "a_bare_role_before_a_full_name_and_a_relative_clause_naming_others",
        (
            "After the ruling, lawyer Ana Vell, who represents Mr Reed and Mr Hale, said the "
            "court had waited ''far too long.''"
        ),
        "far too long",
        "Ana Vell",
        "verb_before",
    ),
    (
        "a_reported_clause_before_a_comma_and_the_quote_is_no_inversion",
        (
            "Tom Reed, the group's chief strategist, said the group might run ads against Mr. "
            "Hale, ''depending on how the primary develops.''"
        ),
        "depending on how",
        "Tom Reed",
        "verb_before",
    ),
    (
        "a_colon_intro_wins_over_the_next_sentences_own_statement",
        (
            'Harbour spokesman Ivo Marsh said: "It would be prudent to wait for the survey." '
            "Harbour master Tom Reed acknowledged that the pier was old."
        ),
        "It would be prudent",
        "Ivo Marsh",
        "verb_before",
    ),
    (
        "a_lowercase_portfolio_after_a_role_noun_is_part_of_the_office",
        'Shadow spokesman for harbours Ivo Marsh said: "The pier must wait for the survey."',
        "The pier must",
        "Ivo Marsh",
        "verb_before",
    ),
    (
        "a_capitalised_descriptor_opens_the_sentence",
        'Billionaire entrepreneur Peter Thiel said, "I am proud to be a Republican."',
        "I am proud",
        "Peter Thiel",
        "verb_before",
    ),
    (
        "a_capitalised_name_that_is_also_an_auxiliary",
        "Shah gave a speech, which Will claims affirmed “the foundational belief.”",
        "the foundational",
        "Will",
        "verb_before",
    ),
    (
        "a_conjunction_before_a_subject_with_an_aside",
        (
            'But Sen. Richard J. Nyberg (D-Ill.), noting the size of the list, said, "Let me '
            "tell you, he's got a heck of an email list.\""
        ),
        "Let me tell you",
        "Richard J. Nyberg",
        "verb_before",
    ),
    (
        "a_prepositional_phrase_without_a_comma_before_the_subject",
        "In a radio interview Orlo declared “the harbor will reopen by June.”",
        "the harbor",
        "Orlo",
        "verb_before",
    ),
    (
        "a_pronoun_refers_to_its_sentence_subject_named_only_in_narrative",
        (
            '"We need it," Jeff Bechdel said. Ed Vellski may have said it best when he '
            "blogged: “Ana Vell is as close to a pre-selected candidate as we will "
            "see.”"
        ),
        "Ana Vell is",
        "Ed Vellski",
        "verb_before",
    ),
    (
        "a_pronoun_takes_a_possessive_name_without_its_ending",
        (
            "Owen Pryce's budget plans were criticised by the opposition on Monday. "
            '"The sums simply add up," he said.'
        ),
        "The sums",
        "Owen Pryce",
        "name_then_verb",
    ),
    (
        "a_pronoun_takes_the_subject_after_an_opening_phrase",
        (
            "Tom Reed spoke first. In an interview, Dana Orlo had nothing bad to say about "
            'him. "The plan will work," she said.'
        ),
        "The plan",
        "Dana Orlo",
        "name_then_verb",
    ),
    (
        "an_office_with_of_and_to_phrases_before_a_name_is_its_role",
        (
            "Adviser to the Head of the Governor's Office Ana Vellik added: "
            '"The limit has been introduced for now."'
        ),
        "The limit",
        "Ana Vellik",
        "verb_before",
    ),
    (
        "a_name_set_off_after_an_office_is_the_speaker",
        (
            "The Bishop of Kirkby, the Rt Rev Dr Tom Wrenfield, said: "
            '"The novel is a great thriller but lousy history."'
        ),
        "The novel",
        "Tom Wrenfield",
        "verb_before",
    ),
    (
        "a_name_set_off_after_an_owners_office_is_the_speaker",
        (
            "In early May, Tom Reed's Westland state director, Ana Vell, reached out to the firm, "
            'saying: "We want to use this now."'
        ),
        "We want",
        "Ana Vell",
        "participle_subject",
    ),
    (
        "a_time_phrase_between_subject_and_verb",
        ("He attacked Bannon, who Beck on Wednesday called “a horrible, despicable human being.”"),
        "a horrible",
        "Beck",
        "verb_before",
    ),
    (
        "an_adverb_before_the_closing_comma_of_an_aside_is_not_the_subject",
        (
            "A Salo adviser, who spoke on condition of anonymity to speak candidly, said "
            'of the senator, "She takes the threat very seriously."'
        ),
        "She takes",
        "Salo adviser",
        "verb_before",
    ),
    (
        "more_participle_cues_and_an_adverb_in_an_absolute_phrase",
        ("The crowd booed the mayor, with Orlo reportedly shouting: “Go back to your office!”"),
        "Go back",
        "Orlo",
        "verb_before",
    ),
    (
        "relative_who_speaks_for_the_name_before_it",
        'Contrast that with Reed, who has called the TPP pact "an insane deal" in a speech.',
        "an insane",
        "Reed",
        "verb_before",
    ),
    (
        "subject_before_an_infinitive_reporting_verb",
        "The email goes on to say: “Reed wants to write racism into our law books.”",
        "Reed wants",
        "email",
        "verb_before",
    ),
    (
        "x_had_this_to_say_names_x",
        ("Orlo spoke first. A report from the Acme Institute had this to say: “Tolls are a tax.”"),
        "Tolls",
        "Acme Institute",
        "verb_before",
    ),
    # --- verb_then_name
    (
        "a_title_abbreviation_and_a_first_person_possessive_in_the_speaker",
        '"The shelter is full again," said the Rev. Anna Kowal, of Grace Church.',
        "The shelter",
        "Anna Kowal",
        "verb_then_name",
    ),
    (
        "an_inverted_subject_stops_before_a_second_verb",
        '"Gas will be supplied," said Pia Salo and assured that the plan holds.',
        "Gas will",
        "Pia Salo",
        "verb_then_name",
    ),
    (
        "inverted_speaker_may_open_with_a_lowercase_modifier",
        '"October provided a resurgence for her," said former Tamm adviser David Axelrod.',
        "October",
        "David Axelrod",
        "verb_then_name",
    ),
    (
        "lowercase_descriptors_before_a_name",
        '"I fundamentally disagree," said retired Army Lt. Gen. Ola Brandt.',
        "I fundamentally",
        "Ola Brandt",
        "verb_then_name",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "words", "speaker", "rule"), SPEAKERS, ids=[row[0] for row in SPEAKERS]
)
def test_speaker(case: str, text: str, words: str, speaker: str, rule: str) -> None:
    quote = by_start(text, words)
    assert (quote.speaker, quote.rule) == (speaker, rule)


# Reported statements: (case, text, [(statement, speaker, cue, rule), ...] in text order)
STATEMENTS = [
    # ---
    (
        "a_quote_after_a_comma_that_runs_on_in_lower_case_starts_the_clause",
        'Orlo said, "We have not seen that report."',
        [],
    ),
    (
        "a_quote_opening_a_clause_that_runs_on_before_the_attribution",
        '"It is over," the mayor said, according to the Gazette.',
        [],
    ),
    (
        "a_word_after_the_subject_that_is_no_verb_cues_nothing",
        "The Orlo plan for a “new harbor” drew praise from the council.",
        [],
    ),
    (
        "an_interposed_attribution_reports_the_whole_sentence",
        'In an interview, Orlo said, "We will rebuild the docks."',
        [],
    ),
    (
        "a_passive_told_has_the_hearer_as_its_subject_and_no_speaker",
        "The court set bail for Orlo. He was told he could not leave his home alone.",
        [],
    ),
    (
        "a_passive_told_inside_anothers_reported_clause_leaves_that_speaker",
        (
            "For the Greens, Ana Vell said students who were told there would be no fees "
            '"have been given exactly the opposite".'
        ),
        [
            (
                'there would be no fees "have been given exactly the opposite"',
                "Ana Vell",
                "told",
                "thatless_clause",
            ),
        ],
    ),
    (
        "a_name_after_called_is_a_title_never_an_interposed_speaker",
        "The 1728 score, called Harbor Song BWV 12, was found among the papers of Ada Lind.",
        [],
    ),
    # --- interposed
    (
        "an_interposed_attribution_reports_the_whole_sentence",
        'In the older harbors, Orlo said, "the ferries cannot land" during the winter.',
        [
            (
                ('In the older harbors, Orlo said, "the ferries cannot land" during the winter'),
                "Orlo",
                "said",
                "interposed",
            ),
        ],
    ),
    # --- leading_according
    (
        "a_leading_as_x_reported_names_the_source_of_the_clause",
        ("Lane toured the pier. As the Harbor Times reported, “the mayor would win, and easily.”"),
        [
            ("“the mayor would win, and easily.”", "Harbor Times", "reported", "leading_according"),
        ],
    ),
    (
        "a_leading_according_to_a_title_with_its_dot_names_the_source",
        "According to Gov. Ada Lind, the pier would “close for good” in May.",
        [
            (
                "the pier would “close for good” in May",
                "Ada Lind",
                "according to",
                "leading_according",
            )
        ],
    ),
    (
        "a_leading_as_x_put_it_with_a_title_dot_names_the_source",
        "As Mr. Tamm put it, the pier is “a disgrace to the city.”",
        [("the pier is “a disgrace to the city.”", "Tamm", "put", "leading_according")],
    ),
    # --- nested_quoted_object
    (
        "quoted_words_inside_a_reported_clause_belong_to_the_nearest_reporting_verb",
        (
            "Orlo said the harbor plan would pass, which the mayor later declared “a total "
            "triumph” for the city."
        ),
        [
            ("“a total triumph” for the city", "mayor", "declared", "nested_quoted_object"),
        ],
    ),
    # --- quoted_object
    (
        "a_participle_after_a_time_phrase_opening_the_sentence_has_the_subject_after_it",
        "Late last month, Ola Tamm went to the pier, calling it “a disgrace.”",
        [("it “a disgrace.”", "Ola Tamm", "calling", "quoted_object")],
    ),
    (
        "a_dash_and_a_conjunction_end_the_statement_unless_they_close_an_aside",
        ("Orlo implied the mayor was “asleep” that night - although the logs show otherwise."),
        [
            ("the mayor was “asleep” that night", "Orlo", "implied", "quoted_object"),
        ],
    ),
    (
        "a_name_framed_by_what_someone_calls_is_a_noun_phrase",
        ("Orlo fought what the mayor calls the “harbor cartel” and won a seat on the council."),
        [
            ("what the mayor calls the “harbor cartel”", "mayor", "calls", "quoted_object"),
        ],
    ),
    (
        "a_quote_after_a_comma_that_runs_on_in_lower_case_starts_the_clause",
        'Orlo said, "We have not seen that report" from the harbor police.',
        [
            (
                '"We have not seen that report" from the harbor police',
                "Orlo",
                "said",
                "quoted_object",
            ),
        ],
    ),
    (
        "a_quote_right_after_said_that_runs_on_starts_the_clause",
        "Lee said “it breaks my heart” whenever she drives past the closed mill.",
        [
            (
                "“it breaks my heart” whenever she drives past the closed mill",
                "Lee",
                "said",
                "quoted_object",
            ),
        ],
    ),
    (
        "a_second_verb_after_a_quoted_object_is_the_speakers_next_action",
        (
            "Orlo called the harbor deal “a total scam” and ranked the mayor among the "
            "worst leaders “in the state’s history.”"
        ),
        [
            ("the harbor deal “a total scam”", "Orlo", "called", "quoted_object"),
            (
                "the mayor among the worst leaders “in the state’s history.”",
                "Orlo",
                "ranked",
                "coordinated_object",
            ),
        ],
    ),
    (
        "a_second_verb_after_a_quoted_object_is_the_speakers_next_action",
        ("Orlo called the harbor deal “a total scam” and stormed out of the council meeting."),
        [
            ("the harbor deal “a total scam”", "Orlo", "called", "quoted_object"),
        ],
    ),
    (
        "a_verb_coordinated_after_a_quoted_object_ends_the_statement",
        'Orlo has decried the "harbor mess" and unveiled her plans to fix the docks.',
        [
            ('the "harbor mess"', "Orlo", "decried", "quoted_object"),
        ],
    ),
    (
        "participle_after_a_comma_takes_the_sentence_subject",
        (
            "Speaking at a town hall in Salem, New Hampshire, Vale went after Hale, calling "
            "him “a total stiff.”"
        ),
        [
            ("him “a total stiff.”", "Vale", "calling", "quoted_object"),
        ],
    ),
    (
        "the_medium_or_day_after_a_quoted_object_is_not_what_was_said",
        "Orlo called the harbor plan “a disaster” in a radio interview on Tuesday.",
        [
            ("the harbor plan “a disaster”", "Orlo", "called", "quoted_object"),
        ],
    ),
    (
        "verbs_of_praise_blame_and_allegation_report_their_object",
        'Orlo blasted the harbor plan as "a giveaway to developers."',
        [
            ('the harbor plan as "a giveaway to developers."', "Orlo", "blasted", "quoted_object"),
        ],
    ),
    # --- subject_verb_object
    (
        "reporting_verb_after_a_determiner_is_a_noun",
        'Reed later defended his comments as being "sarcastic."',
        [
            ('his comments as being "sarcastic."', "Reed", "defended", "subject_verb_object"),
        ],
    ),
    # --- that_clause
    (
        "a_leading_subordinate_clause_reports_its_own_statement",
        (
            "Although Lane admitted that the pier had been “unsafe for years,” his office "
            "argued that it could open in May."
        ),
        [
            ("the pier had been “unsafe for years,”", "Lane", "admitted", "that_clause"),
            ("it could open in May", "office", "argued", "that_clause"),
        ],
    ),
    (
        "a_long_listener_between_told_and_that",
        ('Orlo told longtime harbor radio host Ben Lee on Friday that the plan was "a mess."'),
        [
            ('the plan was "a mess."', "Orlo", "told", "that_clause"),
        ],
    ),
    (
        "a_relative_clause_after_an_attribution_reports_its_own_statement",
        (
            '"The harbor is ready," said Ana Orlo, the port director, who added that the '
            'ferries would run "every hour on the hour."'
        ),
        [
            (
                'the ferries would run "every hour on the hour."',
                "Ana Orlo",
                "added",
                "that_clause",
            ),
        ],
    ),
    (
        "a_subordinate_clause_after_the_quote_ends_the_statement",
        ('Orlo told the crowd that the ferry "will never run" before leaving the stage early.'),
        [
            ('the ferry "will never run"', "Orlo", "told", "that_clause"),
        ],
    ),
    (
        "a_that_inside_a_reported_clause_does_not_start_it",
        ("Dana Bloom says on Facebook that it is “a real shame” that the mayor skipped the vote."),
        [
            (
                "it is “a real shame” that the mayor skipped the vote",
                "Dana Bloom",
                "says",
                "that_clause",
            ),
        ],
    ),
    (
        "an_audience_place_and_time_can_stand_between_the_verb_and_its_that",
        (
            "Orlo told a crowd of dock workers in Salem, Oregon on Tuesday that the harbor "
            "would be “open for business” by June."
        ),
        [
            ("the harbor would be “open for business” by June", "Orlo", "told", "that_clause"),
        ],
    ),
    (
        "each_chained_reporting_verb_starts_its_own_statement",
        ("Graham said that Brandt is a “good, decent man,” and said that Reed “melted down.”"),
        [
            ("Brandt is a “good, decent man,”", "Graham", "said", "that_clause"),
            ("Reed “melted down.”", "Graham", "said", "chained_verb"),
        ],
    ),
    (
        "implied_and_other_speech_verbs_chain_like_said",
        "Orlo conceded that the pier had flooded but implied that the mayor was “asleep.”",
        [
            ("the pier had flooded", "Orlo", "conceded", "that_clause"),
            ("the mayor was “asleep.”", "Orlo", "implied", "chained_verb"),
        ],
    ),
    (
        "verbs_of_praise_blame_and_allegation_report_their_object",
        'The union alleges that the port authority "ignored every warning" for years.',
        [
            (
                'the port authority "ignored every warning" for years',
                "union",
                "alleges",
                "that_clause",
            ),
        ],
    ),
    (
        "whoever_owns_a_claim_made_it",
        ("Reporters checked Dana Orlo’s claim that the harbor lost “millions of dollars” in May."),
        [
            ("the harbor lost “millions of dollars” in May", "Dana Orlo", "claim", "that_clause"),
        ],
    ),
    # --- thatless_clause
    (
        "a_time_phrase_after_the_verb_is_no_clause",
        "Ada Lind pushed back on those claims Thursday, saying that the ferry had lost money.",
        [("the ferry had lost money", "Ada Lind", "saying", "that_clause")],
    ),
    (
        "a_time_phrase_alone_after_said_is_no_statement",
        "Ola Tamm spoke at the pier. The mayor said this today. A man of his word.",
        [],
    ),
    (
        "a_time_phrase_before_the_comma_is_no_statement_of_the_clause_after_it",
        "Earlier this month, Westland Ferries said it would cut its fares by a third.",
        [("it would cut its fares by a third", "Westland Ferries", "said", "thatless_clause")],
    ),
    (
        "a_time_phrase_with_ago_before_the_comma_is_no_statement",
        "Two years ago, Ola Tamm told reporters the pier would close.",
        [("the pier would close", "Ola Tamm", "told", "thatless_clause")],
    ),
    (
        "a_long_subject_before_a_reporting_verb_falls_back_to_the_sentence_subject",
        "Cory Lane, 22, of Salem, Ore., said he had not given up hope for a “surprise” win.",
        [
            (
                "he had not given up hope for a “surprise” win",
                "Cory Lane",
                "said",
                "thatless_clause",
            ),
        ],
    ),
    (
        "a_present_tense_reporting_verb_after_and_or_but_starts_its_own_statement",
        ("Orlo says she admires the mayor’s “energy and drive” but argues that he lacks a plan."),
        [
            ("she admires the mayor’s “energy and drive”", "Orlo", "says", "thatless_clause"),
            ("he lacks a plan", "Orlo", "argues", "chained_verb"),
        ],
    ),
    (
        "a_that_less_clause_may_open_with_a_subordinator",
        'Orlo said because the docks are old, "the ferries cannot land in winter."',
        [
            (
                'because the docks are old, "the ferries cannot land in winter."',
                "Orlo",
                "said",
                "thatless_clause",
            ),
        ],
    ),
    (
        "a_thatless_clause_after_noted_or_suggested",
        "The report noted the city had missed every single deadline since May.",
        [
            (
                "the city had missed every single deadline since May",
                "report",
                "noted",
                "thatless_clause",
            ),
        ],
    ),
    (
        "a_thatless_clause_after_say_or_tell_with_an_object",
        "The farmers say they are “fed up” with the new water rules.",
        [
            ("they are “fed up” with the new water rules", "farmers", "say", "thatless_clause"),
        ],
    ),
    (
        "a_thatless_clause_after_say_or_tell_with_an_object",
        "And, Orlo tells the crowd, she has always been “a fighter” for the harbor.",
        [
            ("she has always been “a fighter” for the harbor", "Orlo", "tells", "thatless_clause"),
        ],
    ),
    (
        "an_apposition_naming_the_speech_act_ends_the_statement",
        ("Orlo said the harbor vote was “rigged,” a charge that the council denied on Friday."),
        [
            ("the harbor vote was “rigged,”", "Orlo", "said", "thatless_clause"),
        ],
    ),
    (
        "an_exclamation_inside_a_short_quote_does_not_end_the_sentence",
        ('Greeted with chants of "Ana! Ana!," the mayor said the port was "back in business."'),
        [
            ('the port was "back in business."', "mayor", "said", "thatless_clause"),
        ],
    ),
    (
        "reported_clause_ends_at_a_comma_inside_the_closing_mark",
        ("Lind said his campaign doesn’t want “that crap,” in an interview with CNN on Sunday."),
        [
            ("his campaign doesn’t want “that crap,”", "Lind", "said", "thatless_clause"),
        ],
    ),
    (
        "the_medium_or_day_after_a_quoted_object_is_not_what_was_said",
        "Orlo said the harbor plan was “a disaster” in a radio interview on Tuesday.",
        [
            ("the harbor plan was “a disaster”", "Orlo", "said", "thatless_clause"),
        ],
    ),
    # --- trailing_attribution
    (
        "according_to_ends_at_a_spaced_dash_not_at_a_hyphen",
        "Most voters distrust the ferry plan, according to a Westland-Post poll - the same as "
        "Mr. Reed's figure.",
        [
            (
                "Most voters distrust the ferry plan",
                "Westland-Post poll",
                "according to",
                "trailing_attribution",
            ),
        ],
    ),
    (
        "a_quote_opening_a_clause_that_runs_on_before_the_attribution",
        '"Fresh water" would be enough for the harbor, the mayor said on Friday.',
        [
            (
                '"Fresh water" would be enough for the harbor',
                "mayor",
                "said",
                "trailing_attribution",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), STATEMENTS, ids=[r[0] for r in STATEMENTS])
def test_statements(case: str, text: str, expected: list[tuple[str, str, str, str]]) -> None:
    found = [
        (q.text, q.speaker, q.cue, q.rule) for q in extract_quotes(text) if q.kind == "indirect"
    ]
    assert found == expected


# One quote's fields: (case, text, which quote, {field: value}); `F^` / `F$` are the first /
# last words of field F. Which quote: ("only",) the text's single quote, ("only_kind",
# K) its single quote of kind K, ("kind", K) its first of kind K, ("start", W) the first
# starting with W, ("indirect_index", i) its i-th reported statement.
FIELDS = [
    # --- an attribution interposed in the subject, verb first: the name, never "Any"
    (
        "an_inverted_attribution_interposed_in_the_subject_names_the_speaker",
        'Any fair reading of the law, said Ola Tamm, a lawyer in Lowtown, would find it "deeply '
        'flawed."',
        ("kind", "indirect"),
        {"speaker": "Ola Tamm", "rule": "interposed_verb_first", "text^": "Any fair reading"},
    ),
    (
        "a_quoted_word_in_the_subject_leaves_the_interposed_attribution_its_speaker",
        "Any ''cleareyed'' interpretation of the treaty, said Ola Tamm, an expert on Norland, "
        "would read this as an admission that Westland is bowing out.",
        ("kind", "indirect"),
        {"speaker": "Ola Tamm", "rule": "interposed_verb_first"},
    ),
    # --- a continuation's pronoun: the person the sentence before names by surname
    (
        "she_after_a_surname_subject_is_that_person_not_the_last_speaker",
        'Tom Reed spoke first. "We will win," Reed said.\n\nContender Ana Vell wrote a '
        'letter. Vell tweeted her thanks to the mayor. She called his plan "a crucial step."'
        '\n\nAnd she added that the next mayor "has to build on it."',
        ("start", "has to build"),
        {"speaker": "Ana Vell"},
    ),
    # --- speakers named after an office of a place (NER runs the place into the name)
    (
        "an_office_of_a_place_before_a_name_is_the_role_not_part_of_the_name",
        '"The port will reopen in May," said President of Ukraine Olena Marchuk.',
        ("only",),
        {"speaker": "Olena Marchuk", "role": "President of Ukraine"},
    ),
    (
        "an_and_inside_an_office_before_a_name_ends_no_clause",
        (
            "Secretary of the Harbour Safety and Defence Council Ana Vellik said that "
            "the port would reopen in May."
        ),
        ("kind", "indirect"),
        {
            "speaker": "Ana Vellik",
            "role": "Secretary of the Harbour Safety and Defence Council",
            "rule": "that_clause",
        },
    ),
    (
        "an_and_inside_a_bare_office_ends_no_clause",
        "The Secretary of the Harbour Safety and Defence Council noted that the port was shut.",
        ("kind", "indirect"),
        {"speaker": "Secretary of the Harbour Safety and Defence Council"},
    ),
    (
        "an_and_between_two_people_still_ends_the_clause",
        (
            "A study by Ana Vellik of the University of Westport and Professor Tom Reed "
            "concluded that the port would reopen in May."
        ),
        ("kind", "indirect"),
        {"speaker": "Tom Reed"},
    ),
    (
        "an_office_before_a_name_after_an_inverted_verb_is_the_role",
        (
            "The port will reopen in May, said Secretary of the Harbour Safety and Defence "
            "Council Ana Vellik."
        ),
        ("kind", "indirect"),
        {
            "speaker": "Ana Vellik",
            "role": "Secretary of the Harbour Safety and Defence Council",
            "rule": "trailing_inverted",
        },
    ),
    (
        "an_office_before_a_name_after_according_to_is_the_role",
        (
            "According to Adviser to the Head of the Governor's Office Ana Vellik, the port "
            "will reopen in May."
        ),
        ("kind", "indirect"),
        {
            "speaker": "Ana Vellik",
            "role": "Adviser to the Head of the Governor's Office",
            "rule": "leading_according",
        },
    ),
    (
        "an_office_of_an_organisation_keeps_no_name",
        'The CEO of Eastport Harbour Association stated that the port "will reopen in May."',
        ("kind", "indirect"),
        {"role": "CEO of Eastport Harbour Association"},  # not `Harbour Association` for a name
    ),
    # --- chained_verb
    (
        "each_chained_reporting_verb_starts_its_own_statement",
        (
            "Reed hailed the vote as “fantastic,” telling reporters on Friday that he "
            "thinks the Brexit is “a great thing.”"
        ),
        ("indirect_index", -1),
        {
            "text": "he thinks the Brexit is “a great thing.”",
            "speaker": "Reed",
            "cue": "telling",
            "rule": "chained_verb",
        },
    ),
    # --- leading_according
    (
        "a_leading_as_x_reported_names_the_source_of_the_clause",
        ("As the Harbor Times first reported, Lane will call the pier “a disgrace” on Monday."),
        ("indirect_index", 0),
        {"speaker": "Harbor Times", "cue": "reported", "rule": "leading_according"},
    ),
    (
        "a_leading_as_x_reported_names_the_source_of_the_clause",
        ("Lane toured the pier. As one worker told the Harbor Times, “She wants to scare us.”"),
        ("indirect_index", 0),
        {"speaker": "worker", "cue": "told", "rule": "leading_according"},
    ),
    # --- name_then_verb
    (
        "a_long_descriptor_keeps_its_role_noun_and_name",
        (
            "“There is a high probability of an accident,” DoubleLine Capital portfolio "
            "manager Mia Salo said at a Harbourwire event."
        ),
        ("start", "There is"),
        {
            "speaker": "Mia Salo",
            "speaker_as_written": "manager Mia Salo",
            "rule": "name_then_verb",
        },
    ),
    (
        "a_noun_after_of_is_not_the_reporting_verb",
        '"Nothing about Ukraine without Ukraine," the head of state said.',
        ("only",),
        {"speaker": "head of state", "cue": "said", "rule": "name_then_verb"},
    ),
    (
        "apposition_role_and_pronoun",
        'Anna Lee, the mayor, said the city was safe.\n\n"Nobody should worry," she said.',
        ("start", "Nobody should worry"),
        {
            "speaker": "Anna Lee",
            "speaker_as_written": "she",
            "role": "mayor",
            "rule": "name_then_verb",
        },
    ),
    (
        "markup_attributes_inside_a_quote_do_not_close_it",
        '“We agreed. <b id="9">Cite this,” Nils Varo said on Tuesday.',
        ("only",),
        {"text$": "Cite this,", "speaker": "Nils Varo", "rule": "name_then_verb"},
    ),
    (
        "organisation_speaker",
        '"We will not comment on this," the Kremlin said.',
        ("only",),
        {"speaker": "Kremlin", "rule": "name_then_verb"},
    ),
    (
        "parenthesised_asides_and_titles_are_not_speakers_or_roles",
        '"We will not be moved on this at all," Osk (Mr) said.',
        ("only",),
        {"speaker": "Osk", "rule": "name_then_verb"},
    ),
    (
        "role_noun_resolves_to_the_person_introduced_with_it",
        (
            'Westland spokesman Eda Kron spoke on Monday.\n\n"There is no decision yet," '
            "the Westland spokesman said."
        ),
        ("start", "There is no decision"),
        {"speaker": "Eda Kron", "role": "Westland spokesman", "rule": "name_then_verb"},
    ),
    # --- nested_quoted_object
    (
        "a_dash_and_a_conjunction_end_the_statement_unless_they_close_an_aside",
        "Orlo said the pier is safe - as the mayor says - and “open to everyone.”",
        ("indirect_index", 0),
        {"text$": "“open to everyone.”", "rule": "nested_quoted_object"},
    ),
    # --- noun_object:expressed_feeling
    (
        "an_office_resolves_to_its_holder_named_in_the_article",
        (
            "Prime Minister of Westland Anna Berg met the envoy on Monday. The Prime "
            "Minister expressed gratitude to Eastland for its support."
        ),
        ("only",),
        {
            "speaker": "Anna Berg",
            "role": "Prime Minister of Westland",
            "rule": "noun_object:expressed_feeling",
        },
    ),
    # --- participle_subject
    (
        "participle_cue_takes_the_sentence_subject",
        (
            "On Thursday, Salo appeared with Rachel Maddow and endorsed Vell, saying, "
            "“I think having a fighter in the lead is exactly what we need.”"
        ),
        ("start", "I think having"),
        {"speaker": "Salo", "cue": "saying", "rule": "participle_subject"},
    ),
    (
        "sentence_adverbs_and_time_phrases_are_not_part_of_the_speaker",
        (
            "Later on Sunday, Brandt shared a syllabus on his page, writing “Allow me also "
            "to do the research for the reporter.”"
        ),
        ("start", "Allow me"),
        {"speaker": "Brandt", "rule": "participle_subject"},
    ),
    # --- quoted_object
    (
        "a_name_framed_by_what_someone_calls_is_a_noun_phrase",
        "The vote on what the mayor calls her “clean harbor” plan was delayed again.",
        ("indirect_index", 0),
        {"text": "what the mayor calls her “clean harbor” plan", "rule": "quoted_object"},
    ),
    (
        "a_word_after_the_subject_that_is_no_verb_cues_nothing",
        "Orlo thanked the council for its “courage and vision” on the harbor.",
        ("indirect_index", 0),
        {"speaker": "Orlo", "cue": "thanked", "rule": "quoted_object"},
    ),
    (
        "reported_clause_holding_a_partial_quote_is_one_statement",
        (
            "Governor Mary Fallin said presumptive nominee Tom Reed is “trying to "
            "campaign as a racial healer.”"
        ),
        ("kind", "indirect"),
        {
            "text^": "presumptive nominee Tom Reed is “trying",
            "speaker": "Mary Fallin",
            "rule": "quoted_object",
        },
    ),
    (
        "reported_clause_holding_a_partial_quote_is_one_statement",
        "Lind says “the wind is at our backs” despite his loss.",
        ("kind", "indirect"),
        {
            "text": "“the wind is at our backs” despite his loss",
            "speaker": "Lind",
            "rule": "quoted_object",
        },
    ),
    (
        "the_medium_or_day_after_a_quoted_object_is_not_what_was_said",
        "Orlo called the harbor plan “a disaster” in every way.",
        ("indirect_index", 0),
        {"text": "the harbor plan “a disaster” in every way", "rule": "quoted_object"},
    ),
    # --- that_clause
    (
        "a_comma_after_that_still_opens_the_clause",
        ("The spokeswoman said by email that, “Of course the mayor will answer” every question."),
        ("indirect_index", 0),
        {"text^": "“Of course the mayor", "rule": "that_clause"},
    ),
    (
        "a_comparison_opening_the_sentence_is_not_its_subject",
        "Like Orlo, Lane rejected the plan, arguing that the pier is “perfectly safe.”",
        ("indirect_index", 0),
        {"speaker": "Lane", "cue": "arguing", "rule": "that_clause"},
    ),
    (
        "that_clause_after_a_longer_object",
        ('Lind said on ABC\'s "This Week" program that he would "take a look" at the bill.'),
        ("indirect_index", 0),
        {"text": 'he would "take a look" at the bill', "rule": "that_clause"},
    ),
    # --- thatless_clause
    (
        "a_bare_office_is_the_first_holder_the_article_names",
        (
            "President of Westland Anna Berg met President of the Harbour Council Tom Reed "
            "on Monday. The President stressed the importance of opening the northern ports."
        ),
        ("only_kind", "indirect"),
        {"speaker": "Anna Berg", "rule": "thatless_clause"},
    ),
    (
        "a_citing_participle_ends_the_statement",
        ("Orlo said the pier was “unsafe” for anyone, citing a report from the harbor engineers."),
        ("indirect_index", 0),
        {
            "text": "the pier was “unsafe” for anyone",
            "speaker": "Orlo",
            "cue": "said",
            "rule": "thatless_clause",
        },
    ),
    (
        "a_coordinated_reporting_verb_shares_the_subject_of_the_first",
        ('The harbor board denounced the plan and said it would "fight it in court" this year.'),
        ("indirect_index", -1),
        {
            "text": 'it would "fight it in court" this year',
            "speaker": "harbor board",
            "cue": "said",
            "rule": "thatless_clause",
        },
    ),
    (
        "a_qualified_office_is_its_own_holder",
        (
            "President of Westland Anna Berg met the Eastish President Tom Reed on Monday. "
            "The Eastish President stressed the importance of opening the northern ports."
        ),
        ("only_kind", "indirect"),
        {"speaker": "Tom Reed", "rule": "thatless_clause"},
    ),
    (
        "a_that_inside_a_reported_clause_does_not_start_it",
        'Bloom also said the council is "thrilled" that the bridge is finally open.',
        ("indirect_index", 0),
        {"text^": "the council is", "rule": "thatless_clause"},
    ),
    (
        "a_verb_coordinated_after_a_quoted_object_ends_the_statement",
        'Orlo said the port was "a mess" and needed new cranes before the winter.',
        ("indirect_index", 0),
        {"text$": "before the winter", "rule": "thatless_clause"},
    ),
    (
        "an_apposition_naming_the_speech_act_ends_the_statement",
        ("Orlo said the pier would “stay open” all year, a swipe at the mayor’s closure plan."),
        ("indirect_index", 0),
        {"text": "the pier would “stay open” all year", "rule": "thatless_clause"},
    ),
    (
        "an_audience_place_and_time_can_stand_between_the_verb_and_its_that",
        "Orlo says she voted for the harbor plan last year in May, and that it “failed.”",
        ("indirect_index", 0),
        {"text^": "she voted", "rule": "thatless_clause"},
    ),
    (
        "an_office_nobody_in_the_article_holds_keeps_the_office_as_role",
        (
            "The parties discussed the crisis. The President of Westland stressed the "
            "importance of a direct dialogue between the two capitals."
        ),
        ("only",),
        {
            "speaker": "President of Westland",
            "role": "President of Westland",
            "rule": "thatless_clause",
        },
    ),
    (
        "an_office_with_a_nationality_resolves_to_its_holder",
        (
            "Westish President Ivan Petrov met the envoy. The Westish President stressed the "
            "importance of a direct dialogue between the capitals."
        ),
        ("only_kind", "indirect"),
        {"speaker": "Ivan Petrov", "role": "Westish President", "rule": "thatless_clause"},
    ),
    (
        "quoted_words_inside_a_reported_clause_belong_to_the_nearest_reporting_verb",
        "Orlo says the budget ended what critics call a “war of words.”",
        ("indirect_index", 0),
        {"speaker": "Orlo", "rule": "thatless_clause"},
    ),
    (
        "reported_clause_with_an_inner_comma_is_extracted",
        'Beck said if Reed wins, he would impose a "South American dictatorship" on us.',
        ("kind", "indirect"),
        {"text^": "if Reed wins", "speaker": "Beck", "rule": "thatless_clause"},
    ),
    # --- trailing_attribution
    (
        "according_to_is_indirect",
        "The economy will grow, according to the central bank.",
        ("only",),
        {
            "kind": "indirect",
            "text": "The economy will grow",
            "cue": "according to",
            "rule": "trailing_attribution",
        },
    ),
    # --- verb_before
    (
        "a_participle_phrase_inside_the_subject",
        ("Another intelligence source speaking to Westland News said, “The agents are probing.”"),
        ("start", "The agents"),
        {"speaker_as_written": "Another intelligence source", "rule": "verb_before"},
    ),
    (
        "apposition_before_the_verb_gives_the_name_and_role",
        (
            "In an interview, Ben Vint, a former HP vice president of global sales, said "
            'Voss "was heavily involved in all that discussion" last year.'
        ),
        ("kind", "direct"),
        {
            "speaker": "Ben Vint",
            "role": "former HP vice president of global sales",
            "rule": "verb_before",
        },
    ),
    (
        "paragraph_ending_with_a_colon_attributes_the_quote_paragraph_after_it",
        ('The doctor spoke on Monday. Dr. Ward stated:\n\n"The bill is a disgrace and must go."'),
        ("only",),
        {"speaker": "Ward", "cue": "stated", "rule": "verb_before"},
    ),
    (
        "parenthesised_asides_and_titles_are_not_speakers_or_roles",
        'Mr Osk (Labour) said: "We will not be moved on this at all."',
        ("only",),
        {"speaker": "Osk", "role": None, "rule": "verb_before"},
    ),
    (
        "partial_quote_goes_to_the_sentence_subject",
        'Reed called the plan "a total disaster" on Monday.',
        ("kind", "direct"),
        {"text": "a total disaster", "speaker": "Reed", "rule": "verb_before"},
    ),
    (
        "quote_running_over_paragraphs_is_one_quote",
        ("Mayor Ann Lee said: “The first part is here.\n\n“The second part is there.”\n\nEnd."),
        ("only",),
        {
            "text": "The first part is here.\n\n“The second part is there.",
            "speaker": "Ann Lee",
            "role": "Mayor",
            "rule": "verb_before",
        },
    ),
    (
        "sentence_adverbs_and_time_phrases_are_not_part_of_the_speaker",
        ('Meanwhile Labour backbencher Sam Pound labelled the schemes "a pile of nonsense".'),
        ("kind", "direct"),
        {"speaker": "Sam Pound", "role": "Labour backbencher", "rule": "verb_before"},
    ),
    (
        "sentence_adverbs_and_time_phrases_are_not_part_of_the_speaker",
        'Meanwhile Labour said: "We will win the next election easily."',
        ("only",),
        {"speaker": "Labour", "rule": "verb_before"},
    ),
    # --- verb_then_name
    (
        "an_attribution_closing_the_sentence_of_an_opening_quote",
        (
            '"Many would consider that an embarrassment" if she did not win by more, said '
            "David Wasserman, an elections analyst at the Cook Political Report."
        ),
        ("start", "Many would"),
        {"speaker": "David Wasserman", "cue": "said", "rule": "verb_then_name"},
    ),
    (
        "inverted_attribution_with_a_long_office_keeps_the_whole_name",
        '"The talks went well," said Head of the Office of the President Oren Tamsk.',
        ("only",),
        {
            "speaker": "Oren Tamsk",
            "role": "Head of the Office of the President",
            "rule": "verb_then_name",
        },
    ),
    (
        "nested_single_quotes_stay_inside",
        "“He told me ‘never again’ and left,” said Jane Doe.",
        ("only",),
        {
            "text": "He told me ‘never again’ and left,",
            "speaker": "Jane Doe",
            "rule": "verb_then_name",
        },
    ),
    # --- former hand-written functions of test_quotes.py
    (
        "past_tense_verb_missing_from_the_lexicon_attributes_a_quote",
        '"What was the pivot point?" Beck questioned.',
        ("start", "What was"),
        {"speaker": "Beck"},
    ),
    (
        "past_tense_verb_missing_from_the_lexicon_attributes_a_quote",
        '"It is about time we had a woman running this country," exhorted actress Ana Lee Vint.',
        ("start", "It is about"),
        {"speaker": "Ana Lee Vint"},
    ),
    (
        "fragments_are_not_speakers",
        (
            "Smith met the governors. The head of government said the region would recover.\n\n"
            "Andrei Kostin: Colleagues, let's continue with the agenda. Please.\n\n"
            "Yekaterina Ivanova: We are glad to be here today with you."
        ),
        ("start", "the region"),
        {"speaker": "head of government"},
    ),
    (
        "a_name_alone_before_a_colon_labels_the_quote",
        (
            'Orlo: "We will fix the harbor first." Lee: "The roads come first." '
            "WHY TOWNS DIFFER - Dana Park and Eli Stone: “The money follows the roads.”"
        ),
        ("kind", "direct"),
        {"text^": "We will fix", "speaker": "Orlo"},
    ),
    (
        "a_name_alone_before_a_colon_labels_the_quote",
        (
            'Orlo: "We will fix the harbor first." Lee: "The roads come first." '
            "WHY TOWNS DIFFER - Dana Park and Eli Stone: “The money follows the roads.”"
        ),
        ("start", "The roads"),
        {"speaker": "Lee"},
    ),
    (
        "an_article_and_a_common_noun_can_be_the_subject_of_a_participle",
        "The retired surgeon has given no details, saying only he was “refining some plans.”",
        ("indirect_index", 0),
        {"speaker": "retired surgeon", "cue": "saying"},
    ),
    (
        "an_article_and_a_common_noun_can_be_the_subject_of_a_participle",
        "One operative inside City Hall played it down, saying it was “not a big deal.”",
        ("indirect_index", 0),
        {"speaker": "operative", "cue": "saying"},
    ),
    (
        "a_capitalised_verb_inside_a_name_is_no_verb",
        "“The race is close,” Ohio State University’s Ana Orlo said.",
        ("start", "The race"),
        {"cue": "said", "speaker$": "Ana Orlo"},
    ),
    (
        "a_chained_called_for_reports_its_object",
        "Tom Reed thanked the envoy and called for more fuel deliveries to the north.",
        ("start", "more fuel deliveries to the north"),
        {"kind": "indirect", "cue": "called for"},
    ),
]


def _select(text: str, which: tuple[str, ...]) -> Quote:
    quotes = extract_quotes(text)
    if which[0] == "start":
        return by_start(text, which[1])
    if which[0] == "kind":
        return next(q for q in quotes if q.kind == which[1])
    if which[0] == "indirect_index":
        return [q for q in quotes if q.kind == "indirect"][which[1]]
    if which[0] == "only_kind":
        quotes = [q for q in quotes if q.kind == which[1]]
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(("case", "text", "which", "fields"), FIELDS, ids=[r[0] for r in FIELDS])
def test_quote_fields(case: str, text: str, which: tuple[str, ...], fields: dict) -> None:
    quote = _select(text, which)
    for field, value in fields.items():
        if field.endswith("^"):
            assert getattr(quote, field[:-1]).startswith(value), (field, quote, value)
        elif field.endswith("$"):
            assert getattr(quote, field[:-1]).endswith(value), (field, quote, value)
        else:
            assert getattr(quote, field) == value, (field, getattr(quote, field), value)


# What a text yields, field by field: (case, text, kind or None for all, fields, expected list
# (or set) of values, one per quote in text order)
LISTINGS = [
    (  # `?".`: the straight mark after a phrase's end and before a full stop closes
        "a_straight_mark_after_a_question_mark_before_a_full_stop_closes_its_quotation",
        (
            'The lawyer asked Reed: "Did you sign the cheque?". "Not that I recall," Reed '
            "replied. He left the court."
        ),
        "direct",
        ("text",),
        ["Did you sign the cheque?", "Not that I recall,"],
    ),
    (  # `)",`: after a bracket and before a comma, too
        "a_straight_mark_after_a_bracket_before_a_comma_closes_its_quotation",
        (
            'Ana Vell called the plan "a gift to the port (and the town)", adding that work '
            'starts in May. "It is a good plan," she said.'
        ),
        "direct",
        ("text",),
        ["a gift to the port (and the town)", "It is a good plan,"],
    ),
    (  # a phrase the writer quotes from a document, in a sentence after the engineer's quote
        "a_short_phrase_inside_a_later_sentence_takes_no_neighbours_speaker",
        (
            '"We will rebuild the harbour by spring," said Dana Orlo, the engineer. The '
            'permit bars any work that could cause "lasting harm to the river bed."'
        ),
        "direct",
        ("text", "speaker"),
        [("We will rebuild the harbour by spring,", "Dana Orlo")],
    ),
    (  # in the sentence of its neighbour, that sentence's reporting verb governs it
        "a_short_phrase_in_the_neighbours_sentence_keeps_its_speaker",
        (
            'Dana Orlo said the grant was "a fantastic gift" that would help the port '
            '"reopen the old quay."'
        ),
        "direct",
        ("text", "speaker"),
        [("a fantastic gift", "Dana Orlo"), ("reopen the old quay.", "Dana Orlo")],
    ),
    (
        "a_capitalised_verb_or_preposition_opening_the_sentence_is_no_speaker",
        'Asked if she likes the harbor she confesses: "Yes, it is the best."',
        None,
        ("speaker",),
        {None},
    ),
    (
        "a_capitalised_verb_or_preposition_opening_the_sentence_is_no_speaker",
        'Among them were posters carrying messages, saying "we are sorry" for the result.',
        None,
        ("speaker",),
        {None},
    ),
    (
        "a_quote_after_a_passive_told_is_not_stored_as_the_hearers",
        'Ms Vell was told her suspension was a result of "improper" posts on her page.',
        "direct",
        ("text", "speaker"),
        [],
    ),
    (
        "a_quote_after_a_passive_asked_is_not_stored_as_the_hearers",
        'Tom Reed was later asked to explain "the missing funds" by the board.',
        "direct",
        ("text", "speaker"),
        [],
    ),
    (
        "a_passive_told_in_an_aside_before_said_leaves_the_subject_of_said",
        'Ana Vell, who was told of the plan, said: "We will fight it."',
        "direct",
        ("speaker",),
        ["Ana Vell"],
    ),
    (
        "an_active_told_before_a_quote_keeps_its_subject",
        'Tom Reed told the board "the funds are safe" on Monday.',
        "direct",
        ("speaker",),
        ["Tom Reed"],
    ),
    (
        "a_closing_attribution_then_a_chained_statement",
        (
            'The former secretary of state will play the "woman card," Voss said, adding '
            'that the way to go after it "is to attack her track record."'
        ),
        "indirect",
        ("text", "speaker"),
        [
            ('The former secretary of state will play the "woman card,"', "Voss"),
            ('the way to go after it "is to attack her track record."', "Voss"),
        ],
    ),
    (
        "a_coordinated_reporting_verb_takes_the_sentence_subject",
        (
            "Brandt took the stage in Baltimore and called the political system “rotten to "
            "the core.”"
        ),
        "indirect",
        ("text", "speaker"),
        [
            ("the political system “rotten to the core.”", "Brandt"),
        ],
    ),
    (
        "a_dash_and_a_name_after_a_quote_sign_it",
        (
            "“The bridge is falling apart.” ― Maria Orlo\n“Nobody listens to us.” ― Tom "
            'Reyes\n\n"We need the money now."\n\n- Senator Ruth Klein.\n\nThe senator is '
            "right about the money."
        ),
        None,
        ("speaker",),
        [
            "Maria Orlo",
            "Tom Reyes",
            "Ruth Klein",
        ],
    ),
    (
        "a_dateline_is_not_the_subject",
        (
            "WASHINGTON, Dec. 8 (UPI) — In response to the proposal, Vell rallied "
            "supporters, saying: “We have to be ready to stop him.”"
        ),
        None,
        ("speaker",),
        {"Vell"},
    ),
    (
        "a_name_ending_like_an_adverb_is_not_an_intro_phrase",
        (
            "Mia Voss backed Ida Vale on Wednesday, saying it is time to have a “real "
            "constitutional conservative in the White House.”"
        ),
        None,
        ("speaker",),
        {"Mia Voss"},
    ),
    (
        "a_participle_after_an_attribution_continues_its_speaker",
        (
            'Pelk and Reed will meet next week, Ostby said, adding, "They need to sit down '
            'and have a good talk."'
        ),
        None,
        ("speaker",),
        {"Ostby"},
    ),
    (
        "a_participle_aside_between_subject_and_verb",
        ('Judge Diane Wood, writing for the majority, said the law "imposes an undue burden."'),
        None,
        ("speaker",),
        {"Diane Wood"},
    ),
    (
        "a_participle_aside_between_subject_and_verb",
        ('Judge Diane Wood, writing for the majority, said the law "imposes an undue burden."'),
        None,
        ("cue",),
        {"said"},
    ),
    (
        "a_participle_aside_between_subject_and_verb",
        ('Judge Diane Wood, writing for the majority, said the law "imposes an undue burden."'),
        "indirect",
        ("text",),
        [
            'the law "imposes an undue burden."',
        ],
    ),
    (
        "a_participle_does_not_invert_its_subject",
        "Vell said the plan is “a disaster,” adding that it would fail.",
        None,
        ("speaker",),
        {"Vell"},
    ),
    (
        "a_party_tag_does_not_cut_off_the_sentence_subject",
        (
            "Sen. Ada Lind (I-Vt.) on Saturday criticized the accord, saying the "
            "agreement goes “nowhere near far enough.”"
        ),
        None,
        ("speaker",),
        {"Ada Lind"},
    ),
    (
        "a_pronoun_with_no_earlier_speaker_points_at_the_one_person_named",
        (
            'Karl Osk will visit the harbor on Monday. He said: "It is the best harbor in '
            'the country."'
        ),
        None,
        ("speaker",),
        [
            "Karl Osk",
        ],
    ),
    (
        "a_pronoun_with_no_earlier_speaker_points_at_the_one_person_named",
        'Karl Osk met Kelly Holmes on Monday. She said: "It went well."',
        None,
        ("speaker",),
        [
            None,
        ],
    ),
    (
        "a_quote_reopened_after_a_sentence_end_is_the_next_paragraph_of_it",
        (
            'The coach said: "We lost the game in the first half. "But the second half '
            'showed what we can do." The club has a new owner.'
        ),
        "direct",
        ("text", "speaker"),
        [
            ("We lost the game in the first half.", "coach"),
            ("But the second half showed what we can do.", "coach"),
        ],
    ),
    (
        "a_sentence_adverb_between_commas_keeps_the_subject",
        (
            "Jeb Hale spoke on Monday. Hunter, meanwhile, told the Courier that he backs Reed "
            "because “we don’t need a policy wonk as president.”"
        ),
        None,
        ("speaker",),
        {"Hunter"},
    ),
    (
        "a_spaced_hyphen_is_a_clause_boundary_before_the_subject",
        'She drew his ire - Smith called her "weak" and said she had "zero support" there.',
        "indirect",
        ("speaker",),
        [
            "Smith",
            "Smith",
        ],
    ),
    (
        "a_statement_introduced_by_its_speaker_is_not_a_trailing_attribution",
        'On Monday, the minister said: "The deal is off for good now."',
        None,
        ("kind",),
        [
            "direct",
        ],
    ),
    (
        "a_statement_introduced_by_its_speaker_is_not_a_trailing_attribution",
        'England captain, Martin Johnson, said: "We played well today and deserved it."',
        None,
        ("kind",),
        [
            "direct",
        ],
    ),
    (
        "a_time_adverbial_before_the_subject",
        "Hours later, Reed praised Adelson, telling Reuters, “Sheldon is an amazing man.”",
        None,
        ("speaker",),
        {"Reed"},
    ),
    (
        "a_title_after_a_possessive_is_no_quote",
        "Later she told NBC’s “Weekend Report & Friends” that the plan was dead.",
        None,
        ("kind",),
        [
            "indirect",
        ],
    ),
    (
        "a_when_asked_aside_between_subject_and_verb",
        (
            "Ida Vale, when asked what is wrong with the plan, responded that the "
            "businessman “is right about the problems, but his solutions don’t work.”"
        ),
        None,
        ("speaker",),
        {"Ida Vale"},
    ),
    (
        "an_absolute_with_phrase_names_the_participle_speaker",
        (
            "Farmers were furious about the rules, with Mayor Ann Boyd calling them “a slap "
            "in the face.”"
        ),
        None,
        ("speaker",),
        {"Ann Boyd"},
    ),
    (
        "an_aside_between_subject_and_verb_keeps_the_subject",
        (
            "Vell, during a town hall in Columbus, Ohio, said she was “going to put a lot "
            "of coal miners out of business.”"
        ),
        None,
        ("speaker",),
        {"Vell"},
    ),
    (
        "closing_attribution_names_the_speaker_of_the_whole_sentence",
        (
            "Julian Assange has been “arbitrarily detained” by Britain since 2010, and "
            "should be freed, the rights group says."
        ),
        None,
        ("speaker",),
        {"rights group"},
    ),
    (
        "mixed_straight_and_curly_marks_do_not_swallow_the_attribution",
        '“I heard parts of the speech," Reed said. "He wants to give away our country.”',
        None,
        ("text", "speaker"),
        [
            ("I heard parts of the speech,", "Reed"),
            ("He wants to give away our country.", "Reed"),
        ],
    ),
    (
        "mixed_straight_and_curly_marks_do_not_swallow_the_attribution",
        '"I heard parts of the speech,” Reed said. “He wants to give away our country."',
        None,
        ("text", "speaker"),
        [
            ("I heard parts of the speech,", "Reed"),
            ("He wants to give away our country.", "Reed"),
        ],
    ),
    (
        "object_pronoun_after_according_to",
        '"We will win," Smith said. The economy will grow fast, according to him.',
        None,
        ("speaker",),
        {"Smith"},
    ),
    (
        "opening_mark_typed_for_a_closing_one",
        "“It is unusual,“ said Larry Noble, an attorney. “It is a hard thing to do.”",
        None,
        ("text", "speaker"),
        [
            ("It is unusual,", "Larry Noble"),
            ("It is a hard thing to do.", "Larry Noble"),
        ],
    ),
    (
        "opening_mark_typed_for_a_closing_one_after_a_word",
        "Mayor Dana Orlo called the deal “a plain scam“ in a radio interview. Then she left.",
        "direct",
        ("text",),
        ["a plain scam"],
    ),
    (
        "a_short_term_inside_a_statement_is_no_quote_of_its_own",
        "Mayor Dana Orlo insisted her harbour plans were “affordable” on Monday.",
        "direct",
        ("text",),
        [],
    ),
    (
        "the_statement_keeps_the_short_term",
        "Mayor Dana Orlo insisted her harbour plans were “affordable” on Monday.",
        "indirect",
        ("text", "speaker"),
        [("her harbour plans were “affordable”", "Dana Orlo")],
    ),
    (
        "opening_mark_typed_for_a_closing_one_after_a_word_ends_the_statement",
        "Dana Orlo called the levy “a scam“ in a radio interview on Sunday. Then she left.",
        "indirect",
        ("text",),
        ["the levy “a scam“"],
    ),
    (
        "participle_after_a_comma_takes_the_sentence_subject",
        (
            "Speaking at a town hall in Salem, New Hampshire, Vale went after Hale, calling "
            "him “a total stiff.”"
        ),
        None,
        ("speaker",),
        [
            "Vale",
            "Vale",
        ],
    ),
    (
        "split_quote_gives_two_pieces_with_one_speaker",
        '"The plan is foolish," Smith said, "and it will fail."',
        None,
        ("text", "speaker"),
        [
            ("The plan is foolish,", "Smith"),
            ("and it will fail.", "Smith"),
        ],
    ),
    (
        "the_object_of_a_verb_is_not_its_inverted_subject",
        (
            '"We have a plan for the region," stressed the importance of overcoming social '
            "and economic challenges."
        ),
        None,
        ("speaker",),
        [
            None,
        ],
    ),
    (
        "titles_and_party_tags_between_quote_and_verb",
        '"Carolina is going to win that one," Gov. Kasich replied. "I hate to say it."',
        None,
        ("speaker",),
        [
            "Kasich",
            "Kasich",
        ],
    ),
    (
        "trailing_attribution_outranks_a_subject_inside_the_quoted_clause",
        ("Vell is “the most dishonest candidate since Richard Nixon,” Pence said in an interview."),
        None,
        ("speaker",),
        {"Pence"},
    ),
    (
        "two_speakers_alternating",
        (
            '"We are ready," said John Smith. "We are not," said Mary Jones. "Then we wait," '
            "Smith added."
        ),
        None,
        ("speaker",),
        [
            "John Smith",
            "Mary Jones",
            "John Smith",
        ],
    ),
    (
        "unclosed_quote_ends_before_its_attribution",
        "“We are ready to go now, Reed said. “He wants to give away our country.”",
        None,
        ("text", "speaker"),
        [
            ("We are ready to go now,", "Reed"),
            ("He wants to give away our country.", "Reed"),
        ],
    ),
    (
        "a_nested_quotation_at_the_end_shares_the_closing_mark",
        (
            "Ambassador Bob Hale laid a wreath. "
            '"The hall tells visitors: "Never again!" A guest wrote: "Memory is a shield," '
            "said Ana Vell. The project began in May."
        ),
        "direct",
        ("text", "speaker"),
        [
            (
                'The hall tells visitors: "Never again!" A guest wrote: "Memory is a shield,',
                "Ana Vell",
            ),
        ],
    ),
    # --- former hand-written functions of test_quotes.py
    (
        "relative_clause_apposition_keeps_the_name",
        'Reed, who spoke for an hour, said that Quell is "weak like a baby."',
        "indirect",
        ("speaker",),
        ["Reed"],
    ),
    (
        "relative_clause_apposition_keeps_the_name",
        'Reed, who spoke for an hour, said that Quell is "weak like a baby."',
        None,
        ("speaker",),
        {"Reed"},
    ),
    (
        "an_attribution_that_introduces_the_next_quote_is_not_this_ones",
        (
            "Brafman said, “The zeal with which this case was brought is unusual.” He added, "
            "“In this case things happened that are not ordinary.”"
        ),
        "direct",
        ("speaker_as_written",),
        ["Brafman", "He"],
    ),
    (
        "a_new_subject_after_the_quote_ends_the_reported_clause",
        (
            'Smith called Jones a "nice guy" and he did not describe the other candidates at '
            "all during the interview."
        ),
        "indirect",
        ("text",),
        ['Jones a "nice guy"'],
    ),
    (
        "a_reporting_verb_after_a_possessive_is_a_noun",
        "Brian Fallon responded on Twitter, calling Reed’s charge “pathetic” and “dangerous.”",
        "indirect",
        ("text", "cue"),
        [("Reed’s charge “pathetic” and “dangerous.”", "calling")],
    ),
    (
        "a_second_subject_in_a_reported_sentence_starts_its_own_statement",
        (
            "Quell suggested that someone who does not answer questions cannot be president, "
            'while Vale said that the "stakes in this election are too high" for Reed.'
        ),
        "indirect",
        ("text", "speaker"),
        [
            ("someone who does not answer questions cannot be president", "Quell"),
            ('the "stakes in this election are too high" for Reed', "Vale"),
        ],
    ),
    (
        "a_colon_quote_before_a_closing_attribution_is_the_statement",
        (
            'Later, the coach hinted at a change of heart: "We will keep him on the team," '
            "she told the local paper."
        ),
        "indirect",
        ("text",),
        ['"We will keep him on the team,"'],
    ),
    (
        "a_pronoun_after_an_opening_phrase_is_the_subject",
        'At the dock this week she said the ferry plan was "dead in the water."',
        "indirect",
        ("text", "cue"),
        [('the ferry plan was "dead in the water."', "said")],
    ),
    (
        "an_epithet_speaker_is_the_person_the_article_opens_with",
        (
            "World champion Kelly Holmes has criticised the new track.\n\n"
            "Responding to a remark by club chairman Karl Osk, the Briton said: "
            '"It is far too slow."\n\n'
            'Later the 34-year-old added: "We will race anyway."'
        ),
        "direct",
        ("speaker",),
        ["Kelly Holmes", "Kelly Holmes"],
    ),
    (  # ... and a neighbour's speaker does not make them one
        "a_short_quote_inside_a_sentence_does_not_continue_the_previous_speaker",
        (
            '"We will rebuild the harbour," Orlo said. "It will take two years."\n\n'
            'The council backed her "deep water port" plan on Monday.'
        ),
        None,
        ("text", "speaker"),
        [("We will rebuild the harbour,", "Orlo"), ("It will take two years.", "Orlo")],
    ),
    (  # a longer one is kept (the writer quotes someone, even if we cannot tell whom)
        "a_longer_unattributed_quote_inside_a_sentence_is_kept",
        'The council signed the "deep water port and harbour" plan on Monday.',
        None,
        ("text",),
        ["deep water port and harbour"],
    ),
    (  # a wire dateline is no part of a statement closed by its attribution
        "a_dateline_is_not_reported",
        'EASTPORT (Wire) — "The harbour cannot wait," Mayor Dana Orlo said Monday.',
        None,
        ("kind", "text"),
        [("direct", "The harbour cannot wait,")],
    ),
    (
        "welcomed_guests_reports_nothing",  # hosting, not a statement
        "Anna Berg welcomed the guests to the palace on Monday.",
        "indirect",
        ("text",),
        [],
    ),
    (
        "expressed_a_parcel_reports_nothing",  # no feeling as the object
        "Tom Reed expressed the parcel to the capital by train.",
        "indirect",
        ("text",),
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "kind", "fields", "expected"), LISTINGS, ids=[r[0] for r in LISTINGS]
)
def test_listing(case: str, text: str, kind: str | None, fields: tuple, expected) -> None:
    quotes = [q for q in extract_quotes(text) if kind is None or q.kind == kind]
    values = [
        tuple(getattr(q, f) for f in fields) if len(fields) > 1 else getattr(q, fields[0])
        for q in quotes
    ]
    assert (set(values) if isinstance(expected, set) else values) == expected


# Texts that hold no quote at all: (case, text)
NO_QUOTES = [
    ("unattributed_scare_quotes_are_dropped", 'The so-called "deal" was signed.'),
    (
        "markup_attribute_values_are_not_quotes",
        ('<tweet tweet-author="@edhenry" tweet-date="March 10, 2016">Rules are rules<tweet/>.'),
    ),
    (  # the attribute value runs over a line break: its closing mark before `>` opens nothing
        "a_mark_before_a_markup_bracket_opens_nothing",
        '<tweet tweet-date="March 10, 2016\n">Rules are rules for every one of us here<tweet/>.',
    ),
    (
        "a_mark_after_a_sentence_and_before_a_markup_bracket_opens_nothing",
        'Continue fracking, which the left opposes.">Here are nine reasons to back him<tweet/>.',
    ),
    (
        "a_title_needs_a_listed_reporting_verb",
        ('In an interview with "Morning Westland," Tom Reed pointed to China as the enforcer.'),
    ),
    (  # three unattributed words inside the writer's sentence are a term, not a statement
        "a_short_unattributed_quote_inside_a_sentence_is_a_term",
        'The council signed the "deep water port" plan on Monday.',
    ),
    (  # a book title with its subtitle runs to ten Title Case words
        "a_title_with_a_subtitle_is_no_statement",
        'Her new book, "Harbour Lights: How to Make the Old Port Great Again," is out.',
    ),
    (  # numbers belong to titles too
        "a_title_with_a_number_is_no_statement",
        'At the forum "Eastport Harbor Week 2021" the mood was calm.',
    ),
    (
        "there_is_not_a_speaker",
        "There’s still time for Vale, even after dismissing them as the “Washington cartel.”",
    ),
]


@pytest.mark.parametrize(("case", "text"), NO_QUOTES, ids=[r[0] for r in NO_QUOTES])
def test_no_quotes(case: str, text: str) -> None:
    assert extract_quotes(text) == []


# Values a field may (allowed) or may not take: (case, text, which quotes (a kind, "^words"
# for those starting so, None for all), field, values, allowed). An allowed row needs a quote.
MEMBERSHIP = [
    # --- a verb in the imperative before a colon is no speaker
    (
        "an_imperative_before_a_colon_is_no_speaker",
        'Tom Reed spoke to the hall.\n\nRemember how it sounded then: "Greed has poisoned us."',
        "^Greed",
        "speaker",
        {"Remember"},
        False,
    ),
    (
        "a_surname_before_a_colon_is_the_speaker",
        'Tom Reed spoke to the hall.\n\nReed was blunt then: "Greed has poisoned us."',
        "^Greed",
        "speaker",
        {"Tom Reed"},
        True,
    ),
    # --- a show's title owned by a network is no quotation, in doubled apostrophes too
    (
        "a_title_in_doubled_apostrophes_after_a_possessive_is_no_quote",
        "''It's nonsense,'' Ana Vell said by telephone on WBC's ''Harbour Week.''",
        "direct",
        "text",
        {"Harbour Week."},
        False,
    ),
    (
        "a_title_in_curly_marks_after_a_possessive_is_no_quote",
        "“It's nonsense,” Ana Vell said by telephone on WBC’s “Harbour Week.”",
        "direct",
        "text",
        {"Harbour Week."},
        False,
    ),
    # --- an owner cut from the person it owns is not the speaker: that person is
    (
        "a_son_after_an_owner_is_not_the_owner",
        "Reed's son, Ola, defended his father on Monday, saying: “He is a good man.”",
        "direct",
        "speaker",
        {"Reed's son"},
        True,
    ),
    (
        "advisers_after_an_owner_are_not_the_owner",
        "Vell's advisers have long insisted they thought the race would become close.",
        None,
        "speaker",
        {"Vell's advisers"},
        True,
    ),
    (
        "an_office_after_an_owner_speaks_for_the_owner",
        "Ana Vell's office announced on Friday that Vell will meet Tom Reed on Thursday.",
        "indirect",
        "speaker",
        {"Ana Vell"},
        True,
    ),
    # --- a closing mark shared by a nested quotation and its own only when one is nested
    (
        "two_quotations_run_together_share_no_closing_mark",
        (
            'The lawyer asked if Reed ever saw Hale "sign a cheque?". "Not that I recall," '
            "Reed replied."
        ),
        "^sign a cheque",
        "speaker",
        {"Reed"},  # the lawyer's words are no part of Reed's answer
        False,
    ),
    # --- staff speak for the person they serve, never as that person
    (
        "an_aide_is_not_the_person_served",
        '"We will wait," an aide to John Smith said.',
        None,
        "speaker",
        {"John Smith"},
        False,
    ),
    (
        "a_spokesman_for_a_titled_person_is_not_that_person",
        '"We will wait," a spokesman for Prime Minister John Smith said.',
        None,
        "speaker",
        {"John Smith"},
        False,
    ),
    (
        "an_adviser_between_dashes_is_not_the_person_advised",
        '"We saw this," Peter Jones - then adviser to President John Smith - told reporters.',
        None,
        "speaker",
        {"John Smith"},
        False,
    ),
    (
        "a_body_s_spokesman_speaks_as_the_body",
        '"We will wait," a spokesman for the Harbour Council said.',
        None,
        "speaker",
        {"Harbour Council"},
        True,
    ),
    (
        "a_name_after_a_quoted_word_is_no_speaker_without_a_verb",
        'He built the "wall" Reed wanted.',
        None,
        "speaker",
        {"Reed"},
        False,
    ),
    (
        "a_title_before_a_label_is_not_a_second_label",
        (
            "Dr. Ben Brandt: Vell Not Fit To Serve.\n\n"
            "Brandt says Vell is not fit to serve as president of the country.\n\n"
            "“She should be held fully accountable,” Brandt concluded."
        ),
        None,
        "kind",
        {"transcript"},
        False,
    ),
    (
        "fragments_are_not_speakers",
        (
            "Smith met the governors. The head of government said the region would recover.\n\n"
            "Andrei Kostin: Colleagues, let's continue with the agenda. Please.\n\n"
            "Yekaterina Ivanova: We are glad to be here today with you."
        ),
        None,
        "speaker",
        {"head of", "let's"},
        False,
    ),
    (
        "a_name_alone_before_a_colon_labels_the_quote",  # either of two joint speakers
        (
            'Orlo: "We will fix the harbor first." Lee: "The roads come first." '
            "WHY TOWNS DIFFER - Dana Park and Eli Stone: “The money follows the roads.”"
        ),
        "^The money",
        "speaker",
        {"Dana Park", "Eli Stone"},
        True,
    ),
    (
        "a_quantifier_opening_the_sentence_is_no_name",
        "Some Harbor Party members said the vote was “rigged from the start.”",
        "indirect",
        "speaker",
        {"Some Harbor Party"},
        False,
    ),
    (
        "an_epithet_speaker_is_not_someone_else_of_a_group",
        'Kelly Holmes spoke first.\n\nThe Australians said: "We disagree."',
        None,
        "speaker",
        {"Kelly Holmes"},
        False,
    ),
    (
        "a_noun_before_a_participle_that_reports_nothing_is_no_speaker",
        "The question of cost came up, prompting a reply that it was “under review.”",
        "indirect",
        "speaker",
        {"question"},
        False,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "which", "field", "values", "allowed"),
    MEMBERSHIP,
    ids=[r[0] for r in MEMBERSHIP],
)
def test_membership(
    case: str, text: str, which: str | None, field: str, values: set, allowed: bool
) -> None:
    quotes = extract_quotes(text)
    if which and which.startswith("^"):
        quotes = [q for q in quotes if q.text.startswith(which[1:])]
    elif which:
        quotes = [q for q in quotes if q.kind == which]
    found = [getattr(q, field) for q in quotes]
    if allowed:
        assert found and set(found) <= values, found
    else:
        assert not set(found) & values, found
