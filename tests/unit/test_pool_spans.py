"""`ingest.pooling.pool` finds every span's word pieces in one numpy pass and reads consecutive
pieces as a slice (docs/notes/perf22.md): what it stores must be what pooling each span on its
own, as before, stored, to the bit, so a store ingested before and after holds the same
vectors. Made-up offsets and vectors; numpy only.
"""

from __future__ import annotations

import numpy as np
import pytest

from ingest.pooling import TokenStates, joined, pool


def _unit(vector: np.ndarray) -> np.ndarray:
    """The normalisation as it was written before: `np.linalg.norm`."""
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _each_span(states: TokenStates, spans: list[tuple[int, int]]) -> list[np.ndarray | None]:
    """Each span pooled on its own, the way `pool` did before: a mask per span, its pieces
    gathered by index, averaged, normalised."""
    out: list[np.ndarray | None] = []
    for start, end in spans:
        begins, ends = states.offsets[:, 0], states.offsets[:, 1]
        pieces = np.flatnonzero((begins < end) & (ends > start) & ~states.special)
        out.append(_unit(states.vectors[pieces].mean(axis=0)) if pieces.size else None)
    return out


def _window(rng: np.random.Generator, first_char: int, pieces: int) -> TokenStates:
    """One model input: [CLS], `pieces` word pieces of four characters and a space, [SEP]."""
    begins = first_char + 5 * np.arange(pieces)
    offsets = np.concatenate([[(0, 0)], np.stack([begins, begins + 4], 1), [(0, 0)]])
    special = np.zeros(pieces + 2, dtype=bool)
    special[[0, -1]] = True
    vectors = rng.standard_normal((pieces + 2, 16)).astype(np.float32)
    return TokenStates(vectors, offsets, special)


CASES = [
    # (name, pieces of each window, spans)
    ("one word", (12,), [(5, 9)]),
    ("several sentences, one across the whole text", (40,), [(0, 60), (60, 200), (0, 200)]),
    ("a span with no piece of its own (a space)", (12,), [(4, 5), (10, 14)]),
    ("a span past the text", (12,), [(500, 600)]),
    ("part of a word takes the whole piece", (12,), [(6, 7)]),
    ("a span across two windows skips their special tokens", (30, 30), [(100, 200), (0, 300)]),
    ("no spans", (20,), []),
]


@pytest.mark.parametrize(("name", "windows", "spans"), CASES)
def test_pool_gives_each_span_what_pooling_it_alone_gives(name, windows, spans):
    rng = np.random.default_rng(7)
    parts, first_char = [], 0
    for pieces in windows:
        parts.append(_window(rng, first_char, pieces))
        first_char += 5 * pieces
    states = joined(parts) if len(parts) > 1 else parts[0]

    got = pool(states, spans)

    expected_text = _unit(states.vectors.mean(axis=0))
    assert got.vector.tobytes() == expected_text.tobytes(), name
    expected = _each_span(states, spans)
    assert [v is None for v in got.spans] == [v is None for v in expected], name
    for mine, theirs in zip(got.spans, expected, strict=True):
        if theirs is not None:
            assert mine.tobytes() == theirs.tobytes(), name


def test_a_span_across_windows_really_is_not_consecutive():
    """The case above that takes the gathered (not sliced) path has a special token inside."""
    rng = np.random.default_rng(7)
    states = joined([_window(rng, 0, 30), _window(rng, 150, 30)])
    begins, ends = states.offsets[:, 0], states.offsets[:, 1]
    inside = (begins < 200) & (ends > 100)
    assert states.special[np.flatnonzero(inside)[0] : np.flatnonzero(inside)[-1] + 1].any()
