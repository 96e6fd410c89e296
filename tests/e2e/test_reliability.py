"""Reliability: ingest beside a running desk, a damaged store, a full disk, bad input at scale.

The writers run as real `quotedesk` processes (a second process is the point of these tests);
read-back checks run in-process, after those processes have exited.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.helpers import SAMPLE, made_up_article, make_desk

pytestmark = pytest.mark.slow

QUOTEDESK = str(Path(sys.executable).parent / "quotedesk")
OSCE = "What did Lavrov say about the OSCE?"
HARBOUR_QUESTION = "When will the harbour reopen?"
HARBOUR = (
    "Harbour reopens after storm\n\n"
    "\u201cThe harbour will reopen on Monday,\u201d said port director Alma Ruiz.\n\n"
    "Fishing boats stayed moored for a week while crews cleared the quay.\n"
)
REFRESH_SECONDS = 0.5


def quotedesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real CLI in its own process (bounded in time)."""
    return subprocess.run(
        [QUOTEDESK, *args],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
    )


def assert_clear_error(output: str, *words: str) -> None:
    """One `Error:` line naming what to do, and no traceback."""
    assert "Traceback" not in output, output[-2000:]
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, output[-2000:]
    for word in words:
        assert word in errors[0], errors[0]


def cites_verbatim(desk, answer) -> bool:
    return all(desk.article(c.article_id).text[c.start : c.end] == c.text for c in answer.citations)


# ----- ingest while serving -------------------------------------------------------------------


def _store_args(home: Path, url: str | None) -> list[str]:
    return ["--store", str(home)] + (["--chroma-url", url] if url else [])


@pytest.fixture(
    scope="module", params=["embedded", pytest.param("server", marks=pytest.mark.server)]
)
def served_then_ingested(request, tmp_path_factory) -> Iterator[tuple]:
    """A running desk (refresh 0.5 s); then another process ingests one article into its store.

    Yields (desk, article id, seconds from the ingest's exit to the first answer citing it).
    """
    url = request.getfixturevalue("chroma_server") if request.param == "server" else None
    home = tmp_path_factory.mktemp(f"serving-{request.param}")
    desk = make_desk(home / "store", chroma_url=url, refresh_seconds=REFRESH_SECONDS)
    before = set(desk.store.articles.get()["ids"])
    desk.ingest([SAMPLE], progress=False)
    assert any("OSCE" in c.text for c in desk.ask(OSCE).citations)
    article = home / "harbour.txt"
    article.write_text(HARBOUR, encoding="utf-8")

    done = quotedesk(*_store_args(home / "store", url), "ingest", "--no-progress", str(article))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "1 added" in done.stdout
    ingested = time.monotonic()
    new_id = next(iter(set(desk.store.articles.get()["ids"]) - before - {_sample_id(desk)}))
    waited = None
    while time.monotonic() - ingested < REFRESH_SECONDS + 30:  # 30 s: asking is slow here
        if any(c.article_id == new_id for c in desk.ask(HARBOUR_QUESTION).citations):
            waited = time.monotonic() - ingested
            break
        time.sleep(0.1)
    yield desk, new_id, waited
    if url:  # the Chroma server is shared by the session: leave it as we found it
        desk.store.delete_articles(sorted(set(desk.store.articles.get()["ids"]) - before))


def _sample_id(desk) -> str:
    return json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])["id"]


def test_running_desk_answers_from_another_process_ingest(served_then_ingested) -> None:
    desk, new_id, waited = served_then_ingested
    assert waited is not None, "the running desk never answered from the new article"
    assert waited < REFRESH_SECONDS + 10  # one refresh interval plus one (slow) answer
    answer = desk.ask(HARBOUR_QUESTION)
    assert "Monday" in answer.answer and cites_verbatim(desk, answer)
    old = desk.ask(OSCE)  # what was there before still answers
    assert any("OSCE" in c.text for c in old.citations) and cites_verbatim(desk, old)


def test_running_desk_dense_search_sees_the_new_vectors(served_then_ingested) -> None:
    """Embedded Chroma keeps each process's HNSW index in memory (`PersistentClient` is not
    process-safe, chroma-core/chroma#3792, #3769): the desk reopens its client when another
    process changed the store, so `query` finds the new vectors, not only BM25."""
    desk, new_id, _ = served_then_ingested
    vector = desk.retriever.embed_query(HARBOUR_QUESTION)
    found = desk.store.chunks.query(query_embeddings=[vector], n_results=3)["ids"][0]
    assert any(i.startswith(new_id + ":") for i in found)
    passages = desk.search(HARBOUR_QUESTION, k=3)  # found by the dense side, not just BM25
    assert any(p.chunk.article_id == new_id and p.dense is not None for p in passages)


# ----- a damaged store -------------------------------------------------------------------------


@pytest.fixture
def sample_store(tmp_path: Path) -> Path:
    """A closed store holding the sample article."""
    home = tmp_path / "store"
    desk = make_desk(home)
    desk.ingest([SAMPLE], progress=False)
    desk.store.client.close()
    return home


def invoke(home: Path, *args: str):
    from app.cli import cli

    return CliRunner().invoke(cli, ["--store", str(home), *args])


def test_lost_chunk_index_names_rebuild_and_rebuild_restores_answers(sample_store: Path) -> None:
    import chromadb

    client = chromadb.PersistentClient(path=str(sample_store / "chroma"))
    client.delete_collection("quotedesk_chunks")
    client.close()

    result = invoke(sample_store, "ask", OSCE)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert_clear_error(result.output, "quotedesk rebuild", "chunk index")

    result = invoke(sample_store, "rebuild", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "rebuilt 1 articles" in result.output
    result = invoke(sample_store, "ask", OSCE, "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert any("OSCE" in c["text"] for c in answer["citations"])


def test_corrupt_database_is_a_clear_error(sample_store: Path) -> None:
    database = sample_store / "chroma" / "chroma.sqlite3"
    data = bytearray(database.read_bytes())
    data[100:4096] = os.urandom(3996)
    database.write_bytes(bytes(data))
    for _ in range(2):  # the second open meets Chroma's half-started client: same message
        result = invoke(sample_store, "stats")
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert_clear_error(result.output, "quotedesk rebuild", "cannot open the store")


def test_deleted_chroma_folder_names_rebuild_and_rebuild_restores_everything(
    sample_store: Path,
) -> None:
    from chromadb.api.client import SharedSystemClient

    before = invoke(sample_store, "ask", OSCE, "--json")
    shutil.rmtree(sample_store / "chroma")
    SharedSystemClient.clear_system_cache()  # as a new process would: no open handle survives
    result = invoke(sample_store, "ask", OSCE)
    assert result.exit_code == 1
    assert_clear_error(result.output, "quotedesk rebuild", "1 archived articles but none indexed")

    result = invoke(sample_store, "rebuild", "--no-progress")
    assert result.exit_code == 0 and "rebuilt 1 articles" in result.output, result.output
    after = invoke(sample_store, "ask", OSCE, "--json")
    assert after.exit_code == 0, after.output
    assert json.loads(after.output)["citations"] == json.loads(before.output)["citations"]


def test_an_ingest_after_a_lost_index_indexes_what_it_is_given_and_names_the_rest(
    sample_store: Path, tmp_path: Path
) -> None:
    """A first ingest killed after its archive write leaves the same state as a lost Chroma
    folder (archived, none indexed): ingesting again must work, and say what only
    `quotedesk rebuild` would index."""
    from chromadb.api.client import SharedSystemClient

    shutil.rmtree(sample_store / "chroma")
    SharedSystemClient.clear_system_cache()
    title, text = made_up_article(random.Random(7), 1)
    other = tmp_path / "other.md"
    other.write_text(f"# {title}\n\n{text}\n", encoding="utf-8")
    result = invoke(sample_store, "ingest", "--no-progress", str(other))
    assert result.exit_code == 0, result.output
    assert "1 archived articles are in no index; run `quotedesk rebuild`" in result.output

    result = invoke(sample_store, "ingest", "--no-progress", str(SAMPLE))
    assert result.exit_code == 0, result.output
    assert "in no index" not in result.output
    answer = invoke(sample_store, "ask", OSCE, "--json")
    assert answer.exit_code == 0, answer.output
    assert any("OSCE" in c["text"] for c in json.loads(answer.output)["citations"])


def test_damaged_database_moved_away_is_rebuilt_from_the_archive(sample_store: Path) -> None:
    """What the corrupt-database message tells the user to do, done."""
    from chromadb.api.client import SharedSystemClient

    database = sample_store / "chroma" / "chroma.sqlite3"
    database.write_bytes(os.urandom(8192))
    assert invoke(sample_store, "stats").exit_code == 1
    (sample_store / "chroma").rename(sample_store / "chroma.damaged")
    SharedSystemClient.clear_system_cache()  # the user's next command is a new process
    result = invoke(sample_store, "rebuild", "--no-progress")
    assert result.exit_code == 0 and "rebuilt 1 articles" in result.output, result.output
    answer = json.loads(invoke(sample_store, "ask", OSCE, "--json").output)
    assert any("OSCE" in c["text"] for c in answer["citations"])


# ----- a full disk -----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (needs root and mount permission; skipped otherwise)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_is_a_clear_error_and_earlier_articles_survive(small_disk, tmp_path) -> None:
    home = small_disk / "store"
    desk = make_desk(home)
    desk.ingest([SAMPLE], progress=False)
    desk.store.client.close()
    rng = random.Random(0)
    many = tmp_path / "many.jsonl"
    articles = [made_up_article(rng, n) for n in range(150)]
    records = [dict(zip(("title", "text"), a, strict=True)) for a in articles]
    many.write_text("\n".join(json.dumps({"id": f"m{i}", **r}) for i, r in enumerate(records)))
    batches = {"QUOTEDESK_WRITE_BATCH_ARTICLES": "10"}

    failed = quotedesk("--store", str(home), "ingest", "--no-progress", str(many), env=batches)
    assert failed.returncode == 1
    assert_clear_error(failed.stderr, "disk full", "run the same ingest again")

    while_full = quotedesk("--store", str(home), "ask", OSCE)  # the disk is still full
    assert "Traceback" not in while_full.stderr, while_full.stderr[-2000:]
    if while_full.returncode != 0:  # Chroma must apply its log before reading: needs space
        assert_clear_error(while_full.stderr, "disk is full")

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    desk = make_desk(home)
    answer = desk.ask(OSCE)
    assert any("OSCE" in c.text for c in answer.citations) and cites_verbatim(desk, answer)
    assert desk.articles_without_chunks() == []
    desk.store.client.close()
    again = quotedesk("--store", str(home), "ingest", "--no-progress", str(many), env=batches)
    assert again.returncode == 0, again.stderr[-2000:]
    desk = make_desk(home)
    assert desk.stats()["articles"] == 151
    desk.store.client.close()


# ----- bad input at scale ----------------------------------------------------------------------


def test_bad_inputs_one_error_line_each_and_every_good_file_ingested(tmp_path: Path) -> None:
    from benchmarks.make_bad_inputs import write_inputs

    manifest = write_inputs(tmp_path / "inputs", count=120, seed=1)
    home = tmp_path / "store"
    done = quotedesk(
        "--store",
        str(home),
        "ingest",
        "--no-progress",
        str(tmp_path / "inputs"),
        env={"QUOTEDESK_MAX_FILE_MB": str(manifest["max_file_mb"])},
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == manifest["errors"]
    for name, expected in manifest["files"].items():
        path = str(tmp_path / "inputs" / name)  # origin is the path, maybe ':line' or '[i]'
        named = [e for e in errors if e[7:].startswith((f"{path}:", f"{path}["))]
        assert len(named) == expected["errors"], (name, named)
    assert f"{manifest['articles']} added" in done.stdout
    desk = make_desk(home)
    assert desk.stats()["articles"] == manifest["articles"]
    assert desk.articles_without_chunks() == []


def test_questions_go_on_while_the_corpus_reloads(tmp_path: Path) -> None:
    """A reload (another process ingested) must not hold every question until it ends."""
    desk = make_desk(tmp_path / "store")
    desk.ingest([SAMPLE], progress=False)
    retriever = desk.retriever
    desk.ask(OSCE)  # warm: model, speaker index, caches
    sync = retriever.store.sync_records
    started = threading.Event()

    def slow_sync():
        started.set()
        time.sleep(5)  # a large store: copying another process's articles takes a while
        return sync()

    retriever.store.sync_records = slow_sync
    reload = threading.Thread(target=retriever.refresh, kwargs={"force": True})
    reload.start()
    try:
        assert started.wait(30)
        asked = time.monotonic()
        answer = desk.ask("What did the Kremlin spokesman say about optimism?")
        assert time.monotonic() - asked < 4, "the question waited for the reload"
        assert answer.citations
    finally:
        reload.join(60)
        retriever.store.sync_records = sync
    assert desk.ask(OSCE).citations  # the reloaded state answers too
