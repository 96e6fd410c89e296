#!/bin/bash
# 100k (scale3's kept replica): memory of the embedded answering process with Chroma's share
# measured apart (memory_breakdown, this branch's script in both trees), and ask/search
# latency against the llama-index retriever over the same chunk vectors (bench_query's
# measuring child on the kept store: nothing re-embedded, records file kept).
# Order given as $1 $2 (tree paths); round name $3.
set -x
S=/work/bench-scale3/keep/100000
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
for tree in "$1" "$2"; do
  name=$(basename $tree)
  date -u
  cd $tree && $PY -m benchmarks.memory_breakdown --store $S --out $O/memory100k-$name-$3.json
  date -u
  cd $tree && $PY -m benchmarks.bench_query --base-store /work/bench-scale3/keep/2225 --child $S --repeats 3 > $O/latency100k-$name-$3.json
  cat $O/latency100k-$name-$3.json
done
date -u
