"""Transcript rules as a table: speaker labels at line starts and inline, an office label, and
Q/A blocks whose answers are the interviewee's. Each turn names the rule that kept its label
(`transcripts.LABEL_RULES`, then `TRANSCRIPT_LABEL_RULES`) or its Q/A kind (`Quote.rule`)."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes

# (text, [(speaker, turn text, rule), ...] in text order)
TRANSCRIPTS = [
    pytest.param(
        "The summit was held in Westport.*** Speech at the harbour summit President of Westland"
        " Anna Berg: Colleagues, friends, I am glad to welcome you to Westport. We have much to"
        " discuss.",
        [
            (
                "Anna Berg",
                "Colleagues, friends, I am glad to welcome you to Westport. We have much to"
                " discuss.",
                "person_label",
            ),
        ],
        id="a_speech_after_a_heading_without_its_full_stop",
    ),
    pytest.param(
        "The talks were held on Monday. Meeting on the harbour fleet President of Westland Anna"
        " Berg: Good afternoon, colleagues. We are holding our final meeting on the harbour fleet"
        " today, as we agreed in May.",
        [
            (
                "Anna Berg",
                "Good afternoon, colleagues. We are holding our final meeting on the harbour fleet"
                " today, as we agreed in May.",
                "person_label",
            ),
        ],
        id="a_speech_after_a_heading_ending_in_lower_case",
    ),
    pytest.param(
        "Ana Vell: The harbour plan is good.\n\nTom Reed: It costs far too much.\n\nVell: Well,"
        " the costs are fair.\n\nReed: They are not.\nTo be clear, the plan was costed at $2"
        " million.\n\nThe council votes in March.",
        [
            ("Ana Vell", "The harbour plan is good.", "repeated_label"),
            ("Tom Reed", "It costs far too much.", "repeated_label"),
            ("Ana Vell", "Well, the costs are fair.", "surname_label"),
            ("Tom Reed", "They are not.", "surname_label"),
        ],
        id="surname_labels_after_full_names_then_narrative",
    ),
    pytest.param(
        "Anna Berg: Welcome to the harbour.\nTom Reed: Thank you, Madam Mayor. The port is ready."
        "\nAnna Berg: Good.",
        [
            ("Anna Berg", "Welcome to the harbour.", "repeated_label"),
            ("Tom Reed", "Thank you, Madam Mayor. The port is ready.", "person_label"),
            ("Anna Berg", "Good.", "repeated_label"),
        ],
        id="labels_at_line_start",
    ),
    pytest.param(
        "The meeting began. Vladimir Putin: Good afternoon, colleagues. Let us begin. "
        "German Gref: Thank you, Mr President. We exceeded our targets. Vladimir Putin: Good.",
        [
            ("Vladimir Putin", "Good afternoon, colleagues. Let us begin.", "repeated_label"),
            ("German Gref", "Thank you, Mr President. We exceeded our targets.", "person_label"),
            ("Vladimir Putin", "Good.", "repeated_label"),
        ],
        id="inline_labels_without_paragraph_breaks",
    ),
    pytest.param(
        "Interview with Sergei Lavrov for Kommersant.\n\n"
        "Question: What comes next?\n\nAnswer: We will see what they propose.",
        [
            (None, "What comes next?", "qa_question"),
            ("Sergei Lavrov", "We will see what they propose.", "qa_answer"),
        ],
        id="question_answer_blocks",
    ),
    pytest.param(
        "Q&A with Mayor Anna Berg.\n\nQ: When does the pier open?\n\nA: In May, if the weather "
        "holds.",
        [
            (None, "When does the pier open?", "qa_question"),
            ("Anna Berg", "In May, if the weather holds.", "qa_answer"),
        ],
        id="short_q_and_a_labels",
    ),
    pytest.param(
        "President of Westland Anna Berg met Tom Reed on Monday.\n\nAnna Berg: Welcome to the "
        "harbour.\nTom Reed: Thank you, it is an honour.\nPresident of Westland: Good. We begin "
        "with the port.",
        [
            ("Anna Berg", "Welcome to the harbour.", "person_label"),
            ("Tom Reed", "Thank you, it is an honour.", "person_label"),
            ("Anna Berg", "Good. We begin with the port.", "office_label"),
        ],
        id="an_office_label_is_the_holder_the_article_names",
    ),
    pytest.param(
        "Vladimir Putin: Good afternoon. I give the floor to Mr Trani. President of the "
        "Italian-Russian Chamber of Commerce Vincenzo Trani: Good afternoon, Mr President. There "
        "are some 500 Italian companies in Russia.",
        [
            ("Vladimir Putin", "Good afternoon. I give the floor to Mr Trani.", "person_label"),
            (
                "Vincenzo Trani",
                "Good afternoon, Mr President. There are some 500 Italian companies in Russia.",
                "office_label",
            ),
        ],
        id="an_office_and_a_name_ner_misses_in_a_transcript",
    ),
    pytest.param(
        "The news conference began. Dmitry Peskov: Let us begin. Ksenia Golovanova: Good "
        "afternoon. Will the budget grow? Dmitry Peskov: Next question, please.",
        [
            ("Dmitry Peskov", "Let us begin.", "repeated_label"),
            ("Ksenia Golovanova", "Good afternoon. Will the budget grow?", "name_label"),
            ("Dmitry Peskov", "Next question, please.", "repeated_label"),
        ],
        id="a_bare_name_ner_misses_in_a_transcript",
    ),
    pytest.param(
        "Ukraine became a candidate. Chairman of the Rada of Ukraine Ruslan Stefanchuk: This is "
        "a recognition of our work. Prime Minister of Ukraine Denys Shmyhal: Candidate status is a "
        "high evaluation of the reforms.",
        [
            ("Ruslan Stefanchuk", "This is a recognition of our work.", "office_label"),
            (
                "Denys Shmyhal",
                "Candidate status is a high evaluation of the reforms.",
                "office_label",
            ),
        ],
        id="two_offices_with_names_make_a_transcript_without_ner",
    ),
    pytest.param(
        "Westport: Berg, Reed (Holm 64), Vance. Subs Not Used: Lund, Moss. Booked: Reed.\n"
        "Eastham: Kerr, Dale, Pike. Subs Not Used: Bright, Stone.",
        [],
        id="a_line_up_is_a_list_of_names_not_speech",
    ),
    pytest.param(
        "The news conference began. Dmitry Peskov: Next question. Ana Vellik: Ana Vellik, Harbour "
        "News. Will the port reopen? Dmitry Peskov: Next, please.",
        [
            ("Dmitry Peskov", "Next question.", "repeated_label"),
            ("Ana Vellik", "Ana Vellik, Harbour News. Will the port reopen?", "name_label"),
            ("Dmitry Peskov", "Next, please.", "repeated_label"),
        ],
        id="a_speaker_introducing_themselves_is_no_list",
    ),
    pytest.param(
        "The meeting began. Vladimir Putin: Is this the harbour? Ana Vellik: Yes, Westport. "
        "Vladimir Putin: Good, yes.",
        [
            ("Vladimir Putin", "Is this the harbour?", "repeated_label"),
            ("Ana Vellik", "Yes, Westport.", "name_label"),
            ("Vladimir Putin", "Good, yes.", "repeated_label"),
        ],
        id="a_short_answer_is_no_list",
    ),
    pytest.param(
        "Ana Vell: I Am Not Much Of A Builder Compared To My Father.\n\nWESTPORT - Ana Vell "
        "defended the harbour plan on Monday, saying the jobs would outweigh the costs.\n\n"
        "Related:\n\nTom Reed Put On The Defensive Over Harbour Policy.\n\nAna Vell: I Am Not "
        "Much Of A Builder Compared To My Father.",
        [],
        id="title_case_headlines_after_a_name_are_no_turns",
    ),
    pytest.param(
        "Interview with Anna Berg.\n\nQ: What of the harbour?\n\nA: It opens in May.\n\n"
        "Q: Does Tom Reed Agree?\n\nA: He does.",
        [
            (None, "What of the harbour?", "qa_question"),
            ("Anna Berg", "It opens in May.", "qa_answer"),
            (None, "Does Tom Reed Agree?", "qa_question"),
            ("Anna Berg", "He does.", "qa_answer"),
        ],
        id="a_title_case_question_is_still_asked",
    ),
    pytest.param(
        "The Latest: Sanders wins Minnesota.\n\nSanders won the caucuses on Tuesday.",
        [],
        id="heading_with_colon_is_not_a_transcript",
    ),
]


@pytest.mark.parametrize(("text", "turns"), TRANSCRIPTS)
def test_transcript_rules(text: str, turns: list[tuple[str | None, str, str]]) -> None:
    found = [(q.speaker, q.text, q.rule) for q in extract_quotes(text) if q.kind == "transcript"]
    assert found == turns
