"""The ranked candidates of one question (`Evidence`): the search for the asked speaker's or
anyone's words, the learned ranker's order and answer probability, and the reorderings each
family needs before citations are chosen.

Kept apart from finding the person asked (`app.answer.asked`, which tries several people
through this search) and from composing the answer (`app.answer.answerer`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.answer.articles import Articles
from app.answer.citations import introduced_first
from app.described import described_first
from app.evidence.features import Candidate, question_features
from app.evidence.finder import EvidenceFinder
from app.evidence.scoring import Query
from app.question import Intent, Turn
from app.ranker import RUNNER_UP, EvidenceRanker, Family
from app.reorder import (
    QUANTITY_SHARE,
    STORY_SHARE,
    named_last,
    named_people,
    quantity_first,
    story_first,
    topic_first,
)
from app.retrieval import HybridRetriever
from app.speaker_index import SpeakerIndex
from app.types import Filters


@dataclass(frozen=True)
class Evidence:
    """The ranked candidates for one question, and how the answer is to treat them."""

    family: Family
    candidates: list[Candidate]  # best first, with probabilities
    unseen_names: float  # share of the topic's names that no passage holds
    topic_terms: int  # how many distinct terms the topic has
    answerable: float  # probability that the candidates answer the question
    threshold: float  # decline below it (calibrated on dev)
    speaker: str | None  # the asked speaker, for speaker questions
    runner_up: float = RUNNER_UP  # share of the best unit's score a further citation needs
    # Other holders of the office asked whose own words answer about as well (`holder_meant`):
    # "the President" of a store quoting two presidents is ambiguous, and the answer says so.
    other_holders: tuple[str, ...] = ()
    # The person a general question names without asking for their words ("What figure did
    # Tom Reed report?"): an answer led by their own words cites no one else's after them.
    named: str | None = None


class EvidenceSearch:
    """The search an answerer runs for one question; `filters` (source, dates) scope every
    search, so a filtered question gets its own instance rather than shared state."""

    def __init__(
        self,
        retriever: HybridRetriever,
        ranker: EvidenceRanker,
        filters: Filters | None = None,
    ) -> None:
        self.retriever = retriever
        self.ranker = ranker
        self.filters = filters if filters and filters.narrows_passages else None
        self.finder = EvidenceFinder(retriever, self.filters)
        self.articles = Articles(retriever)

    def _topic_share(self, topic: str) -> Callable[[str], float]:
        """The share of the topic's terms a text holds (0 for an empty topic)."""
        wanted = set(self.retriever.lexicon.terms(topic))

        def share(text: str) -> float:
            return len(wanted & set(self.retriever.lexicon.terms(text))) / max(1, len(wanted))

        return share

    def _evidence_of(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Evidence:
        """The ranked candidates for the intent as given (no other person tried): its family,
        the search for the topic and any story named, the ranker's order and answer
        probability, then each family's reorderings (`app.reorder`) of that order."""
        speaker = intent.speakers[0] if intent.kind == "speaker_topic" and intent.speakers else None
        family: Family = (
            "who_said" if intent.kind == "who_said" else "speaker" if speaker else "general"
        )
        topic = intent.topic or ("" if speaker else question)
        # A story the question names is in the vector: it finds the article (`Query`).
        searched = f"{topic} {intent.story_hint}".strip()
        vector = self.retriever.embed_query(searched or speaker or question)
        query = Query(
            topic=searched,
            vector=vector,
            speaker=speaker,
            members=tuple(index.members(speaker)) if speaker else (),
            who_said=family == "who_said",
            quantity=intent.quantity,
            story=_story(intent, previous),
        )
        candidates = self.finder.candidates(query, index.canonical, index)
        if intent.wants_more and previous is not None:
            seen = previous.cited_spans
            candidates = [
                c for c in candidates if (c.unit.chunk.article_id, c.unit.start) not in seen
            ]
        ranked = self.ranker.rank(family, candidates)
        terms = len(set(self.retriever.lexicon.terms(searched)))
        unseen = self.finder.unseen_names(searched)
        asked = question_features(ranked, unseen, terms)
        ranked = story_first(ranked, STORY_SHARE)  # after `asked`: the order, not the scores
        ranked = quantity_first(ranked, question, intent.quantity, QUANTITY_SHARE)
        named = named_people(question, index) if family == "who_said" else set()
        if family == "who_said":
            share = self._topic_share(topic)
            ranked = named_last(ranked, named)
            if intent.story_hint:
                ranked = topic_first(ranked, share, named)
            ranked = introduced_first(ranked, share, named)
            if intent.described_as:
                ranked = described_first(ranked, intent.described_as, index, self.articles.text)
        return Evidence(
            family,
            ranked,
            unseen,
            terms,
            self.ranker.answerable(family, asked),
            self.ranker.threshold(family, terms),
            speaker,
            self.ranker.runner_up(family),
            named=intent.speakers[0] if family == "general" and intent.speakers else None,
        )


def _story(intent: Intent, previous: Turn | None) -> frozenset[str]:
    """The articles a follow-up is asked about: those the previous answer cited, when this
    question takes its person or its topic from that turn ("And what did he say about the
    approval?", "What was Hale's view?"); none for a question that starts afresh."""
    if previous is None:
        return frozenset()
    same_person = bool(intent.speakers) and intent.speakers[0] == previous.speaker
    old = (previous.topic or "").split()
    # A carried topic ends the question's own (`app.question._carry_topic`), word for word.
    same_topic = bool(old) and (intent.topic or "").split()[-len(old) :] == old
    return previous.cited_articles if same_person or same_topic else frozenset()
