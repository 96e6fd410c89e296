"""Which holder of an office a question means: the one the conversation is about, else the
first whose words answer unless another's own words are far stronger, with the others that
answer nearly as well kept for the answer to name.

Pure rules over `Evidence` (no store), so each is tested on made-up candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.answer.search import Evidence
from app.question import Intent, Turn

# An office's holder later in the topic search's order is the one meant when the ranker's best
# probability for their own words is this many times the first answering holder's: two
# presidents in one store both answer "How did the President describe the government?"
# (answer probabilities near 1.0), but one's own words on it score twice the other's (press
# fit, docs/notes/ans22.md). A margin, not the larger score: near ties keep the search's order.
HOLDER_MARGIN = 1.5


def holder_in_conversation(intent: Intent, previous: Turn | None) -> Intent:
    """An office asked in a follow-up means its holder the conversation is about: after "How
    did Tom Reed react to the ferry deal?", "What about the President?" asks for Reed when he
    is one of the presidents quoted, not for whichever president the topic's search finds
    first (a store of presidential readouts quotes many). Other questions are unchanged."""
    if intent.kind != "speaker_topic" or not intent.role or previous is None:
        return intent
    if not previous.speaker or previous.speaker not in (*intent.speakers, *intent.alternatives):
        return intent
    return replace(intent, speakers=[previous.speaker], alternatives=[])


def holder_meant(answering: Sequence[Evidence], margin: float) -> Evidence:
    """Among the holders of an office whose words answer the question (the topic search's
    order), the first, unless a later one's own best words score `margin` times the first's:
    the search finds the articles of whichever president the role words fit best ("Russian
    President" in every presidential readout), not those of the one quoted on the topic. The
    others that answer nearly as well (within `margin` on both counts) are kept, for the
    answer to name: the office is ambiguous in these articles."""
    chosen = answering[0]
    for found in answering[1:]:
        if own_best(found) > 0.0 and own_best(found) >= margin * own_best(chosen):
            chosen = found
    close = tuple(
        found.speaker
        for found in answering
        if found is not chosen
        and found.speaker
        and own_best(found) * margin > own_best(chosen)
        and found.answerable * margin > chosen.answerable
    )
    return replace(chosen, other_holders=close)


def own_best(evidence: Evidence) -> float:
    """The ranker's best probability among the asked speaker's own units (0 if none)."""
    own = (c.score for c in evidence.candidates if c.unit.speaker == evidence.speaker)
    return max(own, default=0.0)
