"""`ExtractiveAnswerer`: the evidence for the person asked (`app.answer.asked`), then either a
decline or the chosen citations (`app.answer.citations`) written into an `Answer`, each cited
unit framed by `app.compose`.

Who-said answers are checked here against what was asked (`app.said_it`), as they need the
store's sentence vectors and the article around the cited unit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from app.answer.asked import AskedPerson
from app.answer.citations import (
    Selection,
    about,
    own_first,
    quotations_first,
    select_citations,
    whole_quotations,
)
from app.answer.declines import (
    abstain,
    cites,
    decline,
    figure_held,
    lead_line,
    meant_lead,
    meant_words,
    mentioned,
    named_text,
    topic_names,
    unheld_name,
)
from app.answer.search import Evidence
from app.compose import framing, who_said_lead
from app.evidence.features import Candidate
from app.question import Intent, Turn
from app.ranker import EvidenceRanker
from app.reorder import named_people
from app.retrieval import HybridRetriever
from app.said_it import (
    NOBODY_SAID,
    PART_MEANT,
    SAID_IT,
    apart,
    derived_only,
    figures_unheld,
    half_said,
    lone_unsaid,
    off_story,
    passage_chunks,
    saying,
    says_it,
    word_for_word,
)
from app.settings import RetrievalSettings
from app.speaker_index import SpeakerIndex
from app.types import Answer, Citation, Filters
from ingest.types import Chunk

# A person quoted in this few articles is asked about one of them when it holds every word of
# the topic (`_quoted_in_article_on`); a much-quoted one has articles on everything.
FEW_ARTICLES = 3
SHORT_ARTICLE_CHUNKS = 20  # about 4,000 words: a long news story, not a transcript of many


class ExtractiveAnswerer(AskedPerson):
    """Answers one way for every caller; `filters` (source, dates) scope every search it runs.

    Cheap to make, so a filtered question gets its own instance rather than shared state.
    """

    def __init__(
        self,
        retriever: HybridRetriever,
        settings: RetrievalSettings,
        ranker: EvidenceRanker,
        filters: Filters | None = None,
    ) -> None:
        super().__init__(retriever, ranker, filters)
        self.settings = settings
        # A list only while `evals.fit_runner_up` watches: every selection made is added.
        self.selections: list[Selection] | None = None

    def answer(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Answer:
        """One question's answer, the same for every caller: the person asked found
        (`asked_person`), their evidence ranked (`evidence`), then a decline or the cited units
        (`_compose_answer`), with the time the evidence and the composing each took."""
        started = time.perf_counter()
        intent = self.asked_person(question, intent, index, previous)
        evidence = self.evidence(question, intent, index, previous)
        timings = {"evidence": _ms(started)}
        answer = self._compose_answer(question, intent, index, evidence)
        timings["answer"] = _ms(started) - timings["evidence"]
        speaker = answer.speaker or (intent.speakers[0] if intent.speakers else None)
        return replace(answer, timings_ms=timings, topic=intent.topic or None, speaker=speaker)

    def _compose_answer(
        self, question: str, intent: Intent, index: SpeakerIndex, evidence: Evidence
    ) -> Answer:
        """The answer to ranked evidence, the first case that holds deciding: a "who is"
        question (the person's record and one quotation), a person or topic no article
        mentions, evidence that supports no answer (`_unsupported`), else the chosen citations
        with their lead (a who-said answer cites one unit, or declines when it does not say
        what was asked, or the unit ranked next that says it word for word: `saying`)."""
        ranked = evidence.candidates
        if intent.who_is and evidence.speaker and (info := index.info(evidence.speaker)):
            role = f", {info.role}," if info.role else ""
            lead = f"{info.name}{role} is quoted {info.quotes} times in {info.articles} article(s)."
            own = [c for c in ranked if c.unit.speaker == info.name][:1]
            return self._compose(question, own, info.name, lead)
        if intent.unknown_person and not mentioned(intent.unknown_person, ranked):
            return abstain(question, f"The articles do not mention {intent.unknown_person}.")
        if intent.topic and self.finder.nothing_seen(intent.topic):
            text = f"The articles do not cover this question: none mentions {intent.topic}."
            return replace(abstain(question, text), speaker=evidence.speaker)
        # A name no article holds: nobody in them spoke about it. A person asked for is
        # declined with what the articles do quote them on (`decline`).
        unseen = self.finder.unseen_name(named_text(intent))
        if unseen and not evidence.speaker:
            return abstain(question, f"No article mentions {unseen}.")
        # "What did X say?" has no topic to be off: any of X's own words answer it.
        topicless = bool(evidence.speaker) and not intent.topic
        own = topicless and any(c.unit.speaker == evidence.speaker for c in ranked)
        # A general question for a number whose best unit writes one with every word asked
        # is answered below the threshold (`figure_held`: the frame words weigh it down).
        below = evidence.answerable < evidence.threshold and not (
            evidence.family == "general"
            and bool(ranked)
            and figure_held(question, intent, ranked[0], self.retriever.lexicon.terms)
        )
        unsupported = (below or bool(unseen)) and not own
        if not ranked or unsupported or (topicless and not own):
            return self._unsupported(question, intent, index, evidence)
        # Rank order: a weaker quotation moved ahead of a better-ranked report ("The ferry
        # deal?" answered first with the person's words on port fees) reads as the
        # answer, as a weaker quotation of the asked person did.
        chosen = quotations_first(self._select(own_first(ranked, evidence), evidence))
        if evidence.family == "who_said":
            said = saying(
                ranked,
                chosen[0],
                lambda c: self._said(intent, c),
                lambda c: self._word_for_word(intent, c),
                named_people(question, index),
            )
            if said is None:
                answer = self._compose(question, chosen[:1], None, NOBODY_SAID)
                return replace(answer, abstained=True)
            whole = whole_quotations([said], ranked, evidence.family)
            return self._compose(question, whole, said.unit.speaker, who_said_lead(said.unit))
        if self._unheld(question, intent, evidence, chosen):
            return self._unsupported(question, intent, index, evidence)
        whole = whole_quotations(chosen, ranked, evidence.family)
        return self._compose(question, whole, evidence.speaker, lead_line(intent, evidence, whole))

    def _unsupported(
        self, question: str, intent: Intent, index: SpeakerIndex, evidence: Evidence
    ) -> Answer:
        """The answer when the evidence does not support one: a one-word speaker or an office
        re-asked as a general question, taken when a citation names them; else the asked
        person's words in the one article on the topic (`_quoted_in_article_on`); else their
        words that say the topic in other words (`meant_words`); else the decline."""
        if evidence.speaker and (" " not in evidence.speaker or intent.role):
            # A one-word speaker ("Ferrymen", "Westland") is matched on one word of the
            # question, which may be that word in another sense; a person found by the
            # office or body the question names ("the Westland Bank" -> its economist) is
            # one voice of it, and the body's word is often reported, not quoted ("The
            # Westland Bank expects ..."): answer it as asked, taken only when a citation
            # names that word or body, never someone else's words in place of the one asked for
            # ("What does the Harbour Council think about the regatta?" cited a mayor's
            # "Last year we watched the regatta at home").
            general = replace(intent, kind="general", speakers=[], topic=question)
            answer = self._compose_answer(
                question, general, index, self.evidence(question, general, index, None)
            )
            named = intent.role or evidence.speaker
            if not answer.abstained and cites(answer, named):
                return answer
        in_article = self._quoted_in_article_on(intent.topic, evidence, index)
        if in_article:
            lead = f"The article on {intent.topic} quotes {evidence.speaker}:"
            chosen = self._select(in_article, evidence)
            return self._compose(question, chosen, evidence.speaker, lead)
        meant = meant_words(intent.topic, evidence, self.retriever.lexicon.terms)
        if meant and evidence.speaker:
            lead = meant_lead(evidence.speaker, intent.topic)
            return self._compose(question, self._select(meant, evidence), evidence.speaker, lead)
        return decline(question, intent, evidence)

    def _unheld(
        self, question: str, intent: Intent, evidence: Evidence, chosen: Sequence[Candidate]
    ) -> bool:
        """Would a speaker answer cite the asked person's words (`about`) on a topic naming a
        thing in this turn's `question` (`unheld_name`) that no passage around their own
        candidates names (`passage_chunks`: the chunk either side too, as a name often stands
        a sentence before the words)? Then they were not quoted on it, however many of its
        other words their passages share. An answer citing none of their words already says
        they are not quoted on it (`lead_line`)."""
        speaker = evidence.speaker
        if evidence.family != "speaker" or not speaker or not topic_names(intent.topic):
            return False
        if not any(about(c.unit, speaker) for c in chosen):
            return False
        own = {
            c.unit.chunk.id: c.unit.chunk
            for c in evidence.candidates
            if c.unit.speaker == evidence.speaker
        }
        passages = [
            "\n".join(
                f"{c.title or ''} {c.text}"
                for c in passage_chunks(chunk, self.retriever.chunks.get)
            )
            for chunk in own.values()
        ]
        terms = self.retriever.lexicon.terms
        return bool(passages) and unheld_name(intent.topic, question, passages, terms) is not None

    def _said(self, intent: Intent, best: Candidate) -> bool:
        """Does a who-said answer's best unit say what was asked: near it in words or meaning
        (`says_it`), with every phrase of the statement in its passage or its speaker's role
        (`half_said`: for a list of things spoken about, by more than one common word; for a
        statement asked as a clause, which re-words what was said, by any word (half the
        words of a long phrase, `in_clause_words`) or in meaning; a list of one
        phrase by more than one common word in the passage around it, `lone_unsaid`; a
        short phrase by all its words in one sentence there or on the story asked, `apart`;
        no word there only as another of its stem, `derived_only`),
        in an article holding every word of the story the question names (`off_story`) and
        every figure the question's statement and story write (`figures_unheld`)?"""
        terms, unit = self.finder.retriever.lexicon.terms, best.unit
        meant = self._meant_in(unit.chunk) if intent.clause else None
        rarity = None if intent.clause else self.retriever.bm25.idf
        # The speaker's recorded role holds words a statement may name them by ("the
        # harbour board" of "chair of the harbour board"), often written in another chunk:
        # read as one more sentence of the passage.
        role = [replace(unit.chunk, text=unit.role)] if unit.role else []
        held = "\n".join(c.text for c in [unit.chunk, *role])
        if not says_it(best, SAID_IT) or half_said(intent.topic, held, terms, rarity, meant):
            return False
        story = intent.story_hint
        if rarity is not None:
            # The passage around the cited chunk, fetched once for the three checks.
            passage = [*passage_chunks(unit.chunk, self.retriever.chunks.get), *role]
            if (
                lone_unsaid(intent.topic, passage, terms, rarity)
                or apart(intent.topic, story, passage, terms)
                or derived_only(intent.topic, passage, terms)
            ):
                return False
        article = self.articles.text(unit.chunk.article_id)
        if figures_unheld(f"{intent.topic}\n{story}", article):
            return False
        return not (story and off_story(story, article, terms))

    def _word_for_word(self, intent: Intent, best: Candidate) -> bool:
        """Does a who-said answer's best unit hold every word of the statement, from an article
        holding every word of the story asked about (`word_for_word`)?"""
        article = self.articles.text(best.unit.chunk.article_id)
        terms = self.retriever.lexicon.terms
        return word_for_word(intent.topic, intent.story_hint, best.unit.text, article, terms)

    def _meant_in(self, chunk: Chunk) -> Callable[[str], bool]:
        """Whether a phrase comes within `PART_MEANT` in meaning of a sentence of `chunk`
        (its stored sentence vectors; none stored: never)."""
        vectors = self.finder.sentence_vectors(chunk.id)

        def meant(phrase: str) -> bool:
            if not vectors.size:
                return False
            vector = np.asarray(self.retriever.embed_query(phrase), dtype=np.float32)
            return (
                vectors.shape[1] == vector.shape[0]
                and float((vectors @ vector).max()) >= PART_MEANT
            )

        return meant

    def _select(self, ranked: list[Candidate], evidence: Evidence) -> list[Candidate]:
        """`select_citations` within this answerer's citation limit, recorded when watched."""
        chosen = select_citations(ranked, evidence, self.settings.max_citations)
        if self.selections is not None:
            self.selections.append(Selection(ranked, evidence, self.settings.max_citations, chosen))
        return chosen

    def _quoted_in_article_on(
        self, topic: str, evidence: Evidence, index: SpeakerIndex
    ) -> list[Candidate]:
        """The asked person's words in an article that holds every term of the topic, when
        they are quoted in only a few articles: "How did Vell react to harbour bonds?" asks
        about the one article that quotes her, on the krone and harbour bonds, though none of
        her sentences names the bonds. Declining "not on harbour bonds" there is wrong; a
        topic from another article (the question nobody can answer) is not in his. Only a
        short article is on one story: a long transcript names everything somewhere, and
        its moderator's "Westland Radio will go next" is on none of it."""
        info = index.info(evidence.speaker) if evidence.speaker else None
        terms = set(self.retriever.lexicon.terms(topic))
        if info is None or info.articles > FEW_ARTICLES or not terms:
            return []
        own = [c for c in evidence.candidates if c.unit.speaker == info.name]
        for article_id in dict.fromkeys(c.unit.chunk.article_id for c in own):
            chunks = self.articles.chunks(article_id, SHORT_ARTICLE_CHUNKS + 1)
            text = "\n".join(f"{c.title or ''} {c.text}" for c in chunks)
            if len(chunks) <= SHORT_ARTICLE_CHUNKS and terms <= set(
                self.retriever.lexicon.terms(text)
            ):
                return [c for c in own if c.unit.chunk.article_id == article_id]
        return []

    def _compose(
        self,
        question: str,
        chosen: Sequence[Candidate],
        speaker: str | None,
        lead: str | None = None,
    ) -> Answer:
        """The answer's text and citations: each chosen unit written by `framing` (only a
        quotation's own words inside quotation marks) with its marker, after the lead line, and
        cited with its place in its article."""
        citations: list[Citation] = []
        sentences: list[str] = [lead] if lead else []
        previous: str | None = None
        for n, candidate in enumerate(chosen, start=1):
            unit = candidate.unit
            paragraph, sentence, paragraphs = self.articles.location(unit.chunk, unit.start)
            citations.append(
                Citation(
                    n=n,
                    article_id=unit.chunk.article_id,
                    title=unit.chunk.title,
                    source=unit.chunk.source,
                    published=unit.chunk.published,
                    url=unit.chunk.url,
                    paragraph=paragraph,
                    start=unit.start,
                    end=unit.end,
                    text=unit.text,
                    speaker=unit.speaker,
                    score=round(candidate.score, 4),
                    chunk_id=unit.chunk.id,
                    kind=None if unit.kind == "sentence" else unit.kind,
                    sentence=sentence,
                    paragraphs=paragraphs,
                )
            )
            written = framing(unit, previous)
            sentences.append(f"{written.text} [{n}]")
            # "X also said" only right after X's own framed words
            previous = unit.speaker if written.rule == "framed" else previous
        return Answer(
            question=question,
            answer=" ".join(sentences),
            abstained=False,
            citations=citations,
            speaker=speaker,
        )


def _ms(started: float) -> float:
    """Milliseconds since `started` (a `time.perf_counter` reading)."""
    return (time.perf_counter() - started) * 1000.0
