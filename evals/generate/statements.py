"""Attributed statements in BBC and press articles, found by a small pattern set of our own.

The gold of the generated questions must not come from quotedesk's extractor (`ingest/quoting`),
or the evaluation would grade the extractor against itself. These rules are deliberately few and
conservative: a statement is kept only when its speaker is named right next to it and the
article spells out that person's full name somewhere. Missing a quote costs a question; a
wrong speaker would cost a wrong label, so every doubtful case is dropped.

Rules, in the order they are tried (`RULES`), each recorded on the statement it produced:
  quote_verb_name   "…," said Mr Vale / said the Foreign Minister Tom Reed
  quote_name_verb   "…," Mr Vale said / the Head of State stressed
  name_verb_quote   Mr Vale told the BBC: "…"
  transcript_label  … * * * President of Westland Ana Vell: … (inline transcripts)
  readout           The President stressed that … (reported statements in press readouts)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from evals.generate.corpora import Article
from evals.generate.text import Span, sentence_spans, word_set

# Reporting verbs by the lemma the question templates choose verbs by, and as written.
CUE_FORMS: dict[str, frozenset[str]] = {
    "say": word_set("said says added continued stated wrote announced recalled assured promised"),
    "tell": word_set("told tells"),
    "explain": word_set("explained explains"),
    "stress": word_set("stressed emphasised emphasized underlined"),
    "note": word_set("noted observed remarked"),
    "warn": word_set("warned warns cautioned"),
    "insist": word_set("insisted insists argued argues"),
    "claim": word_set("claimed claims"),
    "admit": word_set("admitted admits acknowledged conceded"),
    "deny": word_set("denied denies"),
    "respond": word_set("replied responded answered"),
    "want": word_set("urged demanded"),
    "think": word_set("believes thinks suggested"),
}
CUES: dict[str, str] = {form: lemma for lemma, forms in CUE_FORMS.items() for form in forms}
_CUE_ALTERNATION = "|".join(sorted(CUES, key=len, reverse=True))
# Reported-speech openings of readouts ("The President stressed that ..."), by lemma.
READOUT_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("stated that", "said that", "recalled that", "assured that"),
    "stress": ("stressed that", "emphasized that", "emphasised that"),
    "note": ("noted that", "pointed out that"),
    "warn": ("warned that",),
    "want": ("called for", "urged", "expressed hope that"),
    "think": ("is convinced that", "believes that", "expressed confidence that"),
    "deny": ("denied that",),
    "admit": ("admitted that",),
}
READOUT_CUES: dict[str, str] = {f: lemma for lemma, forms in READOUT_FORMS.items() for f in forms}

# Words that make a capitalised run a role rather than (part of) a name.
ROLE_WORDS = word_set(
    """
    president minister secretary chancellor head deputy chairman chairwoman chair chief
    executive director spokesman spokeswoman spokesperson aide adviser advisor governor
    mayor senator ambassador manager coach boss captain leader commissioner ceo officer
    commander editor analyst economist professor general speaker premier envoy
    representative founder owner prosecutor judge attorney counsel treasurer striker
    midfielder defender goalkeeper singer actor actress star player champion vice-
    president vice chancellor's sen rep gov ombudsman mp mep dg spokesman's candidate
    nominee congressman congresswoman
    """
)
HONORIFICS = word_set(
    """
    mr mrs ms miss dr sir lord lady dame prof mr. mrs. ms. dr. sen. rep. gov. comrade
    archpriest father rev colonel
    """
)
CONNECTORS = word_set(
    """
    of the for and on to de van von der al
    """
)
PRONOUNS = word_set(
    """
    he she they it we i you his her their this that who which
    """
)
# Capitalised words that open sentences but are never part of a person's name.
NOT_NAMES = STOP_WORDS | word_set(
    """
    however according later earlier speaking asked separately elsewhere instead overall
    today yesterday tomorrow
    """
)
# References to the head of state in that head of state's own press releases.
HEAD_OF_STATE_REFS = frozenset({"the president", "the head of state", "president"})

_QUOTE_MARKS = '"“”'
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*$")
_WORDS = re.compile(r"\S+")
_TOKEN_STRIP = ",.;:!?()\"“”'‘’"


@dataclass(frozen=True)
class Statement:
    """Words attributed to a named person: gold for the questions built on them."""

    article_id: str
    speaker: str  # canonical full name: the fullest form of the name in the article
    surname: str
    role: str | None  # the article's own wording next to the name ("Foreign Minister")
    spans: tuple[Span, ...]  # the quoted words / reported sentence, offsets into the text
    cue: str  # reporting verb lemma ("say", "warn", ...)
    rule: str  # the rule that found it (see RULES)

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


@dataclass(frozen=True)
class Reference:
    """How an attribution names its speaker: an optional role and an optional name."""

    role: str | None
    name: str | None
    text: str


# ----- quotations -----------------------------------------------------------------------------


def quotations(text: str) -> list[Span]:
    """Spans of the words inside quotation marks (marks excluded), paired within a paragraph.

    A mark opens when it follows a space, a paragraph start or an opening bracket/colon and is
    followed by a non-space; it closes when it follows a non-space and is followed by a space,
    punctuation or the end. An opening mark seen while one is open resets the pair, so a quote
    left open at a paragraph end (multi-paragraph quotes) never pairs with a later one.
    """
    out: list[Span] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            open_at = None
            continue
        if ch not in _QUOTE_MARKS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (before.isspace() or before in "(:[—–-") and not after.isspace() and ch != "”"
        closes = not before.isspace() and (after.isspace() or after in ",.;:!?)—–-") and ch != "“"
        if open_at is not None and closes:
            out.append(Span(open_at, i))
            open_at = None
        elif opens:
            open_at = i + 1
    return out


def _tokens_after(text: str, start: int, limit: int = 160) -> list[tuple[str, int, int]]:
    return [
        (m.group(0), m.start(), m.end())
        for m in _WORDS.finditer(text, start, min(len(text), start + limit))
    ]


def _is_ref_token(word: str) -> bool:
    bare = word.strip(_TOKEN_STRIP)
    low = bare.lower()
    return bool(bare) and (
        bool(_NAME_TOKEN.match(bare)) or low in CONNECTORS or low in ROLE_WORDS or low in HONORIFICS
    )


def _trailing_name(words: list[str]) -> list[str]:
    """The name at the end of a capitalised run. A word right after a connector ('President
    of Westland Ana Vell') is the role's object, not the name's first word."""
    name: list[str] = []
    for word in reversed(words):
        low = word.lower()
        if (
            _NAME_TOKEN.match(word)
            and low not in ROLE_WORDS | HONORIFICS | CONNECTORS | NOT_NAMES
            and not (word.endswith(".") and len(word) > 2)
            and not word.endswith(("'s", "’s"))
            and not (word.endswith("ing") and len(word) > 5)  # 'Addressing', 'Speaking'
        ):
            name.insert(0, word)
        else:
            break
    while len(name) > 1:
        before = words[len(words) - len(name) - 1].lower() if len(words) > len(name) else ""
        if before not in CONNECTORS:
            break
        name.pop(0)
    return name


def parse_reference(words: list[str]) -> Reference | None:
    """Split 'the Foreign Minister Tom Reed' into role and name; None for pronouns or
    anything that is neither a name nor a role phrase."""
    words = [w.strip(_TOKEN_STRIP) for w in words]
    words = [w for w in words if w]
    if not words or words[0].lower() in PRONOUNS:
        return None
    name = _trailing_name(words)
    rest = words[: len(words) - len(name)]
    while rest and rest[-1].lower() in HONORIFICS:
        rest.pop()
    role_words = [w for w in rest if w.lower() not in ("the", "a")] if rest else []
    role = " ".join(rest) if any(w.lower() in ROLE_WORDS for w in role_words) else None
    if role and role.lower().startswith("the "):
        role = role[4:]
    if rest and not role and any(w.lower() not in CONNECTORS | HONORIFICS for w in rest):
        return None  # words before the name that are not a role: not a clean reference
    if not name and not role:
        return None
    return Reference(role=role, name=" ".join(name) or None, text=" ".join(words))


def _ref_after_verb(text: str, pos: int) -> tuple[str, Reference] | None:
    """', said Mr Vale.' right after a closing quote: (cue lemma, reference)."""
    m = re.compile(rf",?[ \t]*({_CUE_ALTERNATION})[ \t]+", re.I).match(text, pos)
    if not m or m.start(1) - pos > 3:
        return None
    words: list[str] = []
    for word, _s, _e in _tokens_after(text, m.end()):
        if not _is_ref_token(word):
            break
        words.append(word)
        if word[-1] in ",.;:!?":
            break
    ref = parse_reference(words)
    return (CUES[m.group(1).lower()], ref) if ref else None


def _ref_before_verb(text: str, pos: int) -> tuple[str, Reference] | None:
    """', Mr Vale said.' right after a closing quote: (cue lemma, reference)."""
    m = re.compile(r",?[ \t]+").match(text, pos)
    if not m:
        return None
    words: list[str] = []
    for word, _s, _e in _tokens_after(text, m.end()):
        low = word.lower().strip(_TOKEN_STRIP)
        if low in CUES and words:
            ref = parse_reference(words)
            return (CUES[low], ref) if ref else None
        if not _is_ref_token(word) or word[-1] in ",.;:!?":
            return None
        words.append(word)
    return None


_BEFORE_QUOTE = re.compile(
    rf"(?P<ref>(?:[A-Z][\w'’.-]*|of|the|for|and|{'|'.join(sorted(ROLE_WORDS))})"
    rf"(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|{'|'.join(sorted(ROLE_WORDS))})){{0,10}})"
    rf"\s+(?P<cue>{_CUE_ALTERNATION})(?:\s+(?:the\s+)?[\w'’-]+){{0,3}}\s*[:,]\s*$"
)


def _ref_before_quote(text: str, pos: int) -> tuple[str, Reference] | None:
    """'Mr Vale told the BBC: "' before an opening quote: (cue lemma, reference)."""
    head = text[max(0, pos - 160) : pos - 1]
    m = _BEFORE_QUOTE.search(head)
    if not m:
        return None
    words = m.group("ref").split()
    ends = [
        i
        for i, w in enumerate(words)
        if w.endswith(".") and w.lower() not in HONORIFICS and len(w) > 2
    ]
    ref = parse_reference(words[ends[-1] + 1 :] if ends else words)
    return (CUES[m.group("cue").lower()], ref) if ref else None


# ----- names and roles ------------------------------------------------------------------------


def full_name(text: str, surname: str) -> str | None:
    """The fullest form of a name in the article ('Ida Vale' for 'Vale'), or None when the
    article never gives more than the surname or gives two different fullest forms.

    Only forms seen in a clean context count: after a lower-case word, a sentence end or a
    transcript break, never after another capitalised word, so the end of an organisation's
    name ('… Management Board Andrei Kostin') is not taken for a first name.
    """
    pattern = re.compile(rf"((?:[A-Z][\w'’-]+\s+){{1,2}}){re.escape(surname)}\b")
    forms: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    for m in pattern.finditer(text):
        tokens = [*m.group(1).split(), surname]
        name = _trailing_name(tokens)
        before = text[max(0, m.start() - 40) : m.start()].split()
        context = [*before, *tokens[: len(tokens) - len(name)], *name]
        offset = len(context) - len(name)
        for cut in range(len(name) - 1):
            clean = _clean_before(context[offset + cut - 2 : offset + cut])
            if clean:
                (forms if clean == "strong" else weak)[" ".join(name[cut:])] += 1
    forms = forms or weak
    forms = Counter({f: c for f, c in forms.items() if len(set(f.split())) == len(f.split())})
    # A three-word form opening with a word the article also writes in lower case is an
    # organisation's or a sentence's word before the name ('Environment Alexander Kozlov').
    lowered = set(re.findall(r"\b[a-z][a-z-]+\b", text))
    forms = Counter(
        {
            (
                " ".join(f.split()[1:])
                if len(f.split()) > 2 and f.split()[0].lower() in lowered
                else f
            ): c
            for f, c in forms.items()
        }
    )
    # A long form seen once, whose shorter ending is also seen, is more likely an
    # organisation's last word before the name ('… and Environment Alexander Kozlov:').
    forms = Counter(
        {
            f: c
            for f, c in forms.items()
            if not (c == 1 and len(f.split()) > 2 and " ".join(f.split()[1:]) in forms)
        }
    )
    if not forms:
        return None
    longest = max(len(f.split()) for f in forms)
    best = [f for f in forms if len(f.split()) == longest]
    return best[0] if len(best) == 1 else None


def _clean_before(previous: list[str]) -> str | None:
    """A name may start after these (up to two) words: nothing, a sentence end or a '*' break,
    a lower-case word other than a connector, a role word, or a one-word role object ('of
    Ukraine'). A connector right before ('of') means the next word belongs to the role."""
    words = [w.strip("\"“”‘’'(") for w in previous]
    word = words[-1] if words else ""
    if not word or word[-1] in ".!?:;,*…":
        return "strong"
    low = word.lower()
    if low in ("of", "for", "to", "on", "the", "de"):
        return None
    if not word[0].isupper() or low in ROLE_WORDS | HONORIFICS | NOT_NAMES:
        return "strong"
    return "weak" if len(words) == 2 and words[0].lower() in ("of", "for", "to", "on") else None


def role_of(text: str, name: str) -> str | None:
    """The article's own role wording next to the name: 'Westland spokesman Bob Hale' or
    'Bob Hale, the Westland spokesman,'. None when there is none."""
    for m in re.finditer(re.escape(name), text):
        before = text[max(0, m.start() - 80) : m.start()].split()
        words: list[str] = []
        for word in reversed(before):
            if word[-1] in ',.;:!?"“”' or not _is_ref_token(word):
                break
            words.insert(0, word)
        while words and words[0].lower() in CONNECTORS:
            words.pop(0)
        ref = parse_reference([*words, *name.split()])
        if ref and ref.role:
            return ref.role
        after = re.match(
            r",\s+(?:the\s+|a\s+)?([^,.;\"“”]{3,60}?)[,.]", text[m.end() : m.end() + 80]
        )
        if after:
            phrase = after.group(1).split()
            if (
                len(phrase) <= 6
                and phrase[0].lower() not in PRONOUNS | NOT_NAMES
                and any(w.lower() in ROLE_WORDS for w in phrase)
                and all(_is_ref_token(w) or w.islower() for w in phrase)
                and not any(w.lower() in CUES for w in phrase)
            ):
                return " ".join(phrase)
    return None


def _role_in(ref: Reference, name: str) -> str | None:
    """The role words of the reference itself, cut where the canonical name begins."""
    words = ref.text.split()
    first = name.split()[0]
    cut = next((i for i, w in enumerate(words) if w.strip(_TOKEN_STRIP) == first), None)
    role_words = words[:cut] if cut is not None else []
    while role_words and role_words[0].lower() in ("the", "a", "an"):
        role_words.pop(0)
    while role_words and role_words[-1].lower() in HONORIFICS:
        role_words.pop()
    if any(w.lower() in ROLE_WORDS for w in role_words):
        return " ".join(role_words).strip(_TOKEN_STRIP)
    return None


def head_of_state(article: Article) -> str | None:
    """In a head of state's own press release ('President of Ukraine (…)'), the person the
    release names 'President of Ukraine NAME': who 'the President' and 'the Head of State' are."""
    m = re.match(r"President of (\w+)", article.source)
    if not m:
        return None
    named = re.search(
        rf"President of {m.group(1)}\s+((?:[A-Z][\w'’-]+\s+){{1,2}}[A-Z][\w'’-]+)", article.text
    )
    return named.group(1) if named else None


def resolve(article: Article, ref: Reference) -> tuple[str, str | None] | None:
    """(canonical full name, role) for a reference, or None when it cannot be resolved safely."""
    if ref.name:
        surname = ref.name.split()[-1]
        name = full_name(article.text, surname)
        if not name or len(name.split()) < 2:
            return None
        return name, _role_in(ref, name) or role_of(article.text, name)
    if ref.role and f"the {ref.role.lower()}" in HEAD_OF_STATE_REFS | {"the head of state"}:
        name = head_of_state(article)
        return (name, ref.role) if name else None
    return None


# ----- rules ----------------------------------------------------------------------------------


def _quote_rules(article: Article) -> Iterator[Statement]:
    text = article.text
    for span in quotations(text):
        words = len(text[span.start : span.end].split())
        if not 6 <= words <= 150:
            continue
        found = None
        # '"…," said X' / '"…!" X said': a quote ending in a full stop ends the sentence,
        # and a name after it starts a new one ('"…."  Merrill says …' is not attribution).
        if text[span.end - 1] in ",!?" or text[span.end + 1 : span.end + 2] == ",":
            after = _ref_after_verb(text, span.end + 1)
            if after:
                found = ("quote_verb_name", *after)
            else:
                before_verb = _ref_before_verb(text, span.end + 1)
                if before_verb:
                    found = ("quote_name_verb", *before_verb)
        if not found:
            before = _ref_before_quote(text, span.start)
            if before:
                found = ("name_verb_quote", *before)
        if not found:
            continue
        rule, cue, ref = found
        who = resolve(article, ref)
        if who:
            content = _trim_marks(text, span)
            yield Statement(article.id, who[0], who[0].split()[-1], who[1], (content,), cue, rule)


def _trim_marks(text: str, span: Span) -> Span:
    start, end = span
    while end > start and text[end - 1] in ", ":
        end -= 1
    return Span(start, end)


_LABEL_END = re.compile(r"(?<=[A-Za-z]): (?=[A-Z\"“])")


def transcript_turns(article: Article) -> list[tuple[Reference, Span]]:
    """Inline transcript turns: 'Name Surname: words …' up to the next label. A label must be
    a whole sentence prefix ending in a two-word name, and a transcript has at least two."""
    text = article.text
    labels: list[tuple[Reference, int, int]] = []
    for m in _LABEL_END.finditer(text):
        words = text[max(0, m.start() - 120) : m.start()].split(" ")
        label: list[str] = []
        for word in reversed(words):
            if not word or word == "*" or word[-1] in '.!?…"”':
                break
            if not _is_ref_token(word) or word[-1] in ",;:":
                label = []
                break
            label.insert(0, word)
        start = m.start() - len(" ".join(label))
        boundary = text[max(0, start - 2) : start]
        if not label or not (
            start == 0 or boundary.strip() in ("", "*") or boundary[-2] in '.!?…"”*'
        ):
            continue
        ref = parse_reference(label)
        if ref and ref.name and len(ref.name.split()) >= 2:
            labels.append((ref, start, m.end()))
    if len(labels) < 2:
        return []
    turns = []
    for (ref, _start, body), nxt in zip(labels, [*labels[1:], None], strict=True):
        end = nxt[1] if nxt else len(text)
        marker = text.find("* * *", body, end)
        turns.append((ref, Span(body, marker if marker != -1 else end)))
    return turns


def _transcript_rule(article: Article) -> Iterator[Statement]:
    for ref, turn in transcript_turns(article):
        who = resolve(article, ref)
        if not who:
            continue
        sentences = [
            s
            for s in sentence_spans(article.text, *turn)
            if len(article.text[s.start : s.end].split()) >= 6
        ]
        # Passages of two sentences, so a question has a short, citable answer.
        for i in range(0, min(len(sentences), 8), 4):
            chosen = sentences[i : i + 2]
            yield Statement(
                article.id,
                who[0],
                who[0].split()[-1],
                who[1],
                tuple(chosen),
                "say",
                "transcript_label",
            )


def _readout_rule(article: Article) -> Iterator[Statement]:
    text = article.text
    cue_alternation = "|".join(re.escape(c) for c in sorted(READOUT_CUES, key=len, reverse=True))
    name_word = r"(?:[A-Z][\w'’-]*|of)"
    pattern = re.compile(
        rf"^(?P<ref>(?:The |the )?{name_word}(?: {name_word}){{0,6}}) (?P<cue>{cue_alternation}) "
    )
    for sentence in sentence_spans(text):
        chunk = text[sentence.start : sentence.end]
        m = pattern.match(chunk)
        if not m or len(chunk.split()) < 10 or any(q in chunk for q in _QUOTE_MARKS):
            continue
        ref = parse_reference(m.group("ref").split())
        if not ref:
            continue
        who = resolve(article, ref)
        if who:
            yield Statement(
                article.id,
                who[0],
                who[0].split()[-1],
                who[1],
                (sentence,),
                READOUT_CUES[m.group("cue")],
                "readout",
            )


RULES: tuple[tuple[str, Callable[[Article], Iterator[Statement]]], ...] = (
    ("quotes", _quote_rules),
    ("transcript_label", _transcript_rule),
    ("readout", _readout_rule),
)


def find_statements(article: Article) -> list[Statement]:
    """Every statement the rules find, in text order, without overlapping duplicates."""
    found: list[Statement] = []
    for _name, rule in RULES:
        for statement in rule(article):
            if not any(s.start < statement.end and statement.start < s.end for s in found):
                found.append(statement)
    return sorted(found, key=lambda s: s.start)
