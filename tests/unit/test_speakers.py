"""Speaker names unified within one article and across articles (pure functions, no spaCy)."""

from __future__ import annotations

import pytest

from ingest.speakers.keys import canonical_key
from ingest.speakers.unify import _names_someone, unify_speakers


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


def test_a_role_phrase_is_not_cut_to_its_last_words() -> None:
    from ingest.quotes import extract_quotes

    quotes = extract_quotes('The President of Ukraine said: "We are ready for talks."')
    assert [q.speaker for q in quotes] == ["President of Ukraine"]


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


# (case, speakers as extracted, article text or "" across articles, expected mapping): an
# office never unifies with the bare place or body it is the office of, either way round.
OFFICE_PLACE_CASES = [
    (
        "an office of a two-word state keeps its words, not the state's name",
        ["President of the Norland Republic", "Norland Republic"],
        "",
        {
            "President of the Norland Republic": "President of the Norland Republic",
            "Norland Republic": "Norland Republic",
        },
    ),
    (
        "a country is no speaker of its office",
        ["Prime Minister of Westland", "Westland", "Westland"],
        "",
        {"Prime Minister of Westland": "Prime Minister of Westland", "Westland": "Westland"},
    ),
    (
        "in an article, the office links to its holder, not to the state",
        ["President of the Norland Republic", "Norland Republic"],
        "President of the Norland Republic Tom Reed spoke. The Norland Republic said no.",
        {"President of the Norland Republic": "Tom Reed", "Norland Republic": "Norland Republic"},
    ),
    (
        "a bare place joins no body named by it, nor a slogan ending with it",
        ["Harbour Board of Westland", "Harbour Board of Westland", "Divide Westland", "Westland"],
        "",
        {
            "Harbour Board of Westland": "Harbour Board of Westland",
            "Divide Westland": "Divide Westland",
            "Westland": "Westland",
        },
    ),
    (
        "a surname still joins the one person of that surname",
        ["Ana Westland", "Westland"],
        "",
        {"Ana Westland": "Ana Westland", "Westland": "Ana Westland"},
    ),
    (
        "an office of a place written before a name still joins the name",
        ["President of the Republic of Westland Ana Vell", "Ana Vell"],
        "",
        {"President of the Republic of Westland Ana Vell": "Ana Vell", "Ana Vell": "Ana Vell"},
    ),
    (
        "an office written before a name still joins the name",
        ["Minister of Harbours of the Norland Republic Ana Vell", "Ana Vell"],
        "",
        {
            "Minister of Harbours of the Norland Republic Ana Vell": "Ana Vell",
            "Ana Vell": "Ana Vell",
        },
    ),
]


@pytest.mark.parametrize(("case", "names", "text", "expected"), OFFICE_PLACE_CASES)
def test_an_office_never_unifies_with_its_place(
    case: str, names: list[str], text: str, expected: dict[str, str]
) -> None:
    assert unify_speakers(names, text) == expected, case
