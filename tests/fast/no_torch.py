"""pytest plugin for `make test-fast`: torch cannot be imported in this process.

The fast tier promises no model; with torch blocked, nothing can load the real embedding model
by accident, and spaCy's thinc skips its optional torch import (about 3 s of the tier's start,
more on a busy machine). Loaded with `-p tests.fast.no_torch` by `make test-fast` only: the
full suite loads the real model and needs torch.
"""

from __future__ import annotations

import sys

if "torch" not in sys.modules:
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
