"""Answers of one store to a fixed list of questions, as JSON lines: run it with two versions of
the code on copies of the same store and diff the outputs (same answers before and after).

The questions are the query benchmark's plus ones made from what the store holds (its most
quoted speakers, its example questions), so no dataset's text is written here.

    python -m benchmarks.compare_answers --store DIR --out FILE [--speakers 15]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.bench_query import QUESTIONS


def questions(desk, speakers: int) -> list[str]:
    found = list(QUESTIONS)
    for info in desk.speakers()[:speakers]:
        found += [f"What did {info.name} say?", f"What did {info.name} say about the economy?"]
    return found + desk.examples()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--speakers", type=int, default=15)
    args = parser.parse_args()
    from app.api import QuoteDesk

    desk = QuoteDesk.open(args.store)
    with open(args.out, "w", encoding="utf-8") as out:
        speakers = [(s.name, s.quotes, s.articles) for s in desk.speakers()]
        out.write(json.dumps({"speakers": speakers, "sources": desk.sources()}) + "\n")
        for question in questions(desk, args.speakers):
            answer = desk.ask(question)
            top = [p.chunk.id for p in desk.search(question, k=10)]
            out.write(json.dumps({"q": question, "answer": answer.answer, "search": top}) + "\n")


if __name__ == "__main__":
    main()
