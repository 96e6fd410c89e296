"""Kill `quotedesk ingest` with SIGKILL at random (seeded) moments and check the store each time.

Why: the article record is the commit mark (ingest/store.py). If that design holds, a store left
by a killed ingest shows only whole articles, and re-running the same ingest completes it with no
duplicates. This script tries to break that, and counts every way it finds.

    python -m benchmarks.fault_kill_ingest [--articles 30] [--trials 20] [--seed 0]
        [--corpus ../shared/corpus/bbc/articles.jsonl] [--batch 5]

Each trial starts the real CLI, `quotedesk --store S ingest SUBSET`, and kills it either during
start-up (1 trial in 5) or at a uniform moment of its ingest phase (measured from the moment its
progress bar appears, over the expected time of the articles still pending). The next trial is
the re-run of the same ingest on the damaged store. After every trial the visible store is
checked against what ingest must produce (`check_store`), and so are the article archive that
`quotedesk rebuild` restores from (every committed article archived with its exact text) and
the lexical index (`<store>/lexical`, written before the records: every committed article
indexed in its committed version with exactly its visible chunks and attributed quotes), and the
records file (`<store>/records.sqlite`: an article marked only in its committed version, with
exactly its visible chunks and quotes), and a replica's records file (another machine's, on the
same Chroma, following the store's ledger from its previous sync): after its sync it holds
exactly what a fresh sync of the whole store gives.
When a run completes, the store is complete: it is checked in full, then wiped so that the
next trial has work to be killed in.
At the end one uninterrupted re-run must exit 0, and answers must cite verbatim spans.

Defaults (30 articles, write batches of 5 so that a run has 6 commit points, 20 trials): every
trial is one process start-up, and start-up (torch + the model) alone takes 15-40 s on the 2
shared cores, so more articles buy no more kill moments, only a longer wait.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"
# This tree's CLI (not the installed console script, which may import another checkout).
QUOTEDESK = [sys.executable, "-c", "from app.cli import cli; cli(prog_name='quotedesk')"]
STARTUP_KILL_SHARE = 0.2


@dataclass
class Expected:
    """What a complete ingest of the subset must store, computed here without the CLI."""

    texts: dict[str, str]  # article id -> exact text
    chunks: dict[str, list[tuple[int, int]]]  # article id -> chunk spans, in index order
    quotes: dict[str, list[tuple[int, int]]]  # article id -> quote spans, in index order


@dataclass
class Run:
    """One `quotedesk ingest` child and what its progress bar told us."""

    proc: subprocess.Popen
    started: float
    bar_at: float | None = None
    pending: int | None = None
    first_written: tuple[float, int] | None = None  # (when, articles) of the first update
    written: tuple[float, int] | None = None  # (when, articles) of the last bar update
    tail: list[str] = field(default_factory=list)


def make_subset(corpus: Path, count: int, folder: Path) -> Path:
    """The first `count` records with distinct ids: the input every run re-ingests."""
    lines, seen = [], set()
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record.get("id") in seen:
            continue
        seen.add(record.get("id"))
        lines.append(line)
        if len(lines) == count:
            break
    path = folder / "subset.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_state(subset: Path) -> Expected:
    """Chunks and quotes as the pipeline makes them (same functions, same settings)."""
    from app.settings import load_settings
    from ingest.chunking import chunk_article
    from ingest.embedding import load_token_counter, resolve_model_path
    from ingest.loaders import load_file
    from ingest.quotes import extract_quotes_many

    settings = load_settings()
    articles = load_file(subset, 10**9).articles
    counter = load_token_counter(str(resolve_model_path(settings.ingest.embed_model)))
    quotes = extract_quotes_many([a.text for a in articles])
    chunks = {
        a.id: [
            (c.start, c.end)
            for c in chunk_article(a, q, counter, settings.ingest.chunk_max_tokens).chunks
        ]
        for a, q in zip(articles, quotes, strict=True)
    }
    return Expected(
        texts={a.id: a.text for a in articles},
        chunks=chunks,
        quotes={a.id: [(x.start, x.end) for x in q] for a, q in zip(articles, quotes, strict=True)},
    )


def check_store(store_dir: Path, expected: Expected, complete: bool) -> list[str]:
    """Every inconsistency a reader could see; `complete` also demands every article.

    Opens its own client and closes it, so each check reads what is on disk now (an open
    embedded client would keep serving its cached index).
    """
    from ingest.store import Store, flat_metadata

    store = Store.open(store_dir)
    try:
        records = store.articles.get(include=["documents", "metadatas"])
        chunks = store.chunks.get(include=["metadatas"])
        quotes = store.quotes.get(include=["metadatas"])
        for result in (chunks, quotes):  # their fields as keys, packed or not
            result["metadatas"] = [flat_metadata(m) for m in result["metadatas"]]
        archived = {a.id: a.text for a in store.archive}
        index = store.lexical
        lexical = Lexical(index.stamps.read(), index.chunks.stamps(), index.quotes.stamps())
        marks = store.records.stamps()
        rows = {
            a: {c.id for c in store.records.chunks_of([a])}
            | {q.id for q in store.records.quotes_where("article_id", [a])}
            for a in marks
        }
    finally:
        store.client.close()
    problems = _check_archive(archived, set(records["ids"]), expected, complete)
    for kind, ids in (
        ("article", records["ids"]),
        ("chunk", chunks["ids"]),
        ("quote", quotes["ids"]),
    ):
        for item, n in Counter(ids).items():
            if n > 1:
                problems.append(f"duplicate {kind} id {item} ({n}x)")
    stamps = {i: m.get("hash") for i, m in zip(records["ids"], records["metadatas"], strict=True)}
    texts = dict(zip(records["ids"], records["documents"], strict=True))
    extra = set(stamps) - set(expected.texts)
    problems += [f"unexpected article {i}" for i in sorted(extra)]
    if complete:
        missing = set(expected.texts) - set(stamps)
        problems += [f"missing article {i}" for i in sorted(missing)]
    visible_chunks = _visible(chunks, stamps, texts)
    visible_quotes = _visible(quotes, stamps, texts)
    for article_id in sorted(set(stamps) & set(expected.texts)):
        text = texts[article_id]
        if text != expected.texts[article_id]:
            problems.append(f"{article_id}: stored text differs from the input")
            continue
        problems += _compare(article_id, "chunk", visible_chunks, expected.chunks, text)
        problems += _compare(article_id, "quote", visible_quotes, expected.quotes, text)
    if complete:
        leftovers = len(chunks["ids"]) - sum(len(v) for v in visible_chunks.values())
        leftovers += len(quotes["ids"]) - sum(len(v) for v in visible_quotes.values())
        if leftovers:
            problems.append(f"{leftovers} invisible chunk/quote leftovers after a complete run")
    attributed = _attributed(quotes, stamps)
    problems += _check_lexical(lexical, stamps, visible_chunks, attributed, complete)
    problems += _check_records(marks, rows, stamps, chunks, quotes, complete)
    return problems


def check_replica(store_dir: Path, replica_dir: Path) -> list[str]:
    """A replica that follows the store's ledger (its records file in `replica_dir`, kept
    from trial to trial) syncs; what it then holds must equal a fresh sync's records file."""
    from ingest.archive import ArticleArchive
    from ingest.store import Store

    store = Store.open(store_dir)
    try:
        replica = Store(store.client, "replica", ArticleArchive(replica_dir / "articles"))
        replica.sync_records()
        with tempfile.TemporaryDirectory() as folder:
            fresh = Store(store.client, "fresh", ArticleArchive(Path(folder) / "articles"))
            fresh.sync_records()
            expected = _records_contents(fresh)
        found = _records_contents(replica)
    finally:
        store.client.close()
    return [
        f"replica's records file differs from a fresh sync in {name}"
        for name, mine, theirs in zip(("marks", "chunks", "quotes"), found, expected, strict=True)
        if mine != theirs
    ]


def _records_contents(store) -> tuple:
    """The marks, and the visible chunk and quote rows, of a store's records file."""
    records = store.records
    marks = records.stamps()
    ids = sorted(marks)
    chunks = sorted((c.id, c) for c in records.chunks_of(ids))
    quotes = sorted((q.id, q) for q in records.quotes_where("article_id", ids))
    return marks, chunks, quotes


def _check_records(
    marks: dict[str, str],
    rows: dict[str, set[str]],
    stamps: dict[str, str],
    chunks: dict,
    quotes: dict,
    complete: bool,
) -> list[str]:
    """The records file (`<store>/records.sqlite`) marks an article only in its committed
    version (its mark is written after the Chroma record), with exactly its visible chunk and
    quote ids; after a complete run it marks every committed article."""
    visible: dict[str, set[str]] = {}
    for result in (chunks, quotes):
        for item_id, meta in zip(result["ids"], result["metadatas"], strict=True):
            article_id = meta.get("article_id")
            if stamps.get(article_id) == meta.get("article_hash"):
                visible.setdefault(article_id, set()).add(item_id)
    problems = [
        f"{a}: marked in the records file but not committed in that version"
        for a, stamp in sorted(marks.items())
        if stamps.get(a) != stamp
    ]
    problems += [
        f"{a}: records file rows differ from the store"
        for a in sorted(marks)
        if stamps.get(a) == marks[a] and rows[a] != visible.get(a, set())
    ]
    if complete:
        problems += [
            f"{a}: committed but not in the records file" for a in sorted(set(stamps) - set(marks))
        ]
    return problems


@dataclass
class Lexical:
    """What the lexical index holds: article stamps, and every chunk and quote document's stamp."""

    articles: dict[str, str]
    chunks: dict[str, str]
    quotes: dict[str, str]


def _attributed(result: dict, stamps: dict[str, str]) -> dict[str, set[str]]:
    """article id -> ids of its visible quotes with a speaker (the ones lexically indexed)."""
    found: dict[str, set[str]] = {}
    for item_id, meta in zip(result["ids"], result["metadatas"], strict=True):
        article_id = meta.get("article_id")
        if meta.get("speaker") and stamps.get(article_id) == meta.get("article_hash"):
            found.setdefault(article_id, set()).add(item_id)
    return found


def _check_lexical(
    lexical: Lexical,
    stamps: dict[str, str],
    chunks: dict[str, dict[int, tuple]],
    quotes: dict[str, set[str]],
    complete: bool,
) -> list[str]:
    """A committed article is in the lexical index in its committed version (stamp written
    after its documents), with exactly its visible chunks and attributed quotes; after a
    complete run nothing else is there."""
    problems = []
    for kind, docs, wanted in (
        ("chunk", lexical.chunks, {a: {f"{a}:{i}" for i in v} for a, v in chunks.items()}),
        ("quote", lexical.quotes, quotes),
    ):
        by_article: dict[str, set[str]] = {}
        for doc_id, stamp in docs.items():
            article_id = doc_id.rpartition(":")[0]
            if stamps.get(article_id) == stamp:
                by_article.setdefault(article_id, set()).add(doc_id)
        for article_id, stamp in sorted(stamps.items()):
            if lexical.articles.get(article_id) != stamp:
                continue  # reported once below
            if by_article.get(article_id, set()) != wanted.get(article_id, set()):
                problems.append(f"{article_id}: lexical {kind} documents differ from the store")
        if complete and len(docs) != sum(len(v) for v in wanted.values()):
            problems.append(f"lexical {kind} leftovers after a complete run")
    problems += [
        f"{a}: committed but not in the lexical index in that version"
        for a, stamp in sorted(stamps.items())
        if lexical.articles.get(a) != stamp
    ]
    return problems


def _check_archive(
    archived: dict[str, str], committed: set[str], expected: Expected, complete: bool
) -> list[str]:
    """The archive is what `rebuild` restores from: it must hold every committed article with
    its exact text (it is written first), nothing outside the input, and after a complete run
    every input article."""
    problems = [f"committed article {i} is not archived" for i in sorted(committed - set(archived))]
    problems += [
        f"archived article {i} is not in the input"
        for i in sorted(set(archived) - set(expected.texts))
    ]
    problems += [
        f"{i}: archived text differs from the input"
        for i, text in sorted(archived.items())
        if i in expected.texts and text != expected.texts[i]
    ]
    if complete:
        missing = set(expected.texts) - set(archived)
        problems += [f"input article {i} is not archived" for i in sorted(missing)]
    return problems


def _visible(
    result: dict, stamps: dict[str, str], texts: dict[str, str]
) -> dict[str, dict[int, tuple]]:
    """article id -> index -> (start, end, text) of items whose stamp matches the record; a
    chunk's or quote's text is its article record's text between its offsets (the records
    hold no document)."""
    found: dict[str, dict[int, tuple]] = {}
    for item_id, meta in zip(result["ids"], result["metadatas"], strict=True):
        article_id, _, index = item_id.rpartition(":")
        stamp = stamps.get(meta.get("article_id"))
        if stamp is not None and stamp == meta.get("article_hash"):
            text = (texts.get(meta["article_id"]) or "")[meta["start"] : meta["end"]]
            found.setdefault(article_id, {})[int(index.lstrip("q"))] = (
                meta["start"],
                meta["end"],
                text,
            )
    return found


def _compare(
    article_id: str,
    kind: str,
    visible: dict[str, dict[int, tuple]],
    expected: dict[str, list[tuple[int, int]]],
    text: str,
) -> list[str]:
    """A committed article has exactly its expected items, each an exact slice of its text."""
    stored = visible.get(article_id, {})
    spans = [(s, e) for _, (s, e, _) in sorted(stored.items())]
    problems = []
    if sorted(stored) != list(range(len(expected[article_id]))):
        problems.append(
            f"{article_id}: {kind}s {sorted(stored)} != 0..{len(expected[article_id]) - 1}"
        )
    elif spans != expected[article_id]:
        problems.append(f"{article_id}: {kind} spans differ from a clean ingest")
    for index, (start, end, item_text) in sorted(stored.items()):
        if kind == "quote" and text[start:end] != item_text:
            problems.append(f"{article_id}:{index}: quote text is not text[start:end]")
        if kind == "chunk" and text[start:end] != item_text:
            problems.append(f"{article_id}:{index}: chunk text is not text[start:end]")
    return problems


@dataclass
class Timing:
    """How long an ingest phase takes: the first batch (spaCy and model warm-up) plus the
    rest at a steady rate, so that kills spread over the whole phase, last batch included."""

    batch: int
    first_batch_s: float = 20.0
    per_article_s: float = 1.5

    def expected(self, pending: int) -> float:
        return 1.2 * (self.first_batch_s + max(0, pending - self.batch) * self.per_article_s)

    def learn(self, run: Run) -> None:
        if run.bar_at is None or run.first_written is None or run.written is None:
            return
        self.first_batch_s = run.first_written[0] - run.bar_at
        if run.written[1] > run.first_written[1]:
            steady = run.written[0] - run.first_written[0]
            self.per_article_s = steady / (run.written[1] - run.first_written[1])


def start_run(store_dir: Path, subset: Path, batch: int) -> Run:
    """The real CLI with its progress bar on stderr (read by a thread to time the kill)."""
    env = {**os.environ, "QUOTEDESK_WRITE_BATCH_ARTICLES": str(batch)}
    proc = subprocess.Popen(
        [*QUOTEDESK, "--store", str(store_dir), "ingest", str(subset)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    run = Run(proc, time.monotonic())
    threading.Thread(target=_watch, args=(run,), daemon=True).start()
    return run


def _watch(run: Run) -> None:
    """Note when the 'ingesting' bar appears and how many articles it will write."""
    import re

    buffer = b""
    assert run.proc.stderr is not None
    while chunk := run.proc.stderr.read1(4096):
        buffer = (buffer + chunk)[-4096:]
        text = buffer.decode("utf-8", "replace")
        bars = re.findall(r"ingesting:.*?\|\s*(\d+)/(\d+)", text)
        if bars and run.bar_at is None:
            run.bar_at = time.monotonic()
            run.pending = int(bars[0][1]) - int(bars[0][0])
        if bars and int(bars[-1][0]) > 0:
            run.written = (time.monotonic(), int(bars[-1][0]))
            run.first_written = run.first_written or run.written
        run.tail = text.replace("\r", "\n").splitlines()[-3:]


def run_trial(run: Run, rng: random.Random, startup_s: float, timing: Timing) -> str:
    """Kill `run` at a seeded random moment; returns 'killed' or 'completed'."""
    if rng.random() < STARTUP_KILL_SHARE:
        deadline = run.started + rng.uniform(0.0, startup_s)
    else:
        while run.bar_at is None and run.proc.poll() is None:
            time.sleep(0.05)
        if run.bar_at is None:  # nothing (or one article) to write: it just finishes
            run.proc.wait()
            return "completed"
        deadline = run.bar_at + rng.uniform(0.0, timing.expected(run.pending or 1))
    while time.monotonic() < deadline and run.proc.poll() is None:
        time.sleep(0.02)
    if run.proc.poll() is not None:
        return "completed"
    os.kill(run.proc.pid, signal.SIGKILL)
    run.proc.wait()
    return "killed"


def check_answers(store_dir: Path, expected: Expected, questions: int = 5) -> list[str]:
    """Answers from the repaired store cite exact slices of the stored article texts."""
    from app.api import QuoteDesk

    desk = QuoteDesk.open(store_dir)
    problems = []
    for article_id in sorted(expected.texts)[:questions]:
        article = desk.article(article_id)
        answer = desk.ask(article.title)
        if answer.abstained:
            problems.append(f"abstained on its own headline: {article.title!r}")
        for c in answer.citations:
            cited = desk.article(c.article_id)
            if cited is None or cited.text[c.start : c.end] != c.text:
                problems.append(f"citation {c.article_id}[{c.start}:{c.end}] is not verbatim")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=5, help="articles written per batch")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        parser.error(f"corpus not found: {args.corpus}")

    import app.api  # noqa: F401 - import every module now: one code version for the whole run

    rng = random.Random(args.seed)
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="qd-kill-"))
    try:
        return run_trials(args, work, rng, began)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_trials(args: argparse.Namespace, work: Path, rng: random.Random, began: float) -> int:
    """The trials, the final re-run and every check; prints the findings; 1 if any."""
    store_dir = work / "store"
    subset = make_subset(args.corpus, args.articles, work)
    expected = expected_state(subset)
    print(f"{len(expected.texts)} distinct articles, {args.trials} trials, seed {args.seed}")

    startup_s, timing = 30.0, Timing(args.batch)  # refined from what the runs show
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    for trial in range(1, args.trials + 1):
        run = start_run(store_dir, subset, args.batch)
        outcome = run_trial(run, rng, startup_s, timing)
        outcomes[outcome] += 1
        if run.bar_at is not None:
            startup_s = run.bar_at - run.started
        complete = outcome == "completed"
        if complete and run.proc.returncode != 0:
            problems.append(f"trial {trial}: ingest exited {run.proc.returncode}: {run.tail}")
        timing.learn(run)
        found = check_store(store_dir, expected, complete=complete)
        found += check_replica(store_dir, work / "replica")
        problems += [f"trial {trial}: {p}" for p in found]
        count = _count(store_dir)
        print(
            f"trial {trial:2d}: {outcome:9s} after {time.monotonic() - run.started:5.1f}s, "
            f"{count:3d} articles committed, {len(found)} inconsistencies",
            flush=True,
        )
        if complete:
            shutil.rmtree(store_dir)  # a new round: the next run has every article to write

    final = start_run(store_dir, subset, args.batch)
    final.proc.wait()
    if final.proc.returncode != 0:
        problems.append(f"final re-run exited {final.proc.returncode}: {final.tail}")
    problems += [f"final: {p}" for p in check_store(store_dir, expected, complete=True)]
    problems += [f"final: {p}" for p in check_replica(store_dir, work / "replica")]
    problems += [f"answers: {p}" for p in check_answers(store_dir, expected)]

    for problem in problems:
        print("INCONSISTENCY", problem)
    print(
        f"trials: {args.trials} ({outcomes['killed']} killed, {outcomes['completed']} completed)"
        f"; final articles: {_count(store_dir)}/{len(expected.texts)}"
        f"; inconsistencies: {len(problems)}; {time.monotonic() - began:.0f}s"
    )
    return 1 if problems else 0


def _count(store_dir: Path) -> int:
    from ingest.store import Store

    store = Store.open(store_dir)
    try:
        return store.articles.count()
    finally:
        store.client.close()


if __name__ == "__main__":
    sys.exit(main())
