#!/bin/bash
# points for the fit (this branch): open after another machine's ingest at 2,225 (fresh records
# file) and 20k (records kept), replicas on a `chroma run` server; memory with a server at 20k
# and 100k (this branch, then main at 100k)
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale4 && $PY -m benchmarks.bench_sync --base-store $K/2225 --server --rounds 2 --store $K/2225 --out $O/sync-small-wt-scale4.json
date -u
cd /work/wt-scale4 && $PY -m benchmarks.bench_sync --base-store $K/2225 --server --rounds 2 --store $K/20000 --keep-records --out $O/sync20k-wt-scale4.json
date -u
cd /work/wt-scale4 && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory20k-server-wt-scale4.json
date -u
