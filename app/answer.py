"""The default, extractive answer: the best evidence units, each with its marker.

No LLM: every sentence of the answer is an exact span of an article, either as written (the
article's sentence, narrative or reported speech) or inside a short frame ("Tom Reed
said: “...”") that wraps only words inside a quotation's own span, so a citation can never
put words in a speaker's mouth. Which units, and whether to answer at all, is decided by the
learned ranker (`app/ranker.py`): units by the probability that they hold the answer, and the
answer declines when the probability that any candidate answers the question (a second model
over what the candidates look like as a whole) is below the threshold calibrated on dev.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from app.compose import framing, who_said_lead
from app.described import described_first, described_speakers
from app.evidence.features import Candidate, question_features
from app.evidence.finder import EvidenceFinder
from app.evidence.scoring import Query
from app.evidence.units import Unit
from app.question import Intent, Turn, person_name
from app.ranker import RUNNER_UP, EvidenceRanker, Family
from app.reorder import (
    CLOSE_SHARE,
    QUANTITY_SHARE,
    STORY_SHARE,
    named_last,
    named_people,
    quantity_first,
    story_first,
    topic_first,
)
from app.retrieval import HybridRetriever
from app.said_it import (
    NOBODY_SAID,
    PART_MEANT,
    SAID_IT,
    apart,
    half_said,
    lone_unsaid,
    off_story,
    says_it,
)
from app.settings import RetrievalSettings
from app.speaker_index import SpeakerIndex
from app.types import Answer, Citation, Filters
from ingest.ids import chunk_id
from ingest.quoting.nameshapes import without_possessive
from ingest.speakers.offices import same_office
from ingest.text import paragraph_spans, sentence_spans
from ingest.types import Chunk


class Budget(NamedTuple):
    """How much one answer may cite: at most `citations` units of at most `words` words in all
    (the caller's own limit, `RetrievalSettings.max_citations`, still caps the count)."""

    citations: int
    words: int


# Each family's citation budget: an answer is read, not skimmed, so a few passages (issue 16:
# at most 80 words an answer on average). Speaker answers: 4 citations and 120 words, fitted on
# press dev and the press fit pool read as dev (docs/notes/ans33.md): on a grid of 3-5
# citations and 80-160 words, the fewest words whose pooled strict citation recall is within
# 0.005 of the best budget keeping the mean under 72 words on both (recall 0.804 / 0.736 ->
# 0.828 / 0.780, mean words 55 / 50 -> 71 / 64). Under 3 and 80, of the 48 answered press dev
# speaker questions citing no gold passage, 44 had it among the candidates, cut by the count
# (32: mostly ranked sixth or lower) or the words (12: long transcript sentences). General
# answers keep 3 and 80: a fourth citation there cited fewer of the named person's words
# (hand-written BBC, citations by the asked person 0.895 -> 0.874). A who-said answer cites
# the one quotation asked about: more of the same person's words found the evidence a little
# more often on dev but were mostly beside the question (precision 0.84 -> 0.62 on press dev).
CITATION_BUDGET: dict[Family, Budget] = {
    "speaker": Budget(citations=4, words=120),
    "general": Budget(citations=3, words=80),
    "who_said": Budget(citations=1, words=80),
}
MAX_ALTERNATIVES = 3  # other people an ambiguous name or office may mean, tried in turn
TIE_QUOTES = 10  # quotes of a one-word speaker whose articles may name the full name asked
ROLE_CONTEXT_PASSAGES = 30  # passages whose articles say which holder of an office is meant
# A person quoted in this few articles is asked about one of them when it holds every word of
# the topic (`_quoted_in_article_on`); a much-quoted one has articles on everything.
FEW_ARTICLES = 3
SHORT_ARTICLE_CHUNKS = 20  # about 4,000 words: a long news story, not a transcript of many
# An office's holder later in the topic search's order is the one meant when the ranker's best
# probability for their own words is this many times the first answering holder's: two
# presidents in one store both answer "How did the President describe the government?"
# (answer probabilities near 1.0), but one's own words on it score twice the other's (press
# fit, docs/notes/ans22.md). A margin, not the larger score: near ties keep the search's order.
HOLDER_MARGIN = 1.5


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


@dataclass(frozen=True)
class Selection:
    """What one answer chose its citations among: the ranked candidates, the evidence they
    came with and the citations taken (read by `evals.fit_runner_up`, which replays the
    choice at other runner-up shares)."""

    ranked: list[Candidate]
    evidence: Evidence
    limit: int
    chosen: list[Candidate]


class ExtractiveAnswerer:
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
        self.retriever = retriever
        self.settings = settings
        self.ranker = ranker
        self.filters = filters if filters and filters.narrows_passages else None
        self.finder = EvidenceFinder(retriever, self.filters)
        # A list only while `evals.fit_runner_up` watches: every selection made is added.
        self.selections: list[Selection] | None = None

    def answer(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Answer:
        started = time.perf_counter()
        intent = self.asked_person(question, intent, index, previous)
        evidence = self.evidence(question, intent, index, previous)
        timings = {"evidence": _ms(started)}
        answer = self._compose_answer(question, intent, index, evidence)
        timings["answer"] = _ms(started) - timings["evidence"]
        speaker = answer.speaker or (intent.speakers[0] if intent.speakers else None)
        return replace(answer, timings_ms=timings, topic=intent.topic or None, speaker=speaker)

    def evidence(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Evidence:
        """Candidate units for the question, ranked by the learned model. When the asked name
        fits several people ("Kim"), the one whose words answer the topic best: the most
        quoted of them is only the first guess. For an office ("the nominee"), only other
        holders written as a person's name: the rest is debris ("President's adviser") that
        can outscore the holder asked for; its holders are tried in the order their articles
        come up for the topic (`_holders_for_topic`), and among those whose words answer it
        (above the calibrated threshold) the first is the one meant unless another's own best
        words are far stronger (`holder_meant`). Comparing answer probabilities, near 1.0 for
        any president who speaks of a country, let a visiting head of state displace the
        holder the search found first."""
        intent = self.asked_person(question, intent, index, previous)
        if intent.kind != "speaker_topic" or not intent.topic or not intent.speakers:
            return self._evidence_of(question, intent, index, previous)
        others = [o for o in intent.alternatives if not intent.role or person_name(o)]
        names = [intent.speakers[0], *others]
        if intent.role and others:
            names = self._holders_for_topic(names, intent.role, intent.topic, index)
        best: Evidence | None = None
        answering: list[Evidence] = []  # holders of an office whose words answer, in order
        for name in names[: 1 + MAX_ALTERNATIVES]:
            found = self._evidence_of(question, replace(intent, speakers=[name]), index, previous)
            if intent.role and found.answerable >= found.threshold:
                answering.append(found)
            if best is None or found.answerable > best.answerable:
                best = found
        assert best is not None  # names holds the asked speaker at least
        if answering:
            return holder_meant(answering, HOLDER_MARGIN)
        if intent.role:
            # No recorded holder answers: one the articles introduce in the office's words
            # ("Newcastle boss Graeme Souness", where "Newcastle boss" was recorded only for
            # the rugby club's director).
            tried = set(names[: 1 + MAX_ALTERNATIVES])
            for name in self._described(question, intent.role, intent.topic, index, previous):
                if name in tried:
                    continue
                asked = replace(intent, speakers=[name], alternatives=[])
                found = self._evidence_of(question, asked, index, previous)
                if found.answerable >= found.threshold:
                    return found
        return best

    def asked_person(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """The intent with the person asked for found where the speaker index alone cannot
        tell: a full name only its surname is quoted under, an office held by the person the
        conversation is about, an office only the articles' text names the holder of.
        Idempotent: `answer` and `evidence` both apply it."""
        intent = self.tied_surname(intent, index)
        intent = holder_in_conversation(intent, previous)
        return self.described_person(question, intent, index, previous)

    def described_person(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Intent:
        """ "How does the Manchester City boss see Fowler?" when no quotation records that
        role: the person the articles introduce in those words ("Manchester City boss Kevin
        Keegan"), among the speakers of the quotations that answer the question, is asked for
        as if named, when their own words answer it (above the calibrated threshold). Else
        the question stays general, as before (an office nobody holds is said to be so)."""
        if intent.kind != "general" or intent.speakers or not intent.described_as:
            return intent
        described, topic = intent.described_as, intent.described_topic
        for name in self._described(question, described, topic, index, previous):
            asked = replace(
                intent,
                kind="speaker_topic",
                speakers=[name],
                topic=intent.described_topic,
                role=intent.described_as,
                unheld_role=None,
                described_as=None,
                described_topic="",
            )
            found = self._evidence_of(question, asked, index, previous)
            if found.answerable >= found.threshold:
                return asked
        return replace(intent, described_as=None, described_topic="")

    def _described(
        self,
        question: str,
        description: str,
        topic: str,
        index: SpeakerIndex,
        previous: Turn | None,
    ) -> list[str]:
        """Who the articles introduce in the words of `description`, among the speakers of
        the quotations that best answer the office and topic together (`described_speakers`),
        at most the few tried."""
        general = Intent("general", f"{description} {topic}".strip())
        candidates = self._evidence_of(question, general, index, previous).candidates
        found = described_speakers(candidates, description, index, self._article_text)
        return found[: 1 + MAX_ALTERNATIVES]

    def tied_surname(self, intent: Intent, index: SpeakerIndex) -> Intent:
        """ "Norbert Leo Butz" asked, nobody quoted under that name, "Butz" quoted: a one-word
        speaker answers a full name only when the article quoting it names that person, which
        ties them (the index alone never links them: "Brown" is many people). Then the
        question asks for that speaker's words, on the topic without the name."""
        name = intent.unknown_person
        if not name or not intent.alternatives:
            return intent
        for speaker in intent.alternatives[: 1 + MAX_ALTERNATIVES]:
            hits = self.retriever.search_quotes(
                intent.topic or speaker,
                k=TIE_QUOTES,
                speakers=index.members(speaker),
                filters=self.finder.filters,
            )
            articles = dict.fromkeys(hit.article_id for hit in hits)
            if any(name in self._article_text(article) for article in articles):
                topic = " ".join(intent.topic.replace(name, " ").split())
                return replace(
                    intent,
                    kind="speaker_topic",
                    speakers=[speaker],
                    topic=topic,
                    unknown_person=None,
                    alternatives=[],
                )
        return intent

    def _holders_for_topic(
        self, names: list[str], role: str, topic: str, index: SpeakerIndex
    ) -> list[str]:
        """An office is held in many places at once and changes hands ("the finance minister"
        of France, India and Brazil): its holders in the order their articles come up in a
        search for the role and topic, the index's order (named in full, most quoted) breaking
        ties, so that the holder meant is among the few tried."""
        articles = {h.name: h.article_ids for h in index.role_holders(role)}
        passages = self.retriever.search(  # the role too: "the Russian ..." says where
            f"{role} {topic}", k=ROLE_CONTEXT_PASSAGES, filters=self.finder.filters
        )
        first: dict[str, int] = {}
        for n, passage in enumerate(passages):
            first.setdefault(passage.chunk.article_id, n)

        def rank(name: str) -> int:
            found = [first[a] for a in articles.get(name, ()) if a in first]
            return min(found, default=len(passages))

        return sorted(names, key=rank)

    def _topic_share(self, topic: str) -> Callable[[str], float]:
        """The share of the topic's terms a text holds (0 for an empty topic)."""
        wanted = set(self.retriever.lexicon.terms(topic))

        def share(text: str) -> float:
            return len(wanted & set(self.retriever.lexicon.terms(text))) / max(1, len(wanted))

        return share

    def _evidence_of(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Evidence:
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
            ranked = named_last(ranked, named)
        if family == "who_said" and intent.story_hint:
            ranked = topic_first(ranked, self._topic_share(topic), named)
        if family == "who_said" and intent.described_as:
            ranked = described_first(ranked, intent.described_as, index, self._article_text)
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

    # ----- composing -----------------------------------------------------------------------

    def _compose_answer(
        self, question: str, intent: Intent, index: SpeakerIndex, evidence: Evidence
    ) -> Answer:
        ranked = evidence.candidates
        if intent.who_is and evidence.speaker and (info := index.info(evidence.speaker)):
            role = f", {info.role}," if info.role else ""
            lead = f"{info.name}{role} is quoted {info.quotes} times in {info.articles} article(s)."
            own = [c for c in ranked if c.unit.speaker == info.name][:1]
            return self._compose(question, own, info.name, lead)
        if intent.unknown_person and not _mentioned(intent.unknown_person, ranked):
            return _abstain(question, f"The articles do not mention {intent.unknown_person}.")
        if intent.topic and self.finder.nothing_seen(intent.topic):
            text = f"The articles do not cover this question: none mentions {intent.topic}."
            return replace(_abstain(question, text), speaker=evidence.speaker)
        # A name no article holds: nobody in them spoke about it. A person asked for is
        # declined with what the articles do quote them on (`_decline`).
        unseen = self.finder.unseen_name(_named_text(intent))
        if unseen and not evidence.speaker:
            return _abstain(question, f"No article mentions {unseen}.")
        # "What did X say?" has no topic to be off: any of X's own words answer it.
        topicless = bool(evidence.speaker) and not intent.topic
        own = topicless and any(c.unit.speaker == evidence.speaker for c in ranked)
        unsupported = (evidence.answerable < evidence.threshold or bool(unseen)) and not own
        if not ranked or unsupported or (topicless and not own):
            if evidence.speaker and (" " not in evidence.speaker or intent.role):
                # A one-word speaker ("Judges", "Westland") is matched on one word of the
                # question, which may be that word in another sense; a person found by the
                # office or body the question names ("the OECD" -> its economist) is one
                # voice of it, and the body's word is often reported, not quoted ("The OECD
                # expects ..."): answer it as asked, taken only when a citation names that
                # word or body, never someone else's words in place of the one asked for
                # ("What does the Defense Council think about Easter?" cited a president's
                # "Last year we celebrated Easter at home").
                general = replace(intent, kind="general", speakers=[], topic=question)
                answer = self._compose_answer(
                    question, general, index, self.evidence(question, general, index, None)
                )
                named = intent.role or evidence.speaker
                if not answer.abstained and _cites(answer, named):
                    return answer
            in_article = self._quoted_in_article_on(intent.topic, evidence, index)
            if in_article:
                lead = f"The article on {intent.topic} quotes {evidence.speaker}:"
                chosen = self._select(in_article, evidence)
                return self._compose(question, chosen, evidence.speaker, lead)
            return self._decline(question, intent, evidence)
        # Rank order: a weaker quotation moved ahead of a better-ranked report ("Nord Stream
        # 2?" answered first with the person's words on economic cooperation) reads as the
        # answer, as a weaker quotation of the asked person did.
        chosen = _quotations_first(self._select(_own_first(ranked, evidence), evidence))
        if evidence.family == "who_said" and not self._said(intent, chosen[0]):
            answer = self._compose(question, chosen[:1], None, NOBODY_SAID)
            return replace(answer, abstained=True)
        if evidence.family == "who_said":
            best = chosen[0].unit
            return self._compose(question, chosen[:1], best.speaker, who_said_lead(best))
        return self._compose(question, chosen, evidence.speaker, _lead(intent, evidence, chosen))

    def _said(self, intent: Intent, best: Candidate) -> bool:
        """Does a who-said answer's best unit say what was asked: near it in words or meaning
        (`says_it`), with every phrase of the statement in its passage (`half_said`: for a
        list of things spoken about, by more than one common word; for a statement asked as
        a clause, which re-words what was said, by any word or in meaning; a list of one
        phrase by more than one common word in the passage around it, `lone_unsaid`; a
        short phrase by all its words in one sentence there or on the story asked, `apart`),
        in an article on the story the question names (`off_story`)?"""
        terms, unit = self.finder.retriever.lexicon.terms, best.unit
        meant = self._meant_in(unit.chunk) if intent.clause else None
        rarity = None if intent.clause else self.retriever.bm25.idf
        if not says_it(best, SAID_IT) or half_said(
            intent.topic, unit.chunk.text, terms, rarity, meant
        ):
            return False
        lookup, story = self.retriever.chunks.get, intent.story_hint
        if rarity is not None and (
            lone_unsaid(intent.topic, unit.chunk, lookup, terms, rarity)
            or apart(intent.topic, story, unit.chunk, lookup, terms)
        ):
            return False
        return not (story and off_story(story, self._article_text(unit.chunk.article_id), terms))

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
        they are quoted in only a few articles: "How did Baweja react to Indian assets?" asks
        about the one article that quotes him, on the rupee and Indian assets, though none of
        his sentences names the assets. Declining "not on Indian assets" there is wrong; a
        topic from another article (the question nobody can answer) is not in his. Only a
        short article is on one story: a long transcript names everything somewhere, and
        its moderator's "Rossiya 24 will go next" is on none of it."""
        info = index.info(evidence.speaker) if evidence.speaker else None
        terms = set(self.retriever.lexicon.terms(topic))
        if info is None or info.articles > FEW_ARTICLES or not terms:
            return []
        own = [c for c in evidence.candidates if c.unit.speaker == info.name]
        for article_id in dict.fromkeys(c.unit.chunk.article_id for c in own):
            chunks = self._article_chunks(article_id, SHORT_ARTICLE_CHUNKS + 1)
            text = "\n".join(f"{c.title or ''} {c.text}" for c in chunks)
            if len(chunks) <= SHORT_ARTICLE_CHUNKS and terms <= set(
                self.retriever.lexicon.terms(text)
            ):
                return [c for c in own if c.unit.chunk.article_id == article_id]
        return []

    def _article_chunks(self, article_id: str, limit: int | None = None) -> list[Chunk]:
        """One article's chunks, in order, read from the store; at most `limit` (a transcript
        of hundreds need not be read to know it is longer than one story)."""
        chunks: list[Chunk] = []
        while limit is None or len(chunks) < limit:
            chunk = self.retriever.chunks.get(chunk_id(article_id, len(chunks)))
            if chunk is None:
                break
            chunks.append(chunk)
        return chunks

    def _article_text(self, article_id: str) -> str:
        """One article's headline and text."""
        return "\n".join(f"{c.title or ''} {c.text}" for c in self._article_chunks(article_id))

    def _decline(self, question: str, intent: Intent, evidence: Evidence) -> Answer:
        if evidence.family == "who_said":
            return _abstain(question, "No quotation in the articles matches that.")
        if evidence.speaker is None and intent.unheld_role:
            text = f"No speaker in the articles is known as {intent.unheld_role}."
            return _abstain(question, f"{text} The articles do not cover this question.")
        if evidence.speaker is None and (name := _unnamed(intent, evidence.candidates)):
            return _abstain(question, f"No article quotes {name}.")
        if evidence.speaker is None:
            return _abstain(question, "The articles do not cover this question.")
        name = evidence.speaker
        titles: list[str] = []
        for candidate in evidence.candidates:
            title = candidate.unit.chunk.title
            if candidate.unit.speaker == name and title and title not in titles:
                titles.append(title)
        # Headlines, not the person's words: never inside quotation marks after "quoted"
        # (a headline is often another person's words: "... - Tom Reed").
        offer = f" Headlines of articles that quote {name}: " + "; ".join(titles[:3]) + "."
        topic = f" on {intent.topic}" if intent.topic else " on this"
        text = f"The articles quote {name}, but not{topic}.{offer if titles else ''}"
        return replace(_abstain(question, text), speaker=name)

    def _compose(
        self,
        question: str,
        chosen: Sequence[Candidate],
        speaker: str | None,
        lead: str | None = None,
    ) -> Answer:
        citations: list[Citation] = []
        sentences: list[str] = [lead] if lead else []
        previous: str | None = None
        for n, candidate in enumerate(chosen, start=1):
            unit = candidate.unit
            paragraph, sentence, paragraphs = self._location(unit.chunk, unit.start)
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

    def _location(self, chunk: Chunk, position: int) -> tuple[int, int, int]:
        """Paragraph (1-based), sentence within that paragraph (1-based) and the article's
        paragraph count. A paragraph longer than a chunk (transcripts and releases scraped
        without breaks) continues from the chunks before, so those sentences are counted too."""
        local = position - chunk.start
        paragraph = chunk.paragraph_start
        para_start, para_end = 0, len(chunk.text)
        for number, (start, end) in enumerate(paragraph_spans(chunk.text)):
            if local < end:
                paragraph, para_start, para_end = chunk.paragraph_start + number, start, end
                break
        spans = sentence_spans(chunk.text, para_start, para_end)
        sentence = max(1, sum(1 for s, _ in spans if s <= local))
        if paragraph == chunk.paragraph_start:
            sentence += self._sentences_before(chunk)
        return paragraph, sentence, self._paragraph_count(chunk)

    def _sentences_before(self, chunk: Chunk) -> int:
        """Sentences of the chunk's first paragraph that earlier chunks hold."""
        count = 0
        index = chunk.index - 1
        while index >= 0:
            before = self.retriever.chunks.get(chunk_id(chunk.article_id, index))
            if before is None or before.paragraph_end != chunk.paragraph_start:
                break
            spans = paragraph_spans(before.text)
            start = spans[-1][0] if spans else 0
            count += len(sentence_spans(before.text, start))
            if before.paragraph_start != chunk.paragraph_start:
                break
            index -= 1
        return count

    def _paragraph_count(self, chunk: Chunk) -> int:
        last = chunk
        index = chunk.index + 1
        while (after := self.retriever.chunks.get(chunk_id(chunk.article_id, index))) is not None:
            last, index = after, index + 1
        return last.paragraph_end


def select_citations(
    ranked: Sequence[Candidate], evidence: Evidence, limit: int
) -> list[Candidate]:
    """The best unit, then runners-up close to it: no overlaps, no repeated words, within the
    family's budget (`CITATION_BUDGET`, and at most `limit` citations), and for a speaker
    question never another person's words after the asked person's own. A runner-up at
    `evidence.runner_up` of the best (a share fitted on dev per family) often holds what the
    first missed (a transcript's next sentence); in an answer about a person, only their own
    words are taken that far down, anything else must be `CLOSE_SHARE`. A general question
    that names a person ("What figure did Tom Reed report?") is answered from anyone's words,
    but after the named person's own words only more of theirs: a ministry's figure cited
    after theirs reads as theirs. A passage that only names them leads anything (the
    generated "report on X" fact questions lost their evidence when it did not: BBC dev recall
    0.937 -> 0.932)."""
    budget = CITATION_BUDGET[evidence.family]
    limit = min(limit, budget.citations)
    best = ranked[0]
    chosen = [best]
    words = len(best.unit.text.split())
    texts = {_fingerprint(best.unit.text)}
    floor = evidence.runner_up * best.score
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < floor:
            break
        unit = candidate.unit
        speaker = evidence.speaker
        if speaker and unit.speaker != speaker and candidate.score < CLOSE_SHARE * best.score:
            continue
        size = len(unit.text.split())
        if words + size > budget.words or _fingerprint(unit.text) in texts:
            continue
        if any(_overlaps(unit, c.unit) for c in chosen):
            continue
        if evidence.speaker and not _follows(best.unit, unit, evidence.speaker):
            continue
        named = evidence.named
        if named and best.unit.speaker == named and unit.speaker != named:
            continue
        chosen.append(candidate)
        words += size
        texts.add(_fingerprint(unit.text))
    return chosen


def _named_text(intent: Intent) -> str:
    """The words of the question that may name a thing the articles must mention: the topic
    and the story asked about, without a person the speaker rules handle ("No article quotes
    Ola Tamm"; `_unnamed`)."""
    text = f"{intent.topic} {intent.story_hint}"
    return text.replace(intent.unknown_person, " ") if intent.unknown_person else text


def _story(intent: Intent, previous: Turn | None) -> frozenset[str]:
    """The articles a follow-up is asked about: those the previous answer cited, when this
    question takes its person or its topic from that turn ("And what did he say about the
    approval?", "What was Mayland's view?"); none for a question that starts afresh."""
    if previous is None:
        return frozenset()
    same_person = bool(intent.speakers) and intent.speakers[0] == previous.speaker
    old = (previous.topic or "").split()
    # A carried topic ends the question's own (`app.question._carry_topic`), word for word.
    same_topic = bool(old) and (intent.topic or "").split()[-len(old) :] == old
    return previous.cited_articles if same_person or same_topic else frozenset()


def holder_in_conversation(intent: Intent, previous: Turn | None) -> Intent:
    """An office asked in a follow-up means its holder the conversation is about: after "How
    did Tom Reed react to the relations?", "What about the President?" asks for Reed when he
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


def _own_first(ranked: list[Candidate], evidence: Evidence) -> list[Candidate]:
    """For a question about a person, their own best words lead when they score close to the
    best unit (within `CLOSE_SHARE` of it) and that unit is not about them: "How did X
    describe campaign donations?" answered first with a campaign manager's words on refunds
    reads as X's answer, or hides X's own words behind someone else's."""
    speaker = evidence.speaker
    if evidence.family != "speaker" or not speaker or not ranked:
        return ranked
    best = ranked[0]
    if _about(best.unit, speaker):
        return ranked
    floor = CLOSE_SHARE * best.score
    own = next((c for c in ranked if c.unit.speaker == speaker and c.score >= floor), None)
    return ranked if own is None else [own, *(c for c in ranked if c is not own)]


def _quotations_first(chosen: list[Candidate]) -> list[Candidate]:
    """After the best unit, quoted words before reports of them, each in rank order: an
    article often reports what it then quotes ("Reed said the principle was clear. ...
    'This principle is clearly established'"), and a report cited between two of the
    person's quotations reads as a third. The first citation stays the ranker's best."""
    return chosen[:1] + sorted(chosen[1:], key=lambda c: not c.unit.quoted)


def _follows(best: Unit, unit: Unit, speaker: str) -> bool:
    """May `unit` follow `best` in an answer about `speaker`? After the speaker's own words only
    more of their own words (an article's sentence about them would read as theirs); after a
    passage that names them, whatever else is about them."""
    if best.speaker == speaker:
        return unit.speaker == speaker
    return not _about(best, speaker) or _about(unit, speaker)


def _about(unit: Unit, speaker: str) -> bool:
    """The unit is the speaker's words, or narrative that names them."""
    if unit.speaker:
        return unit.speaker == speaker
    return speaker.split()[-1].lower() in unit.text.lower()


def _cites(answer: Answer, role: str) -> bool:
    """A citation of the answer names the office or body as asked: every word of it ("OECD",
    "Westland spokesman"), and not another office of that title ("Shadow foreign secretary
    Michael Ancram said" does not answer "What did the foreign secretary say?")."""
    words = [without_possessive(w) for w in _WORDS.findall(role.lower()) if len(w) > 2]
    if not words:
        return False
    for citation in answer.citations:
        text = citation.text.lower()
        if not set(words) <= {without_possessive(w) for w in _WORDS.findall(text)}:
            continue
        before = re.search(rf"(?:[\w'’-]+\s+){{0,2}}{re.escape(words[0])}", text)
        if before is None or same_office(role, before.group(0)):
            return True
    return False


_WORDS = re.compile(r"[\w'’-]+")


def _lead(intent: Intent, evidence: Evidence, chosen: Sequence[Candidate]) -> str | None:
    """The line before the citations when they are not plainly the asked person's words on
    the topic: not quoted on it, an office held by several, an office nobody holds, a name
    no article quotes."""
    speaker = evidence.speaker
    if speaker and not any(_about(c.unit, speaker) for c in chosen):
        return f"{speaker} is not quoted on this; the closest passages:"
    if intent.role and speaker and evidence.other_holders:
        # An office two people hold in the articles is ambiguous: the reader is told
        # whose words these are and who else was quoted as that office on it.
        others = " and ".join(evidence.other_holders)
        role = intent.role.removeprefix("the ")
        return f"{speaker} is one of those quoted as {role} on this (also {others}):"
    if intent.unheld_role and not speaker:
        return f"No speaker in the articles is known as {intent.unheld_role}; the closest passages:"
    if name := _unnamed(intent, chosen):
        return f"No article quotes {name}; the closest passages:"
    return None


def _unnamed(intent: Intent, cited: Sequence[Candidate]) -> str | None:
    """The person asked for, quoted nowhere, when no passage writes their name in full ("Jack
    Butz" asked, only "Butz" written): an answer never presents another Butz as the one asked
    for."""
    name = intent.unknown_person
    return name if name and not any(name in c.unit.chunk.text for c in cited) else None


def _mentioned(name: str, ranked: Sequence[Candidate]) -> bool:
    surname = name.split()[-1].lower()
    return any(surname in c.unit.chunk.text.lower() for c in ranked[:20])


def _overlaps(a: Unit, b: Unit) -> bool:
    return a.chunk.article_id == b.chunk.article_id and a.start < b.end and b.start < a.end


def _fingerprint(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:80]


def _abstain(question: str, text: str) -> Answer:
    return Answer(question=question, answer=text, abstained=True)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


def paragraph_of(chunk: Chunk, position: int) -> int:
    """1-based paragraph number of an article offset inside a chunk."""
    if chunk.paragraph_start == chunk.paragraph_end:
        return chunk.paragraph_start
    local = position - chunk.start
    for number, (_, end) in enumerate(paragraph_spans(chunk.text)):
        if local < end:
            return chunk.paragraph_start + number
    return chunk.paragraph_end
