"""Name normalisation, unification and speaker look-up (pure functions, no spaCy)."""

from __future__ import annotations

import pytest

from ingest.speakers.article_links import ARTICLE_LINK_RULES, link_in_article
from ingest.speakers.keys import canonical_key, speakers_named, strip_titles, surname
from ingest.speakers.matching import NameForm, match_name, match_speaker
from ingest.speakers.mentions import name_mentions
from ingest.speakers.offices import is_office, role_matches
from ingest.speakers.unify import _names_someone, unify_speakers


def test_strip_titles_keeps_the_name() -> None:
    assert strip_titles("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"
    assert strip_titles("Sen. Ted Cruz (R-Texas)") == "Ted Cruz"
    assert strip_titles("House Speaker Paul Ryan, R-Wis.") == "Paul Ryan"
    assert strip_titles("Mr. Obama") == "Obama"
    assert strip_titles("Martin Luther King Jr.") == "Martin Luther King"


# (written speaker, the name it keeps): words before a name that describe who follows.
NAME_AFTER_DESCRIPTION_CASES = [
    ("Tory MP Ann Vell", "Ann Vell"),  # party and membership
    ("Lib Dem Ann Vell", "Ann Vell"),
    ("Northland Green MEP Ann Vell", "Ann Vell"),
    ("Singer Ann Vell", "Ann Vell"),  # an occupation
    ("Pop star Ann Vell", "Ann Vell"),
    ("Lowtown Rovers boss Ann Vell", "Ann Vell"),
    ("Lowtown Rovers' Ann Vell", "Ann Vell"),  # a possessive
    ("Westland TV’s Ann Vell", "Ann Vell"),
    ("President of Westland Ann Vell", "Ann Vell"),  # an office of a place
    ("Minister of Trade of Westland Ann Vell", "Ann Vell"),
    ("President of Westland George W. Vell", "George W. Vell"),
    ("Labour Party", "Labour Party"),  # a party alone speaks as itself
    ("Ann Singer", "Ann Singer"),  # an occupation's word as a surname
    ("Star", "Star"),  # ... or alone: what speaks
    ("Lib Dems", "Lib Dems"),
    ("Westland TV's", "Westland TV's"),
    ("Democratic National Convention", "Democratic National Convention"),  # a body
    ("St Ann's High School", "St Ann's High School"),
    ("President of Westland", "President of Westland"),  # an office, no name
    ("Senate Minority Whip Ann J. Vell", "Ann J. Vell"),  # a parliamentary office
    ("Pastor Ann Vell", "Ann Vell"),  # church offices
    ("Archbishop Ann Vell", "Ann Vell"),
    ("Special Agent Ann Vell", "Ann Vell"),
    ("Ann Bishop", "Ann Bishop"),  # an office's word as a surname
    ("Bishop of Lowtown", "Bishop of Lowtown"),  # an office, no name
]


@pytest.mark.parametrize(("written", "name"), NAME_AFTER_DESCRIPTION_CASES)
def test_strip_titles_drops_a_description_before_the_name(written: str, name: str) -> None:
    assert strip_titles(written) == name


def test_descriptions_merge_within_an_article_but_not_across_articles() -> None:
    """Across articles "the Westland foreign minister" is nobody in particular: merging by its
    last word made every minister one speaker; in one article it refers back."""
    names = ["Westland's foreign minister", "Deputy Prime Minister", "Minister", "Ann Vell"]
    across = unify_speakers(names)
    assert across["Deputy Prime Minister"] == "Deputy Prime Minister"  # keeps its words
    assert across["Minister"] == "Minister"
    assert across["Westland's foreign minister"] == "Westland's foreign minister"
    text = "Westland's foreign minister spoke. The Deputy Prime Minister agreed."
    within = unify_speakers(names, text)
    assert within["Minister"] == within["Westland's foreign minister"]


def test_an_office_whose_titles_strip_its_head_is_no_name() -> None:
    """ "head of the Mayor's Office" keys as "mayor office": taken for a full name, it was
    shown as "Mayor's Office" and never linked to the head the article names."""
    office = "head of the Mayor's Office"
    assert unify_speakers([office, "Head of the Office of the Mayor"]) == {
        office: office,
        "Head of the Office of the Mayor": "Head of the Office of the Mayor",
    }
    text = (
        "Head of the Office of the Mayor of Lowtown Ana Vell spoke. "
        "The head of the Mayor's Office agreed."
    )
    assert unify_speakers([office, "Ana Vell"], text)[office] == "Ana Vell"
    minister = "Minister of Harbours of Westland Ana Vell"  # strips to a person's name
    assert unify_speakers([minister]) == {minister: "Ana Vell"}


def test_canonical_key_folds_case_accents_titles_and_possessives() -> None:
    assert canonical_key("Dr. José Álvarez") == "jose alvarez"
    assert canonical_key("Lavrov’s") == "lavrov"
    assert surname("President Vladimir Putin") == "putin"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Ivan Dovrensky", "ivan dovrensky"),
        ("Ivan Dovrenskyy", "ivan dovrensky"),
        ("Ivan Dovrenskiy", "ivan dovrensky"),
        ("Oles Vernyak", "oles vernyak"),
        ("Oles Verniak", "oles vernyak"),
        ("Oles Kovaliuk", "oles kovalyuk"),
        # Only a surname's ending: a given name or a word inside keeps its letters.
        ("Maria Skiy Dovrenskiy", "maria skiy dovrensky"),
        ("Brian Kozak", "brian kozak"),
    ],
)
def test_canonical_key_folds_slavic_surname_endings(written: str, key: str) -> None:
    assert canonical_key(written) == key


def test_unify_merges_transliterations_of_one_surname() -> None:
    mapping = unify_speakers(["Ivan Dovrenskyy"] * 5 + ["Ivan Dovrensky", "Dovrenskiy"])
    assert set(mapping.values()) == {"Ivan Dovrenskyy"}
    assert canonical_key("Risky") == "risky" and canonical_key("Kowalski") == "kowalski"


def test_offices_and_bodies_merge_across_articles_only_whole() -> None:
    offices = ["Trade Minister"] * 5 + ["Foreign Minister", "Prime Minister"]
    assert unify_speakers(offices) == {n: n for n in set(offices)}
    bodies = unify_speakers(["Harbour Council", "the Harbour Council", "Town Council"])
    assert bodies["the Harbour Council"] == bodies["Harbour Council"]
    assert bodies["Town Council"] == "Town Council"
    # A name after the office still merges with the name.
    assert unify_speakers(["Prime Minister Ann Vell", "Ann Vell"])["Ann Vell"] == "Ann Vell"


def test_unify_merges_surname_initial_and_full_name() -> None:
    mapping = unify_speakers(["Lavrov", "Sergei Lavrov", "S. Lavrov", "Mr. Lavrov"])
    assert set(mapping.values()) == {"Sergei Lavrov"}


def test_unify_keeps_different_first_names_apart() -> None:
    mapping = unify_speakers(["Hillary Clinton", "Bill Clinton"])
    assert mapping["Hillary Clinton"] == "Hillary Clinton"
    assert mapping["Bill Clinton"] == "Bill Clinton"


def test_bare_surname_goes_to_the_strictly_most_frequent_full_name() -> None:
    names = ["Hillary Clinton", "Hillary Clinton", "Bill Clinton", "Clinton"]
    assert unify_speakers(names)["Clinton"] == "Hillary Clinton"


# (case, article text, speakers as extracted, whom the bare "Vell" is)
NAMESAKE_CASES = [
    (
        "the subject, quoted only by surname, not the namesake quoted once in full",
        "Ana Vell won the vote. Later, Bob Vell spoke for her. Vell said yes.",
        ["Bob Vell", "Vell", "Vell", "Vell"],
        "Ana Vell",
    ),
    (
        "the first written, though the other is quoted in full more often",
        "Ana Vell won the vote. Her husband Bob Vell spoke. Vell said yes.",
        ["Ana Vell", "Bob Vell", "Bob Vell", "Vell"],
        "Ana Vell",
    ),
    (
        "one person written twice is no namesake: the quote counts decide",
        "Ana Vell won the vote. A. Vell spoke. Vell said yes.",
        ["Ana Vell", "Vell"],
        "Ana Vell",
    ),
    (
        "a title-case headline's capitals are no namesake",
        "Reporter Corners Vell On Harbour Fees\nThe row grew. Ana Vell spoke. Vell said yes.",
        ["Ana Vell", "Vell"],
        "Ana Vell",
    ),
    (
        "a headline's words are no namesake",
        "Understated Vell raises her profile\n\nThe row grew. Ana Vell spoke. Vell said yes.",
        ["Ana Vell", "Vell"],
        "Ana Vell",
    ),
    (
        "a paper that writes courtesy titles tells namesakes apart by them",
        "Ana Vell won the vote. Her husband Bob Vell spoke. Mr. Vell said yes.",
        ["Bob Vell", "Bob Vell", "Vell"],
        "Bob Vell",
    ),
    (
        "namesakes written in one sentence are not told apart",
        "Ana Vell and Bob Vell spoke. Vell said yes.",
        ["Ana Vell", "Bob Vell", "Vell"],
        "Vell",
    ),
]


def test_a_bodys_head_word_has_no_namesakes() -> None:
    text = "The Trade Organisation spoke. The Harbour Organisation met. The organisation said no."
    names = ["Harbour Organisation", "organisation"]
    assert unify_speakers(names, text)["organisation"] == "Harbour Organisation"


@pytest.mark.parametrize(("case", "text", "names", "bare"), NAMESAKE_CASES)
def test_bare_surname_among_namesakes_of_one_article(case, text, names, bare) -> None:
    assert unify_speakers(names, text)["Vell"] == bare


def test_bare_surname_with_a_tie_stays_on_its_own() -> None:
    assert unify_speakers(["Hillary Clinton", "Bill Clinton", "Clinton"])["Clinton"] == "Clinton"


def test_role_matching_needs_the_head_noun_and_compatible_modifiers() -> None:
    assert role_matches("the Russian foreign minister", "Russian Foreign Minister")
    assert role_matches("Russia's foreign minister", "Russian Foreign Minister")
    assert role_matches("the minister", "Russian Foreign Minister")
    assert not role_matches("the defence minister", "Russian Foreign Minister")
    assert not role_matches("the Kremlin spokesman", "Russian Foreign Minister")
    assert role_matches("the President", "President of Ukraine")
    assert role_matches("the President of Ukraine", "President of Ukraine")
    assert not role_matches("the Ukrainian minister", "President of Ukraine")
    assert role_matches("the head of state", "Polish President")
    assert role_matches("the Polish head of state", "Polish President")
    assert not role_matches("the Polish head of state", "Ukrainian President")
    assert not role_matches("the head of state", "Prime Minister")


# (asked role, recorded role, fits): a postpositive "general" after an office noun
# (`GENERAL_OFFICES`) makes another office than a general's.
GENERAL_OFFICE_CASES = [
    ("the General", "Attorney General", False),
    ("the General", "Michigan Attorney General", False),
    ("the general", "Surgeon General", False),
    ("the attorney general", "Michigan Attorney General", True),
    ("the Attorney General", "Attorney General", True),
    ("the attorney", "Attorney General", False),
    ("the General", "General", True),
    ("the General", "Lieutenant General", True),  # a rank of general is a general
    ("the Secretary General", "Secretary General", True),
]


@pytest.mark.parametrize(("asked", "role", "fits"), GENERAL_OFFICE_CASES)
def test_a_postpositive_general_makes_another_office(asked: str, role: str, fits: bool) -> None:
    assert role_matches(asked, role) is fits


def test_match_speaker_by_full_name_surname_spelling_variant_and_role() -> None:
    known = ["Sergei Lavrov", "Dmitry Peskov"]
    assert match_speaker("What did Sergei Lavrov say about the OSCE?", known) == ["Sergei Lavrov"]
    assert match_speaker("What was Lavrov's view on NATO?", known) == ["Sergei Lavrov"]
    assert match_speaker("what did lavrof say", known) == ["Sergei Lavrov"]
    roles = {"Dmitry Peskov": "Kremlin spokesman"}
    assert match_speaker("How did the Kremlin spokesman describe it?", known, roles) == [
        "Dmitry Peskov"
    ]
    assert match_speaker("What did Biden say?", known) == []


def test_is_named_speaker_rejects_extraction_debris() -> None:
    from ingest.speakers.mentions import is_named_speaker

    for good in ("Sergei Lavrov", "Kremlin", "Ludwig van Beethoven", "Prince Saud Al-Faisal"):
        assert is_named_speaker(good), good
    for bad in ("Meanwhile Labour", "Filing for", "England captain", "American", "officials", ""):
        assert not is_named_speaker(bad), bad


def test_an_office_with_no_name_after_it_stays_whole() -> None:
    # Stripping the title from "President of Ukraine" would leave the junk speaker "of Ukraine".
    assert strip_titles("President of Ukraine") == "President of Ukraine"
    assert strip_titles("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"


def test_a_role_phrase_is_not_cut_to_its_last_words() -> None:
    from ingest.quotes import extract_quotes

    quotes = extract_quotes('The President of Ukraine said: "We are ready for talks."')
    assert [q.speaker for q in quotes] == ["President of Ukraine"]


# ----- linking within one article (made-up names and places) ---------------------------------


_LEAD = "Ana Vell met Prime Minister of Norland Ivo Brandt.\n\n"

LINK_CASES = [
    # (case, text, speaker, expected name or None, rule)
    (
        "surname",
        "Coach Ola Tamm spoke. Tamm said it was hard.",
        "Tamm",
        "Ola Tamm",
        "surname_to_full_name",
    ),
    ("surname, two people", "Ola Tamm and Rein Tamm met. Tamm said no.", "Tamm", None, None),
    (
        "surname, a namesake in a later sentence",
        "Ola Tamm won the vote. Her husband Rein Tamm spoke. Tamm said no.",
        "Tamm",
        "Ola Tamm",
        "surname_to_full_name",
    ),
    (
        "a knight by title and given name",
        "Sir Ola Tamm opened the port. Sir Ola said it was hard.",
        "Ola",
        "Ola Tamm",
        "knight_to_full_name",
    ),
    (
        "a given name without the title is no link",
        "Ola Tamm spoke. Ola said no.",
        "Ola",
        None,
        None,
    ),
    (
        "a knight's given name shared by two people",
        "Sir Ola Tamm met Ola Vell. Sir Ola said no.",
        "Ola",
        None,
        None,
    ),
    (
        "surname, the full name after the quote",
        '"We start in May," Quill said.\n\nThe tour with Ora Quill opens in Westport.',
        "Quill",
        "Ora Quill",
        "surname_to_full_name",
    ),
    (
        "surname, a middle name at a sentence's start, written again",
        "Quill said yes. Ora Leo Quill plays the lead. The tour with Ora Leo Quill opens.",
        "Quill",
        "Ora Leo Quill",
        "surname_to_full_name",
    ),
    (
        "surname, a middle name at a sentence's start, the owner of what follows",
        'Ora Leo Quill\'s new show opens.\n\n"I love the harbour," Quill said.',
        "Quill",
        "Ora Leo Quill",
        "surname_to_full_name",
    ),
    (
        "surname, an occupation at a sentence's start before an owner's name",
        "Novelist Ana Vell's book is out. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a common word (written in lower case too) before an owner's name",
        "Rival Ana Vell's plan failed, her rival said. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title-case headline's first word before an owner's name",
        "Celebrating Ana Vell's Great Speech\n\nAna Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a weekday before a full name is no given name",
        "On Monday Ana Vell insisted on it. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an initial after the first word",
        "Ana J. Vell spoke. Later Ana Vell left. Vell said no.",
        "Vell",
        "Ana J. Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an occupation at a sentence's start is no given name",
        "Novelist Ana Vell, who lives in Westport, spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a preposition's capital is no given name",
        "Ana Vell spoke. With Vell away, the talks stopped. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an imperative's capital is no given name",
        "Ana Vell spoke. Let Vell decide, they said. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a party's capital is no given name",
        "Ana Vell spoke. Republicans Vell and Tamm agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a compound noun is no given name",
        "Oscar-winner Vell is unsure.\n\nThe actress Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a long capitalised run ends in the name",
        "The talks were led by Presidential Aide Ana Vell. Ana Vell left. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title-case headline's capital is no given name",
        "Port Row: Cheering Ana Vell\n\nAna Vell spoke on Monday. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, plural titles are no given name",
        "Ana Vell spoke. Senators Vell and Tamm agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, an abbreviation is no given name",
        "Ana Vell spoke. The U.S. Ana Vell team agreed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a month is no given name",
        "Ana Vell spoke. In March Vell resigned. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a post-nominal is no surname",
        "Ana Vell QC quit on Monday. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    ("surname, a body", "Westland Police said. Police said no.", "Police", None, None),
    ("surname, a firm's acronym", "Shares in MG Rover fell. Rover said no.", "Rover", None, None),
    (
        "office written with the name",
        "Westland President Ana Vell spoke. The President of Westland said yes.",
        "President of Westland",
        "Ana Vell",
        "office_written_with_name",
    ),
    (
        "deputy's office is another",
        "Deputy Prime Minister Ola Tamm spoke.",
        "prime minister",
        None,
        None,
    ),
    (
        "office of the lead subject",
        _LEAD + "The President of Westland stressed the need.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "office of the lead subject after an opening phrase",
        "During the call, Ana Vell congratulated Ivo Brandt.\n\nThe President of Westland said no.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "a longer lead is no opening phrase",
        "The talks, held in Norland, ended. Ana Vell left.\n\nThe President of Westland said no.",
        "President of Westland",
        None,
        None,
    ),
    (
        # in general news a bare office is often someone the article never names
        "bare office is not the lead subject's",
        _LEAD + "The President stressed the need.",
        "President",
        None,
        None,
    ),
    (
        "someone else holds it",
        "Ana Vell met President of Norland Ivo Brandt.\n\nThe President stressed the need.",
        "President",
        None,
        None,
    ),
    (
        "office before another name",
        "Ana Vell met President Brandt.\n\nThe President said no.",
        "President",
        None,
        None,
    ),
    ("a staff office is not the lead's", _LEAD + "A spokesman said no.", "spokesman", None, None),
    (
        "lead written with another office",
        "Ana Vell met the press. Governor Ana Vell spoke. The President said no.",
        "President",
        None,
        None,
    ),
    (
        "the lead reports to the office",
        "Ana Vell reported to the President.\n\nThe President said no.",
        "President",
        None,
        None,
    ),
    (
        "another qualified office in the lead",
        _LEAD + "The President of Westland said no.",
        "President of Westland",
        "Ana Vell",
        "office_of_lead_subject",
    ),
    (
        "place cut into a name",
        "Ana Vell met President of Norland Ivo Brandt. Norland Ivo Brandt said yes.",
        "Norland Ivo Brandt",
        "Ivo Brandt",
        "place_before_name",
    ),
    (
        "organisation cut into a name",
        "Secretary of the Harbour Safety and Defence Council Ivo Brandt spoke. "
        "The Secretary of the Harbour Safety and Defence Council said yes.",
        "Secretary of the Harbour Safety and Defence Council",
        "Ivo Brandt",
        "office_written_with_name",
    ),
    (
        "surname, a slogan with an adverb is no second person",
        "The Never Vell movement met. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a group against the person is no second person",
        "Ana Vell spoke. Pilots Against Vell marched. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a title's participle is no given name",
        "A new book, Chasing Vell, came out. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a team named for the person is no second person",
        "Team Vell met. Ana Vell spoke. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a past form the text writes in lower case",
        "Endorsed Vell, the sign read. Ana Vell spoke; she was endorsed. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a nationality before a full name is no part of it",
        "The party hired Australian Ana Vell. Vell said no.",
        "Vell",
        "Ana Vell",
        "surname_to_full_name",
    ),
    (
        "surname, a given name ending in -ed is a name",
        "Alfred Vell and Ana Vell spoke. Vell said no.",
        "Vell",
        None,
        None,
    ),
    (
        "an office is no surname",
        "Ana Vell met Westland President. President said no.",
        "President",
        None,
        None,
    ),
    (
        "no lead subject",
        "The talks began. Ana Vell spoke. The President said no.",
        "President",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("case", "text", "speaker", "expected", "rule"), LINK_CASES)
def test_link_in_article(case: str, text: str, speaker: str, expected, rule) -> None:
    link = link_in_article([speaker], text).get(speaker)
    found = (link.name, link.rule) if link else (None, None)
    assert found == (expected, rule)


def test_link_rules_in_order() -> None:
    assert [r.name for r in ARTICLE_LINK_RULES] == [
        "surname_to_full_name",
        "knight_to_full_name",
        "place_before_name",
        "office_written_with_name",
        "office_of_lead_subject",
    ]


def test_unify_with_text_links_surname_and_office() -> None:
    text = _LEAD + "Vell said yes. The President of Westland stressed the need."
    mapping = unify_speakers(["Vell", "President of Westland", "Ivo Brandt"], text)
    assert mapping == {
        "Vell": "Ana Vell",
        "President of Westland": "Ana Vell",
        "Ivo Brandt": "Ivo Brandt",
    }


@pytest.mark.parametrize(
    ("phrase", "office"),
    [
        ("President", True),
        ("President of Westland", True),
        ("Westland leader", True),
        ("Head of State", True),
        ("Ana Vell", False),
        ("Westland Ana Vell", False),
        ("A Little Princess", False),
        ("Executive Order", False),
    ],
)
def test_is_office(phrase: str, office: bool) -> None:
    assert is_office(phrase) is office


def test_a_full_stop_ends_a_name() -> None:
    mentions = name_mentions("He met Ana Vell.\n\nThe President of Westland spoke.")
    assert [m.text for m in mentions][:1] == ["Ana Vell"]


@pytest.mark.parametrize(
    "text",
    [
        # a headline's quoted words end at the mark, before the next paragraph's name
        "Vell Praises Editor: ‘Very Good Reporter.’\n\nBillionaire Dana Ortiz praised him.",
        "He met the scruffy little 'Commodore.' Dana Ortiz smiled.",
        # a paragraph break ends a name even without a full stop (a headline)
        "Harbour Toll Row\n\nDana Ortiz spoke on Monday.",
    ],
)
def test_a_name_starts_after_a_closed_quotation_or_line_break(text: str) -> None:
    names = [m.text for m in name_mentions(text) if "Ortiz" in m.text]
    # "Billionaire Dana Orlo": a sentence's opening capital, which `written_people` drops
    assert len(names) == 1 and names[0].endswith("Dana Ortiz")
    assert not {"Reporter", "Commodore", "Row"} & set(names[0].split())


@pytest.mark.parametrize(
    ("asked", "matched"),
    [
        ("Halloway", ["Ana Halloway"]),  # the surname itself
        ("Haloway", ["Ana Halloway"]),  # one letter missing
        ("Ana Hallowey", ["Ana Halloway"]),  # one letter wrong
        ("Pearsons", ["Ivo Pearson"]),  # one letter added
        ("Parsons", []),  # another surname: two edits in seven letters
        ("Hollowson", []),
    ],
)
def test_close_spelling_allows_a_typo_not_another_surname(asked: str, matched: list) -> None:
    known = [NameForm("Ana Halloway", "Ana Halloway"), NameForm("Ivo Pearson", "Ivo Pearson")]
    assert [m.name for m in match_name(asked, known)] == matched


@pytest.mark.parametrize(
    ("mention", "role", "fits"),
    [
        ("the Westlandian minister", "Minister of Westland", True),
        ("the Norlandian president", "President of Norland", True),
        ("Federated's chairman", "Federal Bank chairman", False),
        ("the Norland chairman", "Norlandish Bank chairman", True),
    ],
)
def test_role_words_match_a_place_and_its_adjective_only(
    mention: str, role: str, fits: bool
) -> None:
    assert role_matches(mention, role) is fits


@pytest.mark.parametrize("phrase", ["Every Westlander", "Each Lowtowner", "All Norlanders"])
def test_a_quantifier_starts_no_name(phrase: str) -> None:
    from ingest.speakers.mentions import is_named_speaker

    assert not is_named_speaker(phrase)


# (a person the article writes with a role, its speakers, those who take the role)
SPEAKERS_NAMED_CASES = [
    ("Tom Vell", {"Ana Vell"}, set()),  # a shared surname is not the person
    ("Tom Vell", {"Vell", "Ana Vell"}, {"Vell"}),  # the bare surname may be him
    ("Tom Vell", {"Tom Vell", "Ana Vell"}, {"Tom Vell"}),
    ("T. Vell", {"Tom Vell"}, {"Tom Vell"}),  # an initial is compatible
    ("Vell", {"Ana Vell"}, {"Ana Vell"}),  # `Mr Vell` written alone: one Vell speaks
    ("Tom Vell", {"Tom Reed"}, set()),
]


@pytest.mark.parametrize(("person", "speakers", "named"), SPEAKERS_NAMED_CASES)
def test_a_role_goes_to_a_speaker_who_can_be_the_person(
    person: str, speakers: set[str], named: set[str]
) -> None:
    assert speakers_named(person, speakers) == named


def test_a_role_written_with_one_full_name_is_not_given_to_another() -> None:
    from ingest.quotes import extract_quotes

    text = (
        "Ana Vell campaigned in Westland. Former Mayor Tom Vell joined her at the pier. "
        '"We will win the harbour vote," Ana Vell said.'
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.role) for q in quotes] == [("Ana Vell", None)]


@pytest.mark.parametrize(
    ("speaker", "names_someone"),
    [
        ("Sergei Lavrov", True),
        ("the Kremlin", True),
        ("Bank of England", True),  # an office's lowercase words join a name
        ("Head of the Office of the Mayor", True),
        ("Marks & Spencer", True),  # so does an "&"
        ("the minister", False),
        ("a spokesman for Vodafone", False),
        ("Russia's foreign minister", False),
    ],
)
def test_which_speakers_are_written_as_names(speaker: str, names_someone: bool) -> None:
    """Only a speaker written as a name merges with others of its surname across articles:
    the "&" joiners of names once shadowed the office words ("of", "the"), so "Bank of
    England" merged with nothing."""
    assert _names_someone(speaker) is names_someone
