"""Ranking parity of the tantivy lexical index with bm25s on the same store, same terms.

Why: BM25 moved from our own index (scored exactly as bm25s: k1 1.5, b 0.75, Lucene idf) to
tantivy (k1 1.2, b 0.75, Lucene idf, document lengths stored in one byte). Both rank the same
pre-tokenised terms (`ingest/terms.py`), so what differs is only the scoring; this measures by
how much, over queries taken from the store itself: article headlines and quotation texts.

    python -m benchmarks.lexical_parity --store /tmp/tantivy-bbc [--queries 200] [--seed 0]

For each query and each collection (chunks; attributed quotes with their headline), the top 10
of both: overlap (shared ids / 10), whether the top hit is the same, and Spearman's rank
correlation of the two systems' scores over the union of both top 10s (a document outside
tantivy's top 1,000 scores 0 there). Also the mean query time of each (same process, same
run). Writes the numbers as JSON next to the printed table (`--out`).

The store must be writable: on first use the lexical index is built from the store's records
(`Store.sync_lexical`), as a reader does for a store written before the index existed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # imported in main, after the arguments are read
    from ingest.terms import Lexicon

TOP = 10
DEEP = 1000  # tantivy hits read to score the other system's top 10


@dataclass(frozen=True)
class Parity:
    collection: str
    queries: int
    overlap_at_10: float
    top1_agreement: float
    spearman: float
    bm25s_ms: float
    tantivy_ms: float


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rho (average ranks for ties); 1.0 when either side is constant and equal."""
    ra, rb = _ranks(np.asarray(a)), _ranks(np.asarray(b))
    if ra.std() == 0 or rb.std() == 0:
        return 1.0 if np.array_equal(ra, rb) else 0.0
    return float(np.corrcoef(ra, rb)[0, 1])


def _ranks(values: np.ndarray) -> np.ndarray:
    order = values.argsort(kind="stable")
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = np.arange(len(values), dtype=np.float64)
    for value in np.unique(values):  # ties share their average rank
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def compare(
    name: str,
    ids: list[str],
    token_lists: list[list[str]],
    queries: list[list[str]],
    tantivy_search: Callable[[list[str], int], list[tuple[str, float]]],
) -> Parity:
    """bm25s over `token_lists` (positions = `ids`) against `tantivy_search` on each query."""
    import bm25s

    model = bm25s.BM25()  # k1 1.5, b 0.75, Lucene idf: what app/bm25.py scored like
    model.index([t or ["_"] for t in token_lists], show_progress=False)
    position = {doc_id: n for n, doc_id in enumerate(ids)}
    overlaps, tops, rhos, slow, fast = [], [], [], [], []
    for terms in queries:
        known = [t for t in terms if t in model.vocab_dict]
        started = time.perf_counter()
        scores = model.get_scores(known) if known else np.zeros(len(ids))
        best = [i for i in np.argsort(-scores, kind="stable")[:TOP] if scores[i] > 0]
        slow.append(time.perf_counter() - started)
        started = time.perf_counter()
        hits = tantivy_search(terms, TOP)
        fast.append(time.perf_counter() - started)
        ours = [ids[i] for i in best]
        theirs = [doc_id for doc_id, _ in hits]
        if not ours and not theirs:
            continue
        overlaps.append(len(set(ours) & set(theirs)) / TOP)
        tops.append(float(bool(ours and theirs and ours[0] == theirs[0])))
        deep = dict(tantivy_search(terms, DEEP))
        union = sorted(set(ours) | set(theirs))
        rhos.append(
            spearman([scores[position[d]] for d in union], [deep.get(d, 0.0) for d in union])
        )
    return Parity(
        collection=name,
        queries=len(overlaps),
        overlap_at_10=round(statistics.fmean(overlaps), 4),
        top1_agreement=round(statistics.fmean(tops), 4),
        spearman=round(statistics.fmean(rhos), 4),
        bm25s_ms=round(1000 * statistics.fmean(slow), 3),
        tantivy_ms=round(1000 * statistics.fmean(fast), 3),
    )


def _queries(
    lexicon: Lexicon, chunks: dict, quotes: dict, per_kind: int, seed: int
) -> list[list[str]]:
    """Query terms: `per_kind` headlines and as many attributed quotations, drawn with `seed`."""
    rng = random.Random(seed)
    titles = sorted({c.title for c in chunks.values() if c.title})
    said = sorted(s.quote.text for s in quotes.values() if s.quote.speaker)
    queries = [lexicon.terms(t) for t in rng.sample(titles, min(per_kind, len(titles)))]
    queries += [lexicon.terms(t) for t in rng.sample(said, min(per_kind, len(said)))]
    return [q for q in queries if q]


def _print_results(results: list[Parity]) -> None:
    print("| collection | queries | overlap@10 | top-1 same | Spearman | bm25s ms | tantivy ms |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r.collection} | {r.queries} | {r.overlap_at_10:.3f} | {r.top1_agreement:.3f} "
            f"| {r.spearman:.3f} | {r.bm25s_ms:.2f} | {r.tantivy_ms:.2f} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=200, help="per kind (headline, quote)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="JSON file for the numbers")
    args = parser.parse_args(argv)

    from ingest.chunking import embedding_text
    from ingest.lexical import quote_doc
    from ingest.store import Store

    store = Store.open(args.store)
    hashes = store.article_hashes()
    chunks, quotes = store.visible(hashes)
    started = time.perf_counter()
    synced = store.sync_lexical(hashes, chunks, quotes)
    print(
        f"{len(hashes)} articles, {len(chunks)} chunks, {len(quotes)} quotes; "
        f"lexical index brought up to date in {time.perf_counter() - started:.1f} s"
        f" ({len(synced)} commits)"
    )
    lexicon = store.lexical.lexicon
    queries = _queries(lexicon, chunks, quotes, args.queries, args.seed)

    def searcher(index) -> Callable[[list[str], int], list[tuple[str, float]]]:
        return lambda terms, k: [(h.id, h.score) for h in index.search(terms, k, hashes)]

    chunk_ids = list(chunks)
    attributed = [qid for qid, s in quotes.items() if s.quote.speaker]
    quote_terms = [list(quote_doc(lexicon, quotes[qid], "", chunks).terms) for qid in attributed]
    results = [
        compare(
            "chunks",
            chunk_ids,
            [lexicon.terms(embedding_text(chunks[c])) for c in chunk_ids],
            queries,
            searcher(store.lexical.chunks),
        ),
        compare("quotes", attributed, quote_terms, queries, searcher(store.lexical.quotes)),
    ]
    _print_results(results)
    if args.out:
        record = {
            "store": str(args.store),
            "seed": args.seed,
            "results": [asdict(r) for r in results],
        }
        args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
