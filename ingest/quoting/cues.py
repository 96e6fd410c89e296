"""Reporting cues in a sentence: where a verb reports a statement and where the statement
starts. Each finder is a named rule of `CUE_RULES`; the statement pass tries the cues a
sentence holds in the order listed verbs first, then by position."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    ACT_DETERMINERS,
    ACT_NOUN_ENDINGS,
    AUDIENCE_NOUNS,
    AUDIENCE_OBJECTS,
    AUX,
    BE_FORMS,
    CALL_FOR_VERBS,
    COORDINATORS,
    DAYS_NEAR,
    FEELING_MODIFIERS,
    FEELING_NOUNS,
    FEELING_VERBS,
    GUEST_DETERMINERS,
    IRREGULAR_PAST,
    NARRATIVE_VERBS,
    NEED_NOUNS,
    NEED_VERBS,
    POSSESSIVE_DETERMINERS,
    PRONOUNS,
    SPEECH_VERBS,
    THAT_INSIDE,
    THATLESS_CLAUSE_OPENERS,
    THATLESS_VERBS,
    URGE_VERBS,
    VERBS,
    WEEKDAY_NAMES,
    WELCOME_VERBS,
    alternation,
    split_words,
)
from ingest.quoting.lexicon_cues import (
    THANKED_FOR_VERBS,
    THAT_PARTICLE_VERBS,
    VIEW_ADJECTIVES,
    VIEW_NEGATIONS,
    VIEW_VERBS,
)
from ingest.quoting.lexicon_openers import TIME_ANCHORS, TIME_PHRASE_WORDS
from ingest.quoting.model import Cue, Findings, Piece
from ingest.quoting.nounphrases import is_time
from ingest.quoting.sentence_subjects import sentence_subject
from ingest.quoting.shares import COUNT_WORDS
from ingest.quoting.subjects import clause_after, verb_tokens
from ingest.quoting.table import Rule

_TOKEN = re.compile(r"[\w'’.\-]+")
_LETTERS = re.compile(r"[A-Za-z]+")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
_COLON_OR_SEMICOLON = re.compile(r"[:;]")

_THAT_CLAUSE = re.compile(r"\bthat,?\s+(?=\S)")


_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:" + alternation(AUX) + r"|\w+ly)\s+)*(?P<verb>[a-z]\w+)(?:\s+that)?\s+(?=\S)"
)
# `X said (that) CLAUSE` without `that`: the clause opens with a subject word, or with a
# subordinator that leads into it (`said because Tamm is popular, "he's a good surrogate"`).
_THATLESS = re.compile(
    rf"\b(?P<verb>{alternation(THATLESS_VERBS)})\b"
    rf"(?P<obj>(?:\s+(?:{alternation(AUDIENCE_OBJECTS)}|the\s+{alternation(AUDIENCE_NOUNS)}"
    r"|the\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*),?)?"
    rf"(?:\s+(?:on\s+)?{alternation(WEEKDAY_NAMES | DAYS_NEAR)})?)"
    rf"\s+(?P<clause>{alternation(THATLESS_CLAUSE_OPENERS)}\b|[A-Z])"
)


# Official readouts report statements by their noun-phrase object (`The President stated the
# need to impose sanctions`, `expressed gratitude to`, `called for a ceasefire`): one named
# pattern per verb family, the object being the statement. Tried after every `that` clause and
# listed verb, so they never take a sentence from an existing rule.
_NOUN_OBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "stated_the_need",  # `stressed the importance of`, `noted the need to`
        re.compile(
            rf"\b(?P<verb>{alternation(NEED_VERBS)})\s+"
            rf"(?={alternation(POSSESSIVE_DETERMINERS)}\s+{alternation(NEED_NOUNS)}\b)"
        ),
    ),
    (
        "expressed_feeling",  # `expressed gratitude to`, `expressed hope for`
        re.compile(
            rf"\b(?P<verb>{alternation(FEELING_VERBS)})\s+"
            rf"(?=(?:{alternation(FEELING_MODIFIERS)}\s+)?{alternation(FEELING_NOUNS)}\b)"
        ),
    ),
    ("called_for", re.compile(rf"\b(?P<verb>{alternation(CALL_FOR_VERBS)})\s+(?=[\w“\"])")),
    ("thanked_for", re.compile(rf"\b(?P<verb>{alternation(THANKED_FOR_VERBS)})\s+(?=[\w“\"])")),
    (
        "urged_to",  # `urged the partners to speed up`: an object and its infinitive
        re.compile(
            rf"\b(?P<verb>{alternation(URGE_VERBS)})\s+(?=(?:[\w'’\-]+\s+){{1,6}}?to\s+[a-z])"
        ),
    ),
    (
        "welcomed_condemned",  # an act or decision, not guests (`welcomed X to the summit`)
        re.compile(
            rf"\b(?P<verb>{alternation(WELCOME_VERBS)})\s+"
            rf"(?=(?:{alternation(ACT_DETERMINERS)}|[a-z]+{alternation(ACT_NOUN_ENDINGS)}\b)"
            rf"(?![^.,;]{{0,40}}\bto\s+{alternation(GUEST_DETERMINERS)}\b))"
        ),
    ),
)


# Every verb of `_NOUN_OBJECTS`, found once per sentence before the family patterns are tried:
# most sentences hold none, and one scan is cheaper than five.
_NOUN_OBJECT_VERB = re.compile(
    rf"\b{alternation(NEED_VERBS | FEELING_VERBS | CALL_FOR_VERBS | URGE_VERBS | WELCOME_VERBS)}\b"
    rf"|\b{alternation(THANKED_FOR_VERBS)}\b"
)


def _noun_object_cues(sentence: str, offset: int, doc: Findings) -> list[Cue]:
    """Cues of the verb families in `_NOUN_OBJECTS`; the statement starts at the object."""
    if not _NOUN_OBJECT_VERB.search(sentence):
        return []
    return [
        Cue(m.start("verb"), m.group("verb"), m.end(), f"noun_object:{name}", any_verb=True)
        for name, pattern in _NOUN_OBJECTS
        for m in pattern.finditer(sentence)
    ]


def _that_cues(sentence: str, offset: int, doc: Findings) -> list[Cue]:
    """`VERB (up to six object words) that CLAUSE`. A `that` after an earlier `that` of the
    same verb sits inside the first clause (`says that it's "sad" that Tamm ...`).

    An audience, place and time can hold the `that` further off (`told a town hall in Salem,
    New Hampshire on Monday that ...`): up to twelve words, if no quote or conjunction
    between them opens a clause of its own (`says he made a decision, and that ...`).
    A held view right before the `that` (`believes that`, `is convinced that`, `pointed out
    that`) is a cue too, tried after the listed verbs (`_view_cue`). A verb form that ends a
    name stays a cue here: reading `the Islamic State and that ...` as a name cost a
    statement its clause (attr19 notes)."""
    cues = []
    for that in _THAT_CLAUSE.finditer(sentence):
        window = sentence[max(0, that.start() - 120) : that.start()]
        words = list(_TOKEN.finditer(window))[-13:]
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group().lower()
            if word in THAT_INSIDE:
                break
            if i < len(words) - 7 and _FAR_GAP.search(window, words[i].end()):
                break
            if word in VERBS:
                start = that.start() - len(window) + words[i].start()
                cues.append(Cue(start, words[i].group(), that.end(), "that_clause"))
                break
            right_before = i == len(words) - 1 and not window[words[i].end() :].strip()
            view = right_before and _view_cue([w.group().lower() for w in words[: i + 1]])
            if view:
                start = that.start() - len(window) + words[i + 1 - view].start()
                verb = window[words[i + 1 - view].start() : words[i].end()]
                cues.append(Cue(start, verb, that.end(), "that_clause:view", any_verb=True))
                break
    return cues


def _view_cue(words: list[str]) -> int:
    """How many of the last `words` make a cue of a held view right before `that`
    (`believes`, `is convinced`: 1; `pointed out`: 2), or 0. Only right before it: in
    `believes in journalism that "takes sides"` the `that` opens a relative clause."""
    word, previous = words[-1], words[-2] if len(words) > 1 else ""
    before = words[-4:-1]
    if any(w in VIEW_NEGATIONS for w in before):
        return 0  # `are not convinced that X`: a doubt of X
    be = any(w in BE_FORMS for w in before[-2:])  # `is also believed`, `is firmly convinced`
    if word in VIEW_VERBS and not be:
        return 1
    if word in VIEW_ADJECTIVES and be:
        return 1
    passive = any(w in BE_FORMS for w in words[-4:-2])  # `It should be pointed out that`
    return 2 if previous in THAT_PARTICLE_VERBS.get(word, ()) and not passive else 0


_FAR_GAP = re.compile(rf"[“”\"]|\b{alternation(COORDINATORS)}\b")


def _partial_quote_objects(sentence: str, offset: int, doc: Findings) -> list[Cue]:
    """`X called the plan "foolish"`: a reporting verb whose object holds a quote in-sentence."""
    out = []
    for piece in doc.pieces:
        rel = piece.open_pos - offset
        if not 0 < rel < len(sentence):
            continue
        verbs = verb_tokens(sentence[:rel])
        if verbs and (
            verbs[-1].group().lower() not in SPEECH_VERBS
            or _quote_inside_clause(sentence, verbs[-1].end(), rel, piece, offset)
        ):
            verb = verbs[-1]
            clause = clause_after(sentence, verb.end())
            out.append(Cue(verb.start(), verb.group(), clause, "quoted_object", quoted_object=True))
        elif not verbs and sentence[:rel].rstrip()[-1:].isalnum():
            out.extend(_subject_verb(sentence, rel))
    return out


def _quote_inside_clause(sentence: str, verb_end: int, rel: int, piece: Piece, offset: int) -> bool:
    """`X said the plan was "foolish"` / `X says "the wind is at our backs" despite ...`: after
    a plain speech verb the statement is the whole clause only when the quote is part of it;
    `X said: "..."` and `X told reporters "..."` state the quote alone."""
    between = sentence[verb_end:rel]
    words = between.split()
    rest = sentence[piece.close_pos + 1 - offset :] if piece.close_pos is not None else ""
    tail = _LETTERS.findall(rest)
    # `Tamm said "it gets me mad" every time he ...`: no punctuation closes the quoted words
    # and the sentence runs on in lower case, so they are only the start of the clause (also
    # after a comma: `he said, "I have not heard that concern" from police officials`)
    runs_on = len(tail) >= 2 and sentence[piece.close_pos - offset - 1] not in ",.!?…"
    runs_on = runs_on and bool(_LOWER_NEXT.match(rest))
    if _COLON_OR_SEMICOLON.search(between) or between.strip()[-1:] == ",":
        return runs_on and between.strip() == ","  # `X said: "..."`; `X said on Monday, "..."`
    if words and words[-1].lower() != "that":
        said = sentence[verb_end - 4 : verb_end].lower() in ("said", "says")
        return said and not is_time(words[-1])
    if len(tail) < 2:
        return False
    return tail[0].lower() in _CLAUSE_LINKS or runs_on


_CLAUSE_LINKS = frozenset(
    split_words("because despite but and while although though since as if unless so or when")
)


# `Kell is a co-host of "So, That Happened"`, `Vale became the first to buy a "trend"`:
# a copula or auxiliary links its subject to a description, not to words they said.
_NOT_SAYING = frozenset(
    split_words("""is was are were be been being become became becomes remain remains remained
    seem seems seemed appear appears appeared has have had""")
)


def finite_verb(word: str) -> bool:
    """A past, third-person or progressive form (`thanked`, `decries`, `took`, `is holding`):
    the word after a subject is its verb only if it looks like one (`Senate leaders on
    Monday ...` has none)."""
    if word in _NOT_SAYING:
        return False
    third_person = word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))
    return word.endswith(("ed", "ing")) or third_person or word in IRREGULAR_PAST


def _participle(word: str) -> bool:
    """`is holding`, `was called`, `were told`: what may follow a form of `be` as a verb."""
    return word.endswith(("ed", "ing")) or word in IRREGULAR_PAST


def _after_be(verb: re.Match[str]) -> bool:
    """Whether a form of `be` comes among the auxiliaries before the matched verb."""
    return not BE_FORMS.isdisjoint(verb.group()[: verb.start("verb") - verb.start()].split())


_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def _plural_subject_noun(word: str, sentence: str, end: int) -> bool:
    """`Wall Street targets included ...`: an -s word right before an auxiliary or a past
    tense is the subject's own plural noun, and that next word is the verb."""
    nxt = _NEXT_WORD.match(sentence, end)
    if not word.endswith("s") or word.endswith("ss") or not nxt:
        return False
    following = nxt.group(1)
    return following in AUX or following in IRREGULAR_PAST or following.endswith("ed")


# A verb followed by one of these takes no object that reports words (tuned on PolNeAR train:
# adding `by` or `on` cost a train unit; the longer set with `from`, `with` cost speakers).
_OBJECT_PREPOSITIONS = frozenset(split_words("in at about into"))


def _prepositional_object(sentence: str, after_verb: int) -> bool:
    """`talked about the "..."`, `joined in the "..."`: what follows the verb is a
    prepositional phrase (a topic or a place), not an object that carries the subject's
    words."""
    first = sentence[after_verb:].split(None, 1)[:1]
    return bool(first) and first[0].lower() in _OBJECT_PREPOSITIONS


def _counted_noun(word: str, subject: str) -> bool:
    """`Two hours after ...`, `Whatever his disagreements with ...`: an -s word right after a
    number or a possessive is the noun they count or own, not the subject's verb."""
    last = subject.split()[-1].lower() if subject.split() else ""
    counted = last.isdigit() or last in COUNT_WORDS or last in POSSESSIVE_DETERMINERS
    return counted and word.endswith("s") and not word.endswith("ss")


def _subject_verb(sentence: str, rel: int) -> list[Cue]:
    """`Moore thanked him for "..."`: any verb right after a sentence-initial subject."""
    subject = sentence_subject(sentence, 0, "")
    if not subject:
        return []
    verb = _SUBJECT_VERB.match(sentence, subject.pos + len(subject.np))
    if not verb or verb.end() > rel:
        return []
    word = verb.group("verb").lower()
    if not (finite_verb(word) or subject.np.lower() in PRONOUNS and word not in _NOT_SAYING):
        return []  # `I know all about ...`: after a pronoun a base form is a verb too
    if _after_be(verb) and not _participle(word):
        return []  # `They are skeptical of the "sharing economy"`: a copula and its complement
    if _plural_subject_noun(word, sentence, verb.end("verb")):
        return []  # `Party elders did produce an "autopsy"`: the noun ends the subject
    if _counted_noun(word, subject.np):
        return []  # `Two hours after the "interview"`, `his disagreements with the "plan"`
    if word in NARRATIVE_VERBS:
        return []  # `Ukraine received this ship, formerly known as "..."`
    if _prepositional_object(sentence, verb.end()):
        return []  # `Vell talked about the "rigged" harbour deal`: a topic, not his words
    return [
        Cue(verb.start("verb"), verb.group("verb"), verb.end(), "subject_verb_object", True, True)
    ]


def _thatless_cues(sentence: str, offset: int, doc: Findings) -> list[Cue]:
    """`X said the plan failed`: a speech verb and a clause opening with a subject word."""
    return [
        Cue(m.start("verb"), m.group("verb"), m.start("clause"), "thatless_clause")
        for m in _THATLESS.finditer(sentence)
        if not _inverted_attribution(sentence, m) and not _time_only(sentence, m.start("clause"))
    ]


_TO_PUNCTUATION = re.compile(r"[^,.;:!?]*")


def _time_only(sentence: str, start: int) -> bool:
    """`Quell pushed back on those claims Thursday, saying ...`, `he said this week.`: the
    words after the verb up to the punctuation are a time phrase (time words, one of them a
    time for sure: `said this, who ...` is no time), not a clause it reports."""
    phrase = _TO_PUNCTUATION.match(sentence, start)
    words = phrase.group().lower().split() if phrase else []
    known = all(w in TIME_PHRASE_WORDS for w in words)
    return known and not TIME_ANCHORS.isdisjoint(words)


_AFTER_COMMA = re.compile(r",\s*$")


def _inverted_attribution(sentence: str, m: re.Match[str]) -> bool:
    """`The bridge will reopen in May, said Dana Orlo.`: a speech verb right after a comma and
    before a capital names the speaker of the clause before it; it opens no clause itself."""
    return bool(
        _AFTER_COMMA.search(sentence, 0, m.start("verb"))
        and not m.group("obj")
        and sentence[m.start("clause")].isupper()
    )


# Every cue finder, each `(sentence, offset, findings) -> list[Cue]`. All cues of a sentence
# are collected; listed verbs are tried before any other verb, then by position (`cue_order`).
CUE_RULES = (
    Rule("that_clause", _that_cues),
    Rule("thatless_clause", _thatless_cues),
    Rule("quoted_object", _partial_quote_objects),
    Rule("noun_object", _noun_object_cues),
)


def sentence_cues(sentence: str, offset: int, doc: Findings) -> list[Cue]:
    """The cues of every rule of `CUE_RULES` in a sentence, in the order they are tried:
    listed verbs before others, then by position, the longer clause first."""
    cues = [cue for rule in CUE_RULES for cue in rule.find(sentence, offset, doc)]
    return sorted(cues, key=lambda c: (c.any_verb, c.verb_start, -c.clause_start))
