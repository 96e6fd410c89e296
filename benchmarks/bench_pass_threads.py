"""The ingest model pass several ways on the same chunks, same run: how an early version ran
it (batches of 64 texts, one batch at a time on every core) against batches capped at 2,048
padded word pieces, on one worker with every core or on one worker per core with one thread
each (`ingest.token_pass.PassThreads`, the default), on torch or on onnxruntime (the states
export, `ingest.onnx_model.OnnxStates`). Also the cosine of each way's chunk and sentence
vectors to the first way's: the change must be float noise.

    python -m benchmarks.bench_pass_threads [--corpus ../shared/corpus/bbc/articles.jsonl]
        [--articles 100] [--rounds 2] [--export-folder DIR]

Chunks come from ingest's own quote finding and chunking, grouped in ingest's stages
(`STAGE_ARTICLES`), one `pooled` call per stage as `Ingestor` makes them.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "articles.jsonl"


# One ingest stage: its chunks' embedding texts, and each chunk's sentence spans in its text.
Stage = tuple[list[str], list[list[tuple[int, int]]]]


class Way(NamedTuple):
    """One way to run the pass: runtime, thread layout, padded word-piece cap, texts per batch."""

    name: str
    runtime: str
    workers: int
    intra_op: int
    max_pieces: int
    max_texts: int


def ways(cores: int) -> list[Way]:
    return [
        Way("torch, 64 texts a batch, 1 worker x all cores", "torch", 1, cores, 10**9, 64),
        Way("torch, capped 2,048 pieces, 1 worker x all cores", "torch", 1, cores, 2048, 64),
        Way(f"torch, capped 2,048 pieces, {cores} workers x 1", "torch", cores, 1, 2048, 64),
        Way(f"onnxruntime, capped 2,048, {cores} workers x 1", "onnx", cores, 1, 2048, 64),
    ]


def stages(corpus: Path, articles: int) -> list[Stage]:
    """Per ingest stage: the chunks' embedding texts and their sentences' spans in them."""
    from app.settings import IngestSettings
    from ingest.chunking import chunk_article, embedding_text
    from ingest.embedding import load_token_counter, resolve_model_path
    from ingest.loaders import load_file
    from ingest.pipeline import STAGE_ARTICLES
    from ingest.quotes import extract_quotes_many
    from ingest.text import sentence_spans

    loaded = load_file(corpus, 10**9).articles[:articles]
    count = load_token_counter(str(resolve_model_path(None)))
    limit = IngestSettings().chunk_max_tokens
    result = []
    for first in range(0, len(loaded), STAGE_ARTICLES):
        batch = loaded[first : first + STAGE_ARTICLES]
        texts, spans = [], []
        for article, quotes in zip(
            batch, extract_quotes_many([a.text for a in batch]), strict=True
        ):
            for chunk in chunk_article(article, quotes, count, limit).chunks:
                text = embedding_text(chunk)
                shift = len(text) - len(chunk.text) - chunk.start
                texts.append(text)
                spans.append(
                    [
                        (s + shift, e + shift)
                        for s, e in sentence_spans(article.text, chunk.start, chunk.end)
                    ]
                )
        result.append((texts, spans))
    return result


def main() -> None:
    args = _parser().parse_args()

    from ingest.embedding import Embedder, resolve_model_path
    from ingest.onnx_model import OnnxStates

    model = resolve_model_path(None)
    torch_pass = Embedder(model, 64, None, runtime="torch").token_pass
    onnx_pass = Embedder(model, 64, args.export_folder, runtime="onnx").token_pass
    if not isinstance(onnx_pass.forward, OnnxStates):
        raise SystemExit(f"no states export could be written to {args.export_folder}")
    work = stages(args.corpus, args.articles)
    chosen = ways(os.cpu_count() or 1)
    seconds: dict[str, list[float]] = {w.name: [] for w in chosen}
    last: dict[str, WayRun] = {}
    for _ in range(args.rounds):
        for way in chosen:
            base = onnx_pass if way.runtime == "onnx" else torch_pass
            last[way.name] = _run_way(way, base.forward, model, work)
            seconds[way.name].append(last[way.name].seconds)
    _report(args, work, chosen, seconds, last)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2, help="each way this often, interleaved")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "out" / "pass_threads.json"
    )
    parser.add_argument(
        "--export-folder",
        type=Path,
        default=Path(tempfile.gettempdir()) / "quotedesk-bench-exports",
        help="where the states export is written (once) and read",
    )
    return parser


class WayRun(NamedTuple):
    """One run of the pass one way: its seconds, the share of padding, every vector it made."""

    seconds: float
    padding: float
    vectors: list[np.ndarray]


def _run_way(way: Way, forward: object, model: Path, work: list[Stage]) -> WayRun:
    """The pass over every stage's chunks, `way`'s batches and threads around `forward`."""
    from ingest.token_pass import PassThreads, TokenPass

    token_pass = TokenPass(
        forward, model, 256, way.max_texts, PassThreads(way.workers, way.intra_op), way.max_pieces
    )
    started = time.perf_counter()
    results, pieces, padded = [], 0, 0
    for texts, spans in work:
        pooled, read = token_pass.pooled(texts, spans)
        results.extend(pooled)
        pieces, padded = pieces + read.pieces, padded + read.padded
    elapsed = time.perf_counter() - started
    vectors = [p.vector for p in results] + [s for p in results for s in p.spans if s is not None]
    return WayRun(elapsed, 1 - pieces / padded, vectors)


def _report(
    args: argparse.Namespace,
    work: list[Stage],
    chosen: list[Way],
    seconds: dict[str, list[float]],
    last: dict[str, WayRun],
) -> None:
    """Best seconds per way and its vectors' cosine to the first way's; the JSON beside it."""
    reference = last[chosen[0].name].vectors
    rows = []
    report = {}
    for way in chosen:
        run = last[way.name]
        cosines = np.asarray([float(a @ b) for a, b in zip(reference, run.vectors, strict=True)])
        report[way.name] = {
            "seconds": seconds[way.name],
            "padding": run.padding,
            "cosine_to_main_mean": float(cosines.mean()),
            "cosine_to_main_min": float(cosines.min()),
        }
        rows.append(
            [
                way.name,
                min(seconds[way.name]),
                f"{100 * run.padding:.1f}%",
                f"{1 - cosines.mean():.1e}",
                f"{1 - cosines.min():.1e}",
            ]
        )
    chunks = sum(len(t) for t, _ in work)
    print(
        f"# ingest model pass: {chunks} chunks of {args.articles} articles, {len(reference)}"
        f" vectors (chunks + sentences), best of {args.rounds}; {machine()}"
    )
    print_table(["way", "seconds", "padding", "1 - cosine to main: mean", "worst"], rows)
    print(f"peak RSS MB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f}")
    write_json(args.out, {"machine": machine(), "chunks": chunks, "ways": report})


if __name__ == "__main__":
    main()
