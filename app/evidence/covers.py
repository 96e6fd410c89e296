"""How much of a question's topic a piece of text holds, from their terms alone.

Why apart: these are pure functions of term lists, read by the unit features
(`app.evidence.scoring`) and tested by known shares without a store.
"""

from __future__ import annotations

from collections.abc import Sequence


def weighted_cover(weights: dict[str, float], terms: Sequence[str]) -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    present = set(terms)
    return sum(w for t, w in weights.items() if t in present) / total


def weighted_gain(weights: dict[str, float], context: Sequence[str], own: Sequence[str]) -> float:
    """The topic's weighted share in `context` counting only terms not in `own`."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present, held = set(context), set(own)
    return sum(w for t, w in weights.items() if t in present and t not in held) / total


def plain_cover(query_terms: Sequence[str], terms: Sequence[str]) -> float:
    wanted = set(query_terms)
    if not wanted:
        return 0.0
    return len(wanted & set(terms)) / len(wanted)


def term_pairs(terms: Sequence[str]) -> set[tuple[str, str]]:
    """Neighbouring terms: "sanctions pressure" is one thing, "sanctions" and "pressure" in two
    sentences of a unit are two."""
    return set(zip(terms, terms[1:], strict=False))


def pair_cover(topic_pairs: set[tuple[str, str]], terms: Sequence[str]) -> float:
    if not topic_pairs:
        return 0.0
    return len(topic_pairs & term_pairs(terms)) / len(topic_pairs)


def phrase_cover(
    topic_terms: Sequence[str], topic_pairs: set[tuple[str, str]], terms: Sequence[str]
) -> float:
    """How much of the topic stands in `terms` as the topic writes it: the share of its
    neighbouring pairs found side by side, or for a one-term topic whether the term is there."""
    if topic_pairs:
        return pair_cover(topic_pairs, terms)
    return float(bool(topic_terms) and topic_terms[0] in terms)
