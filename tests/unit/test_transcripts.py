"""Inline transcript turns: label forms, office-only labels, roles that are noun phrases, and
the hand-labelled Kremlin turns (boundary F1 and speaker accuracy >= 0.95)."""

from __future__ import annotations

import pytest

from evals.transcripts import DEFAULT_FIXTURE, predicted_turns, score_transcripts
from ingest.quotes import extract_quotes
from ingest.quoting.labels import find_labels
from ingest.quoting.rolephrase import role_phrase
from tests.helpers import SHARED

PRESS = SHARED / "corpus" / "ua_ru_presidential_press" / "articles.jsonl"


def _turns(text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker, role, first words) of every transcript turn."""
    return [
        (q.speaker, q.role, q.text[:12]) for q in extract_quotes(text) if q.kind == "transcript"
    ]


LONG_ROLE = (
    "Director of the Federal Service of the Harbour Guard Troops of the Westland Federation "
    "and Commander of the Harbour Guard Troops of the Westland Federation"
)
# (case, text, expected (speaker, role, first words) per turn)
TURN_CASES = [
    (
        "role_and_name_then_bare_name",
        "Chair of the Harbour Board Anna Berg: Good morning, all of you here today. "
        "Tom Reed: Thank you, Ms Berg. The figures are ready. Anna Berg: Go ahead.",
        [
            ("Anna Berg", "Chair of the Harbour Board", "Good morning"),
            ("Tom Reed", None, "Thank you, M"),
            ("Anna Berg", "Chair of the Harbour Board", "Go ahead."),
        ],
    ),
    (
        "doubled_scraped_label",
        "Anna Berg: Thank you. Mr Reed. Director of the Weather Office Tom Reed Reed "
        "TomDirector of the Weather Office : Ms Berg, the storm has passed. Anna Berg: Good.",
        [
            ("Anna Berg", None, "Thank you. M"),
            ("Tom Reed", "Director of the Weather Office", "Ms Berg, the"),
            ("Anna Berg", None, "Good."),
        ],
    ),
    (
        "doubled_label_with_a_dash_in_its_role",
        "Anna Berg: Thank you. Minister of Roads Tom Reed Reed TomDeputy Mayor– Roads Minister: "
        "Ms Berg, the roads are open. Anna Berg: Good.",
        [
            ("Anna Berg", None, "Thank you."),
            ("Tom Reed", "Minister of Roads", "Ms Berg, the"),
            ("Anna Berg", None, "Good."),
        ],
    ),
    (
        "doubled_label_with_a_glued_acronym",
        "Anna Berg: Thank you. Head of the Harbour Agency Tom Reed Reed TomHead of the Harbour "
        "Agency(HHA): Good afternoon, Ms Berg. Anna Berg: Good.",
        [
            ("Anna Berg", None, "Thank you."),
            ("Tom Reed", "Head of the Harbour Agency", "Good afterno"),
            ("Anna Berg", None, "Good."),
        ],
    ),
    (
        "long_doubled_label",
        "Anna Berg: Thank you. Director of the Federal Service of the Harbour Guard Troops of "
        "the Westland Federation and Commander of the Harbour Guard Troops of the Westland "
        "Federation Tom Reed Reed TomDirector of the Federal Service of Harbour Guard Troops "
        "and Commander of the Harbour Guard : Ms Berg, all is calm. Anna Berg: Good.",
        [
            ("Anna Berg", None, "Thank you."),
            ("Tom Reed", LONG_ROLE, "Ms Berg, all"),
            ("Anna Berg", None, "Good."),
        ],
    ),
    (
        "a_dash_before_a_label_in_running_text_opens_no_label",
        "Anna Berg: Thank you. The harbour is calm – Tom Reed: yes, it is. Anna Berg: Good.",
        [
            ("Anna Berg", None, "Thank you. T"),
            ("Anna Berg", None, "Good."),
        ],
    ),
    (
        "office_only_label_is_the_holder",
        "Governor of Westland Anna Berg: Welcome, everyone, to this session. Tom Reed: Thank "
        "you, Governor. The Governor: Let us start with the roads and the bridges.",
        [
            ("Anna Berg", "Governor of Westland", "Welcome, eve"),
            ("Tom Reed", None, "Thank you, G"),
            ("Anna Berg", "Governor of Westland", "Let us start"),
        ],
    ),
    (
        "heading_without_full_stop_and_omission_mark",
        "Opening of the talks Governor of Westland Anna Berg: Welcome to the talks, everyone. "
        "<…> Tom Reed Reed TomMayor of Eastport : Thank you. <…> Anna Berg: Good.",
        [
            ("Anna Berg", "Governor of Westland", "Welcome to t"),
            ("Tom Reed", "Mayor of Eastport", "Thank you. <"),
            ("Anna Berg", "Governor of Westland", "Good."),
        ],
    ),
    (
        "note_comma_role_and_ellipsis",
        "Anna Berg: Please. Minister of Roads, Rail and Ports Tom Reed (retranslated): We "
        "are ready. Anna Berg: And the ports? Tom Reed:…and the ports, too.",
        [
            ("Anna Berg", None, "Please."),
            ("Tom Reed", "Minister of Roads, Rail and Ports", "We are ready"),
            ("Anna Berg", None, "And the port"),
            ("Tom Reed", "Minister of Roads, Rail and Ports", "…and the por"),
        ],
    ),
    (
        "name_sentence_that_lost_its_colon",
        "Anna Berg: Good luck to you. Tom Reed: Thank you. Anna Berg: Really? Tom Reed: Yes. "
        "Anna Berg: Good. Tom Reed. Thank you very much. Anna Berg: Goodbye.",
        [
            ("Anna Berg", None, "Good luck to"),
            ("Tom Reed", None, "Thank you."),
            ("Anna Berg", None, "Really?"),
            ("Tom Reed", None, "Yes."),
            ("Anna Berg", None, "Good."),
            ("Tom Reed", None, "Thank you ve"),
            ("Anna Berg", None, "Goodbye."),
        ],
    ),
    (
        "place_words_are_not_the_name",
        "President of the Northern Federation Anna Berg: Welcome to our capital, my friend. "
        "Tom Reed: Thank you, Madam President. Anna Berg: Please sit down.",
        [
            ("Anna Berg", "President of the Northern Federation", "Welcome to o"),
            ("Tom Reed", None, "Thank you, M"),
            ("Anna Berg", "President of the Northern Federation", "Please sit d"),
        ],
    ),
    (
        "speech_after_a_heading_keeps_the_whole_office",
        "The talks were held on Monday. Beginning of the harbour talks Prime Minister of"
        " Westland Anna Berg: Good afternoon, colleagues. We are holding our final meeting on the"
        " harbour fleet today, as we agreed in May.",
        [("Anna Berg", "Prime Minister of Westland", "Good afterno")],
    ),
    (
        "surname_label_after_full_name_label",
        "The panel met on Sunday.\n\nAna Vell: The harbour plan is a good one for the town."
        "\n\nTom Reed: It costs far too much for what it gives us.\n\nVell: Well, the costs"
        " are fair.\n\nReed: They are not, and the council knows it.",
        [
            ("Ana Vell", None, "The harbour "),
            ("Tom Reed", None, "It costs far"),
            ("Ana Vell", None, "Well, the co"),
            ("Tom Reed", None, "They are not"),
        ],
    ),
    (
        "surname_label_after_a_label_inside_a_quotation",
        '"Ana Vell: The harbour plan is a good one for the town."\n\nTom Reed: It costs far too'
        " much for what it gives us.\n\nVell: Well, the costs are fair.\n\nReed: They are not,"
        " and the council knows it.",
        [
            ("Tom Reed", None, "It costs far"),
            ("Ana Vell", None, "Well, the co"),
            ("Tom Reed", None, "They are not"),
        ],
    ),
    (
        # an editor's note glued to the name or after it, in lower case, however long: the
        # turn's words start after the colon and the note is nobody's words
        "long_editorial_note_before_the_colon",
        "Anna Berg: Good luck. Tom Reed(commenting on the idea of harbour master Ann Lee to open "
        "the north pier to ferries all year round): As for the pier, the work is underway. "
        "Anna Berg (on the ferry timetable for the winter): It will not change. "
        "Tom Reed (in Westlandic): Thank you.",
        [
            ("Anna Berg", None, "Good luck."),
            ("Tom Reed", None, "As for the p"),
            ("Anna Berg", None, "It will not "),
            ("Tom Reed", None, "Thank you."),
        ],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), TURN_CASES, ids=[c[0] for c in TURN_CASES])
def test_turns(case: str, text: str, expected: list[tuple[str | None, str | None, str]]) -> None:
    assert _turns(text) == expected


# A one-word label names a person only when the article writes one full name with it.
SURNAME_NOT_LABELS = [
    (
        "two_people_share_the_surname",
        "Ana Vell and Tom Vell spoke.\n\nRita Lund: The plan is good.\n\nVell: It is not."
        "\n\nRita Lund: We will see.",
    ),
    (
        "a_name_in_the_narrative_only_heads_a_section",
        "Rita Lund and Ana Vell want the seat.\n\nLund: Win in a walk.\n\nShe leads the polls."
        "\n\nVell: Hold on.\n\nShe trails by ten points.",
    ),
    (
        "a_title_is_no_given_name",
        "Mr Vell spoke.\n\nRita Lund: The plan is good.\n\nVell: It is not.\n\nRita Lund:"
        " We will see.",
    ),
]


@pytest.mark.parametrize(
    ("case", "text"), SURNAME_NOT_LABELS, ids=[c[0] for c in SURNAME_NOT_LABELS]
)
def test_a_surname_label_needs_one_full_name(case: str, text: str) -> None:
    assert "Vell" not in {lab.text for lab in find_labels(text)}


# A heading, an office and a name, then the narrative in the third person: no speech.
HEADING_THEN_NARRATIVE = (
    "The fleet returned.*** Visit to the harbour President of Westland Anna Berg: The harbour"
    " reopened on Monday after two years of repairs paid for by the city."
)


def test_a_heading_before_narrative_is_no_speech() -> None:
    assert not [q for q in extract_quotes(HEADING_THEN_NARRATIVE) if q.kind == "transcript"]


# A panel quoted line by line, then the article's own words after the last turn.
PANEL_THEN_NARRATIVE = (
    "Ana Vell: The harbour plan is a good one for the town.\n\nTom Reed: It costs far too"
    " much.\n\nVell: Well, the costs are fair.\n\nReed: They are not, and the council knows"
    " it.\nTo be clear, the plan was costed at $2 million.\n\nThe council votes in March."
)


def test_a_line_by_line_transcript_ends_at_its_last_line() -> None:
    turns = [q for q in extract_quotes(PANEL_THEN_NARRATIVE) if q.kind == "transcript"]
    assert [q.speaker for q in turns] == ["Ana Vell", "Tom Reed", "Ana Vell", "Tom Reed"]
    assert turns[-1].text == "They are not, and the council knows it."


# (case, text): colons that open no turn
NOT_LABELS = [
    ("mid_sentence_address", "The main point, Mr President: we must act now on roads."),
    ("lowercase_lead", "Let me stress this again: the roads come first, then the rail."),
    ("single_letter_inline", "He reached the line. A: the second one was faster."),
]


@pytest.mark.parametrize(("case", "text"), NOT_LABELS, ids=[c[0] for c in NOT_LABELS])
def test_colons_that_are_no_labels(case: str, text: str) -> None:
    assert find_labels(text) == []


# (case, role as found, role recorded)
ROLE_CASES = [
    ("plain_title", "Finance Minister", "Finance Minister"),
    ("office_of_place", "President of Westland", "President of Westland"),
    ("trailing_honorific", "Harbour boss Mr", "Harbour boss"),
    ("trailing_sir", "chief executive Sir", "chief executive"),
    ("participle_clause", "Speaking in Harrogate Mr", None),
    ("passive_clause", "financed by billionaire", None),
    ("sentence_break", "Mr Reed. Interior Minister", None),
    ("possessor_only", "Acme's", None),
    ("name_with_honorific", "Mr Reed and Mr", None),
    ("owned_post", "Mr Reed's lawyer", "Mr Reed's lawyer"),
    ("no_person_head", "statement from Mr", None),
    ("name_leftover", "President Anna Maria", None),
    ("analyst_at_firm", "analyst at Acme Securities", "analyst at Acme Securities"),
    ("agent_noun", "State Comptroller", "State Comptroller"),
    ("title_abbreviation", "retired Army Lt. Gen.", "retired Army Lt. Gen."),
    (
        "headline_clause",
        "Vell Praises Gazette’s Harbour Political Editor",
        "Gazette’s Harbour Political Editor",
    ),
    ("headline_clause_past", "Mayor Slammed Harbour Board Chairman", "Harbour Board Chairman"),
    ("verb_form_inside_office", "President of the United States", "President of the United States"),
    (
        "verb_form_inside_group",
        "spokesman for North East Says No",
        "spokesman for North East Says No",
    ),
    ("verb_form_as_compound_noun", "Insurance Claims Manager", "Insurance Claims Manager"),
]

# A headline line before the article: the role of the person it names is the post after the
# headline's verb, not the headline clause (`Vell Praises ...`).
HEADLINE_ARTICLE = (
    "Ana Vell Praises Gazette’s Harbour Political Editor Tom Reed: ‘Very Good Reporter.’\n\n"
    "Mayor Ana Vell praised Portview Gazette’s Harbour Political Editor Tom Reed on Monday.\n\n"
    "“Mayor Vell, you said earlier today that the harbour would reopen in spring,” Reed asked"
    " Vell. “Can you explain that?”"
)


def test_a_headline_clause_is_no_role() -> None:
    quotes = extract_quotes(HEADLINE_ARTICLE)
    assert quotes and {(q.speaker, q.role) for q in quotes} == {
        ("Tom Reed", "Gazette’s Harbour Political Editor")
    }


@pytest.mark.parametrize(("case", "role", "expected"), ROLE_CASES, ids=[c[0] for c in ROLE_CASES])
def test_roles_are_noun_phrases(case: str, role: str, expected: str | None) -> None:
    assert role_phrase(role) == expected


def test_kremlin_turns_meet_the_targets() -> None:
    if not PRESS.is_file():
        pytest.skip(f"presidential press corpus not found at {PRESS} (../shared is absent)")
    scores = score_transcripts(DEFAULT_FIXTURE, PRESS)["all"]
    assert scores.items >= 20
    assert scores.f1 >= 0.95
    assert scores.speaker_accuracy >= 0.95


# (case, text): colons after capitalised words that open no transcript turn
NOT_TURNS = [
    (
        "title_repeated_mid_sentence",
        "Fans urged the network not to scrap Moon Patrol: Voyager this spring.\n\n"
        "Moon Patrol: Voyager began in 2001 and drew millions of viewers.\n\n"
        "The final episode of Moon Patrol: Voyager will air in May.",
    ),
    (
        "comma_before_a_lowercase_word",
        "Readers wrote in.\n\nTo Ann Reed, of Leeds: when you earned ten pounds a week, bread "
        "cost a penny and a bus ride cost less, so the comparison with today is not fair.",
    ),
    (
        # one quotation introduced by a lone label: its marks end the words, not the paragraph
        "inverted_attribution_before_a_quotation",
        "Bath have signed their former scrum-half Andy Wills on a short-term deal. Said Wills: "
        '"When this opportunity presented itself, I did not really have to think twice about '
        'it." Wills, capped by Wales in 2003, should figure in the match squad for Monday. '
        "Director of rugby Jack Rowe, though, believes Wills fits the bill perfectly. "
        '"He has a great affection for Bath," Rowe told the website.',
    ),
]


@pytest.mark.parametrize(("case", "text"), NOT_TURNS, ids=[c[0] for c in NOT_TURNS])
def test_titles_and_letters_are_no_turns(case: str, text: str) -> None:
    assert [q for q in extract_quotes(text) if q.kind == "transcript"] == []


def test_an_inverted_attribution_gives_one_quotation_to_its_speaker() -> None:
    text = NOT_TURNS[-1][1]
    quotes = [(text[q.start : q.end], q.speaker) for q in extract_quotes(text)]
    said = "When this opportunity presented itself, I did not really have to think twice about it."
    assert (said, "Andy Wills") in quotes
    assert ("He has a great affection for Bath,", "Jack Rowe") in quotes


# (case, text, expected (speaker, role, first words) per transcript quote): what a transcript
# says in parentheses between a turn's sentences
EDITORIAL_NOTES = [
    (
        # the editor's summary of an abridged turn ends the turn's words; the turn goes on after
        "note_between_sentences",
        "Anna Berg: Good morning. The harbour fees have doubled this year. (Tom Reed went on to "
        "describe the state of the piers and the cost of their repair.) The ferries will run "
        "until May. Tom Reed: Thank you, Ms Berg.",
        [
            ("Anna Berg", None, "Good morning"),
            ("Anna Berg", None, "The ferries "),
            ("Tom Reed", None, "Thank you, M"),
        ],
    ),
    (
        "note_after_an_abridged_mark",
        "Anna Berg: The fees will fall. Thank you very much. <…>(Tom Reed raised the issue of the "
        "ferry timetable, noting that it had not changed since 2010.) Tom Reed: Thank you.",
        [("Anna Berg", None, "The fees wil"), ("Tom Reed", None, "Thank you.")],
    ),
    (
        # the speaker's own aside, in the first person: still the speaker's words
        "aside_in_the_first_person",
        "Anna Berg: The fees will fall. (Tom Reed reported all these figures to me today.) "
        "The ferries will run. Tom Reed: Thank you, Ms Berg.",
        [("Anna Berg", None, "The fees wil"), ("Tom Reed", None, "Thank you, M")],
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), EDITORIAL_NOTES, ids=[c[0] for c in EDITORIAL_NOTES]
)
def test_editorial_notes_are_no_speakers_words(
    case: str, text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    assert _turns(text) == expected
    inside = text[text.index("(") + 1 : text.index(")")]
    said = " ".join(q.text for q in extract_quotes(text) if q.kind == "transcript")
    assert (inside in said) is (case == "aside_in_the_first_person")


# (text, statement, speaker): what an editor's note reports is a statement of the person it
# names, ending with the note (`transcripts.statements_in_notes`), though no sentence break
# follows its closing parenthesis
NOTE_STATEMENTS = [
    pytest.param(
        EDITORIAL_NOTES[1][1],
        "it had not changed since 2010",
        "Tom Reed",
        id="after_an_abridged_mark",
    ),
    pytest.param(
        "Anna Berg: Good morning. (Tom Reed went on to share data on the piers, saying that "
        "their repair would cost five million.) The ferries will run until May, as planned. "
        "Tom Reed: Thank you, Ms Berg.",
        "their repair would cost five million",
        "Tom Reed",
        id="the_turn_goes_on_after_the_note",
    ),
    pytest.param(  # the note is one sentence to a splitter; the statement ends with its own
        "Anna Berg: Thank you. (Later, Tom Reed said that the piers were ready for the season. "
        "The mayor wished the crews well, stressing the value of their work.) The ferries will "
        "run in May. Tom Reed: Thank you, Ms Berg.",
        "the piers were ready for the season",
        "Tom Reed",
        id="two_sentences_in_the_note",
    ),
]


@pytest.mark.parametrize(("text", "said", "speaker"), NOTE_STATEMENTS)
def test_an_editorial_note_reports_statements(text: str, said: str, speaker: str) -> None:
    statements = [(q.text, q.speaker) for q in extract_quotes(text) if q.kind == "indirect"]
    assert statements == [(said, speaker)]


def test_a_turn_resumed_after_an_editorial_note_is_one_turn_for_the_scorer() -> None:
    text = EDITORIAL_NOTES[0][1]
    turns = predicted_turns(text, extract_quotes(text))
    assert [(t.start, t.speaker) for t in turns] == [
        (text.index("Good morning"), "Anna Berg"),
        (text.index("Thank you"), "Tom Reed"),
    ]
