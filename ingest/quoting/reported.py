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
    quoted_object: bool = False  # `X called the plan "foolish"`: no `that`, a quote after it


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


# Official readouts report statements by their noun-phrase object (`The President stated the
# need to impose sanctions`, `expressed gratitude to`, `called for a ceasefire`): one named
# pattern per verb family, the object being the statement. Tried after every `that` clause and
# listed verb, so they never take a sentence from an existing rule.
_NOUN_OBJECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "stated_the_need",  # `stressed the importance of`, `noted the need to`
        re.compile(
            r"\b(?P<verb>stated|stressed|emphasi[sz]ed|underlined|underscored|highlighted"
            r"|reaffirmed|reiterated|noted|pointed\s+out)\s+(?=(?:the|its|his|her|their|our)"
            r"\s+(?:need|importance|necessity|significance|readiness|willingness|commitment"
            r"|intention|desire|priority|urgency|inadmissibility|unacceptability)\b)"
        ),
    ),
    (
        "expressed_feeling",  # `expressed gratitude to`, `expressed hope for`
        re.compile(
            r"\b(?P<verb>expressed|expresses|voiced)\s+(?=(?:(?:his|her|their|its|deep|sincere"
            r"|strong|full|great)\s+)?(?:gratitude|concern|hope|support|condolences|regret"
            r"|appreciation|confidence|interest|readiness|solidarity|satisfaction|thanks"
            r"|disappointment|outrage|indignation)\b)"
        ),
    ),
    ("called_for", re.compile(r"\b(?P<verb>called\s+for|calls\s+for)\s+(?=[\w“\"])")),
    (
        "urged_to",  # `urged the partners to speed up`: an object and its infinitive
        re.compile(r"\b(?P<verb>urged|urges)\s+(?=(?:[\w'’\-]+\s+){1,6}?to\s+[a-z])"),
    ),
    (
        "welcomed_condemned",  # an act or decision, not guests (`welcomed X to the summit`)
        re.compile(
            r"\b(?P<verb>welcomed|welcomes|condemned|condemns)\s+(?=(?:the|this|these|that"
            r"|a|an|its|[a-z]+(?:ing|ion|ment|s)\b)(?![^.,;]{0,40}\bto\s+(?:the|his|her|their"
            r"|our|a)\b))"
        ),
    ),
)


def _noun_object_cues(sentence: str) -> list[_Cue]:
    """Cues of the verb families in `_NOUN_OBJECTS`; the statement starts at the object."""
    return [
        _Cue(m.start("verb"), m.group("verb"), m.end(), any_verb=True)
        for _name, pattern in _NOUN_OBJECTS
        for m in pattern.finditer(sentence)
    ]


_Statement = tuple[int, int, str, str, int, str | None]  # start, end, np, cue, np_pos, role
_Span = tuple[int, int]


def find_indirect(doc: Doc) -> list[_Statement]:
    """Reported statements, one per reporting verb of a sentence's speaker."""
    out: list[_Statement] = []
    text = doc.text
    for s_start, s_end in _clauses(doc):
        sentence = text[s_start:s_end]
        found = _indirect_in(sentence, s_start, doc)
        if not found:
            continue
        out.extend(_split_chained(doc, found))
        for coordinated in _coordinated_objects(doc, found, s_end):
            out.extend(_split_chained(doc, coordinated))
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


# `Although X admitted that A, he claimed B`: a subordinate clause opening the sentence
_SUBORDINATE = re.compile(
    r"\s*(?:Although|Though|Even though|Even as|While|Whereas|Because|Since|If|Unless|When|Once)\s"
)


def _clauses(doc: Doc) -> list[tuple[int, int]]:
    """Sentences, with a leading subordinate clause split off at the comma that closes it:
    `While Sanders admitted that A, his campaign argued that B` reports two statements by
    two speakers, and the main clause after the comma is no attribution closing the first."""
    out = []
    for s_start, s_end in _joined_sentences(doc):
        sentence = doc.text[s_start:s_end]
        lead = _SUBORDINATE.match(sentence)
        comma = re.search(r",[”\"]?\s", sentence) if lead else None
        if lead and comma:
            out += [(s_start + lead.end(), s_start + comma.end()), (s_start + comma.end(), s_end)]
        else:
            out.append((s_start, s_end))
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
_CALLED_FOR = re.compile(r"\s+for\s+(?=\S)")
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
        called_for = _CALLED_FOR.match(text, m.end()) if verb.startswith("call") else None
        if called_for:  # `... and called for more weapons`: the object is the statement
            start, verb = called_for.end(), f"{verb} for"
        else:
            start = clause_after(text, m.end())
        that = _THAT_SOON.match(text, start, end)
        if that and not any(ch in OPENERS for ch in that.group()):
            start = that.end()
        cue = verb
    out.append((start, end, np, cue, np_pos, role))
    return [s for s in out if s[1] - s[0] >= 8]


def _chain_verb(verb: str, link: str) -> bool:
    """Participles chain after a comma or `while`; finite verbs only after `and`/`but`, in
    the past or the present (`Ortiz says she respects him but argues that ...`)."""
    if verb not in VERBS:
        return False
    if verb in PARTICIPLES:
        return True
    finite = verb in _FINITE_CHAIN or verb.endswith(("ed", "s"))
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
    candidates += _noun_object_cues(sentence)
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
        end = _before_dash_clause(doc, start, _before_summary(doc, start, end))
        end = _before_medium(doc, start, end)
        if cue.quoted_object:
            end = _coordinated_end(doc, start, end, cue.verb.lower())
            start, end = _what_frame(doc, sentence, offset, cue, end) or (start, end)
        if end - start < 8:
            continue
        np, np_pos, cue, role = found
        return start, end, np, cue, np_pos, role
    return trailing


# `..., a swipe at his rivals`, `, an acknowledgment that ...`: an apposition naming the act
_SUMMARY = re.compile(
    r",[”\"]?\s+(?:a|an)\s+(?:[a-z\-]+\s+){0,2}?(?:swipe|jab|dig|reference|nod|allusion"
    r"|acknowledgment|acknowledgement|admission|charge|accusation|assertion|move|reversal"
    r"|rebuke|retort|rebuttal|concession|departure|shift|critique|boast|threat|jibe|barb)\b"
)


def _before_summary(doc: Doc, start: int, end: int) -> int:
    """`Rubio said the heckler would "not get beat up," a swipe at Trump's rallies`: an
    apposition after the clause that names the speech act itself (a swipe, a charge, an
    acknowledgment) is the writer's comment on the statement, not part of it."""
    for m in _SUMMARY.finditer(doc.text, start, end):
        if not _inside_piece(doc, m.start()):
            return m.start() + (2 if doc.text[m.start() + 1] in _CLOSERS else 0)
    return end


_DASH_CLAUSE = re.compile(r"[”\"]?\s+(?:-{1,2}|—|–)\s+(?:and|but|while|although|though|whereas)\b")


_DASH = re.compile(r"\s(?:-{1,2}|—|–)\s")


def _before_dash_clause(doc: Doc, start: int, end: int) -> int:
    """`Trump implied it was her fault for "grabbing" at him - although the photo showed ...`:
    a dash followed by a conjunction opens a clause of the writer's own, unless it closes a
    dash pair around an aside (`he doesn't have small hands - as Rubio has said - and ...`)."""
    for m in _DASH_CLAUSE.finditer(doc.text, start, end):
        closes_aside = len(_DASH.findall(doc.text, start, m.start())) % 2  # `- as X said - and`
        if not _inside_piece(doc, m.start()) and not closes_aside:
            return m.start() + (1 if doc.text[m.start()] in _CLOSERS else 0)
    return end


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


_LEADING_ACCORDING = re.compile(
    r"\s*(?:(?P<cue>According to) (?P<np>[^,.;:“”\"]{2,80})"
    r"|As (?P<as_np>[A-Za-z][^,.;:“”\"]{1,60}?) (?:[a-z]+ly |first )?(?P<as_cue>reported"
    r"|reports|wrote|writes|noted|notes|puts? it|explained|observed|told [^,.;:“”\"]{2,40}?)),"
    r"\s+(?=\S)"
)


def _leading_according(
    sentence: str, offset: int, doc: Doc
) -> tuple[int, int, str, str, int, str | None] | None:
    """`According to X, CLAUSE.`; `As Politico reported, CLAUSE.` names its source the same
    way, so the speaker is X and not a name inside the clause."""
    m = _LEADING_ACCORDING.match(sentence)
    if not m or _inside_piece(doc, offset + m.end()):
        return None
    end = _clause_end(doc, offset + m.end(), offset + len(sentence.rstrip().rstrip(".!?…")))
    group = "np" if m.group("np") else "as_np"
    cue = "according to" if m.group("cue") else m.group("as_cue").split()[0]
    return offset + m.end(), end, m.group(group).strip(), cue, offset + m.start(group), None


def _that_cues(sentence: str) -> list[_Cue]:
    """`VERB (up to six object words) that CLAUSE`. A `that` after an earlier `that` of the
    same verb sits inside the first clause (`says that it's "sad" that Obama ...`).

    An audience, place and time can hold the `that` further off (`told a town hall in Salem,
    New Hampshire on Monday that ...`): up to twelve words, if no quote or conjunction
    between them opens a clause of its own (`says he made a decision, and that ...`)."""
    cues = []
    for that in _THAT_CLAUSE.finditer(sentence):
        window = sentence[max(0, that.start() - 120) : that.start()]
        words = list(re.finditer(r"[\w'’.\-]+", window))[-13:]
        for i in range(len(words) - 1, -1, -1):
            word = words[i].group().lower()
            if word in _THAT_INSIDE:
                break
            if i < len(words) - 7 and _FAR_GAP.search(window, words[i].end()):
                break
            if word in VERBS:
                start = that.start() - len(window) + words[i].start()
                cues.append(_Cue(start, words[i].group(), that.end()))
                break
    return cues


_FAR_GAP = re.compile(r"[“”\"]|\b(?:and|but|or)\b")


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
    after a quoted object is the subject's next act, not part of what was reported (a listed
    reporting verb there starts a chained statement instead: `... but argues that ...`)."""
    m = _AND_VERB.match(tail)
    verb = m.group("verb") if m else ""
    return _finite_verb(verb) and not verb.endswith("ing") and verb not in VERBS


# `..."nice guy" and he didn't ...`, `... but he gave`: a conjunction and a subject pronoun
# start a sentence of the narrator's own; so do `before floating the idea`, `when asked` and
# `while Trump refers ...` (a subordinate clause of its own after the quote).
_NEW_CLAUSE = re.compile(
    r"(?:(?:and|but|while|as)\s+(?:he|she|they|it|we|I)\s"
    r"|(?:while|whereas|before|after|when|even as|although|though)\s+(?:[a-z]+ing|[a-z]+ed)\s"
    r"|(?:while|whereas|even as)\s+[A-Z])"
)


_MEDIUM = re.compile(
    r"\s+(?:(?:in|on|during)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w’'\-]+\s+){0,2}?"
    r"(?:tweet|interview|statement|post|speech|show|op-ed|letter|email|e-mail|video|ad|debate"
    r"|rally|appearance|call)s?|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday))\b"
)


def _before_medium(doc: Doc, start: int, end: int) -> int:
    """`Cruz called the KKK "abhorrent" in a tweet Sunday`, `said the vote was "rigged" in an
    interview on Tuesday`: right after the last quotation of a statement, the medium or day
    it was said in tells where the words appeared, not what was said."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end and p.close_pos is not None]
    if not pieces:
        return end
    close = pieces[-1].close_pos + 1
    return close if close < end and _MEDIUM.match(doc.text, close) else end


_COORDINATED = re.compile(
    r"\s(?:and|but)\s+(?:(?:also|then|later|again|recently|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
)


def _coordinated_end(doc: Doc, start: int, end: int, verb: str) -> int:
    """`Cross called the race "a citizenship election" and likened it to ...`: after a
    verb's quoted object, `and`/`but` and a second verb in the same form as the first
    (`called ... and ranked`, `calling ... and threatening`) is the subject's next action,
    not the speaker's words (a listed reporting verb there starts a chained statement). An
    object with a finite verb of its own is a clause, whose verbs may share its subject
    (`warned the plan was "foolish" and needed work`)."""
    pieces = [p for p in doc.pieces if start <= p.open_pos < end]
    if not pieces or pieces[0].close_pos is None:
        return end
    if not _THAT_INSIDE.isdisjoint(doc.text[start : pieces[0].open_pos].lower().split()):
        return end
    for m in _COORDINATED.finditer(doc.text, pieces[0].close_pos, end):
        second = m.group("verb")
        if second not in VERBS and not _inside_piece(doc, m.start()) and _same_form(verb, second):
            return len(doc.text[: m.start()].rstrip(" ,—–-"))
    return end


_AFTER_COORDINATED = re.compile(r"[\s,—–\-]*" + _COORDINATED.pattern[2:])


def _coordinated_objects(doc: Doc, statement: _Statement, s_end: int) -> list[_Statement]:
    """`Trump called the merger "a terrible deal" and ranked Fiorina as one of the worst
    CEOs "in the history of business."`: a second verb of the speaker whose object holds a
    quote of its own is one more statement by the same speaker."""
    out: list[_Statement] = []
    end, np, verb, np_pos, role = statement[1:]
    while True:
        m = _AFTER_COORDINATED.match(doc.text, end)
        if not m or m.group("verb") in VERBS or not _same_form(verb.lower(), m.group("verb")):
            return out
        start = clause_after(doc.text, m.end())
        stop = doc.text[:s_end].rstrip().rstrip(".!?…").rstrip()
        if not any(start <= p.open_pos < len(stop) for p in doc.pieces):
            return out
        verb = m.group("verb")
        end = _coordinated_end(doc, start, _clause_end(doc, start, len(stop)), verb)
        if end - start < 8:
            return out
        out.append((start, end, np, verb, np_pos, role))


_WHAT_FRAME = re.compile(r"\b[Ww]hat(?:['’]s)?\s+(?:[\w'’.\-]+\s+){0,4}$")
_LINK_WORDS = frozenset(
    split_words("""and but or nor in on at for which who with when while as because to from
    by during after before since than until if so""")
)
_NP_STOP = _THAT_INSIDE | _LINK_WORDS


_LOWER_WORD = re.compile(r"\s+([a-z][\w\-]*)\b")


def _what_frame(doc: Doc, sentence: str, offset: int, cue: _Cue, end: int) -> _Span | None:
    """`Cruz railed against what he calls the “Washington cartel” and cast himself ...`: a
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
        if low in _NP_STOP or low.endswith("ed") or low in _IRREGULAR_PAST:
            break
        stop = word.end()
    return offset + frame.start(), stop


def _same_form(verb: str, other: str) -> bool:
    """Past with past, `-ing` with `-ing`, present `-s` with present `-s`."""
    if verb.endswith("ing"):
        return other.endswith("ing")
    if verb.endswith("ed") or verb in _IRREGULAR_PAST:
        return other.endswith("ed") or other in _IRREGULAR_PAST
    present = other.endswith("s") and not other.endswith(("ss", "us", "is"))
    return verb.endswith("s") and present


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
            clause = clause_after(sentence, verb.end())
            out.append(_Cue(verb.start(), verb.group(), clause, quoted_object=True))
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
    return [_Cue(verb.start("verb"), verb.group("verb"), verb.end(), True, True)]


def _inside_piece(doc: Doc, pos: int) -> bool:
    """Words inside a direct quote are the speaker's, so they never cue reported speech."""
    return any(p.start <= pos < p.end for p in doc.pieces)
