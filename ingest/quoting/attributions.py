"""Statements whose attribution stands apart from the clause: `According to X, CLAUSE`,
`CLAUSE, X said.`, and an attribution interposed between commas (`There was, she said, "..."`).
"""

from __future__ import annotations

import re

from ingest.quoting.according import ACCORDING, NAME_DOT
from ingest.quoting.bounds import clause_end
from ingest.quoting.chaining import CHAINED_PARTICIPLE
from ingest.quoting.lexicon import (
    AS_SOURCE_VERBS,
    AUX,
    CLAUSE_OPENERS,
    CLAUSE_PREPOSITIONS,
    CLOSERS,
    INTERPOSED_PAST,
    OPENERS,
    THATLESS_VERBS,
    VERBS,
    alternation,
)
from ingest.quoting.lexicon_openers import (
    OPENING_PARTICIPLES,
    OPENING_PHRASE_WORDS,
    OPENING_PREPOSITIONS,
    TIME_ANCHORS,
    TIME_PHRASE_WORDS,
)
from ingest.quoting.lexicon_speakers import MODALS
from ingest.quoting.model import Findings, Statement, Subject
from ingest.quoting.subjects import ALPHA
from ingest.quoting.subjects_after import phrase_after, unlisted_verb

_COMMA_MARK = re.compile(r",[”\"]?")
_LETTERS = re.compile(r"[A-Za-z]+")

# `There was, she said, "an implicit bargain."`: a short attribution set off by commas
# inside the sentence, before words that continue it in lower case.
_INTERPOSED = re.compile(r",\s+(?P<attr>[^,;:“”\"]{3,60}?)(?:,\s+|\s+(?=[“\"]))(?=[“\"]?[a-z])")


def interposed(
    sentence: str, offset: int, doc: Findings, verb_first: bool = False
) -> Statement | None:
    """`Particularly in poorer states, he said, "we don't know ..." on how many jobs ...`:
    an attribution interposed in a sentence, with the words on both sides in one clause,
    reports the whole sentence, not just the quote or the words after it. The verb may come
    first (`Any fair reading, said Ola Tamm, a lawyer, would find it "flawed"`): the speaker
    is the name after it, never the clause's first word ("Any" had been the speaker).
    `verb_first` reads that form only, the verb-last form otherwise (the verb-first form is
    tried before `CLAUSE, X said`, which took the words after the name's apposition, "an
    expert on Norland, would read ...", for a clause of its own)."""
    comma = sentence.find(",")
    m = _INTERPOSED.match(sentence, comma) if comma > 0 else None
    head = sentence[:comma].split() if m else []
    if not m or not 0 < len(head) <= 12 or head[0].lower() in CLAUSE_OPENERS:
        return None
    words = m.group("attr").split()
    verb = words[0] if verb_first else words[-1]
    if verb_first and not _subject_goes_on(sentence, m.end()):
        return None  # "The plan is dead, said Tom Reed, a senator, in a statement."
    if (
        len(words) > 6
        or verb not in VERBS
        or not (verb.endswith(("ed", "s")) or verb in INTERPOSED_PAST)
    ):
        return None
    if _quote_attributed(sentence, offset, doc, m.start()) or words[0].lower() in CLAUSE_OPENERS:
        return None
    found = phrase_after(m.group("attr"), offset + m.start("attr"))
    if not found:
        return None
    start = offset + len(sentence) - len(sentence.lstrip())
    end = clause_end(doc, start, offset + len(sentence.rstrip().rstrip(".!?…").rstrip()))
    return Statement.of(start, end, found, "interposed_verb_first" if verb_first else "interposed")


# The first word after the speaker, and the first after the speaker's apposition.
_SUBJECT_VERB = re.compile(r"(?P<word>[a-z]+)\b")


def _subject_goes_on(sentence: str, pos: int) -> bool:
    """After the speaker at `pos` ("is a failure") or their apposition ("an expert on
    Norland, would read ..."), the sentence goes on with the subject's verb: an auxiliary, a
    modal or a listed verb."""
    for match in (_SUBJECT_VERB.match(sentence, pos), _AFTER_APPOSITION.match(sentence, pos)):
        if match and match.group("word") in AUX | MODALS | VERBS:
            return True
    return False


_AFTER_APPOSITION = re.compile(r"[^,;:]*,\s+(?P<word>[a-z]+)\b")


def _quote_attributed(sentence: str, offset: int, doc: Findings, comma: int) -> bool:
    """A quotation opened before the attribution's `comma` that is still open there or closes
    right before it (`"We will win," he said, ...`): the attribution is the quotation's. A
    quoted word inside the subject (`Any "cleareyed" reading of it, said Ola Tamm, ...`)
    closes well before and leaves the sentence to `interposed`."""
    if not any(ch in OPENERS for ch in sentence[:comma]):
        return False
    at = offset + comma
    pieces = [p for p in doc.pieces if offset <= p.open_pos < at]
    if not pieces:
        return True  # a mark no piece was found for: as before, not this rule's
    return any(p.close_pos is None or p.close_pos >= at - _CLOSE_BEFORE_COMMA for p in pieces)


# How far before an attribution's comma a quotation may close and still be the one it
# attributes (`,"` and `",`).
_CLOSE_BEFORE_COMMA = 2


def inverted(doc: Findings, statement: Statement) -> bool:
    """`..., said X`: the cue stands between the statement and its speaker."""
    cue, end = statement.cue, statement.end
    return cue != "according to" and doc.text.find(cue, end, max(end, statement.np_pos)) != -1


_LEADING_ACCORDING = re.compile(
    rf"\s*(?:(?P<cue>According to) (?P<np>(?:[^,.;:“”\"]|{NAME_DOT}){{2,80}})"
    rf"|As (?P<as_np>[A-Za-z](?:[^,.;:“”\"]|{NAME_DOT}){{1,60}}?) (?:[a-z]+ly |first )?"
    rf"(?P<as_cue>{alternation(AS_SOURCE_VERBS)}|puts? it|told [^,.;:“”\"]{{2,40}}?)),"
    r"\s+(?=\S)"
)


def leading_according(sentence: str, offset: int, doc: Findings) -> Statement | None:
    """`According to X, CLAUSE.`; `As the Courier reported, CLAUSE.` names its source the same
    way, so the speaker is X and not a name inside the clause."""
    m = _LEADING_ACCORDING.match(sentence)
    if not m or doc.inside_piece(offset + m.end()):
        return None
    end = clause_end(doc, offset + m.end(), offset + len(sentence.rstrip().rstrip(".!?…")))
    group = "np" if m.group("np") else "as_np"
    cue = "according to" if m.group("cue") else m.group("as_cue").split()[0]
    subject = Subject(m.group(group).strip(), offset + m.start(group), cue)
    return Statement.of(offset + m.end(), end, subject, "leading_according")


def trailing_attribution(sentence: str, offset: int, doc: Findings) -> Statement | None:
    """`CLAUSE, according to X.` / `CLAUSE, X said.` / `CLAUSE, said X, who ...`."""
    commas = [m.end() - 1 for m in _COMMA_MARK.finditer(sentence)]
    for comma in reversed(commas[-3:]):
        tail = _attribution_tail(sentence, comma)
        if tail is None or _opening_phrase(sentence[:comma]):
            continue  # `In a statement, Ana Vell said it was ...`: no clause before the comma
        if any(ch in OPENERS for ch in tail):
            return None  # `X, the mayor, said: "..."`: the quote is the statement
        acc = ACCORDING.match(tail.lstrip())
        if acc:
            lead = len(tail) - len(tail.lstrip())
            at = offset + comma + 1 + lead + acc.start("np")
            found: Subject | None = Subject(acc.group("np").strip(), at, "according to")
        else:
            at = offset + comma + 1
            found = phrase_after(tail, at) or unlisted_verb(tail, at, sentence[comma] in CLOSERS)
        if not found or _infinitive_cue(tail, offset + comma + 1, found):
            continue
        if _opens_main_clause(tail, offset + comma + 1, found):
            return None
        start = offset + len(sentence) - len(sentence.lstrip())
        if (doc.inside_piece(start + 1) or sentence.lstrip()[:1] in OPENERS) and not (
            _runs_on_after_quote(doc, start, offset + comma)
        ):
            return None
        closed = sentence[comma] in CLOSERS  # keep the quote's closing mark with its words
        end = offset + (comma + 1 if closed else len(sentence[:comma].rstrip()))
        return Statement.of(start, end, found, "trailing_attribution")
    return None


def _infinitive_cue(tail: str, tail_start: int, found: Subject) -> bool:
    """`..., prompting research firm Point Topic to declare it ...`: a cue after `to` is what
    the clause led someone to do, not an attribution of the clause; it made "prompting
    research firm Point Topic" the speaker of the writer's own sentence."""
    at = tail.find(found.cue, max(found.pos - tail_start + len(found.np), 0))
    return at > 0 and tail[:at].split()[-1:] == ["to"]


# `..., Ben Kell, told the Courier that ...`: more words than this after the verb of a name
# set off by commas make the verb the sentence's own, not a closing attribution.
_CLOSING_WORDS = 4


def _opens_main_clause(tail: str, tail_start: int, found: Subject) -> bool:
    """`Tom Reed's press secretary, Ana Vell, told the Courier that the pier is safe.`: a name
    between commas right before its verb, with a clause after the verb, is the sentence's
    subject and the office before it an apposition, so the words before the first comma are
    no statement (the reported clause is: `reporting_verb`). A name with its own apposition
    (`, Ana Vell, the mayor, said in ...`) or a verb followed by a prepositional phrase
    (`, Ana Vell, said in a long interview on Monday`) still closes the clause before it, as
    does a verb with an object and no clause (`, Ana Vell, called him a master at deals`): a
    quotation after it continues her words."""
    np_end = found.pos - tail_start + len(found.np)
    at = tail.find(found.cue, max(np_end, 0))
    if at < 0 or tail[np_end:at].strip() != ",":
        return False
    words = _LETTERS.findall(tail[at + len(found.cue) :])
    if "that" in words:
        return True
    clause = found.cue.lower() in THATLESS_VERBS  # `told the Courier she backs the plan`
    return clause and len(words) > _CLOSING_WORDS and words[0].lower() not in CLAUSE_PREPOSITIONS


def _runs_on_after_quote(doc: Findings, start: int, comma: int) -> bool:
    """`"Boots on the ground" would be appropriate, Brandt said.`: a quotation opening the
    sentence that closes before the clause does (two words or more before the attribution's
    comma, in lower case and with no reporting verb of their own) is only part of what the
    attribution reports; the clause is the statement."""
    piece = next((p for p in doc.pieces if p.open_pos == start), None)
    if piece is None or piece.close_pos is None or piece.close_pos >= comma:
        return False
    words = _LETTERS.findall(doc.text[piece.close_pos + 1 : comma])
    return len(words) >= 2 and words[0].islower() and VERBS.isdisjoint(words)


def opening_subjects(doc: Findings) -> list[Subject]:
    """`In an interview, Deacon had nothing bad to say. "...," she said.`: the subject after
    an opening phrase (`_opening_phrase`) reports nothing, but a pronoun after it points back
    to it, so it is kept as a mention for the resolver (`Findings.subjects`)."""
    found: list[Subject] = []
    for start, end in doc.sentences:
        sentence = doc.text[start:end]
        comma = sentence.find(",")
        if comma < 0 or doc.inside_piece(start) or not _opening_phrase(sentence[:comma]):
            continue
        tail = _attribution_tail(sentence, comma)  # where `trailing_attribution` would look
        if tail is None or any(ch in OPENERS for ch in tail):
            continue
        subject = phrase_after(tail, start + comma + 1) or unlisted_verb(tail, start + comma + 1)
        if subject:
            found.append(subject)
    return found


def _attribution_tail(sentence: str, comma: int) -> str | None:
    """The words after a comma that may attribute the clause before it: short, with a verb
    that may report, not a participle's own statement (`, X said, adding that ...`), after
    a clause of three words or more."""
    tail = sentence[comma + 1 :]
    chained = CHAINED_PARTICIPLE.search(tail)
    if chained and chained.start() == 0:
        return None
    tail = (tail[: chained.start()] if chained else tail).rstrip().rstrip(".!?…")
    words = tail.split()
    if len(words) > 20 or len(sentence[:comma].split()) < 3 or not _may_attribute(words):
        return None
    return tail


def _opening_phrase(clause: str) -> bool:
    """`At the same time`, `For his part`, `Speaking on Westland Radio on Tuesday`: a short phrase
    that opens with a preposition or a participle and holds no auxiliary is set before the
    sentence's subject, so the words after its comma are the sentence, not an attribution of
    the phrase. A gerund subject keeps its verb (`Charging for it has not been ruled out`).
    A time phrase (`Earlier this month`, `Two years ago`) is one too, whatever its first word."""
    words = _LETTERS.findall(clause)
    if not words or len(words) > OPENING_PHRASE_WORDS or "," in clause:
        return False
    lowered = {w.lower() for w in words}
    if lowered <= TIME_PHRASE_WORDS and not lowered.isdisjoint(TIME_ANCHORS):
        return True
    first = words[0].lower()
    if first not in OPENING_PREPOSITIONS and first not in OPENING_PARTICIPLES:
        return False
    return AUX.isdisjoint(w.lower() for w in words)


def _may_attribute(words: list[str]) -> bool:
    """Cheap test before parsing a tail: it needs `according`, a listed verb or a past tense."""
    head = " ".join(words[:15])
    return bool(_PAST_OR_ACCORDING.search(head)) or not VERBS.isdisjoint(
        ALPHA.findall(head.lower())
    )


_PAST_OR_ACCORDING = re.compile(r"ed\b|\baccording\b")
