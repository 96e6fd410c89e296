"""Subject phrases: the words right before a verb that name who speaks (`np_from_left`),
with the word-level helpers every speaker-phrase rule shares.

String-level grammar only (no document state): a subject phrase is cut at the last clause
boundary, past appositions (`X, the ROLE, said`), asides, time words and leading phrases.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    ABBREVIATIONS,
    ARTICLES,
    AUX,
    BOUNDARY_WORDS,
    CAP,
    COMMA_ADVERBS,
    CONJUNCTIONS,
    PLACE_NAME_PREPOSITIONS,
    PRONOUNS,
    ROLE_WORDS,
    VERBS,
    WEEKDAYS,
    alternation,
    split_words,
)
from ingest.quoting.lexicon_cues import NAME_DETERMINERS
from ingest.quoting.lexicon_speakers import APPOSITION_PREPOSITIONS, HAVE_FORMS
from ingest.quoting.model import Subject
from ingest.quoting.nameshapes import ends_in_full_name
from ingest.quoting.nounphrases import (
    FUNCTION_WORDS,
    clean_np,
    clean_role,
    is_adverb,
    is_time,
    looks_like_role,
    plausible_np,
)
from ingest.quoting.officename import (
    and_inside_office,
    apposed_name,
    office_modifier,
    office_then_name,
)
from ingest.quoting.shares import share_phrase
from ingest.quoting.titles import and_joins_titles
from ingest.quoting.wholephrase import (
    PARTICIPLE_AUXILIARIES,
    modified_head,
    report_noun,
    whole_speaker,
)

_CLOSING_MARK = re.compile(r"[,.!?]?[”\"]")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z])")
_PARTY_OR_SUFFIX = re.compile(r",\s*(?:[RDI]-[A-Z][\w.]*|Jr\.?|Sr\.?)")

WORD = re.compile(r"[\w][\w'’.\-]*")


ALPHA = re.compile(r"[A-Za-z]+")


NOUN_CONTEXT = frozenset({"of", "the", "a", "an", "his", "her", "their", "its"})


def verb_tokens(text: str) -> list[re.Match[str]]:
    """Reporting-verb words in text; a set look-up per word is far cheaper than one big regex.
    After a determiner, `of` or a possessive the word is a noun (`defended his comments as
    "..."`, `calling Reed's charge "pathetic"`), as is a report noun after a quantifier
    (`Multiple news reports ... reveal`: `report_noun`), the last word of a name
    (`the United States should ...`: `name_head`), and a word between a name and an office
    noun (`Westland state director`: `office_modifier`)."""
    words = list(ALPHA.finditer(text))
    return [
        m
        for i, m in enumerate(words)
        if m.group().lower() in VERBS
        and not (
            i
            and (
                _noun_context(text, words[i - 1])
                or report_noun((words[i - 1].group(), m.group()), 1)
                or name_head(text, words, i)
                or office_modifier(text, words, i)
            )
        )
    ]


def name_head(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Is the capitalised `words[i]` the last word of a name that a lowercase determiner
    opens (`the United States`, `the Foreign States`)? Then it is the name's head noun, not
    the verb `state`; a headline's verb follows a name with no such determiner (`Mayor Ana
    Vell Says`) or a capitalised one (`The Mayor Says`)."""
    j = i
    while j > 0 and words[j].group()[:1].isupper() and _adjacent(text, words[j - 1], words[j]):
        j -= 1
    return j < i - 1 and words[j].group() in NAME_DETERMINERS and words[i].group()[:1].isupper()


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Only spaces stand between the two words."""
    return not text[left.end() : right.start()].strip()


def in_name(word: re.Match[str], previous: re.Match[str]) -> bool:
    """`Iowa State University's Ada Orvik said`: a capitalised word after another one
    is part of a name, not the verb `state`."""
    return word.group()[:1].isupper() and previous.group()[:1].isupper()


def _noun_context(text: str, previous: re.Match[str]) -> bool:
    word = previous.group()
    return word.lower() in NOUN_CONTEXT or word == "s" and text[previous.start() - 1] in "'’"


def clause_after(text: str, pos: int) -> int:
    """First character of the clause after a verb, skipping spaces, a comma or a colon."""
    m = re.compile(r"[,:]?\s+").match(text, pos)
    return m.end() if m else pos


_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]?|(?i:" + alternation(ABBREVIATIONS) + r"))\.")


def sentence_break(left: str) -> bool:
    """Punctuation between a quote and a verb that ends a sentence: not the dot of a title or
    an initial (`Gov.`, `Rep.`, `J.`) nor a bracketed party tag (`(D-Ore.)`)."""
    cleaned = _ABBREVIATION.sub(" ", PAREN_ASIDE.sub(" ", left))
    return any(c in cleaned for c in '.;:?!“”"')


# `X criticized the policy and said ...`: a verb coordinated with the sentence's first verb
COORDINATED = re.compile(rf"\s{alternation(CONJUNCTIONS)}\s*$")


def np_from_left(left: str, offset: int, cue: str, floor: int = 0) -> Subject | None:
    """The subject phrase ending right before a verb: after the last clause boundary.

    Handles an apposition (`Eda Kron, the Westland spokesman, said`) by taking the part
    before it as the name and the apposition as the role. Parenthesised asides (`Osk (Mr)`,
    `Vale (R-Texas)`) are blanked out first, keeping offsets, so their brackets do not cut
    the name off as a clause boundary would; so are sentence adverbs set off by commas
    (`Hunter, meanwhile, told`).
    """
    left = PAREN_ASIDE.sub(lambda m: " " * len(m.group()), left)
    left = _ADVERB_ASIDE.sub(lambda m: " " * len(m.group()), left)
    tokens = list(WORD.finditer(left))
    while (
        tokens
        and (tokens[-1].group() in AUX or is_adverb(tokens[-1].group()))
        and "," not in left[tokens[-1].end() :]
    ):
        tokens.pop()  # not past a comma: `X, who spoke ... candidly, said` keeps its aside
    if tokens and "," not in left[tokens[-1].end() :]:
        _drop_time(tokens)  # not past a comma: `X, opening the museum on Saturday, said`
    _drop_infinitive_lead(tokens)
    if not tokens:
        return None
    if tokens[-1].group().lower() == "who":
        return _antecedent(left, tokens[-1].start(), offset, cue)
    end = tokens[-1].end()
    if _CLOSING_MARK.match(left[end:]):
        return None  # `to promote “Celebrity Apprentice,” note that`: a quoted title
    segment_start = max(_segment_start(left, end), floor)
    np = left[segment_start:end].strip()
    role = None
    named = _name_before_apposition(left, end)
    if named:
        segment_start, name_end, role = named
        np = left[segment_start:name_end].strip()
    elif not np and left[:end].rstrip().endswith(","):
        parts = left[:end].rstrip().rstrip(",").rsplit(",", 2)
        if len(parts) >= 2 and _apposition(parts[-1]):
            role = clean_role(parts[-1]) if looks_like_role(parts[-1]) else None
            name_end = len(parts[0]) if len(parts) == 2 else len(parts[0]) + 1 + len(parts[1])
            segment_start = _segment_start(left, name_end)
            np = left[segment_start:name_end].strip()
    np = np.strip(" ,—–-()[]")
    np_pos = left.find(np, segment_start)
    np, shift = clean_np(np)
    office = None if plausible_np(np) else office_then_name(np)
    if office:  # `Adviser to the Head of the ... Office Ana Vell`: the name, with its office
        np, shift, role = office.name, shift + office.shift, role or office.office
    np, shift = _after_leading_phrase(*_role_and_name(np, shift))
    np, shift = whole_speaker(np, shift) or (np, shift)
    if np.lower() in PARTICIPLE_AUXILIARIES:
        return None  # `Having said that, ...`
    if not np or not (plausible_np(np) or _whole_plural(np, cue)):
        return None
    return Subject(np, offset + np_pos + shift, cue, role)


def _whole_plural(np: str, cue: str) -> bool:
    """`Other analysts said`: a plural noun with capitalised modifiers speaks as a whole, but
    only through a reporting verb (`Harbor targets included ...` reports nothing)."""
    return modified_head(np.split()) == 0 and cue.lower() in VERBS


_LEADING_PREPOSITIONS = frozenset(split_words("in at on during after before from with over at by"))


def _after_leading_phrase(np: str, shift: int) -> tuple[str, int]:
    """`In a Courier interview Reed declared`: a prepositional phrase that opens the clause
    without a comma is no part of the subject; the name after the phrase's noun is, or the
    pronoun that ends it (`At the rally on Friday she said`)."""
    words = np.split()
    if plausible_np(np) or len(words) < 3 or words[0].lower() not in _LEADING_PREPOSITIONS:
        return np, shift
    if words[-1].lower() in PRONOUNS:  # `At the town hall this week she said`
        return words[-1], shift + np.rindex(" ") + 1
    name: list[str] = []
    for w in reversed(words[1:]):
        if not CAP.match(w):
            break
        name.insert(0, w)
    head = words[-len(name) - 1] if name else ""
    if not name or not head.islower() or head in FUNCTION_WORDS | _LEADING_PREPOSITIONS:
        return np, shift  # `at a rally in Washington`: the name is the place, not a subject
    kept = " ".join(name)
    return kept, shift + np.rindex(kept)


def _role_and_name(np: str, shift: int) -> tuple[str, int]:
    """`DoubleLine Capital portfolio manager Mia Salo`: when a long descriptor is no speaker
    phrase as a whole, its role noun and the name after it are."""
    words = np.split()
    if plausible_np(np) or len(words) < 4:
        return np, shift
    for i in range(len(words) - 3, 0, -1):
        name = words[i + 1 :]
        if words[i] in ROLE_WORDS and len(name) >= 2 and all(CAP.match(w) for w in name):
            return " ".join(words[i:]), shift + len(" ".join(words[:i])) + 1
    return np, shift


def _drop_time(tokens: list[re.Match[str]]) -> None:
    """`who Beck on Wednesday called`: a time phrase between subject and verb is not part of
    the subject. Only weekdays and `last/this/next/on/in` + time word count, so a name such as
    `Ana May` keeps its last word, and so does a poll share (`About four in 10 said`)."""
    if len(tokens) < 2 or not is_time(tokens[-1].group()):
        return
    if share_phrase(" ".join(t.group() for t in tokens[-3:])):
        return
    lead = tokens[-2].group().lower()
    if lead in ("last", "this", "next", "on", "in"):
        del tokens[-2:]
    elif tokens[-1].group().lower() in WEEKDAYS:
        tokens.pop()


def _drop_infinitive_lead(tokens: list[re.Match[str]]) -> None:
    """`The email goes on to say`, `Reed declined to say`: the subject precedes `VERB (on) to`;
    so it does `had (this, a lot) to say` (`A report had this to say:`)."""
    if len(tokens) < 3 or tokens[-1].group() != "to":
        return
    tokens.pop()
    have = [
        i for i in range(max(0, len(tokens) - 3), len(tokens)) if tokens[i].group() in HAVE_FORMS
    ]
    if have and have[-1] > 0:
        del tokens[have[-1] :]
        return
    if tokens[-1].group() in ("on", "up", "out", "back"):
        tokens.pop()
    if tokens and tokens[-1].group().islower() and len(tokens) > 1:
        tokens.pop()


# A row of appositions between a name and `who`: a described role (`, the group's
# strategist`), an age (`, 24`) or where the person is from (`, from Manchester`, `, of
# Harbor Group`); the name before them is the antecedent, never the place.
_APPOSITION = (
    rf"(?:{alternation(ARTICLES)}\s[^,;:“”\"]{{1,60}}|\d{{1,3}}"
    rf"|{alternation(APPOSITION_PREPOSITIONS)}\s+[A-Z][^,;:“”\"]{{0,40}})"
)
_ANTECEDENT = re.compile(
    r"(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})"
    rf"(?:,\s+{_APPOSITION}){{0,3}},\s*$"
)


def _antecedent(left: str, who: int, offset: int, cue: str) -> Subject | None:
    """`Reed, who has called the pact "insanity,"`: the speaker is the name before `who`, also
    past an apposition (`said Reed, the group's strategist, who added`)."""
    m = _ANTECEDENT.search(left, 0, who)
    if not m or not plausible_np(m.group("name")):
        return None
    return Subject(m.group("name"), offset + m.start("name"), cue, None)


PAREN_ASIDE = re.compile(r"\([^()“”\"]{0,40}\)")


_ADVERB_ASIDE = re.compile(rf",\s*{alternation(COMMA_ADVERBS)},\s*$")


def _name_before_apposition(
    left: str, end: int, stacked: bool = False
) -> tuple[int, int, str | None] | None:
    """`Ben Vint, a former HP vice president, said` / `Reed, who spoke for an hour, said`: the
    name before the apposition, its role when it names one; a second apposition (`Ana Vell, the
    minister of Norland, a member of the Harbour Board, said`) is read back once (`stacked`)."""
    if not left[end:].lstrip().startswith(","):
        return None
    comma = left.rfind(",", 0, end)
    while comma > 0 and _apposition_comma(left, comma):
        comma = left.rfind(",", 0, comma)
    if comma <= 0:
        return None
    app = left[comma + 1 : end].strip()
    first = app.split(" ", 1)[0].lower()
    aside = first in _ASIDE_OPENERS or first.endswith("ing")  # `writing for the majority`
    if not (_apposition(app) or aside) or len(app.split()) > 14:
        return None
    name_end = len(left[:comma].rstrip())
    start = _segment_start(left, name_end)
    apposed = apposed_name(left[start:name_end].strip(), left[comma + 1 : end])
    if apposed:  # `The Bishop of Kirkby, the Rt Rev Tom Vell, said`: the name is the speaker
        name_start = comma + 1 + apposed.shift
        return name_start, name_start + len(apposed.name), apposed.office
    name = clean_np(left[start:name_end].strip())[0]  # `But Sen. Nyberg, noting ..., said`
    named = ends_in_full_name(name, left[:start])
    if name and not (CAP.match(name.split()[0]) or named):
        stack = not stacked and _apposition(name)
        return _name_before_apposition(left, name_end, stacked=True) if stack else None
    if not name or not plausible_np(name):
        return None
    role = clean_role(app) if looks_like_role(app) and first not in ("who", "which") else None
    return start, name_end, role


# `Vell, during a town hall in Columbus, Ohio, said`: an aside between subject and verb.
_ASIDE_OPENERS = frozenset(split_words("a an the during in at on asked after while when"))


def _apposition(part: str) -> bool:
    """`X, the Westland spokesman, said`, `X, who was an adviser, said`, `X, 49, said`."""
    stripped = part.strip()
    return (
        looks_like_role(stripped)
        or stripped.isdigit()
        or stripped.split(" ", 1)[0].lower() in ("who", "which")
    )


_SEGMENT_BREAK = re.compile(r"[,;:()“”\"—–]|\s--?\s|\b" + alternation(BOUNDARY_WORDS) + r"\b")


def _segment_start(left: str, end: int) -> int:
    """Start of the clause the subject phrase sits in: after punctuation or a boundary word."""
    start = 0
    for m in _SEGMENT_BREAK.finditer(left):
        if m.end() > end:
            break
        if m.group() == "," and _apposition_comma(left, m.start()):
            continue
        if m.group() in CONJUNCTIONS and _office_and(left, m.start(), m.end()):
            continue
        start = m.end()
    for m in _SENTENCE_END.finditer(left[:end]):
        prev = left[max(0, m.start() - 4) : m.start()].split()[-1:] or [""]
        if prev[0].lower().strip(".") not in ABBREVIATIONS and len(prev[0]) > 1:
            start = max(start, m.end())
    return start


def _office_and(left: str, start: int, end: int) -> bool:
    """The `and` of `Secretary of the National Security and Defense Council` (see
    `officename.and_inside_office`) or of `chairman and chief executive Ivo Marsh`
    (`titles.and_joins_titles`): inside one person's phrase, so it ends no clause."""
    after = left[end:].split(maxsplit=1)
    before = left[:start].split()
    return bool(after) and (
        and_inside_office(before, after[0]) or and_joins_titles(before, left[end:].split())
    )


def _apposition_comma(left: str, pos: int) -> bool:
    """`Jon Pelk, R-Wis., said`, `Smith, Jr.` and `in Columbus, Ohio,` keep their comma
    inside the phrase."""
    return bool(_PARTY_OR_SUFFIX.match(left[pos:]) or place_comma(left, pos))


_PLACE_BEFORE = re.compile(
    rf"\b{alternation(PLACE_NAME_PREPOSITIONS)}\s+(?:[A-Z][\w.'’\-]*\s+){{0,3}}[A-Z][\w.'’\-]*$"
)


_PLACE_AFTER = re.compile(r",\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2},")


def place_comma(text: str, pos: int) -> bool:
    """The comma of `in Salem, New Hampshire`: a place after a preposition, then its state or
    country, closed by a comma of its own; it separates neither a subject from its apposition
    nor an intro from a subject."""
    return bool(_PLACE_AFTER.match(text, pos) and _PLACE_BEFORE.search(text, 0, pos))
