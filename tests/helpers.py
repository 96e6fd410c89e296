"""What several test modules (and the benchmarks that generate test inputs) share.

Test modules import from here, never from each other, from a conftest or from `benchmarks`.
Two kinds of helpers live here:
- real components in tmp folders: `make_desk` (the real embedding model), `chroma_server`,
  `serving` (the chat on a free port), `free_port`;
- deterministic test doubles: `FakeEmbedder` (vectors from hashed word n-grams) and
  `make_fake_desk`, a real `QuoteDesk` (real Chroma, real retrieval, real quote extraction)
  whose only fake is the embedder, for the fast tier (`make test-fast`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "articles.jsonl"
SHARED = load_settings().shared_dir  # QUOTEDESK_SHARED, else ../shared
BBC = SHARED / "corpus" / "bbc" / "articles.jsonl"
# The model's ONNX export (written once, reused by every test and CLI child process), kept out
# of the user's own cache folder.
EMBED_CACHE = Path(tempfile.gettempdir()) / "quotedesk-tests-model-cache"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def text_of(message: dict) -> str:
    """The text of a Gradio chat message, whose content is a string or a list of parts."""
    content = message["content"]
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content)
    return content


# ----- real components ---------------------------------------------------------------------------


def run_killed(script: str, *args: str) -> None:
    """Run `script` (`python -c`) in a child process that kills itself mid-write (SIGKILL),
    with the repository importable; fail with its stderr when it ends any other way. The
    kill-safety tests then reopen what it left."""
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        timeout=120,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()


def make_desk(home: Path, **overrides: Any):
    """A `QuoteDesk` with the real embedding model over a store in `home`; environment ignored."""
    from app.api import QuoteDesk

    overrides.setdefault("embed_cache", EMBED_CACHE)
    return QuoteDesk.from_settings(load_settings(environ={}, home=home, **overrides))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def chroma_server(data: Path, log: Path) -> Iterator[tuple[str, int]]:
    """A `chroma run` server on 127.0.0.1 over the database folder `data`, waited for and
    stopped on exit; yields its URL and process id."""
    exe = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if exe is None:
        raise RuntimeError("the `chroma` command is missing (it comes with the chromadb package)")
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [exe, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start; see {log}") from None
                time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass(frozen=True)
class Served:
    url: str
    demo: Any


@contextlib.contextmanager
def serving(desk: Any, **server: Any) -> Iterator[Served]:
    """`app.ui.launch` exactly as `quotedesk serve` runs it, but without blocking."""
    from app.settings import ServerSettings
    from app.ui import launch

    settings = ServerSettings(host="127.0.0.1", port=free_port(), **server)
    demo = launch(desk, settings, block=False, quiet=True)
    try:
        yield Served(f"http://127.0.0.1:{settings.port}/", demo)
    finally:
        demo.close()


# ----- made-up articles --------------------------------------------------------------------------

WORDS = [
    *("council", "harbour", "budget", "minister", "storm", "rail", "school", "hospital"),
    *("river", "union", "court", "energy", "museum", "bridge", "farmers", "election"),
    *("police", "festival", "airport", "water", "tax", "housing", "market"),
]
NAMES = ("Alma Ruiz", "Tom Hale", "Priya Shah", "Jonas Berg", "Mei Lin", "Omar Haddad")


def _sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 7)
    return f"The {words[0]} {words[1]} plan for the {words[2]} was {' '.join(words[3:])}."


def made_up_article(rng: random.Random, n: int) -> tuple[str, str]:
    """A small, unique, quotable article: (title, text). Seeded, so the same for a given rng."""
    who = rng.choice(NAMES)
    title = f"Item {n}: {rng.choice(WORDS).title()} {rng.choice(WORDS)} update"
    paragraphs = [
        f"{_sentence(rng)} Officials in district {n} confirmed the {rng.choice(WORDS)} plan.",
        f"\u201cWe will finish the {rng.choice(WORDS)} work by {2000 + n},\u201d said {who}.",
        f"{_sentence(rng)} {_sentence(rng)}",
    ]
    return title, "\n\n".join(paragraphs)


# Three invented news items (no dataset text): two speakers quoted on different topics, one
# speaker in two articles, two sources and two dates, so speaker, topic, source and date
# questions each have one right answer.
FAKE_ARTICLES: tuple[dict[str, str], ...] = (
    {
        "id": "fake-harbour",
        "title": "Harbour bridge repairs to start in spring",
        "source": "Valley Post",
        "published": "2031-03-02",
        "text": (
            "Repairs to the old harbour bridge will begin in April, the city council confirmed "
            "on Tuesday.\n\n"
            "\u201cThe bridge has carried traffic for ninety years and the steel is tired,\u201d "
            "said Mayor Alma Ruiz. \u201cWe will close one lane at a time so the traffic keeps "
            "moving.\u201d\n\n"
            "Engineer Tom Hale said the cables were safe but the deck needed new plates. "
            "\u201cNobody should worry about crossing it today,\u201d Hale told reporters."
        ),
    },
    {
        "id": "fake-orchard",
        "title": "Orchard growers warn of a poor apple harvest",
        "source": "Farm Weekly",
        "published": "2031-06-15",
        "text": (
            "A late frost has damaged blossom across the valley's orchards, growers say.\n\n"
            "\u201cWe lost almost half of the blossom in a single night,\u201d said Priya Shah, "
            "who chairs the growers' cooperative. \u201cPrices for apples will rise this "
            "autumn.\u201d\n\n"
            "The cooperative has asked the regional government for help with frost fans."
        ),
    },
    {
        "id": "fake-ferry",
        "title": "Mayor promises a night ferry for shift workers",
        "source": "Valley Post",
        "published": "2031-07-01",
        "text": (
            "A ferry will run across the harbour after midnight from September.\n\n"
            "\u201cNurses and bakers finish work when the last boat has gone; that ends this "
            "year,\u201d Mayor Alma Ruiz said at the quay.\n\n"
            "Tickets will cost the same as on the day service."
        ),
    },
)


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ----- the fake embedder and the desk built on it -------------------------------------------------

FAKE_DIMENSIONS = 384  # the real model's, so stores look the same to Chroma
_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """`ingest.embedding.Embedder` as `QuoteDesk` uses it (`query`, `texts`), without a model.

    A vector is the sum of signed hash buckets of the text's lower-cased words and word
    bigrams, normalised: texts sharing words are close, and the same text always gives the
    same vector, in microseconds. `calls` counts embedded texts, so tests can check caching.
    """

    def __init__(self, dimensions: int = FAKE_DIMENSIONS) -> None:
        self.dimensions = dimensions
        self.calls = 0

    def query(self, text: str) -> list[float]:
        return self._vector(text)

    def texts(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def _vector(self, text: str) -> list[float]:
        self.calls += 1
        words = _WORD.findall(text.lower())
        grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        vector = [0.0] * self.dimensions
        for gram in grams:
            digest = hashlib.blake2b(gram.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dimensions
            vector[bucket] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vector))
        if norm == 0.0:  # no words: a fixed unit vector, never a zero one Chroma cannot rank
            vector[0], norm = 1.0, 1.0
        return [v / norm for v in vector]


def count_words(texts: Sequence[str]) -> list[int]:
    """A token counter without the model's tokenizer: word pieces are about 1.3 per word."""
    return [len(_WORD.findall(t)) * 4 // 3 + 2 for t in texts]


def make_fake_desk(home: Path, **overrides: Any):
    """A real `QuoteDesk` over a new embedded Chroma store in `home`, with `FakeEmbedder`.

    Built from its parts like `QuoteDesk.from_settings`, but no model file is read.
    """
    return fake_desk_from_settings(load_settings(environ={}, home=home, **overrides))


def fake_desk_with(home: Path, articles: Sequence[dict[str, Any]]):
    """A fake-embedder desk in `home` with these made-up articles ingested, none failing: the
    store the end-to-end answer tests of one construction ask their questions of."""
    desk = make_fake_desk(home / "store")
    report = desk.ingest([write_jsonl(home / "articles.jsonl", articles)], progress=False)
    assert report.added == len(articles) and not report.failed, report.summary()
    return desk


def fake_desk_from_settings(settings: Any):
    """`QuoteDesk.from_settings` with the fake embedder (tests patch it in for the CLI)."""
    from app.api import QuoteDesk
    from app.retrieval import HybridRetriever
    from ingest.pipeline import Ingestor
    from ingest.store import Store

    embedder = FakeEmbedder()
    store = Store.open(settings.store_dir, settings.chroma_url)
    retriever = HybridRetriever(store, embedder, settings.retrieval)
    ingestor = Ingestor(
        store=store,
        embedder=embedder,
        count_tokens=count_words,
        chunk_max_tokens=settings.ingest.chunk_max_tokens,
        max_file_bytes=int(settings.ingest.max_file_mb * 1_000_000),
        batch_articles=settings.ingest.write_batch_articles,
    )
    return QuoteDesk(settings, store, retriever, ingestor)


def made_up_questions(
    rng: Any, n: int, family: str, candidates: int, topic_terms: int
) -> list[Any]:
    """Made-up ranker questions (`evals.fit_ranker.Question`) whose evidence unit (index 2) has
    the highest `unit_cover`; every fourth is unanswerable, with only low-cover candidates."""
    import numpy as np

    from app.evidence.features import FEATURES
    from evals.fit_ranker import Question

    cover = FEATURES.index("unit_cover")
    found = []
    for i in range(n):
        answerable = i % 4 != 0
        x = rng.uniform(0.0, 0.4, size=(candidates, len(FEATURES)))
        labels = np.zeros(candidates, dtype=int)
        if answerable:
            x[2, cover] = rng.uniform(0.7, 1.0)
            labels[2] = 1
        found.append(Question(family, answerable, x, labels, 0.0, topic_terms))
    return found
