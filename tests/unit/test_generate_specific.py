"""The specificity and name checks of the generator (evals.generate.specific), invented texts."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from evals.generate.build import Builder
from evals.generate.contexts import Context
from evals.generate.corpora import Article
from evals.generate.grounding import own_text, reader_text, speaks_to
from evals.generate.items import Evidence
from evals.generate.specific import (
    MAX_RIVALS,
    NAME_RULES,
    Statements,
    asked_stems,
    bad_name,
    role_usable,
)
from evals.generate.statements import Statement
from evals.generate.text import CorpusIndex, Span
from evals.generate.topics import Phrase, stems


def _article(i: int, text: str, title: str = "A day in Westland", source: str = "Daily") -> Article:
    return Article(
        id=f"a{i}",
        title=title,
        text=text,
        source=source,
        url=None,
        record={},
    )


def _said(article: Article, words: str, speaker: str = "Tom Reed", role: str | None = None):
    start = article.text.index(words)
    return Statement(
        article.id,
        speaker,
        speaker.split()[-1],
        role,
        (Span(start, start + len(words)),),
        "say",
        "quote_verb_name",
    )


def _phrase(text: str) -> Phrase:
    return Phrase(text, stems(text))


# Tom Reed speaks of the budget in every article, of the tunnel only in the first.
TEXTS = (
    '"The budget will pay for the new tunnel under the river," said Tom Reed.',
    '"The budget is fair to every town in the valley," said Tom Reed.',
    '"The budget must grow in the spring for the schools," said Tom Reed.',
    '"The budget was late again this year for the farmers," said Tom Reed.',
    '"The budget and the tunnel are a waste of money," said Bob Hale.',
)
ARTICLES = [_article(i, t) for i, t in enumerate(TEXTS)]
WORDS = [t.split('"')[1].rstrip(",") for t in TEXTS]
STATEMENTS = [
    _said(a, w, "Bob Hale" if "Hale" in a.text else "Tom Reed")
    for a, w in zip(ARTICLES, WORDS, strict=True)
]
PEOPLE = Statements(STATEMENTS, {a.id: a.text for a in ARTICLES})

RIVALS = [
    # (person, article, topic, rival articles): the asked person's statements only
    ("Tom Reed", "a0", "the budget", 3),
    ("Tom Reed", "a0", "the tunnel", 0),
    ("Tom Reed", "a1", "the tunnel budget", 3),  # a1 holds 'budget' only: rivals hold that
    ("Bob Hale", "a4", "the budget", 0),
]


@pytest.mark.parametrize(("person", "article", "topic", "expected"), RIVALS)
def test_rivals_count_the_asked_persons_other_articles(
    person: str, article: str, topic: str, expected: int
) -> None:
    said = next(w for a, w in zip(ARTICLES, WORDS, strict=True) if a.id == article)
    assert PEOPLE.rivals(person, article, asked_stems(stems(topic), said)) == expected


def test_who_rivals_count_another_persons_words_in_the_same_article() -> None:
    asked = stems("the budget and the tunnel")
    # Tom Reed's a0 statement holds both; so does Bob Hale's in a4, another article.
    assert PEOPLE.who_rivals("Tom Reed", "a0", asked) == 1
    assert PEOPLE.who_rivals("Bob Hale", "a4", asked) == 1
    assert PEOPLE.who_rivals("Tom Reed", "a1", stems("the valley")) == 0


def test_asked_stems_are_the_topic_stems_the_statement_holds() -> None:
    assert asked_stems(stems("the tunnel budget"), "the budget is late") == stems("budget")
    assert asked_stems(stems("the harbour"), "the budget is late") == stems("the harbour")


def test_is_person_knows_the_speakers_surnames() -> None:
    assert PEOPLE.is_person("Bob Hale")
    assert PEOPLE.is_person("Hale")
    assert not PEOPLE.is_person("Westland")
    assert not PEOPLE.is_person("the Hale budget")


def _context(i: int, around: list[str], headline: list[str], gold: list[str] = ()) -> Context:
    return Context(
        article=ARTICLES[i],
        split="dev",
        statements=[STATEMENTS[i]],
        headline=[_phrase(h) for h in headline],
        around={0: [_phrase(p) for p in around]},
        gold_phrases={0: [_phrase(p) for p in gold]},
        facts=[],
        found=[STATEMENTS[i]],
    )


def _builder(contexts: list[Context]) -> Builder:
    index = CorpusIndex({a.id: a.text for a in ARTICLES})
    others = [_context(i, [], []) for i in range(1, 5)]
    return Builder("bbc", index, [*contexts, *others], 16)


TOPICS = [
    # (around, headline, topic asked, what the check did). Tom Reed speaks of the budget in
    # four articles, of the river in one, of the valley in one other. A phrase the quote
    # itself holds is never a topic, so the candidates are phrases of the words around it.
    (["the river crossing"], [], "the river crossing", None),
    (["the budget talks", "the river crossing"], [], "the river crossing", "rewritten"),
    (["the budget talks"], ["the valley"], "the valley", "rewritten"),
    (["the budget talks"], ["the budget talks"], None, "dropped"),
    # 'crossing point' is not in Tom Reed's words: the phrase is mostly someone else's.
    (["the budget talks", "the river crossing point"], [], None, "dropped"),
]


@pytest.mark.parametrize(("around", "headline", "expected", "outcome"), TOPICS)
def test_a_vague_topic_is_rewritten_with_the_rarest_candidate_or_dropped(
    around: list[str], headline: list[str], expected: str | None, outcome: str | None
) -> None:
    builder = _builder([_context(0, around, headline)])
    found = builder._topic(builder.contexts[0], 0)
    assert (found[0].text if found else None) == expected
    checks = Counter({k.outcome: n for k, n in builder.counts.items() if k.rule == "vague_topic"})
    assert checks == (Counter({outcome: 1}) if outcome else Counter())


def test_the_cut_is_what_the_vague_case_exceeds() -> None:
    said = WORDS[0]
    assert PEOPLE.rivals("Tom Reed", "a0", asked_stems(stems("the budget"), said)) > MAX_RIVALS


NAMES = [
    # (rule, speaker, surnames of the article's speakers, bad)
    ("leading_word", "Maybe Reed", {"Reed"}, True),
    ("leading_word", "Republican Tom Reed", {"Reed"}, True),
    ("leading_word", "Tom Reed", {"Reed"}, False),
    ("cut_name", "Tom D", {"D"}, True),
    ("cut_name", "Tom Reed", {"Reed"}, False),
    ("organisation", "Westland Council", {"Council"}, True),
    ("organisation", "Ana Vell", {"Vell"}, False),
    ("title_of_work", "Vell Papers", {"Vell", "Papers"}, True),  # Ana Vell's book
    ("title_of_work", "Ana Vell", {"Vell", "Lind"}, False),
]


@pytest.mark.parametrize(("rule", "speaker", "surnames", "bad"), NAMES)
def test_each_name_rule_catches_its_case_only(
    rule: str, speaker: str, surnames: set[str], bad: bool
) -> None:
    statement = Statement("a9", speaker, speaker.split()[-1], None, (Span(0, 4),), "say", "x")
    check = next(r for r in NAME_RULES if r.name == rule)
    assert check.bad(statement, frozenset(surnames)) is bad
    assert bad_name(statement, frozenset(surnames)) == (rule if bad else None)


ROLES = [
    # (role, article text, source, usable)
    ("President", "President of Westland Ida Vale met Tom Reed.", "President of Westland", False),
    ("President", "President of Westland Tom Reed met Ida Vale.", "President of Westland", True),
    ("candidate", "The candidate Tom Reed spoke.", "Daily", False),
    ("chairman of Bob", "The chairman of Bob Hale's firm, Tom Reed, spoke.", "Daily", False),
    ("President of Westland", "Tom Reed, the President of Westland, spoke.", "Daily", True),
    ("harbour minister", "The harbour minister Tom Reed spoke.", "Daily", True),
]


@pytest.mark.parametrize(("role", "text", "source", "usable"), ROLES)
def test_an_office_names_the_speaker_only_when_the_article_resolves_it(
    role: str, text: str, source: str, usable: bool
) -> None:
    statement = Statement("a9", "Tom Reed", "Reed", role, (Span(0, 4),), "say", "x")
    assert role_usable(_article(9, text, source=source), statement) is usable


def _who_context(phrases: list[str]) -> Context:
    ctx = _context(0, [], [])
    ctx.gold_phrases = {0: [_phrase(p) for p in phrases]}
    return ctx


def test_who_said_asks_the_rarest_phrases_worded_longest_first() -> None:
    # 'the budget' is in every one of Tom Reed's statements and in Bob Hale's.
    builder = _builder([_who_context(["the budget", "the river", "the new tunnel"])])
    chosen = builder._who_phrases(builder.contexts[0], 0, STATEMENTS[0], _phrase("the harbour"))
    assert [p.text for p in chosen] == ["the new tunnel", "the river"]
    assert {k.outcome: n for k, n in builder.counts.items()} == {"rewritten": 1}


def test_who_said_is_dropped_when_others_said_its_phrases_too() -> None:
    builder = _builder([_who_context(["the budget"])])
    evidence = Evidence([WORDS[0]], ["a0"])
    item = builder._who_said(
        builder.contexts[0], 0, STATEMENTS[0], _phrase("the harbour"), evidence, random.Random(1)
    )
    assert item is None
    assert {k.outcome: n for k, n in builder.counts.items()} == {"dropped": 1}
    kept = _builder([_who_context(["the new tunnel"])])
    assert kept._who_said(
        kept.contexts[0], 0, STATEMENTS[0], _phrase("the harbour"), evidence, random.Random(1)
    )


def test_who_said_is_dropped_when_many_articles_hold_its_words() -> None:
    # No other statement holds 'the new tunnel', but eleven more articles hold its words.
    builder = _builder([_who_context(["the new tunnel"])])
    texts = {a.id: a.text for a in ARTICLES}
    builder.index = CorpusIndex(
        {**texts, **{f"x{n}": "The new tunnel opens in the harbour." for n in range(11)}}
    )
    evidence = Evidence([WORDS[0]], ["a0"])
    item = builder._who_said(
        builder.contexts[0], 0, STATEMENTS[0], _phrase("the harbour"), evidence, random.Random(1)
    )
    assert item is None


IN_GOLD = [
    # (around, headline, phrases of the quote, topic asked, what `topic_in_gold` did). a0:
    # '"The budget will pay for the new tunnel under the river," said Tom Reed.'
    (["the river crossing"], [], [], "the river crossing", None),  # in the gold's words
    (["the rivers"], [], [], "the rivers", None),  # a form of a word it uses
    # Only the headline's subject, which the quote never names: re-chosen from the quote,
    # the phrase the article's other words also use first.
    (
        ["the harbour"],
        ["the harbour fees"],
        ["the budget", "the new tunnel"],
        "the new tunnel",
        "rewritten",
    ),
    (
        ["the harbour"],
        ["Westland ferry"],
        ["the new tunnel", "the river"],
        "the new tunnel",
        "rewritten",
    ),
    # A headline phrase the quote speaks to is a topic as it is.
    (["the harbour"], ["river news"], ["the new tunnel", "the river"], "river news", None),
    # Nothing the quote says is specific to it (Tom Reed speaks of the budget everywhere).
    (["the harbour"], ["Westland ferry"], ["the budget"], None, "dropped"),
    (["the harbour"], ["Westland ferry"], [], None, "dropped"),
]


@pytest.mark.parametrize(("around", "headline", "gold", "expected", "outcome"), IN_GOLD)
def test_a_topic_the_gold_does_not_speak_to_is_rewritten_from_the_gold_or_dropped(
    around: list[str],
    headline: list[str],
    gold: list[str],
    expected: str | None,
    outcome: str | None,
) -> None:
    builder = _builder([_context(0, around, headline, gold)])
    found = builder._in_gold(builder.contexts[0], 0, builder._topic(builder.contexts[0], 0))
    assert (found[0].text if found else None) == expected
    if found:
        assert found[1] == STATEMENTS[0].spans
    checks = Counter({k.outcome: n for k, n in builder.counts.items() if k.rule == "topic_in_gold"})
    assert checks == (Counter({outcome: 1}) if outcome else Counter())


GROUNDED = [
    # (topic, gold's own words, speaks to it)
    ("the economic plan", "The economy is weak, said Tom Reed.", True),
    ("the 1,200 jobs", "We lose 1200 posts, said Tom Reed.", True),
    ("the 300 jobs", "We lose 1200 posts, said Tom Reed.", False),
    ("the state visit", "Tom Reed read a statement.", False),  # 'state' is not 'statement'
    ("Tom Reed", "Tom Reed said the ferry is late.", False),  # the speaker is no topic
    ("the Finance Minister", "The ferry is late, the Finance Minister Tom Reed said.", False),
    ("Westland ferry", "Ferries are late, Tom Reed said.", True),
    ("the diplomats", "Us ex-diplomats need our fix, Tom Reed said.", True),  # hyphen splits
    ("the Finance Ministry", "Tom Reed, Finance-Minister, said so.", False),  # role words
    ("", "Ferries are late, Tom Reed said.", False),
]


@pytest.mark.parametrize(("topic", "own", "expected"), GROUNDED)
def test_a_topic_speaks_to_the_gold_by_a_shared_word_form_or_number(
    topic: str, own: str, expected: bool
) -> None:
    exclude = ["Tom", "Reed", "Finance", "Minister"]
    assert speaks_to(topic, own, exclude) is expected


def test_the_gold_own_text_is_the_quote_with_its_sentence() -> None:
    text = 'A ferry sank. "It was old," said Tom Reed at the harbour. Rain fell.'
    start = text.index("It was")
    own = own_text(text, [Span(start, start + len("It was old"))])
    assert own == '"It was old," said Tom Reed at the harbour.'


READER = [
    # (article text, headline, topic, the gold as a reader reads it speaks to it). The gold
    # is the quotation '"It was old,"' (or '"Boats are old,"'), said by Tom Reed.
    (
        'The ferry sank off Ostby. "It was old," said Tom Reed.',
        "Rain in Norland",
        "the ferry",
        True,
    ),
    # It opens its paragraph: the end of the paragraph before is nearest.
    ('The ferry sank.\n\n"It was old," said Tom Reed.', "Rain in Norland", "the ferry", True),
    ('The ferry sank.\n\n"It was old," said Tom Reed.', "Ferry lost off Ostby", "Ostby", False),
    # Nothing stands before it: the headline names its subject.
    ('"It was old," said Tom Reed.', "Ferry lost off Ostby", "Ostby", True),
    ('"It was old," said Tom Reed.', "Ferry lost off Ostby", "the harbour", False),
    # A sentence before it in its paragraph is nearer than the headline.
    ('The school shut. "It was old," said Tom Reed.', "Ferry lost off Ostby", "the ferry", False),
    ('The school shut. "It was old," said Tom Reed.', "Ferry lost off Ostby", "the school", True),
    # Only the two sentences before its own are read.
    ('The ferry sank. Rain fell. Wind rose. "It was old," said Tom Reed.', "", "the ferry", False),
    # A quotation that points back at nothing reads as its own words alone.
    ('The ferry sank off Ostby. "Boats are old," said Tom Reed.', "Ferry lost", "the ferry", False),
    ('The ferry sank off Ostby. "Boats are old," said Tom Reed.', "Ferry lost", "the boats", True),
    # A pointing word late in the quotation points at the quotation's own noun.
    ('The ferry sank. "Our old boats, we love them," said Tom Reed.', "", "the ferry", False),
    ('The ferry sank. "We love them, old boats," said Tom Reed.', "", "the ferry", True),
]


@pytest.mark.parametrize(("text", "title", "topic", "expected"), READER)
def test_a_quote_that_refers_back_is_read_with_its_antecedent(
    text: str, title: str, topic: str, expected: bool
) -> None:
    quote = text.split('"')[1]
    start = text.index(quote)
    read = reader_text(text, [Span(start, start + len(quote))], title)
    assert speaks_to(topic, read, ["Tom", "Reed"]) is expected


def test_the_check_reads_the_headline_a_pronoun_points_back_to() -> None:
    texts = ['"It will cost too much," said Tom Reed.', '"Costs are too high," said Tom Reed.']
    articles = [_article(10 + i, t, title="The Westland tunnel vote") for i, t in enumerate(texts)]
    statements = [
        _said(a, t.split('"')[1].rstrip(",")) for a, t in zip(articles, texts, strict=True)
    ]
    contexts = [
        Context(a, "dev", [s], [_phrase("the tunnel vote")], {0: []}, {0: []}, [], [s])
        for a, s in zip(articles, statements, strict=True)
    ]
    builder = Builder("bbc", CorpusIndex({a.id: a.text for a in articles}), contexts, 16)
    grounded = [
        builder._grounded(c, s, _phrase("the tunnel vote"), s.spans)
        for c, s in zip(contexts, statements, strict=True)
    ]
    assert grounded == [True, False]


def test_a_rewritten_topic_prefers_the_article_words_to_the_quote_copy() -> None:
    # Both phrases around it speak to the quote; 'the new tunnel' is copied from it.
    builder = _builder([_context(0, ["the new tunnel", "the river crossing"], [])])
    assert builder._gold_topic(builder.contexts[0], 0).text == "the river crossing"


def test_a_rewritten_topic_speaks_to_the_quote_own_words() -> None:
    # 'the ferry' stands in the sentence a reader reads 'It' by, not in the quote's words:
    # a re-chosen topic is the quote's own phrase.
    article = _article(20, 'The ferry sank at Ostby. "It was an old hull," said Tom Reed.')
    said = _said(article, "It was an old hull")
    ctx = Context(
        article,
        "dev",
        [said],
        [],
        {0: [_phrase("the ferry")]},
        {0: [_phrase("an old hull")]},
        [],
        [said],
    )
    builder = Builder("bbc", CorpusIndex({article.id: article.text}), [ctx], 16)
    assert builder._grounded(ctx, said, _phrase("the ferry"), said.spans)
    assert builder._gold_topic(ctx, 0).text == "an old hull"


def test_a_rewritten_topic_is_not_the_speaker_body_in_the_reporting_clause() -> None:
    text = '"The hull was old," said Tom Reed of the Ostby Ferry Board.'
    article = _article(21, text)
    said = _said(article, "The hull was old")
    around = [_phrase("the Ostby Ferry Board"), _phrase("the hull")]
    ctx = Context(article, "dev", [said], [], {0: around}, {0: []}, [], [said])
    builder = Builder("bbc", CorpusIndex({article.id: article.text}), [ctx], 16)
    assert builder._gold_topic(ctx, 0).text == "the hull"
