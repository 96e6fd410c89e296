"""The same ingest / re-ingest / ask / quotes flow against a real `chroma run` server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SAMPLE, make_desk

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_server_mode_end_to_end(tmp_path: Path, chroma_server: str) -> None:
    desk = make_desk(tmp_path / "unused", chroma_url=chroma_server)
    assert desk.store.location == chroma_server
    assert desk.ingest([SAMPLE], progress=False).added == 1
    assert desk.ingest([SAMPLE], progress=False).unchanged == 1
    answer = desk.ask("What did Lavrov say about the OSCE?")
    assert any("OSCE" in c.text for c in answer.citations)
    assert all(c.speaker == "Sergei Lavrov" for c in answer.citations)
    assert not (tmp_path / "unused" / "chroma").exists()

    # A second app process (here: a second desk) sees the same articles and quotes.
    other = make_desk(tmp_path / "other", chroma_url=chroma_server)
    assert other.stats()["articles"] == 1
    speakers = {s.name for s in other.speakers()}
    assert {"Sergei Lavrov", "Dmitry Peskov"} <= speakers
    article_id = desk.store.articles.get()["ids"][0]
    assert other.quotes(article_id, speaker="Peskov")


def test_unreachable_server_is_a_clear_error(tmp_path: Path) -> None:
    from ingest.store import StoreError
    from tests.helpers import free_port

    with pytest.raises(StoreError, match="Chroma server"):
        make_desk(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
