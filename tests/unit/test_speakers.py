"""Name normalisation, unification and speaker look-up (pure functions, no spaCy)."""

from __future__ import annotations

from ingest.speakers import (
    canonical_key,
    match_speaker,
    role_matches,
    strip_titles,
    surname,
    unify_speakers,
)


def test_strip_titles_keeps_the_name() -> None:
    assert strip_titles("Russian Foreign Minister Sergei Lavrov") == "Sergei Lavrov"
    assert strip_titles("Sen. Ted Cruz (R-Texas)") == "Ted Cruz"
    assert strip_titles("House Speaker Paul Ryan, R-Wis.") == "Paul Ryan"
    assert strip_titles("Mr. Obama") == "Obama"
    assert strip_titles("Martin Luther King Jr.") == "Martin Luther King"


def test_canonical_key_folds_case_accents_titles_and_possessives() -> None:
    assert canonical_key("Dr. José Álvarez") == "jose alvarez"
    assert canonical_key("Lavrov’s") == "lavrov"
    assert surname("President Vladimir Putin") == "putin"


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
    from ingest.speakers import is_named_speaker

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
