#!/bin/bash
# open after another machine's ingest at 100k, replicas on one `chroma run` server (bench_sync
# --server --keep-records, 2 rounds), trees in the order given ($1 $2); round name $3
set -x
K=/work/bench-scale3/keep
O=/work/bench-scale4/out
PY=/work/main/.venv/bin/python
for tree in "$1" "$2"; do
  name=$(basename $tree)
  date -u
  cd $tree && $PY -m benchmarks.bench_sync --base-store $K/2225 --server --rounds 2 --store $K/100000 --keep-records --out $O/sync100k-$name-$3.json
done
date -u
