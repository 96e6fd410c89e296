"""Speaker labels of transcripts (`Sergei Lavrov: ...`), wherever they stand in running text.

Some corpora lost their paragraph breaks, so a label may follow the previous turn's last
sentence on the same line (`... Thank you. Mr Naryshkin. Director of the Foreign Intelligence
Service Sergei Naryshkin Naryshkin SergeiDirector of the Foreign Intelligence Service : Mr
President, ...`). A label is therefore read backwards from its colon: the run of capitalised
words and small connectors (`of`, `the`) that a sentence end, a line start or the text start
opens. Its parse gives the name and the role as written, before any NER:

- the scraped doubled label `ROLE First Last Last FirstROLE2` names the person exactly;
- a label that is a bare name (`Dmitry Kozak`) is that name;
- a label that ends with a bare name labelling another turn (`President of Russia Vladimir
  Putin` when `Vladimir Putin:` labels a later turn) is role + that name.

Everything else (`Director of the Federal Security Service Alexander Bortnikov`, `President of
Russia`) is left to `transcripts`, which reads the label with NER.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import ROLE_WORDS, TITLE_GENDER, split_words
from ingest.quoting.model import Label

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
# Nouns that end an organisation's or a place's name, never a person's first name.
ORG_HEADS = frozenset(
    split_words(
        """federation republic service council ministry committee court bank corporation
    region territory district office commission chamber duma union academy university
    institute company group railways concern organisation organization foundation society
    agency fund board assembly parliament government administration party city state
    kingdom emirates troops guard"""
    )
)
_COLON = re.compile(r"[ \t]?:[ \t]+(?=\S)")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’\-]*$")
_ABBREVIATION = re.compile(r"^(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr)\.$")
_GLUED = re.compile(r"^[A-Z][a-z]+(?=[A-Z])")  # `PyotrPromsvyazbank`: a first name glued to a role
_SENTENCE_END = tuple('.!?…"”)]»*')
_MAX_TOKENS = 30
_LOOK_BACK = 400


def find_labels(text: str) -> list[Label]:
    """Candidate speaker labels in text order; one colon gives at most one label."""
    found: list[Label] = []
    for m in _COLON.finditer(text):
        label = _label_before(text, m.start())
        if label is not None and _plausible(label[1]):
            found.append(_parse(label[0], label[1], m.end()))
    plain = {lab.text for lab in found if lab.name == lab.text}
    last_words = [lab.text.split()[-1].lower() for lab in found]
    return [
        _with_known_name(lab, plain, last_words.count(lab.text.split()[-1].lower()) >= 2)
        for lab in found
    ]


def _label_before(text: str, colon: int) -> tuple[int, str] | None:
    """(start, words) of the label that ends at `colon`, or None when the words before the
    colon do not start at a sentence end, line start or text start (`as follows: ...`)."""
    line_start = text.rfind("\n", 0, colon) + 1
    window_start = max(line_start, colon - _LOOK_BACK)
    tokens = list(re.finditer(r"\S+", text[window_start:colon]))
    kept = 0
    for tok in reversed(tokens):
        word = tok.group()
        if kept >= _MAX_TOKENS:
            return None
        if _NAME_TOKEN.match(word) and (word[0].isupper() or word in CONNECTORS):
            kept += 1
            continue
        if _ABBREVIATION.match(word):
            kept += 1
            continue
        if not word.endswith(_SENTENCE_END):
            return None
        break
    else:
        if window_start != line_start:
            return None
    if not kept:
        return None
    first = tokens[len(tokens) - kept]
    words = " ".join(t.group() for t in tokens[len(tokens) - kept :])
    if not words[0].isupper():
        return None
    return window_start + first.start(), words


def _plausible(label: str) -> bool:
    """Q/A words, or at least two capitalised words ending with one: never a sentence."""
    words = label.split()
    if label.lower() in QA_LABELS:
        return len(label) > 1
    capitalised = [w for w in words if w[0].isupper()]
    return len(capitalised) >= 2 and words[-1][0].isupper()


def _parse(pos: int, label: str, body: int) -> Label:
    """The label with the name and role its form gives (doubled or a bare name)."""
    words = label.split()
    doubled = _doubled(words)
    if doubled is not None:
        name, role = doubled
        return Label(pos, label, body, name, role, doubled=True)
    if is_bare_name(words):
        return Label(pos, label, body, label)
    return Label(pos, label, body)


def _doubled(words: list[str]) -> tuple[str, str | None] | None:
    """(name, role) of `ROLE First Last Last FirstROLE2` or `ROLE Name Name ROLE2`; the role
    written first is kept, else the one glued after the name."""
    for i in range(len(words) - 3):
        first, last, again, glued = words[i : i + 4]
        if again == last and first != last and (glued.startswith(first) or _GLUED.match(glued)):
            # the first name may be spelt another way (`Petr Fradkov Fradkov PyotrCEO`)
            rest = glued[len(first) :] if glued.startswith(first) else _GLUED.sub("", glued)
            after = words[i + 4 : i + 5]
            if rest and not rest[0].isupper() or not rest and after and after[0].islower():
                continue  # `Patriarch Kirill Kirill Patriarch of ...` is the one-word form
            role2 = " ".join([rest, *words[i + 4 :]]).strip()
            return f"{first} {last}", _role(words[:i]) or role2 or None
    for i in range(1, len(words) - 2):
        if words[i] == words[i + 1] and words[i][0].isupper() and words[i + 2][0].isupper():
            return words[i], _role(words[:i]) or " ".join(words[i + 2 :])
    return None


def _role(words: list[str]) -> str:
    """Role words before a name, without a leading article."""
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def is_bare_name(words: list[str]) -> bool:
    """Two to four capitalised words (connectors inside) with no title, office or
    organisation word: a person's name as it stands."""
    if not 2 <= len(words) <= 4 or not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return all(
        (w[0].isupper() or w in CONNECTORS)
        and w.lower().strip(".") not in ROLE_WORDS | TITLE_GENDER.keys() | ORG_HEADS
        for w in words
    )


def _with_known_name(label: Label, plain: set[str], repeated: bool) -> Label:
    """A role-and-name label whose last words are a bare name labelling another turn is
    split there: the name is known, the rest is the role."""
    name, role = label.name, label.role
    if name is None:
        for known in sorted(plain, key=len, reverse=True):
            if label.text.endswith(" " + known):
                name, role = known, _role(label.text[: -len(known)].split()) or None
                break
    return Label(label.pos, label.text, label.body, name, role, label.doubled, repeated)
