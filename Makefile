# One command to run the chat on the bundled sample (`make demo`), one to run the tests
# (`make test`, what CI runs). Both create .venv and install everything on a fresh machine.
# `make test-fast` is the tier to run while developing: tests/fast on a fake embedder, no
# model, browser or server (see docs/notes/fasttier.md).
VENV    ?= .venv
PY      := $(VENV)/bin/python
STORE   ?= .quotedesk/sample-store
STAMP   := $(VENV)/.installed

.PHONY: setup demo test test-fast lint browser eval clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: the CPU wheel on disk (unpinned pulls GBs of CUDA).
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# Debian's chromium for the browser tests (Playwright never downloads its own browser).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# Ingest the bundled sample (a no-op when unchanged) and open the chat on http://127.0.0.1:7860
demo: setup
	$(VENV)/bin/quotedesk --store $(STORE) ingest data/samples
	$(VENV)/bin/quotedesk --store $(STORE) serve

test: setup browser
	$(PY) -m pytest -q

# torch blocked (tests.fast.no_torch) and the unused hypothesis plugin off: nothing heavy loads.
# FAST_TESTS="tests/fast tests/unit" adds the unit tests (also model-free, about 13 s more CPU).
FAST_TESTS ?= tests/fast
test-fast: setup
	$(PY) -m pytest -q -p tests.fast.no_torch -p no:hypothesispytest -p no:cacheprovider $(FAST_TESTS)

# The generated BBC dev and test splits scored side by side with the baselines, one report
# (evals/out/bbc-dev+bbc-test/report.md). The sets come from `python -m evals.generate`.
GENERATED ?= evals/generated
eval: setup
	test -f $(GENERATED)/bbc-dev.jsonl || $(PY) -m evals.generate
	$(PY) -m evals --dataset $(GENERATED)/bbc-dev.jsonl --dataset $(GENERATED)/bbc-test.jsonl \
		--corpus $(GENERATED)/bbc-articles.jsonl --store .quotedesk/eval-bbc-generated

lint: setup
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

clean:
	rm -rf .quotedesk
