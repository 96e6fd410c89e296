"""Quotation marks -> quote pieces, and the speaker phrase attached to each piece.

Articles mix straight and curly marks and leave quotes unclosed, so marks are paired by shape
and paragraph rules rather than by family; the phrase after a piece is tried before the one
leading up to it, as news attributions usually follow the quote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.lexicon import OPENERS, VERBS
from ingest.quoting.model import Fallback, Findings, Piece, Subject, trim_span
from ingest.quoting.nounphrases import clean_np, plausible_np
from ingest.quoting.sentence_subjects import sentence_subject
from ingest.quoting.subjects_after import phrase_after, short_attribution
from ingest.quoting.subjects_before import phrase_before
from ingest.quoting.table import Rule, first_match
from ingest.text import Span

# A comma before a space; a closing mark between them is the one mark written for a quotation
# nested at the end of this one and for this one (`... reviews: "Memory is a weapon," said`).
_COMMA_SPACE = re.compile(r",([\"”]?)(?=\s)")


def find_pieces(text: str, paragraphs: list[Span]) -> list[Piece]:
    """Direct quotations in text order; one spanning several paragraphs is a single piece.

    A multi-paragraph quotation stays one Quote (its text then holds the paragraph break and
    the next paragraph's opening mark, verbatim) so the chunker keeps its paragraphs together.
    """
    pieces: list[Piece] = []
    carry: Piece | None = None  # a quote still open at the previous paragraph's end
    for para, (p_start, p_end) in enumerate(paragraphs):
        pos = p_start
        if carry is not None and text[p_start] not in OPENERS:
            carry = None
        while pos < p_end:
            open_pos = _next_opener(text, pos, p_end)
            if open_pos is None:
                break
            close_pos, stop = _find_closer(text, open_pos, p_end)
            end = close_pos if close_pos is not None else stop
            piece = _trimmed_piece(text, open_pos, end, close_pos, para)
            if piece is not None and close_pos is None:
                _end_at_attribution(text, piece)
                close_pos = piece.close_pos
            if piece is not None and carry is not None and open_pos == p_start:
                carry.end, carry.close_pos, carry.last_para = piece.end, close_pos, para
                piece = carry
            elif piece is not None:
                pieces.append(piece)
            carry = None
            if close_pos is None and stop < p_end:
                pos = stop  # re-opened: the next quote starts at the repeated mark
                continue
            if close_pos is None:
                if piece is not None and _opens_speech(text, piece.open_pos, p_start, para, piece):
                    carry = piece
                break
            pos = close_pos + 1
    return pieces


# A straight mark opens at a word start, but not right after a phrase's end and before the
# punctuation that follows a word (`decision?".`, `(the Board)",`): that one closes.
_OPENER = re.compile(r'[“«„]|(?<![^\W_])(?<!=)"(?=[^\s>])(?!(?<=[?!.)%\]\'’…]")[.,;:)])')


def _next_opener(text: str, pos: int, end: int) -> int | None:
    """Next opening mark; a straight quote opens only at a word start (not `5'10"`), and not
    after `=` or before `>`, where it delimits a markup attribute (`<tweet tweet-date="March
    10, 2016">`, also when the value runs over a line break)."""
    m = _OPENER.search(text, pos, end)
    return m.start() if m else None


def _find_closer(text: str, open_pos: int, end: int) -> tuple[int | None, int]:
    """(closing mark or None, where the quote stops) within the paragraph.

    Articles mix straight and curly marks (`“I heard it," he said. "He wants more.”`), so a mark
    closes by its shape rather than its family: `”`/`»` always close, a straight `"` closes
    unless it starts a word. A mark shaped as an opener nests one level, except that a curly
    opener repeated at the outer level means this quote was never closed: it stops there, so
    an unbalanced quote does not swallow the next one and the attribution between them.
    """
    opener = text[open_pos]
    depth = 0
    i = open_pos
    while (i := i + 1) < end:
        ch = text[i]
        if ch not in _MARKS:
            continue
        if ch == '"' and text[i - 1] == "=":  # `id="9"`: a markup attribute's own pair
            i = max(i, text.find('"', i + 1, end))
            continue
        if _closing_shape(text, i, opener):
            if depth == 0:
                return i, i
            depth -= 1
        elif depth == 0 and ch == opener and (opener != '"' or _reopened(text, i)):
            return None, i
        else:
            depth += 1
    return None, end


_MARKS = frozenset('"“”«»„')


def _reopened(text: str, i: int) -> bool:
    """`"...a long period. "But once he has served...`: a straight opening mark right after a
    sentence end inside an open quote starts the quotation's next paragraph, run into this one
    where line breaks were lost (news style reopens each paragraph of a quote and closes
    only the last), so the open quote ends with that sentence."""
    return text[i - 1] == " " and text[i - 2 : i - 1] in (".", "?", "!")


def _closing_shape(text: str, i: int, opener: str) -> bool:
    """`”`, `»` (and `“` after a German `„`) close; a straight `"` closes unless it opens a word.
    A `“` typed for `”` (`unusual,“ said Noble`) closes too: punctuation before, space after."""
    ch = text[i]
    if ch == '"':
        return not _OPENER.match(text, i)
    return ch in "”»" or (ch == "“" and (opener == "„" or _misused_opener(text, i)))


def _misused_opener(text: str, i: int) -> bool:
    """`unusual,“ said`, `called the KKK “abhorrent“ in a tweet`: an opening curly mark right
    after punctuation or a word's last letter and before a space or punctuation ends a word,
    so inside an open quote it is that quote's closing mark typed the wrong way round."""
    after = text[i + 1 : i + 2]
    return (text[i - 1] in ",.!?" or text[i - 1].isalnum()) and (
        not after or after.isspace() or after in ".,;:!?)"
    )


def _end_at_attribution(text: str, piece: Piece) -> None:
    """An unclosed quote ends at the comma before a short attribution (`..., Reed said.`).

    Without its closing mark the quote would otherwise run on and take the attribution and
    the narrative after it as quoted words; the comma then stands in for the missing mark.
    A quotation that ends with a nested one writes one closing mark for both (`"We say:
    "never again," Reed said.`): the nested pair took it, and it closes this quote too.
    """
    for comma in _COMMA_SPACE.finditer(text[piece.start : piece.end]):
        pos = piece.start + comma.start()
        after = piece.start + comma.end()
        if len(text[piece.start : pos].split()) < 3:
            continue
        if comma.group(1) and _nested_depth(text, piece.open_pos, pos) != 1:
            continue  # `?". "Not that,` Reed replied: two quotes, not one ending in a nested one
        if short_attribution(text[after : piece.end], after):
            piece.end, piece.close_pos = pos + 1, after - 1 if comma.group(1) else pos
            return


def _nested_depth(text: str, open_pos: int, pos: int) -> int:
    """How many quotations are open inside the one opened at `open_pos`, at `pos`: each mark
    shaped as an opener opens one, each shaped as a closer closes one (`_closing_shape`)."""
    depth = 0
    for i in range(open_pos + 1, pos):
        if text[i] in _MARKS:
            depth += -1 if _closing_shape(text, i, text[open_pos]) else 1
    return depth


def _opens_speech(text: str, open_pos: int, p_start: int, para: int, piece: Piece) -> bool:
    """An unclosed quote continues only if it opens its paragraph or follows a colon/comma."""
    if piece.para != para:
        return True
    before = text[p_start:open_pos].rstrip()
    return not before or before[-1] in ":,"


def _trimmed_piece(
    text: str, open_pos: int, end: int, close_pos: int | None, para: int
) -> Piece | None:
    """The words between the marks; None for marks around nothing but punctuation."""
    span = trim_span(text, open_pos + 1, end)
    if span is None or not any(ch.isalnum() for ch in text[span[0] : span[1]]):
        return None
    return Piece(span[0], span[1], open_pos, close_pos, para, para)


def _sentence_at(doc: Findings, pos: int) -> Span:
    """The sentence holding `pos` (its paragraph if the splitter missed it), so a speaker
    phrase is looked for only where it can belong to the quote."""
    for s, e in doc.sentences:
        if s <= pos < e:
            return s, e
    for s, e in doc.paragraphs:
        if s <= pos < e:
            return s, e
    return pos, pos


class _Quote(NamedTuple):
    """A piece and the text it stands in, which its attribution rules read."""

    doc: Findings
    piece: Piece


def _signature_after(q: _Quote) -> Subject | None:
    if q.piece.close_pos is None:
        return None
    return _dash_signature(q.doc.text, q.piece.close_pos + 1)


def _attribution_after(q: _Quote) -> Subject | None:
    """`," said X` after the closing mark; after a quote that ends its sentence only a short
    `X said.` clause (`"This is fantastic!" beamed X`: a lowercase word after `!`/`?` continues
    it)."""
    text, piece = q.doc.text, q.piece
    if piece.close_pos is None:
        return None
    para_end = q.doc.paragraphs[piece.last_para][1]
    nxt = _next_opener(text, piece.close_pos + 1, para_end)
    limit = min(nxt if nxt is not None else para_end, piece.close_pos + 200)
    after = text[piece.close_pos + 1 : limit]
    ends_sentence = text[piece.end - 1] in ".!?…" if piece.end > piece.start else False
    if ends_sentence and _CAPITAL_NEXT.match(after):
        return short_attribution(after, piece.close_pos + 1)
    return phrase_after(after, piece.close_pos + 1, text[piece.end - 1] in ",!?")


_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _colon_intro(q: _Quote) -> Subject | None:
    """`Ana Vell said: "We will rebuild." Chief Tom Marsh acknowledged that ...`: a quote that a
    reporting verb and a colon introduce and that ends its sentence is that verb's subject's;
    a short sentence after it reports its own statement (`acknowledged that ...`), so it is
    not read as this quote's attribution (the words after a quote are tried first otherwise)."""
    text, piece = q.doc.text, q.piece
    if piece.close_pos is None or piece.end <= piece.start or text[piece.end - 1] not in ".!?…":
        return None
    _, left_start = _starts(q.doc, piece)
    before = text[left_start : piece.open_pos]
    if not before.rstrip().endswith(":"):
        return None
    found = phrase_before(before, left_start)
    return found if found is not None and found.cue.lower() in VERBS else None


def _attribution_before(q: _Quote) -> Subject | None:
    _, left_start = _starts(q.doc, q.piece)
    return phrase_before(q.doc.text[left_start : q.piece.open_pos], left_start)


def _starts(doc: Findings, piece: Piece) -> tuple[int, int]:
    """Where the piece's sentence starts (within its paragraph), and where the words before
    the piece that may name its speaker start: after any earlier quote of the sentence."""
    s_start = max(_sentence_at(doc, piece.open_pos)[0], doc.paragraphs[piece.para][0])
    return s_start, max(s_start, _last_closer_before(doc, piece))


def _colon_paragraph(q: _Quote) -> Subject | None:
    return _colon_paragraph_before(q.doc, q.piece)


def _closing(q: _Quote) -> Subject | None:
    return _closing_attribution(q.doc, q.piece)


# Where a quote's speaker phrase is looked for, in order: news attributions usually follow
# the quote, so the words after it come before those leading up to it, except a reporting
# verb and colon right before a quote that ends its sentence.
PIECE_RULES = (
    Rule("dash_signature", _signature_after),
    Rule("colon_intro", _colon_intro),
    Rule("after_quote", _attribution_after),
    Rule("before_quote", _attribution_before),
    Rule("colon_paragraph", _colon_paragraph),
    Rule("closing_attribution", _closing),
)


def attach_phrase(doc: Findings, piece: Piece) -> None:
    """Find the speaker phrase and cue of a piece (`PIECE_RULES`), else a fallback subject."""
    found = first_match(PIECE_RULES, _Quote(doc, piece))
    if found:
        piece.attribute(found)
        return
    s_start, left_start = _starts(doc, piece)
    before = doc.text[left_start : piece.open_pos]
    piece.fallback = _fallback_subject(doc, piece, before, left_start, s_start)


_NAME_RUN = r"[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){0,3}"
# A space within a line; web text often has a no-break space beside a signature's dash
_HSPACE = r"[ \t\xa0]"
_SIGNATURE = re.compile(
    rf"{_HSPACE}*(?:\n\s*)?(?P<dash>[―—–]|--?){_HSPACE}?(?P<np>{_NAME_RUN}){_HSPACE}*"
    rf"(?=[.,]?{_HSPACE}*(?:\n|$|[“\"])|,{_HSPACE}+[a-z]|,{_HSPACE}+{_NAME_RUN}\.?{_HSPACE}*(?:\n|$))"
)


def _dash_signature(text: str, pos: int) -> Subject | None:
    """`"..." ― Pia Vale` / `"..."` then a line `- Ada Lind.`: a dash and a name
    alone (or with an aside: `-Mia Marks, Philadelphia.`) right after a quote sign it,
    as in pull quotes and collected reader comments."""
    m = _SIGNATURE.match(text, pos)
    if not m:
        return None
    np, shift = clean_np(m.group("np").rstrip("."))
    if not np or not plausible_np(np):
        return None
    return Subject(np, m.start("np") + shift, m.group("dash"), None)


def _closing_attribution(doc: Findings, piece: Piece) -> Subject | None:
    """`"An embarrassment" if she didn't win by more, said Ben Wasserholt, an analyst.`: an
    attribution closing the sentence names the speaker of a quote that opens it, when no
    other quotation stands between them."""
    if piece.close_pos is None:
        return None
    _, s_end = _sentence_at(doc, piece.open_pos)
    tail = doc.text[piece.close_pos + 1 : s_end]
    if _next_opener(tail, 0, len(tail)) is not None:
        return None
    commas = [m.end() for m in re.finditer(",", tail)][-3:]
    for comma in reversed(commas):
        found = phrase_after(tail[comma:], piece.close_pos + 1 + comma)
        if found and found.cue in VERBS:  # lowercase: `Vell Political Report` is no verb
            return found
    return None


def _colon_paragraph_before(doc: Findings, piece: Piece) -> Subject | None:
    """`Dr. Ward stated:` closing the previous paragraph introduces a quote paragraph."""
    p_start = doc.paragraphs[piece.para][0]
    if piece.para == 0 or piece.open_pos != p_start:
        return None
    prev_start, prev_end = doc.paragraphs[piece.para - 1]
    if not doc.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    s_start, s_end = _sentence_at(doc, doc.text.rindex(":", prev_start, prev_end))
    s_start = max(s_start, prev_start)
    return phrase_before(doc.text[s_start:s_end], s_start)


def _fallback_subject(
    doc: Findings, piece: Piece, before: str, left_start: int, s_start: int
) -> Fallback | None:
    """Subject of the quote's own sentence (`Moore thanked him for "..."`), or of the sentence
    before it in the paragraph (`Vell touted her record. "We need ..."`)."""
    if before.strip():
        found = sentence_subject(before, left_start, "")
        return Fallback(found.np, found.pos, own_sentence=True) if found else None
    para_start = doc.paragraphs[piece.para][0]
    prev = [(s, e) for s, e in doc.sentences if para_start <= s and e <= s_start]
    if not prev or doc.text[prev[-1][0]] in OPENERS:
        return None
    s, e = prev[-1]
    found = sentence_subject(doc.text[s:e], s, "")
    return Fallback(found.np, found.pos) if found else None


def _last_closer_before(doc: Findings, piece: Piece) -> int:
    """End of the previous quote in the same paragraph, so its words are not re-read."""
    best = -1
    for other in doc.pieces:
        if other is piece or other.last_para != piece.para or other.close_pos is None:
            continue
        if other.close_pos < piece.open_pos:
            best = max(best, other.close_pos + 1)
    return best
