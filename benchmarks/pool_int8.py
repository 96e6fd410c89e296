"""Speakers' quote pools in int8 against float32: the same quotes found, the same order, the time.

Why: a speaker's pool (`app.retrieval.QuotePool`) is the answering process's largest share
that grows with the store; int8 rows with a scale each hold a quarter of float32's bytes. For
the most quoted speakers of a store and every question of the hand-written BBC set plus
`bench_query`'s, both pools rank the speaker's quotes by cosine (top `dense_k`, as
`search_quotes` asks); reported: the share of the float32 top k the int8 top k holds, the
share of questions whose top 10 holds the same quotes, and in the same order, the largest
score difference, and the time of one `dense` call each way. Reads the store only.

    python -m benchmarks.pool_int8 --store STORE [--speakers 5]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.bench_query import QUESTIONS
from benchmarks.common import machine, print_table, write_json

ROOT = Path(__file__).resolve().parents[1]


def _questions() -> list[str]:
    rows = (ROOT / "evals" / "datasets" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys([*QUESTIONS, *(json.loads(r)["question"] for r in rows if r)]))


def _float32_dense(ids: list[str], matrix: np.ndarray, vector: list[float], k: int) -> dict:
    """What a pool's `dense` did with float32 rows (before int8)."""
    scores = matrix @ np.asarray(vector, dtype=np.float32)
    top = np.argsort(-scores, kind="stable")[:k]
    return {ids[i]: float(scores[i]) for i in top}


def _timed(run, repeats: int = 20) -> float:
    """Milliseconds per call, the best of `repeats` (the least disturbed by other jobs)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return 1000 * best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--speakers", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "pool_int8.json")
    args = parser.parse_args()
    from app.settings import set_process_switches

    set_process_switches()
    from app.api import QuoteDesk
    from app.retrieval import QuotePool

    desk = QuoteDesk.open(args.store)
    k = desk.settings.retrieval.dense_k
    vectors = [desk.retriever.embed_query(q) for q in _questions()]
    rows, results = [], []
    for speaker in desk.speakers()[: args.speakers]:
        ids = desk.retriever.corpus.records.quote_ids_of(desk.speaker_index().members(speaker.name))
        found = desk.store.vectors(desk.store.quotes, ids)
        pool = QuotePool.of(found.ids, found.matrix)
        kept, same_set, same_order, largest = [], 0, 0, 0.0
        at = {qid: n for n, qid in enumerate(found.ids)}
        for vector in vectors:
            want = _float32_dense(found.ids, found.matrix, vector, k)
            got = pool.dense(vector, k)
            kept.append(len(set(want) & set(got)) / len(want))
            same_set += set(list(got)[:10]) == set(list(want)[:10])
            same_order += list(got)[:10] == list(want)[:10]
            exact = found.matrix @ np.asarray(vector, dtype=np.float32)
            largest = max(largest, max(abs(got[q] - float(exact[at[q]])) for q in got))
        result = {
            "speaker": speaker.name,
            "quotes": len(found.ids),
            "float32_mb": found.matrix.nbytes / 1e6,
            "int8_mb": pool.nbytes / 1e6,
            "top_k_kept": float(np.mean(kept)),
            "top_k_kept_min": float(np.min(kept)),
            "top10_same_set": same_set / len(vectors),
            "top10_same_order": same_order / len(vectors),
            "largest_score_difference": round(largest, 5),
            "float32_ms": _timed(lambda f=found: _float32_dense(f.ids, f.matrix, vectors[0], k)),
            "int8_ms": _timed(lambda p=pool: p.dense(vectors[0], k)),
        }
        results.append(result)
        rows.append([result[key] for key in result])
    print(f"# quote pools, int8 against float32: {len(vectors)} questions, top {k}; {machine()}")
    header = ["speaker", "quotes", "f32 MB", "int8 MB", "top k kept", "min", "top 10 set"]
    print_table([*header, "top 10 order", "largest diff", "f32 ms", "int8 ms"], rows)
    write_json(args.out, {"machine": machine(), "store": str(args.store), "pools": results})


if __name__ == "__main__":
    main()
