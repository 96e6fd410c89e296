"""Where a reported statement ends (and, for `what X calls "..."`, starts): the clause end,
and the trims that cut the writer's own words off its end, applied in the order of
`END_TRIMS`."""

from __future__ import annotations

import re

from ingest.quoting.cues import finite_verb
from ingest.quoting.lexicon import (
    CLAUSE_MARKERS,
    CLOSERS,
    COMMENT_LINKS,
    CONJUNCTIONS,
    CONTRAST_LINKS,
    COORDINATION_ADVERBS,
    DASH_CONJUNCTIONS,
    INDEFINITE_ARTICLES,
    IRREGULAR_PAST,
    LEAD_LINKS,
    MEDIUM_DETERMINERS,
    MEDIUM_NOUNS,
    MEDIUM_PREPOSITIONS,
    SEQUENCE_ADVERBS,
    SPEECH_ACT_NOUNS,
    SUBJECT_PRONOUNS,
    THAT_INSIDE,
    TIME_LINKS,
    VERBS,
    WEEKDAY_NAMES,
    alternation,
    split_words,
)
from ingest.quoting.model import Cue, Findings
from ingest.quoting.table import Rule
from ingest.text import Span

# `..., a swipe at his rivals`, `, an acknowledgment that ...`: an apposition naming the act
_SUMMARY = re.compile(
    rf",[”\"]?\s+{alternation(INDEFINITE_ARTICLES)}\s+(?:[a-z\-]+\s+){{0,2}}?"
    rf"{alternation(SPEECH_ACT_NOUNS)}\b"
)


def before_summary(doc: Findings, start: int, end: int) -> int:
    """`Quell said the heckler would "not get beat up," a swipe at Reed's rallies`: an
    apposition after the clause that names the speech act itself (a swipe, a charge, an
    acknowledgment) is the writer's comment on the statement, not part of it."""
    for m in _SUMMARY.finditer(doc.text, start, end):
        cut = m.start() + (2 if doc.text[m.start() + 1] in CLOSERS else 0)
        if not doc.inside_piece(cut):  # the comma may stand inside the closing mark
            return cut
    return end


_DASH_CLAUSE = re.compile(rf"[”\"]?\s+(?:-{{1,2}}|—|–)\s+{alternation(DASH_CONJUNCTIONS)}\b")


_DASH = re.compile(r"\s(?:-{1,2}|—|–)\s")


def before_dash_clause(doc: Findings, start: int, end: int) -> int:
    """`Reed implied it was her fault for "grabbing" at him - although the photo showed ...`:
    a dash followed by a conjunction opens a clause of the writer's own, unless it closes a
    dash pair around an aside (`he doesn't have small hands - as Quell has said - and ...`)."""
    for m in _DASH_CLAUSE.finditer(doc.text, start, end):
        closes_aside = len(_DASH.findall(doc.text, start, m.start())) % 2  # `- as X said - and`
        if not doc.inside_piece(m.start()) and not closes_aside:
            return m.start() + (1 if doc.text[m.start()] in CLOSERS else 0)
    return end


def before_lone_dash(doc: Findings, start: int, end: int) -> int:
    """`Lind said he was "encouraged" by the plan — a modest boost for Tamm`: after the
    statement's last quotation, a dash that no second dash closes (no aside `- as X said -`)
    opens the writer's comment on what was said."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    dashes = [m for m in _DASH.finditer(doc.text, pieces[-1].close_pos, end)]
    if len(dashes) != 1 or doc.inside_piece(dashes[0].start()):
        return end
    return dashes[0].start()


_NEW_SUBJECT_AFTER_COMMA = re.compile(
    r",\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)?\s+[a-z]+(?:ed|s)\b"
)


def before_new_subject(doc: Findings, start: int, end: int) -> int:
    """`... why those "common-sense solutions" had not passed, Vell described a rigged
    system`: after the last quotation, a comma, a name and a verb start the writer's own
    sentence about someone."""
    return _cut_after_last_quote(doc, start, end, _NEW_SUBJECT_AFTER_COMMA)


# `, who won the primary`: a relative clause about a person the statement names.
_PERSON_RELATIVES = frozenset(split_words("who"))
_RELATIVE_ASIDE = re.compile(rf"[”\"]?,[”\"]?\s+{alternation(_PERSON_RELATIVES)}\s[^,]*$")


def before_relative_aside(doc: Findings, start: int, end: int) -> int:
    """`Vale said he "can beat" billionaire Tom Reed, who won the primary`: after the last
    quotation, `, who` and a clause that runs to the end is the writer's note on a person,
    not the speaker's words; one that a second comma closes sits inside the clause
    (`that Pagliano, who invoked the Fifth, is now cooperating`)."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    m = _RELATIVE_ASIDE.search(doc.text, pieces[-1].close_pos, end)
    if not m or doc.inside_piece(m.start()):
        return end
    return m.start() + (1 if doc.text[m.start()] in CLOSERS else 0)


def before_semicolon(doc: Findings, start: int, end: int) -> int:
    """`I remember feeling that my vote should "mean" something; I did not want ...`: after
    the statement's last quotation, a semicolon ends the clause that was reported."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    cut = doc.text.find(";", pieces[-1].close_pos, end)
    return end if cut < 0 or doc.inside_piece(cut) else cut


def clause_end(doc: Findings, start: int, end: int, reported_clause: bool = False) -> int:
    """A clause ends with its sentence, unless a quotation opened in it runs on further, or a
    long tail follows its last quotation (`the loophole called an "inversion," in which ...`).

    A reported clause (`that ...`, or one with no `that`) is a sentence of its own: a comma
    after its quotation does not end it (`the mayor told the council that the repairs were
    "long overdue," given how long the bridge had been shut`); a semicolon, a dash, a new
    subject or the speaker's next act still does."""
    inside = [p for p in doc.pieces if start <= p.open_pos < end]
    for piece in inside:
        if piece.end > end:
            stop = piece.end
            while stop > start and doc.text[stop - 1] in ".!?…,;: ":
                stop -= 1
            return stop
    if inside and inside[-1].close_pos is not None:
        close = inside[-1].close_pos + 1
        tail = doc.text[close:end]
        last, rest = doc.text[close - 2], tail.lstrip()
        if len(tail.split()) >= 4 and _clause_break(last, rest, reported_clause):
            return close
        if _next_act(tail.lstrip()) and _no_clause_before(doc.text, start, inside[0].open_pos):
            return close
    return end


_CLAUSE_VERB = re.compile(rf"\b(?:{alternation(CLAUSE_MARKERS)}|\w+ed)\b")


def _no_clause_before(text: str, start: int, quote: int) -> bool:
    """No verb before the quote and no `that` before the statement: it is the object of the
    reporting verb (`decried the "systemic racism"`), not a reported clause of its own."""
    return not _CLAUSE_VERB.search(text, max(0, start - 5), quote)


def _clause_break(last: str, tail: str, reported_clause: bool) -> bool:
    """After a quote, a comma (also one just inside the closing mark: `“that crap,” in an
    interview`), a semicolon, a dash or a bracket ends the quoted object; a reported clause
    runs on past a comma (`clause_end`) unless a capital follows it (`"...," The inquiry
    will`: a sentence whose full stop is missing, or an attribution)."""
    comma = (last == "," or tail[:1] == ",") and (not reported_clause or tail[:1].isupper())
    return (
        comma
        or tail[:1] in ";—–("
        or tail.startswith(("- ", "--"))
        or bool(_NEW_CLAUSE.match(tail))
    )


_AND_VERB = re.compile(
    rf"{alternation(CONJUNCTIONS)}\s+(?:(?:{alternation(SEQUENCE_ADVERBS)}|[a-z]+ly)\s+)?"
    r"(?P<verb>[a-z]+)\b"
)


def _next_act(tail: str) -> bool:
    """`decried the "systemic racism" and highlighted her plans`: a finite verb coordinated
    after a quoted object is the subject's next act, not part of what was reported (a listed
    reporting verb there starts a chained statement instead: `... but argues that ...`)."""
    m = _AND_VERB.match(tail)
    verb = m.group("verb") if m else ""
    return finite_verb(verb) and not verb.endswith("ing") and verb not in VERBS


# `..."nice guy" and he didn't ...`, `... but he gave`: a conjunction and a subject pronoun
# start a sentence of the narrator's own; so do `before floating the idea`, `when asked` and
# `while Reed refers ...` (a subordinate clause of its own after the quote).
_NEW_CLAUSE = re.compile(
    rf"(?:{alternation(LEAD_LINKS)}\s+{alternation(SUBJECT_PRONOUNS)}\s"
    rf"|{alternation(TIME_LINKS)}\s+(?:[a-z]+ing|[a-z]+ed)\s"
    rf"|{alternation(CONTRAST_LINKS)}\s+[A-Z])"
)


_MEDIUM = re.compile(
    rf"\s+(?:{alternation(MEDIUM_PREPOSITIONS)}\s+{alternation(MEDIUM_DETERMINERS)}\s+"
    rf"(?:[\w’'\-]+\s+){{0,2}}?{alternation(MEDIUM_NOUNS)}s?"
    rf"|(?:on\s+)?{alternation(WEEKDAY_NAMES)})\b"
)


def before_medium(doc: Findings, start: int, end: int) -> int:
    """`Vale called the KKK "abhorrent" in a tweet Sunday`, `said the vote was "rigged" in an
    interview on Tuesday`: right after the last quotation of a statement, the medium or day
    it was said in tells where the words appeared, not what was said."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    close = pieces[-1].close_pos + 1
    return close if close < end and _MEDIUM.match(doc.text, close) else end


_COMMENT = re.compile(rf"[”\"]?,[”\"]?\s+{alternation(COMMENT_LINKS)}\s")
_CONTRAST = re.compile(rf"[”\"]?,?\s{alternation(CONTRAST_LINKS)}\s+[A-Z]")


def _cut_after_last_quote(doc: Findings, start: int, end: int, pattern: re.Pattern[str]) -> int:
    """Where `pattern` first matches outside quotation marks after the statement's last
    quotation (keeping a closing mark it starts with), or `end`."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    for m in pattern.finditer(doc.text, pieces[-1].close_pos, end):
        if not doc.inside_piece(m.start()):
            return m.start() + (1 if doc.text[m.start()] in CLOSERS else 0)
    return end


def before_comment(doc: Findings, start: int, end: int) -> int:
    """`Reed later said he was "sarcastic" in his comments, which raised concerns`: after a
    statement's last quotation, a comma and `which` or `as` open the writer's comment on
    what was said (or on who else said it), not the speaker's words."""
    return _cut_after_last_quote(doc, start, end, _COMMENT)


def before_contrast(doc: Findings, start: int, end: int) -> int:
    """`Vell accuses Lind of an "artful smear" on her links while Lind suggests ...`:
    after the last quotation, `while` or `whereas` and a name open a clause about someone
    else (right after the mark this is `_NEW_CLAUSE`; here it may come a few words later)."""
    return _cut_after_last_quote(doc, start, end, _CONTRAST)


COORDINATED_VERB = re.compile(
    rf"\s{alternation(CONJUNCTIONS)}\s+(?:(?:{alternation(COORDINATION_ADVERBS)}|[a-z]+ly)\s+)?"
    r"(?P<verb>[a-z]+)\b"
)


def coordinated_end(doc: Findings, start: int, end: int, verb: str) -> int:
    """`Cross called the race "a citizenship election" and likened it to ...`: after a
    verb's quoted object, `and`/`but` and a second verb in the same form as the first
    (`called ... and ranked`, `calling ... and threatening`) is the subject's next action,
    not the speaker's words (a listed reporting verb there starts a chained statement). An
    object with a finite verb of its own is a clause, whose verbs may share its subject
    (`warned the plan was "foolish" and needed work`)."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end]
    if not pieces or pieces[0].close_pos is None:
        return end
    if not THAT_INSIDE.isdisjoint(doc.text[start : pieces[0].open_pos].lower().split()):
        return end
    for m in COORDINATED_VERB.finditer(doc.text, pieces[0].close_pos, end):
        second = m.group("verb")
        if second not in VERBS and not doc.inside_piece(m.start()) and same_form(verb, second):
            return len(doc.text[: m.start()].rstrip(" ,—–-"))
    return end


_WHAT_FRAME = re.compile(r"\b[Ww]hat(?:['’]s)?\s+(?:[\w'’.\-]+\s+){0,4}$")


_LINK_WORDS = frozenset(
    split_words("""and but or nor in on at for which who with when while as because to from
    by during after before since than until if so""")
)


_NP_STOP = THAT_INSIDE | _LINK_WORDS


_LOWER_WORD = re.compile(r"\s+([a-z][\w\-]*)\b")


def what_frame(doc: Findings, sentence: str, offset: int, cue: Cue, end: int) -> Span | None:
    """`Vale railed against what he calls the “Washington cartel” and cast himself ...`: a
    name framed by `what X calls` is a noun phrase of the writer's sentence, so the statement
    is that phrase, from `what` to the end of the quoted name and the nouns right after it
    (`what her team calls her “breaking barriers” agenda`), not the rest of the sentence."""
    frame = _WHAT_FRAME.search(sentence, 0, cue.verb_start)
    verb_end = offset + cue.verb_start + len(cue.verb)
    pieces = [p for p in doc.pieces if verb_end < p.open_pos < end]
    if not frame or not pieces or pieces[0].close_pos is None:
        return None
    speaker = frame.group().lower().split()[1:]  # `what happened when X called`: no frame
    if len(doc.text[verb_end : pieces[0].open_pos].split()) > 3 or set(speaker) & _LINK_WORDS:
        return None
    stop = pieces[0].close_pos + 1
    while word := _LOWER_WORD.match(doc.text, stop, end):
        low = word.group(1)
        if low in _NP_STOP or low.endswith("ed") or low in IRREGULAR_PAST:
            break
        stop = word.end()
    return offset + frame.start(), stop


def same_form(verb: str, other: str) -> bool:
    """Past with past, `-ing` with `-ing`, present `-s` with present `-s`."""
    if verb.endswith("ing"):
        return other.endswith("ing")
    if verb.endswith("ed") or verb in IRREGULAR_PAST:
        return other.endswith("ed") or other in IRREGULAR_PAST
    present = other.endswith("s") and not other.endswith(("ss", "us", "is"))
    return verb.endswith("s") and present


# Trims of a reported statement's end, in order: each cuts the writer's own words that follow
# what was said. Each is `(findings, start, end) -> end`.
END_TRIMS = (
    Rule("speech_act_apposition", before_summary),
    Rule("dash_clause", before_dash_clause),
    Rule("medium_or_day", before_medium),
    Rule("writer_comment", before_comment),
    Rule("contrast_clause", before_contrast),
    Rule("lone_dash", before_lone_dash),
    Rule("semicolon", before_semicolon),
    Rule("new_subject_after_comma", before_new_subject),
    Rule("relative_aside", before_relative_aside),
)


def trimmed_end(doc: Findings, start: int, end: int) -> int:
    """The statement's end after every trim of `END_TRIMS`, applied in order."""
    for trim in END_TRIMS:
        end = trim.find(doc, start, end)
    return end
