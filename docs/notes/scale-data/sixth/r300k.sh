#!/bin/bash
# 300k: when the replica is built, a first open (copies 200k articles into the records file and
# indexes them in tantivy; nice, no lock: not a timing run), then under the lock: open after
# another machine's ingest (bench_sync --server --keep-records, 1 round) and memory with a
# server (memory_breakdown --server), this branch then main
set -x
S=/work/bench-scale4/300000
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
while kill -0 702 2>/dev/null; do sleep 15; done
date -u
cat /work/bench-scale4/rep300k.log
cd /work/wt-scale4 && nice -n 10 $PY -c "
import time; t = time.perf_counter()
from app.api import QuoteDesk
QuoteDesk.open('$S'); print('first open at 300k (records copy + lexical indexing, nice 10):', time.perf_counter() - t, 's')"
date -u
for tree in /work/wt-scale4 /work/bench-scale4/main-tree; do
  name=$(basename $tree)
  cd $tree && flock /work/bench.lock $PY -m benchmarks.bench_sync --base-store /work/bench-scale3/keep/2225 --server --rounds 1 --store $S --keep-records --out $O/sync300k-$name.json
  date -u
done
for tree in /work/wt-scale4 /work/bench-scale4/main-tree; do
  name=$(basename $tree)
  cd $tree && flock /work/bench.lock $PY -m benchmarks.memory_breakdown --store $S --server --out $O/memory300k-server-$name.json
  date -u
done
