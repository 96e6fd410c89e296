"""A fact question names its story by a phrase few articles hold (specific.story_reference)."""

from __future__ import annotations

import random

import pytest

from evals.generate.build import Builder
from evals.generate.contexts import _NUMBER, Context
from evals.generate.corpora import Article
from evals.generate.specific import MAX_STORY_ARTICLES, story_reference
from evals.generate.text import CorpusIndex, Span
from evals.generate.topics import Phrase, stems


def _phrase(text: str) -> Phrase:
    return Phrase(text, stems(text))


# Articles holding each phrase: 'Westland' and 'the summit' are in hundreds of stories.
HELD = {
    "Westland": 300,
    "the summit": 40,
    "Ana Vell": 3,
    "the harbour tariff": 1,
    "tolls": 2,
    "2021 Westland Prize": 1,
}

STORIES = [
    # (headline phrases, subject asked the number of, story asked, why)
    (["the harbour tariff", "Westland"], "the cargo fee", "the harbour tariff", "first is rare"),
    (["Westland", "the harbour tariff"], "the cargo fee", "the harbour tariff", "rarest"),
    (["Westland", "Ana Vell", "tolls"], "the cargo fee", "tolls", "rarest of two rare ones"),
    (["Westland", "the summit"], "the cargo fee", None, "no phrase singles the story out"),
    (["the harbour tariff", "Westland"], "The Harbour Tariff", None, "the rare one is asked"),
    (["the harbour tariff", "tolls"], "harbour tariff", "tolls", "its article does not count"),
    ([], "the cargo fee", None, "no headline phrase"),
    (["2021 Westland Prize", "tolls"], "the prize money", "tolls", "a number is no story name"),
]


@pytest.mark.parametrize(("headline", "subject", "expected", "why"), STORIES)
def test_the_story_is_named_by_a_phrase_few_articles_hold(
    headline: list[str], subject: str, expected: str | None, why: str
) -> None:
    found = story_reference([_phrase(h) for h in headline], _phrase(subject), HELD.__getitem__)
    assert (found.text if found else None) == expected, why


def test_the_cut_lies_between_the_rare_and_the_common_cases() -> None:
    assert HELD["Ana Vell"] <= MAX_STORY_ARTICLES < HELD["the summit"]


def test_a_phrase_is_counted_as_whole_words_in_headline_lead_and_body() -> None:
    texts = {"a1": "Tolls rose.", "a2": "The harbour tariffs went up.", "a3": "No news."}
    readable = {**texts, "a3": "Harbour tariff review\nNo news."}
    index = CorpusIndex(texts, readable)
    assert index.with_phrase("the harbour tariff") == set()  # no 'the' before it anywhere
    assert index.with_phrase("Harbour tariff") == {"a3"}  # 'tariffs' is another word
    assert index.with_phrase("tolls") == {"a1"}
    assert index.with_phrase("...") == set()


TEXT = (
    "Westland raised its port charges on Monday. "
    "The cargo fee rose by 12% in the first half of the year, the port authority said."
)
ARTICLE = Article(
    id="g0", title="Westland harbour tariff", text=TEXT, source="Daily", url=None, record={}
)


def _fact_builder(others: str) -> tuple[Builder, Context]:
    """A builder whose corpus is the gold article and five others with `others` as text."""
    start = TEXT.index("The cargo fee")
    sentence = Span(start, len(TEXT))
    match = _NUMBER.search(TEXT[start:])
    assert match
    context = Context(
        article=ARTICLE,
        split="dev",
        statements=[],
        headline=[_phrase("Westland"), _phrase("harbour tariff")],
        around={},
        gold_phrases={},
        facts=[(sentence, match, _phrase("The cargo fee"))],
        found=[],
    )
    texts = {"g0": TEXT, **{f"o{n}": others for n in range(5)}}
    return Builder("bbc", CorpusIndex(texts), [context], 16), context


CASES = [
    # (text of five other articles, story asked, what the check did)
    ("Ida Vale opened a bakery.", "Westland", None),
    ("Westland won the cup.", "harbour tariff", "rewritten"),
    ("Westland cut its harbour tariff.", None, "dropped"),
]


@pytest.mark.parametrize(("others", "story", "outcome"), CASES)
def test_a_fact_item_is_rewritten_or_dropped_without_moving_later_draws(
    others: str, story: str | None, outcome: str | None
) -> None:
    builder, context = _fact_builder(others)
    rng = random.Random(7)
    item = builder._fact(context, rng)
    assert (item.question.endswith(f"report on {story}?") if item else None) == (
        True if story else None
    )
    counts = {k.outcome: n for k, n in builder.counts.items() if k.rule == "story_reference"}
    assert counts == ({outcome: 1} if outcome else {})
    kept, _ = _fact_builder("Ida Vale opened a bakery.")
    reference = random.Random(7)
    kept._fact(kept.contexts[0], reference)
    assert rng.getstate() == reference.getstate()
