#!/bin/bash
# round 2, reverse order: main (6a110ed) then branch, same 20k store
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-main-2.json
date -u
cd /work/wt-scale3 && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-branch-2.json
date -u
