#!/bin/bash
# Main (8ff9cb0, git archive, with this branch's bench_query/memory_breakdown copied in) and
# this branch on the same kept stores (BBC 2,225 articles and its 20k replica), one after the other.
set -x
K=/work/bench-scale2/keep
O=/work/bench-scale2/out
mkdir -p $O
PY=/work/main/.venv/bin/python
date -u
cd /work/bench-scale2/main-tree && $PY -m benchmarks.bench_query --base-store $K/2225 --keep $K --sizes 2225,20000 --server --out $O/query-main.json
date -u
cd /work/wt-scale2 && $PY -m benchmarks.bench_query --base-store $K/2225 --keep $K --sizes 2225,20000 --server --out $O/query-branch.json
date -u
cd /work/wt-scale2 && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-branch.json
date -u
cd /work/bench-scale2/main-tree && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-main.json
date -u
