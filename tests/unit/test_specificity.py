"""`evals.specificity`: strict hit@1 grouped by how many of the asked person's quotations fit."""

from __future__ import annotations

from evals.specificity import Row, by_bucket


def test_rows_fall_into_their_bucket_and_hit_rates_are_per_bucket() -> None:
    rows = [
        Row("a", 0, True),
        Row("b", 1, False),
        Row("c", 3, True),
        Row("d", 12, False),
        Row("e", 40, False),
    ]
    assert by_bucket(rows) == [
        ("0-1 quotations fit", 2, 0.5),
        ("2-4", 1, 1.0),
        ("5-9", 0, None),
        ("10 or more", 2, 0.0),
    ]
