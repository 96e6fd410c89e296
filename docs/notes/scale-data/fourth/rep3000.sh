#!/bin/bash
# replicate 2225 -> 3000 articles with this branch then main, same run
PY=/work/main/.venv/bin/python
B=/work/bench-scale3/keep/2225
for tree in /work/wt-scale3 /work/bench-scale3/main-tree; do
  T=/work/bench-scale3/rep-$(basename $tree); rm -rf $T
  cd $tree; s=$(date +%s.%N)
  $PY -m benchmarks.bench_query --base-store $B --child $T --replicate 3000
  e=$(date +%s.%N); echo "$tree replicate 3000: $(echo "$e - $s" | bc) s"
done
