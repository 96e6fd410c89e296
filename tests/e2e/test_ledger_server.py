"""The ledger flow of `tests/fast/test_ledger_sync_fast.py` against a real `chroma run` server:
a writer desk and a replica store, each with its own records file, on one server; after an
ingest, a replaced article, a deleted one, a killed write and a write in flight, the replica's
records file equals a fresh sync, and it never read every article's stamp to get there."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.store import Store
from tests.fast.test_ledger_sync_fast import check_replica_follows
from tests.helpers import make_fake_desk

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_a_replica_on_a_chroma_server_follows_another_process(
    tmp_path: Path, chroma_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = make_fake_desk(tmp_path / "writer", chroma_url=chroma_server)
    check_replica_follows(
        writer, lambda home: Store.open(home, chroma_server), tmp_path, monkeypatch
    )
