"""Statements from PolNeAR's gold attributions (train split), not from any extractor.

PolNeAR annotates sources as written ('Reed', 'he', 'a spokesman'); only sources that name a
person whose full name the article gives are kept, and pronoun sources are left out rather than
resolved, so every label stays the annotators' own.
"""

from __future__ import annotations

import re
from pathlib import Path

from evals.attribution import load_gold
from evals.generate.corpora import Article
from evals.generate.statements import CUES, Reference, Statement, parse_reference, resolve
from evals.generate.text import Span

_CUE = re.compile(r"\b(" + "|".join(sorted(CUES, key=len, reverse=True)) + r")\b", re.I)


def source_reference(source: str) -> Reference | None:
    """The reference a gold source makes. A source with an apposition names its person first
    ("Jon Alterman, a Middle East analyst at the Center for Strategic and International
    Studies"): the words before the first comma are read alone when they hold a name, so the
    end of an organisation's name is not taken for the person's."""
    head = parse_reference(source.split(",", 1)[0].split()) if "," in source else None
    return head if head and head.name else parse_reference(source.split())


def gold_statements(corpus_dir: Path, articles: list[Article]) -> dict[str, list[Statement]]:
    """article id -> the gold quotations of the train split with a resolvable named source."""
    by_id = {a.id: a for a in articles}
    out: dict[str, list[Statement]] = {}
    for gold in load_gold(corpus_dir, "train", "quoted"):
        article = by_id.get(f"polnear-{gold.doc}")
        if article is None or not gold.source:
            continue
        spans = tuple(Span(s, e) for s, e in sorted(gold.spans))
        words = sum(len(article.text[s.start : s.end].split()) for s in spans)
        if not 6 <= words <= 150:
            continue
        ref = source_reference(gold.source)
        who = resolve(article, ref) if ref and ref.name else None
        if not who:
            continue
        near = article.text[
            max(0, gold.source_start - 40) : gold.source_start + len(gold.source) + 40
        ]
        cue = _CUE.search(near)
        statement = Statement(
            article_id=article.id,
            speaker=who[0],
            surname=who[0].split()[-1],
            role=who[1],
            spans=spans,
            cue=CUES[cue.group(1).lower()] if cue else "say",
            rule="polnear_gold",
        )
        out.setdefault(article.id, []).append(statement)
    for statements in out.values():
        statements.sort(key=lambda s: s.start)
    return out
