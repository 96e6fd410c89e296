"""What every benchmark prints (the machine it ran on, a table, a JSON file), and the real
`chroma run` server that benchmarks and the client/server tests start."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def chroma_server(data: Path, log: Path) -> Iterator[tuple[str, int]]:
    """A `chroma run` server on 127.0.0.1 over the database folder `data`, waited for and
    stopped on exit; yields its URL and process id."""
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if exe is None:
        raise RuntimeError("the `chroma` command is missing (it comes with the chromadb package)")
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start; see {log}") from None
                time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
