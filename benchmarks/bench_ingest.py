"""Ingest benchmark: quotedesk vs a plain llama-index IngestionPipeline, same run, same machine.

Each system runs in its own child process (fresh store, its own peak RSS). Prints a table and
the ratios, writes JSON. Also measures quotedesk's pure embedding time over the texts its model
read (the chunks, plus any quote read on its own): the floor, timed both through
sentence-transformers and through the raw model pass ingest uses, the faster of the two kept.
Then an unchanged re-ingest, and the memory of reading every chunk's sentence vectors.

Ingest over floor is given twice: wall seconds (what a user waits, but moved by every other
process on a shared machine) and CPU seconds of all threads, the ingest's over the raw model
pass's over the same texts (moved far less by other load: the one to trust on a busy machine).
Each child sets the process switches at start, as the `quotedesk` command does.

One ingest against one floor pass is one sample of two things that move independently with
the machine (the ratio read 1.11-1.28x for the same code over a few runs). `--rounds N` runs
the quotedesk child N times in the same invocation, each with a fresh store, so ingest and
floor alternate (ingest, floor, ingest, floor, ...); it prints every round's wall and CPU
ratio with their median and spread (highest less lowest), and the table shows the round whose
wall ratio is the median. The starter runs once, after the rounds.

Other load only ever slows a phase down (the same pass over the same chunks took 320-360 CPU
seconds on the shared machine, docs/notes/perf28.md), so the rounds also give the fastest
ingest over the fastest floor, wall and CPU: each the least of N samples of the same work, the
floor's as well as the ingest's, so neither is flattered. Each round records the cores other
processes used (and the hypervisor's steal) during its ingest and during its floor
(`benchmarks.machine_load`), so a round measured beside other work shows as such.

    python -m benchmarks.bench_ingest [--corpus ../shared/corpus/bbc/articles.jsonl]
        [--limit N (0: every article)] [--pass-floor-only] [--overlapped] [--in-turn]
        [--rounds N (default 1)]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from benchmarks import machine_load
from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"
MODEL_MAX_TOKENS = 256


def _subset(corpus: Path, limit: int | None, folder: Path) -> Path:
    if not limit:
        return corpus
    lines = corpus.read_text(encoding="utf-8").splitlines()[:limit]
    path = folder / "subset.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_quotedesk(
    corpus: Path, store: Path, overlap: bool | None = None, st_floor: bool = True
) -> dict:
    """One quotedesk round: load the models, ingest into a fresh store, time the floor over
    what the model read, re-ingest unchanged, then read every chunk's sentence vectors."""
    desk, load_s, ner_load_s = _open_desk(store, overlap)
    ingest = _timed(lambda: desk.ingest([corpus], progress=False))
    report = ingest.result
    peak_ingest_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before floors
    quotes = desk.store.counts()["quotes"]
    chunks, chunk_texts, texts = _model_texts(desk, report.quotes_read_alone)
    chunk_counts = desk.ingestor.count_tokens(chunk_texts)
    counts = desk.ingestor.count_tokens(texts)
    embedder = desk.ingestor.embedder
    floor_st_s = _timed(lambda: embedder.texts(texts)).wall_s if st_floor else None
    floor = _timed(lambda: embedder.pooled(texts, [[] for _ in texts]))
    reingest = _timed(lambda: desk.ingest([corpus], progress=False))
    peak_all_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sentences = _sentence_memory(desk.ingestor.sentences, [c.id for c in chunks])
    return {
        "system": "quotedesk",
        "articles": report.added,
        "chunks": len(chunks),
        "quotes": quotes,
        "model_load_s": load_s,
        "ner_load_s": ner_load_s,
        "runtime": type(getattr(embedder.token_pass, "forward", None)).__name__,
        "ingest_s": ingest.wall_s,
        "ingest_cpu_s": ingest.cpu_s,
        "split_s": report.seconds,
        "split_cpu_s": report.cpu_seconds,
        "embedded_texts": report.texts_read,
        "quotes_read_alone": len(report.quotes_read_alone),
        "over_model_limit": sum(1 for c in counts if c > MODEL_MAX_TOKENS),
        "word_pieces_unread": _unread(counts, report.word_pieces_read, report.texts_read),
        "longest_model_input": floor.result[1].longest,  # the floor reads the same inputs
        "word_pieces_read": report.word_pieces_read,
        "padded_pieces_read": report.padded_pieces_read,
        "word_pieces_recounted": _read(counts),
        "chunk_word_pieces": sum(chunk_counts),
        "pure_embed_st_s": floor_st_s,
        "pure_embed_pass_s": floor.wall_s,
        "pure_embed_pass_cpu_s": floor.cpu_s,
        "pure_embed_s": min(floor.wall_s, floor_st_s or floor.wall_s),
        "ingest_load": ingest.load._asdict() if ingest.load else None,
        "floor_load": floor.load._asdict() if floor.load else None,
        "ingest_usage": ingest.usage,
        "floor_usage": floor.usage,
        "reingest_s": reingest.wall_s,
        "reingest_unchanged": reingest.result.unchanged,
        "peak_rss_mb": peak_ingest_mb,
        "peak_rss_with_floors_mb": peak_all_mb,
        "sentences": sentences,
    }


def _open_desk(store: Path, overlap: bool | None) -> tuple[Any, float, float]:
    """A desk on `store` with the embedding and NER models loaded, and each load's seconds:
    the ingest then times the work, not model loading (`ner_load_s` added back gives the
    ratio with it)."""
    from dataclasses import replace

    from app.api import QuoteDesk

    started = time.perf_counter()
    desk = QuoteDesk.open(store)
    if overlap is not None:  # else the product's default
        desk.ingestor = replace(desk.ingestor, overlap=overlap)
    desk.ingestor.embedder.token_pass  # noqa: B018 - load the model here, as the starter does
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    _load_ner()
    return desk, load_s, time.perf_counter() - started


class _Timed(NamedTuple):
    """One timed phase: its wall and CPU seconds, the cores other processes used meanwhile,
    this process's user and system CPU and page faults, and what the phase returned."""

    wall_s: float
    cpu_s: float
    load: machine_load.Load | None
    usage: dict[str, float]
    result: Any


def _timed(phase: Callable[[], Any]) -> _Timed:
    """Run `phase` once and time it (every phase of a round is timed the same way)."""
    before, usage = machine_load.sample(), resource.getrusage(resource.RUSAGE_SELF)
    started, cpu = time.perf_counter(), time.process_time()
    result = phase()
    wall_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    load = machine_load.between(before, machine_load.sample())
    return _Timed(wall_s, cpu_s, load, _usage_since(usage), result)


def _model_texts(desk: Any, alone: Sequence[str]) -> tuple[list, list[str], list[str]]:
    """The stored chunks, their embedded texts, and those texts followed by each quote the
    ingest read on its own (as the store reads it: its records hold no document)."""
    from ingest.chunking import embedding_text

    chunks = desk.store.all_chunks()
    alone_texts = []
    if alone:
        _, read = desk.store.visible(desk.store.article_hashes())
        alone_texts = [read[quote_id].quote.text for quote_id in alone]
    chunk_texts = [embedding_text(c) for c in chunks]
    return chunks, chunk_texts, chunk_texts + list(alone_texts)


def _usage_since(before: resource.struct_rusage) -> dict[str, float]:
    """The process's user and system CPU seconds and minor page faults since `before`: a
    phase whose CPU moved between rounds for the same work says whether it was the kernel's
    (memory faulted in and given back) or the model's own arithmetic."""
    now = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "user_s": now.ru_utime - before.ru_utime,
        "sys_s": now.ru_stime - before.ru_stime,
        "minor_faults": now.ru_minflt - before.ru_minflt,
    }


def _load_ner() -> None:
    """The quote finder's NER model, loaded as the checkout measured loads it (this file is
    also copied into older checkouts to compare them in the same run)."""
    try:
        from ingest.quotes import load_models
    except ImportError:  # before 2026-12-04 (third session): loaded by the first extraction
        from ingest.quoting.ner import _nlp as load_models
    load_models()


def _sentence_memory(sentences, chunk_ids: list[str]) -> dict:  # noqa: ANN001
    """Sentences stored, bytes on disk, and resident memory added by reading all of them."""
    before = _rss_mb()
    started = time.perf_counter()
    rows = sum(len(sentences.of(i)) for i in chunk_ids)
    read_s = time.perf_counter() - started
    disk = sum(p.stat().st_size for p in sentences.folder.glob("*"))
    return {
        "sentences": rows,
        "disk_mb": disk / 1e6,
        "rss_added_mb": _rss_mb() - before,
        "read_all_s": read_s,
    }


def _rss_mb() -> float:
    """Resident memory now (Linux), not the peak."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def run_llamaindex(corpus: Path, store: Path) -> dict:
    """The starter pipeline: default SentenceSplitter + the same model + ChromaVectorStore."""
    import chromadb
    from llama_index.core import Document
    from llama_index.core.ingestion import IngestionPipeline
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from ingest.embedding import load_embedder, load_token_counter, resolve_model_path

    model = str(resolve_model_path(None))
    started = time.perf_counter()
    embedder = load_embedder(model)
    load_s = time.perf_counter() - started
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    documents = [
        Document(text=r["text"], id_=r["id"], metadata={"title": r.get("title", "")})
        for r in records
    ]
    client = chromadb.PersistentClient(path=str(store))
    collection = client.get_or_create_collection("baseline", embedding_function=None)
    pipeline = IngestionPipeline(
        transformations=[SentenceSplitter(), embedder],
        vector_store=ChromaVectorStore(chroma_collection=collection),
    )
    started = time.perf_counter()
    nodes = pipeline.run(documents=documents)
    ingest_s = time.perf_counter() - started
    counts = load_token_counter(model)([n.get_content(metadata_mode="embed") for n in nodes])
    return {
        "system": "llamaindex",
        "articles": len(documents),
        "chunks": len(nodes),
        "model_load_s": load_s,
        "ingest_s": ingest_s,
        "embedded_texts": len(nodes),
        "over_model_limit": sum(1 for c in counts if c > MODEL_MAX_TOKENS),
        "word_pieces_unread": sum(counts) - _read(counts),
        "longest_model_input": min(max(counts, default=0), MODEL_MAX_TOKENS),
        "word_pieces_read": _read(counts),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _read(counts: list[int]) -> int:
    """Word pieces the model actually reads: anything past its limit is cut off unseen."""
    return sum(min(c, MODEL_MAX_TOKENS) for c in counts)


def _unread(counts: list[int], pieces_read: int, inputs: int) -> int:
    """Word pieces of the texts (recounted, special tokens excluded) that the model never
    read: their count less what the pass read (each model input's two special tokens
    excluded). A text longer than the model's limit is read in windows (`ingest.token_pass`),
    so 0 means every word embedded; a pass that cut such texts at the limit leaves the rest."""
    special = 2  # [CLS] and [SEP], counted in every text and every model input
    return sum(c - special for c in counts) - (pieces_read - special * inputs)


class Round(NamedTuple):
    """One quotedesk child's ingest and its floor, timed in the same process (fresh store)."""

    ingest_s: float
    floor_s: float
    ingest_cpu_s: float
    floor_cpu_s: float
    ingest_others: float | None = None  # other processes' cores during the ingest
    floor_others: float | None = None  # and during the floor

    @classmethod
    def of(cls, result: dict) -> Round:
        """From a quotedesk child's JSON: the floor is the one the ratios have always used
        (the faster of the two passes for wall, the raw pass for CPU). A child of an older
        checkout records no load: None."""
        loads = [result.get(key) or {} for key in ("ingest_load", "floor_load")]
        return cls(
            result["ingest_s"],
            result["pure_embed_s"],
            result["ingest_cpu_s"],
            result["pure_embed_pass_cpu_s"],
            *(load.get("others_cores") for load in loads),
        )

    @property
    def wall_ratio(self) -> float:
        return self.ingest_s / self.floor_s

    @property
    def cpu_ratio(self) -> float:
        return self.ingest_cpu_s / self.floor_cpu_s

    @property
    def idle_factor(self) -> float:
        """The wall ratio over the CPU ratio: the floor's cores busy over the ingest's (CPU
        seconds per wall second). Above 1, part of the wall ratio is cores the ingest left
        idle, not work it added; the rest (the CPU ratio) is work."""
        return self.wall_ratio / self.cpu_ratio


class Spread(NamedTuple):
    """Median, lowest and highest of one measure over the rounds."""

    median: float
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low


def spread(values: Sequence[float]) -> Spread:
    return Spread(statistics.median(values), min(values), max(values))


def summarise(rounds: Sequence[Round]) -> dict[str, Spread]:
    """Each measure's median and spread over the rounds; the ratios are taken per round (a
    round's ingest over its own floor), never as a median over a median."""
    measures: dict[str, Callable[[Round], float]] = {
        "wall_ratio": lambda r: r.wall_ratio,
        "cpu_ratio": lambda r: r.cpu_ratio,
        "idle_factor": lambda r: r.idle_factor,
        "ingest_s": lambda r: r.ingest_s,
        "floor_s": lambda r: r.floor_s,
        "ingest_cpu_s": lambda r: r.ingest_cpu_s,
        "floor_cpu_s": lambda r: r.floor_cpu_s,
    }
    return {name: spread([measure(r) for r in rounds]) for name, measure in measures.items()}


class Fastest(NamedTuple):
    """The fastest ingest of the rounds over their fastest floor, wall and CPU."""

    wall_ratio: float
    cpu_ratio: float
    ingest_s: float
    floor_s: float
    ingest_cpu_s: float
    floor_cpu_s: float


def fastest(rounds: Sequence[Round]) -> Fastest:
    """Each phase's least seconds over the rounds, and their ratios. Other processes only add
    time to a phase, never take it away, so the least of N samples of the same work is the
    one least disturbed; taken for the floor as for the ingest, the ratio is no better for a
    floor measured in a busy moment (the per-round median is, when that round's floor was)."""
    ingest_s, floor_s = min(r.ingest_s for r in rounds), min(r.floor_s for r in rounds)
    ingest_cpu, floor_cpu = min(r.ingest_cpu_s for r in rounds), min(r.floor_cpu_s for r in rounds)
    return Fastest(
        ingest_s / floor_s, ingest_cpu / floor_cpu, ingest_s, floor_s, ingest_cpu, floor_cpu
    )


def median_round(rounds: Sequence[Round]) -> int:
    """Index of the round whose wall ratio is the median (the lower middle one for an even
    count): the round the main table shows, so its seconds and its ratio agree."""
    order = sorted(range(len(rounds)), key=lambda i: rounds[i].wall_ratio)
    return order[(len(order) - 1) // 2]


def run_rounds(count: int, run_once: Callable[[int], dict]) -> list[dict]:
    """`run_once(n)` for rounds 0..count-1, one after another: each runs an ingest into a fresh
    store and then its floor, so the machine's state is sampled by both, alternately."""
    if count < 1:
        raise ValueError(f"rounds must be at least 1, not {count}")
    return [run_once(n) for n in range(count)]


def usage_line(result: dict) -> str:
    """A round's user / system CPU and page faults per phase, where its child recorded them."""
    parts = []
    for phase in ("ingest", "floor"):
        usage = result.get(f"{phase}_usage")
        if usage:
            parts.append(
                f"{phase} user {usage['user_s']:.1f} s, system {usage['sys_s']:.1f} s,"
                f" {usage['minor_faults']:,} minor page faults"
            )
    return "; ".join(parts) or "not recorded"


def _print_rounds(
    rounds: Sequence[Round], shown: int, results: Sequence[dict] = ()
) -> dict[str, Spread]:
    summary = summarise(rounds)
    rows = [
        [
            f"{n + 1}{' (table)' if n == shown else ''}",
            r.ingest_s,
            r.floor_s,
            f"{r.wall_ratio:.3f}x",
            r.ingest_cpu_s,
            r.floor_cpu_s,
            f"{r.cpu_ratio:.3f}x",
            f"{r.idle_factor:.3f}x",
            _cores(r.ingest_others),
            _cores(r.floor_others),
        ]
        for n, r in enumerate(rounds)
    ]
    print(f"quotedesk over {len(rounds)} rounds (ingest then floor, a fresh store each):")
    print_table(
        [
            "round",
            "ingest s",
            "floor s",
            "wall ratio",
            "ingest CPU s",
            "floor CPU s",
            "CPU ratio",
            "wall / CPU ratio (cores idle)",
            "others' cores, ingest",
            "others' cores, floor",
        ],
        rows,
    )
    for name in ("wall_ratio", "cpu_ratio", "idle_factor"):
        s = summary[name]
        print(
            f"{name.replace('_', ' ')}: median {s.median:.3f}x, spread {s.width:.3f}x"
            f" ({s.low:.3f}-{s.high:.3f}x)"
        )
    for name in ("ingest_s", "floor_s", "ingest_cpu_s", "floor_cpu_s"):
        s = summary[name]
        print(
            f"{name.replace('_s', ' s').replace('_', ' ')}: median {s.median:.1f},"
            f" spread {s.width:.1f} ({s.low:.1f}-{s.high:.1f})"
        )
    best = fastest(rounds)
    for n, result in enumerate(results):
        print(f"round {n + 1} CPU split: " + usage_line(result))
    print(
        f"fastest ingest / fastest floor of the {len(rounds)} rounds: wall {best.wall_ratio:.3f}x"
        f" ({best.ingest_s:.1f} / {best.floor_s:.1f} s), CPU {best.cpu_ratio:.3f}x"
        f" ({best.ingest_cpu_s:.1f} / {best.floor_cpu_s:.1f} s)"
    )
    return summary


def _cores(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _child(system: str, corpus: Path, st_floor: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        command = [
            sys.executable,
            "-m",
            "benchmarks.bench_ingest",
            "--child",
            system,
            "--corpus",
            str(corpus),
            "--store",
            folder,
            *([] if st_floor else ["--pass-floor-only"]),
        ]
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N articles (0: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "ingest.json")
    parser.add_argument(
        "--overlapped",
        action="store_true",
        help="also run quotedesk with its ingest stages overlapped (Ingestor.overlap)",
    )
    parser.add_argument(
        "--in-turn",
        action="store_true",
        help="also run quotedesk with its ingest stages in turn (Ingestor.overlap off)",
    )
    parser.add_argument(
        "--child",
        choices=["quotedesk", "quotedesk-overlapped", "quotedesk-in-turn", "llamaindex"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument(
        "--pass-floor-only",
        action="store_true",
        help="time the floor through the raw model pass only, not also sentence-transformers"
        " (saves one more embedding of every text: for the full corpus)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="quotedesk ingest and floor this many times, alternately, each with a fresh store;"
        " prints each round's ratios, their median and spread",
    )
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    return parser


def _run_child(args: argparse.Namespace) -> None:
    """One measured system in this (child) process, its result as JSON on stdout."""
    from app.settings import set_process_switches

    set_process_switches()  # at start, before any library loads, as `quotedesk` does
    if args.child == "llamaindex":
        print(json.dumps(run_llamaindex(args.corpus, args.store)))
    else:
        overlap = {"quotedesk-overlapped": True, "quotedesk-in-turn": False}.get(args.child)
        st_floor = not args.pass_floor_only
        print(json.dumps(run_quotedesk(args.corpus, args.store, overlap, st_floor)))


def _comparison_rows(ours: dict, base: dict) -> list[list]:
    """The main table's rows: quotedesk's shown round beside the starter, both over the
    articles quotedesk ingested."""
    n = ours["articles"]
    return [
        ["articles/s", n / ours["ingest_s"], n / base["ingest_s"]],
        ["chunks", ours["chunks"], base["chunks"]],
        ["chunks/s", ours["chunks"] / ours["ingest_s"], base["chunks"] / base["ingest_s"]],
        ["quotes/s", ours["quotes"] / ours["ingest_s"], None],
        ["ingest wall s", ours["ingest_s"], base["ingest_s"]],
        [
            "model inputs (a text past 256: one per window)",
            ours["embedded_texts"],
            base["embedded_texts"],
        ],
        ["quotes read on their own", ours["quotes_read_alone"], None],
        [
            "texts over 256 word pieces (quotedesk reads them in windows)",
            ours["over_model_limit"],
            base["over_model_limit"],
        ],
        [
            "longest model input (word pieces)",
            ours["longest_model_input"],
            base["longest_model_input"],
        ],
        [
            "their word pieces never read by the model",
            ours["word_pieces_unread"],
            base["word_pieces_unread"],
        ],
        ["word pieces read by the model", ours["word_pieces_read"], base["word_pieces_read"]],
        [
            "word pieces read per ingest second",
            ours["word_pieces_read"] / ours["ingest_s"],
            base["word_pieces_read"] / base["ingest_s"],
        ],
        ["peak RSS MB", ours["peak_rss_mb"], base["peak_rss_mb"]],
    ]


def _ratios(ours: dict, base: dict) -> dict[str, float]:
    """The ratios the JSON keeps: speed and work against the starter, ingest against floor."""
    return {
        "speed_vs_llamaindex": base["ingest_s"] / ours["ingest_s"],
        "work_vs_llamaindex": ours["word_pieces_read"] / base["word_pieces_read"],
        "ingest_over_pure_embedding": ours["ingest_s"] / ours["pure_embed_s"],
        "ingest_cpu_over_pass_cpu": ours["ingest_cpu_s"] / ours["pure_embed_pass_cpu_s"],
        "reingest_fraction": ours["reingest_s"] / ours["ingest_s"],
        "word_pieces_over_chunks": ours["word_pieces_read"] / ours["chunk_word_pieces"],
    }


def _print_stages_and_floor(ours: dict, ratios: dict[str, float]) -> None:
    """Where quotedesk's ingest time went, and the ingest against its own floor."""
    split = ", ".join(f"{k} {v:.1f}s" for k, v in ours["split_s"].items())
    print(f"quotedesk stage seconds: {split}")
    cpu_split = ours.get("split_cpu_s", {})
    outside = ours["ingest_cpu_s"] - sum(cpu_split.values())
    print(
        "quotedesk stage CPU seconds (the whole process's while each ran; with stages"
        " overlapped they overlap too): "
        + ", ".join(f"{k} {v:.1f}s" for k, v in cpu_split.items())
        + (f"; in no stage (dedup, the reload after ingest) {outside:.1f}s" if outside >= 0 else "")
    )
    st_s = ours["pure_embed_st_s"]
    print(
        f"pure embedding of the texts read: {ours['pure_embed_s']:.1f}s (sentence-transformers"
        f" {'not timed' if st_s is None else f'{st_s:.1f}s'},"
        f" raw model pass {ours['pure_embed_pass_s']:.1f}s)"
    )
    print(
        f"word pieces read / the chunks' own: {ratios['word_pieces_over_chunks']:.3f}x"
        f" ({ours['word_pieces_read']:,} / {ours['chunk_word_pieces']:,})"
    )
    padding = 1 - ours["word_pieces_read"] / max(1, ours["padded_pieces_read"])
    print(f"padding in the model's batches: {100 * padding:.1f}% of the word pieces computed")
    print(f"speed vs llama-index: {ratios['speed_vs_llamaindex']:.2f}x (>= 1.0 is faster)")
    print(
        f"word pieces read vs llama-index: {ratios['work_vs_llamaindex']:.2f}x, so equal speed"
        f" per word piece would give {1 / ratios['work_vs_llamaindex']:.2f}x"
    )
    print(
        f"quotedesk ingest / its pure-embedding floor: {ratios['ingest_over_pure_embedding']:.2f}x"
        f" ({(ours['ingest_s'] + ours['ner_load_s']) / ours['pure_embed_s']:.2f}x with the NER"
        f" model's load, {ours['ner_load_s']:.1f}s, counted in ingest); model pass on"
        f" {ours['runtime']}; peak RSS with the floors' torch passes"
        f" {ours['peak_rss_with_floors_mb']:,.0f} MB"
    )
    print(
        f"CPU seconds (all threads; less moved by other jobs than wall time): ingest"
        f" {ours['ingest_cpu_s']:.1f}, raw model pass {ours['pure_embed_pass_cpu_s']:.1f},"
        f" ratio {ratios['ingest_cpu_over_pass_cpu']:.2f}x"
    )


def _print_reingest_and_sentences(ours: dict, ratios: dict[str, float]) -> None:
    share = 100 * ratios["reingest_fraction"]
    print(f"unchanged re-ingest: {ours['reingest_s']:.2f}s = {share:.1f}% of the first ingest")
    s = ours["sentences"]
    print(
        f"sentence vectors: {s['sentences']:,} sentences, {s['disk_mb']:.1f} MB on disk;"
        f" reading all of them added {s['rss_added_mb']:.1f} MB RSS in {s['read_all_s']:.2f}s"
    )


def _print_other_modes(others: dict[str, dict], base: dict, n: int) -> None:
    """The ingest with its stages overlapped or in turn, when asked for (`n` articles)."""
    for label, other in others.items():
        stage_s = ", ".join(f"{k} {v:.1f}s" for k, v in other["split_s"].items())
        print(
            f"stages {label}: ingest {other['ingest_s']:.1f}s"
            f" ({n / other['ingest_s']:.2f} articles/s,"
            f" {base['ingest_s'] / other['ingest_s']:.2f}x the starter),"
            f" floor {other['pure_embed_s']:.1f}s, stages {stage_s},"
            f" ingest / floor {other['ingest_s'] / other['pure_embed_s']:.2f}x,"
            f" CPU {other['ingest_cpu_s'] / other['pure_embed_pass_cpu_s']:.2f}x,"
            f" peak RSS {other['peak_rss_mb']:,.0f} MB"
        )


def main() -> None:
    parser = _parser()
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.child:
        _run_child(args)
        return
    if not args.corpus.is_file():
        sys.exit(f"corpus not found: {args.corpus}")
    with tempfile.TemporaryDirectory() as folder:
        corpus = _subset(args.corpus, args.limit, Path(folder))
        st_floor = not args.pass_floor_only
        results = run_rounds(args.rounds, lambda _: _child("quotedesk", corpus, st_floor))
        base = _child("llamaindex", corpus, st_floor)
        others = {
            label: _child(f"quotedesk-{label.replace(' ', '-')}", corpus, st_floor)
            for label, wanted in (("overlapped", args.overlapped), ("in turn", args.in_turn))
            if wanted
        }
    rounds = [Round.of(r) for r in results]
    shown = median_round(rounds)
    ours = results[shown]
    print(f"# ingest benchmark: {ours['articles']} articles from {args.corpus.name}; {machine()}")
    print_table(["metric", "quotedesk", "llama-index"], _comparison_rows(ours, base))
    ratios = _ratios(ours, base)
    _print_stages_and_floor(ours, ratios)
    summary = _print_rounds(rounds, shown, results) if len(rounds) > 1 else summarise(rounds)
    _print_reingest_and_sentences(ours, ratios)
    _print_other_modes(others, base, ours["articles"])
    write_json(
        args.out,
        {
            "machine": machine(),
            "quotedesk": ours,
            "llamaindex": base,
            "ratios": ratios,
            "rounds": results,
            "table_round": shown,
            "rounds_summary": {k: v._asdict() for k, v in summary.items()},
            "fastest": fastest(rounds)._asdict(),
            "quotedesk_overlapped": others.get("overlapped"),
            "quotedesk_in_turn": others.get("in turn"),
        },
    )


if __name__ == "__main__":
    main()
