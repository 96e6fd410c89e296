"""Whether a who-said answer's best unit says what was asked (`app.said_it.says_it`, on
made-up feature values), every phrase of it (`half_said`), the one phrase of a statement of
one in the passage around it (`lone_unsaid`), its words together in one sentence there or on
the story asked (`apart`), and in an article holding every word of the story asked about
(`off_story`), or every word of it in the unit on the story asked (`word_for_word`), on made-up
passages; every figure the statement and its story write in the cited article
(`figures_unheld`); no word of it there only as another word of its stem (`derived_only`);
and which ranked unit a who-said answer cites (`saying`, `vouched`)."""

from __future__ import annotations

import pytest

from app.evidence.features import FEATURES, Candidate
from app.evidence.units import Unit
from app.said_it import (
    LISTED_TOGETHER_TERMS,
    LONG_PART_TERMS,
    PASSAGE_REACH,
    SAID_IT,
    TOGETHER_TERMS,
    WHO_SAID_REACH,
    apart,
    derived_only,
    figures,
    figures_unheld,
    half_said,
    in_clause_words,
    lone_unsaid,
    off_story,
    passage_chunks,
    saying,
    says_it,
    topic_parts,
    vouched,
    word_base,
    word_for_word,
)
from ingest.terms import Lexicon
from ingest.types import Chunk

TERMS = Lexicon().terms


def _best(cover: float, unit: float, sentence: float) -> Candidate:
    chunk = Chunk("a:0", "a", 0, "x", 0, 1, 1, 1, title="Made-up")
    values = dict.fromkeys(FEATURES, 0.0) | {
        "lead_cover": cover,
        "unit_dense": unit,
        "sentence_dense": sentence,
    }
    unit_ = Unit(chunk, 0, 1, "direct", "Mara Quell", None, True, None)
    return Candidate(unit_, tuple(values[f] for f in FEATURES), 0.5)


# (lead_cover, unit_dense, sentence_dense, does the unit say what was asked)
SAYS_IT_CASES = [
    (0.6, 0.10, 0.10, True),  # the question's words, as generated questions copy them
    (0.1, 0.45, 0.20, True),  # a paraphrase: few shared words, close in meaning
    (0.1, 0.20, 0.45, True),  # ... close in its sentence's meaning
    (0.3, 0.25, 0.20, False),  # near neither: a statement nobody made
    (0.49, 0.29, 0.29, False),
]


@pytest.mark.parametrize(("cover", "unit", "sentence", "says"), SAYS_IT_CASES)
def test_a_who_said_unit_says_it_by_words_or_meaning(cover, unit, sentence, says) -> None:
    assert says_it(_best(cover, unit, sentence), SAID_IT) is says


# (topic, its phrases' terms)
PARTS_CASES = [
    ("night nurses and apple blossom", [{"night", "nurs"}, {"appl", "blossom"}]),
    ("night nurses, bakers And apple blossom", [{"night", "nurs"}, {"baker"}, {"appl", "blossom"}]),
    ("the harbour bridge", [{"harbor", "bridg"}]),  # one spelling for both
    ("the and the", []),  # no term in any phrase: nothing to look for
    ("the ice-free quay and frost", [{"ice", "free", "quay"}, {"frost"}]),
]


@pytest.mark.parametrize(("topic", "parts"), PARTS_CASES)
def test_a_statement_is_split_into_its_coordinated_phrases(topic, parts) -> None:
    assert [p.terms for p in topic_parts(topic, TERMS)] == [frozenset(p) for p in parts]


# (phrase, the terms of each hyphenated compound of more than one term in it)
COMPOUND_PARTS_CASES = [
    ("the ice-free quay", [{"ice", "free"}]),
    ("a round-the-clock rota and a sea-going ferry", [{"round", "clock"}, {"sea", "go"}]),
    ("the Covid-19 rules", [{"covid", "19"}]),  # a name with a number is one word too
    ("the so-called quay", []),  # one term ("so" is a stopword): nothing to hold together
    ("the ferry -- and the quay", []),  # a dash between words joins nothing
]


@pytest.mark.parametrize(("phrase", "compounds"), COMPOUND_PARTS_CASES)
def test_a_phrase_keeps_the_terms_of_each_hyphenated_compound(phrase, compounds) -> None:
    found = [c for part in topic_parts(phrase, TERMS) for c in part.compounds]
    assert found == [frozenset(c) for c in compounds]


PASSAGE = "Ola Tamm said the night nurses would get a ferry. The ferry runs from May."
# (topic, is one phrase absent from PASSAGE)
HALF_SAID_CASES = [
    ("night nurses and apple blossom", True),  # one phrase met, the other not at all
    ("apple blossom and frost fans", True),  # neither: another rule's business, still not said
    ("night nurses and the ferry", False),  # every phrase has a word in the passage
    ("nurses and the May apple blossom", False),  # one word of a phrase is enough
    ("apple blossom", False),  # one phrase: `says_it` alone decides
]


@pytest.mark.parametrize(("topic", "half"), HALF_SAID_CASES)
def test_a_passage_without_a_word_of_one_phrase_says_half(topic, half) -> None:
    assert half_said(topic, PASSAGE, TERMS) is half


# Made-up rarities (idf) of PASSAGE's and the questions' terms; "night" and "ferri" are common.
RARITY = {"night": 1.0, "ferri": 1.5, "nurs": 4.0, "shift": 5.0, "appl": 6.0, "time": 1.5}.get
# (topic, is one phrase absent from PASSAGE, by more than one common word): a statement listed
# as things spoken about (`rarity` given) is not met by one common word of a phrase alone.
RARE_CASES = [
    ("the night shift and the nurses", True),  # "night" alone: not the phrase's rarest
    ("the apple ferry and the nurses", True),  # "ferry" alone, the rarer "apple" absent
    ("the night nurses and the ferry", False),  # two words of the first, the second's only one
    ("the night ferry shift and the nurses", False),  # two common words: `PART_WORDS` of it
    ("the nurses roster and the ferry", False),  # "nurses" alone, but the rarest of its phrase
    ("the ferry time and the nurses", False),  # "ferry" alone, as rare as "time": a rarest
    ("the night shift", False),  # one phrase: `says_it` alone decides
]


@pytest.mark.parametrize(("topic", "half"), RARE_CASES)
def test_a_phrase_met_by_one_common_word_alone_is_not_said(topic, half) -> None:
    assert half_said(topic, PASSAGE, TERMS, rarity=lambda t: RARITY(t, 3.0)) is half
    assert not half_said(topic, PASSAGE, TERMS)  # without rarities any word of a phrase counts


ICE_PASSAGE = "Ola Tamm said the night nurses would get an ice rink. The quay is free of fees."
ICE_RARITY = {"ice": 6.0, "free": 1.0, "quay": 2.0, "nurs": 4.0, "night": 1.0}.get
# (topic, is one phrase absent from ICE_PASSAGE, by more than one common word): a hyphenated
# compound's terms count only all of them there ("ice" and "free" in two sentences do).
COMPOUND_CASES = [
    ("the sea-free quay and the nurses", True),  # "free" without "sea": only "quay" left
    ("the smoke-free quay and the nurses", True),  # the same; not rescued by "quay" alone
    ("the ice-free quay and the nurses", False),  # every word of the compound there
    ("the free quay and the nurses", False),  # no compound: two words, `PART_WORDS`
    ("the sea-free ice and the nurses", False),  # "ice", its rarest, is there as itself
]


@pytest.mark.parametrize(("topic", "half"), COMPOUND_CASES)
def test_a_hyphenated_compound_is_in_a_passage_only_whole(topic, half) -> None:
    rarity = lambda t: ICE_RARITY(t, 3.0)  # noqa: E731
    assert half_said(topic, ICE_PASSAGE, TERMS, rarity=rarity) is half
    assert not half_said(topic, ICE_PASSAGE, TERMS)  # without rarities any word of a phrase counts


# (topic, the phrases found in the passage in other words, is one phrase absent from PASSAGE):
# a clause's re-worded phrase counts as there when `meant` finds it (`PART_MEANT` in meaning).
MEANT_CASES = [
    ("night nurses and the boat after dark", {"the boat after dark"}, False),
    ("night nurses and the boat after dark", set(), True),
    ("apple blossom and the boat after dark", {"the boat after dark"}, True),  # one still absent
    ("apple blossom and the boat after dark", {"apple blossom", "the boat after dark"}, False),
]


@pytest.mark.parametrize(("topic", "meant", "half"), MEANT_CASES)
def test_a_phrase_in_other_words_is_said_when_meant(topic, meant, half) -> None:
    assert half_said(topic, PASSAGE, TERMS, meant=meant.__contains__) is half


# (topic, the phrases found in the passage in other words, is one phrase absent from PASSAGE):
# a clause's long phrase (`LONG_PART_TERMS` terms or more) is there by its words only with half
# of them; two common words of it ("get", "ferry") are not enough, its meaning still is.
LONG_CLAUSE = "night nurses and the harbour board's new boats would get ferry fares"
LONG_CASES = [
    (LONG_CLAUSE, set(), True),  # 2 of 7 terms of the long phrase
    (LONG_CLAUSE, {"the harbour board's new boats would get ferry fares"}, False),  # meant
    ("night nurses and the board's boats would get ferries", set(), False),  # short: one word
    ("apple blossom and the night ferry runs in May for nurses", {"apple blossom"}, False),
]


@pytest.mark.parametrize(("topic", "meant", "half"), LONG_CASES)
def test_a_clauses_long_phrase_is_said_by_half_its_words_or_its_meaning(topic, meant, half) -> None:
    assert half_said(topic, PASSAGE, TERMS, meant=meant.__contains__) is half


def test_a_long_phrase_listed_as_things_spoken_about_keeps_its_own_rule() -> None:
    assert not half_said(LONG_CLAUSE, PASSAGE, TERMS)  # without `meant` any word counts


# (phrase, terms held, is it there by a clause's words)
CLAUSE_WORDS_CASES = [
    ("the ferry fares", {"ferri"}, True),  # short: any word
    ("the ferry fares", {"boat"}, False),
    ("the harbour board's new boats would get ferry fares", {"get", "ferri"}, False),
    ("the harbour board's new boats would get ferry fares", {"get", "ferri", "boat", "new"}, True),
    ("the harbour board's new ferry fares", {"ferri"}, True),  # 5 terms: not long, any word
]


@pytest.mark.parametrize(("phrase", "held", "there"), CLAUSE_WORDS_CASES)
def test_a_clauses_phrase_is_held_by_its_words(phrase, held, there) -> None:
    (part,) = topic_parts(phrase, TERMS)
    assert (len(part.terms) >= LONG_PART_TERMS) is (" would " in phrase)  # 7 terms
    assert in_clause_words(part, held) is there


# A made-up article of four chunks, PASSAGE the second; the passage around it reaches the first
# and the third (`PASSAGE_REACH` = 1), not the fourth.
TEXTS = [
    "Bob Hale fixed the shift rota on Monday.",
    PASSAGE,
    "Apple carts wait at the quay.",
    "Frost fans hum in the Westland orchards.",
]
CHUNKS = {f"a:{i}": Chunk(f"a:{i}", "a", i, text, 0, 1, 1, 1) for i, text in enumerate(TEXTS)}
PASSAGE_AROUND = passage_chunks(CHUNKS["a:1"], CHUNKS.get)


def test_the_passage_around_a_chunk_reaches_its_neighbours_in_the_article() -> None:
    assert PASSAGE_REACH == 1
    assert passage_chunks(CHUNKS["a:0"], CHUNKS.get) == [CHUNKS["a:0"], CHUNKS["a:1"]]
    assert passage_chunks(CHUNKS["a:1"], CHUNKS.get) == [CHUNKS[f"a:{i}"] for i in range(3)]
    assert passage_chunks(CHUNKS["a:3"], CHUNKS.get) == [CHUNKS["a:2"], CHUNKS["a:3"]]


# (topic, is the statement one phrase absent from the passage around PASSAGE's chunk, by more
# than one common word): a statement of one phrase listed as a thing spoken about.
LONE_CASES = [
    ("the night nurses", False),  # two words, in the cited chunk
    ("the nurses", False),  # its only word
    ("the night shift", False),  # "night" here, the rarer "shift" in the chunk before
    ("the apple ferry", False),  # "ferry" here, the rarer "apple" in the chunk after
    ("the ferry time", False),  # "ferry" alone, as rare as "time": a rarest
    ("the night frost", True),  # "night" alone; "frost" two chunks away, beyond the reach
    ("the frost fans", True),  # no word of it near: only beyond the reach
    ("the single night", True),  # a common word alone
    ("the night nurses and the frost fans", False),  # two phrases: `half_said` decides
]


@pytest.mark.parametrize(("topic", "unsaid"), LONE_CASES)
def test_a_lone_phrase_met_by_one_common_word_alone_is_not_said(topic, unsaid) -> None:
    unsaid_here = lone_unsaid(topic, PASSAGE_AROUND, TERMS, lambda t: RARITY(t, 3.0))
    assert unsaid_here is unsaid


# (topic, story asked about, are the words of a short phrase of the statement in no one sentence
# of the passage around PASSAGE's chunk, off the story): a statement listed as things spoken
# about.
APART_CASES = [
    ("the night nurses", "", False),  # together in one sentence
    ("the night ferry", "", False),  # ... the same one, not side by side
    ("the quay carts", "", False),  # together in the chunk after
    ("the apple nurses", "", True),  # "apple" in the chunk after, "nurses" here
    ("the apple rota nurses", "", True),  # three words, each in another sentence
    ("the apple nurses", "the shift rota", False),  # the whole story in the passage vouches
    ("the apple nurses", "the shift frost", True),  # "frost" beyond the reach: it does not
    ("the apple rota night nurses", "", False),  # four words: a reader's description
    ("the nurses", "", False),  # one word: `lone_unsaid`'s
    ("the night nurses and the apple rota", "", True),  # "apple rota" apart
    ("the night nurses and the quay carts", "", False),  # each phrase together
    ("the night nurses and the apple rota", "the shift rota", False),  # the story vouches
    ("the night nurses and the apple rota nurses", "", False),  # three words in a list
]


@pytest.mark.parametrize(("topic", "story", "unsaid"), APART_CASES)
def test_a_short_phrase_apart_off_the_story_is_not_said(topic, story, unsaid) -> None:
    assert (TOGETHER_TERMS, LISTED_TOGETHER_TERMS) == (3, 2)
    assert apart(topic, story, PASSAGE_AROUND, TERMS) is unsaid


ARTICLE = "Ferry for night nurses\n\nThe ferry will run after midnight, Ola Tamm said."
# (the story asked about, does ARTICLE lack a word of it)
OFF_STORY_CASES = [
    ("the apple harvest", True),
    ("the night ferry", False),
    ("the Ferry nurses", False),  # its words anywhere in headline or text
    ("Westland nurses", True),  # an article on other nurses
    ("the night ferry fares", True),  # one word missing of several
    ("", False),  # no story asked about
]


@pytest.mark.parametrize(("story", "off"), OFF_STORY_CASES)
def test_an_article_without_every_word_of_the_story_is_off_it(story, off) -> None:
    assert off_story(story, ARTICLE, TERMS) is off


WIN = "Westland win at the quay\n\nIt's a great start to the year, Ola Tamm said of the night rota."
# (topic, story asked about, does the unit "It's a great start to the year" with the night rota
# say it word for word, in WIN, whatever `says_it` reads)
WORD_FOR_WORD_CASES = [
    ("the great start", "the Westland win", True),  # every word, on the story
    ("the great start and the night rota", "the Westland win", True),  # every phrase
    ("the great start", "", False),  # no story: a statement's words are in any story's quotes
    ("the great start", "the Westland ferry", False),  # "ferry": not this article's story
    ("the great finish", "the Westland win", False),  # "finish": not said
    ("the great start and the apple rota", "the Westland win", False),  # "apple": not said
]


@pytest.mark.parametrize(("topic", "story", "said"), WORD_FOR_WORD_CASES)
def test_a_unit_with_every_word_on_the_story_says_it(topic, story, said) -> None:
    unit = "It's a great start to the year, Ola Tamm said of the night rota."
    assert word_for_word(topic, story, unit, WIN, TERMS) is said


def _ranked(*speakers: str | None) -> list[Candidate]:
    chunk = Chunk("a:0", "a", 0, "x", 0, 1, 1, 1)
    features = tuple(0.0 for _ in FEATURES)
    return [Candidate(Unit(chunk, 0, 1, "direct", speaker=s), features, 0.5) for s in speakers]


# speakers ranked best first; who passes `said`, who `verbatim` (word for word); the cited
SAYING_CASES = [
    # the best unit says it: cited, whoever is next
    (["Tom Reed", "Ana Vell"], {"Tom Reed"}, set(), "Tom Reed"),
    (["Tom Reed", "Ana Vell"], set(), {"Tom Reed"}, "Tom Reed"),
    # the best passes `said` only; the third says it word for word and passes `said`
    (["Tom Reed", "Bob Hale", "Ana Vell"], {"Tom Reed", "Ana Vell"}, {"Ana Vell"}, "Ana Vell"),
    # ... but the best saying it word for word is kept
    (["Tom Reed", "Ana Vell"], {"Tom Reed", "Ana Vell"}, {"Tom Reed", "Ana Vell"}, "Tom Reed"),
    # the best passes `said` only and no later unit passes both: the best
    (["Tom Reed", "Ana Vell"], {"Tom Reed", "Ana Vell"}, set(), "Tom Reed"),
    (["Tom Reed", "Ana Vell"], {"Tom Reed"}, {"Ana Vell"}, "Tom Reed"),
    # a later unspoken-by-anyone unit is never taken over the best
    (["Tom Reed", None], {"Tom Reed", None}, {None}, "Tom Reed"),
    # the best does not; the third says it word for word and passes `said`
    (["Tom Reed", "Bob Hale", "Ana Vell"], {"Ana Vell"}, {"Ana Vell"}, "Ana Vell"),
    # a later unit passing only one of the two is not taken
    (["Tom Reed", "Ana Vell"], {"Ana Vell"}, set(), None),
    (["Tom Reed", "Ana Vell"], set(), {"Ana Vell"}, None),
    # nobody named: not said by anyone
    (["Tom Reed", None], {None}, {None}, None),
    # beyond the reach
    (
        ["Tom Reed", "Bob Hale", "Ola Tamm", "Ida Vale", "Ana Vell"],
        {"Ana Vell"},
        {"Ana Vell"},
        None,
    ),
]


@pytest.mark.parametrize(("speakers", "said", "verbatim", "cited"), SAYING_CASES)
def test_a_who_said_answer_cites_the_best_or_a_next_unit_saying_it_word_for_word(
    speakers, said, verbatim, cited
) -> None:
    assert WHO_SAID_REACH == 4
    ranked = _ranked(*speakers)
    chosen = saying(
        ranked, ranked[0], lambda c: c.unit.speaker in said, lambda c: c.unit.speaker in verbatim
    )
    assert (chosen.unit.speaker if chosen else None) == cited


# speakers ranked best first; who passes `said`, who `verbatim`; the person the question
# names; the cited
NAMED_CASES = [
    # the best holds the words but is the person asked about; the next one holds them too
    (["Ana Vell", "Tom Reed"], {"Ana Vell", "Tom Reed"}, {"Ana Vell", "Tom Reed"}, "Tom Reed"),
    # ... and nobody else does: the best
    (["Ana Vell", "Tom Reed"], {"Ana Vell", "Tom Reed"}, {"Ana Vell"}, "Ana Vell"),
    (["Ana Vell", "Tom Reed"], set(), {"Ana Vell"}, "Ana Vell"),
]


@pytest.mark.parametrize(("speakers", "said", "verbatim", "cited"), NAMED_CASES)
def test_the_person_the_question_names_is_cited_only_when_nobody_else_says_it(
    speakers, said, verbatim, cited
) -> None:
    ranked = _ranked(*speakers)
    chosen = saying(
        ranked,
        ranked[0],
        lambda c: c.unit.speaker in said,
        lambda c: c.unit.speaker in verbatim,
        {"Ana Vell"},
    )
    assert (chosen.unit.speaker if chosen else None) == cited


def test_a_unit_by_a_person_the_question_names_is_not_taken_over_a_best_near_it() -> None:
    ranked = _ranked("Tom Reed", "Ana Vell")
    both = {"Tom Reed", "Ana Vell"}
    chosen = saying(
        ranked,
        ranked[0],
        lambda c: c.unit.speaker in both,
        lambda c: c.unit.speaker == "Ana Vell",
        {"Ana Vell"},
    )
    assert chosen is ranked[0]


# kind, speaker, text of a unit ranked below a best unit near the statement; the person the
# question names; whether it may be cited in the best one's place
VOUCHED_CASES = [
    ("direct", "Ana Vell", "We will open the mill in May.", set(), True),
    ("transcript", "Ana Vell", "We will open the mill in May.", set(), True),
    ("indirect", "Ana Vell", "Ana Vell said the mill would open in May.", set(), True),
    ("indirect", "Ana Vell", "The mill will open in May, said Ms Vell.", set(), True),
    # a sentence that only mentions the speaker it was given
    ("indirect", "Ana Vell", "Reed named Ana Vell as special envoy to the mill.", set(), False),
    ("indirect", "Ana Vell", "Tom Reed said Vell's mill would open in May.", set(), False),
    # narrative hung on a speaker, even with a sentence of theirs after it
    (
        "sentence",
        "Ana Vell",
        "Reed named Ana Vell as special envoy. Ms Vell recalled the call.",
        set(),
        False,
    ),
    # the person the question names is what was spoken about, not who spoke
    ("direct", "Ana Vell", "We will open the mill in May.", {"Ana Vell"}, False),
    ("sentence", None, "The mill opens in May.", set(), False),
]


@pytest.mark.parametrize(("kind", "speaker", "text", "named", "expected"), VOUCHED_CASES)
def test_a_later_unit_is_vouched_for_by_its_own_words_or_a_sentence_naming_its_speaker(
    kind, speaker, text, named, expected
) -> None:
    chunk = Chunk("a:0", "a", 0, text, 0, len(text), 1, 1)
    unit = Unit(chunk, 0, len(text), kind, speaker=speaker)
    candidate = Candidate(unit, tuple(0.0 for _ in FEATURES), 0.5)
    assert vouched(candidate, named) is expected


# (text, the values of the figures it writes in digits)
FIGURES_CASES = [
    ("Ola Tamm spoke about 4.5 million more riders and 7 million fares", {4.5e6, 7e6}),
    ("the 30 thousand villages", {30000.0}),
    ("30,000 villages", {30000.0}),
    ("a 30k rise", {30000.0}),
    ("the £6m loss and the $9bn headache", {6e6, 9e9}),
    ("a 40% rise in 2016", {40.0, 2016.0}),
    ("50 thousand 962 beds", {50000.0, 962.0}),
    ("the 339.5 thousand patients", {339500.0}),
    # a number inside a name or code is no figure
    ("the G7 summit, the A320 jet, Covid-19 and the K-9 unit", set()),
    ("a 5-to-4 vote", set()),
    ("no figure at all", set()),
]


@pytest.mark.parametrize(("text", "values"), FIGURES_CASES)
def test_a_figure_is_read_by_its_value(text, values) -> None:
    assert figures(text) == values


NORLAND = "Norland vote\n\nTurnout rose to 30,000, Ola Tamm said, ten times the 2016 count."
# (statement and story asked, is a figure of them written nowhere in NORLAND)
FIGURES_UNHELD_CASES = [
    ("the 4.5 million more votes and the turnout", True),  # shares words, not the figure
    ("the 30 thousand voters", False),  # the same figure written another way
    ("the 30k turnout", False),
    ("the 10 fold rise", False),  # written as a number word
    ("the turnout\nthe 2017 count", True),  # the story's figure
    ("the turnout\nthe 2016 count", False),
    ("the turnout", False),  # no figure asked: nothing to hold
]


@pytest.mark.parametrize(("asked", "unheld"), FIGURES_UNHELD_CASES)
def test_a_statement_whose_figure_the_article_never_writes_is_not_said(asked, unheld) -> None:
    assert figures_unheld(asked, NORLAND) is unheld


# (two words, are they forms of one word)
WORD_BASE_CASES = [
    ("making", "make", True),
    ("planned", "plans", True),
    ("policies", "policy", True),
    ("studied", "study", True),
    ("agreed", "agree", True),
    ("organisation", "organizations", True),  # one spelling for both
    ("mediator", "mediating", False),  # one stem, two words
    ("negotiator", "negotiations", False),
    ("voter", "votes", False),
]


@pytest.mark.parametrize(("one", "other", "same"), WORD_BASE_CASES)
def test_the_forms_of_one_word_share_a_base_and_its_family_does_not(one, other, same) -> None:
    assert (word_base(one) == word_base(other)) is same


STEMS = [
    Chunk("c:0", "c", 0, "Ola Tamm praised the negotiations of the Norland project.", 0, 1, 1, 1),
    Chunk("c:1", "c", 1, "The mediating of terms was making talks hard, she said.", 0, 1, 1, 1),
]
# (statement, is a word of it in STEMS only as another word of its stem)
DERIVED_CASES = [
    ("the negotiator and the project", True),
    ("the mediator and the making", True),
    ("the negotiations and the projects", False),  # the words themselves, in another form
    ("the negotiation and the talk", False),
    ("the ferry and the project", False),  # "ferry" not there at all: `in_words`'s
]


@pytest.mark.parametrize(("topic", "derived"), DERIVED_CASES)
def test_a_word_met_only_by_another_of_its_stem_is_not_said(topic, derived) -> None:
    assert derived_only(topic, STEMS, TERMS) is derived
