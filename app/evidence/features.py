"""The features the ranker reads: their names in stored order, the ranked record, and the
question-level features the answerability models read from a question's ranked candidates.

Why one module: `app/ranker.json` stores weights in `FEATURES` and `QUESTION_FEATURES` order,
and every reader (the ranker, the reorder and said-it rules, the fitting tools) looks a
feature up by its name here; the values themselves are computed by `app.evidence.scoring`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.evidence.units import Unit

# The features, in the order the ranker's weights are stored (app/ranker.json).
FEATURES: tuple[str, ...] = (
    "chunk_dense",  # cosine of the unit's chunk to the question
    "unit_dense",  # cosine of the unit's quotation (its chunk's, for narrative)
    "chunk_rank",  # 1 / (1 + rank) in hybrid passage search, 0 when not in the top
    "quote_rank",  # 1 / (1 + rank) in the quote search, 0 when not in the top
    "unit_cover",  # idf-weighted share of the topic's terms in the unit
    "unit_cover_plain",  # unweighted share
    "pair_cover",  # share of the topic's neighbouring term pairs the unit has side by side
    "lead_cover",  # idf-weighted share in the unit and the sentence before it
    "chunk_cover",  # idf-weighted share in the chunk
    "title_cover",  # idf-weighted share in the headline
    "speaker_asked",  # the unit's words are the asked speaker's
    "speaker_other",  # the unit's words are someone else's
    "name_in_unit",  # the asked speaker's surname is written in the unit
    "name_in_chunk",  # ... or in its chunk
    "kind_direct",
    "kind_transcript",
    "kind_indirect",
    "kind_sentence",
    "named_speaker",  # the unit has a named person as speaker (not "officials")
    "has_number",
    "number_wanted",  # has a number and the question asks how many / when
    "log_words",
    "short",  # fewer than six words
    "first_chunk",  # 1 / (1 + chunk index): the top of an article summarises it
    "sentence_dense",  # best cosine of an article sentence the unit spans (unit_dense if none)
    "sentence_gap",  # how far that is below the chunk's closest sentence (0: the closest)
    # Appended on 2026-12-05 (twelfth session) for the answerability model, which reads it as
    # `named_phrase`; the shipped unit trees were fitted before it and do not read it.
    "chunk_phrase",  # share of the topic's neighbouring term pairs side by side in the passage
    # or headline (for a one-term topic, the term): the topic as written, not its words apart
    # Appended on 2026-12-05 (sixteenth session). Read by a fixed prior, never by the trees
    # (`STORY_FEATURES`): the unit's article was cited in the answer this follow-up follows.
    "previous_article",
    # Appended on 2026-12-06 (nineteenth session): the topic in what introduces a unit, counting
    # only topic words the unit itself lacks. rank19's window cover (unit and neighbours
    # together) gave the sentence beside a quotation the quotation's own words, so the
    # neighbour scored as high as the quotation (docs/notes/rank19.md); here a unit gains only
    # from what its context adds to it, and never from a neighbouring quotation's words.
    "intro_gain",  # the two sentences before, quotations cut out (and the previous turn)
)
# Features the unit trees are never fitted on: every generated follow-up is drawn from the
# article of the question before it, so a fitted weight would say "always stay in the story",
# which real conversations do not justify; `app.answer` applies them as a capped prior.
STORY_FEATURES: tuple[str, ...] = ("previous_article",)


# Question-level features, in the order the answerability weights are stored: whether the best
# candidates answer the question at all, read from what the ranker saw (`question_features`).
# None may depend on the size of the store or on how the question set was made: how many of the
# asked person's words come up grows with how much the store quotes them (fitted on 900-article
# dev stores at -2.9, it declined 0.200 of hand-written press dev questions asked of the full
# 1,796-article corpus), and the headline's cover of the topic is how generated questions pick
# their topics, not how people ask.
QUESTION_FEATURES: tuple[str, ...] = (
    "top_score",  # the ranker's probability for the best unit
    "second_score",  # ... for the runner-up (a clear best vs many weak ones)
    "top_cover",  # best idf-weighted share of the topic's terms among the top 3 units
    "best_cover",  # ... among all candidates
    "best_lead_cover",  # ... in a unit with the sentence before it
    "best_chunk_dense",  # best cosine of a candidate's passage to the question
    "best_asked_dense",  # best cosine of the asked speaker's own quotation (0 if none)
    "best_asked_cover",  # best share of the topic's terms in the asked speaker's words
    "asked_top_score",  # the ranker's best probability among the asked speaker's words
    "asked_lead_cover",  # best topic share in their words with the sentence before
    "asked_chunk_cover",  # ... in a passage that holds their words
    "named_chunk_cover",  # ... in a passage that quotes or names them
    "named_unit_cover",  # ... in a unit of such a passage
    "best_sentence_dense",  # best cosine of a candidate's own sentence to the question
    "asked_sentence_dense",  # ... of a sentence in the asked speaker's words (0 if none)
    "unseen_names",  # share of the topic's names (capitalised words) that no passage contains
    "topic_terms",  # how many terms the topic has (log-scaled)
    # The topic as written in a passage that quotes or names the asked person (best
    # `chunk_phrase`): "the Unified Energy System" was answered with the person's words on
    # "energy security" from a passage that never writes it, where a weighted share of the
    # topic's words in their passages was as high as for questions they answer.
    "named_phrase",
)


@dataclass(frozen=True)
class Candidate:
    """A unit with its features (in `FEATURES` order) and, once ranked, its probability."""

    unit: Unit
    features: tuple[float, ...]
    score: float = 0.0


class Scored(Protocol):
    """What `question_features` reads of a candidate (a `Candidate`, or a fitting row)."""

    features: tuple[float, ...]
    score: float


def question_features(
    ranked: Sequence[Scored], unseen_names: float, topic_terms: int
) -> tuple[float, ...]:
    """`QUESTION_FEATURES` of one question from its ranked candidates (best first, scored)."""
    col = {name: FEATURES.index(name) for name in FEATURES}

    def best(name: str, units: Sequence[Scored]) -> float:
        return max((c.features[col[name]] for c in units), default=0.0)

    asked = [c for c in ranked if c.features[col["speaker_asked"]]]
    # Passages where the asked person speaks or is named: a topic of theirs is written there.
    named = [
        c for c in ranked if c.features[col["speaker_asked"]] or c.features[col["name_in_chunk"]]
    ]
    values = {
        "top_score": ranked[0].score if ranked else 0.0,
        "second_score": ranked[1].score if len(ranked) > 1 else 0.0,
        "top_cover": best("unit_cover", ranked[:3]),
        "best_cover": best("unit_cover", ranked),
        "best_lead_cover": best("lead_cover", ranked),
        "best_chunk_dense": best("chunk_dense", ranked),
        "best_sentence_dense": best("sentence_dense", ranked),
        "asked_sentence_dense": best("sentence_dense", asked),
        "best_asked_dense": best("unit_dense", asked),
        "best_asked_cover": best("unit_cover", asked),
        "asked_top_score": max((c.score for c in asked), default=0.0),
        "asked_lead_cover": best("lead_cover", asked),
        "asked_chunk_cover": best("chunk_cover", asked),
        "named_chunk_cover": best("chunk_cover", named),
        "named_unit_cover": best("unit_cover", named),
        "unseen_names": unseen_names,
        "topic_terms": math.log1p(topic_terms) / 3.0,
        "named_phrase": best("chunk_phrase", named),
    }
    return tuple(values[name] for name in QUESTION_FEATURES)
