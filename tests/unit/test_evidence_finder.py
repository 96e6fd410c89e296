"""Which units of a question's passages are candidates: a unit that only repeats the question,
or only thanks and greets, is none; a general question reads more passages.

Made-up text only.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.evidence.finder import GENERAL_PASSAGES, PASSAGES, EvidenceFinder, _echo
from app.evidence.scoring import Query
from ingest.terms import Lexicon

ECHOES = [
    # (unit text, question topic, speaker asked, echo?)
    ("Severomuysky Tunnel.", "long Severomuysky Tunnel", None, True),
    ("The tunnel builders!", "tunnel builders", "Ann Vell", True),
    ("Ann Vell: tunnels.", "tunnels", "Ann Vell", True),
    ("There was, she said, an implicit bargain.", "implicit bargain", "Ann Vell", False),
    ("This one is 15.5 km long.", "long Severomuysky Tunnel", None, False),
    ("It lasted for just over an hour.", "long call last", None, False),
]


@pytest.mark.parametrize(("text", "topic", "speaker", "echo"), ECHOES)
def test_a_unit_with_no_word_beyond_the_question_is_an_echo(
    text: str, topic: str, speaker: str | None, echo: bool
) -> None:
    lexicon = Lexicon()
    asked = frozenset(lexicon.terms(topic) + lexicon.terms(speaker or ""))
    assert _echo(text, lexicon.terms(text), asked) is echo


COURTESY = [
    # (unit text, a turn of courtesy and address only?)
    ("Thank you very much, Mr President.", True),
    ("Good afternoon, colleagues.", True),
    ("Mr Vell, thank you.", True),
    ("First of all, thank you for inviting me.", True),
    ("We thank the Lowland Republic for the ferries.", False),
    ("Thank you for your work in Marlow.", False),
    ("Sanctions.", False),
    ("Friends, welcome to Marlow.", False),
]


@pytest.mark.parametrize(("text", "courtesy"), COURTESY)
def test_a_turn_of_courtesy_is_no_candidate(text: str, courtesy: bool) -> None:
    lexicon = Lexicon()
    finder = EvidenceFinder(SimpleNamespace(lexicon=lexicon))
    assert finder._courtesy(text, lexicon.terms(text)) is courtesy


# (text, the turn's words, the narrative units' texts): a transcript whose paragraphs were
# joined by spaces runs a turn on from the lead or from a scraped doubled label.
class _Searches:
    """A retriever that records how many passages each search asks for and finds none."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def search(self, query, k, vector=None, filters=None):  # noqa: ANN001, ANN201
        self.asked.append(k)
        return []

    def search_quotes(self, query, k, speakers=None, vector=None, filters=None):  # noqa: ANN001, ANN201
        return []


@pytest.mark.parametrize(
    ("speaker", "who_said", "depth"),
    [
        (None, False, GENERAL_PASSAGES),  # only the passage search gives candidates
        ("Ana Vell", False, PASSAGES),  # the asked person's quotations back it up
        (None, True, PASSAGES),  # so do everyone's quotations for "who said"
    ],
)
def test_a_general_question_reads_more_passages(
    speaker: str | None, who_said: bool, depth: int
) -> None:
    searches = _Searches()
    finder = EvidenceFinder(searches)
    query = Query("pension age", [0.0], speaker, (speaker,) if speaker else (), who_said)
    assert finder.candidates(query, str) == []
    assert searches.asked == [depth]
    assert GENERAL_PASSAGES > PASSAGES
