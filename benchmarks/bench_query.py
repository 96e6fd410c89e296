"""Query benchmark: `ask` and `search` latency at growing corpus sizes vs a llama-index retriever.

Sizes beyond the real corpus are made by replicating its stored articles with new ids and
lightly perturbed text ("(copy k)" appended to each chunk) and vectors (Gaussian noise, 0.01,
renormalised), written straight into Chroma: embedding 100k articles would take hours here
and is what bench_ingest measures. The output says so.

    python -m benchmarks.bench_query --base-store DIR [--sizes 2000,20000] [--keep DIR]

A kept store is measured again without replicating or re-embedding anything (the llama-index
retriever is built over the store's own chunk collection, so both search the same vectors);
`--keep-records` also keeps its records file, whose first copy from Chroma takes minutes at
100k articles (then "open_s" is an open of an up-to-date file).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from benchmarks.common import chroma_server, machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "What did the minister say about the economy?",
    "Who said the decision was a mistake?",
    "How did the company explain the fall in profits?",
    "What happened at the match on Saturday?",
    "What did the prime minister say about the election?",
    "Why did shares fall?",
    "What did the manager say about injuries?",
    "What is the new mobile phone technology?",
    "What did critics say about the film?",
    "How much did oil prices rise?",
]


def replicate(base: Path, target: Path, articles: int) -> dict:
    """Copy the base store's records into `target` until it holds `articles` articles.

    Articles already in `target` are skipped, so a killed run resumes and a bigger corpus can
    start from a copy of a smaller one. An article's record is written after its chunks and
    quotes, so its presence means the article is complete (a killed copy's leftover chunks
    and quotes are deleted before it is written again).

    Vectors stay one float32 array per collection and copy (noise and renormalising are array
    operations), and records go in with `add` in Chroma's largest batches: no Python list of
    floats per record (`python -m benchmarks.bench_replicate` measures it).
    """

    from ingest.store import ARTICLES, CHUNKS, QUOTES, Store

    src = Store.open(base).client
    dst = Store.open(target).client  # creates the collections with the product's settings
    done = set(dst.get_collection(ARTICLES).get(include=[])["ids"])
    rng = np.random.default_rng(0)
    names = (CHUNKS, QUOTES, ARTICLES)
    base_rows = {n: _BaseRows.read(src, n) for n in names}
    base_count = len(base_rows[ARTICLES].ids)
    copies = max(1, -(-articles // base_count))
    batch = dst.get_max_batch_size()
    for copy in range(copies):
        kept = base_rows[ARTICLES].ids[: articles - copy * base_count]
        keep = {a for a in kept if _copy_id(a, copy) not in done}
        if keep:
            for name in names:
                _write_copy(dst.get_collection(name), base_rows[name], keep, copy, rng, batch)
    return counts(target)


class _BaseRows(NamedTuple):
    """One collection of the base store: its records, each one's article, its vectors."""

    name: str
    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    owners: list[str]
    vectors: np.ndarray

    @classmethod
    def read(cls, client: Any, name: str) -> _BaseRows:
        got = client.get_collection(name).get(include=["documents", "metadatas", "embeddings"])
        owners = [
            _owner(name, rid, meta) for rid, meta in zip(got["ids"], got["metadatas"], strict=True)
        ]
        vectors = np.asarray(got["embeddings"], dtype=np.float32)
        return cls(name, got["ids"], got["documents"], got["metadatas"], owners, vectors)


def _write_copy(
    collection: Any,
    rows: _BaseRows,
    keep: set[str],
    copy: int,
    rng: np.random.Generator,
    batch: int,
) -> None:
    """Copy `copy` of the base records of the articles in `keep` into `collection`.

    Copies after the first get new ids, "(copy k)" appended to each chunk and perturbed
    vectors; leftovers of a killed copy of these articles are deleted first."""
    from ingest.store import ARTICLES, CHUNKS, flat_metadata

    rows_kept = [i for i, owner in enumerate(rows.owners) if owner in keep]
    vecs = rows.vectors[rows_kept]
    if copy and rows.name != ARTICLES:
        vecs = vecs + rng.normal(0, 0.01, vecs.shape).astype(np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.where(norms == 0, 1, norms)
    ids, docs, metas = [], [], []
    for i in rows_kept:
        rid, doc, meta = rows.ids[i], rows.documents[i], rows.metadatas[i]
        article_id = rows.owners[i]
        new_article = _copy_id(article_id, copy)
        meta = flat_metadata(meta)  # copies are written flat, which readers read too
        for key in ("article_id", "document_id", "doc_id", "ref_doc_id"):
            if key in meta:
                meta[key] = new_article
        if "chunk_id" in meta and copy:
            meta["chunk_id"] = meta["chunk_id"].replace(article_id, new_article, 1)
        meta.pop("_node_content", None)
        ids.append(
            rid.replace(article_id, new_article, 1) if rows.name != ARTICLES else new_article
        )
        docs.append(f"{doc} (copy {copy})" if copy and rows.name == CHUNKS else doc)
        metas.append(meta)
    if rows.name != ARTICLES:
        gone = sorted({_copy_id(a, copy) for a in keep})
        for s in range(0, len(gone), 500):
            collection.delete(where={"document_id": {"$in": gone[s : s + 500]}})
    for s in range(0, len(ids), batch):
        collection.add(
            ids=ids[s : s + batch],
            documents=docs[s : s + batch],
            metadatas=metas[s : s + batch],
            embeddings=vecs[s : s + batch],
        )


def _owner(collection: str, record_id: str, meta: dict) -> str:
    """The article a base record belongs to."""
    from ingest.store import ARTICLES

    if collection == ARTICLES:
        return record_id
    return meta["article_id"] if "article_id" in meta else meta["document_id"]


def _copy_id(article_id: str, copy: int) -> str:
    return f"{article_id}~{copy}" if copy else article_id


def counts(store: Path) -> dict[str, int]:
    """Records per collection of a store (empty when there is no store yet)."""
    from ingest.store import ARTICLES, CHUNKS, QUOTES, Store

    if not (store / "chroma").is_dir():
        return {}
    client = Store.open(store).client
    return {n: client.get_collection(n).count() for n in (ARTICLES, CHUNKS, QUOTES)}


def measure(store: Path, repeats: int) -> dict:
    """In a child process: open, warm up, then time ask/search and the llama-index retriever."""
    from llama_index.core import VectorStoreIndex

    from app.api import QuoteDesk

    started = time.perf_counter()
    desk = QuoteDesk.open(store)
    open_s = time.perf_counter() - started
    desk.ask(QUESTIONS[0])
    timings: dict[str, list[float]] = {"ask": [], "search": [], "llamaindex": []}
    index = VectorStoreIndex.from_vector_store(
        desk.store.chunk_vectors, embed_model=desk.retriever.embedder.torch_model
    )
    baseline = index.as_retriever(similarity_top_k=10)
    baseline.retrieve(QUESTIONS[0])
    for r in range(repeats):
        for q in QUESTIONS:
            q = f"{q} {r}" if r else q  # defeat the query-embedding cache on repeats
            for name, call in (
                ("ask", desk.ask),
                ("search", lambda x: desk.search(x, 10)),
                ("llamaindex", baseline.retrieve),
            ):
                t = time.perf_counter()
                call(q)
                timings[name].append((time.perf_counter() - t) * 1000)
    result = {"open_s": open_s, "rss_mb": peak_rss_mb(os.getpid())}
    for name, values in timings.items():
        values.sort()
        result[name] = {
            "p50": statistics.median(values),
            "p95": values[int(0.95 * (len(values) - 1))],
        }
    return result


def answer_only(store: Path) -> dict:
    """In a child process that is what `quotedesk ask` or `serve` runs (no torch, no
    llama-index): open a store whose records file an earlier open wrote, answer every
    question once, and report the open time and the process's peak RSS."""
    from app.api import QuoteDesk

    started = time.perf_counter()
    desk = QuoteDesk.open(store)
    opened = time.perf_counter() - started
    desk.ask(QUESTIONS[1])  # a "who said" question: it also builds the speaker index
    first = time.perf_counter() - started - opened
    for question in QUESTIONS:
        desk.ask(question)
    return {
        "open_cached_s": opened,
        "first_answer_s": first,
        "answering_rss_mb": peak_rss_mb(os.getpid()),
    }


def peak_rss_mb(pid: int) -> float:
    """A running process's peak resident set so far (VmHWM), in MB.

    Not `ru_maxrss`: Linux keeps that across fork and exec, so a child of this script reported
    at least this script's own peak, which holds the store's Chroma collections after `counts`
    (about 600 MB at 20k articles): the server-mode app's "609 MB" of 2026-12-04 (second
    session) was that. VmHWM belongs to the address space, which exec replaces."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(line.split()[1] for line in lines if line.startswith("VmHWM"))) / 1024


def answer_via_server(store: Path, child: list[str]) -> dict:
    """The answering child again, with the store's Chroma folder served by `chroma run`:
    what a quotedesk app process holds when the vectors live in a Chroma server, and what
    the server holds."""
    with chroma_server(store / "chroma", store / "chroma-server.log") as (url, pid):
        measured = run_child(child, {"QUOTEDESK_CHROMA_URL": url})
        return {
            "server_open_cached_s": measured["open_cached_s"],
            "server_app_rss_mb": measured["answering_rss_mb"],
            "server_chroma_rss_mb": peak_rss_mb(pid),
        }


def elsewhere(store: Path, url: str | None = None) -> Path:
    """Another machine's store folder on the same Chroma: its own records file, lexical index
    and archive, made as a copy of the store's (a machine that was up to date: its first open
    does not copy and index the whole store again). Embedded, its `chroma` folder is a link
    to the store's (used by one process at a time); with a server, both are clients of `url`.
    Remove it (`forget_elsewhere`) when the store's own records file is removed."""
    other = store.parent / f"{store.name}-elsewhere"
    if not other.exists():
        other.mkdir()
        if (store / "records.sqlite").is_file():  # a consistent copy, without -wal / -shm
            with (
                contextlib.closing(sqlite3.connect(store / "records.sqlite")) as source,
                contextlib.closing(sqlite3.connect(other / "records.sqlite")) as copy,
            ):
                source.backup(copy)
        if (store / "lexical").is_dir():
            shutil.copytree(store / "lexical", other / "lexical")
    link = other / "chroma"
    if url is None and not link.exists():
        link.symlink_to((store / "chroma").resolve(), target_is_directory=True)
    return other


def forget_elsewhere(store: Path) -> None:
    shutil.rmtree(store.parent / f"{store.name}-elsewhere", ignore_errors=True)


def ingest_elsewhere(store: Path, records: list[dict], url: str | None = None) -> list[str]:
    """Ingest these article records from another machine's folder (`elsewhere`) with this
    tree's CLI; returns their ids. The store's own records file is left as another machine's
    ingest leaves it: without them, and without having seen that ingest's ledger entries."""
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "new.jsonl"
        batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        cli = "from app.cli import cli; cli(prog_name='quotedesk')"  # `python -m app` serves
        command = [sys.executable, "-c", cli, "--store", str(elsewhere(store, url)), "ingest"]
        environment = os.environ | ({"QUOTEDESK_CHROMA_URL": url} if url else {})
        done = subprocess.run(
            [*command, str(batch)], cwd=ROOT, capture_output=True, text=True, env=environment
        )
        if done.returncode:
            raise RuntimeError(
                f"ingest elsewhere failed: {done.stdout[-1000:]} {done.stderr[-1000:]}"
            )
    return [r["id"] for r in records]


def delete_elsewhere(store: Path, ids: list[str], url: str | None = None) -> None:
    """Delete these articles from another machine's folder (`elsewhere`)."""
    from ingest.store import Store

    Store.open(elsewhere(store, url), url).delete_articles(ids)


def open_after_ingest(store: Path, base: Path, child: list[str], articles: int = 5) -> dict:
    """A new app process's first open, and first answer, after another machine ingested a few
    articles into the shared Chroma: its records file lacks them, and it copies in only those
    (and its speaker index is no longer the stored one's state). The other machine is a
    second store folder on the same Chroma (`elsewhere`), ingesting with this tree's CLI; the
    added articles are deleted again (from there) afterwards."""
    from ingest.store import Store

    records = [
        {
            "id": f"bench-new-{n}",
            "title": article.title,
            "text": article.text,
            "source": article.source,
            "published": article.published,
        }
        for n, article in enumerate(Store.open(base).iter_articles())
        if n < articles
    ]
    ids = ingest_elsewhere(store, records)
    try:
        measured = run_child(child)
    finally:
        delete_elsewhere(store, ids)
    return {
        "open_after_ingest_s": measured["open_cached_s"],
        "first_answer_after_ingest_s": measured["first_answer_s"],
    }


def run_child(command: list[str], env: dict[str, str] | None = None) -> dict:
    """A fresh process per measurement: each open pays for the model and imports again."""
    out = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True, env=os.environ | (env or {})
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--base-store", type=Path, required=True, help="a store made by `quotedesk ingest`"
    )
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "query.json")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the replicated stores in KEEP/<size> and reuse them on later runs "
        "(replicating 20k articles takes about 20 minutes here)",
    )
    parser.add_argument(
        "--server",
        action="store_true",
        help="also answer with each store served by `chroma run`, and report both processes' RSS",
    )
    parser.add_argument(
        "--keep-records",
        action="store_true",
        help="keep a kept store's records file (by default it is removed, so the first open "
        "copies every record in from Chroma, as for a store written before that file)",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--open-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--replicate", type=int, help=argparse.SUPPRESS)
    return parser


def main() -> None:
    args = _parser().parse_args()
    if args.child and args.replicate:
        print(json.dumps(replicate(args.base_store, args.child, args.replicate)))
        return
    if args.child and args.open_only:
        print(json.dumps(answer_only(args.child)))
        return
    if args.child:
        print(json.dumps(measure(args.child, args.repeats)))
        return
    results = {size: _measure_size(args, size) for size in map(int, args.sizes.split(","))}
    _report(results, args.server)
    write_json(args.out, {"machine": machine(), "results": results})


def _measure_size(args: argparse.Namespace, size: int) -> dict:
    """Replicate (or reuse a kept) store of `size` articles and measure it in child processes."""
    with contextlib.ExitStack() as stack:
        folder = args.keep / str(size) if args.keep else None
        folder = folder or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        started = time.perf_counter()
        found = counts(folder)
        child = [sys.executable, "-m", "benchmarks.bench_query", "--base-store"]
        child += [str(args.base_store), "--child", str(folder), "--repeats", str(args.repeats)]
        if found.get("quotedesk_articles") != size:
            # In a child: the records it holds would otherwise stay in this process.
            found = run_child([*child, "--replicate", str(size)])
        build_s = time.perf_counter() - started
        # The first open is that of a store written before the records file existed (as the
        # replicated one is): it copies every record in from Chroma.
        if not args.keep_records:
            for path in folder.glob("records.sqlite*"):
                path.unlink()
            forget_elsewhere(folder)
        return (
            run_child(child)
            | run_child([*child, "--open-only"])
            | (answer_via_server(folder, [*child, "--open-only"]) if args.server else {})
            | open_after_ingest(folder, args.base_store, [*child, "--open-only"])
            | {"counts": found, "build_s": build_s}
        )


def _report(results: dict[int, dict], server: bool) -> None:
    """Print the latency and memory tables; adds each size's ratios to the llama-index retriever."""
    print(f"# query benchmark; {machine()}")
    print("# corpora above the base size are replicated copies with perturbed text and vectors")
    corpus = {}
    for size, r in results.items():
        found = r["counts"]
        articles, chunks = found["quotedesk_articles"], found["quotedesk_chunks"]
        corpus[size] = f"{articles:,} articles / {chunks:,} chunks"
    latency = ["ask", "search", "llamaindex"]
    print_table(
        ["corpus"] + [f"{name} {p} ms" for name in latency for p in ("p50", "p95")],
        [
            [corpus[size]] + [r[n][p] for n in latency for p in ("p50", "p95")]
            for size, r in results.items()
        ],
    )
    for size, r in results.items():
        search, ask = (r[name]["p50"] / r["llamaindex"]["p50"] for name in ("search", "ask"))
        r["search_vs_llamaindex"], r["ask_vs_llamaindex"] = search, ask
        print(
            f"{corpus[size]}: search / llama-index retriever p50 {search:.2f}x, "
            f"ask (search + answer) / llama-index retriever p50 {ask:.2f}x (< 1 is faster)"
        )
    print("# RSS: the measuring process also holds torch and llama-index (for the baseline);")
    print("# the answering process is what `quotedesk ask`/`serve` runs")
    memory = ["open_s", "open_cached_s", "first_answer_s", "open_after_ingest_s"]
    memory += ["first_answer_after_ingest_s", "rss_mb"]
    memory += ["answering_rss_mb"]
    memory += ["server_app_rss_mb", "server_chroma_rss_mb"] if server else []
    rows = [[corpus[size]] + [r[m] for m in memory] for size, r in results.items()]
    print_table(["corpus", *memory], rows)


if __name__ == "__main__":
    main()
