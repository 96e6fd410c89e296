#!/bin/bash
# 300k, after the first open (pid $1, started by r300k.sh): under the lock, this branch first
# (open after another machine's ingest: bench_sync --server --keep-records, 1 round; memory
# with a server: memory_breakdown --server), then main
set -x
S=/work/bench-scale4/300000
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
while kill -0 $1 2>/dev/null; do sleep 10; done
date -u
for tree in /work/wt-scale4 /work/bench-scale4/main-tree; do
  name=$(basename $tree)
  cd $tree && flock /work/bench.lock $PY -m benchmarks.bench_sync --base-store /work/bench-scale3/keep/2225 --server --rounds 1 --store $S --keep-records --out $O/sync300k-$name.json
  date -u
  cd $tree && flock /work/bench.lock $PY -m benchmarks.memory_breakdown --store $S --server --out $O/memory300k-server-$name.json
  date -u
done
