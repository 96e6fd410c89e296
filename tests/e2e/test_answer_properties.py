"""Every answer to hundreds of generated questions quotes only what was said, by whom (issue 17).

The store holds 110 BBC articles and the bundled sample; the questions are generated (seeded,
`evals.generate`'s own machinery, gold never from quotedesk's extractor) from 300 BBC articles,
the 110 among them, so some are answerable and some are about articles the store lacks (most:
enough are stored that at least 250 answers are not declines to check). Each
answer must pass `evals.answer_properties`: “...” only around a quotation's own words, the
framed speaker is the citation's speaker, no speaker named twice. The same check runs over
whole stores with `python -m evals.answer_properties` (numbers in docs/notes/sayright.md).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from evals.answer_properties import Report, check_questions
from tests.helpers import ROOT, SAMPLE, make_desk, read_jsonl

pytestmark = pytest.mark.slow

STORED = 110  # BBC articles ingested
ASKED_FROM = 300  # BBC articles the questions are generated from
SEED = 16
MIN_ANSWERS = 500


@pytest.fixture(scope="module")
def report(bbc_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    from evals.generate.build import Builder
    from evals.generate.contexts import prepare
    from evals.generate.corpora import pick_subset, read_articles, write_articles
    from evals.generate.statements import find_statements
    from evals.generate.text import CorpusIndex
    from evals.generate.topics import PhraseFinder

    articles = read_articles(bbc_path)
    asked = pick_subset(articles, ASKED_FROM)
    corpus = tmp_path_factory.mktemp("properties") / "bbc.jsonl"
    write_articles(pick_subset(articles, STORED), corpus)
    desk = make_desk(tmp_path_factory.mktemp("properties-store"))
    ingested = desk.ingest([corpus, SAMPLE], progress=False)
    assert ingested.added == STORED + 1 and not ingested.failed, ingested.summary()
    contexts = prepare(asked, find_statements, PhraseFinder(), {}, SEED)
    items = Builder("bbc", CorpusIndex({a.id: a.text for a in asked}), contexts, SEED).items()
    rows = [item.to_json() for item in items]
    rows += read_jsonl(ROOT / "evals" / "datasets" / "sample.jsonl")
    return check_questions(desk, rows)


def test_enough_answers_were_checked(report: Report) -> None:
    assert report.answers >= MIN_ANSWERS
    # Answers that cite, declines showing the closest quotation among them
    assert report.checked >= MIN_ANSWERS // 2
    assert report.quoted >= 100  # framed quotations, not only narrative


def test_every_answer_quotes_only_what_its_speaker_said(report: Report) -> None:
    counts = Counter(v.rule for v in report.violations)
    shown = "\n".join(json.dumps(v._asdict(), ensure_ascii=False) for v in report.violations[:10])
    assert not report.violations, f"{dict(counts)}\n{shown}"
