"""Every benchmark script imports: no test runs most of them, so a module moved by a refactor
(`narrative_names` left `ingest.quoting.resolve`) broke `bench_quote_rules` unnoticed."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import benchmarks

MODULES = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__))


def test_the_benchmarks_are_found() -> None:
    assert {"bench_ingest", "bench_query", "bench_quote_rules"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")
