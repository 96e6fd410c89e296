"""The fast tier's torch block (tests/fast/no_torch.py): which imports it stops.

Importing the plugin installs the block, so this module never imports it: it runs only when
`make test-fast` loaded it (`-p tests.fast.no_torch`), and is skipped in the full suite, which
needs torch.
"""

from __future__ import annotations

import sys

import pytest

PLUGIN = sys.modules.get("tests.fast.no_torch")
pytestmark = pytest.mark.skipif(PLUGIN is None, reason="loaded by `make test-fast` only")


@pytest.mark.parametrize(
    ("name", "blocked"),
    [("torch", True), ("torch.nn", True), ("torchvision", False), ("numpy", False)],
)
def test_the_finder_blocks_torch_and_its_submodules_only(name: str, blocked: bool) -> None:
    finder = PLUGIN.BlockTorch()
    if blocked:
        with pytest.raises(ModuleNotFoundError, match=f"{name} is blocked"):
            finder.find_spec(name, None)
    else:
        assert finder.find_spec(name, None) is None


def test_torch_is_absent_not_none() -> None:
    """scipy (through scikit-learn) reads `sys.modules["torch"]` when it is there."""
    assert any(isinstance(finder, PLUGIN.BlockTorch) for finder in sys.meta_path)
    assert "torch" not in sys.modules
    with pytest.raises(ImportError):
        import torch  # noqa: F401
