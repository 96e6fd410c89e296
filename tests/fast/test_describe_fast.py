"""`QuoteDesk.describe` and `quotes_in_file`: what callers used to reach around the API for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.pipeline import PIPELINE_VERSION


def test_describe_names_settings_versions_and_prompts(fake_desk) -> None:
    described = fake_desk.describe()
    assert described["prompts"] == {"quotes": "extractive"} and described["llm"] is None
    assert described["versions"]["pipeline"] == PIPELINE_VERSION
    assert described["settings"]["retrieval"]["max_citations"] == 4
    assert "llm_api_key" not in described["settings"]
    assert described["store"] == fake_desk.store.location
    json.dumps(described, default=str)  # JSON-ready apart from paths


def test_quotes_in_file_reads_without_storing(fake_desk, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Dam\n\n“The dam will hold,” said engineer Mei Lin.\n", encoding="utf-8")
    before = fake_desk.stats()["articles"]
    [quote] = fake_desk.quotes_in_file(path)
    assert quote.text.startswith("The dam will hold") and quote.speaker == "Mei Lin"
    assert fake_desk.quotes_in_file(path, speaker="Alma Ruiz") == []
    assert fake_desk.stats()["articles"] == before


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "missing.txt"),
        ("broken.json", '{"text": ', "broken.json"),
    ],
)
def test_quotes_in_file_names_a_file_it_cannot_read(
    fake_desk, tmp_path: Path, name: str, content: str | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        fake_desk.quotes_in_file(path)
