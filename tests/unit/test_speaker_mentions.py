"""Names in free text: where a name starts and ends, and what is no name."""

from __future__ import annotations

import pytest

from ingest.speakers.mentions import is_named_speaker, name_mentions


def test_is_named_speaker_rejects_extraction_debris() -> None:

    for good in ("Sergei Lavrov", "Kremlin", "Ludwig van Beethoven", "Prince Saud Al-Faisal"):
        assert is_named_speaker(good), good
    for bad in ("Meanwhile Labour", "Filing for", "England captain", "American", "officials", ""):
        assert not is_named_speaker(bad), bad


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


@pytest.mark.parametrize("phrase", ["Every Westlander", "Each Lowtowner", "All Norlanders"])
def test_a_quantifier_starts_no_name(phrase: str) -> None:
    assert not is_named_speaker(phrase)
