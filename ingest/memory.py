"""Keep the ingest's resident memory bounded: one malloc arena, freed pages handed back.

glibc gives each thread that allocates an arena of its own (up to 8 per core) and keeps the
memory of freed large batches (hidden states, attention scores, tokenizer output) in it, so
the resident size of a long ingest grows towards the sum of every arena's high-water mark.
`share_one_arena` (at process start) puts every thread on one arena, where one model worker's
freed buffers serve the other's next batch; `malloc_trim(0)` returns the free pages. Where libc
has neither function (musl, macOS, Windows) both are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any

_M_ARENA_MAX = -8  # glibc's mallopt parameter: the most malloc arenas a process makes


@cache
def _libc_function(name: str, argtypes: tuple[Any, ...]) -> Any | None:  # noqa: ANN401
    """The C library's function `name` with its argument types set, or None where the C
    library cannot be loaded or has no such function."""
    library = ctypes.util.find_library("c")
    if library is None:
        return None
    try:
        function = getattr(ctypes.CDLL(library), name)
    except (OSError, AttributeError):
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


def release_free_memory() -> bool:
    """Return freed heap pages to the OS; True if anything was released."""
    trim = _libc_function("malloc_trim", (ctypes.c_size_t,))
    return bool(trim(0)) if trim is not None else False


def share_one_arena() -> bool:
    """Make threads share one malloc arena (glibc's M_ARENA_MAX), so the buffers one model
    worker frees are reused by the other's next batch instead of sitting in an arena of its
    own until trimmed: the ingest pass then trims once per call, not after every batch
    (docs/notes/floor2.md: about 10% of the ingest's CPU, peak RSS as with a trim per batch).
    Called by `app.settings.set_process_switches` at process start: arenas made before are
    kept (set after Chroma and the model had started threads, peak RSS grew instead).
    Idempotent. True if set."""
    mallopt = _libc_function("mallopt", (ctypes.c_int, ctypes.c_int))
    return bool(mallopt(_M_ARENA_MAX, 1)) if mallopt is not None else False
