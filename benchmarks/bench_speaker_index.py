"""The speaker index of a store: built from every count, read back, and updated after a change.

Works on a copy of the store's records file (the store is not touched): times the build from
every speaker count (what a process did before the index was stored, and what a new or cleared
file still does), reading the stored index back (an unchanged store), and updating it after
`--articles` articles are added (copies of existing ones under new ids) and after they are
deleted again; checks that each update equals a build from every count.

    python -m benchmarks.bench_speaker_index --store DIR [--articles 5]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from app.corpus import Corpus
from app.speaker_index import SpeakerIndex
from benchmarks.common import machine, print_table
from ingest.records import FILE_NAME, Records
from ingest.types import StoredQuote

Value = TypeVar("Value")


def timed(call: Callable[[], Value]) -> tuple[Value, float]:
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def index_now(path: Path) -> SpeakerIndex:
    """What a new process's first answer gets (its own connection, nothing cached)."""
    records = Records(path)
    return Corpus(records, records.stamps()).speaker_index()


def add_copies(records: Records, count: int) -> list[str]:
    """Copies of the first `count` committed articles under new ids, written and committed."""
    originals = list(records.stamps())[:count]
    new = {a: f"bench-copy-{n}" for n, a in enumerate(originals)}
    chunks = [
        replace(
            c, id=c.id.replace(c.article_id, new[c.article_id], 1), article_id=new[c.article_id]
        )
        for c in records.chunks_of(originals)
    ]
    quotes = [
        StoredQuote(s.id.replace(s.article_id, new[s.article_id], 1), s.quote, new[s.article_id])
        for s in records.quotes_where("article_id", originals)
    ]
    records.write({a: "bench" for a in new.values()}, chunks, quotes)
    return list(new.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=5)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAME
        shutil.copyfile(args.store / FILE_NAME, path)
        with sqlite3.connect(path) as db:  # as if no process had stored an index yet
            db.execute("DROP TABLE IF EXISTS derived")
        records = Records(path)  # fills the speaker counts of a file of an older version
        counts, seconds = timed(records.speaker_rows)
        rows.append(["read every speaker count", seconds, len(counts)])
        built, seconds = timed(lambda: SpeakerIndex.from_rows(counts))
        rows.append(["build from every count", seconds, len(built)])
        index, seconds = timed(lambda: index_now(path))
        rows.append(["first process: build and store", seconds, len(index)])
        index, seconds = timed(lambda: index_now(path))
        rows.append(["next process, unchanged store: read back", seconds, len(index)])
        added = add_copies(records, args.articles)
        index, seconds = timed(lambda: index_now(path))
        same = index.to_json() == SpeakerIndex.from_rows(records.speaker_rows()).to_json()
        rows.append([f"after {len(added)} new articles: update", seconds, f"{len(index)} {same}"])
        records.delete(added)
        index, seconds = timed(lambda: index_now(path))
        same = index.to_json() == SpeakerIndex.from_rows(records.speaker_rows()).to_json()
        rows.append(["after deleting them: update", seconds, f"{len(index)} {same}"])
        articles = len(records.stamps())
    print(f"# speaker index, {articles:,} articles ({args.store}); {machine()}")
    print_table(["step", "seconds", "speakers (update equals a full build)"], rows)


if __name__ == "__main__":
    main()
