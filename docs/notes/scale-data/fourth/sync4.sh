#!/bin/bash
# open after another machine's ingest (another store folder on the same `chroma run` server),
# every measurement from an up-to-date replica; branch then main (6a110ed, git archive + this
# bench_sync.py/bench_query.py); 2,225 (fresh records file) / 20,000 / 100,000 (records kept)
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale3/out
PY=/work/main/.venv/bin/python
B="--base-store $K/2225 --server --rounds 2"
for tree in /work/wt-scale3 /work/bench-scale3/main-tree; do
  name=$(basename $tree)
  date -u
  cd $tree && $PY -m benchmarks.bench_sync $B --store $K/2225 --out $O/sync4-$name-small.json
  date -u
  cd $tree && $PY -m benchmarks.bench_sync $B --store $K/20000 --store $K/100000 --keep-records --out $O/sync4-$name-big.json
done
date -u
