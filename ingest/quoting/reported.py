"""Reported speech: `X said (that) CLAUSE`, `CLAUSE, X said.`, `According to X, CLAUSE`, and a
reporting verb whose object holds a partial quote (`X called the plan "foolish"`).

One statement per reporting verb of a sentence's speaker: chained verbs (`, adding that`,
`and said`) start statements of their own, as news attributes each separately.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon import AUX, OPENERS, PARTICIPLES, PRONOUNS, VERBS, split_words
from ingest.quoting.model import Doc, Piece
from ingest.quoting.nounphrases import clean_np, is_time, plausible_np
from ingest.quoting.phrases import (
    ACCORDING,
    ALPHA,
    COORDINATED,
    Found,
    absolute_subject,
    clause_after,
    np_from_left,
    phrase_after,
    sentence_subject,
    unlisted_verb,
    verb_tokens,
)

_CLOSERS = frozenset('"”»')


class _Cue(NamedTuple):
    """A reporting verb in a sentence and where the reported clause starts (sentence offsets)."""

    verb_start: int
    verb: str
    clause_start: int
    any_verb: bool = False  # a verb outside the lexicon, tried after every listed one


_THAT_CLAUSE = re.compile(r"\bthat,?\s+(?=\S)")
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:" + "|".join(sorted(AUX)) + r"|\w+ly)\s+)*(?P<verb>[a-z]\w+)(?:\s+that)?\s+(?=\S)"
)
# `X said (that) CLAUSE` without `that`: the clause opens with a subject word, or with a
# subordinator that leads into it (`said because Obama is popular, "he's a good surrogate"`).
_THATLESS = re.compile(
    r"\b(?P<verb>said|says|say|told|tells|tell|added|adds|warned|warns|insisted|insists|argued"
    r"|argues|claimed|claims|noted|notes|suggested|suggests|predicted|predicts|stressed"
    r"|complained|asserted)\b"
    r"(?P<obj>(?:\s+(?:reporters|CNN|journalists|him|her|them|us|me|the\s+(?:crowd|audience)"
    r"|the\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*),?)?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today"
    r"|yesterday))?)"
    r"\s+(?P<clause>(?:he|she|they|it|we|I|there|the|a|an|his|her|their|its|this|these"
    r"|because|if|although|though|unless)\b|[A-Z])"
)


_Statement = tuple[int, int, str, str, int, str | None]  # start, end, np, cue, np_pos, role


def find_indirect(doc: Doc) -> list[_Statement]:
    """Reported statements, one per reporting verb of a sentence's speaker."""
    out: list[_Statement] = []
    text = doc.text
    for s_start, s_end in _joined_sentences(doc):
        sentence = text[s_start:s_end]
        found = _indirect_in(sentence, s_start, doc)
        if not found:
            continue
        out.extend(_split_chained(doc, found))
        chained = _CHAINED_PARTICIPLE.search(sentence, max(found[4] - s_start, 0))
        if found[4] > found[1] and chained:  # `CLAUSE, X said, adding that B`: B is one more
            rest = _indirect_in(sentence[chained.start() :], s_start + chained.start(), doc)
            out.extend(_split_chained(doc, rest) if rest else [])
    return [_innermost(doc, _from_colon_quote(doc, statement)) for statement in out]


def _joined_sentences(doc: Doc) -> list[tuple[int, int]]:
    """`Walking in to chants of "Marco! Marco!," the senator said ...`: a short quote that
    continues a sentence (a word right before its mark) holds no sentence end of its own, so
    a `!` or `?` inside it does not split the sentence."""
    out: list[tuple[int, int]] = []
    for start, end in doc.sentences:
        if out and any(
            p.open_pos < out[-1][1] < p.end
            and p.end <= end
            and len(doc.text[p.start : p.end].split()) <= 8
            and doc.text[max(0, p.open_pos - 20) : p.open_pos].rstrip()[-1:].isalnum()
            for p in doc.pieces
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _innermost(doc: Doc, statement: _Statement) -> _Statement:
    """`Trump says that even though ..., he actually thinks she's done a "serviceable job."`:
    a reported clause that itself reports someone's words nests a second attribution, and
    the quoted words belong to the nearest one, so the statement is the innermost clause
    that still holds every quotation of the outer one."""
    start, end = statement[0], statement[1]
    pieces = [p for p in doc.pieces if start <= p.open_pos < end]
    if not pieces:
        return statement
    inner = _indirect_in(doc.text[start:end], start, doc)
    if (
        not inner
        or inner[3].lower() not in VERBS
        or not start < inner[4] < inner[0] <= pieces[0].open_pos
        or inner[1] < end - 2
        or doc.text[start : inner[4]].split()[-1:] == ["what"]  # `what she calls a "war"`
    ):
        return statement
    return _innermost(doc, inner)


def _from_colon_quote(doc: Doc, statement: _Statement) -> _Statement:
    """`Trump seemed to suggest it: "She signed it," he said.`: when the attribution closes the
    sentence, a quotation that a colon introduces and that runs to the end of the statement is
    what was said; the words before the colon are the writer's framing, so the statement
    starts at the opening mark. (`She said that ...: "..."` keeps its whole clause.)"""
    start, end, np_pos = statement[0], statement[1], statement[4]
    if np_pos < end:
        return statement
    for piece in doc.pieces:
        ends_it = start < piece.open_pos < end and piece.end >= end - 2
        if ends_it and doc.text[start : piece.open_pos].rstrip().endswith(":"):
            return (piece.open_pos, *statement[1:])
    return statement


# `, adding`, `and said`, `while insisting`: a further reporting verb of the same subject.
_CHAINED_CUE = re.compile(
    r"(?:,[”\"]?\s+(?:and\s+|but\s+)?|\s+(?:and|but|while|before|after)\s+)"
    r"(?:(?:then|also|later|again|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
)
_NEW_SUBJECT = re.compile(
    r"(?:,[”\"]?\s+(?:and\s+|but\s+|while\s+|whereas\s+)?|\s+(?:and|but|while|whereas)\s+)"
    r"(?P<np>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2}|he|she|they)\s+"
    r"(?:(?:also|later|then|again)\s+)?"
    r"(?P<verb>said|says|told|tells|added|adds|argued|argues|noted|notes|wrote|writes|claimed"
    r"|claims|insisted|insists|warned|warns)\b"
)
_FINITE_CHAIN = frozenset(split_words("said says told tells wrote writes added adds"))
_THAT_SOON = re.compile(r"(?:[^\s“”\"]+\s+){0,10}?that\s+(?=\S)")


def _split_chained(doc: Doc, statement: _Statement) -> list[_Statement]:
    """`X said A, adding B` / `X said A and said B`: each reporting verb introduces its own
    statement by the same speaker, so A ends before the next verb and B starts after it
    (and after its object and `that`: `telling reporters on Friday that B`). A verb with a
    subject of its own (`X suggested A, while Cruz said that B`) starts B by that speaker."""
    start, end, np, cue, np_pos, role = statement
    text = doc.text
    out: list[_Statement] = []
    chained = [*_CHAINED_CUE.finditer(text, start, end), *_NEW_SUBJECT.finditer(text, start, end)]
    for m in sorted(chained, key=lambda m: m.start()):
        verb = m.group("verb")
        if m.start() < start or _inside_piece(doc, m.start("verb")):
            continue
        if m.re is _CHAINED_CUE and not _chain_verb(verb, m.group()):
            continue
        if m.re is _NEW_SUBJECT and (m.start("np"), verb) == (np_pos, cue):
            continue  # the statement's own interposed attribution
        head = m.start() + (2 if text[m.start() + 1 : m.start() + 2] in _CLOSERS else 0)
        out.append((start, head, np, cue, np_pos, role))
        if m.re is _NEW_SUBJECT:
            np, np_pos, role = m.group("np"), m.start("np"), None
        start = clause_after(text, m.end())
        that = _THAT_SOON.match(text, start, end)
        if that and not any(ch in OPENERS for ch in that.group()):
            start = that.end()
        cue = verb
    out.append((start, end, np, cue, np_pos, role))
    return [s for s in out if s[1] - s[0] >= 8]


def _chain_verb(verb: str, link: str) -> bool:
    """Participles chain after a comma or `while`; finite verbs only after `and`/`but`."""
    if verb not in VERBS:
        return False
    if verb in PARTICIPLES:
        return True
    finite = verb in _FINITE_CHAIN or verb.endswith("ed")
    return finite and bool(re.search(r"\b(?:and|but)\s", link))


def _indirect_in(
    sentence: str, offset: int, doc: Doc
) -> tuple[int, int, str, str, int, str | None] | None:
    """The first `X VERB (that) CLAUSE` whose subject is a plausible speaker phrase."""
    # `Clinton is "the worst," Pence said.`, `Assange was "arbitrarily detained" ..., the
    # group says.`: an attribution closing the sentence names the speaker of the whole
    # clause, not its subject. `X, the mayor, said the city ...` is not one: an inverted
    # `, said X` counts only right after a quote that closes mid-sentence.
    trailing = _trailing_attribution(sentence, offset, doc)
    if trailing and _inverted(doc, trailing) and not re.search(r"[,!?][”\"]\s", sentence):
        leading = _leading_according(sentence, offset, doc)
    else:
        leading = _leading_according(sentence, offset, doc) or trailing
    if leading:
        return leading
    interposed = _interposed(sentence, offset, doc)
    if interposed:
        return interposed
    started_inside = _inside_piece(doc, offset) or _inside_piece(doc, offset + 1)
    candidates = _that_cues(sentence) + [
        _Cue(m.start("verb"), m.group("verb"), m.start("clause"))
        for m in _THATLESS.finditer(sentence)
    ]
    candidates += _partial_quote_objects(sentence, offset, doc)
    for cue in sorted(candidates, key=lambda c: (c.any_verb, c.verb_start, -c.clause_start)):
        start = offset + cue.clause_start
        if _inside_piece(doc, start) or _inside_piece(doc, offset + cue.verb_start):
            continue
        participle = cue.verb.lower() in PARTICIPLES
        if started_inside and not participle and not _RELATIVE.search(sentence, 0, cue.verb_start):
            continue
        if participle:
            subject = None
            if not started_inside:
                subject = (
                    absolute_subject(sentence[: cue.verb_start], offset, cue.verb)
                    or _attribution_before(sentence, cue, offset)
                    or sentence_subject(sentence, offset, cue.verb)
                )
            found = subject or ("", -1, cue.verb, None)
        else:
            found = _subject_of(sentence, cue, offset)
        if not found:
            continue
        end = _clause_end(doc, start, offset + len(sentence.rstrip().rstrip(".!?…").rstrip()))
        if end - start < 8:
            continue
        np, np_pos, cue, role = found
        return start, end, np, cue, np_pos, role
    return trailing


# `"...," said Weaver, who added that ...`: a relative clause after a quote's attribution
# reports a statement of its own, by the antecedent.
_RELATIVE = re.compile(r",\s+who\s+(?:[a-z]+\s+){0,2}$")


# `There was, she said, "an implicit bargain."`: a short attribution set off by commas
# inside the sentence, before words that continue it in lower case.
_INTERPOSED = re.compile(r",\s+(?P<attr>[^,;:“”\"]{3,60}?)(?:,\s+|\s+(?=[“\"]))(?=[“\"]?[a-z])")


def _interposed(sentence: str, offset: int, doc: Doc) -> _Statement | None:
    """`Particularly in poorer states, he said, "we don't know ..." on how many jobs ...`:
    an attribution interposed in a sentence, with the words on both sides in one clause,
    reports the whole sentence, not just the quote or the words after it."""
    comma = sentence.find(",")
    m = _INTERPOSED.match(sentence, comma) if comma > 0 else None
    head = sentence[:comma].split() if m else []
    if not m or not 0 < len(head) <= 12 or head[0].lower() in _SUBORDINATORS:
        return None
    words = m.group("attr").split()
    verb = words[-1]
    if len(words) > 6 or verb not in VERBS or not (verb.endswith(("ed", "s")) or verb in _PAST):
        return None
    if any(ch in OPENERS for ch in sentence[: m.start()]) or words[0].lower() in _SUBORDINATORS:
        return None
    found = phrase_after(m.group("attr"), offset + m.start("attr"))
    if not found:
        return None
    start = offset + len(sentence) - len(sentence.lstrip())
    end = _clause_end(doc, start, offset + len(sentence.rstrip().rstrip(".!?…").rstrip()))
    np, np_pos, cue, role = found
    return start, end, np, cue, np_pos, role


_SUBORDINATORS = frozenset(
    split_words("""who which that and but or while as when where if although though because
    after before since once unless""")
)
_PAST = frozenset(split_words("said told wrote"))


def _subject_of(sentence: str, cue: _Cue, offset: int) -> Found | None:
    """Who speaks through a finite reporting verb: the owner of a reporting noun (`Trump's
    claim that`), the phrase right before the verb, or else the sentence's subject, which a
    long aside can hide from the phrase search (`The Democratic front-runner and former
    secretary of state said ...`, `X, who ..., of Y, said ...`)."""
    left = sentence[: cue.verb_start]
    return (
        _possessor(left, offset, cue.verb)
        or np_from_left(left, offset, cue.verb)
        or _coordinated_subject(left, offset, cue.verb)
        or sentence_subject(sentence, offset, cue.verb)
    )


def _coordinated_subject(left: str, offset: int, cue: str) -> Found | None:
    """`the league denounced the rhetoric and said it would ...`: a reporting verb coordinated
    with an earlier one shares its subject, which need not be a name."""
    if not COORDINATED.search(left):
        return None
    verbs = verb_tokens(left)
    return np_from_left(left[: verbs[-1].start()], offset, cue) if verbs else None


_POSSESSOR = re.compile(
    r"(?:\b(?P<pron>his|her|their)|(?P<np>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s?)\s+$"
)
_OWNER = {"his": "he", "her": "she", "their": "they"}


def _possessor(left: str, offset: int, cue: str) -> Found | None:
    """`Donald Trump's claim that ...`, `her warning that ...`: a reporting word after a
    possessive is a noun, and whoever owns the claim made it."""
    m = _POSSESSOR.search(left)
    if not m:
        return None
    if m.group("pron"):
        return _OWNER[m.group("pron").lower()], offset + m.start("pron"), cue, None
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return np, offset + m.start("np") + shift, cue, None


def _inverted(doc: Doc, statement: _Statement) -> bool:
    """`..., said X`: the cue stands between the statement and its speaker."""
    _start, end, _np, cue, np_pos, _role = statement
    return cue != "according to" and doc.text.find(cue, end, max(end, np_pos)) != -1


_LEADING_ACCORDING = re.compile(r"\s*According to (?P<np>[^,.;:“”\"]{2,80}),\s+(?=\S)")


def _leading_according(
    sentence: str, offset: int, doc: Doc
) -> tuple[int, int, str, str, int, str | None] | None:
    """`According to X, CLAUSE.`"""
    m = _LEADING_ACCORDING.match(sentence)
    if not m or _inside_piece(doc, offset + m.end()):
        return None
    end = _clause_end(doc, offset + m.end(), offset + len(sentence.rstrip().rstrip(".!?…")))
    np = m.group("np").strip()
    return offset + m.end(), end, np, "according to", offset + m.start("np"), None


def _that_cues(sentence: str) -> list[_Cue]:
    """`VERB (up to six object words, eleven after `told`) that CLAUSE`. A `that` after an
    earlier `that` of the same verb sits inside the first clause (`says that it's "sad" that
    Obama ...`)."""
    cues = []
    for that in _THAT_CLAUSE.finditer(sentence):
        window = sentence[max(0, that.start() - 120) : that.start()]
        words = list(re.finditer(r"[\w'’.\-]+", window))[-12:]
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group().lower()
            if word in _THAT_INSIDE:
                break
            if len(words) - i > 7 and word not in _TELL:
                continue  # only `told` has room for a long object before `that`
            if word in VERBS:
                start = that.start() - len(window) + words[i].start()
                cues.append(_Cue(start, words[i].group(), that.end()))
                break
    return cues


# `Coulter told conservative radio host Hugh Hewitt on Wednesday that ...`: a verb of telling
# takes a listener (with a title, a name and a time) before its `that`.
_TELL = frozenset(split_words("told tell tells telling"))

# Between a reporting verb and its `that`, another `that` or a finite verb of the clause
# (`said the campaign is "pleased" that ...`) puts the `that` inside the reported clause.
_THAT_INSIDE = frozenset(
    split_words("that is was are were has have had will would can could should may might must")
)


_CHAINED_PARTICIPLE = re.compile(
    r"(?:^|,)\s+(?:and\s+)?(?:" + "|".join(sorted(PARTICIPLES)) + r")\b"
)


def _attribution_before(sentence: str, cue: _Cue, offset: int) -> Found | None:
    """`Ryan and Trump will meet next week, Spicer said, adding, "..."`: a participle right
    after an attribution continues the attributed speaker, not the sentence subject."""
    left = sentence[: cue.verb_start].rstrip()
    if not left.endswith(","):
        return None
    start = max(left.rfind(",", 0, len(left) - 1), left.rfind("”", 0, len(left) - 1)) + 1
    segment = left[start:-1]
    if not 1 < len(segment.split()) <= 8:
        return None
    found = phrase_after(segment, offset + start)
    return (found[0], found[1], cue.verb, found[3]) if found else None


def _trailing_attribution(sentence: str, offset: int, doc: Doc) -> _Statement | None:
    """`CLAUSE, according to X.` / `CLAUSE, X said.` / `CLAUSE, said X, who ...`."""
    commas = [m.end() - 1 for m in re.finditer(r",[”\"]?", sentence)]
    for comma in reversed(commas[-3:]):
        tail = sentence[comma + 1 :]
        chained = _CHAINED_PARTICIPLE.search(tail)  # `, X said, adding that ...`: own statement
        if chained and chained.start() == 0:
            continue
        tail = (tail[: chained.start()] if chained else tail).rstrip().rstrip(".!?…")
        words = tail.split()
        if len(words) > 20 or len(sentence[:comma].split()) < 3 or not _may_attribute(words):
            continue
        if any(ch in OPENERS for ch in tail):
            return None  # `X, the mayor, said: "..."`: the quote is the statement
        acc = ACCORDING.match(tail.lstrip())
        if acc:
            lead = len(tail) - len(tail.lstrip())
            found: Found | None = (
                acc.group("np").strip(),
                offset + comma + 1 + lead + acc.start("np"),
                "according to",
                None,
            )
        else:
            at = offset + comma + 1
            found = phrase_after(tail, at) or unlisted_verb(tail, at)
        if not found:
            continue
        start = offset + len(sentence) - len(sentence.lstrip())
        if (_inside_piece(doc, start + 1) or sentence.lstrip()[:1] in OPENERS) and not (
            _runs_on_after_quote(doc, start, offset + comma)
        ):
            return None
        closed = sentence[comma] in _CLOSERS  # keep the quote's closing mark with its words
        end = offset + (comma + 1 if closed else len(sentence[:comma].rstrip()))
        np, np_pos, cue, role = found
        return start, end, np, cue, np_pos, role
    return None


def _runs_on_after_quote(doc: Doc, start: int, comma: int) -> bool:
    """`"Boots on the ground" would be appropriate, Carson said.`: a quotation opening the
    sentence that closes before the clause does (two words or more before the attribution's
    comma, in lower case and with no reporting verb of their own) is only part of what the
    attribution reports; the clause is the statement."""
    piece = next((p for p in doc.pieces if p.open_pos == start), None)
    if piece is None or piece.close_pos is None or piece.close_pos >= comma:
        return False
    words = re.findall(r"[A-Za-z]+", doc.text[piece.close_pos + 1 : comma])
    return len(words) >= 2 and words[0].islower() and VERBS.isdisjoint(words)


def _may_attribute(words: list[str]) -> bool:
    """Cheap test before parsing a tail: it needs `according`, a listed verb or a past tense."""
    head = " ".join(words[:15])
    return bool(_PAST_OR_ACCORDING.search(head)) or not VERBS.isdisjoint(
        ALPHA.findall(head.lower())
    )


_PAST_OR_ACCORDING = re.compile(r"ed\b|\baccording\b")


def _clause_end(doc: Doc, start: int, end: int) -> int:
    """A clause ends with its sentence, unless a quotation opened in it runs on further, or a
    long tail follows its last quotation (`the loophole called an "inversion," in which ...`)."""
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
        if len(tail.split()) >= 4 and _clause_break(doc.text[close - 2], tail.lstrip()):
            return close
        if _coordinated_verb(tail.lstrip()) and _object_phrase(doc.text, start, inside[0].open_pos):
            return close
    return end


_CLAUSE_VERB = re.compile(r"\b(?:that|is|was|are|were|has|have|had|will|would|can|could|\w+ed)\b")


def _object_phrase(text: str, start: int, quote: int) -> bool:
    """No verb before the quote and no `that` before the statement: it is the object of the
    reporting verb (`decried the "systemic racism"`), not a reported clause of its own."""
    return not _CLAUSE_VERB.search(text, max(0, start - 5), quote)


def _clause_break(last: str, tail: str) -> bool:
    """After a quote, a comma (also one just inside the closing mark: `“that crap,” in an
    interview`), a semicolon, a dash or a bracket ends the reported clause."""
    return (
        last == ","
        or tail[:1] in ",;—–("
        or tail.startswith(("- ", "--"))
        or bool(_NEW_CLAUSE.match(tail))
    )


_AND_VERB = re.compile(r"(?:and|but)\s+(?:(?:also|then|later|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b")


def _coordinated_verb(tail: str) -> bool:
    """`decried the "systemic racism" and highlighted her plans`: a finite verb coordinated
    after a quoted object is the subject's next act, not part of what was reported."""
    m = _AND_VERB.match(tail)
    return bool(m) and _finite_verb(m.group("verb")) and not m.group("verb").endswith("ing")


# `..."nice guy" and he didn't ...`, `... but he gave`: a conjunction and a subject pronoun
# start a sentence of the narrator's own; so do `before floating the idea`, `when asked` and
# `while Trump refers ...` (a subordinate clause of its own after the quote).
_NEW_CLAUSE = re.compile(
    r"(?:(?:and|but|while|as)\s+(?:he|she|they|it|we|I)\s"
    r"|(?:while|whereas|before|after|when|even as|although|though)\s+(?:[a-z]+ing|[a-z]+ed)\s"
    r"|(?:while|whereas|even as)\s+[A-Z])"
)


def _partial_quote_objects(sentence: str, offset: int, doc: Doc) -> list[_Cue]:
    """`X called the plan "foolish"`: a reporting verb whose object holds a quote in-sentence."""
    out = []
    for piece in doc.pieces:
        rel = piece.open_pos - offset
        if not 0 < rel < len(sentence):
            continue
        verbs = verb_tokens(sentence[:rel])
        if verbs and (
            verbs[-1].group().lower() not in _SPEECH_VERBS
            or _quote_inside_clause(sentence, verbs[-1].end(), rel, piece, offset)
        ):
            verb = verbs[-1]
            out.append(_Cue(verb.start(), verb.group(), clause_after(sentence, verb.end())))
        elif not verbs and sentence[:rel].rstrip()[-1:].isalnum():
            out.extend(_subject_verb(sentence, rel))
    return out


_SPEECH_VERBS = frozenset(split_words("said says say told tell tells"))


def _quote_inside_clause(sentence: str, verb_end: int, rel: int, piece: Piece, offset: int) -> bool:
    """`X said the plan was "foolish"` / `X says "the wind is at our backs" despite ...`: after
    a plain speech verb the statement is the whole clause only when the quote is part of it;
    `X said: "..."` and `X told reporters "..."` state the quote alone."""
    between = sentence[verb_end:rel]
    words = between.split()
    rest = sentence[piece.close_pos + 1 - offset :] if piece.close_pos is not None else ""
    tail = re.findall(r"[A-Za-z]+", rest)
    # `Obama said "it gets me mad" every time he ...`: no punctuation closes the quoted words
    # and the sentence runs on in lower case, so they are only the start of the clause (also
    # after a comma: `he said, "I have not heard that concern" from police officials`)
    runs_on = len(tail) >= 2 and sentence[piece.close_pos - offset - 1] not in ",.!?…"
    runs_on = runs_on and bool(re.match(r"\s+[a-z]", rest))
    if re.search(r"[:;]", between) or between.strip()[-1:] == ",":
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


# `Carter is a co-host of "So, That Happened"`, `Cruz became the first to buy a "trend"`:
# a copula or auxiliary links its subject to a description, not to words they said.
_NOT_SAYING = frozenset(
    split_words("""is was are were be been being become became becomes remain remains remained
    seem seems seemed has have had""")
)


def _finite_verb(word: str) -> bool:
    """A past, third-person or progressive form (`thanked`, `decries`, `took`, `is holding`):
    the word after a subject is its verb only if it looks like one (`Senate leaders on
    Monday ...` has none)."""
    if word in _NOT_SAYING:
        return False
    third_person = word.endswith("s") and not word.endswith(("ss", "us", "is", "ous"))
    return word.endswith(("ed", "ing")) or third_person or word in _IRREGULAR_PAST


_IRREGULAR_PAST = frozenset(
    split_words("""made took sent thought gave went came held led kept left felt brought bought
    caught taught spoke broke chose drove rose won lost paid laid met put set read cut hit saw
    wrote told said sang began ran drew threw did gone done seen given taken written spoken
    known shown drawn thrown""")
)


def _subject_verb(sentence: str, rel: int) -> list[_Cue]:
    """`Moore thanked him for "..."`: any verb right after a sentence-initial subject."""
    subject = sentence_subject(sentence, 0, "")
    if not subject:
        return []
    verb = _SUBJECT_VERB.match(sentence, subject[1] + len(subject[0]))
    if not verb or verb.end() > rel:
        return []
    word = verb.group("verb").lower()
    if not (_finite_verb(word) or subject[0].lower() in PRONOUNS and word not in _NOT_SAYING):
        return []  # `I know all about ...`: after a pronoun a base form is a verb too
    return [_Cue(verb.start("verb"), verb.group("verb"), verb.end(), any_verb=True)]


def _inside_piece(doc: Doc, pos: int) -> bool:
    """Words inside a direct quote are the speaker's, so they never cue reported speech."""
    return any(p.start <= pos < p.end for p in doc.pieces)
