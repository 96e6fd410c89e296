#!/bin/bash
# memory of the answering process at 100k articles (embedded and with a Chroma server): branch then main (6a110ed)
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale3 && $PY -m benchmarks.memory_breakdown --store $K/100000 --server --out $O/memory100k-branch.json
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.memory_breakdown --store $K/100000 --server --out $O/memory100k-main.json
date -u
