#!/bin/bash
# open after another machine's ingest (from another store folder on the same server: bench_query.elsewhere), replicas on one `chroma run` server: branch then main
# (6a110ed, git archive + this bench_sync.py), then main then branch; same stores
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
S="--base-store $K/2225 --store $K/2225 --store $K/20000 --server"
date -u
cd /work/wt-scale3 && $PY -m benchmarks.bench_sync $S --out $O/sync3-server-branch-1.json
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.bench_sync $S --out $O/sync3-server-main-1.json
date -u
cd /work/bench-scale3/main-tree && $PY -m benchmarks.bench_sync $S --out $O/sync3-server-main-2.json
date -u
cd /work/wt-scale3 && $PY -m benchmarks.bench_sync $S --out $O/sync3-server-branch-2.json
date -u
