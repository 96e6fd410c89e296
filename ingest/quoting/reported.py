"""Reported speech: `X said (that) CLAUSE`, `CLAUSE, X said.`, `According to X, CLAUSE`, and a
reporting verb whose object holds a partial quote (`X called the plan "foolish"`).

Per sentence, the rules of `STATEMENT_RULES` are tried in order and the first that finds a
statement wins; each statement names its rule. Then one statement per further reporting verb
of the speaker (`chaining`), nested attributions and colon-introduced quotes are resolved.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.attributions import (
    interposed,
    inverted,
    leading_according,
    trailing_attribution,
)
from ingest.quoting.bounds import clause_end, coordinated_end, trimmed_end, what_frame
from ingest.quoting.chaining import CHAINED_PARTICIPLE, coordinated_objects, split_chained
from ingest.quoting.cues import sentence_cues
from ingest.quoting.lexicon import LEADING_SUBORDINATORS, PARTICIPLES, VERBS, alternation
from ingest.quoting.model import Cue, Findings, Statement, Subject
from ingest.quoting.sentence_subjects import DATELINE
from ingest.quoting.table import Rule, first_match
from ingest.quoting.verb_subjects import participle_subject, verb_subject

_CLAUSE_COMMA = re.compile(r",[”\"]?\s")


def find_indirect(doc: Findings) -> list[Statement]:
    """Reported statements, one per reporting verb of a sentence's speaker."""
    out: list[Statement] = []
    text = doc.text
    for s_start, s_end in _clauses(doc):
        sentence = text[s_start:s_end]
        found = _indirect_in(sentence, s_start, doc)
        if not found:
            continue
        out.extend(split_chained(doc, found))
        for coordinated in coordinated_objects(doc, found, s_end):
            out.extend(split_chained(doc, coordinated))
        chained = CHAINED_PARTICIPLE.search(sentence, max(found.np_pos - s_start, 0))
        if found.np_pos > found.end and chained:  # `CLAUSE, X said, adding that B`: one more
            rest = _indirect_in(sentence[chained.start() :], s_start + chained.start(), doc)
            out.extend(split_chained(doc, rest._replace(rule="chained_participle")) if rest else [])
    return [_innermost(doc, _from_colon_quote(doc, statement)) for statement in out]


def _joined_sentences(doc: Findings) -> list[tuple[int, int]]:
    """`Walking in to chants of "Mara! Mara!," the senator said ...`: a short quote that
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
_SUBORDINATE = re.compile(rf"\s*{alternation(LEADING_SUBORDINATORS)}\s")


def _clauses(doc: Findings) -> list[tuple[int, int]]:
    """Sentences, with a leading subordinate clause split off at the comma that closes it:
    `While Lind admitted that A, his campaign argued that B` reports two statements by
    two speakers, and the main clause after the comma is no attribution closing the first."""
    out = []
    for s_start, s_end in _joined_sentences(doc):
        dateline = DATELINE.match(doc.text, s_start, s_end)
        s_start = dateline.end() if dateline else s_start  # `LONDON (AP) — ` reports nothing
        sentence = doc.text[s_start:s_end]
        lead = _SUBORDINATE.match(sentence)
        comma = _CLAUSE_COMMA.search(sentence) if lead else None
        if lead and comma:
            out += [(s_start + lead.end(), s_start + comma.end()), (s_start + comma.end(), s_end)]
        else:
            out.append((s_start, s_end))
    return out


def _innermost(doc: Findings, statement: Statement) -> Statement:
    """`Reed says that even though ..., he actually thinks she's done a "serviceable job."`:
    a reported clause that itself reports someone's words nests a second attribution, and
    the quoted words belong to the nearest one, so the statement is the innermost clause
    that still holds every quotation of the outer one."""
    start, end = statement.start, statement.end
    pieces = [p for p in doc.pieces if start <= p.open_pos < end]
    if not pieces:
        return statement
    inner = _indirect_in(doc.text[start:end], start, doc)
    if (
        not inner
        or inner.cue.lower() not in VERBS
        or not start < inner.np_pos < inner.start <= pieces[0].open_pos
        or inner.end < end - 2
        or doc.text[start : inner.np_pos].split()[-1:] == ["what"]  # `what she calls a "war"`
    ):
        return statement
    return _innermost(doc, inner._replace(rule=f"nested_{inner.rule}"))


# `Kell responded pointedly, with a smile: "Can happen."`: a verb whose object is a quotation
# that a colon introduces said the quotation, not the words before the colon.
_QUOTE_INTRODUCING_RULES = frozenset({"quoted_object"})


def _from_colon_quote(doc: Findings, statement: Statement) -> Statement:
    """`Reed seemed to suggest it: "She signed it," he said.`: when the attribution closes the
    sentence, a quotation that a colon introduces and that runs to the end of the statement is
    what was said; the words before the colon are the writer's framing, so the statement
    starts at the opening mark. (`She said that ...: "..."` keeps its whole clause.)"""
    start, end = statement.start, statement.end
    if statement.np_pos < end and statement.rule not in _QUOTE_INTRODUCING_RULES:
        return statement
    for piece in doc.pieces:
        ends_it = start < piece.open_pos < end and piece.end >= end - 2
        if ends_it and doc.text[start : piece.open_pos].rstrip().endswith(":"):
            return statement._replace(start=piece.open_pos)
    return statement


class _Sentence(NamedTuple):
    """One sentence and what several statement rules need from it, computed once."""

    text: str
    offset: int
    doc: Findings
    trailing: Statement | None  # `CLAUSE, X said.`
    trailing_deferred: bool  # tried only after every reporting verb (`_trailing_deferred`)


def _sentence(text: str, offset: int, doc: Findings) -> _Sentence:
    trailing = trailing_attribution(text, offset, doc)
    return _Sentence(text, offset, doc, trailing, _trailing_deferred(text, doc, trailing))


def _trailing_deferred(text: str, doc: Findings, trailing: Statement | None) -> bool:
    """`Vell is "the worst," Pelk said.`, `Orvik was "arbitrarily detained" ..., the
    group says.`: an attribution closing the sentence names the speaker of the whole clause,
    not its subject. `X, the mayor, said the city ...` is not one: an inverted `, said X`
    counts only right after a quote that closes mid-sentence, so otherwise it is tried after
    every reporting verb."""
    return bool(trailing and inverted(doc, trailing) and not _QUOTE_CLOSES.search(text))


_QUOTE_CLOSES = re.compile(r"[,!?][”\"]\s")


def _leading(s: _Sentence) -> Statement | None:
    return leading_according(s.text, s.offset, s.doc)


def _trailing(s: _Sentence) -> Statement | None:
    return None if s.trailing_deferred or _names_only(s) else s.trailing


def _interposed(s: _Sentence) -> Statement | None:
    return interposed(s.text, s.offset, s.doc)


def _interposed_verb_first(s: _Sentence) -> Statement | None:
    """`Any fair reading of it, said Ola Tamm, an expert, would ...`: see `interposed`."""
    return interposed(s.text, s.offset, s.doc, verb_first=True)


def _trailing_inverted(s: _Sentence) -> Statement | None:
    trailing = s.trailing
    if not trailing or not s.trailing_deferred or _names_only(s):
        return None
    return trailing._replace(rule="trailing_inverted")


def _names_only(s: _Sentence) -> bool:
    """`Karl Nyberg, Commerce and Industry Minister, announced the decision`: a clause of
    capitalised words (a name and its office) says nothing; the sentence is narrative."""
    if s.trailing is None:
        return False
    words = _WORD.findall(s.doc.text[s.trailing.start : s.trailing.end])
    return bool(words) and all(w[:1].isupper() or w in _NAME_LINKS for w in words)


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_LINKS = frozenset(("and", "of", "the", "for", "de", "von", "van", "der", "al", "bin"))


def _reporting_verb(s: _Sentence) -> Statement | None:
    """The first `X VERB (that) CLAUSE` whose subject is a plausible speaker phrase."""
    sentence, offset, doc = s.text, s.offset, s.doc
    started_inside = doc.inside_piece(offset) or doc.inside_piece(offset + 1)
    for cue in sentence_cues(sentence, offset, doc):
        start = offset + cue.clause_start
        if doc.inside_piece(start) or doc.inside_piece(offset + cue.verb_start):
            continue
        if _opens_sentence(sentence, cue):
            continue
        participle = cue.verb.lower() in PARTICIPLES
        if started_inside and not participle and not _RELATIVE.search(sentence, 0, cue.verb_start):
            continue
        found = _cue_subject(sentence, offset, cue, participle, started_inside)
        if not found:
            continue
        stop = offset + len(sentence.rstrip().rstrip(".!?…").rstrip())
        end = clause_end(doc, start, stop, cue.rule in REPORTED_CLAUSE_CUES)
        end = trimmed_end(doc, start, end)
        if cue.quoted_object:
            end = coordinated_end(doc, start, end, cue.verb.lower())
            start, end = what_frame(doc, sentence, offset, cue, end) or (start, end)
        if end - start >= 8:
            return Statement.of(start, end, found, cue.rule)
    return None


def _opens_sentence(sentence: str, cue: Cue) -> bool:
    """`Reminded that Renko called him "a disgrace", Dorr added: ...`, `Asked about
    criticism that ...`, `Add that ...`: a clause cue that is the sentence's first word and
    no -ing participle is a passive participle (the main clause's subject is the one reminded
    or asked, not the speaker), an imperative or a noun; it made "Reminded that Renko" a
    speaker. An -ing participle is its subject's own statement (`Noting that ..., Vell said`)."""
    if cue.rule not in REPORTED_CLAUSE_CUES or sentence[: cue.verb_start].strip():
        return False
    return cue.verb.lower() not in PARTICIPLES


def _cue_subject(
    sentence: str, offset: int, cue: Cue, participle: bool, started_inside: bool
) -> Subject | None:
    """Who speaks through the cue; a participle inside a quote's sentence has no subject of
    its own (the statement then takes the previous quote's speaker)."""
    if not participle:
        return verb_subject(sentence, cue, offset)
    subject = None if started_inside else participle_subject(sentence, cue, offset)
    return subject or Subject("", -1, cue.verb, None, "no_subject")


# Cues whose statement is a clause of its own (`said that ...`, `said the plan failed`), as
# against a verb's quoted object (`called the plan "a failure"`).
REPORTED_CLAUSE_CUES = frozenset(("that_clause", "that_clause:view", "thatless_clause"))


# `"...," said Weaver, who added that ...`: a relative clause after a quote's attribution
# reports a statement of its own, by the antecedent.
_RELATIVE = re.compile(r",\s+who\s+(?:[a-z]+\s+){0,2}$")


# Statement rules in precedence order, each `(sentence) -> Statement | None`.
STATEMENT_RULES = (
    Rule("leading_according", _leading),
    Rule("interposed_verb_first", _interposed_verb_first),
    Rule("trailing_attribution", _trailing),
    Rule("interposed", _interposed),
    Rule("reporting_verb", _reporting_verb),
    Rule("trailing_inverted", _trailing_inverted),
)


def _indirect_in(sentence: str, offset: int, doc: Findings) -> Statement | None:
    """The statement of the first rule of `STATEMENT_RULES` that finds one in the sentence."""
    return first_match(STATEMENT_RULES, _sentence(sentence, offset, doc))
