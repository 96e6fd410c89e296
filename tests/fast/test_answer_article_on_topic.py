"""A person quoted in a few articles, asked about a topic one of them covers: their words from
that article, not "The articles quote X, but not on Y" (made-up people and articles)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.answer.answerer import FEW_ARTICLES, SHORT_ARTICLE_CHUNKS, ExtractiveAnswerer
from app.answer.declines import decline
from app.answer.search import Evidence
from ingest.ids import chunk_id

# Ana Vell is quoted once, in an article on the krone whose second passage names harbour bonds.
CHUNKS = {
    chunk_id("krone", 0): SimpleNamespace(
        title="Krone hits high", text="Ana Vell said money returns."
    ),
    chunk_id("krone", 1): SimpleNamespace(title="Krone hits high", text="Harbour bonds rallied."),
    chunk_id("port", 0): SimpleNamespace(title="Port strike", text="The harbour closed."),
}
# A long transcript that Ana Vell chairs; the tariff comes up in its last passage.
TRANSCRIPT = ["Ana Vell: Next question."] + ["Ports reopen."] * SHORT_ARTICLE_CHUNKS
TRANSCRIPT += ["The tariff stays."]
CHUNKS |= {
    chunk_id("briefing", n): SimpleNamespace(title="Briefing", text=text)
    for n, text in enumerate(TRANSCRIPT)
}


def _terms(text: str) -> list[str]:
    return [w.strip("?.,").lower() for w in text.split() if len(w.strip("?.,")) > 2]


def _candidate(speaker: str, article_id: str) -> SimpleNamespace:
    return SimpleNamespace(
        unit=SimpleNamespace(speaker=speaker, chunk=SimpleNamespace(article_id=article_id))
    )


CANDIDATES = [
    _candidate("Ida Brandt", "port"),
    _candidate("Ana Vell", "briefing"),
    _candidate("Ana Vell", "krone"),
]


def _answerer(articles: int) -> tuple[ExtractiveAnswerer, SimpleNamespace]:
    retriever = SimpleNamespace(lexicon=SimpleNamespace(terms=_terms), chunks=CHUNKS)
    index = SimpleNamespace(info=lambda name: SimpleNamespace(name=name, articles=articles))
    return ExtractiveAnswerer(retriever=retriever, settings=None, ranker=None), index


@pytest.mark.parametrize(
    ("topic", "articles", "found"),
    [
        ("Harbour bonds", 1, ["krone"]),  # the article holds every term, her words do not
        ("Harbour bonds", FEW_ARTICLES, ["krone"]),
        ("Harbour bonds", FEW_ARTICLES + 1, []),  # much quoted: an article on anything
        ("Harbour festival", 1, []),  # a term the article lacks: not on this topic
        ("", 1, []),  # no topic to be on
        # Named in a transcript longer than one story: not what its chair spoke about.
        ("tariff", 2, []),
    ],
)
def test_words_from_the_article_on_the_topic(topic: str, articles: int, found: list[str]) -> None:
    answerer, index = _answerer(articles)
    evidence = Evidence("speaker", CANDIDATES, 0.0, 2, 0.1, 0.5, "Ana Vell")
    chosen = answerer._quoted_in_article_on(topic, evidence, index)
    assert [c.unit.chunk.article_id for c in chosen] == found
    assert all(c.unit.speaker == "Ana Vell" for c in chosen)


def test_decline_names_headlines_without_quotation_marks() -> None:
    """The decline's offer lists headlines of articles quoting the person; a headline is often
    another person's words ("... - Tom Reed"), so it is never set in quotation marks after
    the person's name."""
    titled = [
        SimpleNamespace(
            unit=SimpleNamespace(
                speaker="Ana Vell", chunk=SimpleNamespace(article_id="a", title=title)
            )
        )
        for title in ("We will win - Tom Reed", "Port strike", "We will win - Tom Reed")
    ]
    evidence = Evidence("speaker", titled, 0.0, 2, 0.1, 0.5, "Ana Vell")
    intent = SimpleNamespace(unheld_role=None, topic="the tariff")
    answer = decline("What did Ana Vell say about the tariff?", intent, evidence)
    assert answer.abstained
    assert answer.answer == (
        "The articles quote Ana Vell, but not on the tariff. Headlines of articles that quote"
        " Ana Vell: We will win - Tom Reed; Port strike."
    )
    assert "“" not in answer.answer
