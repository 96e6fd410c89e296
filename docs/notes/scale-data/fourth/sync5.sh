#!/bin/bash
# round 2, reversed order: main (6a110ed) then branch; 20,000 / 100,000 (records kept), server
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
B="--base-store $K/2225 --server --rounds 2 --store $K/20000 --store $K/100000 --keep-records"
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.bench_sync $B --out $O/sync5-main-tree-big.json
date -u
cd /work/wt-scale3 && $PY -m benchmarks.bench_sync $B --out $O/sync5-wt-scale3-big.json
date -u
