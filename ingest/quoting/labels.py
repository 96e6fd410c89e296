"""Speaker labels of transcripts (`Nils Varo: ...`), wherever they stand in running text.

Some corpora lost their paragraph breaks, so a label may follow the previous turn's last
sentence on the same line (`... Thank you. Mr Brook. Director of the Foreign Intelligence
Service Nils Brook Brook NilsDirector of the Foreign Intelligence Service : Mr
President, ...`). A label is therefore read backwards from its colon: the run of capitalised
words and small connectors (`of`, `the`) that a sentence end, a line start or the text start
opens. Its parse gives the name and the role as written, before any NER:

- the scraped doubled label `ROLE First Last Last FirstROLE2` names the person exactly;
- a label that is a bare name (`Ida Kron`) is that name;
- a label that ends with a bare name labelling another turn (`President of Westland Sven
  Ostby` when `Sven Ostby:` labels a later turn) is role + that name.

Everything else (`Director of the Federal Security Service Lars Orvik`, `President of
Russia`) is left to `transcripts`, which reads the label with NER.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import NamedTuple

from ingest.quoting.lexicon import (
    FIRST_SECOND_PERSON,
    NAME_ABBREVIATIONS,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_GENDER,
    alternation,
    split_words,
)
from ingest.quoting.lexicon_speakers import OFFICE_PREFIXES
from ingest.quoting.model import Label

_NON_SPACE = re.compile(r"\S+")

QA_LABELS = {
    "question": "question",
    "q": "question",
    "interviewer": "question",
    "moderator": "question",
    "remark": "question",  # an unnamed participant's interjection
    "answer": "answer",
    "a": "answer",
    "reply": "answer",
    "response": "answer",
}
# Small words that stand inside a role or a name (`Minister of the Interior`, `bin`).
CONNECTORS = frozenset(split_words("of for the and de von van al bin ibn da del la le on in to at"))
# a colon and the space after it; none before an ellipsis (`Petr Salo:…we are`)
_COLON = re.compile(r"[ \t]?:(?:[ \t]+(?=\S)|(?=[…\"“]))")
# an editor's note that opens in lower case (`(retranslated)`, `(in Russian)`, `(commenting on
# the idea of ...)`) or an acronym (`Agency(FMBA)`) before the colon: none of it is a speaker's
_NOTE = re.compile(r"\s*\((?:[a-z][^()]{0,300}|[A-Z]{2,8})\)\s*$")
_DASHES = "–—-"  # `Deputy Prime Minister – Industry and Trade Minister`: a dash inside a role
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’\-]*$")
_ABBREVIATION = re.compile(
    r"^(?:[A-Z]|" + alternation(w.capitalize() for w in NAME_ABBREVIATIONS) + r")\.$"
)
_GLUED = re.compile(r"^[A-Z][a-z]+(?=[A-Z])")  # `PyotrPromsvyazbank`: a first name glued to a role
_SENTENCE_END = tuple('.!?…"”)]»*>')  # `>`: the `<…>` of an omitted passage
_MAX_TOKENS = 30
# A doubled label may be longer: its role is written twice (`Director of the Federal Service
# ... Kai Voss Voss KaiDirector of the Federal Service ...`, 45 words).
_MAX_DOUBLED_TOKENS = 60
_SENTENCE = re.compile(r"[^.!?\n]*")  # the words after a colon, up to their sentence end
_NOTE_IN_LIST = re.compile(r"\([^()]*\)")  # `Fletcher (Dorr 64)`: a substitution note
_LIST_ITEM_WORDS = 4
_LOOK_BACK = 400


def find_labels(text: str) -> list[Label]:
    """Candidate speaker labels in text order; one colon gives at most one label.

    A label that does not open a sentence (`... talks President of Westland Sven Ostby:`,
    after a heading that lost its full stop) counts only in its doubled form, or in a text
    that is a transcript (two people label sentence-opening turns, or a label is doubled) when
    its name labels a turn that opens a sentence or it names an office; a title such as
    `Star Trek: Enterprise` repeated mid-sentence is no dialogue. A sentence that is only
    such a name (`Ivo Vint. Thank you.`) is a label whose colon was lost.
    """
    runs: list[tuple[_Found, int]] = []
    for m in _COLON.finditer(text):
        label = _label_before(text, m.start())
        if (
            label is not None
            and _plausible(label.words, label.at_line_start)
            and not _lists_names(text, m.end(), label.words)
        ):
            runs.append((label, m.end()))
    if len({label.words for label, _ in runs if label.opens}) < 2:  # no transcript yet
        runs = [(_speech_after_heading(text, label, body) or label, body) for label, body in runs]
    found = [(_parse(label.start, label.words, body), label.opens) for label, body in runs]
    plain = {lab.text for lab, _ in found if lab.name == lab.text}
    found += _surname_labels(text, plain)
    named = [_with_known_name(lab, plain) for lab, _ in found]
    opens_at = [opens for _, opens in found]
    opening = Counter(lab.name for lab, opens in zip(named, opens_at, strict=True) if opens)
    speakers = {lab.name or lab.text for lab, opens in zip(named, opens_at, strict=True) if opens}
    transcript = len(speakers) >= 2 or any(lab.doubled for lab in named)
    kept = [
        lab
        for lab, opens in zip(named, opens_at, strict=True)
        if opens
        or lab.doubled
        or transcript
        and (opening[lab.name] or any(w.lower() in ROLE_WORDS for w in lab.text.split()))
    ]
    kept += _full_stop_labels(text, {n for n, c in opening.items() if n and " " in n and c >= 2})
    kept.sort(key=lambda lab: lab.pos)
    last_words = Counter(lab.text.split()[-1].lower() for lab in kept)
    return [replace(lab, repeated=last_words[lab.text.split()[-1].lower()] >= 2) for lab in kept]


# How many words of a speech's start may show its speaker's first person (`I shall speak`)
_SPEECH_OPENING_WORDS = 60


def _speech_after_heading(text: str, label: _Found, body: int) -> _Found | None:
    """`Speech at the first session of the G20 Summit President of Westland Sven Ostby:
    Chairman Renko, colleagues, I shall speak ...` (Kremlin speeches): the heading lost its
    full stop, or ends with a lowercase word (`meeting on defence industry President of
    Russia ...`), so the label seemed to continue a sentence and, alone, was dropped, leaving
    the whole speech unattributed. From its first office word on (an office, then a name of
    two capitalised words) it is a label that opens the speech, when the speech's first words
    speak in the first or second person; a heading's words never name the speaker. Tried
    only where fewer than two labels open a sentence: in a transcript the labels that do say
    where turns start."""
    words = label.words.split()
    offices = [i for i, w in enumerate(words) if w.lower() in ROLE_WORDS]
    if not offices or len(words) - offices[0] < 3 or not _ends_with_bare_name(words):
        return None
    opening = re.findall(r"[\w’']+", text[body : body + 800])[:_SPEECH_OPENING_WORDS]
    if not FIRST_SECOND_PERSON & {w.lower() for w in opening}:
        return None
    first = offices[0]
    while first and words[first - 1].lower() in OFFICE_PREFIXES:
        first -= 1  # `Prime` Minister of India
    pos = label.start
    for word in words[:first]:
        pos = text.find(word, pos) + len(word)
    start = text.find(words[first], pos)
    return _Found(start, " ".join(words[first:]), True, False)


def _ends_with_bare_name(words: list[str]) -> bool:
    """The last two words are capitalised and no office, title or organisation word."""
    return len(words) > 2 and all(
        w[:1].isupper() and w.lower() not in ROLE_WORDS | ORG_HEADS | TITLE_GENDER.keys()
        for w in words[-2:]
    )


# `Brook: Well, ...` at a line start: one capitalised word, a colon, the turn's words
_ONE_WORD_LABEL = re.compile(r"(?m)^([A-Z][a-z][\w'’\-]*):[ \t]+(?=\S)")


def _surname_labels(text: str, plain: set[str]) -> list[tuple[Label, bool]]:
    """`Brook:` and `Orlo:` at line starts after `Lena Brook: ...` and `Tess Orlo:
    ...`: a transcript labels a speaker in full once, then by surname. A one-word label is a
    turn of the one person the article labels with that surname, as a bare-name label or as a
    label written anywhere, inside a quotation too (`"Lena Brook: ...`; not a title, `Mr
    Brook:`), and that person is its name. A name written only in the narrative makes no
    label of a surname: `Lind: Win in a walk.` over a section about him is a heading. An
    office, organisation or Q/A word is no surname."""
    out = []
    for m in _ONE_WORD_LABEL.finditer(text):
        word = m.group(1)
        if word.lower() in ROLE_WORDS | ORG_HEADS | TITLE_GENDER.keys() | QA_LABELS.keys():
            continue
        written = {
            f"{g.group(1)} {word}"
            for g in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(word)}:", text)
            if g.group(1).lower() not in TITLE_GENDER.keys() | ROLE_WORDS | ORG_HEADS
        }
        names = {n for n in plain if n.split()[-1] == word} | written
        if len(names) == 1:
            out.append((Label(m.start(), word, m.end(), names.pop()), True))
    return out


def _lists_names(text: str, body: int, label: str) -> bool:
    """`Subs Not Used: Vint, Orvik, Kell (Ruiz 64).`: a heading over a comma list of names
    (a line-up, a cast list) labels no speech. Speech has lowercase words, a short address
    (`Yes, Mr President.`) has a title, a short answer opens with a word the text also
    writes in lower case (`Yes, Westland.`), and a speaker who introduces themselves names
    themselves (`Ana Vell: Ana Vell, Harbour News.`)."""
    sentence = _SENTENCE.match(text, body)
    items = _NOTE_IN_LIST.sub(" ", sentence.group() if sentence else "").split(",")
    own = label.split()[-1]
    first = items[0].split()
    return (
        len(items) >= 2
        and all(_name_item(item.split()) for item in items)
        and not any(own in item.split() for item in items)
        and not (len(first) == 1 and re.search(rf"\b{re.escape(first[0].lower())}\b", text))
    )


def _name_item(words: list[str]) -> bool:
    """One to four capitalised words (connectors and numbers inside, `and` before the last
    item), no title: a name in a list."""
    if words[:1] == ["and"]:
        words = words[1:]
    return (
        0 < len(words) <= _LIST_ITEM_WORDS
        and words[0][0].isupper()
        and words[0].lower().strip(".") not in TITLE_GENDER
        and all(w[0].isupper() or w.isdigit() or w in CONNECTORS for w in words)
    )


def _full_stop_labels(text: str, names: set[str]) -> list[Label]:
    """`... good luck. Ivo Vint. Thank you very much.`: a sentence that is nothing but
    the full name of a speaker labelling other turns is a label that lost its colon."""
    out = []
    for name in names:
        for m in re.finditer(rf"(?<=[.!?…] ){re.escape(name)}\.[ \t]+(?=[A-Z\"“])", text):
            out.append(Label(m.start(), name, m.end(), name))
    return out


def _label_word(word: str) -> bool:
    """A capitalised word or a connector (`of`, `the`); a dash inside a role (`Minister–`,
    `–`) too, which `_label_before` keeps only where a doubled name stands before it."""
    word = word.rstrip(_DASHES) or "of"
    return bool(_NAME_TOKEN.match(word)) and (word[0].isupper() or word in CONNECTORS)


class _Found(NamedTuple):
    """The words before a colon that may be a label."""

    start: int
    words: str
    opens: bool  # after a sentence end, a line start or the text start
    at_line_start: bool


def _label_before(text: str, colon: int) -> _Found | None:
    """The run of label words that ends at `colon` (a parenthesised note such as
    `(retranslated)` dropped), or None when there is none."""
    line_start = text.rfind("\n", 0, colon) + 1
    window_start = max(line_start, colon - _LOOK_BACK)
    end = colon
    note = _NOTE.search(text, window_start, colon)
    if note:
        end = note.start()
    tokens = list(_NON_SPACE.finditer(text[window_start:end]))
    kept = 0
    before_comma = 0  # words kept before the first comma met, walking back
    opens = True
    for tok in reversed(tokens):
        word = tok.group()
        if kept >= _MAX_TOKENS and not _long_doubled(tokens, kept):
            return None
        if _ABBREVIATION.match(word) or _label_word(word):
            kept += 1
            continue
        right = tokens[len(tokens) - kept].group() if kept else ""  # the word after it
        if (
            word.endswith(",")
            and _label_word(word[:-1])
            and word[0].isupper()
            and right[:1].isupper()
        ):
            before_comma = before_comma or kept  # `Minister of Digital Development, ...`
            kept += 1
            continue
        if word.endswith((",", ";")):
            return None  # `And the main thing, Mr President: ...` is a sentence going on
        opens = word.endswith(_SENTENCE_END)
        break
    else:
        opens = window_start == line_start
    if before_comma and not opens:
        kept = before_comma  # a comma inside a label only in a label that opens a sentence
    run = tokens[len(tokens) - kept :]
    if _after_dash(run) is not run:
        run, opens = _after_dash(run), False  # as if the walk had stopped at the dash
    while run and not run[0].group()[0].isupper():
        run = run[1:]  # `... meeting of the Council President ...`: connectors open no label
        opens = False
    if not run:
        return None
    start = window_start + run[0].start()
    words = " ".join(t.group() for t in run)
    return _Found(start, words, opens, not text[line_start:start].strip())


def _after_dash(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """The run from after its last dash, unless it is a doubled label: `Russia – Anna Vell:`
    labels Anna Vell; in `... Oda Renko Renko OdaDeputy Prime Minister – Industry
    and Trade Minister:` the dash stands inside the role the doubled form repeats."""
    dashes = [i for i, t in enumerate(run) if t.group()[-1] in _DASHES]
    if not dashes or _doubled([t.group() for t in run]) is not None:
        return run
    return run[dashes[-1] + 1 :]


def _long_doubled(tokens: list[re.Match[str]], kept: int) -> bool:
    """Whether a run of label words past `_MAX_TOKENS` may go on: only a doubled label, up to
    `_MAX_DOUBLED_TOKENS` words."""
    run = [t.group() for t in tokens[len(tokens) - kept :]]
    return kept < _MAX_DOUBLED_TOKENS and _doubled(run) is not None


def _plausible(label: str, at_line_start: bool) -> bool:
    """Q/A words (`Q:` and `A:` only at a line start), or at least two capitalised words
    ending with one: never a sentence."""
    words = label.split()
    if label.lower() in QA_LABELS:
        return len(label) > 1 or at_line_start
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= 2 and words[-1][0].isupper()


def _parse(pos: int, label: str, body: int) -> Label:
    """The label with the name and role its form gives (doubled or a bare name)."""
    words = label.split()
    doubled = _doubled(words)
    if doubled is not None:
        name, role = doubled
        return Label(pos, label, body, name, role, doubled=True)
    if _is_bare_name(words):
        return Label(pos, label, body, label)
    return Label(pos, label, body)


def _doubled(words: list[str]) -> tuple[str, str | None] | None:
    """(name, role) of `ROLE First Last Last FirstROLE2` or `ROLE Name Name ROLE2`; the role
    written first is kept, else the one glued after the name."""
    for i in range(len(words) - 3):
        first, last, again, glued = words[i : i + 4]
        if again == last and first != last and (glued.startswith(first) or _GLUED.match(glued)):
            # the first name may be spelt another way (`Petr Salo Salo PyotrCEO`)
            rest = glued[len(first) :] if glued.startswith(first) else _GLUED.sub("", glued)
            after = words[i + 4 : i + 5]
            if rest and not rest[0].isupper() or not rest and after and after[0].islower():
                continue  # `Patriarch Tobin Tobin Patriarch of ...` is the one-word form
            role2 = " ".join([rest, *words[i + 4 :]]).strip()
            return f"{first} {last}", _role(words[:i]) or role2 or None
    for i in range(len(words) - 5):  # `Sayyid Ola Brandt Brandt Sayyid OlaROLE`
        first, middle, last = words[i : i + 3]
        if words[i + 3 : i + 5] == [last, first] and words[i + 5].startswith(middle):
            rest = words[i + 5][len(middle) :]
            role2 = " ".join([rest, *words[i + 6 :]]).strip()
            return f"{first} {middle} {last}", _role(words[:i]) or role2 or None
    for i in range(1, len(words) - 2):
        if words[i] == words[i + 1] and words[i][0].isupper() and words[i + 2][0].isupper():
            return words[i], _role(words[:i]) or " ".join(words[i + 2 :])
    return None


def _role(words: list[str]) -> str:
    """Role words before a name, without a leading article."""
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _is_bare_name(words: list[str]) -> bool:
    """Two to four capitalised words (connectors inside) with no title, office or
    organisation word: a person's name as it stands."""
    if not 2 <= len(words) <= 4 or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return all(
        (w[0].isupper() or w in CONNECTORS)
        and w.lower().strip(".") not in ROLE_WORDS | TITLE_GENDER.keys() | ORG_HEADS
        for w in words
    )


def _with_known_name(label: Label, plain: set[str]) -> Label:
    """A role-and-name label whose last words are a bare name labelling another turn is
    split there: the name is known, the rest is the role."""
    name, role = label.name, label.role
    if name is None:
        for known in sorted(plain, key=len, reverse=True):
            if label.text.endswith(" " + known):
                name, role = known, _role(label.text[: -len(known)].split()) or None
                break
    return replace(label, name=name, role=role)
