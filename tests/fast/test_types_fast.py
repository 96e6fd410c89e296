"""The one [n] marker parser: `marked_numbers` and `Answer.marked_citations`."""

from __future__ import annotations

import pytest

from app.types import Answer, Citation, marked_numbers


def citation(n: int) -> Citation:
    return Citation(n, f"a{n}", "Title", None, None, None, 0, 0, 4, "Text")


# text, numbers its markers cite (written order, repeats kept)
MARKERS = [
    ("The dam will hold [1].", [1]),
    ("Two sources [1][3] and again [1].", [1, 3, 1]),
    ("Grouped [1, 2] or [2;3] or [4 , 5].", [1, 2, 2, 3, 4, 5]),
    ("Not markers: [a], [1-2], [ 1], (1), []", []),
    ("Years [2031] are numbers too.", [2031]),
    ("", []),
]


@pytest.mark.parametrize(("text", "numbers"), MARKERS)
def test_marked_numbers(text: str, numbers: list[int]) -> None:
    assert marked_numbers(text) == numbers


def test_marked_citations_keep_citation_order_and_drop_unmarked() -> None:
    answer = Answer("q", "Second [3], then first [1, 3].", False, [citation(n) for n in (1, 2, 3)])
    assert [c.n for c in answer.marked_citations()] == [1, 3]


def test_an_answer_without_markers_points_to_nothing() -> None:
    answer = Answer("q", "No sources named.", False, [citation(1)])
    assert answer.marked_citations() == []
