"""`FakeEmbedder`: the fast tier's retrieval is only as meaningful as its vectors."""

from __future__ import annotations

import math

import pytest

from tests.helpers import FAKE_DIMENSIONS, FakeEmbedder


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_same_text_same_unit_vector_in_another_instance() -> None:
    text = "The ferry leaves the quay at midnight."
    first, second = FakeEmbedder().query(text), FakeEmbedder().texts([text])[0]
    assert first == second
    assert len(first) == FAKE_DIMENSIONS
    assert math.isclose(math.sqrt(sum(v * v for v in first)), 1.0)


@pytest.mark.parametrize(
    ("query", "near", "far"),
    [
        ("night ferry for nurses", "A night ferry will carry nurses home.", "Apple prices rose."),
        ("frost damaged blossom", "The frost damaged the blossom.", "The bridge opens in May."),
        ("Bridge REPAIRS", "bridge repairs begin", "orchard growers meet"),
    ],
)
def test_shared_words_are_closer_than_unrelated_text(query: str, near: str, far: str) -> None:
    embedder = FakeEmbedder()
    q = embedder.query(query)
    near_vector, far_vector = embedder.texts([near, far])
    assert cosine(q, near_vector) > cosine(q, far_vector) + 0.2


def test_text_without_words_still_gets_a_unit_vector() -> None:
    vector = FakeEmbedder().query("?!")
    assert vector[0] == 1.0 and sum(abs(v) for v in vector) == 1.0
