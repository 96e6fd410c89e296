"""The default, extractive answer: chosen sentences and quotations, each with its marker.

No LLM: every sentence of the answer is either an exact span of an article or a short frame
around one ("Sergei Lavrov said:"), so a citation can never misquote. When the best evidence is
too weak, the answer says the articles do not cover the question and cites nothing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.question import Intent, Turn
from app.retrieval import HybridRetriever, QuoteHit, fuse
from app.settings import RetrievalSettings
from app.speaker_index import SpeakerIndex
from app.types import Answer, Citation, Filters, Passage
from ingest.speakers import is_named_speaker
from ingest.text import paragraph_spans, sentence_spans
from ingest.types import Chunk

_NUMBER = re.compile(r"\d")
LONG_QUOTE_CHARS = 320  # longer quotations are cited by their best sentences
_PASSAGES_FOR_SENTENCES = 5


@dataclass(frozen=True)
class _Span:
    chunk: Chunk
    start: int
    end: int
    score: float
    speaker: str | None = None
    kind: str | None = None
    role: str | None = None


class ExtractiveAnswerer:
    """Answers one way for every caller; `filters` (source, dates) scope every search it runs.

    Cheap to make, so a filtered question gets its own instance rather than shared state.
    """

    def __init__(
        self,
        retriever: HybridRetriever,
        settings: RetrievalSettings,
        filters: Filters | None = None,
    ) -> None:
        self.retriever = retriever
        self.settings = settings
        self.filters = filters if filters and filters.narrows_passages else None

    def answer(
        self, question: str, intent: Intent, index: SpeakerIndex, previous: Turn | None
    ) -> Answer:
        started = time.perf_counter()
        vector = self.retriever.embed_query(intent.topic or question)
        timings = {"embed": _ms(started)}
        if intent.kind == "who_said":
            answer = self._who_said(question, intent, vector, index)
        elif intent.kind == "speaker_topic":
            answer = self._speaker(question, intent, vector, index, previous)
        else:
            answer = self._general(question, intent, vector)
        timings["answer"] = _ms(started) - timings["embed"]
        speaker = answer.speaker or (intent.speakers[0] if intent.speakers else None)
        return _with(answer, timings_ms=timings, topic=intent.topic or None, speaker=speaker)

    # ----- question kinds ------------------------------------------------------------------

    def _general(self, question: str, intent: Intent, vector: list[float]) -> Answer:
        passages = self.retriever.search(intent.topic, k=8, vector=vector, filters=self.filters)
        terms = self.retriever.lexicon.terms(intent.topic)
        if intent.unknown_person and not any(
            intent.unknown_person.split()[-1].lower() in p.chunk.text.lower() for p in passages
        ):
            return _abstain(question, f"The articles do not mention {intent.unknown_person}.")
        if not passages or not self._relevant(passages, terms):
            return _abstain(question, "The articles do not cover this question.")
        spans = self._best_sentences(
            passages[:_PASSAGES_FOR_SENTENCES], terms, intent.wants_quantity
        )
        return _compose(question, spans, speaker=None)

    def _speaker(
        self,
        question: str,
        intent: Intent,
        vector: list[float],
        index: SpeakerIndex,
        previous: Turn | None,
    ) -> Answer:
        name = intent.speakers[0]
        info = index.info(name)
        members = index.members(name)
        hits, relevant_ids = self._ranked_quotes(intent.topic or name, vector, members)
        if intent.wants_more and previous is not None:
            hits = [h for h in hits if (h.article_id, h.quote.start) not in previous.cited_spans]
        terms = self.retriever.lexicon.terms(intent.topic)
        if intent.who_is and info is not None:
            role = f", {info.role}," if info.role else ""
            spans = [self._quote_span(h, terms) for h in hits[:1]]
            lead = f"{info.name}{role} is quoted {info.quotes} times in {info.articles} article(s)."
            return _compose(question, spans, speaker=info.name, lead=lead)
        relevant = [h for h in hits if h.quote_id in relevant_ids] if terms else hits
        if not relevant:
            reported = self._reported(question, intent, name, vector)
            if reported is None and (" " not in name or not intent.asks_words):
                # A one-word speaker ("Kremlin", "Reuters") is matched on a single word of the
                # question, which may be that word in another sense; and a question about a
                # person, not their words, may be answered by the narrative: answer it as asked.
                # Named in the search: the topic alone may fit other people's articles.
                about = f"{name} {intent.topic}".strip()
                named = replace(intent, topic=about)
                general = self._general(question, named, self.retriever.embed_query(about))
                reported = None if general.abstained else general
            return reported or self._speaker_off_topic(question, intent, name, hits)
        chosen = _diverse(_substantial(relevant), self.settings.max_citations)
        spans = [self._quote_span(h, terms) for h in chosen]
        return _compose(question, spans, speaker=name)

    def _reported(
        self, question: str, intent: Intent, name: str, vector: list[float]
    ) -> Answer | None:
        """Narrative that reports the speaker's view ("the OECD said growth would slow") when
        no quotation of theirs fits: passages that name the speaker and cover the topic."""
        surname = name.split()[-1].lower()
        passages = [
            p
            for p in self.retriever.search(
                f"{name} {intent.topic}", k=8, vector=vector, filters=self.filters
            )
            if surname in p.chunk.text.lower()
        ]
        terms = self.retriever.lexicon.terms(intent.topic)
        if not passages or not self._relevant(passages, terms):
            return None
        spans = [
            s
            for s in self._best_sentences(passages[:3], terms, intent.wants_quantity)
            if surname in s.chunk.text[s.start - s.chunk.start : s.end - s.chunk.start].lower()
        ]
        return _compose(question, spans, speaker=name) if spans else None

    def _speaker_off_topic(
        self, question: str, intent: Intent, name: str, hits: Sequence[QuoteHit]
    ) -> Answer:
        titles: list[str] = []
        for hit in hits:
            chunk = self.retriever.chunks.get(hit.quote.chunk_id or "")
            if chunk and chunk.title not in titles:
                titles.append(chunk.title)
        offer = (
            f" {name} is quoted on: " + "; ".join(f"“{t}”" for t in titles[:3]) + "."
            if titles
            else ""
        )
        text = f"The articles quote {name}, but not on {intent.topic or 'this'}.{offer}"
        return _with(_abstain(question, text), speaker=name)

    def _who_said(
        self, question: str, intent: Intent, vector: list[float], index: SpeakerIndex
    ) -> Answer:
        """The named speaker of the best-fitting quotation."""
        terms = self.retriever.lexicon.terms(intent.topic)
        hits, relevant_ids = self._ranked_quotes(intent.topic, vector, None)
        relevant = [
            h
            for h in hits
            if h.quote_id in relevant_ids and is_named_speaker(h.quote.speaker or "")
        ]
        if not relevant:
            return _abstain(question, "No quotation in the articles matches that.")
        best = relevant[0]
        name = index.canonical(best.quote.speaker or "")
        spans = [self._quote_span(best, terms)]
        return _compose(question, spans, speaker=name)

    # ----- evidence ------------------------------------------------------------------------

    def _ranked_quotes(
        self, topic: str, vector: list[float], members: Sequence[str] | None
    ) -> tuple[list[QuoteHit], set[str]]:
        """Quotes (of `members`, or anyone's) best first, and the ids that are relevant.

        Quotes are ranked twice and fused: directly (quote vectors + BM25) and through the
        passages that hybrid search ranks best, since a paraphrased question often matches the
        passage around a quote better than the quote's own words.
        """
        terms = self.retriever.lexicon.terms(topic)
        direct = self.retriever.search_quotes(
            topic, k=30, speakers=members, vector=vector, filters=self.filters
        )
        passages = self.retriever.search(topic, k=8, vector=vector, filters=self.filters)
        wanted = set(members or ())
        by_passage: list[str] = []
        for passage in passages:
            inside = [
                qid
                for qid in self.retriever.quotes_by_chunk.get(passage.chunk.id, [])
                if not wanted or self.retriever.quotes[qid][0].speaker in wanted
            ]
            by_passage.extend(
                sorted(inside, key=lambda q: -_coverage(terms, self._terms_of_quote(q)))
            )
        direct_hits = {h.quote_id: h for h in direct}
        passages_relevant = bool(by_passage) and self._relevant(passages, terms)
        hits: list[QuoteHit] = []
        relevant: set[str] = set()
        for qid, score in fuse([list(direct_hits), by_passage], self.settings.rrf_k):
            quote, article_id = self.retriever.quotes[qid]
            hit = direct_hits.get(qid)
            hits.append(QuoteHit(qid, quote, article_id, score, hit.dense if hit else None))
            # A quote inside a relevant passage must still share a topic word with its own
            # words or headline: the passage may be relevant for another speaker's words.
            context = self.retriever.lexicon.terms(self.retriever.quote_context(qid))
            if (hit and self._quote_relevant(hit, terms)) or (
                qid in by_passage and passages_relevant and _coverage(terms, context) > 0
            ):
                relevant.add(qid)
        return hits, relevant

    def _terms_of_quote(self, quote_id: str) -> list[str]:
        return self.retriever.lexicon.terms(self.retriever.quotes[quote_id][0].text)

    def _relevant(self, passages: Sequence[Passage], terms: list[str]) -> bool:
        best_dense = max((p.dense for p in passages if p.dense is not None), default=-1.0)
        if best_dense >= self.settings.min_dense_score:
            return True
        coverage = max(
            _coverage(terms, self.retriever.lexicon.terms(p.chunk.text)) for p in passages[:3]
        )
        return coverage >= self.settings.min_term_coverage

    def _quote_relevant(self, hit: QuoteHit, terms: list[str]) -> bool:
        if hit.dense is not None and hit.dense >= self.settings.min_dense_score:
            return True
        context = self.retriever.quote_context(hit.quote_id)
        return (
            _coverage(terms, self.retriever.lexicon.terms(context))
            >= self.settings.min_term_coverage
        )

    def _best_sentences(
        self, passages: Sequence[Passage], terms: list[str], wants_quantity: bool = False
    ) -> list[_Span]:
        """Sentences of the top passages ranked by query-term coverage and passage rank."""
        candidates: list[_Span] = []
        for rank, passage in enumerate(passages):
            chunk = passage.chunk
            for start, end in sentence_spans(chunk.text):
                words = self.retriever.lexicon.terms(chunk.text[start:end])
                # Lexical fit of the sentence, anchored by how well its passage fits as a whole
                # (dense similarity and fused rank), so one shared word does not win alone.
                score = 0.6 * _coverage(terms, words) + (passage.dense or 0.0) + 0.3 / (rank + 1)
                if wants_quantity and _NUMBER.search(chunk.text[start:end]):
                    score += 0.3
                candidates.append(_Span(chunk, chunk.start + start, chunk.start + end, score))
        candidates.sort(key=lambda s: -s.score)
        chosen = candidates[: self.settings.max_citations]
        best = chosen[0].score if chosen else 0.0
        chosen = [s for s in chosen if s.score >= 0.6 * best]
        return [self._attribute(s) for s in chosen]

    def _attribute(self, span: _Span) -> _Span:
        """A sentence inside a quotation is that speaker's words: label it so."""
        for qid in self.retriever.quotes_by_chunk.get(span.chunk.id, ()):
            quote, _ = self.retriever.quotes[qid]
            if quote.speaker and quote.start < span.end and span.start < quote.end:
                return _with_span(span, speaker=quote.speaker, kind=quote.kind, role=quote.role)
        return span

    def _quote_span(self, hit: QuoteHit, terms: list[str]) -> _Span:
        """The quotation itself, or its best sentences when it is long."""
        quote = hit.quote
        chunk = self.retriever.chunks.get(quote.chunk_id or "")
        if chunk is None:
            raise LookupError(f"quote {hit.quote_id} has no visible chunk")
        start, end = quote.start, quote.end
        if end - start > LONG_QUOTE_CHARS:
            start, end = self._best_part(chunk, start, end, terms)
        return _Span(chunk, start, end, hit.score, quote.speaker, quote.kind, quote.role)

    def _best_part(self, chunk: Chunk, start: int, end: int, terms: list[str]) -> tuple[int, int]:
        text = chunk.text
        local = sentence_spans(text, start - chunk.start, end - chunk.start)
        scored = sorted(
            local,
            key=lambda s: -_coverage(terms, self.retriever.lexicon.terms(text[s[0] : s[1]])),
        )
        pick = sorted(scored[:2])
        return chunk.start + pick[0][0], chunk.start + pick[-1][1]


def _substantial(hits: Sequence[QuoteHit], min_words: int = 4) -> list[QuoteHit]:
    """Prefer real statements over one- or two-word partial quotes ("scary"), and the
    speaker's own words over the article's report of them: among relevant quotes, direct
    ones and transcript turns come first, in relevance order, then reported speech."""
    long_enough = [h for h in hits if len(h.quote.text.split()) >= min_words] or list(hits)
    return sorted(long_enough, key=lambda h: h.quote.kind == "indirect")


def _diverse(hits: Sequence[QuoteHit], n: int) -> list[QuoteHit]:
    """Top hits without near-duplicates (the same words quoted in two articles)."""
    chosen: list[QuoteHit] = []
    seen: set[str] = set()
    for hit in hits:
        key = re.sub(r"\W+", " ", hit.quote.text.lower()).strip()[:80]
        if key not in seen:
            seen.add(key)
            chosen.append(hit)
        if len(chosen) == n:
            break
    return chosen


def _coverage(query_terms: Sequence[str], text_terms: Sequence[str]) -> float:
    if not query_terms:
        return 0.0
    present = set(text_terms)
    return sum(1 for t in set(query_terms) if t in present) / len(set(query_terms))


def paragraph_of(chunk: Chunk, position: int) -> int:
    """1-based paragraph number of an article offset inside a chunk."""
    if chunk.paragraph_start == chunk.paragraph_end:
        return chunk.paragraph_start
    local = position - chunk.start
    for number, (_, end) in enumerate(paragraph_spans(chunk.text)):
        if local < end:
            return chunk.paragraph_start + number
    return chunk.paragraph_end


def _compose(
    question: str, spans: Sequence[_Span], speaker: str | None, lead: str | None = None
) -> Answer:
    citations: list[Citation] = []
    sentences: list[str] = [lead] if lead else []
    previous_speaker: str | None = None
    for n, span in enumerate(spans, start=1):
        chunk = span.chunk
        text = chunk.text[span.start - chunk.start : span.end - chunk.start]
        citations.append(
            Citation(
                n=n,
                article_id=chunk.article_id,
                title=chunk.title,
                source=chunk.source,
                published=chunk.published,
                url=chunk.url,
                paragraph=paragraph_of(chunk, span.start),
                start=span.start,
                end=span.end,
                text=text,
                speaker=span.speaker,
                score=round(span.score, 4),
                chunk_id=chunk.id,
                kind=span.kind,
            )
        )
        sentences.append(f"{_frame(span, text, previous_speaker)} [{n}]")
        previous_speaker = span.speaker or previous_speaker
    return Answer(
        question=question,
        answer=" ".join(sentences),
        abstained=False,
        citations=citations,
        speaker=speaker,
    )


def _frame(span: _Span, text: str, previous_speaker: str | None) -> str:
    """Say who is speaking: "Sergei Lavrov said: “...”", "He also said that ..."."""
    if not span.speaker:
        return text
    if span.speaker == previous_speaker:
        who = f"{span.speaker.split()[-1]} also"
    else:
        role = f" ({span.role})" if span.role else ""
        who = f"{span.speaker}{role}"
    if span.kind == "indirect":
        return f"{who} said that {text.rstrip('.')}."
    stripped = text.strip('“”"‘’ ').rstrip(",;: ")
    return f"{who} said: “{stripped}”"


def _abstain(question: str, text: str) -> Answer:
    return Answer(question=question, answer=text, abstained=True)


def _with(answer: Answer, **changes) -> Answer:
    from dataclasses import replace

    return replace(answer, **changes)


def _with_span(span: _Span, **changes) -> _Span:
    from dataclasses import replace

    return replace(span, **changes)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
