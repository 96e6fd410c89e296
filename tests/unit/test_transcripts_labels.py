"""The doubled-label census (`evals.transcripts_labels`): its pattern finds the scraped doubled
labels and nothing else, and no unit of a made-up joined transcript holds one."""

from __future__ import annotations

import pytest

from evals.transcripts_labels import census, doubled_labels
from ingest.quotes import extract_quotes

TRANSCRIPT = (
    "The Governor met the weather chief. Anna Berg: Thank you. Mr Reed. Director of the "
    "Weather Office Tom Reed Reed TomDirector of the Weather Office(WO): Ms Berg, "
    "colleagues, the Westland Governor has said that the storm is over. We disagree. Anna "
    "Berg: Thank you. Head of the Harbour Board Ana Vell Vell AnaDeputy Mayor– Harbour "
    "Minister: Thank you, Ms Berg. Anna Berg: Good."
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Director Tom Reed Reed TomDirector of the Office: Yes.", ["Tom Reed Reed Tom"]),
        (
            "Sayyid Ebrahim Raisi Raisi Sayyid EbrahimPresident: Yes.",
            ["Sayyid Ebrahim Raisi Raisi Sayyid Ebrahim"],
        ),
        ("Tom Reed: Yes. Reed said so.", []),  # a plain label
        ("Tom Reed met Reed Tom on Monday.", []),  # no name written twice in a row
    ],
)
def test_the_pattern_finds_doubled_labels_only(text: str, found: list[str]) -> None:
    assert [text[s:e] for s, e in doubled_labels(text)] == found


def test_no_unit_of_a_joined_transcript_holds_a_doubled_label() -> None:
    result = census([{"id": "made-up", "text": TRANSCRIPT}], show=5)
    assert result.labels == 2
    assert result.quotes_with_label == 0
    assert result.units_with_label == {}, result.examples


def test_a_statement_opening_in_a_label_is_no_statement() -> None:
    """`... Office(WO): Ms Berg, colleagues, the Westland Governor has said ...`: the turn is
    Tom Reed's; no reported statement starts in his label."""
    quotes = extract_quotes(TRANSCRIPT)
    turn = next(q for q in quotes if q.speaker == "Tom Reed")
    label = TRANSCRIPT.index("Director of the Weather")
    assert not [q for q in quotes if q.kind == "indirect" and label <= q.start < turn.start]
