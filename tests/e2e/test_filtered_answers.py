"""Speaker, source and date filters on the bundled samples (three sources, Dec 2021 - Feb 2022):
every citation of a filtered answer lies inside the filter, through the API and the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.types import Filters
from tests.helpers import ROOT, make_desk

pytestmark = pytest.mark.slow

KREMLIN = "President of Russia (en.kremlin.ru)"
UKRAINE = "President of Ukraine (president.gov.ua/en)"
QUESTION = "What was said about NATO?"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    desk = make_desk(tmp_path_factory.mktemp("samples-store"))
    report = desk.ingest([ROOT / "data" / "samples"], progress=False)
    assert report.failed == 0 and report.added == 13
    return desk


def test_the_samples_hold_three_sources(desk) -> None:
    assert desk.sources() == ["CNN", KREMLIN, UKRAINE]


@pytest.mark.parametrize("source", ["CNN", KREMLIN, UKRAINE])
def test_a_source_filter_keeps_every_citation_in_that_source(desk, source) -> None:
    unfiltered = desk.ask(QUESTION)
    filtered = desk.ask(QUESTION, filters=Filters(source=source))
    assert filtered.citations, source
    assert {c.source for c in filtered.citations} == {source}
    assert {c.source for c in unfiltered.citations} != {source} or source == UKRAINE
    assert filtered.notice.endswith(f"Filtered to {source}")
    assert all(
        p.chunk.source == source for p in desk.search(QUESTION, filters=Filters(source=source))
    )


def test_a_date_range_keeps_every_citation_inside_it(desk) -> None:
    january = Filters(since="2022-01-01", until="2022-01-31")
    answer = desk.ask(QUESTION, filters=january)
    assert answer.citations
    assert all("2022-01-01" <= c.published[:10] <= "2022-01-31" for c in answer.citations)
    december = desk.search(QUESTION, k=20, filters=Filters(until="2021-12-31"))
    assert december and all(p.chunk.published[:10] <= "2021-12-31" for p in december)


def test_a_speaker_filter_answers_from_that_speakers_words(desk) -> None:
    # The question names nobody; the filter decides whose words answer it.
    answer = desk.ask("What about NATO membership?", filters=Filters(speaker="Jens Stoltenberg"))
    assert answer.citations and answer.speaker == "Jens Stoltenberg"
    assert all(c.speaker == "Jens Stoltenberg" for c in answer.citations)


def test_a_speakers_quote_search_scores_every_quote_of_that_speaker_as_chroma_does(desk) -> None:
    # Speaker-filtered dense search runs in process (app/retrieval.py QuotePool), not in
    # Chroma: its scores must be the cosine Chroma computes (up to the pool's int8 rows, a scale
    # each: within 2e-3), over every quote of that speaker and only theirs.
    speaker, query = "Volodymyr Zelenskyy", "security guarantees for Ukraine"
    vector = desk.retriever.embed_query(query)
    hits = desk.retriever.search_quotes(query, k=50, speakers=[speaker], vector=vector)
    assert hits and {h.quote.speaker for h in hits} == {speaker}
    chroma = desk.store.quotes.query(
        query_embeddings=[vector], n_results=100, where={"speaker": speaker}, include=["distances"]
    )
    expected = dict(zip(chroma["ids"][0], chroma["distances"][0], strict=True))
    scored = {h.quote_id: h.dense for h in hits if h.dense is not None}
    assert set(scored) == set(expected)  # the sample is small: every quote of his is scored
    assert max(abs(1 - expected[i] - score) for i, score in scored.items()) < 2e-3
    days = sorted(desk.retriever.chunks[h.quote.chunk_id].published[:10] for h in hits)
    assert days[0] < days[-1]  # his quotes span several days in the sample
    within = desk.retriever.search_quotes(
        query, k=50, speakers=[speaker], vector=vector, filters=Filters(until=days[0])
    )
    assert 0 < len(within) < len(hits)
    assert all(desk.retriever.chunks[h.quote.chunk_id].published[:10] == days[0] for h in within)


def test_the_cli_takes_the_filters(desk) -> None:
    store = str(desk.settings.store_dir)
    args = [
        "--store",
        store,
        "ask",
        "--json",
        "--source",
        KREMLIN,
        "--since",
        "2021-12-01",
        QUESTION,
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output[result.output.index("{") :])
    assert payload["citations"] and {c["source"] for c in payload["citations"]} == {KREMLIN}

    result = CliRunner().invoke(cli, ["--store", store, "ask", "--since", "soon", QUESTION])
    assert result.exit_code == 2 and "since must be a date like 2022-01-27" in result.output


@pytest.mark.parametrize("source", ["CNN", KREMLIN])
def test_a_who_said_question_within_a_source_cites_only_its_speakers(desk, source) -> None:
    """All speakers' quotes share one BM25 index, built at load; a filter masks it."""
    question = "Who said NATO should not expand to the east?"
    filtered = desk.ask(question, filters=Filters(source=source))
    assert filtered.citations and all(c.speaker for c in filtered.citations)
    assert {c.source for c in filtered.citations} == {source}
    hits = desk.retriever.search_quotes(question, 10, filters=Filters(source=source))
    assert hits and all(desk.retriever.chunks[h.quote.chunk_id].source == source for h in hits)
