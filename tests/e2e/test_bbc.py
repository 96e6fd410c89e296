"""A few hundred real BBC articles: questions written for this test cite the right article.

The questions paraphrase the articles (different words from the text), so they exercise the
dense side of retrieval as well as BM25. They are not in any eval dataset.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import make_desk, read_jsonl

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bbc_desk(bbc_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """Every tenth BBC article (about 220, all sections), duplicates dropped."""
    duplicates = json.loads((bbc_path.parent / "duplicates.json").read_text())
    dropped = {i for group in duplicates for i in group[1:]}
    rows = [r for r in read_jsonl(bbc_path) if r["id"].endswith("0") and r["id"] not in dropped]
    corpus = tmp_path_factory.mktemp("bbc") / "subset.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    desk = make_desk(tmp_path_factory.mktemp("bbc-store"))
    report = desk.ingest([corpus], progress=False)
    assert report.added == len(rows) and report.failed == 0
    return desk


@pytest.mark.parametrize(
    ("question", "article_id"),
    [
        pytest.param(
            "Why did judges throw out Washington's lawsuit against cigarette makers?",
            "bbc-business-010",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known gap: on this 220-article subset the learned general ranker "
                "judges the question unanswerable (QuoteDesk.evidence: answerable < threshold)",
            ),
        ),
        (
            "How long do people wait on hold before giving up on a phone helpline?",
            "bbc-business-020",
        ),
        ("What did the OECD predict for American economic growth?", "bbc-business-030"),
        (
            "How much did the football kit maker's profits rise thanks to the Euro championship?",
            "bbc-business-040",
        ),
        ("Which African country stopped performances of a feminist play?", "bbc-entertainment-010"),
    ],
)
def test_question_cites_its_article(bbc_desk, question: str, article_id: str) -> None:
    answer = bbc_desk.ask(question)
    assert not answer.abstained, answer.answer
    assert article_id in [c.article_id for c in answer.citations]
    assert article_id in [p.chunk.article_id for p in bbc_desk.search(question, k=3)]


def test_speaker_question_answers_with_that_speakers_words(bbc_desk) -> None:
    answer = bbc_desk.ask("What did Cara Diemont say about callers?")
    assert answer.citations
    assert all(c.speaker and "Diemont" in c.speaker for c in answer.citations)
    assert "Diemont" in answer.answer


def test_citations_are_verbatim_on_bbc(bbc_desk) -> None:
    for question in ("What did ministers say about the budget?", "Who won the match?"):
        for c in bbc_desk.ask(question).citations:
            article = bbc_desk.article(c.article_id)
            assert article.text[c.start : c.end] == c.text
