"""Does ingest's model pass lose to the GIL, or only to CPU, when other ingest work runs beside
it? The pass over one stage (real model, onnxruntime: `embed_batch` on what
`Ingestor.prepare` gives it, as ingest runs it) is timed alone, then beside a neighbour run in
a loop on other articles: quote finding in a thread of the same process and in a process of
its own (both take the same CPU; only the thread shares the GIL), and store writes of about
128 and 1,000 chunks in a thread (`Store.write`, as ingest writes a stage). The neighbour's
progress (articles or chunks per second) is printed too, so a neighbour that starves is seen.

    python -m benchmarks.pass_beside [--corpus FILE] [--articles 150] [--switch-interval S]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from benchmarks.common import machine

if TYPE_CHECKING:  # imported at run time after the process switches (see `main`)
    from ingest.pipeline import Prepared
    from ingest.store import Store
    from ingest.types import Article, Chunk

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc" / "articles.jsonl"
)


def _find_quotes_until(texts: list[str], stop, done) -> None:  # noqa: ANN001
    """Quote finding over `texts`, again and again, until `stop` is set; counts articles."""
    from ingest.quotes import extract_quotes_many, load_models

    load_models()
    done.value = 0
    while not stop.is_set():
        for text in texts:
            if stop.is_set():
                return
            extract_quotes_many([text])
            done.value += 1


def _write_until(store: Store, prepared: Prepared, page: int, stop, done) -> None:  # noqa: ANN001
    """Store writes of about `page` chunks with clustered random vectors, again and again,
    until `stop` is set: copies of the prepared articles under fresh ids (a write of ids
    already stored would do less work). Counts chunks."""
    import numpy as np

    rng = np.random.default_rng(0)
    centre = 4 * rng.standard_normal(384, dtype=np.float32)
    chunks_of: dict[str, list[Chunk]] = {a.id: [] for a in prepared.articles}
    for chunk in prepared.chunks:
        chunks_of[chunk.article_id].append(chunk)
    done.value = 0
    copies = itertools.count()
    while not stop.is_set():
        articles: list[Article] = []
        chunks: list[Chunk] = []
        while len(chunks) < page:
            n = next(copies)
            article = prepared.articles[n % len(prepared.articles)]
            copy = replace(article, id=f"copy{n}-{article.id}")
            articles.append(copy)
            chunks += [
                replace(c, id=f"{copy.id}:{c.index}", article_id=copy.id)
                for c in chunks_of[article.id]
            ]
        vectors = rng.standard_normal((len(chunks), 384), dtype=np.float32) + centre
        store.write(articles, chunks, vectors.tolist(), [], [], {a.id: "beside" for a in articles})
        done.value += len(chunks)


class _Count:
    value = 0


class _Stop(Protocol):
    """A thread's or a process's stop event."""

    def set(self) -> None: ...


class _Counter(Protocol):
    """A neighbour's count of work done (a `_Count`, or a process's shared `Value`)."""

    value: int


def _beside_thread(timed_pass, target, *args) -> tuple[float, float]:  # noqa: ANN001
    """The pass's seconds while `target(*args, stop, count)` runs in a thread started a second
    before, and the neighbour's rate over the pass (its count per second)."""
    stop, count = threading.Event(), _Count()
    thread = threading.Thread(target=target, args=(*args, stop, count))
    return _beside(timed_pass, thread, stop, count, lambda: time.sleep(1.0))


def _beside_process(timed_pass: Callable[[], float], other_texts: list[str]) -> tuple[float, float]:
    """The pass's seconds while another process finds quotes, and that process's rate."""
    context = multiprocessing.get_context("spawn")
    stop, count = context.Event(), context.Value("i", -1)
    process = context.Process(target=_find_quotes_until, args=(other_texts, stop, count))

    def loaded() -> None:
        while count.value < 1:  # loaded and running
            time.sleep(0.1)

    return _beside(timed_pass, process, stop, count, loaded)


def _beside(
    timed_pass: Callable[[], float],
    neighbour: threading.Thread | multiprocessing.Process,
    stop: _Stop,
    count: _Counter,
    ready: Callable[[], None],
) -> tuple[float, float]:
    """Start the neighbour, wait until `ready`, time the pass, stop and join the neighbour:
    the pass's seconds and the neighbour's count per second over them."""
    neighbour.start()
    ready()
    before = count.value
    seconds = timed_pass()
    rate = (count.value - before) / seconds
    stop.set()
    neighbour.join()
    return seconds, rate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval, seconds")
    return parser


def main() -> None:
    args = _parser().parse_args()
    from app.settings import set_process_switches

    set_process_switches()  # at start, before any library loads, as `quotedesk` does
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)

    from app.api import QuoteDesk
    from ingest.chunk_pass import embed_batch
    from ingest.loaders import load_file
    from ingest.pipeline import IngestReport
    from ingest.quotes import load_models
    from ingest.store import Store

    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: 2 * args.articles]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        subset.write_text("\n".join(lines), encoding="utf-8")
        articles = load_file(subset, 10**9).articles
        desk = QuoteDesk.open(Path(folder) / "store")
        ingestor = desk.ingestor
        ingestor.warm()
        stage, others = articles[: args.articles], articles[args.articles :]
        prepared = ingestor.prepare(stage, IngestReport())
        quotes = [s.quote for s in prepared.quotes]
        article_texts = {a.id: a.text for a in stage}
        embedder = ingestor.embedder
        embed_batch(embedder, prepared.chunks[:16], [], article_texts)  # warm

        def timed_pass() -> float:
            started = time.perf_counter()
            embed_batch(embedder, prepared.chunks, quotes, article_texts)
            return time.perf_counter() - started

        results = {"alone": (timed_pass(), 0.0)}
        load_models()
        other_texts = [a.text for a in others]
        results["beside a thread"] = _beside_thread(timed_pass, _find_quotes_until, other_texts)
        written = ingestor.prepare(others, IngestReport())
        for page in (128, 1000):
            store = Store.open(Path(folder) / f"beside{page}")
            results[f"beside a thread's store writes of {page} chunks"] = _beside_thread(
                timed_pass, _write_until, store, written, page
            )

        results["beside a process"] = _beside_process(timed_pass, other_texts)
    print(
        f"# model pass over {len(prepared.chunks)} chunks and {len(quotes)} quotes of"
        f" {args.articles} articles, switch interval"
        f" {sys.getswitchinterval() * 1000:.1f} ms; {machine()}"
    )
    for name, (seconds, rate) in results.items():
        print(f"{name}: pass {seconds:.2f} s; neighbour's rate {rate:.1f} (articles or chunks/s)")
    print(json.dumps({k: v[0] for k, v in results.items()}))


if __name__ == "__main__":
    main()
