"""A cited sentence of a long quotation is cited with the sentences of the same quotation beside
it (`whole_quotations`), on made-up units: within the family's words, never across narrative,
another quotation or a passage already cited."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.answer.citations import CITATION_BUDGET, whole_quotations
from app.api import _turn
from app.evidence.features import Candidate
from app.evidence.units import Unit
from app.types import Answer, Citation
from ingest.types import Chunk

SPEAKER = "Tom Reed"
# One passage: a three-sentence quotation (q1), a report of it, and a second quotation (q2)
# after narrative.
TEXT = (
    'Tom Reed said: "The pier reopens in May. The tolls stay as they are. '
    'The ferry runs hourly." Reed said the crews were ready. '
    '"We thank the crews," he added.'
)
CHUNK = Chunk("a1:0", "a1", 0, TEXT, 0, len(TEXT), 1, 1, title="Made-up")


def _unit(words: str, quote_id: str | None = "q1", quoted: bool = True) -> Unit:
    start = TEXT.index(words)
    kind = "direct" if quoted else "indirect"
    return Unit(CHUNK, start, start + len(words), kind, SPEAKER, None, quoted, quote_id)


PIER = _unit("The pier reopens in May.")
TOLLS = _unit("The tolls stay as they are.")
FERRY = _unit("The ferry runs hourly.")
REPORT = _unit("Reed said the crews were ready.", quote_id="q1", quoted=False)
THANKS = _unit("We thank the crews,", quote_id="q2")
UNITS = {"pier": PIER, "tolls": TOLLS, "ferry": FERRY, "report": REPORT, "thanks": THANKS}


@dataclass(frozen=True)
class Case:
    """The units cited, the candidates in rank order, and the texts the answer cites."""

    name: str
    cited: tuple[str, ...]
    ranked: tuple[str, ...]
    expected: tuple[str, ...]
    family: str = "speaker"


CASES = [
    Case(
        "both neighbours",
        ("tolls",),
        ("tolls", "ferry", "pier"),
        ("The pier reopens in May. The tolls stay as they are. The ferry runs hourly.",),
    ),
    Case(
        "a neighbour that is no candidate is not cited",
        ("tolls",),
        ("tolls", "ferry"),
        ("The tolls stay as they are. The ferry runs hourly.",),
    ),
    Case(
        "grown one sentence at a time: the far one only once it is beside",
        ("pier",),
        ("pier", "ferry", "tolls"),
        ("The pier reopens in May. The tolls stay as they are. The ferry runs hourly.",),
    ),
    Case(
        "a neighbour cited on its own stays its own citation",
        ("tolls", "ferry"),
        ("tolls", "ferry"),
        ("The tolls stay as they are.", "The ferry runs hourly."),
    ),
    Case(
        "narrative between: another quotation is not joined",
        ("thanks",),
        ("thanks", "report", "ferry"),
        ("We thank the crews,",),
    ),
    Case(
        "a report of the quotation is not joined to its quoted words",
        ("report",),
        ("report", "ferry"),
        ("Reed said the crews were ready.",),
    ),
    Case(
        "who-said answers too",
        ("ferry",),
        ("ferry", "tolls"),
        ("The tolls stay as they are. The ferry runs hourly.",),
        "who_said",
    ),
]


def _candidates(names: tuple[str, ...]) -> list[Candidate]:
    return [Candidate(UNITS[n], (), 1.0 - i / 10) for i, n in enumerate(names)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_whole_quotations(case: Case) -> None:
    ranked = _candidates(case.ranked)
    cited = [c for c in ranked if any(c.unit is UNITS[n] for n in case.cited)]
    grown = whole_quotations(cited, ranked, case.family)  # type: ignore[arg-type]
    assert tuple(c.unit.text for c in grown) == case.expected
    assert [c.score for c in grown] == [c.score for c in cited]


# (words of the answer's other citations, the texts cited of the tolls sentence's quotation)
WORD_CASES = [
    (0, "The pier reopens in May. The tolls stay as they are. The ferry runs hourly."),
    # 80 - 6 - 69 = 5 words left: the pier (5 words, ranked above the ferry) fills them.
    (69, "The pier reopens in May. The tolls stay as they are."),
    # 4 left: the ferry (4 words) fits, the pier (5) no longer.
    (70, "The tolls stay as they are. The ferry runs hourly."),
    # 3 left: nothing fits.
    (71, "The tolls stay as they are."),
]


@pytest.mark.parametrize(("other_words", "expected"), WORD_CASES)
def test_whole_quotations_stay_within_the_words(other_words: int, expected: str) -> None:
    other_text = "word " * other_words
    other = Unit(
        Chunk("a2:0", "a2", 0, other_text, 0, len(other_text), 1, 1, title="Made-up"),
        0,
        len(other_text),
        "sentence",
    )
    ranked = [*_candidates(("tolls", "pier", "ferry")), Candidate(other, (), 0.2)]
    cited = [ranked[0], ranked[-1]] if other_words else [ranked[0]]
    grown = whole_quotations(cited, ranked, "speaker")
    assert grown[0].unit.text == expected
    total = sum(len(c.unit.text.split()) for c in grown)
    assert total <= CITATION_BUDGET["speaker"].words


def test_what_else_skips_every_sentence_of_a_joined_citation() -> None:
    """A follow-up "What else did he say?" skips the candidates starting where the previous
    answer's citations start: a joined citation holds two units, both are skipped."""
    text = "The pier reopens in May. The tolls stay as they are."
    start = TEXT.index(text)
    cited = Citation(1, "a1", "Made-up", None, None, None, 1, start, start + len(text), text)
    turn = _turn(Answer("What did Tom Reed say?", text, False, [cited]))
    assert turn.cited_spans == {("a1", PIER.start), ("a1", TOLLS.start)}
