"""Question understanding against a small speaker index (no model, no store)."""

from __future__ import annotations

import pytest

from app.question import Turn, understand
from app.speaker_index import SpeakerIndex
from ingest.types import Quote


def quote(speaker: str, role: str | None = None, written: str | None = None) -> Quote:
    return Quote(
        text="words",
        start=0,
        end=5,
        speaker=speaker,
        role=role,
        speaker_as_written=written or speaker,
    )


@pytest.fixture
def index() -> SpeakerIndex:
    return SpeakerIndex(
        [
            (quote("Sergei Lavrov", "Russian Foreign Minister"), "a1"),
            (quote("Lavrov"), "a2"),
            (quote("Dmitry Peskov", "Kremlin spokesman"), "a1"),
            (quote("Kremlin"), "a1"),
            (quote("American"), "a3"),
            (quote("Chancellor"), "a4"),
        ]
    )


def test_speaker_and_topic(index: SpeakerIndex) -> None:
    intent = understand("What did Lavrov say about the OSCE?", index)
    assert (intent.kind, intent.speakers, intent.topic) == (
        "speaker_topic",
        ["Sergei Lavrov"],
        "OSCE",
    )
    full = understand("What did Dmitry Peskov say about the OSCE?", index)
    assert full.speakers == ["Dmitry Peskov"] and full.topic == "OSCE"


def test_role_beats_organisation_inside_it(index: SpeakerIndex) -> None:
    intent = understand("How did the Kremlin spokesman describe the talks?", index)
    assert intent.speakers[0] == "Dmitry Peskov"


def test_who_said_forms(index: SpeakerIndex) -> None:
    assert understand("Who said the reaction should not be delayed?", index).kind == "who_said"
    which = understand("Which 48-year-old player boasted that she was still fit?", index)
    assert which.kind == "who_said"


def test_names_in_a_who_said_question_are_its_topic(index: SpeakerIndex) -> None:
    """The speaker is what is asked for; a quoted speaker named in the question is a subject."""
    intent = understand("Who said Lavrov had misled the Kremlin spokesman?", index)
    assert intent.kind == "who_said"
    assert {"Lavrov", "Kremlin", "spokesman", "misled"} <= set(intent.topic.split())


@pytest.fixture
def news_index() -> SpeakerIndex:
    """Speakers whose names are also common words, or share a surname."""
    names = ["Mervyn King", "Oxford University Press", "Alun Michael", "Louis Michel"]
    names.append("Ken Livingstone")
    return SpeakerIndex([(quote(name), "a1") for name in names])


def test_another_first_name_is_another_person(news_index: SpeakerIndex) -> None:
    # Neither the same surname nor a close spelling of it ("Michel") with another first name.
    assert understand("What did George Michael say about fame?", news_index).speakers == []
    assert understand("What did Alun Michael say?", news_index).speakers == ["Alun Michael"]
    assert understand("What did Mr Michael say?", news_index).speakers == ["Alun Michael"]


def test_lowercase_words_are_not_close_spellings_of_names(news_index: SpeakerIndex) -> None:
    intent = understand("Is he making music again?", news_index)
    assert intent.speakers == []  # "making" is not a misspelt "King"
    assert understand("What did Livingston say?", news_index).speakers == ["Ken Livingstone"]


def test_pronoun_follow_up_keeps_its_person(news_index: SpeakerIndex) -> None:
    previous = Turn(speaker="Ken Livingstone", topic="Evening Standard apology")
    intent = understand("Has he changed a policy because of the press?", news_index, previous)
    # He acts in it, as a name in that place would: his words are asked for
    assert (intent.kind, intent.speakers) == ("speaker_topic", ["Ken Livingstone"])
    nameless = Turn(speaker=None, topic="George Michael documentary")
    carried = understand("Is he giving up music?", news_index, nameless)
    assert "George Michael documentary" in carried.topic


def test_role_questions_find_the_person_who_holds_it() -> None:
    index = SpeakerIndex(
        [
            (quote("Alex Ferguson", "Manchester United manager Sir"), "a1"),
            (quote("David Moyes", "Manager"), "a2"),
            (quote("Tessa Jowell", "Culture Secretary"), "a3"),
            (quote("David Davis", "secretary", written="He"), "a4"),
            (quote("Gordon Brown", "Chancellor"), "a5"),
            (quote("shadow chancellor"), "a6"),
        ]
    )

    def asked(question: str) -> str:
        return understand(question, index).speakers[0]

    # The role's trailing "Sir" (from "manager Sir Alex Ferguson") no longer hides it.
    assert asked("What did the Manchester United manager say about Milan?") == "Alex Ferguson"
    # An alias "He" is not found inside "the".
    assert asked("How has the culture secretary argued for casinos?") == "Tessa Jowell"
    # At a tie, a named person before a quote left to a role phrase.
    assert asked("What did the Chancellor say about the vaccine fund?") == "Gordon Brown"


def test_nationality_is_not_a_speaker(index: SpeakerIndex) -> None:
    assert understand("What did analysts predict for American growth?", index).speakers == []


def test_follow_ups_carry_speaker_and_topic(index: SpeakerIndex) -> None:
    previous = Turn(speaker="Sergei Lavrov", topic="OSCE")
    more = understand("What else did he say?", index, previous)
    assert more.speakers == ["Sergei Lavrov"] and more.wants_more and more.topic == ""
    other = understand("And what did Peskov say about it?", index, previous)
    assert other.speakers == ["Dmitry Peskov"] and "OSCE" in other.topic
    fresh = understand("What did Peskov say?", index, previous)
    assert "OSCE" not in fresh.topic
    who = understand("Who is he?", index, previous)
    assert who.who_is and who.speakers == ["Sergei Lavrov"]


def test_unknown_person(index: SpeakerIndex) -> None:
    intent = understand("What did Angela Merkel say about NATO?", index)
    assert intent.kind == "general" and intent.unknown_person == "Angela Merkel"


# ----- issue 17: who a question names, roles, topics and follow-ups (made-up people) ---------


def quoted(speaker: str, article: str, times: int = 1, role: str | None = None):
    return [(quote(speaker, role), article)] * times


@pytest.fixture
def town() -> SpeakerIndex:
    """Confusable people: a surname that is someone else's first name (Owen), a one-word
    speaker that is a first name (Tobias), two people sharing a surname (Vance), a surname
    with a close spelling (Holm / Holme), and two holders of one office."""
    return SpeakerIndex(
        [
            *quoted("Owen Pryce", "t1", 2, "Harbour Secretary"),
            *quoted("Dafydd Owen", "t2", 5),
            *quoted("Tobias", "t3", 4),
            *quoted("Nora Vance", "t4", 3, "opposition leader"),
            *quoted("Piet Vance", "t5", 1),
            *quoted("Mara Holm", "t6", 1),
            *quoted("Lars Holme", "t7", 1),
            *quoted("Ida Brandt", "t8", 6, "Harbour Secretary"),
            *quoted("Omar Bekt", "t9", 1, "Speaking in Lowtown Mr"),
            *quoted("Vera Lusk", "t10", 2),
        ]
    )


# (question, speakers, unknown person): a full name never resolves to someone else.
NAMES = [
    ("What did Owen Pryce say about the ferry?", ["Owen Pryce"], None),
    ("What did Dafydd Owen say about the ferry?", ["Dafydd Owen"], None),
    ("What did Owen say about the ferry?", ["Dafydd Owen"], None),  # the surname alone
    # Asked first name = another person's surname: never first-name-to-surname.
    ("What did Owen Marsh say about the ferry?", [], "Owen Marsh"),
    # A one-word speaker is never the answer to a two-word name.
    ("What did Tobias Quint say about the ferry?", [], "Tobias Quint"),
    # Two people share a surname: the first name decides.
    ("What did Piet Vance say about the ferry?", ["Piet Vance"], None),
    ("What did Nora Vance say about the ferry?", ["Nora Vance"], None),
    # A close spelling is no match when someone has the exact surname.
    ("What did Lars Holm say about the ferry?", [], "Lars Holm"),
    ("What did Mara Holme say about the ferry?", [], "Mara Holme"),
    ("What did Lars Holme say about the ferry?", ["Lars Holme"], None),
]


@pytest.mark.parametrize(("question", "speakers", "unknown"), NAMES)
def test_names_cannot_swap_people(
    town: SpeakerIndex, question: str, speakers: list[str], unknown: str | None
) -> None:
    intent = understand(question, town)
    assert intent.speakers == speakers
    assert intent.unknown_person == unknown
    assert intent.kind == ("speaker_topic" if speakers else "general")


# (question, speaker): the person in speaker position, not another name in the question.
SPEAKER_POSITION = [
    ("What did Nora Vance say about Piet Vance's plan?", "Nora Vance"),
    ("What was Vera Lusk's view of Ida Brandt's budget?", "Vera Lusk"),
    ("How did Piet Vance react to what Nora Vance said?", "Piet Vance"),
    ("According to Ida Brandt, did Vera Lusk break the rules?", "Ida Brandt"),
]


@pytest.mark.parametrize(("question", "speaker"), SPEAKER_POSITION)
def test_the_asked_person_is_the_one_in_speaker_position(
    town: SpeakerIndex, question: str, speaker: str
) -> None:
    intent = understand(question, town)
    assert (intent.kind, intent.speakers[:1], intent.asks_words) == (
        "speaker_topic",
        [speaker],
        True,
    )


def test_a_person_as_the_subject_of_news_is_not_asked_for_words(town: SpeakerIndex) -> None:
    intent = understand("Why was Piet Vance sacked?", town)
    assert (intent.kind, intent.speakers, intent.asks_words) == ("general", ["Piet Vance"], False)


def test_a_role_returns_every_holder_most_quoted_first(town: SpeakerIndex) -> None:
    intent = understand("What did the harbour secretary say about dredging?", town)
    assert intent.speakers == ["Ida Brandt"]
    assert intent.alternatives == ["Owen Pryce"]
    assert intent.role == "harbour secretary"
    assert intent.topic == "dredging"
    holders = town.role_holders("the Harbour Secretary")
    assert [(h.name, h.quotes, h.article_ids) for h in holders] == [
        ("Ida Brandt", 6, ("t8",)),
        ("Owen Pryce", 2, ("t1",)),
    ]


def test_junk_roles_are_never_shown_or_matched(town: SpeakerIndex) -> None:
    info = town.info("Omar Bekt")
    assert info is not None and info.role is None
    assert town.role_holders("the Lowtown speaker") == []
    assert understand("What did the speaking Mr say?", town).speakers == []


# (question, topic): scaffolding, the speaker, the listener and pronouns are no topic.
TOPICS = [
    ("Why did Piet Vance say he was quitting Marlow Rovers?", "quitting Marlow Rovers"),
    ("What did Ida Brandt tell the committee about her former deputy?", "former deputy"),
    ("What did Vera Lusk have to say about the ferry strike?", "ferry strike"),
]


@pytest.mark.parametrize(("question", "topic"), TOPICS)
def test_question_words_do_not_leak_into_the_topic(
    town: SpeakerIndex, question: str, topic: str
) -> None:
    assert understand(question, town).topic == topic


# (previous speaker, previous topic, follow-up, speakers, topic)
FOLLOW_UPS = [
    # A role asked with "And ..." asks about the earlier topic.
    (
        "Piet Vance",
        "ferry fares",
        "And what did the opposition leader say?",
        ["Nora Vance"],
        "ferry fares",
    ),
    # "What about Y?" keeps the person and changes the topic.
    ("Piet Vance", "ferry fares", "What about the harbour wall?", ["Piet Vance"], "harbour wall"),
    # ... unless Y is a person: then the person changes and the topic stays.
    ("Piet Vance", "ferry fares", "What about Vera Lusk?", ["Vera Lusk"], "ferry fares"),
    # ... but a thing a person owns is a new topic for the same person ...
    (
        "Piet Vance",
        "ferry fares",
        "What about Vera Lusk's ferry budget?",
        ["Piet Vance"],
        "Vera Lusk's ferry budget",
    ),
    (
        "Piet Vance",
        "ferry fares",
        "What about Ida Brandt's Harbour Policy?",
        ["Piet Vance"],
        "Ida Brandt's Harbour Policy",
    ),
    # ... unless the thing is the owner's words (a stance noun, a medium) or an office.
    ("Piet Vance", "ferry fares", "What about Vera Lusk's view?", ["Vera Lusk"], "ferry fares"),
    (
        "Piet Vance",
        "ferry fares",
        "What about Vera Lusk's testimony?",
        ["Vera Lusk"],
        "ferry fares",
    ),
    (
        "Piet Vance",
        "ferry fares",
        "What about Westland's opposition leader?",
        ["Nora Vance"],
        "ferry fares",
    ),
    # ... or an office someone holds, written in lowercase.
    (
        "Piet Vance",
        "ferry fares",
        "What about the opposition leader?",
        ["Nora Vance"],
        "ferry fares",
    ),
    # A name or office that does not end the phrase names a thing: a new topic, same person.
    (
        "Piet Vance",
        "ferry fares",
        "What about Harbour Secretary Order?",
        ["Piet Vance"],
        "Harbour Secretary Order",
    ),
    (
        "Piet Vance",
        "ferry fares",
        "What about Opposition Leader Budget?",
        ["Piet Vance"],
        "Opposition Leader Budget",
    ),
    # ... and of the speakers a phrase names, the one whose words end it is asked for.
    (
        "Piet Vance",
        "ferry fares",
        "What about Opposition Leader Vera Lusk?",
        ["Vera Lusk"],
        "ferry fares",
    ),
    (
        "Piet Vance",
        "ferry fares",
        "What about Secretary Owen Pryce?",
        ["Owen Pryce"],
        "ferry fares",
    ),
    ("Piet Vance", "ferry fares", "What about Harbour Secretary?", ["Ida Brandt"], "ferry fares"),
    # "he"/"she" keeps the person; a topic of its own replaces the earlier one.
    (
        "Vera Lusk",
        "ferry fares",
        "What did she say about the harbour wall?",
        ["Vera Lusk"],
        "harbour wall",
    ),
    # A person named in the topic is not who "he" is: he is the last person.
    (
        "Vera Lusk",
        "ferry fares",
        "And what did she say about Ida Brandt?",
        ["Vera Lusk"],
        "Ida Brandt",
    ),
    # A new full name replaces the person; "it" keeps the topic.
    (
        "Vera Lusk",
        "ferry fares",
        "What did Ida Brandt say about it?",
        ["Ida Brandt"],
        "ferry fares",
    ),
    # A new name with no pointer back is a fresh question.
    ("Vera Lusk", "ferry fares", "What did Ida Brandt say?", ["Ida Brandt"], ""),
    # ... but a reaction needs an object: with none, it is to what was just discussed.
    ("Vera Lusk", "ferry fares", "What was Ida Brandt's view?", ["Ida Brandt"], "ferry fares"),
    ("Vera Lusk", "ferry fares", "How did Ida Brandt react?", ["Ida Brandt"], "ferry fares"),
]


@pytest.mark.parametrize(("speaker", "old_topic", "question", "speakers", "topic"), FOLLOW_UPS)
def test_follow_ups(
    town: SpeakerIndex,
    speaker: str,
    old_topic: str,
    question: str,
    speakers: list[str],
    topic: str,
) -> None:
    intent = understand(question, town, Turn(speaker=speaker, topic=old_topic))
    assert (intent.kind, intent.speakers, intent.topic) == ("speaker_topic", speakers, topic)


def test_a_nationality_before_a_noun_names_nobody() -> None:
    """ "What about the Lowland fleet?": "Lowland" is spelled like a group quoted elsewhere
    ("Lowlanders") and a misread speaker ("Let Lowland"), but it modifies "fleet"."""
    index = SpeakerIndex(
        [*quoted("Piet Vance", "t5"), *quoted("Lowlanders", "a1"), *quoted("Let Lowland", "a2")]
    )
    last = Turn(speaker="Piet Vance", topic="ferry fares")
    fleet = understand("What about the Lowland fleet?", index, last)
    assert (fleet.speakers, fleet.topic) == (["Piet Vance"], "Lowland fleet")
    street = understand("What about the Lowland Street shops?", index, last)
    assert (street.speakers, street.topic) == (["Piet Vance"], "Lowland Street shops")
    owner = understand("What about Let Lowland's view?", index, last)
    assert owner.speakers == ["Let Lowland"]


# (question, speakers, role): titles, lowercase typing, and a role phrase that names someone
# else ("X's spokesman" is not X).
ROLE_OR_NAME = [
    ("what did pryce say about the ferry", ["Owen Pryce"], None),
    ("What did Secretary Ida Brandt say about dredging?", ["Ida Brandt"], None),
    ("What did the Harbour Secretary say about dredging?", ["Ida Brandt"], "Harbour Secretary"),
    ("What did Ida Brandt's spokesman say about dredging?", [], None),
    ("What did the opposition leader say about dredging?", ["Nora Vance"], "opposition leader"),
    # A word of time is no part of the office.
    ("What did the new opposition leader say?", ["Nora Vance"], "new opposition leader"),
]


@pytest.mark.parametrize(("question", "speakers", "role"), ROLE_OR_NAME)
def test_roles_and_names_in_speaker_position(
    town: SpeakerIndex, question: str, speakers: list[str], role: str | None
) -> None:
    intent = understand(question, town)
    assert (intent.speakers, intent.role) == (speakers, role)


def test_a_lowercase_word_is_no_name_beside_he(news_index: SpeakerIndex) -> None:
    previous = Turn(speaker="Ken Livingstone", topic="Evening Standard apology")
    intent = understand("What did he say about the press?", news_index, previous)
    assert (intent.kind, intent.speakers) == ("speaker_topic", ["Ken Livingstone"])
    assert "press" in intent.topic.split()


def test_a_lowercase_word_never_means_a_one_word_speaker() -> None:
    """A question without names reads as typed in lowercase; its "music" is no speaker "Music"
    (extraction debris), while "pryce" typed for a surname still finds the person."""
    index = SpeakerIndex([*quoted("Music", "a1", 1), *quoted("Owen Pryce", "a2", 2)])
    assert index.find("Is he giving up making music altogether?") == []
    assert index.find("what did pryce say about music") == ["Owen Pryce"]


# (follow-up, speakers, topic) after a question on Vera Lusk and ferry fares: "he"/"she" as the
# active subject asks for their words, as a name in that place does; a passive does not.
PRONOUN_SUBJECTS = [
    (
        "Has she ever changed a policy because of pressure from the press?",
        "speaker_topic",
        "changed policy because of pressure from press",  # its own topic: not the old one
    ),
    ("Did she see room for talks?", "speaker_topic", "room for talks ferry fares"),
    ("Why was she sacked?", "general", "Vera Lusk Why was she sacked?"),
]


@pytest.mark.parametrize(("question", "kind", "topic"), PRONOUN_SUBJECTS)
def test_a_pronoun_subject_is_asked_as_a_name_would_be(
    town: SpeakerIndex, question: str, kind: str, topic: str
) -> None:
    intent = understand(question, town, Turn(speaker="Vera Lusk", topic="ferry fares"))
    assert (intent.kind, intent.speakers, intent.topic) == (kind, ["Vera Lusk"], topic)


def test_a_bare_surname_speaker_is_offered_never_answered() -> None:
    index = SpeakerIndex([*quoted("Quint", "a1", 3), *quoted("Tobias", "a2")])
    intent = understand("What did Tobias Quint say about the pier?", index)
    assert (intent.speakers, intent.unknown_person) == ([], "Tobias Quint")
    assert intent.alternatives == ["Quint"]


def test_a_bare_surname_is_everyone_who_carries_it() -> None:
    """One article wrote "Vance" for Nora Vance, which made the surname her alias; a question
    asking for "Vance" may still mean Piet Vance, whose words the answer then tries too."""
    nora = [(quote("Nora Vance", written="Vance"), "a1"), (quote("Nora Vance"), "a1")]
    index = SpeakerIndex([*nora, *quoted("Piet Vance", "a2", 3)])
    assert index.resolve("Vance") == ["Piet Vance", "Nora Vance"]
    assert index.resolve("Mr Vance") == ["Piet Vance", "Nora Vance"]
    assert index.resolve("Nora Vance") == ["Nora Vance"]
    intent = understand("What did Vance say about the pier?", index)
    assert (intent.speakers, intent.alternatives) == (["Piet Vance"], ["Nora Vance"])


def test_role_holders_named_in_full_come_first() -> None:
    holders = [*quoted("Anger", "a1", 5, "Lowtown manager")]
    index = SpeakerIndex([*holders, *quoted("Ada Lind", "a2", 1, "Lowtown manager")])
    assert [h.name for h in index.role_holders("the Lowtown manager")] == ["Ada Lind", "Anger"]


def test_a_shadow_office_shortened_in_one_article_is_still_the_shadow_office() -> None:
    """News writes "shadow chancellor Ivo Marsh", then "the chancellor": he holds the shadow
    office, and "the chancellor" asked is the holder recorded only as chancellor."""
    index = SpeakerIndex(
        [
            *quoted("Ivo Marsh", "a1", 3, "shadow chancellor"),
            *quoted("Ivo Marsh", "a2", 4, "chancellor"),
            *quoted("Ada Lind", "a3", 2, "Chancellor"),
        ]
    )
    assert [h.name for h in index.role_holders("the chancellor")] == ["Ada Lind"]
    assert [h.name for h in index.role_holders("the shadow chancellor")] == ["Ivo Marsh"]


def test_a_description_holds_a_role_only_when_nobody_named_does() -> None:
    """ "the French foreign minister" (extraction debris) holds the role as asked; the person
    recorded as "Foreign Minister" in a French release is the holder meant."""
    debris = [*quoted("the French foreign minister", "a1", 2, "French foreign minister")]
    index = SpeakerIndex([*debris, *quoted("Ada Lind", "a2", 1, "Foreign Minister")])
    assert index.role_holders("the French foreign minister")[0].name == "Ada Lind"
    alone = SpeakerIndex(debris)
    holders = alone.role_holders("the French foreign minister")
    assert [h.name for h in holders] == ["the French foreign minister"]


# (office as recorded, as asked): offices whose head a name's key would drop ("Head of ...")
OFFICES_ASKED_ANOTHER_WAY = [
    ("Head of the Office of the Mayor", "the head of the Mayor's Office"),
    ("Press Secretary of the Mayor", "the press secretary"),
    ("Chief of the Harbour Board", "the chief of the Harbour Board"),
]


@pytest.mark.parametrize(("office", "asked"), OFFICES_ASKED_ANOTHER_WAY)
def test_an_office_is_found_by_its_head_noun(office: str, asked: str) -> None:
    index = SpeakerIndex([*quoted("Ada Lind", "a1", 3, office), *quoted("Bo Tarn", "a2", 2)])
    assert [h.name for h in index.role_holders(asked)] == ["Ada Lind"]


def test_an_office_followed_by_a_name_is_that_name() -> None:
    index = SpeakerIndex([*quoted("Ada Lind", "a1", 3), *quoted("Bo Tarn", "a2", 2, "minister")])
    for question in (
        "What did the Westland minister Ada Lind say about the pier?",
        "What did the minister, Ada Lind, say about the pier?",
    ):
        intent = understand(question, index)
        assert (intent.speakers, intent.topic) == (["Ada Lind"], "pier")


ODD = ["", "???", "'s", "What about?", "And?", "Who?", "What did say?", "🙂🙂", "x" * 600]
ODD += ["What did Ida Brandt's say?", "According to", "¿Qué dijo Ida Brandt?"]


@pytest.mark.parametrize("question", ODD)
def test_odd_questions_get_an_intent(town: SpeakerIndex, question: str) -> None:
    for previous in (None, Turn(speaker="Ida Brandt", topic="dredging")):
        intent = understand(question, town, previous)
        assert intent.kind in ("speaker_topic", "who_said", "general")
        assert set(intent.speakers) <= {s.name for s in town.speakers()}


@pytest.mark.parametrize(
    ("question", "speakers", "unheld"),
    [
        ("What did the defence minister say about troops?", [], "the defence minister"),
        ("What did the foreign minister say about troops?", ["Sergei Lavrov"], None),
        ("What did the Kremlin say about troops?", ["Kremlin"], None),  # a body, not an office
        ("What did the judges say about troops?", [], None),  # several people, no office
        ("What did the chancellor say about troops?", ["Chancellor"], None),  # named so
        ("What did the finance chancellor say about troops?", [], "the finance chancellor"),
    ],
)
def test_an_office_nobody_holds_is_recorded(
    index: SpeakerIndex, question: str, speakers: list[str], unheld: str | None
) -> None:
    intent = understand(question, index)
    assert (intent.speakers, intent.unheld_role) == (speakers, unheld)


@pytest.mark.parametrize(
    ("question", "described", "topic"),
    [
        # no quotation records the office: the answer looks for whom the articles call so
        ("Did the Harbour United boss comment on the stand?", "the Harbour United boss", "stand"),
        ("What did the defence minister say about troops?", "the defence minister", "troops"),
        # an office of a body the store quotes: its holder is asked for, not the body
        (
            "What did the editor of the Kremlin say about troops?",
            "the editor of the Kremlin",
            "troops",
        ),
        # an office somebody holds, a body, several people: nothing to look for
        ("What did the foreign minister say about troops?", None, ""),
        ("What did the Kremlin say about troops?", None, ""),
        ("What did the judges say about troops?", None, ""),
    ],
)
def test_an_office_no_quotation_records_is_kept_as_a_description(
    index: SpeakerIndex, question: str, described: str | None, topic: str
) -> None:
    intent = understand(question, index)
    assert (intent.described_as, intent.described_topic) == (described, topic)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a plural common noun acting is what happened, not the group's words
        ("Why did judges throw out the lawsuit?", "general"),
        ("Why did the judges throw out the lawsuit?", "general"),
        # with a speech verb it is their words
        ("What did judges say about the film?", "speaker_topic"),
        # a name acting is answered by the person's words on it
        ("Has Blair ever changed a policy because of the press?", "speaker_topic"),
    ],
)
def test_a_plural_common_noun_speaks_only_with_a_speech_verb(question: str, kind: str) -> None:
    """A one-word stored speaker ("Judges": one article's film jury) matched the subject of
    "Why did judges throw out ...?", and the answer said the jury was not quoted on it."""
    groups = SpeakerIndex([(quote("Judges"), "a1"), (quote("Tony Blair"), "a2")])
    assert understand(question, groups).kind == kind


def test_what_about_a_stored_office_asks_for_its_holders() -> None:
    """ "What about President?" where "President" is also a stored speaker (quotes an article
    left to the bare office, several holders' words together): the office's holders named in
    full are asked for, the last topic kept; a person whose surname is an office word is
    still that person."""
    index = SpeakerIndex(
        [
            (quote("Ida Vale", "President"), "a1"),
            (quote("Sam Rolt", "President"), "a2"),
            (quote("President"), "a3"),
            (quote("RMA Head"), "a4"),
            (quote("Lena Marsh", "Head of the Port Authority"), "a5"),
        ]
    )
    last = Turn(speaker="Piet Vance", topic="ferry fares")
    office = understand("What about President?", index, last)
    assert set(office.speakers + office.alternatives) == {"Ida Vale", "Sam Rolt"}
    assert (office.role, office.topic) == ("President", "ferry fares")
    head = understand("What about Head?", index, last)
    assert head.speakers == ["Lena Marsh"] and head.role == "Head"
    index = SpeakerIndex([(quote("Adam Head"), "a6"), (quote("Lena Marsh", "Head"), "a5")])
    person = understand("What about Adam Head?", index, last)
    assert person.speakers == ["Adam Head"] and person.role is None
