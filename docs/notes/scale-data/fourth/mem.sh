#!/bin/bash
# memory of the answering process with a Chroma server at 20k: branch then main (6a110ed), same store
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale3 && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-branch.json
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.memory_breakdown --store $K/20000 --server --out $O/memory-main.json
date -u
