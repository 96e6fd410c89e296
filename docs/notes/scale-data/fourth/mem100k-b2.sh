#!/bin/bash
# memory at 100k after the ids-only pool read: branch, then main (6a110ed) again, same run
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale3 && $PY -m benchmarks.memory_breakdown --store $K/100000 --server --out $O/memory100k-branch-2.json
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.memory_breakdown --store $K/100000 --server --out $O/memory100k-main-2.json
date -u
