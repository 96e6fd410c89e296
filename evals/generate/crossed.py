"""Who-said questions a corpus cannot answer: another corpus's who-said items, asked of it.

    python -m evals.generate.crossed [--generated evals/generated] [--per-source 100]

A user who asks "Who said that <something>?" about a statement nobody in the articles made
must get a decline, not the closest quotation under a confident "X said". The generated sets
had no such question (their unanswerable items name a person or a thing), so nothing measured
or fitted that decline. These items are the who-said questions generated from one corpus
(`build.Builder`, templates `ws_*`), asked of another corpus whose articles never hold every
word of the phrases the question names in headline or body (`CorpusIndex.with_all_words`,
the generator's unanswerable check, which also reads a press item's lead): BBC 2004-05
statements asked of the presidential press of 2021-22 and of US politics of 2015-16, and each
of those asked of the others. Each keeps the split of its source item (a dev item's question
is a dev question everywhere).

Writes `<target>-<split>-crossed.jsonl` beside the generated sets, for every target corpus
whose `<target>-articles.jsonl` is there and every split with source items: kind
`unanswerable`, template `crossed:<source template>`, `source_corpus` and `source_id` kept.
At most `--per-source` items per source corpus and split, chosen by a stable hash of the id.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.generate.corpora import read_articles
from evals.generate.templates import TEMPLATES
from evals.generate.text import CorpusIndex, norm
from evals.run import load_dataset
from evals.split import SPLITS

REPO = Path(__file__).resolve().parents[2]
CORPORA = ("bbc", "press", "polnear")
SLOT = re.compile(r"\{(\w+)\}")


def _pattern(text: str) -> re.Pattern[str]:
    """A template's question text with each slot a group: what reads the phrases back."""
    parts = SLOT.split(text)
    regex = "".join(re.escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.IGNORECASE)


WHO_SAID_PATTERNS = {t.name: _pattern(t.text) for t in TEMPLATES if t.kind == "who_said"}


def phrase_words(item: Mapping[str, Any]) -> list[str] | None:
    """The words of the phrases a generated who-said question names, or None when the item is
    no who-said item of a known template (its phrases cannot be told from its scaffolding)."""
    pattern = WHO_SAID_PATTERNS.get(str(item.get("template", "")).split(":")[0])
    found = pattern.match(item["question"]) if pattern else None
    if found is None:
        return None
    return [w for phrase in found.groups() for w in norm(phrase).split()]


def _stable(text: str) -> str:
    return hashlib.sha256(f"quotedesk-crossed-v1|{text}".encode()).hexdigest()


def crossed_items(
    target: str,
    index: CorpusIndex,
    sources: Mapping[str, Sequence[Mapping[str, Any]]],
    per_source: int,
) -> list[dict[str, Any]]:
    """Who-said items of the other corpora that no article of `target` can answer (no article
    holds every word of their phrases), at most `per_source` from each, as unanswerable items
    of `target`."""
    out: list[dict[str, Any]] = []
    for source, items in sources.items():
        if source == target:
            continue
        kept = []
        for item in sorted(items, key=lambda i: _stable(i["id"])):
            words = phrase_words(item) if item.get("kind") == "who_said" else None
            if words and not index.with_all_words(words):
                kept.append(_as_unanswerable(item, target, source))
            if len(kept) == per_source:
                break
        out += kept
    return out


def _as_unanswerable(item: Mapping[str, Any], target: str, source: str) -> dict[str, Any]:
    digest = hashlib.sha256(f"{target}|{item['id']}".encode()).hexdigest()[:12]
    return {
        "id": f"gen-{target}-crossed-{digest}",
        "question": item["question"],
        "kind": "unanswerable",
        "speaker": None,
        "gold_docs": [],
        "evidence_any": [],
        "split": item["split"],
        "corpus": target,
        "template": f"crossed:{item['template']}",
        "source_corpus": source,
        "source_id": item["id"],
    }


def _article_index(path: Path) -> CorpusIndex:
    """Every word of an article's headline and body (`read_articles`: a bad line is one line
    on stderr and skipped)."""
    return CorpusIndex({a.id: f"{a.title}\n{a.text}" for a in read_articles(path)})


def write_crossed(generated: Path, per_source: int) -> dict[str, int]:
    """Write every target's crossed items per split; returns counts by file name."""
    counts: dict[str, int] = {}
    targets = [c for c in CORPORA if (generated / f"{c}-articles.jsonl").is_file()]
    for target in targets:
        index = _article_index(generated / f"{target}-articles.jsonl")
        for split in SPLITS:
            sources = {
                c: load_dataset(generated / f"{c}-{split}.jsonl")
                for c in CORPORA
                if c != target and (generated / f"{c}-{split}.jsonl").is_file()
            }
            items = crossed_items(target, index, sources, per_source)
            path = generated / f"{target}-{split}-crossed.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
            counts[path.name] = len(items)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=Path, default=REPO / "evals" / "generated")
    parser.add_argument("--per-source", type=int, default=100)
    args = parser.parse_args(argv)
    counts = write_crossed(args.generated, args.per_source)
    if not counts:
        print(f"no <corpus>-articles.jsonl in {args.generated}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{name}: {count} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
