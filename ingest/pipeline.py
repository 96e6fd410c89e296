"""Ingest: files -> articles -> quotes + chunks -> embeddings -> store, in bounded batches.

Dedup is by article id and content hash against the store's committed article records:
unchanged articles cost one hash; a changed article's old chunks and quotes are deleted before
the new ones are written. Chunk ids are `article_id:n`, so nothing can be stored twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ingest.chunk_pass import BatchVectors, embed_batch
from ingest.chunking import TokenCounter, chunk_article
from ingest.embedding import Embedder, WordPieces
from ingest.ids import quote_id
from ingest.loaders import LoadError, discover, load_file
from ingest.memory import release_free_memory
from ingest.pooling import Pieces
from ingest.quotes import extract_quotes_many, load_models
from ingest.sentence_vectors import SentenceVectors
from ingest.stages import Prepared, plan_parts, run_overlapped
from ingest.store import Store, StoreError, refused_write
from ingest.types import Article, Chunk, Quote, StoredQuote

ErrorSink = Callable[[LoadError], None]
log = logging.getLogger(__name__)


class StoreWriteError(StoreError):
    """Ingest stopped because the store refused a write; committed articles are kept."""


# Articles per ingest stage: the model pass sorts one stage's chunks by length, so a bigger
# stage pads less and makes fewer store writes and index commits; memory grows with it. 150
# (from 50): 300 BBC articles in 34.7 / 40.2 s against 70.5 / 43.3 s in two interleaved
# rounds on a busy machine, peak RSS 785-817 MB against 795-917 MB (onnxruntime pass;
# `python -m benchmarks.profile_ingest --limit 300 --no-profile [--stage-articles 150]`).
STAGE_ARTICLES = 150

# Bump when extraction or chunking changes what is stored: every article is then re-processed
# on its next ingest (and by `quotedesk rebuild`), instead of staying "unchanged".
# 50: a show's title in doubled apostrophes after a possessive network name (`said on WBC's
# ''Harbour Week''`) is no quotation of the speaker, as in curly marks; an owner cut from the
# relative, aide or friend it owns is not the speaker, they are (`Reed's son, Ola, said`
# -> "Reed's son"; `Friends of Mr. Reed's ... say` -> no one); `Following Wednesday's` is
# a time phrase (att43, issue 17);
# 49: a quotation after a passive hearer verb (`Vell was told ... "improper"`) is not the
# hearer's (the before-quote rules too);
# 48: two appositions read back to the name, inverted `VERB NAME, "` before a quote, a
# passive `was told` gives no speaker, a name after `called` is a title (att41);
# 47: a pronoun is not the sentence before's subject when that sentence names, after its
# subject, another person by a surname the article wrote in full ("Hale was sacked - a move
# Reed has backed. But he said"; 46's surname rule gave Reed's words to Hale);
# 46: offices before a name read by ordered readings (`written_people.OFFICE_READINGS`: an
# "and"-joined or long double office, never across a sentence end or another named person,
# none for a relative or after a joiner), an office is no person and a portfolio after "for"
# no given name; "First Lady" is a role; an attribution interposed verb-first in the subject
# names the speaker ("Any" had); a surname subject named in full before is the next
# sentence's pronoun's referent; NAMING_VERSION 21 (att38, issue 17);
# 45: of a dash-joined double office before a name ("Deputy Prime Minister - Minister for
# Ports of Westland Ana Vell") whose second part is no office, the first is hers, so "the
# Deputy Prime Minister" links to her (naming 20); a straight mark after a phrase's end and
# before the punctuation after a word (`decision?".`, `(Ports)",`) closes its quotation, not
# opens one that runs on; "Remember how ...:" names no speaker (att35, issue 17);
# 44: the article links the place-qualified office ("the President of Westland") to the one
# holder it writes with the bare office ("President Ana Vell"), "First Lady" is an office, and
# an unclosed quotation ending with a nested one closes at their shared mark before its
# attribution (att34, issue 17);
# 43: an office held to or in another office opens the role ("Adviser to the President of
# Westland Ana Vell" is an adviser, no President; role heads end at "of", "to", "for") (att32,
# issue 17);
# 42: a time phrase is neither a statement nor a speaker ("Earlier this week, X said", "On
# Monday"), a title's dot stays in "according to Mr. X", a tripled apostrophe closes an inner
# quotation, "As X put it:" names X (att30, issue 17);
# 41: doubled apostrophes that open or close a word are read as quotation marks
# (`quoting.apostrophes`: archives that type ''We will,'' for quotation marks; lead, issue 17);
# 40: the phrase after an inverted verb is no speaker when the verb takes its listener
# ("..., informed Tom Reed about"), punctuation sets it off, a preposition or an owner leads it,
# or an unlisted verb follows no quotation; "OFFICE, NAME, told X that ..." reports the clause,
# not the office (att29, issue 17);
# 39: a name set off after an office that ends in a lowercase office noun is the speaker
# ("Tom Reed's Westland state director, Ana Vell," was "Tom Reed's Westland"), and a base-form
# reporting word between a name and an office noun is part of the office (att28, issue 17);
# 38: a bare surname in an article that names namesakes in full is the first one written
# (naming 17, lead: a bare "Vell" had joined the husband quoted once in full);
# 37: "Sir Ivo" is the one person the article names with that given name (naming 16, lead);
# 36: a bare office (`the President`) is the holder written with the bare office, not `US
# President Y` or `Vice President Y`; `the General` is no Attorney General (attr21, issue 17);
# an editor's note of any length before a transcript label's colon is nobody's words; a
# pronoun that opens its sentence names the subject of the sentence before (lead);
# 35: a quote that `X said:` introduces keeps X over a short next sentence; a quote after a
# reported statement continues it, not an earlier speaker's quote; `he` skips a plural
# coordinated subject; `spokesman for sport NAME` is NAME (attr20, issue 17);
# 34: an editor's note inside a transcript turn reports statements of the person it names
# (attr19, `ingest/quoting/notes.py`); "the United States" names no speaker "United"; an "and"
# right before a role word starts the role ("Asia and Secretary" -> "Secretary");
# 32: a plural report noun after a quantifier heads its subject (attr17, issue 17: "Multiple
# news reports said" named "Multiple news"); a headline's subject and verb are no part of a
# role ("Reed Praises the Courier's Washington Political Editor"); a one-word label ("Brook:")
# is a turn of the one person the article labels in full ("Lena Brook:"), and a transcript
# of one-line turns ends its last turn at its line end (the narrative after it was the last
# speaker's); NAMING_VERSION 14: "Never Reed", "Bashing Reed", "Australian Rafe Renko"
# are no second person of the surname, so "Reed" links to Tom Reed; a speech after a
# heading that lost its full stop ("... G20 Summit President of Westland Sven Ostby: I
# shall speak ...") is a turn of its speaker (12 Kremlin speeches were unattributed);
# 31: a speaker is never a clause (attr16, issue 17): a speaker phrase loses a verb group it
# runs into ("The Home Office has already said" -> The Home Office, "hosts don't"), a clause
# names no one ("it had complied fully"); `, who said` after a name's age and place
# ("Ida Dorr, 24, from Manchester, who said") is the name's, not the place's; an "&"
# is inside a name ("Vell & Marsh said", "AT&T said" were unattributed); NAMING_VERSION 12:
# `speakers.name_mentions` keeps "Vell & Marsh", "AT&T" whole (were cut at the "&");
# "according to X," before a statement's subject with a modal ("the media would call him")
# makes X the speaker; a "Name: words" label opening a quotation names its speaker;
# 30: a speaker written as a description (`the company said`, `the striker said`) resolves to
# the one organisation or person the text leaves (coref15, `ingest/quoting/descriptions.py`);
# 29: junk speakers and label text (attr15, issue 17): a weekday surname NER cut off as a
# date ("coach Ben Friday" was "Ben"); a finding speaks as its body ("research from analysts
# Quillstat" is Quillstat, and "It said" after it); a role written with one full name is not given
# to another speaker of the same surname (Bob / Ana Vell); scraped doubled transcript
# labels with a dash, a glued acronym or over 30 words end the previous turn; a title-case
# headline after a name and colon is no transcript turn; a reported statement that opens in a
# turn's label is none. NAMING_VERSION unchanged (the speaker index's rules are);
# 28: a no-break space is a space in a dash signature (`"..."\xa0― Ana Vell\xa0`), so
# each collected reader comment is its signer's, not the previous signer's; NAMING_VERSION 11:
# a three-word owner at a sentence's start keeps its given name, "Ora Leo Vell's"; a weekday
# is no given name ("On Monday Karl Osk"); a passive participle or imperative opening a
# sentence ("Reminded that X ...") and a cue after "to" (", prompting X to declare") report
# nothing (attr14);
# 27: an editor's note in parentheses inside a transcript turn (`<…>(Genri Reznik raised the
# issue of ...)`) is no part of the speaker's words (`ingest/quoting/transcripts.py`);
# 26: the twelfth session's rules (a lone label that opens a quotation, `Said Williams: "..."`,
# is no transcript turn: the quotation is his, the rest of the paragraph is not);
# 25: the eleventh session's rules (attr12: an office with "and", opening phrases, end trims,
# NAMING_VERSION 9; the lead: a role written beside a name elsewhere in the article, a
# clause of names only is no statement);
# 23: two people named after a quotation (`," A and B said`) make A its speaker
# (`ingest/quoting/joint.py`), not the previous quotation's;
# 22: the ninth session's speaker rules of helper attr10 (a speaker is its whole noun phrase,
# a named owner speaks through its document, an opening participle phrase names nobody;
# docs/notes/attr10.md); chunk and quote records without documents (helper lean10);
# 21: the eighth session's attribution rules of helper attr9 (poll shares as speakers, titles up
# to ten words, reported clauses past a comma, markup marks; docs/notes/attr9.md);
# 20: a text over the model's 256 word pieces is read in windows, every word embedded
# (helper lean8; docs/notes/lean8.md): vectors of such chunks, their quotes and sentences change;
# 19: the 2026-12-05 attribution rules of helper attr8 (a mistyped closing mark, a middle
# initial, participles after "be", "-s" nouns before auxiliaries; docs/notes/attr8.md);
# 18: a document quoted as if it spoke ("The message reads") is its sender's words
# (`ingest/quoting/documents.py`);
# 17: in a transcript, labels whose names NER misses are turns (`President of the ... Chamber
# of Commerce Enzo Trani:`, a questioner's bare name), not the last speaker's words;
# 16: an office whose titles strip its head ("head of the President's Office") is no name,
# so the article links it to the person it names with that office;
# 15: a speaker phrase that names no one ("Let me say that", "Maybe we", "I'm told that",
# "One can") leaves its statement unattributed (`ingest/quoting/nobody.py`);
# 14: the 2026-12-04 (fifth) attribution rules (own_sentence_subject, name_then_phrasal_verb,
# NARRATIVE_VERBS make no statement, offices of a place before a name);
# 13: search terms spell British and American forms alike ("hospitalisation");
# 12: a party, possessive or office of a place before a name is dropped ("Tory MP Ann Vell"),
# and an office nobody in the article holds keeps its words ("Deputy Prime Minister");
# 11: names end at a closed quotation or a paragraph break, staff ("an aide to X") are not the
# person they serve; 10: the 2026-12-04 attribution rules; 9: pooled quote vectors
PIPELINE_VERSION = "50"


@dataclass
class IngestReport:
    """What one ingest did; `summary()` is the line the CLI and UI print."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    chunks_written: int = 0
    quotes_written: int = 0
    texts_read: int = 0  # texts the model read: chunks, plus quotes its chunk pass cut off
    word_pieces_read: int = 0
    padded_pieces_read: int = 0  # word pieces the model computed, padding included
    quotes_read_alone: list[str] = field(default_factory=list)  # ids: cut off in their chunk
    errors: list[LoadError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    # CPU seconds of the whole process (every thread) while each step ran: the step's own
    # with stages in turn; with `Ingestor.overlap` the steps run at once and share them.
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed; {self.chunks_written} chunks and "
            f"{self.quotes_written} quotes written"
        )

    def timed(self, step: str, started: _Mark) -> None:
        now = _Mark.now()
        self.seconds[step] = self.seconds.get(step, 0.0) + now.wall - started.wall
        self.cpu_seconds[step] = self.cpu_seconds.get(step, 0.0) + now.cpu - started.cpu


class _Mark(NamedTuple):
    """When a step started: wall clock and the process's CPU time."""

    wall: float
    cpu: float

    @classmethod
    def now(cls) -> _Mark:
        return cls(time.perf_counter(), time.process_time())


@dataclass(frozen=True)
class Ingestor:
    """Everything ingest needs, built once per process by the app and passed in."""

    store: Store
    embedder: Embedder
    count_tokens: TokenCounter
    chunk_max_tokens: int
    max_file_bytes: int
    batch_articles: int = 200
    # Stages overlapped by default since the model pass runs on onnxruntime, which holds no
    # GIL while it computes: quote finding and chunking of the next stage run beside the pass,
    # and so does the previous stage's write, except while a Chroma `add` holds the GIL (Chroma
    # 1.5 never releases it during an add). `bench_ingest`, 2026-12-05, wall / own floor:
    # full BBC, three rounds on a busy 2-core machine, 1.05x / 1.26x / 1.22x overlapped against
    # 1.22x / 1.40x / 1.31x in turn (CPU / floor 1.12-1.15x against 1.08-1.13x), peak RSS
    # 991-1,022 MB against 925-984; 300 BBC articles on a quiet machine, 1.16x against 1.27x
    # (docs/notes/lean11.md). Under torch (which takes the GIL back at every operation)
    # overlapped was not faster.
    overlap: bool = True

    def warm(self) -> None:
        """Load both models ingest needs, the embedding pass and the quote finder's NER, the
        second in a thread beside the first (onnxruntime builds its session without the GIL).
        Not beside a pass that loads torch (the first ingest on a machine writes the export
        with it): spaCy is imported with torch hidden from `sys.modules` unless torch is
        already loaded, which would make the other thread's `import torch` fail.
        `_run` calls it; a caller that times ingest apart from model loading calls it first."""
        embedder = self.embedder if isinstance(self.embedder, Embedder) else None
        if embedder is not None and embedder.pass_needs_torch:
            embedder.token_pass  # noqa: B018 - loads the pass, and torch with it
            load_models()
            return
        with ThreadPoolExecutor(1, thread_name_prefix="ingest-load") as loader:
            ner = loader.submit(load_models)
            if embedder is not None:
                embedder.token_pass  # noqa: B018 - loads the pass
            ner.result()

    @property
    def sentences(self) -> SentenceVectors:
        """Sentence vectors, beside the article archive (also local with a Chroma server)."""
        return SentenceVectors(self.store.sentence_folder)

    def stamp(self, article: Article) -> str:
        """What makes a stored article current: its content and how it was processed."""
        return f"{article.content_hash}:v{PIPELINE_VERSION}:c{self.chunk_max_tokens}"

    def ingest_paths(
        self,
        paths: Iterable[str | Path],
        on_error: ErrorSink | None = None,
        progress: bool = True,
    ) -> IngestReport:
        report = IngestReport()
        files, errors = discover(paths)
        for error in errors:
            _fail(report, error, on_error)
        articles: list[Article] = []
        started = _Mark.now()
        for path in _progress(files, "reading", progress and len(files) > 1):
            loaded = load_file(path, self.max_file_bytes)
            articles.extend(loaded.articles)
            for error in loaded.errors:
                _fail(report, error, on_error)
        report.timed("parse", started)
        self.ingest_articles(articles, report, on_error, progress)
        return report

    def ingest_articles(
        self,
        articles: Sequence[Article],
        report: IngestReport | None = None,
        on_error: ErrorSink | None = None,
        progress: bool = True,
    ) -> IngestReport:
        report = report or IngestReport()
        known = self.store.article_hashes()
        pending: list[Article] = []
        seen: dict[str, Article] = {}
        for article in articles:
            first = seen.get(article.id)
            if first is not None:
                if first.content_hash != article.content_hash:
                    reason = (
                        f"duplicate id '{article.id}' with different text "
                        f"(first in {first.origin}); skipped"
                    )
                    _fail(report, LoadError(article.origin or article.id, reason), on_error)
                continue
            seen[article.id] = article
            old_hash = known.get(article.id)
            if old_hash == self.stamp(article):
                report.unchanged += 1
            else:
                pending.append(article)
        bar = _progress_bar(len(pending), "ingesting", progress)

        def done(batch: Sequence[Article]) -> None:
            for article in batch:
                if article.id in known:
                    report.updated += 1
                else:
                    report.added += 1
            if bar is not None:
                bar.update(len(batch))

        self._run(pending, report, done, replace_old=True)
        if bar is not None:
            bar.close()
        return report

    def rebuild(self, progress: bool = True) -> IngestReport:
        """Re-create every index (chunks, quotes, vectors) from the archived articles.

        Neither the archive nor the records are deleted here, only re-written after their
        chunks, so a rebuild that is killed loses nothing: run it again.
        """
        articles = self.store.all_articles()
        self.store.reset_indexes()
        self.sentences.clear()
        report = IngestReport()
        bar = _progress_bar(len(articles), "rebuilding", progress)

        def done(batch: Sequence[Article]) -> None:
            report.updated += len(batch)
            if bar is not None:
                bar.update(len(batch))

        self._run(articles, report, done, replace_old=False)
        if bar is not None:
            bar.close()
        return report

    def _run(
        self,
        articles: Sequence[Article],
        report: IngestReport,
        done: Callable[[Sequence[Article]], None],
        replace_old: bool,
    ) -> None:
        """Prepare, embed, write each stage of articles; with `overlap`, three parts in
        flight at once: while the model reads part k, one thread finds the quotes and chunks
        of part k+1 and another writes the parts read before to the store (`ingest.stages`:
        a part is a stage, or a share of the first or last stage).

        Overlap uses the core that single-threaded Python leaves idle between model passes
        (see the comment above `overlap`). Writes stay in order and one at a time either way,
        so a failed write stops ingest with every earlier stage committed.
        """
        size = max(1, min(self.batch_articles, STAGE_ARTICLES))
        batches = [articles[i : i + size] for i in range(0, len(articles), size)]
        if batches:
            started = _Mark.now()
            self.warm()
            report.timed("load", started)
        if self.overlap:
            run_overlapped(
                plan_parts(batches),
                lambda part: self.prepare(part, report),
                lambda prepared: self._embed(prepared, report),
                lambda prepared, vectors: self._write(prepared, vectors, report, replace_old, done),
            )
        else:
            for batch in batches:
                prepared = self.prepare(batch, report)
                self._write(prepared, self._embed(prepared, report), report, replace_old, done)
        if batches:
            started = _Mark.now()
            try:
                self.sentences.compact()  # one shard per stage: merged past a few
            except OSError as exc:  # every shard is still whole and read; merge next time
                log.warning("sentence vectors not compacted: %s", exc)
            try:
                self.store.compact_lexical()  # BM25 then counts no replaced document
            except OSError as exc:  # each index is whole, old or new; compacted next time
                log.warning("lexical index not compacted: %s", exc)
            report.timed("store", started)

    def prepare(self, batch: Sequence[Article], report: IngestReport) -> Prepared:
        """Quotes first (chunks never cut one), then chunks, then each quote's chunk: what
        `_run` hands the model pass and the store write (public so that a benchmark times
        those two on exactly what ingest gives them: `benchmarks/pass_beside.py`)."""
        started = _Mark.now()
        quotes_per_article = extract_quotes_many([a.text for a in batch])
        report.timed("quotes", started)

        started = _Mark.now()
        chunks: list[Chunk] = []
        quotes: list[StoredQuote] = []
        pieces: list[Pieces] | None = [] if self._reads_pieces else None
        for article, article_quotes in zip(batch, quotes_per_article, strict=True):
            chunked = chunk_article(
                article, article_quotes, self.count_tokens, self.chunk_max_tokens
            )
            placed = [_place(q, chunked.chunks) for q in article_quotes]
            chunks.extend(chunked.chunks)
            quotes.extend(
                StoredQuote(quote_id(article.id, i), q, article.id) for i, q in enumerate(placed)
            )
            if pieces is not None and chunked.pieces is not None:
                pieces.extend(chunked.pieces)
        report.timed("chunk", started)
        return Prepared(batch, chunks, quotes, pieces)

    @property
    def _reads_pieces(self) -> bool:
        """The chunker's word pieces are what the pass reads: the counter reads pieces with
        the tokenizer of the embedder's own model folder."""
        return (
            isinstance(self.count_tokens, WordPieces)
            and isinstance(self.embedder, Embedder)
            and Path(self.count_tokens.model_path) == Path(self.embedder.model_path)
        )

    def _embed(self, prepared: Prepared, report: IngestReport) -> BatchVectors:
        started = _Mark.now()
        vectors = embed_batch(
            self.embedder,
            prepared.chunks,
            [s.quote for s in prepared.quotes],
            {a.id: a.text for a in prepared.articles},
            prepared.pieces,
        )
        report.timed("embed", started)
        report.texts_read += vectors.read.texts
        report.word_pieces_read += vectors.read.pieces
        report.padded_pieces_read += vectors.read.padded
        report.quotes_read_alone += [prepared.quotes[i].id for i in vectors.quotes_read_alone]
        return vectors

    def _write(
        self,
        prepared: Prepared,
        vectors: BatchVectors,
        report: IngestReport,
        replace_old: bool,
        done: Callable[[Sequence[Article]], None],
    ) -> None:
        started = _Mark.now()
        batch = prepared.articles
        try:
            if replace_old:  # only what is stored of them: new articles have nothing to delete
                self.store.delete_articles(self.store.stored([a.id for a in batch]))
            self.store.write(
                batch,
                prepared.chunks,
                vectors.chunks,
                prepared.quotes,
                vectors.quotes,
                {a.id: self.stamp(a) for a in batch},
            )
            self.sentences.write(vectors.sentences)
        except Exception as exc:  # disk full, read-only or damaged store
            if not refused_write(exc):
                raise
            raise StoreWriteError(_write_failure(self.store.location, exc, report)) from exc
        report.timed("store", started)
        release_free_memory()  # the stage's texts, vectors and write buffers are garbage now
        report.chunks_written += len(prepared.chunks)
        report.quotes_written += len(prepared.quotes)
        done(batch)


def _write_failure(location: str, exc: BaseException, report: IngestReport) -> str:
    """One line for the user: what failed, whether the disk is full, what is kept, what next."""
    import errno
    import shutil

    reason = f"{exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
    try:
        free_mb = shutil.disk_usage(location).free / 1e6
    except OSError:  # a Chroma server URL, or the folder is gone
        free_mb = None
    full = getattr(exc, "errno", None) == errno.ENOSPC or (free_mb is not None and free_mb < 50)
    where = f"disk full ({free_mb:.1f} MB free)" if full and free_mb is not None else "error"
    done = report.added + report.updated
    return (
        f"cannot write to the store at {location}: {where}: {reason}. "
        f"{done} articles were stored before this and are kept; "
        "free space and run the same ingest again to add the rest"
    )


def _place(quote: Quote, chunks: Sequence[Chunk]) -> Quote:
    """The chunk a quote starts in (chunks never cut a quote, so it ends there too)."""
    for chunk in chunks:
        if chunk.start <= quote.start < chunk.end or quote.start < chunk.start:
            return replace(quote, chunk_id=chunk.id)
    return replace(quote, chunk_id=chunks[-1].id if chunks else None)


def _fail(report: IngestReport, error: LoadError, on_error: ErrorSink | None) -> None:
    report.failed += 1
    report.errors.append(error)
    if on_error is not None:
        on_error(error)


def _progress(items: Sequence, desc: str, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file", leave=False)


def _progress_bar(total: int, desc: str, enabled: bool):
    if not enabled or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="article")
