"""Candidate units for a question, with their features (`EvidenceFinder.candidates`).

Candidates come from two searches, so neither has to be perfect: hybrid passage search (dense +
BM25 over chunks) and the quote search over the asked speaker's own quotations (or everyone's,
for "who said"). A unit that only repeats the question or only thanks and greets is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from app.evidence.features import FEATURES, Candidate
from app.evidence.office_links import OfficeLinks, Offices
from app.evidence.scoring import Around, Query, Scoring
from app.evidence.store_words import StoreWords
from app.evidence.units import FRAGMENT_WORDS, Unit, quote_units, sentence_units
from app.evidence.vectors import cosines, sentence_cosines, stored_sentence_vectors
from app.retrieval import HybridRetriever, QuoteHit
from app.speaker_index import ArticlePerson, article_people
from app.types import Filters, Passage
from ingest.records import ArticlePlace
from ingest.types import Quote

PASSAGES = 10  # top hybrid passages whose sentences and quotations are candidates
# ... for a question that names no person and asks no "who said": its candidates come from the
# passage search alone (no quote search backs it up), and a fact asked of a long transcript or
# release may sit in a passage ranked 11-20 (docs/notes/rank22.md: the top unit holds the
# evidence for one to three more general questions per dev and fit set, none fewer).
GENERAL_PASSAGES = 20
SPEAKER_QUOTES = 30  # the asked speaker's best quotations from the quote search
# Words of courtesy, greeting and turn-taking: a unit of only these and names or titles is no
# candidate (`EvidenceFinder._courtesy`).
COURTESY_WORDS = (
    "thank thanks very much good morning afternoon evening welcome delighted glad pleased please "
    "hello greetings congratulations colleagues friends ladies gentlemen dear all yes fine okay "
    "go ahead floor inviting invitation first"
)
# Capitalised words set off by commas or the sentence's ends: a name or title addressed
# ("Thank you, Mr President.", "Colleagues, good afternoon.").
_ADDRESS = re.compile(r"(?:^|,)\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s*(?=[,.!?]|$)")


class EvidenceFinder(StoreWords):
    """Finds candidate units for a question and computes their features; what the store's
    passages hold word by word (`StoreWords`) is asked of the same retriever."""

    def __init__(self, retriever: HybridRetriever, filters: Filters | None = None) -> None:
        super().__init__(retriever)
        self.filters = filters
        # How deep each search is read for candidates; attributes so that a measurement
        # (`python -m evals.candidate_recall`) can read deeper than `ask` does.
        self.passages = PASSAGES
        self.general_passages = GENERAL_PASSAGES
        self.speaker_quotes = SPEAKER_QUOTES
        self._courtesy_terms: frozenset[str] | None = None

    def candidates(
        self,
        query: Query,
        canonical: Callable[[str], str],
        offices: Offices | None = None,
    ) -> list[Candidate]:
        """Every unit worth ranking, with features; `canonical` maps a stored speaker name to
        its canonical one (the speaker index's view), and `offices` says who a canonical one
        that is only an office may be (`OfficeLinks`)."""
        retriever = self.retriever
        search_text = f"{query.speaker} {query.topic}".strip() if query.speaker else query.topic
        passages = retriever.search(
            search_text or query.topic,
            k=self.passage_depth(query),
            vector=query.vector,
            filters=self.filters,
        )
        links = self._office_links(canonical, offices)
        hits: list[QuoteHit] = []
        if query.speaker or query.who_said:
            hits = retriever.search_quotes(
                query.topic,
                k=self.speaker_quotes,
                speakers=list(query.members) or None,
                vector=query.vector,
                filters=self.filters,
            )
        units = self._units(passages, hits, links)
        if not units:
            return []
        chunk_ids = sorted({u.chunk.id for u in units})
        quote_ids = sorted({u.quote_id for u in units if u.quote_id})
        quote_dense = {h.quote_id: h.dense for h in hits if h.dense is not None}
        missing = [q for q in quote_ids if q not in quote_dense]
        store = retriever.store
        quote_dense |= cosines(store, store.quotes, missing, query.vector)
        scoring = Scoring(
            retriever.lexicon.terms,
            query,
            self.topic_idf(query.topic),
            (
                {p.chunk.id: n for n, p in enumerate(passages)},
                {h.quote_id: n for n, h in enumerate(hits)},
            ),
            (cosines(store, store.chunks, chunk_ids, query.vector), quote_dense),
            sentence_cosines(store, chunk_ids, query.vector),
            self._around(chunk_ids),
        )
        found: list[Candidate] = []
        for unit in units:
            terms = scoring.terms_of(unit.text)
            if not query.who_said and (
                _echo(unit.text, terms, scoring.asked_terms) or self._courtesy(unit.text, terms)
            ):
                continue
            values = scoring.values(unit)
            found.append(Candidate(unit, tuple(values[name] for name in FEATURES)))
        return found

    def passage_depth(self, query: Query) -> int:
        """How many hybrid passages give candidates: deeper for a general question, whose
        only source they are (`GENERAL_PASSAGES`)."""
        return self.passages if query.speaker or query.who_said else self.general_passages

    # ----- units ---------------------------------------------------------------------------

    def _units(
        self, passages: Sequence[Passage], hits: Sequence[QuoteHit], links: OfficeLinks
    ) -> list[Unit]:
        retriever = self.retriever
        units: dict[tuple[str, int, int], Unit] = {}
        for hit in hits:
            chunk = retriever.chunks.get(hit.quote.chunk_id or "")
            if chunk is not None:
                canonical = links.in_article(chunk.article_id)
                for unit in quote_units(chunk, hit.quote_id, hit.quote, canonical):
                    units.setdefault(unit.key, unit)
        for passage in passages:
            chunk = passage.chunk
            canonical = links.in_article(chunk.article_id)
            quotes = [
                (qid, retriever.quotes[qid][0])
                for qid in retriever.quotes_by_chunk.get(chunk.id, ())
                if qid in retriever.quotes
            ]
            for qid, quote in quotes:
                for unit in quote_units(chunk, qid, quote, canonical):
                    units.setdefault(unit.key, unit)
            for unit in sentence_units(chunk, quotes, canonical):
                units.setdefault(unit.key, unit)
        return list(units.values())

    def _office_links(
        self, canonical: Callable[[str], str], offices: Offices | None
    ) -> OfficeLinks:
        """Who each office-only speaker is, per article, read from this store for one question."""
        return OfficeLinks(
            canonical, offices, self._article_quotes, self._article_people, self._article_places
        )

    def _article_quotes(self, article_id: str) -> list[Quote]:
        return self.retriever.corpus.quotes_of(article_id)

    def _article_places(self, article_ids: Sequence[str]) -> Mapping[str, ArticlePlace]:
        return self.retriever.corpus.article_places(article_ids)

    def _article_people(self, article_id: str) -> list[ArticlePerson]:
        found = self.retriever.corpus.article(article_id)
        return article_people(found.title, found.text) if found else []

    def _courtesy(self, text: str, terms: Sequence[str]) -> bool:
        """A turn of courtesy and address ("Thank you very much, Mr President.", "Good
        afternoon, colleagues."): at least one word of courtesy, every other word one of them
        or a name or title addressed. Transcripts are full of them, and they say nothing a
        question could ask for."""
        if self._courtesy_terms is None:
            self._courtesy_terms = frozenset(self.retriever.lexicon.terms(COURTESY_WORDS))
        courtesy = self._courtesy_terms
        if not any(term in courtesy for term in terms):
            return False
        address = set(self.retriever.lexicon.terms(" ".join(_ADDRESS.findall(text))))
        return all(term in courtesy or term in address for term in terms)

    # ----- scoring helpers -----------------------------------------------------------------

    def _around(self, chunk_ids: Sequence[str]) -> Around:
        """Each candidate chunk's quotations in article order: a unit's context is read around
        them (`Scoring.context_values`)."""
        stored, by_chunk = self.retriever.quotes, self.retriever.quotes_by_chunk
        quotes: dict[str, Quote] = {}
        in_chunk: dict[str, list[Quote]] = {}
        for cid in chunk_ids:
            ids = [qid for qid in by_chunk.get(cid, ()) if qid in stored]
            quotes |= {qid: stored[qid][0] for qid in ids}
            in_chunk[cid] = sorted((stored[qid][0] for qid in ids), key=lambda q: q.start)
        return Around(quotes, in_chunk)

    def sentence_vectors(self, chunk_id: str) -> np.ndarray:
        """The chunk's stored sentence vectors (sentences x dimensions; empty when it was
        ingested without them): the answer reads a re-worded phrase against them too."""
        return stored_sentence_vectors(self.retriever.store, chunk_id)


def _echo(text: str, unit_terms: Sequence[str], asked_terms: frozenset[str]) -> bool:
    """A turn of a few words with none beyond the question's ("Severomuysky Tunnel." for "How
    long is the Severomuysky Tunnel?"): it answers nothing, however well it matches. Longer
    units stay ("There was, she said, an implicit bargain." says there was one), and a
    who-said question is exempt: there the question repeats the very words to be found."""
    short = len(text.split()) <= FRAGMENT_WORDS
    return short and all(term in asked_terms for term in unit_terms)
