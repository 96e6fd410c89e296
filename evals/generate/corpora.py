"""The three corpora the generator reads, and the article subsets the stores are built from.

Subsets are chosen by the same kind of stable hash as the split (a different salt), so the same
articles are picked on every run and adding articles to a corpus moves few of them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.split import stable_hash
from ingest.loaders import LEAD_FIELDS

SUBSET_SALT = "quotedesk-subset-v1"


@dataclass(frozen=True)
class Article:
    """One article as the generator needs it; `record` is the corpus line, written back as is."""

    id: str
    title: str
    text: str
    source: str
    url: str | None
    record: dict[str, Any]

    @property
    def readable(self) -> str:
        """Headline, lead and body: every word quotedesk reads of the article. A check that a
        person and a topic never meet must look here, not in the body alone: a head of state's
        greetings name their sender only in the lead ("Ana Vell sent greetings ...")."""
        leads = (self.record.get(name) for name in LEAD_FIELDS)
        lead = next((v for v in leads if isinstance(v, str)), "")
        return "\n".join((self.title, lead, self.text))


@dataclass(frozen=True)
class CorpusSpec:
    """Where a corpus lives under the corpus root and how many of its articles to use."""

    name: str
    folder: str
    size: int | None  # None: all articles


def read_articles(path: Path) -> list[Article]:
    """Articles of a JSONL corpus file; a bad line is reported on stderr and skipped."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out.append(
                    Article(
                        id=rec["id"],
                        title=rec.get("title") or "",
                        text=rec["text"],
                        source=rec.get("source") or "",
                        url=rec.get("url"),
                        record=rec,
                    )
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                print(f"{path}:{number}: skipped, not an article record ({exc})", file=sys.stderr)
    return out


def pick_subset(articles: list[Article], size: int | None, strata: str = "source") -> list[Article]:
    """`size` articles chosen by stable hash, in equal shares per value of `strata` (e.g. the
    presidencies of a press corpus), kept in corpus order. None keeps all."""
    if size is None or size >= len(articles):
        return list(articles)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(getattr(article, strata), []).append(article)
    share, chosen = size // len(groups), set()
    for members in groups.values():
        ranked = sorted(members, key=lambda a: stable_hash(a.id, SUBSET_SALT))
        chosen.update(a.id for a in ranked[:share])
    return [a for a in articles if a.id in chosen]


def write_articles(articles: Iterable[Article], path: Path) -> int:
    """Write the corpus records of these articles (the file a store is built from)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article.record, ensure_ascii=False) + "\n")
            count += 1
    return count


# A fit article that repeats more than this share of its 12-word runs from eval articles is a
# near copy (a release reissued with a new first line): left out like an identical one.
NEAR_COPY_WORDS = 12
NEAR_COPY_SHARE = 0.5


def _same_text(text: str) -> str:
    """The text as the identical-text check compares it: words only, case folded, so a copy
    that differs in spacing or a line break is still a copy."""
    return " ".join(text.split()).casefold()


def _runs(text: str) -> set[str]:
    """The article's runs of NEAR_COPY_WORDS words (one run for a shorter text)."""
    words = _same_text(text).split()
    starts = range(max(1, len(words) - NEAR_COPY_WORDS + 1))
    return {" ".join(words[i : i + NEAR_COPY_WORDS]) for i in starts}


def fit_pool(
    articles: list[Article], subset: list[Article], groups: Iterable[Iterable[str]] = ()
) -> list[Article]:
    """The articles outside the eval subset that may train a model, in corpus order.

    A fit article must tell the model nothing about an eval article: one that shares a
    duplicate group with an eval article, has the same text as one (or as an earlier fit
    article: two copies would be one question asked twice) or repeats most of one
    (NEAR_COPY_SHARE) is left out. Only ids and texts are read: the same pool on every run."""
    chosen = {a.id for a in subset}
    members = [list(group) for group in groups]
    blocked = {i for group in members if chosen.intersection(group) for i in group}
    texts = {_same_text(a.text) for a in subset}
    runs = set().union(*(_runs(a.text) for a in subset))
    out = []
    for article in articles:
        text, own = _same_text(article.text), _runs(article.text)
        if article.id in chosen or article.id in blocked or text in texts:
            continue
        if len(own & runs) > NEAR_COPY_SHARE * len(own):
            continue
        texts.add(text)
        out.append(article)
    return out
