"""A person's words on a topic the question re-words (`app.answer.declines.meant_words`): the
asked person's own unit whose best sentence comes near the topic's meaning and which holds
half its terms answers instead of "not on this topic"; on made-up passages and cosines."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from app.answer.declines import MEANT_SHARE, MEANT_WORDS, meant_lead, meant_words
from app.answer.search import Evidence
from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from ingest.terms import Lexicon
from ingest.types import Chunk

TERMS = Lexicon().terms
FERRIES = "In a week the number of ferry crossings passed ten thousand, a record."
REGION = "I hope the Westland region will see changes soon."
PASSAGE = f"{FERRIES} {REGION}"


class Case(NamedTuple):
    """One question's topic, the cited unit's speaker and sentence cosine, and whether the
    unit is taken as the person's words on it."""

    name: str
    topic: str
    sentence: str
    speaker: str | None
    cosine: float
    family: str = "speaker"
    unseen: float = 0.0
    taken: bool = True


CASES = [
    # re-worded: "pace" is not written, "ferry crossings" and the meaning are
    Case("re-worded topic", "pace of ferry crossings", FERRIES, "Tom Reed", 0.60),
    Case(
        "meaning under the bar", "pace of ferry crossings", FERRIES, "Tom Reed", 0.50, taken=False
    ),
    # near in meaning, one common word of four: the person's general words, not on it
    Case(
        "few of the topic's words",
        "Lowland region governor Bob Hale",
        REGION,
        "Tom Reed",
        0.61,
        taken=False,
    ),
    Case(
        "another person's words", "pace of ferry crossings", FERRIES, "Ana Vell", 0.60, taken=False
    ),
    Case("narrative", "pace of ferry crossings", FERRIES, None, 0.60, taken=False),
    # a name no passage holds is a topic nobody spoke on
    Case("unseen name", "Ferrovale crossings", FERRIES, "Tom Reed", 0.60, unseen=0.5, taken=False),
    Case(
        "general question",
        "pace of ferry crossings",
        FERRIES,
        "Tom Reed",
        0.60,
        "general",
        taken=False,
    ),
]


def _evidence(case: Case) -> Evidence:
    chunk = Chunk("a:0", "a", 0, PASSAGE, 0, len(PASSAGE), 1, 1, title="Harbour news")
    start = PASSAGE.index(case.sentence)
    unit = Unit(chunk, start, start + len(case.sentence), "sentence", speaker=case.speaker)
    features = tuple(case.cosine if n == "sentence_dense" else 0.0 for n in FEATURES)
    speaker = "Tom Reed" if case.family == "speaker" else None
    return Evidence(
        case.family, [Candidate(unit, features, 0.4)], case.unseen, 3, 0.1, 0.2, speaker
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_persons_words_on_a_reworded_topic_are_taken(case: Case) -> None:
    assert (MEANT_WORDS, MEANT_SHARE) == (0.56, 0.5)
    taken = meant_words(case.topic, _evidence(case), TERMS)
    assert bool(taken) is case.taken
    if case.taken:
        assert taken[0].unit.text == case.sentence


def test_closest_first() -> None:
    chunk = Chunk("a:0", "a", 0, PASSAGE, 0, len(PASSAGE), 1, 1)
    units = [
        Unit(chunk, PASSAGE.index(s), PASSAGE.index(s) + len(s), "sentence", speaker="Tom Reed")
        for s in (REGION, FERRIES)
    ]
    cosine = FEATURES.index("sentence_dense")
    ranked = [
        Candidate(u, tuple(v if n == cosine else 0.0 for n in range(len(FEATURES))), 0.4)
        for u, v in zip(units, (0.58, 0.70), strict=True)
    ]
    evidence = Evidence("speaker", ranked, 0.0, 2, 0.1, 0.2, "Tom Reed")
    taken = meant_words("ferry region", evidence, TERMS)  # each holds one term of two
    assert [c.features[cosine] for c in taken] == [0.70, 0.58]


def test_the_lead_never_quotes_the_topic() -> None:
    lead = meant_lead("Tom Reed", "pace of ferry crossings")
    assert lead.startswith("Tom Reed is not quoted on pace of ferry crossings")
    assert not any(mark in lead for mark in "\"“”'‘’")
