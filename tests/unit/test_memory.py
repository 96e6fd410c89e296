"""The process's malloc switches (`ingest.memory`): set at start by `set_process_switches`,
no-ops without glibc, and with glibc every thread really allocates from one arena."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from app.settings import set_process_switches
from ingest import memory

ROOT = Path(__file__).resolve().parents[2]

# A child process: optionally the switches, then four threads alive at once, each allocating
# (bytearrays above pymalloc's 512 bytes and below glibc's mmap threshold come from the
# thread's malloc arena); glibc's `malloc_info` then lists one <heap> per arena.
ARENAS_SCRIPT = """
import ctypes, ctypes.util, sys, tempfile, threading
if sys.argv[1] == "switches":
    from app.settings import set_process_switches
    set_process_switches()
barrier = threading.Barrier(4)
kept = []
def allocate():
    kept.append([bytearray(50_000) for _ in range(20)])
    barrier.wait()
threads = [threading.Thread(target=allocate) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
libc.fclose.argtypes = [ctypes.c_void_p]
with tempfile.NamedTemporaryFile(suffix=".xml") as out:
    stream = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(open(out.name).read().count("<heap nr="))
"""


def _has_glibc_malloc_info() -> bool:
    library = ctypes.util.find_library("c")
    return library is not None and hasattr(ctypes.CDLL(library), "malloc_info")


def _arenas(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", ARENAS_SCRIPT, mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(not _has_glibc_malloc_info(), reason="glibc's malloc_info is needed")
def test_threads_share_one_arena_after_the_process_switches() -> None:
    assert _arenas("plain") > 1  # the detector sees arenas per thread without the switch
    assert _arenas("switches") == 1


def test_the_process_switches_set_one_arena(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int, int]] = []

    def libc_function(name: str, argtypes: tuple) -> object:
        return lambda param, value: calls.append((name, param, value)) or 1

    monkeypatch.setattr(memory, "_libc_function", libc_function)
    set_process_switches({})
    assert calls == [("mallopt", -8, 1)]  # M_ARENA_MAX = 1


def test_one_arena_is_a_no_op_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_libc_function", lambda name, argtypes: None)
    assert memory.share_one_arena() is False
    environ: dict[str, str] = {}
    set_process_switches(environ)  # the rest of the switches still set, nothing raised
    assert environ["HF_HUB_OFFLINE"] == "1"
