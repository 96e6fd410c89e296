"""Who may touch what, read from the source with `ast` (no import, no model):

- the environment is read in `app/settings.py` only (`load_settings`, `set_process_switches`);
- the product never imports its yardstick at module level: `app` reaches `evals` only in the
  one lazy import of the `quotedesk eval` wrapper;
- `evals` is a client of `app.api`: it never imports the CLI or reads click's context;
- tests share helpers through `tests/helpers.py`: none imports a conftest, a private name of
  `benchmarks`, or a test module of another folder (a UI test's helper in an e2e test).

Each rule is a small detector over a module's syntax tree; the tables below show each detector
catching made-up code, so a rule cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import ROOT

ENV_NAMES = frozenset({"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"})
# The one module that reads (and writes) the process environment.
ENV_OWNER = Path("app/settings.py")
# (module, imported module) pairs allowed to reach `evals` from `app`, inside a function.
LAZY_EVALS_IMPORTS = frozenset({(Path("app/cli.py"), "evals.run")})
CLI_CONTEXT_NAMES = frozenset({"find_root", "get_current_context", "ensure_object", "find_object"})


class Finding(NamedTuple):
    """One offending line: where it is and what it does."""

    line: int
    what: str


def python_files(*folders: str) -> list[Path]:
    """The package's modules, relative to the project root (sorted, for stable test ids)."""
    return sorted(p.relative_to(ROOT) for f in folders for p in (ROOT / f).rglob("*.py"))


def parse(path: Path) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=str(path))


def environment_access(tree: ast.AST) -> list[Finding]:
    """`os.environ`, `os.getenv(...)`, `from os import environ` and the like."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ENV_NAMES:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                found.append(Finding(node.lineno, f"os.{node.attr}"))
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            names = [a.name for a in node.names if a.name in ENV_NAMES or a.name == "*"]
            found += [Finding(node.lineno, f"from os import {n}") for n in names]
    return found


def imported_modules(tree: ast.AST) -> Iterator[tuple[ast.stmt, str, bool]]:
    """(statement, module, at module level) for every import in the tree."""
    top = {id(node) for node in getattr(tree, "body", [])}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name, id(node) in top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node, node.module, id(node) in top


def evals_imports(tree: ast.AST, path: Path) -> list[Finding]:
    """Imports of `evals`: any at module level, and lazy ones not in `LAZY_EVALS_IMPORTS`."""
    found = []
    for node, module, at_top in imported_modules(tree):
        if module != "evals" and not module.startswith("evals."):
            continue
        if at_top or (path, module) not in LAZY_EVALS_IMPORTS:
            where = "module level" if at_top else "in a function"
            found.append(Finding(node.lineno, f"imports {module} ({where})"))
    return found


def cli_internals(tree: ast.AST) -> list[Finding]:
    """Imports of `app.cli` and reads of click's context (`ctx.find_root().obj`)."""
    found = [
        Finding(node.lineno, f"imports {module}")
        for node, module, _ in imported_modules(tree)
        if module == "app.cli" or module.startswith("app.cli.")
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in CLI_CONTEXT_NAMES:
            found.append(Finding(node.lineno, f".{node.attr}"))
    return found


def cross_layer_imports(tree: ast.AST, path: Path) -> list[Finding]:
    """Imports a test module must not make (see the module docstring)."""
    found = []
    folder = ".".join(path.parent.parts)
    for node, module, _ in imported_modules(tree):
        parts = module.split(".")
        shared_by_pytest = parts[-1] == "conftest" or parts[-1].startswith("test_")
        if module == "tests.conftest":  # the root conftest holds fixtures, not helpers
            found.append(Finding(node.lineno, f"imports {module}"))
        elif parts[0] == "tests" and shared_by_pytest and ".".join(parts[:-1]) != folder:
            found.append(Finding(node.lineno, f"imports {module} from another folder"))
        elif parts[0] == "benchmarks" and isinstance(node, ast.ImportFrom):
            private = [a.name for a in node.names if a.name.startswith("_")]
            found += [Finding(node.lineno, f"imports {module}.{n}") for n in private]
    return found


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("import os\nx = os.environ['HOME']", ["os.environ"]),
        ("import os\nx = os.getenv('HOME')", ["os.getenv"]),
        ("from os import environ", ["from os import environ"]),
        ("from os import getenv as g", ["from os import getenv"]),
        ("import os\nos.putenv('A', '1')", ["os.putenv"]),
        ("import os\nx = os.cpu_count()", []),
        ("def f(environ):\n    return environ.get('A')", []),  # a mapping passed in is fine
    ],
)
def test_environment_detector(code: str, found: list[str]) -> None:
    assert [f.what for f in environment_access(ast.parse(code))] == found


@pytest.mark.parametrize(
    ("path", "code", "found"),
    [
        ("app/x.py", "import evals.run", ["imports evals.run (module level)"]),
        (
            "app/x.py",
            "from evals import metrics",
            ["imports evals (module level)"],
        ),
        ("app/x.py", "def f():\n    import evals.report", ["imports evals.report (in a function)"]),
        ("app/cli.py", "def f():\n    from evals.run import main", []),
        ("app/cli.py", "from evals.run import main", ["imports evals.run (module level)"]),
        ("app/x.py", "import evaluate\nfrom app.types import Answer", []),
    ],
)
def test_evals_import_detector(path: str, code: str, found: list[str]) -> None:
    assert [f.what for f in evals_imports(ast.parse(code), Path(path))] == found


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("def f(ctx):\n    return ctx.find_root().obj.overrides", [".find_root"]),
        ("import click\nctx = click.get_current_context()", [".get_current_context"]),
        ("from app.cli import Context", ["imports app.cli"]),
        ("from app.api import QuoteDesk", []),
    ],
)
def test_cli_internals_detector(code: str, found: list[str]) -> None:
    assert [f.what for f in cli_internals(ast.parse(code))] == found


@pytest.mark.parametrize("path", python_files("app", "ingest", "evals"), ids=str)
def test_only_settings_reads_the_environment(path: Path) -> None:
    found = environment_access(parse(path))
    if path == ENV_OWNER:
        assert found, "settings is where the environment is read: the detector lost it"
    else:
        assert found == [], f"{path}: read the environment through app.settings instead"


@pytest.mark.parametrize("path", python_files("app"), ids=str)
def test_app_does_not_import_evals(path: Path) -> None:
    assert evals_imports(parse(path), path) == []


@pytest.mark.parametrize("path", python_files("evals"), ids=str)
def test_evals_never_reach_into_the_cli(path: Path) -> None:
    assert cli_internals(parse(path)) == []


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("from tests.conftest import SAMPLE", ["imports tests.conftest"]),
        (
            "from tests.ui.conftest import serving",
            ["imports tests.ui.conftest from another folder"],
        ),
        (
            "def f():\n    from tests.ui.test_ui_api import text_of",
            ["imports tests.ui.test_ui_api from another folder"],
        ),
        ("from tests.e2e.test_sample import OSCE", []),  # same folder
        (
            "from benchmarks.make_bad_inputs import _article",
            ["imports benchmarks.make_bad_inputs._article"],
        ),
        ("from benchmarks.make_bad_inputs import write_inputs", []),
        ("from tests.helpers import SAMPLE, make_desk", []),
    ],
)
def test_test_import_detector(code: str, found: list[str]) -> None:
    path = Path("tests/e2e/test_x.py")
    assert [f.what for f in cross_layer_imports(ast.parse(code), path)] == found


@pytest.mark.parametrize("path", python_files("tests", "benchmarks"), ids=str)
def test_tests_share_helpers_through_tests_helpers(path: Path) -> None:
    assert cross_layer_imports(parse(path), path) == []
