"""End to end on the bundled sample: ingest into a real Chroma store, ask, check the citations."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from ingest.loaders import article_from_record
from tests.helpers import SAMPLE, make_desk

pytestmark = pytest.mark.slow


def paragraphs_containing(text: str, needle: str) -> set[int]:
    from ingest.text import paragraph_spans

    return {n for n, (s, e) in enumerate(paragraph_spans(text), 1) if needle in text[s:e]}


def test_example_question_cites_lavrov_osce_lines_only(sample_desk, sample_record) -> None:
    answer = sample_desk.ask("What did Lavrov say about the OSCE?")
    assert not answer.abstained
    assert answer.citations
    text = sample_record["text"]
    peskov = paragraphs_containing(text, "Peskov") | paragraphs_containing(text, "Kremlin")
    for citation in answer.citations:
        assert citation.paragraph not in peskov
        assert citation.speaker == "Sergei Lavrov"
    assert any("OSCE" in c.text for c in answer.citations)
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.answer
    assert "Lavrov" in answer.answer
    # His own words before the article's report of them (the sample has both on the OSCE).
    kinds = [c.kind for c in answer.citations]
    assert kinds[0] == "direct" and kinds == sorted(kinds, key=lambda k: k == "indirect")


def test_every_citation_is_verbatim_at_its_offsets(sample_desk, sample_record) -> None:
    """The property the product promises: the cited words are exactly the article's words."""
    questions = [
        "What did Lavrov say about the OSCE?",
        "What did the Kremlin spokesman say about optimism?",
        "How long will Russia take to respond?",
        "Who said that the reaction should not be delayed?",
        "What was said about NATO expansion to the East?",
    ]
    stored = sample_desk.article(sample_record["id"])
    assert stored.text == sample_record["text"]
    for question in questions:
        for c in sample_desk.ask(question).citations:
            assert stored.text[c.start : c.end] == c.text, question


def test_unrelated_question_abstains(sample_desk) -> None:
    answer = sample_desk.ask("What is the recipe for a good sourdough bread?")
    assert answer.abstained and not answer.citations


def test_reingest_is_idempotent_and_change_replaces(tmp_path: Path, sample_record) -> None:
    desk = make_desk(tmp_path / "store")
    first = desk.ingest([SAMPLE], progress=False)
    counts = desk.store.counts()
    again = desk.ingest([SAMPLE], progress=False)
    assert (again.added, again.updated, again.unchanged, again.chunks_written) == (0, 0, 1, 0)
    assert desk.store.counts() == counts

    changed = dict(sample_record, text=sample_record["text"].split("\n\nRussia will not")[0])
    path = tmp_path / "changed.jsonl"
    path.write_text(json.dumps(changed), encoding="utf-8")
    report = desk.ingest([path], progress=False)
    assert report.updated == 1
    after = desk.store.counts()
    assert after["articles"] == 1
    assert 0 < after["chunks"] < counts["chunks"] or after["quotes"] < counts["quotes"]
    stored_ids = desk.store.chunks.get()["ids"]
    assert len(stored_ids) == len(set(stored_ids)) == after["chunks"]
    assert first.added == 1
    assert "Peskov" not in " ".join(c.text for c in desk.store.all_chunks())


def test_bad_inputs_do_not_stop_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02")
    (folder / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (folder / "lines.jsonl").write_text(
        '{"id": "ok1", "text": "A good story about rates."}\n{oops\n{"id": "no-text"}\n'
    )
    (folder / "good.txt").write_text(
        "Harbour plan\n\nThe council approved the harbour plan on Monday."
    )
    desk = make_desk(tmp_path / "store")
    errors: list[str] = []
    report = desk.ingest(
        [folder, tmp_path / "missing.txt"], on_error=lambda e: errors.append(str(e)), progress=False
    )
    assert report.added == 2
    assert report.failed == 6 == len(errors)
    assert all("\n" not in e for e in errors)
    assert any("missing.txt" in e for e in errors)


class _FailingRecords:
    """The articles collection with its commit write failing, as if the process were killed."""

    def __init__(self, real) -> None:
        self._real = real

    def upsert(self, **_: object) -> None:
        raise KeyboardInterrupt

    def __getattr__(self, name: str):
        return getattr(self._real, name)


def test_half_written_article_is_invisible_then_replaced(tmp_path: Path, sample_record) -> None:
    """A kill between writing chunks and the commit record leaves nothing visible or doubled."""
    desk = make_desk(tmp_path / "store")
    article = article_from_record(sample_record, "sample")
    store = desk.store
    real = store.articles
    store.articles = _FailingRecords(real)
    with pytest.raises(KeyboardInterrupt):
        desk.ingestor.ingest_articles([article], progress=False)
    store.articles = real
    assert store.chunks.count() > 0 and store.articles.count() == 0
    desk.retriever.refresh(force=True)
    assert desk.retriever.chunks == {}
    assert desk.ask("What did Lavrov say about the OSCE?").abstained

    report = desk.ingestor.ingest_articles([replace(article)], progress=False)
    assert report.added == 1
    ids = store.chunks.get()["ids"]
    assert len(ids) == len(set(ids))
    desk.retriever.refresh(force=True)
    assert len(desk.retriever.chunks) == len(ids)


def test_cli_ask_json_and_stats(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(cli, ["--store", store, "ingest", "--no-progress", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    result = runner.invoke(
        cli, ["--store", store, "ask", "--json", "What did Lavrov say about the OSCE?"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[result.output.index("{") :])
    assert set(payload) >= {"question", "answer", "abstained", "citations", "timings_ms"}
    citation = payload["citations"][0]
    assert set(citation) >= {
        "n",
        "article_id",
        "title",
        "source",
        "published",
        "url",
        "paragraph",
        "start",
        "end",
        "text",
        "speaker",
        "score",
    }
    assert any("OSCE" in c["text"] for c in payload["citations"])
    result = runner.invoke(cli, ["--store", store, "stats"])
    assert "articles: 1" in result.output
    result = runner.invoke(cli, ["--store", store, "ingest", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.output


def test_model_loads_offline_from_package() -> None:
    import os

    from ingest.embedding import packaged_model_path

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    path = packaged_model_path()
    assert "site-packages" in str(path) and (path / "config.json").is_file()


def test_rebuild_recreates_indexes_from_article_records(tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "store")
    desk.ingest([SAMPLE], progress=False)
    before = desk.store.counts()
    desk.store.client.delete_collection("quotedesk_quotes")  # damage: an index is lost
    report = desk.rebuild(progress=False)
    assert report.updated == 1
    assert desk.store.counts() == before
    answer = desk.ask("What did Lavrov say about the OSCE?")
    assert any("OSCE" in c.text for c in answer.citations)
