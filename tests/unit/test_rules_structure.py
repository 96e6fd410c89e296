"""The limits issue 23 sets on `ingest/quoting/`, checked on its source (AST only, no spaCy).

The package is where most changes land, so it must stay readable: small modules, short
functions, word lists only in the lexicon (built into patterns with `alternation`), and
statement records read by field name, never by position. Each check has a row that must fail
it, so none of them can pass by finding nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ingest" / "quoting"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# A regex alternative that is a plain word (letters, apostrophes, an inner space or hyphen).
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z' \-]*")
MAX_PLAIN_WORDS_IN_A_REGEX = 2
_REGEX_CALLS = frozenset({"compile", "search", "match", "fullmatch", "finditer", "findall", "sub"})
# Names the package gives its typed records (and lists of them); a constant index on one is
# reading a record by position.
_RECORD_NAME = re.compile(
    r"(statement|stmt|cue|subject|piece|found|inner|record|finding|mention|fallback)s?$"
)


class Violation(NamedTuple):
    """One broken limit: where and what."""

    where: str
    what: str


def _sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.glob("*.py"))}


def long_module(name: str, source: str) -> list[Violation]:
    lines = source.count("\n")
    if lines > MAX_MODULE_LINES:
        return [Violation(name, f"{lines} lines > {MAX_MODULE_LINES}")]
    return []


def long_functions(name: str, source: str) -> list[Violation]:
    return [
        Violation(f"{name}:{node.lineno} {node.name}", f"{length} lines > {MAX_FUNCTION_LINES}")
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (length := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES
    ]


def _regex_literals(tree: ast.AST) -> list[ast.Constant]:
    """String constants passed as the pattern of an `re` call."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _REGEX_CALLS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.args
        ):
            found += [
                part
                for part in ast.walk(node.args[0])
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            ]
    return found


def word_lists_in_regexes(name: str, source: str) -> list[Violation]:
    violations = []
    for literal in _regex_literals(ast.parse(source)):
        for group in re.split(r"[()\[\]]", literal.value):
            words = [alt for alt in group.split("|") if _PLAIN_WORD.fullmatch(alt.strip("?:"))]
            if len(words) > MAX_PLAIN_WORDS_IN_A_REGEX and len(words) == len(group.split("|")):
                violations.append(Violation(f"{name}:{literal.lineno}", f"word list {group!r}"))
    return violations


def _record_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def tuple_indexing(name: str, source: str) -> list[Violation]:
    violations = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Subscript):
            continue
        index = node.slice
        if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
            index = index.operand
        target = _record_name(node.value)
        if (
            isinstance(index, ast.Constant)
            and isinstance(index.value, int)
            and target
            and _RECORD_NAME.search(target.lower())
            and not target.endswith("s")
        ):
            violations.append(Violation(f"{name}:{node.lineno}", f"{target}[{index.value}]"))
    return violations


CHECKS = [long_module, long_functions, word_lists_in_regexes, tuple_indexing]

# Made-up sources each check must reject: (check, source)
MUST_FAIL = [
    (long_module, "x = 1\n" * (MAX_MODULE_LINES + 1)),
    (long_functions, "def f():\n" + "    x = 1\n" * MAX_FUNCTION_LINES),
    (word_lists_in_regexes, 'import re\nP = re.compile(r"\\b(said|told|added)\\b")\n'),
    (word_lists_in_regexes, 'import re\nre.search(r"(?:Monday|Tuesday|Friday)", t)\n'),
    (tuple_indexing, "def f(statement):\n    return statement[2]\n"),
    (tuple_indexing, "def f(found):\n    return found[-1] > found[1]\n"),
]

# Made-up sources each check must accept: (check, source)
MUST_PASS = [
    (word_lists_in_regexes, 'import re\nP = re.compile(r"\\b(?:Mr|Ms)\\.? [A-Z]\\w+")\n'),
    (word_lists_in_regexes, 'import re\nP = re.compile(rf"\\b(?:{alternation(VERBS)})\\b")\n'),
    (tuple_indexing, "def f(statements):\n    return statements[0].span\n"),
    (tuple_indexing, "def f(match):\n    return match[1]\n"),
]


@pytest.mark.parametrize(("check", "source"), MUST_FAIL, ids=lambda v: getattr(v, "__name__", ""))
def test_the_check_rejects_a_bad_source(check, source: str) -> None:
    assert check("bad.py", source)


@pytest.mark.parametrize(("check", "source"), MUST_PASS, ids=lambda v: getattr(v, "__name__", ""))
def test_the_check_accepts_a_good_source(check, source: str) -> None:
    assert check("good.py", source) == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_package_keeps_the_limits(check) -> None:
    sources = _sources()
    assert len(sources) > 10, f"ingest/quoting/ not found at {PACKAGE}"
    violations = [v for name, source in sources.items() for v in check(name, source)]
    assert violations == []
