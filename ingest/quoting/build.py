"""Second pass: resolve speakers in text order and build the Quote objects.

Order matters: a pronoun or role phrase resolves to the people named before it, so turns,
pieces and reported statements are visited in the order their speakers are written.
"""

from __future__ import annotations

import re
from typing import Any

from ingest.quoting.continuation import SENTENCE_BREAK, statement_right_before
from ingest.quoting.lexicon import CLAUSE_OPENERS, PRONOUNS, VERBS, split_words
from ingest.quoting.model import Findings, Piece, Resolved, quote_record
from ingest.quoting.notes import in_turn_words, statements_in_notes
from ingest.quoting.resolve import Resolver
from ingest.quoting.rolephrase import role_phrase
from ingest.quoting.transcripts import confirmed_turns, label_speakers, turn_quotes
from ingest.speakers.keys import speakers_named
from ingest.speakers.recorded_roles import usable_role
from ingest.speakers.unify import unify_speakers
from ingest.types import Quote


def build_quotes(
    doc: Findings, entities: dict[str, tuple[tuple[str, int, int], ...]]
) -> list[Quote]:
    """Resolve speakers in text order and build the Quote objects."""
    doc.turns = confirmed_turns(doc, entities)
    statements_in_notes(doc)
    resolver = Resolver(doc, entities)
    speakers = label_speakers(doc, resolver)
    events = _events(doc)
    _add_name_mentions(resolver)
    raw: list[dict[str, Any]] = []
    piece_speaker: dict[int, dict[str, Any]] = {}
    for _pos, kind, idx in events:
        if kind == "turn":
            raw.extend(turn_quotes(doc, idx, resolver, speakers))
        elif kind == "piece":
            piece_speaker[idx] = _piece_quote(doc, idx, resolver)
        elif kind == "subject":
            _note_subject(doc, idx, resolver)
        else:
            item = _indirect_quote(doc, idx, resolver, raw + list(piece_speaker.values()))
            if item:
                raw.append(item)
    _fill_unattributed(doc, piece_speaker, raw, resolver)
    statements = [r for r in raw if r["kind"] == "indirect"]
    raw.extend(
        v
        for v in piece_speaker.values()
        if _keep_piece(doc.text, v) and not _term_in_statement(doc.text, v, statements)
    )
    return _unify(doc.text, raw, resolver.roles)


def _events(doc: Findings) -> list[tuple[int, str, int]]:
    """Turns, pieces and reported statements ordered by where their speaker is named."""
    events = [(t.label.pos, "turn", i) for i, t in enumerate(doc.turns)]
    for i, piece in enumerate(doc.pieces):
        if not in_turn_words(doc, piece.open_pos):
            events.append((piece.np_pos if piece.np_pos >= 0 else piece.start, "piece", i))
    for i, item in enumerate(doc.indirect):
        if not in_turn_words(doc, item.start):
            events.append((item.np_pos if item.np_pos >= 0 else item.start, "indirect", i))
    events.extend((subject.pos, "subject", i) for i, subject in enumerate(doc.subjects))
    return sorted(events)


def _note_subject(doc: Findings, idx: int, resolver: Resolver) -> None:
    """A sentence's subject that reports nothing (`Findings.subjects`): a mention only."""
    subject = doc.subjects[idx]
    resolved = resolver.resolve(subject.np, subject.pos, subject.role)
    if not _unattributable(resolved, subject.np):
        resolver.note(subject.pos, resolved, subject.np.lower())


def _add_name_mentions(resolver: Resolver) -> None:
    """Mentions of introduced people outside quotes, so pronouns can point at them."""
    for pos, person, _ in resolver.roles:
        resolver.note(pos, Resolved(person, person, None, "person"))


def _piece_quote(doc: Findings, idx: int, resolver: Resolver) -> dict[str, Any]:
    """A direct quote with its own speaker phrase resolved, or unattributed for now (also
    when the phrase names nobody: `"..." Please tell them`)."""
    piece = doc.pieces[idx]
    resolved = resolver.resolve(piece.np, piece.np_pos, piece.role) if piece.np else None
    if resolved is None or resolved.kind == "nobody":
        return quote_record(
            (piece.start, piece.end), "direct", None, None, "unattributed", attributed=False
        )
    resolver.note(piece.np_pos, resolved, piece.np.lower())
    return quote_record((piece.start, piece.end), "direct", resolved, piece.cue, piece.rule or "")


def _indirect_quote(
    doc: Findings, idx: int, resolver: Resolver, earlier: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """A reported statement; without a subject of its own (a participle that opens the
    sentence) it takes the speaker of the last quote before it, else it is dropped."""
    statement = doc.indirect[idx]
    start, end, np, np_pos = statement.start, statement.end, statement.np, statement.np_pos
    if not np:
        same = [q for q in earlier if q["end"] <= start and q.get("speaker")]
        if not same:
            return None
        last = max(same, key=lambda q: q["end"])
        resolved = Resolved(last["speaker"], last["speaker_as_written"], last["role"], "person")
    else:
        resolved = resolver.resolve(np, np_pos, statement.role)
        if _unattributable(resolved, np):
            return None
        resolver.note(np_pos, resolved, np.lower())
    return quote_record((start, end), "indirect", resolved, statement.cue, statement.rule)


def _unattributable(resolved: Resolved, np: str) -> bool:
    """The phrase resolved to no one and is no pronoun (an unresolved "he" keeps its
    statement, unattributed)."""
    if resolved.kind == "nobody":
        return True
    return resolved.speaker is None and resolved.kind == "other" and np.lower() not in PRONOUNS


def _fill_unattributed(
    doc: Findings,
    items: dict[int, dict[str, Any]],
    statements: list[dict[str, Any]],
    resolver: Resolver,
) -> None:
    """Give unattributed pieces the speaker of a neighbouring quote.

    Order of preference: a piece of the same paragraph before it, one after it, a reported
    statement of the same paragraph before it (`The city may act, Smith said. "We are
    ready."`), the last quote or reported statement of the previous paragraph when this piece
    opens its paragraph
    (continuation: `Smith said the city would win.` then a quote paragraph), and finally the
    subject of its own or the preceding sentence.
    """
    order = sorted(items)
    for idx in order:
        item = items[idx]
        if item["attributed"]:
            continue
        piece = doc.pieces[idx]
        if not _quoted_before(doc, items, idx, piece) and _own_subject(piece, item, resolver):
            continue
        source = _neighbour(doc, items, idx, piece, statements)
        if source is not None:
            item.update(
                speaker=source["speaker"],
                speaker_as_written=source["speaker_as_written"],
                role=source["role"],
                cue=source["cue"],
                rule="continues_previous",
                attributed=True,
                inherited=True,
                beside=_in_one_sentence(doc.text, source, item),
            )
        elif piece.fallback is not None:
            resolved = resolver.resolve(piece.fallback.np, piece.fallback.pos, None)
            if resolver.names_someone(piece.fallback.np, resolved):
                _weakly_attributed(item, resolved, "sentence_subject_fallback")


def _in_one_sentence(text: str, source: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether a quote stands in one sentence with the attributed quote it takes its speaker
    from (`said it was "a fantastic gift" that would help Labour "win the election"`): the
    sentence's reporting verb then governs both. The gap is read from the source's last
    character, since a quote's text keeps its own full stop (`"We won." Then "..."`)."""
    if source.get("inherited"):
        return False
    first, second = sorted((source, item), key=lambda r: r["start"])
    gap = text[max(first["end"] - 1, 0) : second["start"]]
    return SENTENCE_BREAK.search(gap) is None


def _quoted_before(doc: Findings, items: dict[int, dict[str, Any]], idx: int, piece: Piece) -> bool:
    """Whether an attributed quote comes before the piece in its paragraph."""
    return any(
        i < idx and doc.pieces[i].para == piece.para and items[i]["attributed"] for i in items
    )


def _own_subject(piece: Piece, item: dict[str, Any], resolver: Resolver) -> bool:
    """`Ola Vint sings, "..."`, `A footnote in the report makes that clear: "..."`: a quote
    inside a sentence whose subject names someone is that subject's, not the speaker of a
    quote later in the paragraph or of a reported statement (tried after a quote earlier in
    the paragraph, which usually continues). True when it gave the speaker."""
    if piece.fallback is None or not piece.fallback.own_sentence:
        return False
    resolved = resolver.resolve(piece.fallback.np, piece.fallback.pos, None)
    if not resolver.names_someone(piece.fallback.np, resolved):
        return False
    _weakly_attributed(item, resolved, "own_sentence_subject")
    return True


def _weakly_attributed(item: dict[str, Any], resolved: Resolved, rule: str) -> None:
    """Give a quote the speaker a sentence subject names: attributed, but weakly (no cue)."""
    item.update(
        speaker=resolved.speaker,
        speaker_as_written=resolved.as_written,
        role=resolved.role,
        rule=rule,
        attributed=True,
        weak=True,
    )


def _neighbour(
    doc: Findings,
    items: dict[int, dict[str, Any]],
    idx: int,
    piece: Piece,
    statements: list[dict[str, Any]],
) -> dict[str, Any] | None:
    """The quote an unattributed piece continues (preference order in `_fill_unattributed`)."""
    same = [i for i in items if doc.pieces[i].para == piece.para and items[i]["attributed"]]
    before = [i for i in same if i < idx]
    after = [i for i in same if i > idx]
    para_start = doc.paragraphs[piece.para][0]
    since = items[before[-1]]["end"] if before else para_start
    if before and (nearer := statement_right_before(doc.text, piece, statements, since)):
        return nearer  # `"...," Vell said. Marsh admitted that ... "..."`: Marsh goes on
    if before:
        return items[before[-1]]
    if after:
        return items[after[0]]
    reported = [
        r
        for r in statements
        if r["kind"] == "indirect" and r["speaker"] and para_start <= r["end"] <= piece.open_pos
    ]
    if reported:  # `The city may act soon, Smith said. "We are ready."`
        return max(reported, key=lambda r: r["end"])
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
    one- or two-word scare quotes, and Title Case titles ("Meet the Press"), which
    only a listed reporting verb attributes (`with "Morning Westland," Reed pointed to`)."""
    words = text[item["start"] : item["end"]].split()
    explicit = bool(item.get("speaker")) and not item.get("weak") and not item.get("inherited")
    title = len(words) <= _TITLE_MAX_WORDS and all(_title_word(w) for w in words)
    if explicit:
        owned = title and _after_possessive(text, item["start"])
        return not title or (item.get("cue") or "").lower() in VERBS and not owned
    inherited = bool(item.get("inherited"))
    own_cue = item.get("cue") and not inherited
    far = inherited and not item.get("beside")
    fewest = _FEWEST_OPEN if own_cue else _fewest_unattributed_words(text, item, far)
    return len(words) > fewest and not title


def _term_in_statement(text: str, item: dict[str, Any], statements: list[dict[str, Any]]) -> bool:
    """`Mr Vell insisted his plans were "affordable"`: a quote of one or two words inside a
    statement of the same speaker is a term the statement quotes, not speech of its own; as a
    quote it would read `Vell said: "affordable"`, so only the statement keeps it."""
    if len(text[item["start"] : item["end"]].split()) > _FEWEST_OPEN:
        return False
    return any(
        s["start"] <= item["start"] and item["end"] <= s["end"] and s["speaker"] == item["speaker"]
        for s in statements
    )


# The longest title: a book's with its subtitle (`"Crippled America: How to Make America Great
# Again,"`) runs to ten words; a sentence of speech in Title Case hardly ever does.
_TITLE_MAX_WORDS = 10
# Words an unattributed quote needs, when it opens its sentence and when it continues one;
# and one that continues a sentence with only the speaker of a quote in another sentence.
_FEWEST_OPEN, _FEWEST_IN_SENTENCE, _FEWEST_INHERITED_IN_SENTENCE = 2, 3, 12


def _fewest_unattributed_words(text: str, item: dict[str, Any], far: bool) -> int:
    """`the "regional" candidate`, `a "total and complete" ban`: a short quote inside the
    writer's sentence with no attribution (no cue) is a term the writer marks, and a
    neighbour's speaker does not make it a statement, so it needs one word more than a
    quote that opens its sentence. When its only speaker is that of a quote in another
    sentence (`the permit bars work that could cause "lasting harm to the river bed."` after
    a quote of the engineer), it is a phrase the writer quotes from a law, a report or a
    slogan, speech only if it runs to more than a clause's worth of words (`far`)."""
    before = text[max(0, item["start"] - 4) : item["start"]].rstrip("\"“”‘’' ")
    if not before[-1:].isalnum():
        return _FEWEST_OPEN
    return _FEWEST_INHERITED_IN_SENTENCE if far else _FEWEST_IN_SENTENCE


def _after_possessive(text: str, start: int) -> bool:
    """`ABC's "Good Morning America"`, `the network's "This Week"`: a title owned by a
    possessive names a show or publication, whatever verb stands near it. The marks are cut
    before the ending is read, so a doubled apostrophe (`WBC's ''Harbour Week''`) reaches it too."""
    before = text[max(0, start - 8) : start].rstrip("\"“‘' ")
    return before.endswith(("'s", "’s"))


def _title_word(word: str) -> bool:
    """A word a title may hold: capitalised, a number (`Apollo 13`, `Ana 2008`) or a small
    word (`of`, `the`)."""
    return word[:1].isupper() or word[:1].isdigit() or word.lower() in _TITLE_SMALL


_TITLE_SMALL = frozenset(split_words("a an the of and or in on at to for with from by &"))


_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
# Endings of the adjectives an office's `of the` phrase is cut at ("Head of the Federal").
_ADJECTIVE_ENDINGS = ("al", "ic", "ian", "ese", "ish")


def _cut_at_adjective(words: list[str]) -> bool:
    """An office whose `of the` phrase ends in a capitalised adjective was cut short: the
    body it names comes after (`Head of the Federal [Medical-Biological Agency]`)."""
    if len(words) < 3 or [w.lower() for w in words[-3:-1]] != ["of", "the"]:
        return False
    return words[-1][:1].isupper() and words[-1].lower().endswith(_ADJECTIVE_ENDINGS)


def _mentioned_role(written: str, speaker: str, others: set[str]) -> str | None:
    """A role the article writes beside a name, when it reads as a whole office: one word only
    as a title (`Chancellor`, not the `chief` of a split `chief financial officer`), no other
    speaker inside (`Kai Renko and Italian Prime Minister`), no clause opener first
    (`Since President`), nothing the speaker's own name holds (`President` from
    `Vice-President Lars Nyberg`)."""
    end = written.rsplit(" ", 1)[-1]
    written = written[:-1] if end.endswith(".") and len(end) > 5 else written  # "aide."
    role = usable_role(role_phrase(written))
    if not role or role.split()[-1].lower() in speaker.lower():
        return None
    if role.split()[0].lower() in CLAUSE_OPENERS or any(o in role for o in others):
        return None
    last = role.split()[-1]
    if last.islower() and last.endswith("s") and not last.endswith("ss"):
        return None  # "former Disney directors": a group, not this person's office
    if _cut_at_adjective(role.split()):
        return None  # "Head of the Federal" (Medical-Biological Agency)
    return role if " " in role or role[:1].isupper() else None


def _unify(
    text: str, raw: list[dict[str, Any]], mentions: list[tuple[int, str, str]]
) -> list[Quote]:
    """Canonical names per article, roles carried to every quote of a person, sorted output.
    A person whose quotes carry no role takes the one the article writes with their name
    elsewhere (`Foreign Secretary Jack Vell visited ...` then `"...," Vell said`), so a
    question asking for the office finds them."""
    names = [r["speaker"] for r in raw if r.get("speaker")]
    canon = unify_speakers(names, text)
    roles: dict[str, str] = {}
    for r in raw:
        r["role"] = role_phrase(r.get("role"))  # a noun phrase, never a leftover
        if r.get("speaker") and r["role"]:
            roles.setdefault(canon.get(r["speaker"], r["speaker"]), r["role"])
    speakers = {canon.get(name, name) for name in names}
    for pos, person, written in sorted(mentions):
        same = speakers_named(person, speakers)  # "Mr Vellard"; not Bob for Ana Vell
        if len(same) != 1 or _OF_BEFORE.search(text, max(0, pos - 12), pos):
            continue  # "Deputy Head of the Office of the [President of Ukraine] Jon Pelk"
        holder = same.pop()
        if role := _mentioned_role(written, holder, speakers - {holder}):
            roles.setdefault(holder, role)
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
                rule=r["rule"],
            )
        )
    return quotes
