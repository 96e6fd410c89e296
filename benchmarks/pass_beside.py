"""Does ingest's model pass lose to the GIL, or only to CPU, when other ingest work runs beside
it? The pass over one stage's chunks (real model, onnxruntime, as ingest runs it) is timed
alone, then beside quote finding on other articles run in a loop by a thread of the same
process, and by a process of its own. Both neighbours take the same CPU; only the thread
shares the GIL. The neighbour's progress (articles of quote finding per second) is printed
too, so a neighbour that starves is seen.

    python -m benchmarks.pass_beside [--corpus FILE] [--articles 150] [--switch-interval S]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import threading
import time
from pathlib import Path

from benchmarks.common import machine

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


def _add_until(folder: str, page: int, stop, done) -> None:  # noqa: ANN001
    """Chroma adds of `page` clustered random records, again and again, until `stop` is set;
    counts records."""
    import chromadb
    import numpy as np

    rng = np.random.default_rng(0)
    centre = 4 * rng.standard_normal(384, dtype=np.float32)
    client = chromadb.PersistentClient(path=folder)
    collection = client.get_or_create_collection(
        "beside", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )
    done.value = 0
    while not stop.is_set():
        vectors = rng.standard_normal((page, 384), dtype=np.float32) + centre
        first = done.value
        collection.add(
            ids=[str(first + i) for i in range(page)],
            embeddings=vectors,
            documents=["The minister said the talks would resume on Tuesday."] * page,
            metadatas=[{"article_id": f"a{(first + i) // 5}"} for i in range(page)],
        )
        done.value += page


class _Count:
    value = 0


def _beside_thread(timed_pass, target, *args) -> tuple[float, float]:  # noqa: ANN001
    """The pass's seconds while `target(*args, stop, count)` runs in a thread started a second
    before, and the neighbour's rate over the pass (its count per second)."""
    stop = threading.Event()
    count = _Count()
    thread = threading.Thread(target=target, args=(*args, stop, count))
    thread.start()
    time.sleep(1.0)
    before = count.value
    seconds = timed_pass()
    rate = (count.value - before) / seconds
    stop.set()
    thread.join()
    return seconds, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval, seconds")
    args = parser.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)

    from app.api import QuoteDesk
    from ingest.chunk_pass import _reading
    from ingest.chunking import chunk_article
    from ingest.loaders import load_file
    from ingest.quotes import extract_quotes_many, load_models

    lines = args.corpus.read_text(encoding="utf-8").splitlines()[: 2 * args.articles]
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        subset.write_text("\n".join(lines), encoding="utf-8")
        articles = load_file(subset, 10**9).articles
        desk = QuoteDesk.open(Path(folder) / "store")
        ingestor = desk.ingestor
        ingestor.warm()
        stage, others = articles[: args.articles], [a.text for a in articles[args.articles :]]
        quotes = extract_quotes_many([a.text for a in stage])
        readings = [
            _reading(c, a.text)
            for a, q in zip(stage, quotes, strict=True)
            for c in chunk_article(a, q, ingestor.count_tokens, ingestor.chunk_max_tokens)
        ]
        texts = [r.text for r in readings]
        spans = [[(s + r.shift, e + r.shift) for s, e in r.sentences] for r in readings]
        embedder = ingestor.embedder
        embedder.pooled(texts[:16], spans[:16])  # warm

        def timed_pass() -> float:
            started = time.perf_counter()
            embedder.pooled(texts, spans)
            return time.perf_counter() - started

        results = {"alone": (timed_pass(), 0.0)}
        load_models()
        results["beside a thread"] = _beside_thread(timed_pass, _find_quotes_until, others)
        for page in (128, 1000):
            results[f"beside a thread's Chroma adds of {page}"] = _beside_thread(
                timed_pass, _add_until, str(Path(folder) / f"beside{page}"), page
            )

        context = multiprocessing.get_context("spawn")
        stop_p, count_p = context.Event(), context.Value("i", -1)
        process = context.Process(target=_find_quotes_until, args=(others, stop_p, count_p))
        process.start()
        while count_p.value < 1:  # loaded and running
            time.sleep(0.1)
        before = count_p.value
        seconds = timed_pass()
        results["beside a process"] = (seconds, (count_p.value - before) / seconds)
        stop_p.set()
        process.join()
    print(
        f"# model pass over {len(texts)} chunks of {args.articles} articles, switch interval"
        f" {sys.getswitchinterval() * 1000:.1f} ms; {machine()}"
    )
    for name, (seconds, rate) in results.items():
        print(f"{name}: pass {seconds:.2f} s; neighbour's rate {rate:.1f} (articles or records/s)")
    print(json.dumps({k: v[0] for k, v in results.items()}))


if __name__ == "__main__":
    main()
