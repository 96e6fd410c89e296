"""Sentence-by-sentence verification of written answers against the passages they cite.

Made-up passages (a fictional port strike); each table row is one construction and the check
that must decide it.
"""

from __future__ import annotations

import pytest

from app.speaker_index import SpeakerIndex
from app.types import Citation
from app.verify import Verifier, complete_sentences, split_sentences
from ingest.terms import Lexicon
from ingest.types import Quote


def citation(n: int, text: str, speaker: str | None = None) -> Citation:
    return Citation(
        n=n,
        article_id=f"a{n}",
        title="Dock workers end strike at Port Elmsworth",
        source="Harbour Gazette",
        published="2031-03-04",
        url=None,
        paragraph=n,
        start=0,
        end=len(text),
        text=text,
        speaker=speaker,
    )


PASSAGES = [
    citation(
        1,
        "the union had not agreed in the 1999 accord to extend shifts at the expense of safety",
        "Hanna Velloso",
    ),
    citation(
        2,
        "We signed written guarantees with the owners of all the terminals of the Elmsworth "
        "harbour, and the port authority has to keep them,",
        "Hanna Velloso",
    ),
    citation(
        3,
        "The reply would not take long, but it would not come immediately",
        "Piet Rademaker",
    ),
    citation(4, "The owners said the strike cost the port $50bn in lost trade in March."),
]
# Roles and aliases come from the speaker index, as in the app.
INDEX = SpeakerIndex(
    [
        (Quote("x", 0, 1, speaker="Hanna Velloso", role="union leader"), "a1"),
        (Quote("y", 0, 1, speaker="Piet Rademaker", role="port authority spokesman"), "a3"),
        (Quote("z", 0, 1, speaker="Oona Tallis", role="harbour master"), "a9"),
    ]
)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(Lexicon())


def check(verifier: Verifier, sentence: str) -> tuple[str | None, str | None]:
    [checked] = verifier.check(sentence, PASSAGES, INDEX)
    return checked.check, checked.reason


FAITHFUL = [
    "Hanna Velloso said the union had not agreed in the 1999 accord to extend shifts [1].",
    "The union had not agreed in the 1999 accord to extend shifts at the expense of safety, "
    "Velloso said [1].",
    "According to the union leader, the union had not agreed to extend shifts [1].",
    "Rademaker said the reply would not take long but would not come immediately [3].",
    "The port authority spokesman said the reply would not come immediately [3].",
    "The owners said the strike cost the port 50 billion dollars in lost trade in March [4].",
    "Velloso said: “We signed written guarantees with the owners of all the terminals” [2].",
    "Velloso spoke of “written guarantees … of the Elmsworth harbour” [2].",
    "Velloso spoke of 'written guarantees with the owners' [2].",
    "Velloso spoke of «written guarantees (...) of all the terminals» [2].",
    "Velloso spoke of „written guarantees with the owners“ [2].",
    "Velloso spoke of ‘written guarantees with the owners’ [2].",
    "She said the union didn't agree to extend shifts at the expense of safety [1].",
    "Velloso and Rademaker spoke of the 1999 accord and a reply not taking long [1][3].",
    "Velloso said: “the union had not agreed in the 1999 accord to extend shifts” [1].",
]


@pytest.mark.parametrize("sentence", FAITHFUL)
def test_faithful_sentences_are_kept(verifier: Verifier, sentence: str) -> None:
    assert check(verifier, sentence) == (None, None)


UNSUPPORTED = [
    # marker
    ("The union had not agreed to extend shifts.", "marker"),
    ("The union had not agreed to extend shifts [7].", "marker"),
    # every quote style, and ellipses that hide a negator
    ("Velloso spoke of “written guarantees with the mayors” [2].", "quote"),
    ('Velloso spoke of "written guarantees with the mayors" [2].', "quote"),
    ("Velloso spoke of 'written guarantees with all the mayors' [2].", "quote"),
    ("Velloso spoke of ‘written guarantees with the mayors’ [2].", "quote"),
    ("Velloso spoke of «written guarantees with the mayors» [2].", "quote"),
    ("Velloso spoke of „written guarantees with the mayors“ [2].", "quote"),
    ("Velloso said “the union had ... agreed in the 1999 accord to extend shifts” [1].", "quote"),
    ("Velloso said “the union had … agreed in the 1999 accord” [1].", "quote"),
    ("Velloso said “the union had (...) agreed in the 1999 accord” [1].", "quote"),
    ("Velloso said “the owners of all the terminals” and more [1].", "quote"),  # it is in [2]
    ("Velloso said “the union had not agreed in the accord to extend shifts” [1].", "quote"),
    # speakers: another known one, an unknown person, an unknown role, a possessive
    ("Rademaker said the union had not agreed to extend shifts [1].", "speaker"),
    ("Oona Tallis said the union had not agreed to extend shifts [1].", "speaker"),
    ("Marek Oduya said the union had not agreed to extend shifts [1].", "speaker"),
    ("The NATO chief said the union had not agreed to extend shifts [1].", "speaker"),
    ("The harbour master said the union had not agreed to extend shifts [1].", "speaker"),
    ("Velloso's spokeswoman said the union had not agreed to extend shifts [1].", "speaker"),
    ("The union had not agreed to extend shifts, said Marek Oduya [1].", "speaker"),
    ("According to Marek Oduya, the union had not agreed to extend shifts [1].", "speaker"),
    ("Velloso said the owners said the strike cost the port $50bn [4].", "speaker"),
    # numbers and dates
    ("Velloso said the union had not agreed in the 2009 accord to extend shifts [1].", "number"),
    ("The owners said the strike cost the port $60bn in lost trade [4].", "number"),
    ("The owners said the strike cost the port $50m in lost trade [4].", "number"),
    ("The owners said the strike cost the port $50bn in lost trade in April [4].", "number"),
    # names
    ("The owners said the strike cost Rotterdam and the port $50bn in March [4].", "name"),
    # polarity
    ("Velloso said the union had agreed in the 1999 accord to extend shifts [1].", "polarity"),
    ("Rademaker said the reply would take long [3].", "polarity"),
    ("Rademaker said it was unlikely that the reply would not take long [3].", "polarity"),
    # invented predicates and unsupported words
    ("Velloso said the guarantees were secretly burned by the port authority [2].", "support"),
    ("Velloso said the moon is made of green cheese [1].", "support"),
]


@pytest.mark.parametrize(("sentence", "expected"), UNSUPPORTED)
def test_unsupported_sentences_are_removed(
    verifier: Verifier, sentence: str, expected: str
) -> None:
    failed, reason = check(verifier, sentence)
    assert failed == expected, reason
    assert reason


def test_reasons_say_what_failed(verifier: Verifier) -> None:
    assert check(verifier, "The union agreed [7].")[1] == "cites [7], which was not offered"
    hidden = check(verifier, "Velloso said “the union had ... agreed in the 1999 accord” [1].")
    assert hidden[1] == "misquote: “not” an ellipsis hides it (curly_double quote)"
    number = check(verifier, "The owners said the strike cost the port $60bn [4].")
    assert number[1] == "the number 60000000000 is not in the cited passage"
    speaker = check(verifier, "Marek Oduya said the union had not agreed to extend shifts [1].")
    assert speaker[1] == (
        "names 'Marek Oduya' as the speaker, but the cited passage quotes Hanna Velloso"
    )


def test_each_sentence_is_judged_on_its_own(verifier: Verifier) -> None:
    text = (
        "The owners said the strike cost the port $50bn [4]. "
        "The moon is cheese [4]. It was sunny. The union agreed not to extend shifts [9]."
    )
    checked = verifier.check(text, PASSAGES, INDEX)
    assert [c.verified for c in checked] == [True, False, False, False]


def test_verification_is_deterministic(verifier: Verifier) -> None:
    text = "Velloso said the union had not agreed [1]. Rademaker said nothing [2]."
    assert verifier.check(text, PASSAGES, INDEX) == verifier.check(text, PASSAGES, INDEX)


def test_the_word_threshold_is_a_setting() -> None:
    sentence = "Velloso said the union had not agreed to extend night shifts [1]."
    assert not Verifier(Lexicon()).check(sentence, PASSAGES, INDEX)[0].verified
    assert Verifier(Lexicon(), max_unsupported=0.3).check(sentence, PASSAGES, INDEX)[0].verified


def test_markers_after_the_full_stop_belong_to_the_sentence_before() -> None:
    text = "First claim here. [1] Second claim [2]. Third one.[3][4]\n- A bullet [1, 2]."
    assert split_sentences(text) == [
        "First claim here. [1]",
        "Second claim [2].",
        "Third one.[3][4]",
        "A bullet [1, 2].",
    ]


def test_multi_number_markers_are_normalised(verifier: Verifier) -> None:
    [checked] = verifier.check("The owners said the strike cost the port $50bn [4, 1].", PASSAGES)
    assert checked.sentence == "The owners said the strike cost the port $50bn [4][1]."


@pytest.mark.parametrize(
    ("streamed", "complete", "rest"),
    [
        ("First claim [1]. Sec", ["First claim [1]."], "Sec"),
        ("First claim. [", [], "First claim. ["),  # its marker may still come
        ("First claim. [2", [], "First claim. [2"),
        ("First claim. [2] Next", ["First claim. [2]"], "Next"),
        ("Only one sentence so far", [], "Only one sentence so far"),
        ("One [1]. Two [2]. Thr", ["One [1].", "Two [2]."], "Thr"),
    ],
)
def test_streamed_sentences_are_complete_once_the_next_begins(
    streamed: str, complete: list[str], rest: str
) -> None:
    assert complete_sentences(streamed) == (complete, rest)
