"""What every benchmark prints (the machine it ran on, a table, a JSON file). The real
`chroma run` server and `free_port`, which benchmarks and the client/server tests share, live
in `tests/helpers.py` and are re-exported here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import chroma_server, free_port

__all__ = ["chroma_server", "free_port", "machine", "print_table", "write_json"]


def machine() -> str:
    """One line, from the same description the eval reports use."""
    from evals.report import machine as describe

    info = describe()
    return f"{info['nproc']} cores, {info['cpu']}, Python {info['python']}"


def print_table(header: list[str], rows: list[list[Any]]) -> None:
    def cell(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:,.2f}"
        return str(value)

    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(cell(v) for v in row) + " |")


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    print(f"wrote {path}")
