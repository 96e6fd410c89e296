"""What every benchmark prints: the machine it ran on, a table, a JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


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
