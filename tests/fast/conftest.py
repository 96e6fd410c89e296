"""The fast tier (`make test-fast`): no embedding model, no browser, no server.

Every test here runs on `fake_desk` or a desk from `tests.helpers.make_fake_desk`; loading the
real model would make the tier slow without anyone noticing, so it fails the test instead.
"""

from __future__ import annotations

import pytest

from ingest.embedding import Embedder


def _no_model(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("the fast tier must not embed with the real model: use FakeEmbedder")


@pytest.fixture(autouse=True)
def no_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Embedder, "query", _no_model)
    monkeypatch.setattr(Embedder, "texts", _no_model)
