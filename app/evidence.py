"""Evidence units: the spans an answer may cite, and the cheap features the ranker scores.

Why units and not chunks: a chunk is up to 200 word pieces, and the reader wants the sentence or
quotation that holds the answer. Every unit is an exact article span: a quotation (whole when
short, else each of its sentences), the sentence that carries a reported statement, or a
sentence of a top passage, with the speaker the extractor found. Candidates come from two
searches, so neither has to be perfect: hybrid passage search (dense + BM25 over chunks) and the
quote search over the asked speaker's own quotations (or everyone's, for "who said").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

import numpy as np

from app.retrieval import HybridRetriever, QuoteHit
from app.speaker_index import ArticlePerson, article_people, office_only
from app.types import Filters, Passage
from ingest.sentence_vectors import SentenceVectors
from ingest.speakers.mentions import is_named_speaker
from ingest.text import sentence_spans
from ingest.types import Chunk, Quote

UnitKind = Literal["direct", "transcript", "indirect", "sentence"]
LONG_QUOTE_CHARS = 320  # longer quotations are offered sentence by sentence
FRAGMENT_WORDS = 3  # a quotation this short is cited in its sentence (`_fragment`)
PASSAGES = 10  # top hybrid passages whose sentences and quotations are candidates
# ... for a question that names no person and asks no "who said": its candidates come from the
# passage search alone (no quote search backs it up), and a fact asked of a long transcript or
# release may sit in a passage ranked 11-20 (docs/notes/rank22.md: the top unit holds the
# evidence for one to three more general questions per dev and fit set, none fewer).
GENERAL_PASSAGES = 20
SPEAKER_QUOTES = 30  # the asked speaker's best quotations from the quote search
TURN_CHARS = 600  # a turn begun in an earlier chunk: this much of the chunk before it is read
CONTEXT_BEFORE = 2  # sentences before a unit that may introduce its topic (`intro_gain`)
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
    "intro_gain",  # the two sentences before, other quotations cut out (and the previous turn)
)
# Features the unit trees are never fitted on: every generated follow-up is drawn from the
# article of the question before it, so a fitted weight would say "always stay in the story",
# which real conversations do not justify; `app.answer` applies them as a capped prior.
STORY_FEATURES: tuple[str, ...] = ("previous_article",)
_NUMBER = re.compile(r"\d")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")

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
class Unit:
    """One citable span of an article, with who speaks in it."""

    chunk: Chunk
    start: int  # article offsets
    end: int
    kind: UnitKind
    speaker: str | None = None  # canonical speaker of the words; None for narrative
    role: str | None = None
    quoted: bool = False  # inside a quotation's own words: may be framed as speech
    quote_id: str | None = None

    @property
    def text(self) -> str:
        return self.chunk.text[self.start - self.chunk.start : self.end - self.chunk.start]

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.chunk.article_id, self.start, self.end)


@dataclass(frozen=True)
class Candidate:
    """A unit with its features (in `FEATURES` order) and, once ranked, its probability."""

    unit: Unit
    features: tuple[float, ...]
    score: float = 0.0


@dataclass(frozen=True)
class Query:
    """What the candidates are found and scored for."""

    topic: str  # the words that rank passages
    vector: list[float]
    speaker: str | None  # the asked canonical speaker, if any
    members: tuple[str, ...] = ()  # that speaker's names as stored on quotes
    who_said: bool = False
    quantity: str | None = None  # the kind of number asked for (`app.quantities`)
    # The articles the previous answer cited, for a follow-up that takes its person or topic
    # from it (empty otherwise): its units carry `previous_article`.
    story: frozenset[str] = frozenset()


class EvidenceFinder:
    """Finds candidate units for a question and computes their features."""

    def __init__(self, retriever: HybridRetriever, filters: Filters | None = None) -> None:
        self.retriever = retriever
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
        links = OfficeLinks(canonical, offices, self._article_quotes, self._article_people)
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
        quote_dense |= self._cosines(retriever.store.quotes, missing, query.vector)
        scoring = _Scoring(
            retriever.lexicon.terms,
            query,
            self._idf(query.topic),
            (
                {p.chunk.id: n for n, p in enumerate(passages)},
                {h.quote_id: n for n, h in enumerate(hits)},
            ),
            (self._cosines(retriever.store.chunks, chunk_ids, query.vector), quote_dense),
            self._sentence_cosines(chunk_ids, query.vector),
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
                for unit in _quote_units(chunk, hit.quote_id, hit.quote, canonical):
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
                for unit in _quote_units(chunk, qid, quote, canonical):
                    units.setdefault(unit.key, unit)
            for unit in _sentence_units(chunk, quotes, canonical):
                units.setdefault(unit.key, unit)
        return list(units.values())

    def _article_quotes(self, article_id: str) -> list[Quote]:
        return self.retriever.corpus.quotes_of(article_id)

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
        them (`_Scoring.context_values`)."""
        stored, by_chunk = self.retriever.quotes, self.retriever.quotes_by_chunk
        quotes: dict[str, Quote] = {}
        in_chunk: dict[str, list[Quote]] = {}
        for cid in chunk_ids:
            ids = [qid for qid in by_chunk.get(cid, ()) if qid in stored]
            quotes |= {qid: stored[qid][0] for qid in ids}
            in_chunk[cid] = sorted((stored[qid][0] for qid in ids), key=lambda q: q.start)
        return Around(quotes, in_chunk)

    def _cosines(self, collection, ids: Sequence[str], vector: list[float]) -> dict[str, float]:
        if not ids:
            return {}
        found = self.retriever.store.embeddings(collection, list(ids))
        query = np.asarray(vector, dtype=np.float32)
        return {i: float(np.dot(np.asarray(v, dtype=np.float32), query)) for i, v in found.items()}

    def _sentence_cosines(
        self, chunk_ids: Sequence[str], vector: list[float]
    ) -> dict[str, SentenceCosines]:
        """Each chunk's stored sentence vectors against the question (chunks ingested without
        them, or a store without the folder, are left out: their units fall back to unit_dense)."""
        vectors = _sentence_vectors(self.retriever.store.sentence_folder)
        query = np.asarray(vector, dtype=np.float32)
        found = {}
        for chunk_id in chunk_ids:
            matrix = vectors.of(chunk_id)
            if matrix.size and matrix.shape[1] == query.shape[0]:
                found[chunk_id] = SentenceCosines(vectors.spans(chunk_id), matrix @ query)
        return found

    def sentence_vectors(self, chunk_id: str) -> np.ndarray:
        """The chunk's stored sentence vectors (sentences x dimensions; empty when it was
        ingested without them): the answer reads a re-worded phrase against them too."""
        return _sentence_vectors(self.retriever.store.sentence_folder).of(chunk_id)

    def unseen_names(self, topic: str) -> float:
        """The share of the topic's names (capitalised words: people, places, bodies, events)
        that no stored passage contains: a question about a thing the articles never name
        cannot be answered from them. Only names count, as a common word missing from a small
        store says little, while a missing name says the same in a store of any size."""
        names = [word for word in _NAME.findall(topic) if self.retriever.lexicon.terms(word)]
        if not names:
            return 0.0
        return sum(self._unseen_word(word) for word in names) / len(names)

    def unseen_name(self, topic: str) -> str | None:
        """The first name of the topic (a run of capitalised words: "Ola Tamm", "Westland
        Mining Board") with a word that no stored passage holds, as the question writes it;
        None when every name occurs somewhere. No article can mention the thing such a name
        names, so nobody in them said anything about it: a who-said question about it was
        otherwise answered with whoever said the nearest words ("in the story about <a company
        no article names>"). The same test as `unseen_names`, word by word, which the fitted
        answerability models of the other families also read."""
        for run in _NAME_RUN.findall(topic):
            if any(self._unseen_word(word) for word in run.split()):
                return run
        return None

    def _unseen_word(self, word: str) -> bool:
        """The one test of both: the word has search terms and no stored passage holds any of
        them (a word of stop words only is no evidence either way)."""
        terms = self.retriever.lexicon.terms(word)
        return bool(terms) and all(self._unseen(t) for t in terms)

    def nothing_seen(self, topic: str) -> bool:
        """No word of the topic occurs in any stored passage ("football" in a store about
        diplomacy): then no passage can be about it, however close a vector lands."""
        terms = set(self.retriever.lexicon.terms(topic))
        return bool(terms) and all(self._unseen(t) for t in terms)

    def _unseen(self, term: str) -> bool:
        """A term is unseen when its idf equals that of a term no text can hold."""
        return self.retriever.bm25.idf(term) >= self.retriever.bm25.idf(_NEVER_A_TERM) - 1e-6

    def _idf(self, topic: str) -> dict[str, float]:
        """Topic terms weighted by their rarity among the chunks (common words count less), in
        the topic's order: the covers sum these weights, and a float sum in a set's order (which
        follows the process's hash seed) moved the features in their last bit between runs."""
        terms = dict.fromkeys(self.retriever.lexicon.terms(topic))
        return {t: self.retriever.bm25.idf(t) for t in terms}


_NEVER_A_TERM = "\x00"  # no tokeniser keeps a NUL: its idf is that of an unseen term


class Offices(Protocol):
    """Who a stored speaker that is only an office may be (`app.speaker_index.SpeakerIndex`)."""

    def office_holders(self, name: str) -> Collection[str]: ...

    def named_holders(self, name: str, people: Sequence[ArticlePerson]) -> Collection[str]: ...


class OfficeLinks:
    """Who a stored speaker that is only an office ("President", "Head of State") is in one
    article: the one person quoted in that article who holds the office somewhere in the
    store (`SpeakerIndex.office_holders`); when the article quotes no holder, the one person
    its headline or text names who holds it, in the store or by the article's own words
    (`SpeakerIndex.named_holders`); else the office itself. Extraction leaves the office as
    the speaker when an article writes it for someone named before ("The Head of State noted
    ..."); linked by the article, those are the person's words, found for a question about
    them and shown as theirs in a who-said answer. Per article, never store-wide: most
    articles name only their own president, and one that quotes two presidents does not say
    which the office is (docs/notes/ans22.md). Only a name stored as an office is linked: a
    country stored as the speaker ("Westland said ...") is not its president, though the
    store's names may unify the two (docs/notes/ans25.md)."""

    def __init__(
        self,
        canonical: Callable[[str], str],
        offices: Offices | None,
        article_quotes: Callable[[str], Sequence[Quote]],
        article_people: Callable[[str], Sequence[ArticlePerson]],
    ) -> None:
        self.canonical = canonical
        self.offices = offices
        self.article_quotes = article_quotes
        self.article_people = article_people
        self._quoted: dict[str, frozenset[str]] = {}
        self._people: dict[str, Sequence[ArticlePerson]] = {}

    def in_article(self, article_id: str) -> Callable[[str], str]:
        """The canonical speaker of a stored name in this article."""
        if self.offices is None:
            return self.canonical
        return lambda name: self.speaker(name, article_id)

    def speaker(self, name: str, article_id: str) -> str:
        person = self.canonical(name)
        if self.offices is None or not office_only(name):
            return person
        holders = self.offices.office_holders(person)
        quoted = [p for p in self.quoted_in(article_id) if p in holders] if holders else []
        if not quoted and office_only(person):
            quoted = list(self.offices.named_holders(person, self.people_in(article_id)))
        return quoted[0] if len(quoted) == 1 else person

    def quoted_in(self, article_id: str) -> frozenset[str]:
        """Everyone quoted in the article (canonical), read once per question and article."""
        found = self._quoted.get(article_id)
        if found is None:
            quotes = self.article_quotes(article_id)
            found = frozenset(self.canonical(q.speaker) for q in quotes if q.speaker)
            self._quoted[article_id] = found
        return found

    def people_in(self, article_id: str) -> Sequence[ArticlePerson]:
        """The people the article names, read once per question and article."""
        found = self._people.get(article_id)
        if found is None:
            found = self._people[article_id] = self.article_people(article_id)
        return found


class Around(NamedTuple):
    """The quotations of the candidate chunks: by id, and each chunk's in article order."""

    quotes: dict[str, Quote]
    in_chunk: dict[str, list[Quote]]


class SentenceCosines(NamedTuple):
    """One chunk's sentences (article offsets) and their cosines to the question."""

    spans: np.ndarray  # (sentences, 2)
    cosines: np.ndarray  # (sentences,)


@lru_cache(maxsize=8)
def _sentence_vectors(folder: Path) -> SentenceVectors:
    """One reader per store folder: it reloads its index itself when ingest adds a shard."""
    return SentenceVectors(folder)


class _Scoring:
    """What every unit of one question is scored against: the query's terms, the ranks and
    cosines of both searches, and the terms, covers and phrases already read (a passage's
    units share its text and headline)."""

    def __init__(
        self,
        terms: Callable[[str], list[str]],
        query: Query,
        weights: dict[str, float],
        ranks: tuple[dict[str, int], dict[str, int]],  # passage search, quote search
        dense: tuple[dict[str, float], dict[str, float]],  # chunk, quotation cosines
        sentences: dict[str, np.ndarray],
        around: Around,
    ) -> None:
        self.terms, self.query, self.weights = terms, query, weights
        self.chunk_rank, self.quote_rank = ranks
        self.chunk_dense, self.quote_dense = dense
        self.sentences, self.around = sentences, around
        self.surname = query.speaker.split()[-1].lower() if query.speaker else None
        self.topic_terms = terms(query.topic)
        self.topic_pairs = _pairs(self.topic_terms)
        self.asked_terms = frozenset(self.topic_terms + terms(query.speaker or ""))
        self._terms: dict[str, list[str]] = {}
        self._cover: dict[str, float] = {}
        self._phrase: dict[str, float] = {}
        self._named: dict[str, float] = {}
        self._bounds: dict[str, tuple[list[tuple[int, int]], list[int]]] = {}
        self.sentence_top = {i: float(s.cosines.max()) for i, s in sentences.items()}

    def terms_of(self, text: str) -> list[str]:
        if text not in self._terms:
            self._terms[text] = self.terms(text)
        return self._terms[text]

    def cover(self, text: str) -> float:
        if text not in self._cover:
            self._cover[text] = _cover(self.weights, self.terms_of(text))
        return self._cover[text]

    def chunk_phrase(self, chunk: Chunk) -> float:
        if chunk.id not in self._phrase:
            topic, pairs = self.topic_terms, self.topic_pairs
            self._phrase[chunk.id] = max(
                _phrase_cover(topic, pairs, self.terms_of(chunk.text)),
                _phrase_cover(topic, pairs, self.terms_of(chunk.title or "")),
            )
        return self._phrase[chunk.id]

    def lead_cover(self, chunk: Chunk, unit: Unit) -> float:
        """The topic's share in the unit with the sentence before it. Terms never run across
        the space that joins the two, so the joined text's terms are the two cached lists one
        after the other: no second tokenising of every unit (a third of `candidates` on long
        transcripts, where a question has up to a thousand units)."""
        before = self.sentence_before(chunk, unit.start)
        return _cover(self.weights, self.terms_of(before) + self.terms_of(unit.text))

    def sentence_before(self, chunk: Chunk, start: int) -> str:
        """The last sentence of the chunk that ends before `start` (article offsets), or "".
        By bisection over the sentence ends, which rise: every unit of a passage asks."""
        spans, ends = self.sentence_bounds(chunk)
        n = bisect_right(ends, start - chunk.start)
        return chunk.text[spans[n - 1][0] : spans[n - 1][1]] if n else ""

    def name_in_chunk(self, chunk: Chunk) -> float:
        """Whether the asked surname is in the passage, once per passage, not once per unit
        (lower-casing a 1,000-character passage for each of its units)."""
        if chunk.id not in self._named:
            surname = self.surname
            self._named[chunk.id] = float(bool(surname) and surname in chunk.text.lower())
        return self._named[chunk.id]

    def values(self, unit: Unit) -> dict[str, float]:
        """Every feature of `unit`, by name."""
        query, chunk, text, surname = self.query, unit.chunk, unit.text, self.surname
        words = len(text.split())
        terms = self.terms_of(text)
        c_dense = self.chunk_dense.get(chunk.id, 0.0)
        has_number = 1.0 if _NUMBER.search(text) else 0.0
        u_dense = self.quote_dense.get(unit.quote_id or "", c_dense)
        s_dense, s_gap = _sentence_scores(
            self.sentences.get(chunk.id), unit, u_dense, self.sentence_top.get(chunk.id, 0.0)
        )
        return {
            "chunk_dense": c_dense,
            "unit_dense": u_dense,
            "chunk_rank": _reciprocal(self.chunk_rank.get(chunk.id)),
            "quote_rank": _reciprocal(self.quote_rank.get(unit.quote_id or "")),
            "unit_cover": self.cover(text),
            "unit_cover_plain": _cover_plain(self.topic_terms, terms),
            "pair_cover": _pair_cover(self.topic_pairs, terms),
            "lead_cover": self.lead_cover(chunk, unit),
            "chunk_cover": self.cover(chunk.text),
            "title_cover": self.cover(chunk.title),
            "speaker_asked": float(bool(query.speaker) and unit.speaker == query.speaker),
            "speaker_other": float(bool(unit.speaker) and unit.speaker != query.speaker),
            "name_in_unit": float(bool(surname) and surname in text.lower()),
            "name_in_chunk": self.name_in_chunk(chunk),
            "kind_direct": float(unit.kind == "direct"),
            "kind_transcript": float(unit.kind == "transcript"),
            "kind_indirect": float(unit.kind == "indirect"),
            "kind_sentence": float(unit.kind == "sentence"),
            "named_speaker": float(bool(unit.speaker) and is_named_speaker(unit.speaker)),
            "has_number": has_number,
            "number_wanted": has_number * float(query.quantity is not None),
            "log_words": math.log1p(words) / 5.0,
            "short": float(words < 6),
            "first_chunk": 1.0 / (1 + chunk.index),
            "sentence_dense": s_dense,
            "sentence_gap": s_gap,
            "chunk_phrase": self.chunk_phrase(chunk),
            "previous_article": float(chunk.article_id in query.story),
        } | self.context_values(unit, terms)

    def context_values(self, unit: Unit, own: Sequence[str]) -> dict[str, float]:
        """The topic's weight in what introduces the unit that the unit's own terms `own` lack.
        Why: a quotation often answers a topic its context names ("On the bridge, she said:
        ..."), a transcript answer takes it from the question before; but a window that holds
        the unit scored a quotation's neighbour as high as the quotation (rank19), so here the
        unit's own words count for nothing and no other quotation's words are read."""
        chunk, base = unit.chunk, unit.chunk.start
        spans, ends = self.sentence_bounds(chunk)
        # the sentences before the first one the unit overlaps (the first ending after its start)
        first = bisect_right(ends, unit.start - base)
        before = spans[max(0, first - CONTEXT_BEFORE) : first]
        quote = self.around.quotes.get(unit.quote_id or "")
        turn = self.terms_of(self._turn_before(chunk, quote)) if quote else []
        others = [
            (q.start - base, q.end - base)
            for q in self.around.in_chunk.get(chunk.id, ())
            if q is not quote and q.kind != "indirect"
        ]
        intro = [t for s, e in before for t in self.terms_of_outside(chunk.text, s, e, others)]
        return {"intro_gain": _gain(self.weights, intro + turn, own)}

    def terms_of_outside(
        self, text: str, start: int, end: int, cut: Sequence[tuple[int, int]]
    ) -> list[str]:
        """The terms of text[start:end] outside the spans `cut` (chunk offsets)."""
        found: list[str] = []
        pos = start
        for s, e in sorted(cut):
            if e <= pos or s >= end:
                continue
            if s > pos:
                found += self.terms_of(text[pos:s])
            pos = max(pos, e)
        if pos < end:
            found += self.terms_of(text[pos:end])
        return found

    def _turn_before(self, chunk: Chunk, quote: Quote) -> str:
        """The previous speaker's transcript turn up to this one (its label included), or the
        chunk's text before the turn when that turn began in an earlier chunk; empty for other
        quotations: the question a transcript answer takes its topic from."""
        if quote.kind != "transcript":
            return ""
        before = [
            q
            for q in self.around.in_chunk.get(chunk.id, ())
            if q.kind == "transcript" and q.end <= quote.start and q.speaker != quote.speaker
        ]
        start = before[-1].start if before else max(chunk.start, quote.start - TURN_CHARS)
        return chunk.text[start - chunk.start : quote.start - chunk.start]

    def sentence_bounds(self, chunk: Chunk) -> tuple[list[tuple[int, int]], list[int]]:
        """The chunk's sentence spans and their ends (chunk offsets), once per passage: each of
        its units bisects the ends."""
        if chunk.id not in self._bounds:
            spans = _sentences(chunk.text)
            self._bounds[chunk.id] = (spans, [e for _, e in spans])
        return self._bounds[chunk.id]


def _sentence_scores(
    sentences: SentenceCosines | None, unit: Unit, fallback: float, top: float
) -> tuple[float, float]:
    """Why: the sentences of one passage share its cosine, and a long quotation's sentences
    share the quotation's, so only their own vectors tell which one the question is about.
    The unit's best overlapping sentence, and its distance below the chunk's best."""
    if sentences is None:
        return fallback, 0.0
    spans, cosines = sentences
    inside = (spans[:, 0] < unit.end) & (unit.start < spans[:, 1])
    if not inside.any():
        return fallback, 0.0
    best = float(cosines[inside].max())
    return best, top - best  # top: the chunk's best, the same for each of its units


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


def _quote_units(
    chunk: Chunk, quote_id: str, quote: Quote, canonical: Callable[[str], str]
) -> Iterable[Unit]:
    """A quotation as citable units: whole when short, else its own sentences; a reported
    statement as the sentence(s) of the article that carry it (cited as written)."""
    if not (chunk.start <= quote.start and quote.end <= chunk.end):
        return []
    speaker = canonical(quote.speaker) if quote.speaker else None
    kind: UnitKind = quote.kind
    if _fragment(quote):
        # A fragment ("great thriller") says nothing alone and framed as speech ("X said:
        # “affordable”") reads as all X said: its sentence is cited, as narrative.
        return []
    if quote.kind == "indirect":
        start, end = _enclosing_sentences(chunk, quote.start, quote.end)
        return [Unit(chunk, start, end, kind, speaker, quote.role, False, quote_id)]
    if quote.end - quote.start <= LONG_QUOTE_CHARS:
        return [Unit(chunk, quote.start, quote.end, kind, speaker, quote.role, True, quote_id)]
    local = sentence_spans(chunk.text, quote.start - chunk.start, quote.end - chunk.start)
    return [
        Unit(chunk, chunk.start + s, chunk.start + e, kind, speaker, quote.role, True, quote_id)
        for s, e in local
    ]


def _echo(text: str, unit_terms: Sequence[str], asked_terms: frozenset[str]) -> bool:
    """A turn of a few words with none beyond the question's ("Severomuysky Tunnel." for "How
    long is the Severomuysky Tunnel?"): it answers nothing, however well it matches. Longer
    units stay ("There was, she said, an implicit bargain." says there was one), and a
    who-said question is exempt: there the question repeats the very words to be found."""
    short = len(text.split()) <= FRAGMENT_WORDS
    return short and all(term in asked_terms for term in unit_terms)


def _fragment(quote: Quote) -> bool:
    """A quotation of a few words inside the article's own sentence: a phrase the speaker
    used, not a statement (a transcript turn is a statement however short)."""
    return quote.kind == "direct" and len(quote.text.split()) <= FRAGMENT_WORDS


def _sentence_units(
    chunk: Chunk, quotes: Sequence[tuple[str, Quote]], canonical: Callable[[str], str]
) -> Iterable[Unit]:
    """The chunk's narrative sentences. A sentence that is largely (30%) a quotation's words is left
    to that quotation's own units (cited inside its marks, without "he said"); one that only
    touches a quotation is narrative, labelled with that speaker for ranking but never framed
    as speech. A reported statement's sentence is that statement's unit already. A transcript
    turn that starts inside a sentence ends it before the turn's speaker label (`_before_turn`);
    a sentence that opens or closes a quotation running over several is cited whole
    (`_whole_quotation`)."""
    seen: set[tuple[int, int]] = set()
    for start, end in _sentences(chunk.text):
        start, end = chunk.start + start, chunk.start + end
        turns = [q.start for _, q in quotes if q.kind == "transcript" and start < q.start < end]
        if turns:
            cut = _before_turn(chunk, start, min(turns))
            if cut is None:
                continue
            end = cut
        whole = _whole_quotation(chunk, start, end)
        if not any(q.kind == "transcript" and whole[0] < q.start < whole[1] for _, q in quotes):
            start, end = whole  # never across a turn's label
        if (start, end) in seen:
            continue  # the sentence that closes a quotation its predecessor opened
        seen.add((start, end))
        overlapping = [(qid, q) for qid, q in quotes if q.start < end and start < q.end]
        quoted = sum(
            min(end, q.end) - max(start, q.start) for _, q in overlapping if q.kind != "indirect"
        )
        if quoted >= 0.3 * (end - start) or any(q.kind == "indirect" for _, q in overlapping):
            continue
        attributed = [(qid, q) for qid, q in overlapping if q.speaker]
        if not attributed:
            yield Unit(chunk, start, end, "sentence")
            continue
        qid, quote = attributed[0]
        yield Unit(chunk, start, end, "sentence", canonical(quote.speaker), quote.role, False, qid)


_SENTENCE_CLOSE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def _before_turn(chunk: Chunk, start: int, turn: int) -> int | None:
    """Where the narrative before a transcript turn ends: at the last full stop before the
    turn, or None when there is none. Transcripts whose paragraphs were joined by spaces run a
    turn on from the editor's lead ("... and Sergei Ivanov. * * * President of Russia Vladimir
    Putin: Colleagues, ..."), and the sentence splitter finds no end before a "*" or a scraped
    doubled label ("Tokayev Tokayev Kassym-JomartPresident of the Republic of Kazakhstan: Thank
    you"), so the sentence held the lead, the label and the turn's first words: cited as the
    speaker's, or quoted back with the label in it as the narrative of a who-said answer. What
    follows the last full stop up to the turn is the label; the turn is its own unit."""
    local = chunk.text[start - chunk.start : turn - chunk.start]
    ends = list(_SENTENCE_CLOSE.finditer(local))
    return start + ends[-1].end() if ends else None


def _enclosing_sentences(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
    """The article sentences that hold [start, end), in article offsets."""
    spans = [
        (chunk.start + s, chunk.start + e)
        for s, e in _sentences(chunk.text)
        if chunk.start + s < end and start < chunk.start + e
    ]
    if not spans:
        return start, end
    return min(start, spans[0][0]), max(end, spans[-1][1])


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@lru_cache(maxsize=8192)
def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a chunk's text, cached: several units of one chunk ask for them. A
    paragraph break always ends a sentence: the splitter wants a capital after a full stop, and
    a paragraph may open with markup or a lower-case word ("... on Monday.\n\n<tweet ...>“Very
    good reporter.") or end without one, which had made one cited "sentence" of two
    paragraphs."""
    spans: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        pos = start
        for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
            spans += _stripped(text, pos, brk.start())
            pos = brk.end()
        spans += _stripped(text, pos, end)
    return spans


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) without surrounding whitespace; none when nothing else is left."""
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return []
    first = start + piece.index(kept)
    return [(first, first + len(kept))]


def _whole_quotation(chunk: Chunk, start: int, end: int) -> tuple[int, int]:
    """A narrative sentence that opens a quotation (“) closed only in a later sentence of its
    paragraph, or closes one (”) opened in an earlier sentence, is cited with the sentences up
    to the other mark: cut at its own end, the answer showed a mark never closed (or never
    opened), leaving the reader to guess where the speaker's words stop. Curly marks only:
    a straight one does not say which way it faces."""
    text, base = chunk.text, chunk.start
    piece = text[start - base : end - base]
    opened, closed = piece.count("“"), piece.count("”")
    if opened > closed:
        close = text.find("”", end - base)
        brk = _PARAGRAPH_BREAK.search(text, end - base)
        if close >= 0 and not (brk and brk.start() < close):
            end = base + next((e for s, e in _sentences(text) if s <= close < e), close + 1)
    elif closed > opened:
        open_ = text.rfind("“", 0, start - base)
        brk = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start - base)]
        if open_ >= 0 and not (brk and brk[-1] > open_):
            start = base + next((s for s, e in _sentences(text) if s <= open_ < e), open_)
    return start, end


def _cover(weights: dict[str, float], terms: Sequence[str]) -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    present = set(terms)
    return sum(w for t, w in weights.items() if t in present) / total


def _gain(weights: dict[str, float], context: Sequence[str], own: Sequence[str]) -> float:
    """The topic's weighted share in `context` counting only terms not in `own`."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present, held = set(context), set(own)
    return sum(w for t, w in weights.items() if t in present and t not in held) / total


def _cover_plain(query_terms: Sequence[str], terms: Sequence[str]) -> float:
    wanted = set(query_terms)
    if not wanted:
        return 0.0
    return len(wanted & set(terms)) / len(wanted)


def _pairs(terms: Sequence[str]) -> set[tuple[str, str]]:
    """Neighbouring terms: "sanctions pressure" is one thing, "sanctions" and "pressure" in two
    sentences of a unit are two."""
    return set(zip(terms, terms[1:], strict=False))


def _pair_cover(topic_pairs: set[tuple[str, str]], terms: Sequence[str]) -> float:
    if not topic_pairs:
        return 0.0
    return len(topic_pairs & _pairs(terms)) / len(topic_pairs)


def _phrase_cover(
    topic_terms: Sequence[str], topic_pairs: set[tuple[str, str]], terms: Sequence[str]
) -> float:
    """How much of the topic stands in `terms` as the topic writes it: the share of its
    neighbouring pairs found side by side, or for a one-term topic whether the term is there."""
    if topic_pairs:
        return _pair_cover(topic_pairs, terms)
    return float(bool(topic_terms) and topic_terms[0] in terms)


def _reciprocal(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1 + rank)
