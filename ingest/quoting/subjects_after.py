"""Speaker phrases after a quotation: `," said X`, `," X said`, `," X, the ROLE, said`,
`," according to X`, as an ordered table of named rules (`AFTER_RULES`)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.quoting.according import ACCORDING
from ingest.quoting.inversion import Inversion, not_speaker
from ingest.quoting.joint import names_then_verb
from ingest.quoting.lexicon import (
    ABBREVIATIONS,
    ARTICLES,
    AUX,
    BE_FORMS,
    BOUNDARY_WORDS,
    CAP,
    DETERMINERS,
    PARTICIPLES,
    RELATIVES,
    ROLE_WORDS,
    SPEECH_PHRASAL_VERBS,
    VERB_ENDINGS,
    VERBS,
    alternation,
    split_words,
)
from ingest.quoting.lexicon_cues import NAMING_PARTICIPLES
from ingest.quoting.linking import view_after_be
from ingest.quoting.model import Subject
from ingest.quoting.nounphrases import (
    FUNCTION_WORDS,
    NP_INNER,
    agent_noun,
    clean_np,
    clean_role,
    looks_like_role,
    plausible_np,
    whole_phrase,
)
from ingest.quoting.subjects import (
    NOUN_CONTEXT,
    WORD,
    in_name,
    np_from_left,
    sentence_break,
)
from ingest.quoting.table import STOP, Rule, Stop, first_match
from ingest.quoting.titles import and_starts_verb, titles_and

_FIRST_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]|$)")
_SHORT = 14  # words in an attribution that ends the sentence after its quote
_ADVERBIAL = 4  # words after its verb (`said into the phone`): more make a clause of its own
_VERB_ENDING = re.compile(rf"{alternation(VERB_ENDINGS)}$")
_NAME_AHEAD = re.compile(r"(?:\s+[a-z][\w\-]*){0,3}\s+[A-Z]")
_MIDDLE_INITIAL = re.compile(r"[A-Z]\.$")
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")

_NP_STOP_AFTER = frozenset(
    split_words(
        """in on at during to after before when who as while for with from by via about into that
    which told adding noting later earlier recently"""
    )
)


def short_attribution(after: str, offset: int) -> Subject | None:
    """`..?" Reed said.`: after a quote that ends its sentence, only a short `NAME VERB` or
    `VERB NAME` clause, or a name with an apposition and a verb (`?" Miller, a retired
    worker, said.`), is its attribution; anything longer is the next sentence."""
    sentence = _FIRST_SENTENCE.match(after)
    clause = sentence.group() if sentence else after
    if not clause.rstrip().endswith((".", "!", "?")):
        return None  # `.” He added, “...`: it introduces the next quote
    words = list(WORD.finditer(clause))
    appositive = _closing_apposition(clause, offset, words)
    if appositive:
        return appositive
    verbs = [i for i, w in enumerate(words[:6]) if w.group().rstrip(".").lower() in VERBS]
    if not verbs or len(words) > _SHORT:
        return unlisted_verb(clause, offset) or _phrasal_clause(clause, offset)
    return phrase_after(clause, offset)


def _closing_apposition(clause: str, offset: int, words: list[re.Match[str]]) -> Subject | None:
    """`?" Miller, a retired worker, said into the phone.`: a name, its apposition and a listed
    verb with at most a short adverbial after it; not the next sentence's own statement
    (`." Rose, head of M&S, said last year its prices were too high`)."""
    if len(words) > _SHORT:
        return None
    found = first_match(_APPOSITION_RULES, _after_context(clause, offset, False))
    if not isinstance(found, Subject) or found.cue not in VERBS:
        return None
    verb_end = next(
        w.end() for w in words if w.start() > found.pos - offset and w.group() == found.cue
    )
    return found if len(WORD.findall(clause, verb_end)) <= _ADVERBIAL else None


def _phrasal_clause(clause: str, offset: int) -> Subject | None:
    """`?" Reed went on, as if he did not hear her.`: a name and a phrasal speech verb open
    the sentence after the quote."""
    return first_match((_PHRASAL_RULE,), _after_context(clause, offset, False))


MODIFIER = rf"(?:{alternation(ARTICLES)}\s+)?(?:[a-z]+\s+)?"  # `an angry`, `actress`: not the name


NAME_RUN_RE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"


_UNLISTED = re.compile(
    rf"\s*(?:{MODIFIER}(?P<np>{NAME_RUN_RE})\s+(?P<verb>{alternation(SPEECH_PHRASAL_VERBS)}|[a-z]+ed)"
    rf"|(?P<verb2>[a-z]+ed)\s+{MODIFIER}(?P<np2>{NAME_RUN_RE}))\s*[.!?]?\s*$"
)


def unlisted_verb(clause: str, offset: int, quoted: bool = True) -> Subject | None:
    """`?" Beck questioned.` / `," exhorted actress Ana Lee Vint.`: a name and a past-tense
    verb missing from the lexicon, alone in what is left of the sentence, attribute the quote
    (`quoted`: a quotation closes before the clause's comma)."""
    m = _UNLISTED.match(clause)
    if not m:
        return None
    np_group = "np" if m.group("np") else "np2"
    np, shift = clean_np(m.group(np_group).rstrip("."))
    between = clause[m.end("verb2") : m.start("np2")] if m.group("verb2") else ""
    inverse = Inversion(m.group("verb2") or "", between, np, quoted)
    if not np or not plausible_np(np) or m.group("verb2") and not_speaker(inverse):
        return None
    return Subject(
        np, offset + m.start(np_group) + shift, m.group("verb") or m.group("verb2"), None
    )


_APPOSITION_AFTER = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}),\s+"
    rf"(?P<app>(?P<opener>{alternation(RELATIVES | ARTICLES)}|\d+|[a-z]+)\b[^,;“”\"]{{0,140}}),\s+"
    r"(?:" + alternation(AUX) + r"\s+)*(?P<verb>[a-z]+)\b"
)


class _After(NamedTuple):
    """The words after a closing mark, where they start, and whether a comma ended the quote."""

    after: str
    offset: int
    head: int
    comma: bool
    words: list[re.Match[str]]


def _apposition_after(a: _After) -> Subject | None:
    """`," X, the ROLE, said`."""
    app = _APPOSITION_AFTER.match(a.after, a.head)
    if not app or not _apposition_verb(app):
        return None
    role = clean_role(app.group("app")) if looks_like_role(app.group("app")) else None
    return Subject(app.group("name"), a.offset + app.start("name"), app.group("verb"), role)


def _long_apposition_after(a: _After) -> Subject | None:
    return _long_apposition(a.after, a.head, a.offset)


def _according_after(a: _After) -> Subject | None:
    """`," according to Judicial Watch.`"""
    according = ACCORDING.match(a.after, a.head)
    if not according:
        return None
    return Subject(according.group("np").strip(), a.offset + according.start("np"), "according to")


def _verb_then_name(a: _After) -> Subject | Stop | None:
    """`," said X`: a listed verb first (not a name that is also a verb: `," Read said`)."""
    if not a.words:
        return STOP
    first = a.words[0].group().rstrip(".").lower()
    if first in VERBS and not _name_like_verb(a.words):
        return inverted_np(a.after, a.words, a.offset) or STOP
    return None


def _unlisted_verb_then_name(a: _After) -> Subject | Stop | None:
    """`"Fantastic!" beamed Ben Hartvell`: after a comma, a past tense and a name."""
    first = a.words[0].group().rstrip(".").lower()
    if a.comma and first.endswith("ed") and len(a.words) > 1 and CAP.match(a.words[1].group()):
        return inverted_np(a.after, a.words, a.offset) or STOP
    return None


def _unlisted_verb_alone(a: _After) -> Subject | None:
    return unlisted_verb(a.after[a.head :], a.offset + a.head) if a.comma else None


def _name_then_verb_listed(a: _After) -> Subject | Stop | None:
    """`," X said` / `," the Russian foreign minister added`: the phrase before the first
    listed verb (after "of" or a determiner the word is a noun: "the head of state said")."""
    words = a.words
    for i, w in enumerate(words):
        token = w.group().rstrip(".").lower()
        if (
            token in VERBS
            and i > 0
            and words[i - 1].group().lower() not in NOUN_CONTEXT
            and not in_name(w, words[i - 1])
        ):
            left = a.after[a.head : w.start()]
            if sentence_break(left):
                return STOP
            return np_from_left(left, a.offset + a.head, w.group().rstrip(".")) or STOP
        if token in BOUNDARY_WORDS and not titles_and(words, i):
            break  # `," Reed barked and a guard ...`: an unlisted verb may precede it
    return None


def _name_then_verb_unlisted(a: _After) -> Subject | None:
    return _name_then_verb(a.after, a.head, a.words, a.offset) if a.comma else None


# not `went on to win`: then the particle starts another act
_PHRASAL = re.compile(rf"{alternation(SPEECH_PHRASAL_VERBS)}\b(?!\s+to\b)")


def _name_then_phrasal_verb(a: _After) -> Subject | None:
    """`?" Reed went on, ...` / `," Orlo shot back at the council`: a name and a verb with
    the particle that makes it speech, after any closing punctuation (the pair is specific
    enough not to need the comma an unlisted verb does)."""
    for w in a.words[1:5]:
        token = w.group()
        if token.islower() and token not in NP_INNER:
            phrasal = _PHRASAL.match(a.after, w.start())
            if not phrasal:
                return None
            return np_from_left(a.after[a.head : w.start()], a.offset + a.head, phrasal.group())
    return None


_PHRASAL_RULE = Rule("name_then_phrasal_verb", _name_then_phrasal_verb)
_APPOSITION_RULES = (
    Rule("apposition_after", _apposition_after),
    Rule("long_apposition_after", _long_apposition_after),
)

# Speaker phrases after a closing mark, in precedence order.
AFTER_RULES = (
    *_APPOSITION_RULES,
    Rule("according_after", _according_after),
    Rule("verb_then_name", _verb_then_name),
    Rule("unlisted_verb_then_name", _unlisted_verb_then_name),
    Rule("unlisted_verb_after", _unlisted_verb_alone),
    Rule("names_then_verb", names_then_verb),
    Rule("name_then_verb", _name_then_verb_listed),
    Rule("name_then_unlisted_verb", _name_then_verb_unlisted),
    _PHRASAL_RULE,
)
_LEAD = re.compile(r"[\s,.;:—–\-]*")


def phrase_after(after: str, offset: int, comma: bool = False) -> Subject | None:
    """`," said X` / `," X said` / `," X, the ROLE, said` right after a closing mark: the first
    rule of `AFTER_RULES` that finds one.

    `comma` tells that a comma closed the quoted words (inside the mark), so what follows
    continues the sentence: only then may a verb missing from the lexicon attribute it
    (`the "wall" Reed wanted` is no attribution).
    """
    return first_match(AFTER_RULES, _after_context(after, offset, comma))


def _after_context(after: str, offset: int, comma: bool) -> _After:
    """What the after-quote rules read: the text past its leading punctuation, its first
    words, and whether a comma closed the quoted words (or leads this text)."""
    m = _LEAD.match(after)
    head = m.end() if m else 0
    words = list(WORD.finditer(after, head))[:14]
    return _After(after, offset, head, comma or "," in after[:head], words)


_NAME_THEN_COMMA = re.compile(r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}),\s")


_COMMA_VERB = re.compile(r",\s+(?:" + alternation(AUX) + r"\s+)*(?P<verb>[a-z]+)\b")


def _long_apposition(after: str, head: int, offset: int) -> Subject | None:
    """`," Kai Bond, 30, of Raleigh, N.C., who was polled, said` / `," Ana Rikard,
    assistant secretary of state for population, refugees, and migration, said`: an apposition
    with commas of its own, up to the first comma followed by a listed reporting verb."""
    name = _NAME_THEN_COMMA.match(after, head)
    if not name:
        return None
    for verb in _COMMA_VERB.finditer(after, name.end() - 2, name.end() + 200):
        if verb.group("verb") in VERBS:
            aside = after[name.end() : verb.start()]
            if sentence_break(aside) or not plausible_np(name.group("name")):
                return None
            return Subject(
                name.group("name"), offset + name.start("name"), verb.group("verb"), None
            )
    return None


def _apposition_verb(app: re.Match[str]) -> bool:
    """`," X, the ROLE, said` / `," X, director of Y, said`: after an apposition that opens
    with a determiner, `who` or an age, any past tense is the cue; one that opens with a bare
    noun (`director of ...`, `attorney for ...`) needs a listed reporting verb, as a lowercase
    word after a name can also start a new clause."""
    verb = app.group("verb")
    if app.group("opener") in ("who", "which", "the", "a", "an") or app.group("opener").isdigit():
        return verb in VERBS or verb.endswith("ed")
    return verb in VERBS


def _name_like_verb(words: list[re.Match[str]]) -> bool:
    """`," Read said`: a capitalised word that is also a verb is a name when a verb follows."""
    return (
        bool(CAP.match(words[0].group()))
        and len(words) > 1
        and words[1].group().rstrip(".").lower() in VERBS
    )


def _name_then_verb(
    after: str, head: int, words: list[re.Match[str]], offset: int
) -> Subject | None:
    """`," Bennett shot back` / `," the senator quipped`: a name and an unlisted past-tense or
    present-tense verb right after a quotation that ends mid-sentence. A form of `be` is no
    act of speech (in `what Ivo Marsh called "...," the former mayor is intrigued by ...` the
    words after the quote start the writer's next clause) unless a held view follows it
    (`," the President is convinced`: `lexicon_cues.VIEW_ADJECTIVES`)."""
    for i, w in enumerate(words[1:6], start=1):
        token = w.group()
        if token.islower() and token not in NP_INNER:
            if not _VERB_ENDING.search(token) or i > 4:
                return None
            if token in BE_FORMS:  # `is intrigued` no, `is convinced` yes
                token = view_after_be(words[i + 1 : i + 2])
            return np_from_left(after[head : w.start()], offset + head, token) if token else None
    return None


def inverted_np(after: str, words: list[re.Match[str]], offset: int) -> Subject | None:
    """`said the Russian foreign minister` / `added Kron, noting ...`; a participle never
    precedes its subject (`, adding that it would fail`), and a name after `called` or
    `named` is what a thing is called (`a work, called Wedding Song BWV 16, was found`)."""
    cue = words[0].group().rstrip(".")
    if cue.lower() in PARTICIPLES | NAMING_PARTICIPLES:
        return None
    chosen: list[re.Match[str]] = []
    for w in words[1:13]:  # long offices: "Head of the Office of the President O. Tamsk"
        token = w.group()
        gap = after[(chosen[-1].end() if chosen else words[0].end()) : w.start()]
        if chosen and any(c in gap for c in ',;:()“”"'):
            break
        if token.lower() in _NP_STOP_AFTER and chosen or and_starts_verb(token, after, w):
            break  # `said Pia Salo and assured that ...`
        if not chosen and not (
            CAP.match(token)
            or token.lower() in DETERMINERS
            or token.lower() not in _NP_STOP_AFTER | VERBS
            and _NAME_AHEAD.match(after[w.end() :])
        ):
            return None  # `said retired Army Lt. Gen. Ola Brandt` is allowed
        chosen.append(w)
        if (
            token.endswith(".")
            and token[:-1].lower() not in ABBREVIATIONS
            and not _initial_in_name(token, after, w.end())
        ):
            break
    while chosen and chosen[-1].group().lower() in FUNCTION_WORDS:
        chosen.pop()  # `wrote the authors of the “Growth Project,”`: cut at the title
    if not chosen:
        return None
    start, end = chosen[0].start(), chosen[-1].end()
    np, shift = clean_np(after[start:end].rstrip("."))
    inverse = Inversion(cue, after[words[0].end() : start], np, True)
    if not np or not whole_phrase(np) or _verb_object(np) or not_speaker(inverse):
        return None
    return Subject(np, offset + start + shift, cue, None)


def _initial_in_name(token: str, after: str, end: int) -> bool:
    """`said Jon D. Vint`: an initial before a capitalised word ends no sentence."""
    return bool(_MIDDLE_INITIAL.match(token) and _NAME_NEXT.match(after, end))


def _verb_object(np: str) -> bool:
    """`stressed the importance of overcoming challenges`: a lowercase `the X of Y` after a
    verb is its object unless its head names people (`said one of those advisers`)."""
    words = np.lower().split()
    if "of" not in words or any(CAP.match(w) for w in np.split()):
        return False
    head = words[-1].strip(".")
    return not (head in ROLE_WORDS or head.rstrip("s") in ROLE_WORDS or agent_noun(head))
