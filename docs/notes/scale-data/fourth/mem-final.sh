#!/bin/bash
# memory with a Chroma server, final branch code (64 vectors a request, ids-only pools) vs main (6a110ed), same run: 100k then 20k
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
for size in 100000 20000; do
  date -u
  cd /work/wt-scale3 && $PY -m benchmarks.memory_breakdown --store $K/$size --server --out $O/memory-final-$size-branch.json
  date -u
  cd /work/bench-scale3/main-tree && $PY -m benchmarks.memory_breakdown --store $K/$size --server --out $O/memory-final-$size-main.json
done
date -u
