"""A `Name: words` label opening a quotation names the quoted words' speaker and is no part of
them (`quoted_turns`, issue 17); a title's colon or a place addressed is no label. NER-free
(`analyse`); the names are invented."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse

INTRO = "Ana Vell and Ivo Marsh argued about the plan on the show.\n\n"

# (case, text, the quoted words as extracted, their speaker phrase, the rule)
LABELLED = [
    (
        "full_name_label",
        INTRO + '"Dana Ortiz: Seriously, who pays for the pier? Nobody has said."',
        "Seriously, who pays for the pier? Nobody has said.",
        "Dana Ortiz",
        "label_in_quote",
    ),
    (
        "capitals_label_no_break_space",
        INTRO + "Partial transcript as follows:\n\n\u201cORTIZ:\xa0 Mr Marsh, on the night of "
        "the storm you sent an email.\u201d",
        "Mr Marsh, on the night of the storm you sent an email.",
        "ORTIZ",
        "label_in_quote",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "words", "np", "rule"), LABELLED, ids=[r[0] for r in LABELLED]
)
def test_a_label_opening_a_quotation_names_its_speaker(
    case: str, text: str, words: str, np: str, rule: str
) -> None:
    found = {text[p.start : p.end]: p for p in analyse(text).pieces}
    assert words in found, list(found)
    assert (found[words].np, found[words].rule) == (np, rule)


# (case, text): quotations whose colon is no turn label
NOT_LABELS = [
    ("title", 'She watched "Harbour Town: The Return" twice.'),
    ("place_addressed", 'Ortiz tweeted a warning. "Portview: Remember the vote in November."'),
    ("short_after_colon", '"Ana Vell: No." was the headline.'),
    ("question_label", '"Q: Will the pier close before the winter storms?"'),
]


@pytest.mark.parametrize(("case", "text"), NOT_LABELS, ids=[r[0] for r in NOT_LABELS])
def test_no_label(case: str, text: str) -> None:
    assert all(p.rule != "label_in_quote" for p in analyse(text).pieces)
