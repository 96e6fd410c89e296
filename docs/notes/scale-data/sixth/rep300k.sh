#!/bin/bash
# extend a copy of scale3's 100k replica to 300,000 articles (not a timing run: nice 19, no lock)
PY=/work/main/.venv/bin/python
date -u
cd /work/wt-scale4 && nice -n 19 $PY -m benchmarks.bench_query --base-store /work/bench-scale3/keep/2225 --child /work/bench-scale4/300000 --replicate 300000
date -u
