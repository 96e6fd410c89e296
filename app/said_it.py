"""Whether a who-said answer's best unit says what was asked, or the answer names no one.

The who-said ranker orders units whether anyone in the articles said the words or not, so its
best unit was framed as "Tom Reed said: ..." for statements nobody made (issue 16). An answer
whose best unit is near the question in neither words nor meaning (`says_it`), says one
phrase of the statement and not another (`half_said`; for a statement asked as a clause, not
in other words either), is a statement of one phrase whose quotation's passage holds only a
common word of it (`lone_unsaid`), has a short phrase whose words stand in no one sentence of
that passage, off the story asked about (`apart`), or comes from an article off the story
asked about (`off_story`) declines with the unit shown as the closest quotation
(`NOBODY_SAID`), never as the answer. A unit holding every word of the statement, from an
article holding every word of the story asked about, says it (`word_for_word`) whatever
`says_it` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

from app.evidence.features import FEATURES, Candidate
from app.said_by import speaker_phrases
from ingest.ids import chunk_id
from ingest.terms import american_spelling
from ingest.text import sentence_spans
from ingest.types import Chunk


class SaidBar(NamedTuple):
    """What a who-said answer's best unit must reach, in words or in meaning (`says_it`)."""

    cover: float  # idf-weighted share of the question's terms in the unit and sentence before
    dense: float  # cosine to the question of the unit or of its sentence


# How close a who-said answer's quotation must come to the statement asked about before the
# answer says its speaker said it: words (`lead_cover`, the idf-weighted share of the
# question's terms in the unit and the sentence before it) or meaning (the better cosine of
# the unit and of its sentence to the question). A paraphrase ("Which Westland minister
# admitted ...") shares few words with the quotation but lands close in meaning; a statement
# nobody made lands near neither. Fitted on dev rows only (docs/notes/ans29.md).
SAID_IT = SaidBar(cover=0.5, dense=0.30)
NOBODY_SAID = "No quotation in the articles says that; the closest one:"


def says_it(best: Candidate, bar: SaidBar) -> bool:
    """Does the best unit of a who-said question say what was asked, by `bar`'s words or
    meaning? Otherwise the answer names no one as having said it and shows the unit as the
    closest: the who-said ranker orders units whether anyone said the words or not, so its
    best was framed as "Tom Reed said: ..." for statements nobody in the articles made."""
    values = dict(zip(FEATURES, best.features, strict=True))
    dense = max(values["unit_dense"], values["sentence_dense"])
    return values["lead_cover"] >= bar.cover or dense >= bar.dense


# A who-said question names its statement by coordinated phrases ("Who spoke about the night
# nurses and the apple blossom?"), each a thing the statement is about. A statement nobody in
# the articles made is often met by a quotation on one phrase alone (the night nurses), whose
# passage holds no word of the other: near in meaning by half the question (docs/notes/ans30.md).
_PART_BREAK = re.compile(r",|\band\b", re.IGNORECASE)
# A statement asked about as a clause ("Who said that the tolls and the fares would rise?")
# re-words what was said, and one phrase may be in the passage in other words only ("the
# everyday air raids" for "daily bombings"): such a phrase counts as there when it comes this
# close in meaning (cosine) to a sentence of the passage. On dev, every phrase with no word in
# the passage of a statement nobody made stayed under it (crossed dev at most 0.33, the
# hand-written press dev 0.28), and the re-worded phrases of right answers it declined reached
# 0.36-0.47 (docs/notes/ans31.md).
PART_MEANT = 0.35
# One word of a clause's phrase is enough for a short phrase, but a long phrase of a statement
# nobody made, two statements joined ("Who warned that the tolls and the harbour board's new
# boats would raise ferry fares?"), is met by two of its common words ("new", "raise") in a
# passage on the other half. A clause's phrase of this many terms or more is in the passage by
# its words only with `LONG_PART_SHARE` of them there, else by meaning (`PART_MEANT`). On the
# hand-written press dev traces the answered joined statement's phrase holds 2 of 8 terms at
# 0.07; every right answer's phrase of 6 terms or more holds half or comes within 0.64; a right
# answer's phrase of 5 holds 1 at 0.31 (a reader's re-wording), and 5 declined it
# (docs/notes/dec41.md).
LONG_PART_TERMS = 6
LONG_PART_SHARE = 0.5
# A phrase of a statement listed as things spoken about ("Who spoke about the police role and
# the night ferry?") is often met by one common word of it ("police" in a passage on anything
# the police did): such a phrase counts as there only when that one word is its rarest (idf),
# or when this many of its words are there. Fitted offline on main's dev outputs (crossed dev,
# generated dev, fit pools as dev, hand-written BBC and press dev): 21 answered crossed items
# declined, no right who-said answer; two words keep long hand-written phrases whose rarest
# word a reader re-words (docs/notes/ans32.md).
PART_WORDS = 2
# A statement of one phrase listed as a thing spoken about ("Who spoke about the night shift?",
# "Which person was quoted on the night shift in the story about Westland?") has no second
# phrase to be missing, and a statement nobody made is met by one common word of it ("night" in
# a passage on a night ferry), or by the story's words alone. Its phrase must be in the
# quotation's passage by its words as `in_words` reads them, and the passage reaches this many
# chunks either side of the cited one: a generated question takes its phrase from the words
# around a quotation, which a chunk boundary may cut off. Fitted offline on main's dev outputs
# (crossed dev, generated dev, fit pools as dev, hand-written BBC and press dev): the cited
# chunk alone declines 47 answered crossed items and 4 right answers; with one chunk either
# side, 45 and none (docs/notes/who33.md).
PASSAGE_REACH = 1
# A statement of one short phrase ("Who talked about the probable talks in connection with
# Westland?") names a thing said in a sentence: its words stand together in one. A statement
# nobody made, a phrase of one article asked of another's story, is met by its head word in
# one sentence and its modifier ("probable") in none, or in another. Such a phrase counts as
# in the passage around the quotation (`passage_chunks`) only with all its words in one of its
# sentences, or in a passage holding every word of the story asked about, where a speaker's own
# re-wording ("regular meetings" for "regular consultations") is on the story. A phrase of more
# words than this is a reader's description ("Which former winger accused the coach of ..."), its
# words spread over the passage by design. Fitted offline on main's dev outputs (crossed dev,
# generated dev, fit pools as dev, hand-written BBC and press dev): 21 answered crossed items
# declined, no right who-said answer; four or more words decline a wrong hand-written answer,
# five a right generated one, and without the story's vouching two right fit answers are lost
# (docs/notes/who34.md).
TOGETHER_TERMS = 3
# A statement of several phrases ("Who spoke about clear rules and the night nurses?") is held
# to the same test phrase by phrase, for phrases of up to this many words: a modifier and its
# head. A phrase of three in such a list is often a name and a noun ("Westland Street traders")
# whose name stands in one sentence and noun in another. Fitted as `TOGETHER_TERMS`: two
# words decline 9 more answered crossed items and no right answer; three decline a right
# generated dev answer and a hand-written press dev one (docs/notes/who34.md).
LISTED_TOGETHER_TERMS = 2


# A hyphenated compound of a statement ("the barrier-free entrance") is one word to a reader,
# but its terms are searched apart, and its second word alone ("free") is in passages on
# anything else ("smoke free rooms"), where with another word of the phrase it made
# `PART_WORDS`. A compound's terms count as in a passage only all of them there (`whole_held`).
# On main's dev outputs (generated dev, fit pools, hand-written, crossed dev) an answered
# crossed item's statement was met so ("barrier-free" by "free"), and no right answer's
# statement of things spoken about held a compound's word without the others in its cited
# words (docs/notes/dec43.md).
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


class Phrase(NamedTuple):
    """One coordinated phrase of a who-said statement, as written and as terms, with the terms
    of each hyphenated compound in it that has more than one."""

    text: str
    terms: frozenset[str]
    compounds: tuple[frozenset[str], ...] = ()


def topic_parts(topic: str, terms: Callable[[str], list[str]]) -> list[Phrase]:
    """Each coordinated phrase of `topic` that has any term ("the night nurses and the apple
    blossom" -> {night, nurs}, {appl, blossom}), with its compounds' terms ("the ice-free
    quay" -> {ice, free})."""
    parts = (_phrase(part.strip(), terms) for part in _PART_BREAK.split(topic))
    return [part for part in parts if part.terms]


def _phrase(text: str, terms: Callable[[str], list[str]]) -> Phrase:
    """`text` as a `Phrase`: its terms, and those of each compound of more than one term."""
    compounds = (frozenset(terms(word)) for word in _COMPOUND.findall(text))
    return Phrase(text, frozenset(terms(text)), tuple(c for c in compounds if len(c) > 1))


def whole_held(phrase: Phrase, held: set[str]) -> set[str]:
    """The terms of `phrase` in `held`, less those of a compound not all there: "free" of
    "barrier-free" in a passage on "smoke free rooms" is another word."""
    broken = [compound for compound in phrase.compounds if not compound <= held]
    return set(phrase.terms & held).difference(*broken)


def in_words(phrase: Phrase, held: set[str], rarity: Callable[[str], float] | None) -> bool:
    """Is `phrase` in a passage holding the terms `held`, by its words: by any of them, or,
    given `rarity` (idf), by `PART_WORDS` of them or by its rarest (any of equal rarity)? One
    common word of a phrase ("police") is in passages on anything else; given `rarity` (a
    statement listed as things spoken about), a compound's word counts only with the rest of
    the compound (`whole_held`)."""
    shared = phrase.terms & held if rarity is None else whole_held(phrase, held)
    if rarity is None or not shared or len(shared) >= PART_WORDS:
        return bool(shared)
    rarest = max(map(rarity, phrase.terms))
    return any(rarity(term) >= rarest for term in shared)


def half_said(
    topic: str,
    passage: str,
    terms: Callable[[str], list[str]],
    rarity: Callable[[str], float] | None = None,
    meant: Callable[[str], bool] | None = None,
) -> bool:
    """Is one phrase of a statement of several absent from the cited passage, not in its words
    (`in_words`: given `rarity`, not met by one common word alone; for a clause, a long
    phrase by half its words, `in_clause_words`) nor, when `meant` is given, in other words
    (a clause's re-wording)? Then the passage speaks to part of the statement,
    and nobody in the articles is said to have made it. The whole passage, not the
    quotation's sentence: a generated question takes its phrases from anywhere in a
    quotation, or from the words naming its speaker, and a passage holds them."""
    parts = topic_parts(topic, terms)
    held = set(terms(passage))
    missing = (
        part.text
        for part in parts
        if not (in_clause_words(part, held) if meant else in_words(part, held, rarity))
    )
    return len(parts) > 1 and any(meant is None or not meant(text) for text in missing)


def in_clause_words(phrase: Phrase, held: set[str]) -> bool:
    """Is a clause's `phrase` in a passage holding the terms `held`, by its words: a short
    one by any of them, one of `LONG_PART_TERMS` or more by `LONG_PART_SHARE` of them (two
    common words of a long phrase are in passages on anything)?"""
    shared = phrase.terms & held
    if len(phrase.terms) < LONG_PART_TERMS:
        return bool(shared)
    return len(shared) >= LONG_PART_SHARE * len(phrase.terms)


def passage_chunks(chunk: Chunk, chunks: Callable[[str], Chunk | None]) -> list[Chunk]:
    """`chunk` and its article's chunks up to `PASSAGE_REACH` either side of it (`chunks` looks
    one up by id): the passage a phrase taken from a quotation's surroundings stands in,
    whichever chunk the quotation fell into."""
    near = range(chunk.index - PASSAGE_REACH, chunk.index + PASSAGE_REACH + 1)
    found = (chunks(chunk_id(chunk.article_id, i)) if i != chunk.index else chunk for i in near)
    return [c for c in found if c is not None]


def lone_unsaid(
    topic: str,
    passage: Sequence[Chunk],
    terms: Callable[[str], list[str]],
    rarity: Callable[[str], float],
) -> bool:
    """Is a statement of one phrase, listed as a thing spoken about, absent from the cited
    quotation's passage (`passage_chunks`) by its words: no term of it there, or only a
    common one (`in_words`, by `rarity`)? A statement of several phrases is `half_said`'s."""
    parts = topic_parts(topic, terms)
    if len(parts) != 1:
        return False
    return not in_words(parts[0], set(terms("\n".join(c.text for c in passage))), rarity)


def apart(
    topic: str,
    story: str,
    passage: Sequence[Chunk],
    terms: Callable[[str], list[str]],
) -> bool:
    """Does a phrase of a statement listed as things spoken about, of two to `TOGETHER_TERMS`
    terms (one phrase) or `LISTED_TOGETHER_TERMS` (several), have its words in no one sentence
    of the passage around the cited chunk (`passage_chunks`), in a passage not holding every
    word of the story asked about (none asked: no passage vouches)? Its words apart are a
    phrase nobody said there."""
    parts = topic_parts(topic, terms)
    longest = TOGETHER_TERMS if len(parts) == 1 else LISTED_TOGETHER_TERMS
    checked = [part.terms for part in parts if 2 <= len(part.terms) <= longest]
    if not checked:
        return False
    sentences = [
        set(terms(c.text[start:end])) for c in passage for start, end in sentence_spans(c.text)
    ]
    if all(any(words <= held for held in sentences) for words in checked):
        return False
    wanted = set(terms(story))
    return not (wanted and wanted <= set().union(*sentences))


# A word of a statement listed as things spoken about ("Who spoke about the negotiator and the
# ferry?") is searched by its stem, which other words of its family share ("negotiations"
# for "negotiator", "mediating" for "mediator"): those are other words, a thing where the
# question asks for a person or a person where it asks for an act. Such a word counts as in
# the passage around the quotation only as itself or with an ending of this table ("talks",
# "talked", "talking" for "talk"; "policies" for "policy"), each ending with what it
# replaces, after one spelling for British and American forms. On main's dev outputs
# (generated dev, fit pools, hand-written, crossed dev) no right who-said answer's passage
# held a word of its statement only in another form, and 2 answered crossed items' did
# (docs/notes/who38.md).
INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("es", ""),
    ("ed", ""),
    ("s", ""),
)
_LETTERS = re.compile(r"[a-z]+")


def word_base(word: str) -> str:
    """`word` in one spelling, without an ending of `INFLECTIONS`, final "e"s or a doubled
    last consonant: the forms of one word meet ("making", "make" -> "mak"; "planned",
    "plans" -> "plan"), another of its family does not ("mediator", "mediating")."""
    word = american_spelling(word.lower())
    for ending, replaced in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)] + replaced
            break
    word = word.rstrip("e")
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouy":
        word = word[:-1]
    return word


def derived_only(topic: str, passage: Sequence[Chunk], terms: Callable[[str], list[str]]) -> bool:
    """Is a word of the statement `topic` in the passage around the cited quotation
    (`passage_chunks`) only as another word of its stem, none of the word's own forms there
    (`word_base`)? Then the passage speaks of something else ("negotiations" where the
    negotiator was asked about). A word whose stem is not there at all is `in_words`'s."""
    forms: dict[str, set[str]] = {}
    for chunk in passage:
        for word in _LETTERS.findall(chunk.text.lower()):
            if len(found := terms(word)) == 1:
                forms.setdefault(found[0], set()).add(word_base(word))
    for word in _LETTERS.findall(topic.lower()):
        found = terms(word)
        if len(found) == 1 and found[0] in forms and word_base(word) not in forms[found[0]]:
            return True
    return False


def word_for_word(
    topic: str, story: str, unit: str, article: str, terms: Callable[[str], list[str]]
) -> bool:
    """Does the best unit say the statement in its own words, every phrase of it (`topic_parts`)
    by all its words, in an article holding every word of the story the question names? Then
    it says what was asked, however far the whole question's words (`says_it`'s cover, which
    counts the story's too) and meaning stand from it: "Who was quoted on the great start in
    the story about Westland?" met by "It's a great start" in the article headed "Westland
    win". A story not asked about vouches for nothing: a statement's words alone are in
    quotations on any story."""
    parts = topic_parts(topic, terms)
    wanted = set(terms(story))
    if not parts or not wanted or not wanted <= set(terms(article)):
        return False
    held = set(terms(unit))
    return all(part.terms <= held for part in parts)


def off_story(story: str, article: str, terms: Callable[[str], list[str]]) -> bool:
    """Does the cited article lack a word of the story a who-said question names ("... in
    the story about the night ferry", "... in connection with Westland nurses")? A quotation
    from an article about something else is not the one asked about, however near its words,
    and an article on that story writes each of its words somewhere, headline or text: one
    holding "nurses" and never "Westland" is on other nurses. A story of one common word
    ("strikers") is held by articles on many stories: that is `apart`'s and `lone_unsaid`'s
    to read. Every word, not any: on main's dev outputs every right who-said answer's article
    held every word of its story, and 4 answered crossed items' did not (docs/notes/who38.md;
    any word was ans30's rule)."""
    wanted = set(terms(story))
    return bool(wanted) and not wanted <= set(terms(article))


# A figure a who-said statement or its story writes in digits ("4.5 million more riders",
# "the 30 thousand villages", "in the story about the 40% rise") is a fact of one story: a
# quotation from an article that writes it nowhere did not say that statement, however many
# of its words it shares ("millions of new riders" for "4.5 million more riders"). Figures
# compare by value, so "30 thousand", "30,000" and "30k" are one figure, and an article may
# write a small number in words ("ten" for "10"). On main's dev outputs (generated dev, fit
# pools, hand-written, crossed dev) every right who-said answer's article held its question's
# figures, and 5 answered crossed items' did not (docs/notes/who38.md).
# Scales a figure is written with, longest first, each as a whole word after the number.
FIGURE_SCALES: dict[str, float] = {
    "trillion": 1e12,
    "billion": 1e9,
    "million": 1e6,
    "thousand": 1e3,
    "bn": 1e9,
    "mn": 1e6,
    "m": 1e6,
    "k": 1e3,
}
# Numbers an article may write in words where a question writes digits, by their value.
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS: dict[str, float] = {
    word: float(value) for value, word in enumerate(_SMALL_NUMBERS.split())
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0}
# A number standing alone: not part of a name or code ("G7", "A320", "Covid-19", "5-to-4").
_FIGURE = re.compile(
    r"(?<![\w.,/-])(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*-?\s*("
    + "|".join(FIGURE_SCALES)
    + r")\b)?(?![\w-]*\d)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")


def figures(text: str) -> set[float]:
    """The values of the figures `text` writes in digits, scaled by the word after them
    ("4.5 million" -> 4500000.0, "30,000" -> 30000.0)."""
    found = set()
    for match in _FIGURE.finditer(text):
        scale = FIGURE_SCALES.get((match.group(2) or "").lower(), 1.0)
        found.add(round(float(match.group(1).replace(",", "")) * scale, 6))
    return found


def figures_unheld(asked: str, held: str) -> bool:
    """Does `asked` (a who-said statement and its story) write a figure that `held` (the cited
    article) writes nowhere, in digits or as a number word? Then the article is not on it."""
    wanted = figures(asked)
    if not wanted:
        return False
    words = {NUMBER_WORDS[w] for w in _WORD.findall(held.lower()) if w in NUMBER_WORDS}
    return not wanted <= figures(held) | words


# A who-said answer whose best unit does not say the statement is often one where the ranker
# put another person's words on the same story first and the person who said the words asked
# for second to fourth (q35 counted 6 of main's 11 such dev declines; docs/notes/q37.md). The
# units ranked next, up to this rank (exclusive), are checked for one that says it word for
# word: every word of the statement in the unit, every word of the story in its article
# (`word_for_word`), and near it as the best unit must be.
WHO_SAID_REACH = 4
# Units that hold a speaker's own words: a reported sentence may only mention its speaker.
QUOTATION_KINDS = frozenset({"direct", "transcript"})


def saying(
    ranked: Sequence[Candidate],
    best: Candidate,
    said: Callable[[Candidate], bool],
    verbatim: Callable[[Candidate], bool],
    named: Collection[str] = frozenset(),
) -> Candidate | None:
    """The unit a who-said answer cites: `best` when it holds the statement word for word
    (`verbatim`: `word_for_word`) and the question does not name its speaker (`named`: "Which
    person was quoted on Governor Reed in the story about Reed?" asks who spoke about him);
    else the first of the units ranked next, to `WHO_SAID_REACH`, that a named person said
    and that both holds the statement word for word and passes `said`, when `best` passes
    neither or that unit is `vouched` for; else `best` when it passes either; else None
    (nobody is said to have said it). A later unit must pass both, as one unit of several
    near the statement's words is more often another statement than the best one is. One
    that does is taken over a best unit only near the statement ("Who spoke about the press
    briefings?" ranked first an anchor's "a press conference", next the spokesman's "the
    press briefings"): every word of the statement, in an article on the story asked, is the
    statement itself."""
    held = verbatim(best)
    if held and best.unit.speaker not in named:
        return best
    near = said(best) or held
    later = (c for c in ranked[1:WHO_SAID_REACH] if c is not best and c.unit.speaker)
    whole = next(
        (c for c in later if (not near or vouched(c, named)) and verbatim(c) and said(c)), None
    )
    return whole or (best if near else None)


def vouched(candidate: Candidate, named: Collection[str]) -> bool:
    """May a unit ranked below a best unit that is near the statement be cited in its place?
    Not when the question names its speaker (`named`: "Which person was quoted on the mill
    in the story about Mayor Ana Vell?" asks who spoke about her); a quotation, yes; a
    reported statement only when it names its speaker as the one speaking ("Reed said the
    mill ...", `speaker_phrases`); a sentence of narrative ingest hung on a speaker, never:
    "..., naming former senator Tom Reed as special envoy." holds "former special envoy"
    as words about him, not his."""
    speaker, kind = candidate.unit.speaker, candidate.unit.kind
    if not speaker or speaker in named:
        return False
    if kind in QUOTATION_KINDS:
        return True
    surname = speaker.split()[-1].lower()
    phrases = speaker_phrases(candidate.unit.text) if kind == "indirect" else []
    return any(surname in re.findall(r"[\w'’-]+", p.text.lower()) for p in phrases)
