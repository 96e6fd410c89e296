"""Where ingest's time goes outside the model: cProfile over one ingest of the first N articles.

Prints the ingest's stage seconds and the functions with the most own and cumulative time,
so that a change to the store writes or quote finding is measured on the same articles.

    python -m benchmarks.profile_ingest [--corpus FILE] [--limit 50] [--top 25] [--digest]
        [--floor] [--cpu-clock] [--stats FILE]

`--stats FILE` also writes cProfile's raw statistics (`pstats.Stats(FILE)`), to read callers
and callees of one function afterwards without profiling again.

`--floor` then times the model pass once over all the stored chunks (one call, as
`bench_ingest`'s raw-pass floor; quotes read on their own are left out) and prints its CPU
beside the ingest's and beside the CPU of the ingest's own model-pass stage (`embed`), so the
ingest's cost over the floor splits into the pass run per stage and the work around it.

`--digest` prints a hash of everything the ingest stored in Chroma (each chunk's and quote's
id, text, metadata and vector bytes, each article record's id, text and metadata but its
ingest time and its file's folder): a change to the write path must leave it as it was (with
`--no-model` the vectors are the same on every run; with the model too, as its batches do not
depend on the writes).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from benchmarks.common import machine

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc" / "articles.jsonl"
)


def main() -> None:
    args = _parser().parse_args()
    _apply_switches(args)
    run = _profiled_ingest(args)
    _print_run(args, run)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--store", type=Path, help="store folder (default: a temporary one)")
    parser.add_argument(
        "--no-model",
        action="store_true",
        help="random hidden states instead of the model: profiles everything else, cheaply",
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="stage seconds only, without cProfile's cost"
    )
    parser.add_argument(
        "--cpu-clock",
        action="store_true",
        help="cProfile counts the process's CPU seconds (every thread's, native ones too)"
        " instead of wall seconds: on a shared machine, what a function costs, not how long"
        " it waited",
    )
    parser.add_argument(
        "--overlapped", action="store_true", help="stages overlapped (Ingestor.overlap)"
    )
    parser.add_argument("--stage-articles", type=int, help="articles per ingest stage")
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval, seconds")
    parser.add_argument(
        "--pass-trim-every",
        type=int,
        help="malloc_trim after every Nth model pass call only (0: never; ingest still trims"
        " after each stage)",
    )
    parser.add_argument(
        "--mmap-threshold", type=int, help="glibc M_MMAP_THRESHOLD, bytes (fixed, not dynamic)"
    )
    parser.add_argument(
        "--digest", action="store_true", help="print a hash of the stored records and vectors"
    )
    parser.add_argument(
        "--floor", action="store_true", help="then time one model pass over all stored chunks"
    )
    parser.add_argument("--stats", type=Path, help="write cProfile's statistics to this file")
    parser.add_argument(
        "--write-page",
        type=int,
        help="records per Chroma write request (Store.max_batch; default: Chroma's maximum)",
    )
    parser.add_argument(
        "--arena-max",
        type=int,
        help="glibc M_ARENA_MAX: malloc arenas (the process switches set 1 first, as the"
        " `quotedesk` command does)",
    )
    return parser


def _apply_switches(args: argparse.Namespace) -> None:
    """Process and library settings the run asks for, set before the pipeline is imported."""
    from app.settings import set_process_switches

    set_process_switches()  # at start, before any library loads, as `quotedesk` does
    if args.switch_interval:
        import sys

        sys.setswitchinterval(args.switch_interval)
    import ingest.pipeline

    if args.stage_articles:
        ingest.pipeline.STAGE_ARTICLES = args.stage_articles
    if args.no_model:
        _skip_model()
    if args.pass_trim_every is not None:
        _trim_every(args.pass_trim_every)
    if args.mmap_threshold:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-3, args.mmap_threshold)  # M_MMAP_THRESHOLD
    if args.arena_max:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, args.arena_max)  # M_ARENA_MAX


class _Run(NamedTuple):
    """One profiled ingest: what it reported, its wall and CPU seconds, and the extras asked."""

    report: object  # ingest.pipeline's report, imported after the switches
    wall: float
    cpu: float
    profile: cProfile.Profile
    digest: str | None
    floor: _Floor | None


def _profiled_ingest(args: argparse.Namespace) -> _Run:
    """Ingest the first `--limit` articles into a fresh (or the given) store under cProfile."""
    from app.api import QuoteDesk

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "subset.jsonl"
        lines = args.corpus.read_text(encoding="utf-8").splitlines()[: args.limit]
        corpus.write_text("\n".join(lines), encoding="utf-8")
        desk = QuoteDesk.open(args.store or Path(folder) / "store")
        desk.ingestor = replace(desk.ingestor, overlap=args.overlapped)
        if args.write_page:
            desk.store.max_batch = args.write_page
        desk.ingestor.warm()  # the models load outside the profile
        profile = cProfile.Profile(time.process_time) if args.cpu_clock else cProfile.Profile()
        started, cpu = time.perf_counter(), time.process_time()
        if not args.no_profile:
            profile.enable()
        report = desk.ingest([corpus], progress=False)
        profile.disable()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        digest = _digest(desk.store) if args.digest else None
        floor = _floor(desk) if args.floor else None
    return _Run(report, wall, cpu, profile, digest, floor)


def _print_run(args: argparse.Namespace, run: _Run) -> None:
    """Stage seconds, the floor's ratio, the digest, then cProfile's tables."""
    import ingest.pipeline

    report, cpu, floor = run.report, run.cpu, run.floor
    print(
        f"# ingest profile: {report.added} articles of {args.corpus.name},"
        f" overlapped {args.overlapped}, stages of {ingest.pipeline.STAGE_ARTICLES}; {machine()}"
    )
    print(
        f"ingest {run.wall:.2f}s, CPU {cpu:.2f}s, peak RSS {_peak_mb():,.0f} MB; "
        + ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
    )
    print("CPU by stage: " + ", ".join(f"{k} {v:.2f}s" for k, v in report.cpu_seconds.items()))
    if floor is not None:
        embed = report.cpu_seconds.get("embed", 0.0)
        print(
            f"floor, one pass over the {floor.texts} chunks: {floor.wall:.2f}s, CPU"
            f" {floor.cpu:.2f}s; ingest CPU / floor CPU {cpu / floor.cpu:.3f}x, the ingest's"
            f" embed stage CPU / floor CPU {embed / floor.cpu:.3f}x, the rest of the ingest"
            f" {cpu - embed:.2f}s CPU"
        )
    if run.digest is not None:
        print(f"stored records and vectors: sha256 {run.digest}")
    if args.stats and not args.no_profile:
        run.profile.dump_stats(args.stats)
    for order in () if args.no_profile else ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(run.profile, stream=out).sort_stats(order).print_stats(args.top)
        print(out.getvalue())


def _trim_every(every: int) -> None:
    """The model pass trims freed memory after every `every`th call (0: never)."""
    import itertools

    import ingest.token_pass
    from ingest.memory import release_free_memory

    calls = itertools.count(1)

    def trim() -> bool:
        return bool(every) and next(calls) % every == 0 and release_free_memory()

    ingest.token_pass.release_free_memory = trim


def _digest(store) -> str:  # noqa: ANN001 - ingest.store.Store, imported after the switches
    """sha256 over every chunk and quote record (id, text, metadata, vector bytes) and every
    article record's id, text and metadata, in id order; of the metadata, an article's ingest
    time is left out and its origin kept without the folder (a temporary one per run). A
    chunk's or quote's text is the one the store reads (`Store.visible`), and its metadata
    leaves out llama-index's keys, as stores written before 2026-12-05 hold them (with the
    text as the record's document) and stores written since hold neither; packed fields
    (`ingest.store.PACKED`, since perf21) are read as keys: the digest of the same articles
    ingested by either code is the same if what readers get is."""
    import hashlib
    import json

    from ingest.store import flat_metadata

    chunks, quotes = store.visible(store.article_hashes())
    read = {c: chunk.text for c, chunk in chunks.items()}
    read.update((q, stored.quote.text) for q, stored in quotes.items())
    digest = hashlib.sha256()
    for collection in (store.chunks, store.quotes, store.articles):
        records = sorted(store.iter_records(collection, include=["metadatas", "documents"]))
        ids = [record_id for record_id, _, _ in records]
        vectors = store.vectors(collection, ids) if collection is not store.articles else None
        for n, (record_id, meta, document) in enumerate(records):
            text = document if collection is store.articles else read[record_id]
            meta = {k: v for k, v in flat_metadata(meta).items() if k not in _NOT_HASHED}
            if "origin" in meta:
                meta["origin"] = Path(meta["origin"]).name
            digest.update(json.dumps([record_id, text, meta], sort_keys=True).encode())
            if vectors is not None:
                digest.update(vectors.matrix[n].tobytes())
    return digest.hexdigest()


# Metadata the digest leaves out: an article's ingest time, and llama-index's keys.
_NOT_HASHED = ("ingested_at", "_node_content", "_node_type", "document_id", "doc_id", "ref_doc_id")


class _Floor(NamedTuple):
    texts: int
    wall: float
    cpu: float


def _floor(desk) -> _Floor:  # noqa: ANN001 - app.api.QuoteDesk, imported after the switches
    """One call of the model pass over every stored chunk's text, as `bench_ingest` times its
    raw-pass floor."""
    from ingest.chunking import embedding_text

    texts = [embedding_text(c) for c in desk.store.all_chunks()]
    started, cpu = time.perf_counter(), time.process_time()
    desk.ingestor.embedder.pooled(texts, [[] for _ in texts])
    return _Floor(len(texts), time.perf_counter() - started, time.process_time() - cpu)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _skip_model() -> None:
    """Replace the transformer by a fixed random vector per word piece id plus a shared
    direction (seeded): texts sharing words get close vectors, as real ones do, so Chroma's
    index sees clustered vectors, not uniform noise (which its HNSW inserts far more slowly).
    Pooling, quote finding, chunking and the store writes run as in ingest; the model costs
    nothing."""
    import numpy as np

    from ingest.pooling import padded
    from ingest.token_pass import TokenPass

    generator = np.random.default_rng(0)
    table = generator.standard_normal((32_000, 384), dtype=np.float32)
    table += 4 * generator.standard_normal(384, dtype=np.float32)

    def hidden(self: TokenPass, encodings) -> np.ndarray:  # noqa: ANN001
        ids, _ = padded(encodings)
        return table[ids % len(table)]

    TokenPass._hidden = hidden  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
