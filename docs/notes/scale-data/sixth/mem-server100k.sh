#!/bin/bash
# memory with a Chroma server at 100k: trees in the order given ($1 $2); round $3
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
for tree in "$1" "$2"; do
  name=$(basename $tree)
  date -u
  cd $tree && $PY -m benchmarks.memory_breakdown --store $K/100000 --server --out $O/memory100k-server-$name-$3.json
done
date -u
