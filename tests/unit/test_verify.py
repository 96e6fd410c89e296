"""Sentence-by-sentence verification of written answers against the passages they cite."""

from __future__ import annotations

import pytest

from app.bm25 import Lexicon
from app.types import Citation
from app.verify import Verifier, split_sentences


def citation(n: int, text: str, speaker: str | None = None) -> Citation:
    return Citation(
        n=n,
        article_id="a1",
        title="US and NATO answers did not address Moscow's main concern",
        source="CNN",
        published="2022-01-27",
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
        "the US and NATO had previously agreed in the OSCE context not to expand at the "
        "expense of Russia’s security",
        "Sergei Lavrov",
    ),
    citation(
        2,
        "We present non-verbal promises, written documents signed by the leaders of all the "
        "countries of the OSCE, our Western partners have to get out of a more serious situation,",
        "Sergei Lavrov",
    ),
    citation(
        3,
        "Russia’s response would not take long, but it would not happen immediately",
        "Dmitry Peskov",
    ),
    citation(4, "The written responses did not address Moscow’s main concern."),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(Lexicon())


def verdicts(verifier: Verifier, text: str) -> list[tuple[str, str | None]]:
    return [(c.sentence, c.reason) for c in verifier.check(text, PASSAGES)]


def test_a_faithful_paraphrase_with_its_marker_is_verified(verifier: Verifier) -> None:
    text = (
        "Sergei Lavrov said the US and NATO had agreed in the OSCE context not to expand at "
        "the expense of Russia's security [1]. Peskov said Russia’s response would not take "
        "long [3]."
    )
    assert [reason for _, reason in verdicts(verifier, text)] == [None, None]


def test_sentences_without_markers_are_unsupported(verifier: Verifier) -> None:
    [(_, reason)] = verdicts(verifier, "NATO has agreed not to expand.")
    assert reason == "cites no passage"


def test_a_number_that_was_not_offered_is_unsupported(verifier: Verifier) -> None:
    [(_, reason)] = verdicts(verifier, "NATO agreed in the OSCE context not to expand [7].")
    assert reason == "cites [7], which was not offered"
    [(_, reason)] = verdicts(verifier, "NATO agreed in the OSCE context not to expand [1, 7].")
    assert reason == "cites [7], which was not offered"


def test_quoted_words_must_be_verbatim(verifier: Verifier) -> None:
    ok = 'Lavrov spoke of documents "signed by the leaders of all   the countries" [2].'
    assert verdicts(verifier, ok)[0][1] is None
    curly = "Lavrov said NATO had agreed “not to expand at the expense of Russia's security” [1]."
    assert verdicts(verifier, curly)[0][1] is None
    elided = "Lavrov said: “We present non-verbal promises … of all the countries of the OSCE” [2]."
    assert verdicts(verifier, elided)[0][1] is None
    changed = "Lavrov spoke of documents “signed by all the presidents of the OSCE” [2]."
    reason = verdicts(verifier, changed)[0][1]
    assert reason and reason.startswith("quoted words not in the cited passage")
    elsewhere = "Lavrov spoke of “written documents signed by the leaders” [1]."  # it is in [2]
    assert verdicts(verifier, elsewhere)[0][1].startswith("quoted words")


def test_paraphrase_needs_lexical_support(verifier: Verifier) -> None:
    [(_, reason)] = verdicts(verifier, "Lavrov said the moon is made of green cheese [1].")
    assert reason and "of its words are in the cited passage" in reason
    # Reporting words, the source and the cited speaker's name do not count against a sentence.
    text = "According to CNN, Lavrov added that NATO agreed not to expand in the OSCE context [1]."
    assert verdicts(verifier, text)[0][1] is None


def test_the_named_speaker_must_be_the_cited_one(verifier: Verifier) -> None:
    wrong = "Peskov said NATO had agreed in the OSCE context not to expand [1]."
    assert verdicts(verifier, wrong)[0][1] == (
        "names Dmitry Peskov, but the cited passage quotes Sergei Lavrov"
    )
    narration = "Lavrov said the written responses did not address Moscow’s main concern [4]."
    assert verdicts(verifier, narration)[0][1] == (
        "names Sergei Lavrov, but the cited passage quotes nobody named"
    )
    both = "Lavrov and Peskov spoke of the OSCE context and a response not taking long [1][3]."
    assert verdicts(verifier, both)[0][1] is None


def test_each_sentence_is_judged_on_its_own(verifier: Verifier) -> None:
    text = (
        "The written responses did not address Moscow’s main concern [4]. "
        "The moon is cheese [4]. It was sunny. NATO agreed not to expand [9]."
    )
    reasons = [reason for _, reason in verdicts(verifier, text)]
    assert reasons[0] is None and all(reasons[1:])
    assert len(reasons) == 4


def test_verification_is_deterministic(verifier: Verifier) -> None:
    text = "Lavrov said NATO agreed not to expand [1]. Peskov said nothing [2]."
    assert verifier.check(text, PASSAGES) == verifier.check(text, PASSAGES)


def test_markers_after_the_full_stop_belong_to_the_sentence_before() -> None:
    text = "First claim here. [1] Second claim [2]. Third one.[3][4]\n- A bullet [1, 2]."
    assert split_sentences(text) == [
        "First claim here. [1]",
        "Second claim [2].",
        "Third one.[3][4]",
        "A bullet [1, 2].",
    ]


def test_multi_number_markers_are_normalised(verifier: Verifier) -> None:
    [(sentence, _)] = verdicts(verifier, "The responses did not address the concern [4, 1].")
    assert sentence == "The responses did not address the concern [4][1]."


def test_quotations_and_normalisation() -> None:
    assert quotations('He said “one” and "two" and ‘Russia’s three’ but don’t.') == [
        "one",
        "two",
        "Russia’s three",
    ]
    assert normalise("“Don’t”  —\nNOW") == normalise('"don\'t" - now')
