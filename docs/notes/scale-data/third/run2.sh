#!/bin/bash
# Round 2, reverse order (this branch first, then main 8ff9cb0), with the children's peak RSS as VmHWM.
set -x
K=/work/bench-scale2/keep
O=/work/bench-scale2/out
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale2 && $PY -m benchmarks.bench_query --base-store $K/2225 --keep $K --sizes 2225,20000 --server --out $O/query-branch-2.json
date -u
cd /work/bench-scale2/main-tree && $PY -m benchmarks.bench_query --base-store $K/2225 --keep $K --sizes 2225,20000 --server --out $O/query-main-2.json
date -u
