"""Hand freed heap memory back to the operating system between ingest batches.

glibc keeps the memory of freed large batches (hidden states, attention scores, tokenizer
output) in its arenas, one per thread that allocated, so the resident size of a long ingest
grows towards the sum of every arena's high-water mark. `malloc_trim(0)` returns the free pages
of all arenas. Where libc has no such function (musl, macOS, Windows) this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _trim_function() -> Callable[[int], int] | None:
    """libc's `malloc_trim`, or None where the C library does not have it."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return freed heap pages to the OS; True if anything was released."""
    trim = _trim_function()
    return bool(trim(0)) if trim is not None else False
