"""Checks that a generated question has one right answer, from the generator's own statements.

A question whose topic a dozen of the asked person's statements hold as well as the gold one
cannot tell a good ranker from a bad one (only one of the right answers is gold), and real
users ask about something specific. So, over every statement the generator's rules (or
PolNeAR's annotations) find in the question set's articles, `Statements` counts the *rival
articles* of a question: other articles (duplicate groups counted once) in which the asked
person's statements hold every topic stem the gold statement holds; for a who-said question,
articles other than the gold one in which anyone's statement holds every stem of the phrases it
names, plus the gold article when another person's statement there does. A question with more
than `MAX_RIVALS` rivals is vague: the builder rewrites it with the most specific candidate
topic, and drops it when none is specific. A who-said question is also vague when more than
`MAX_PHRASE_ARTICLES` articles hold every word it names (its `phrase_articles`).

`NAME_RULES` is the table of person phrases a question may not use (the checks on the names
the rules resolved); each rule has test cases in `tests/unit/test_generate_specific.py`.
No quotedesk code is used: the checks read only the generator's statements and the article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from evals.generate.corpora import Article
from evals.generate.statements import (
    HEAD_OF_STATE_REFS,
    Statement,
    head_of_state,
)
from evals.generate.text import norm, word_set
from evals.generate.topics import Phrase, stems

# More rival articles than this and the question has many right answers: read on press and
# PolNeAR dev items (docs/notes/gen28.md): at 0-2 the rivals are the same story retold.
MAX_RIVALS = 2
# More articles than this holding every word a who-said question names (`phrase_articles`):
# read on dev items, the vague ones ('the band and the world') had 13-31, specific ones 1-7.
MAX_PHRASE_ARTICLES = 10

# More articles than this holding a fact question's story reference ('the report on <phrase>',
# as whole words in headline, lead or body) and the question does not say which story it asks
# about: read on main's dev fact items (docs/notes/gen29.md), 'the report on President' was
# held by 740 of 900 press articles, '... on <a candidate's surname>' by 219 of 294 PolNeAR
# ones; a phrase that names the story ('Ljubljana', 'US crude prices') by the gold and its
# retellings, 1-3.
MAX_STORY_ARTICLES = 3

# Words a capitalised run may open with that are never a first name ('Maybe Reed').
NOT_FIRST_NAMES = word_set(
    """
    maybe perhaps also still even now then so well indeed actually obviously clearly surely
    certainly probably possibly only just yet instead meanwhile finally again already when
    where while if unless because although though after before since until whether how why
    what who which yes no thank thanks dear mister madam good hello okay ok republican
    democrat democratic conservative liberal labour tory
    """
)

# Last words of a body's name that the rules can take for a person's ('Defense Council').
ORGANISATION_WORDS = word_set(
    """
    council service ministry committee office agency party fund bank union court assembly
    parliament government administration commission cabinet staff forces guard police army
    navy news times post press radio television tv network group company corporation
    institute university foundation association federation board department directorate
    centre center club league organisation organization bureau
    """
)


class Counts(NamedTuple):
    """What one check did, for the manifest: the key is (split, kind, rule, outcome)."""

    split: str
    kind: str
    rule: str
    outcome: str  # "rewritten" or "dropped"


class Statements:
    """Every statement of a question set's articles, by speaker, as content stems."""

    def __init__(self, statements: Iterable[Statement], texts: Mapping[str, str]) -> None:
        """`texts` maps article id to text. The builder passes one article of each duplicate
        group (its sources), so a release and its copy count once."""
        self._article: list[str] = []
        self._speaker: list[str] = []
        self._by_stem: dict[str, set[int]] = {}
        self._by_speaker: dict[str, set[int]] = {}
        for n, s in enumerate(statements):
            words = " ".join(texts[s.article_id][sp.start : sp.end] for sp in s.spans)
            self._article.append(s.article_id)
            self._speaker.append(s.speaker)
            self._by_speaker.setdefault(s.speaker, set()).add(n)
            for stem in stems(words):
                self._by_stem.setdefault(stem, set()).add(n)
        self.surnames = frozenset(s.split()[-1] for s in self._by_speaker)

    def _holding(self, asked: frozenset[str]) -> set[int]:
        """The statements that hold every asked stem."""
        found = [self._by_stem.get(stem, set()) for stem in asked]
        return set.intersection(*found) if found else set()

    def rivals(self, speaker: str, article_id: str, asked: frozenset[str]) -> int:
        """Articles other than this one where `speaker`'s statements hold every asked stem."""
        held = self._holding(asked) & self._by_speaker.get(speaker, set())
        return len({self._article[n] for n in held} - {article_id})

    def who_rivals(self, speaker: str, article_id: str, asked: frozenset[str]) -> int:
        """Articles other than this one where anyone's statement holds every asked stem, plus
        this one when another person's statement here holds them."""
        return len(
            {
                self._article[n]
                for n in self._holding(asked)
                if self._article[n] != article_id or self._speaker[n] != speaker
            }
        )

    def is_person(self, phrase: str) -> bool:
        """A phrase that is a person's name: capitalised words, one of them a speaker's
        surname ('Ola Tamm'), so 'What about Ola Tamm?' asks nothing of the same person."""
        words = [w for w in phrase.split() if w.lower() != "the"]
        return (
            bool(words)
            and all(w[:1].isupper() for w in words)
            and any(w.strip("'’s") in self.surnames for w in words)
        )


def asked_stems(topic_stems: frozenset[str], gold_text: str) -> frozenset[str]:
    """The topic stems a rival must hold: those the gold statement holds (all of the topic's
    when it holds none, a headline topic)."""
    return (topic_stems & stems(gold_text)) or topic_stems


def story_reference(
    headline: list[Phrase], subject: Phrase, articles: Callable[[str], int]
) -> Phrase | None:
    """The phrase a fact question names its story by ('the report on <phrase>'): the
    headline's first phrase when at most `MAX_STORY_ARTICLES` articles hold it (`articles`
    counts them), else the headline phrase fewest articles hold (ties: the earlier) when that
    few do; None when no headline phrase singles out the story. Never the phrase the question
    asks the number of ('the report on Westland' for 'Westland'), which names no story, and
    never one with a digit ('the report on 2021 Westland Prize' asking the year gives the
    answer away; any other number is one more figure the question seems to ask about)."""
    own = _bare(subject.text)
    candidates = [
        p for p in headline if _bare(p.text) != own and not any(ch.isdigit() for ch in p.text)
    ]
    counts = [articles(p.text) for p in candidates]
    if counts and counts[0] <= MAX_STORY_ARTICLES:
        return candidates[0]
    best = min(range(len(counts)), key=lambda n: counts[n], default=None)
    return candidates[best] if best is not None and counts[best] <= MAX_STORY_ARTICLES else None


def _bare(phrase: str) -> str:
    """A phrase without case, punctuation or its article: 'The Tariff' and 'tariff' match."""
    return norm(phrase).removeprefix("the ")


# ----- names ---------------------------------------------------------------------------------


class NameRule(NamedTuple):
    """A person phrase a question may not use: `bad(statement, surnames)` is True for it,
    `surnames` being those of every speaker the rules found in the same article."""

    name: str
    bad: Callable[[Statement, frozenset[str]], bool]


def _leading_word(statement: Statement, surnames: frozenset[str]) -> bool:
    """The name opens with an adverb, modal or sentence word the rules took for a first name
    ('Maybe Reed')."""
    return statement.speaker.split()[0].lower() in NOT_FIRST_NAMES


def _cut_name(statement: Statement, surnames: frozenset[str]) -> bool:
    """The surname is an initial or a fragment ('Alderman William D')."""
    surname = statement.surname.strip(".")
    return len(surname) < 3 or not surname[0].isupper()


def _title_of_work(statement: Statement, surnames: frozenset[str]) -> bool:
    """The first word is another speaker's surname in the same article ('Ada Lind' speaks,
    and 'Lind Papers', her book, is quoted): a title taken for a person's name."""
    first = statement.speaker.split()[0]
    return first in surnames and first != statement.surname


def _organisation(statement: Statement, surnames: frozenset[str]) -> bool:
    """The 'name' is a body's ('Westland Defense Council'): its words are not a person's."""
    return statement.surname.lower() in ORGANISATION_WORDS


NAME_RULES: tuple[NameRule, ...] = (
    NameRule("leading_word", _leading_word),
    NameRule("cut_name", _cut_name),
    NameRule("organisation", _organisation),
    NameRule("title_of_work", _title_of_work),
)


def bad_name(statement: Statement, surnames: frozenset[str]) -> str | None:
    """The first name rule the statement's speaker fails, or None."""
    return next((r.name for r in NAME_RULES if r.bad(statement, surnames)), None)


def role_usable(article: Article, statement: Statement) -> bool:
    """'the <role>' names the gold speaker only when the role is more than one bare office
    word, or is the head of state's office and the article's own rule (`head_of_state`)
    resolves it to this speaker; and when it does not end in a cut name ('chairman of Tom',
    where every 'Tom' in the article opens a longer name)."""
    role = statement.role or ""
    words = role.split()
    if not words:
        return False
    if f"the {role.lower()}" in HEAD_OF_STATE_REFS:
        return head_of_state(article) == statement.speaker
    if len(words) == 1:
        return False
    last = words[-1]
    if words[-2].lower() == "of" and last[:1].isupper():
        uses = re.findall(rf"\b{re.escape(last)}\b(\s+[A-Z])?", article.text)
        return not uses or not all(uses)
    return True


def tally(counts: Counter, split: str, kind: str, rule: str, outcome: str) -> None:
    """Count one check's action for the manifest."""
    counts[Counts(split, kind, rule, outcome)] += 1
