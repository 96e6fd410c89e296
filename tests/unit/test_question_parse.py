"""The speaker slot and topic of a question, read from spaCy's parse (made-up names)."""

from __future__ import annotations

import time

import pytest

from app.question_parse.parse import parse_question
from app.question_parse.scaffolding import SCAFFOLDING_RULES
from app.question_parse.speaker_rules import SPEAKER_RULES

# (question, speaker phrase, rule that found it, topic)
SLOTS = [
    (
        "Why did Alan Pike say he was quitting Marlow Rovers?",
        "Alan Pike",
        "subject_of_cue_verb",
        "quitting Marlow Rovers",
    ),
    (
        "What did Jane Doe tell the committee about her former deputy?",
        "Jane Doe",
        "subject_of_cue_verb",
        "former deputy",
    ),
    ("How did the harbour master react to the flooding?", "the harbour master", None, "flooding"),
    # A fronted wh-object spaCy reads as the clausal subject: the nominal subject speaks.
    (
        "What issue around port tariffs did Bob Hale want the Westland Council to look at?",
        "Bob Hale",
        "subject_of_cue_verb",
        "issue around port tariffs Westland Council look at",
    ),
    ("Does Ivo Marsh think rents should be capped?", "Ivo Marsh", None, "rents capped"),
    ("What did Rob Fenn make of the ruling?", "Rob Fenn", None, "ruling"),
    # The question put to the speaker is not the topic; what it was about is.
    ("How did Rob Fenn answer the question about the ruling?", "Rob Fenn", None, "ruling"),
    (
        "How did the harbour master respond to questions on tolls?",
        "the harbour master",
        None,
        "tolls",
    ),
    ("What did Mira Holt have to say about the strike?", "Mira Holt", None, "strike"),
    ("What does Tam Oduya want to do about pensions?", "Tam Oduya", None, "pensions"),
    ("Did Omar Bekt deny that the plant would close?", "Omar Bekt", None, "plant close"),
    ("How did Lena Orr respond to the strike vote?", "Lena Orr", None, "strike vote"),
    (
        "What was Vera Lusk's view of the new tariff?",
        "Vera Lusk",
        "possessor_of_stance",
        "new tariff",
    ),
    ("What is Dana Kelp's take on the merger?", "Dana Kelp", "possessor_of_stance", "merger"),
    (
        "What was the President of Westland's view on taxes?",
        "the President of Westland",
        "possessor_of_stance",
        "taxes",
    ),
    (
        "What was the mayor of Lowtown's reaction to the flood?",
        "the mayor of Lowtown",
        "possessor_of_stance",
        "flood",
    ),
    (
        "According to Omar Bekt, how long will the strike last?",
        "Omar Bekt",
        "person_according_to",
        "long strike last",
    ),
    (
        "Had Ann Vell and Tom Pike already spoken after the summit, according to the mayor?",
        "the mayor",
        "person_according_to",
        "Had Ann Vell and Tom Pike already after summit",
    ),
    (
        "According to Omar Bekt, what did Jane Doe say about the strike?",
        "Omar Bekt",
        "person_according_to",
        "Jane Doe strike",
    ),
    (
        "According to the union, how long will the strike last?",
        "the union",
        "object_of_according_to",
        "long strike last",
    ),
    (
        "What did Jane Doe say about people being hired according to their age?",
        "Jane Doe",
        "subject_of_cue_verb",
        "people hired according to age",
    ),
    ("What did Tom Pike say in his statement?", "Tom Pike", "subject_of_cue_verb", ""),
    (
        "What did Tom Pike say in his speech about the harbour?",
        "Tom Pike",
        "subject_of_cue_verb",
        "harbour",
    ),
    (
        "What did Ann Vell say in an interview with the Lowtown Post?",
        "Ann Vell",
        "subject_of_cue_verb",
        "",
    ),
    (
        "What did Ann Vell say in the debate?",  # a debate is what happened, no medium
        "Ann Vell",
        "subject_of_cue_verb",
        "in debate",
    ),
    (
        "What was described by Lena Orr as a betrayal?",
        "Lena Orr",
        "agent_of_passive_cue",
        "betrayal",
    ),
    ("Was Ivo Marsh quoted on the strike?", "Ivo Marsh", "subject_of_passive_quote", "strike"),
    (
        "What was the reaction of Sam Reed to the verdict?",
        "Sam Reed",
        "stance_of_someone",
        "verdict",
    ),
    ("What did she say about pensions?", "she", "subject_of_cue_verb", "pensions"),
    # What a judging verb acts on is the topic, even a stance noun.
    ("Why did Omar Bekt criticise the council's answer?", "Omar Bekt", None, "council's answer"),
    ("Did Lena Orr welcome the proposal?", "Lena Orr", None, "proposal"),
    ("What case did Ada Lind make for longer school days?", "Ada Lind", None, "longer school days"),
    (
        "What warning did Ida Brandt give the council about the pier?",
        "Ida Brandt",
        None,
        "pier",
    ),
    ("What was the harbour master's complaint over the fees?", "the harbour master", None, "fees"),
    # A stance noun the speaker judged or described is the topic; their own stance is not.
    ("How did Rob Fenn describe the statements?", "Rob Fenn", None, "statements"),
    ("Why did Rob Fenn bring up statements?", "Rob Fenn", None, "statements"),
    # A request for someone's words: the request is scaffolding, the "on Y" the topic.
    (
        "Give me a quote from Mara Quell on the harbour toll.",
        "Mara Quell",
        "stance_of_someone",
        "harbour toll",
    ),
    (
        "Give me a quote from the Mayor of Lowtown on the pier.",
        "the Mayor of Lowtown",
        "stance_of_someone",
        "pier",
    ),
    ("Show me the comments of Ivo Marsh about rents.", "Ivo Marsh", "stance_of_someone", "rents"),
    # an office as the source, with "on Y" hung on a word of it
    (
        "Give me a quote from the Lowtown chief executive on the pier.",
        "the Lowtown chief executive",
        "stance_of_someone",
        "pier",
    ),
    (
        "Give me a quote from the editor of Harbour Weekly on the pier.",
        "the editor of Harbour Weekly",
        "stance_of_someone",
        "pier",
    ),
    # spaCy reads the cue as a noun and the office as the root, or the name as the root verb:
    # the words between "did" and the cue
    ("How did Lind criticise tolls?", "Lind", "between_did_and_cue", "tolls"),
    # a hyphenated name is one name
    (
        "Why did Lind-Vale bring up the ferry cost?",
        "Lind-Vale",
        "subject_of_cue_verb",
        "ferry cost",
    ),
    (
        "How did the director of sales at Westland criticise tolls?",
        "the director of sales at Westland",
        "between_did_and_cue",
        "tolls",
    ),
    ("Why did Tam Oduya bring up the harbour toll?", "Tam Oduya", None, "harbour toll"),
    # a percent sign after a number is part of the quantity
    ("What did Tam Oduya say about the 5% rise in tolls?", "Tam Oduya", None, "5% rise in tolls"),
    # An unfamiliar surname that spaCy tags as a common noun before a cue noun.
    ("Did Oduyakova comment on the flooded bridge?", "Oduyakova", None, "flooded bridge"),
    # A surname that is also an English word, which spaCy tags as an adjective.
    ("Did Sharp comment on rents?", "Sharp", "name_before_cue_noun", "rents"),
    ("Did Young comment on the flooded bridge?", "Young", "name_before_cue_noun", "flooded bridge"),
    # A role before a cue noun that spaCy makes the subject of "did".
    (
        "Did the harbour master comment on the toll?",
        "the harbour master",
        "name_before_cue_noun",
        "toll",
    ),
    # A place or a club before the office it qualifies is no speaker: the office is.
    (
        "Did the Lowtown boss comment on the new stand?",
        "the Lowtown boss",
        "name_before_cue_noun",
        "new stand",
    ),
    (
        "Did the assistant Westland attorney general comment on the fraud?",
        "the assistant Westland attorney general",
        "name_before_cue_noun",
        "fraud",
    ),
    (
        "Did the President of Westland comment on taxes?",
        "the President of Westland",
        None,
        "taxes",
    ),
    # A bare plural document noun may be a source the articles name.
    ("What did Studies say about the strike?", "Studies", None, "strike"),
    # The main clause's speaker, not a name the question mentions as topic.
    (
        "What did Nora Vance say about Piet Vance's plan?",
        "Nora Vance",
        "subject_of_cue_verb",
        "Piet Vance's plan",
    ),
    # A name in apposition to an office is the person asked about, never the topic; a
    # describing apposition is neither.
    (
        "What did the Westland foreign minister Ann Vell say about the games?",
        "the Westland foreign minister Ann Vell",
        "subject_of_cue_verb",
        "games",
    ),
    (
        "What did the foreign minister, Ann Vell, say about tariffs?",
        "the foreign minister, Ann Vell",
        "subject_of_cue_verb",
        "tariffs",
    ),
    (
        "What did Ann Vell, the Westland leader, say about taxes?",
        "Ann Vell",
        "subject_of_cue_verb",
        "taxes",
    ),
]


@pytest.mark.parametrize(("question", "phrase", "rule", "topic"), SLOTS)
def test_speaker_slot_and_topic(question: str, phrase: str, rule: str | None, topic: str) -> None:
    parsed = parse_question(question)
    assert parsed.slot is not None
    assert parsed.slot.phrase == phrase
    if rule is not None:
        assert parsed.slot.rule == rule
    assert parsed.topic == topic
    assert not parsed.slot.asks_who


# (question, words the topic must keep): the names in a who-said question are what was said.
WHO_SAID = [
    ("Who warned that the harbour would silt up?", {"warned", "harbour", "silt"}),
    ("Which 37-year-old goalkeeper said he was still fit?", {"37-year-old", "goalkeeper", "fit"}),
    ("Which Lowtown councillor suggested the pier was unsafe?", {"Lowtown", "councillor"}),
    ("Which minister described the levy as a disaster?", {"minister", "levy", "disaster"}),
    ("Who said Tam Oduya had misled the council?", {"Tam", "Oduya", "misled", "council"}),
    ("Who was quoted as saying the deal was dead?", {"deal", "dead"}),
    ("Which singer quit the tour saying the crowds were too small?", {"quit", "tour", "crowds"}),
    ("Who said Ida Brandt knew where the money went?", {"Ida", "Brandt", "where", "money"}),
]


@pytest.mark.parametrize(("question", "kept"), WHO_SAID)
def test_who_said_keeps_names_in_the_topic(question: str, kept: set[str]) -> None:
    parsed = parse_question(question)
    assert parsed.slot is not None and parsed.slot.asks_who
    assert kept <= set(parsed.topic.split())
    # A plain "said" is scaffolding; "warned" says what kind of statement it was.
    assert not {"Who", "Which", "said"} & set(parsed.topic.split())


# Questions about a person as the subject of news (passive, object), or about no one.
NO_SLOT = [
    "Why was Tom Brandt sacked?",
    "Why did the club sack Tom Brandt?",
    "How many seats did the party win?",
    # A text is asked about, not a speaker.
    "What figure does the report on Westland give for tolls?",
    "What does the article say about the levy?",
    # A cue noun after a preposition is the topic, the name before it no speaker.
    "What figure does the report give for the Harbour Party plan?",
    "How much money is mentioned for Westland in the report on Vell apologises?",
]


def test_names_joined_by_a_hyphen_are_no_speaker() -> None:
    """ "the Vell-Orr phone call" is an event between them, though "call" is a cue noun."""
    slot = parse_question("How long did the Vell-Orr phone call last?").slot
    assert slot is not None and slot.phrase == "the Vell-Orr phone call"


@pytest.mark.parametrize("question", NO_SLOT)
def test_no_speaker_position(question: str) -> None:
    assert parse_question(question).slot is None


# A person named as the active subject of the main verb is asked in their own words too; a
# cue in a side clause does not make that clause's subject the speaker.
MAIN_SUBJECT = [
    ("Why did Tam Oduya resign after he criticised the board?", "Tam Oduya"),
    ("Where did Lena Orr go after she spoke at the rally?", "Lena Orr"),
    ("Would the harbour master be open to a new pier?", "the harbour master"),
]


@pytest.mark.parametrize(("question", "phrase"), MAIN_SUBJECT)
def test_subject_of_the_main_verb(question: str, phrase: str) -> None:
    slot = parse_question(question).slot
    assert slot is not None and (slot.rule, slot.phrase) == ("subject_of_main_verb", phrase)


# (question, is_name): a role phrase is matched against roles, a name against names.
NAME_OR_ROLE = [
    ("What did Owen Marsh say?", True),
    ("What did the Lowtown mayor say?", False),
    ("What did the Treasurer say?", False),
    ("What did Chancellor Brandt say?", True),
]


@pytest.mark.parametrize(("question", "is_name"), NAME_OR_ROLE)
def test_names_and_roles(question: str, is_name: bool) -> None:
    slot = parse_question(question).slot
    assert slot is not None and slot.is_name is is_name


# (question, what_about, continues, points_back, third_person)
FOLLOW_UP_CUES = [
    ("What about the budget?", "the budget", False, False, False),
    ("And how about Piet Vance?", "Piet Vance", True, False, False),
    ("And what did the harbour master say?", None, True, False, False),
    ("And the harbour master?", "the harbour master", True, False, False),
    ("And Piet Vance?", "Piet Vance", True, False, False),
    ("What did she say about it?", None, False, True, True),
    ("Did the council comment too?", None, True, False, False),
    # A word written with a hyphen or a percent sign stays one; a stray mark goes.
    ("What about the so-called harbour plan?", "the so-called harbour plan", False, False, False),
    ("What about the 80-odd piers?", "the 80-odd piers", False, False, False),
    ("And how about Lind-Vale?", "Lind-Vale", True, False, False),
    ("What about the 5% levy?", "the 5% levy", False, False, False),
    ("What about the pier, the tolls?", "the pier the tolls", False, False, False),
    ("What about the Leave’ voters?", "the Leave voters", False, False, False),
]


@pytest.mark.parametrize(("question", "about", "continues", "back", "third"), FOLLOW_UP_CUES)
def test_follow_up_cues(
    question: str, about: str | None, continues: bool, back: bool, third: bool
) -> None:
    parsed = parse_question(question)
    assert (parsed.what_about, parsed.continues, parsed.points_back, parsed.third_person) == (
        about,
        continues,
        back,
        third,
    )


def test_rule_tables_are_named_and_unique() -> None:
    for table in (SPEAKER_RULES, SCAFFOLDING_RULES):
        names = [rule.name for rule in table]
        assert len(names) == len(set(names)) and all(names)


def test_a_short_question_parses_in_milliseconds() -> None:
    """Generous bound for a loaded CI machine; the measured p50 is in docs/notes/questions.md."""
    parse_question("What did Rob Fenn say about the harbour?")  # loads the pipeline
    questions = [f"What did Rob Fenn say about harbour number {n}?" for n in range(20)]
    started = time.perf_counter()
    for question in questions:
        parse_question(question)
    assert (time.perf_counter() - started) / len(questions) < 0.25


# (question, topic, story hint): a who-said question's plain speech verb ("talked", "spoke"),
# the "about" after "something", a linking phrase ("in connection with") and a speaker that
# fits anyone ("Which person") are no topic; a verb that says what kind of statement it was
# stays. The story it names ("in connection with Y", "in the story about Y") is the hint, out of
# the topic, unless it is all the question is about.
WHO_SAID_TOPICS = [
    ("Who talked about the pier in connection with the tolls?", "pier", "tolls"),
    ("Who spoke about the harbour and the ferry?", "harbour and ferry", ""),
    ("Who said something about the levy and the pier?", "levy and pier", ""),
    ("Which person was quoted on the levy in the story about the pier?", "levy", "pier"),
    ("Which councillor spoke about the levy?", "councillor levy", ""),
    ("Who warned about the floods?", "warned about floods", ""),
    ("Who spoke in relation to the tolls?", "tolls", ""),
    ("Who talked about the ferry with regard to the levy?", "ferry", "levy"),
    # a link noun that is itself the topic stays
    ("Who spoke about the relations and the status?", "relations and status", ""),
    (
        "Who talked about friendly relations in connection with the floods?",
        "friendly relations",
        "floods",
    ),
    ("Who was quoted on the new bridge in the report on Ola Tamm?", "new bridge", "Ola Tamm"),
]


@pytest.mark.parametrize(("question", "topic", "hint"), WHO_SAID_TOPICS)
def test_who_said_scaffolding(question: str, topic: str, hint: str) -> None:
    parsed = parse_question(question)
    assert parsed.slot is not None and parsed.slot.asks_who
    assert (parsed.topic, parsed.story_hint) == (topic, hint)


# (question, is its statement a clause of the cue): a clause re-words what was said, a list
# names what was spoken about (`ParsedQuestion.clause`, read by `app.said_it.half_said`).
CLAUSE_CASES = [
    ("Who said that the tolls and the fares would rise?", True),
    ("Which minister warned that the pier and the ferry would close?", True),
    ("Who said the steel is tired?", True),  # no "that": still a clause
    ("Who spoke about the tolls and the fares?", False),
    ("Who said something about the levy and the pier?", False),
    ("Which person was quoted on the levy in the story about the pier?", False),
    ("What did Ola Tamm say about the tolls?", False),  # not a who-said question
    ("Who hoped that the pier and the ferry would reopen?", True),  # "hoped" read as "hop"
]


@pytest.mark.parametrize(("question", "clause"), CLAUSE_CASES)
def test_a_who_said_statement_asked_as_a_clause(question: str, clause: bool) -> None:
    assert parse_question(question).clause is clause


# (question, topic): the do of a question before its subject is no topic word, also where
# spaCy reads it as the main verb and the cue after the subject as a noun (`inverted_do`);
# a do after the subject's verb is the statement's.
INVERTED_DO = [
    ("Did the president of Westland Watch comment on foreign policy?", "foreign policy"),
    ("Did the Head of the Westland Office comment on tolls?", "tolls"),
    ("How did the Head of the Governor's react to the Westland Group?", "Westland Group"),
    (
        "What figure does the report on the ferry give for Westland?",
        "figure report on ferry give for Westland",
    ),
    ("Did the President of Westland comment on the ferry tolls?", "ferry tolls"),
    ("Does Ola Tamm think the pier does well?", "pier well"),
]


@pytest.mark.parametrize(("question", "topic"), INVERTED_DO)
def test_the_question_s_do_is_no_topic(question: str, topic: str) -> None:
    assert parse_question(question).topic == topic


# (question, topic): a time pointed at from where the asker stands ("in that week", "last
# year", "on Monday") is when it was said, no word a passage must hold (`pointing_time`); a
# time the cue is about, a time that names which thing, a day in a name and the words of a
# who-said statement stay.
POINTING_TIME = [
    ("What did Ana Vell say about the harbour in that week?", "harbour"),
    ("What did Ana Vell say on Monday about the tolls?", "tolls"),
    ("What did Bob Hale say last year about the pier?", "pier"),
    ("How did Ida Vale react to the strike that month?", "strike"),
    ("What did Ada Lind say yesterday about the levy?", "levy"),
    ("What did Ola Tamm say about the budget for next year?", "budget"),
    ("What did Tom Reed tell the council this week about the ferry?", "ferry"),
    ("What did Ola Tamm say about the strike in the same month?", "strike"),
    ("What did Ida Vale say about that week?", "week"),
    ("What did Ida Vale say about the last time the pier flooded?", "last time pier flooded"),
    ("What did Ada Lind say about last year's floods?", "last year's floods"),
    ("What did Ada Lind say about the floods of last year?", "floods of last year"),
    ("What did Tom Reed say about Super Tuesday?", "Super Tuesday"),
    ("What does Ana Vell think of today's films?", "today's films"),
    ("Who said the fares would rise next year?", "fares rise next year"),
]


@pytest.mark.parametrize(("question", "topic"), POINTING_TIME)
def test_a_pointing_time_is_no_topic(question: str, topic: str) -> None:
    assert parse_question(question).topic == topic
