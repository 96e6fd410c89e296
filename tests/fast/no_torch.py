"""pytest plugin for `make test-fast`: torch cannot be imported in this process.

The fast tier promises no model; with torch blocked, nothing can load the real embedding model
by accident, and spaCy's thinc skips its optional torch import (about 3 s of the tier's start,
more on a busy machine). Loaded with `-p tests.fast.no_torch` by `make test-fast` only: the
full suite loads the real model and needs torch.

The block is an import finder, not a `None` in `sys.modules`: libraries that look torch up
there to see whether it is loaded (scipy's array API helpers, under scikit-learn) must find it
absent, not a `None` they then read attributes of.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType


class BlockTorch(MetaPathFinder):
    """Fails every import of torch or one of its submodules with ImportError."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "torch" or fullname.startswith("torch."):
            raise ModuleNotFoundError(f"{fullname} is blocked in the fast tier", name=fullname)
        return None


if "torch" not in sys.modules:
    sys.meta_path.insert(0, BlockTorch())
