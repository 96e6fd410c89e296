"""Speaker phrases: the words next to a quotation or a reporting verb that name who speaks.

String-level grammar only (no document state), shared by direct quotes (`marks`) and reported
speech (`reported`): `," said X`, `X, the ROLE, said`, `According to X,`, sentence subjects for
participles and colons, and the checks that reject fragments, objects and places.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    AUX,
    CAP,
    DETERMINERS,
    OPENERS,
    PARTICIPLES,
    PRONOUNS,
    ROLE_WORDS,
    VERBS,
    split_words,
)
from ingest.quoting.nounphrases import (
    FUNCTION_WORDS,
    LEADING_ADVERBS,
    NP_INNER,
    PREPOSITIONS,
    agent_noun,
    clean_np,
    clean_role,
    is_time,
    looks_like_role,
    plausible_np,
    whole_phrase,
)

_BOUNDARY_WORDS = frozenset(
    split_words(
        """that and but as when while because where after before so if since though although which
    who whom whose what how why whether or nor than until unless once"""
    )
)
_NP_STOP_AFTER = frozenset(
    split_words(
        """in on at during to after before when who as while for with from by via about into that
    which told adding noting later earlier recently"""
    )
)
_WORD = re.compile(r"[\w][\w'’.\-]*")
ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<np>[^,.;:“”\"]{2,80})")


Found = tuple[str, int, str, str | None]


ALPHA = re.compile(r"[A-Za-z]+")


_NOUN_CONTEXT = frozenset({"of", "the", "a", "an", "his", "her", "their", "its"})


def verb_tokens(text: str) -> list[re.Match[str]]:
    """Reporting-verb words in text; a set look-up per word is far cheaper than one big regex.
    After a determiner, `of` or a possessive the word is a noun (`defended his comments as
    "..."`, `calling Trump's charge "pathetic"`)."""
    words = list(ALPHA.finditer(text))
    return [
        m
        for i, m in enumerate(words)
        if m.group().lower() in VERBS and not (i and _noun_context(text, words[i - 1]))
    ]


def _in_name(word: re.Match[str], previous: re.Match[str]) -> bool:
    """`Iowa State University's Dianne Bystrom said`: a capitalised word after another one
    is part of a name, not the verb `state`."""
    return word.group()[:1].isupper() and previous.group()[:1].isupper()


def _noun_context(text: str, previous: re.Match[str]) -> bool:
    word = previous.group()
    return word.lower() in _NOUN_CONTEXT or word == "s" and text[previous.start() - 1] in "'’"


def clause_after(text: str, pos: int) -> int:
    """First character of the clause after a verb, skipping spaces, a comma or a colon."""
    m = re.compile(r"[,:]?\s+").match(text, pos)
    return m.end() if m else pos


def short_attribution(after: str, offset: int) -> Found | None:
    """`..?" Trump said.`: after a quote that ends its sentence, only a short `NAME VERB` or
    `VERB NAME` clause is its attribution; anything longer is the next sentence."""
    sentence = re.match(r"[^.!?]*(?:[.!?]|$)", after)
    clause = sentence.group() if sentence else after
    if not clause.rstrip().endswith((".", "!", "?")):
        return None  # `.” He added, “...`: it introduces the next quote
    words = list(_WORD.finditer(clause))
    verbs = [i for i, w in enumerate(words[:6]) if w.group().rstrip(".").lower() in VERBS]
    if not verbs or len(words) > 14:
        return unlisted_verb(clause, offset)
    return phrase_after(clause, offset)


_MODIFIER = r"(?:(?:the|an?)\s+)?(?:[a-z]+\s+)?"  # `an angry`, `actress`: not the name
_NAME_RUN_RE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_UNLISTED = re.compile(
    rf"\s*(?:{_MODIFIER}(?P<np>{_NAME_RUN_RE})\s+(?P<verb>[a-z]+ed)"
    rf"|(?P<verb2>[a-z]+ed)\s+{_MODIFIER}(?P<np2>{_NAME_RUN_RE}))\s*[.!?]?\s*$"
)


def unlisted_verb(clause: str, offset: int) -> Found | None:
    """`?" Beck questioned.` / `," exhorted actress Jamie Lee Curtis.`: a name and a past-tense
    verb missing from the lexicon, alone in what is left of the sentence, attribute the quote."""
    m = _UNLISTED.match(clause)
    if not m:
        return None
    np_group = "np" if m.group("np") else "np2"
    np, shift = clean_np(m.group(np_group).rstrip("."))
    if not np or not plausible_np(np):
        return None
    return np, offset + m.start(np_group) + shift, m.group("verb") or m.group("verb2"), None


_APPOSITION_AFTER = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}),\s+"
    r"(?P<app>(?P<opener>who|which|the|a|an|\d+|[a-z]+)\b[^,;“”\"]{0,140}),\s+"
    r"(?:(?:" + "|".join(sorted(AUX)) + r")\s+)*(?P<verb>[a-z]+)\b"
)


def phrase_after(after: str, offset: int, comma: bool = False) -> Found | None:
    """`," said X` / `," X said` / `," X, the ROLE, said` right after a closing mark.

    `comma` tells that a comma closed the quoted words (inside the mark), so what follows
    continues the sentence: only then may a verb missing from the lexicon attribute it
    (`the "wall" Trump wanted` is no attribution).
    """
    m = re.match(r"[\s,.;:—–\-]*", after)
    head = m.end() if m else 0
    comma = comma or "," in after[:head]
    app = _APPOSITION_AFTER.match(after, head)
    if app and _apposition_verb(app):
        role = clean_role(app.group("app")) if looks_like_role(app.group("app")) else None
        return app.group("name"), offset + app.start("name"), app.group("verb"), role
    listed = _long_apposition(after, head, offset)
    if listed:
        return listed
    according = ACCORDING.match(after, head)  # `," according to Judicial Watch.`
    if according:
        np = according.group("np").strip()
        return np, offset + according.start("np"), "according to", None
    words = list(_WORD.finditer(after, head))[:14]
    if not words:
        return None
    first = words[0].group().rstrip(".").lower()
    if first in VERBS and not _name_like_verb(words):
        return _inverted_np(after, words, offset)
    if comma and first.endswith("ed") and len(words) > 1 and CAP.match(words[1].group()):
        return _inverted_np(after, words, offset)  # `"Fantastic!" beamed Donald Hartley`
    if comma and unlisted_verb(after[head:], offset + head):
        return unlisted_verb(after[head:], offset + head)
    for i, w in enumerate(words):
        token = w.group().rstrip(".").lower()
        # After "of" or a determiner the word is a noun: "the head of state said".
        if (
            token in VERBS
            and i > 0
            and words[i - 1].group().lower() not in _NOUN_CONTEXT
            and not _in_name(w, words[i - 1])
        ):
            left = after[head : w.start()]
            if _sentence_break(left):
                return None
            return np_from_left(left, offset + head, w.group().rstrip("."))
        if token in _BOUNDARY_WORDS:
            break  # `," Trump barked and a guard ...`: an unlisted verb may precede it
    return _name_then_verb(after, head, words, offset) if comma else None


_NAME_THEN_COMMA = re.compile(r"(?P<name>[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}),\s")
_COMMA_VERB = re.compile(r",\s+(?:(?:" + "|".join(sorted(AUX)) + r")\s+)*(?P<verb>[a-z]+)\b")


def _long_apposition(after: str, head: int, offset: int) -> Found | None:
    """`," Harry Bond, 30, of Raleigh, N.C., who was polled, said` / `," Anne Richards,
    assistant secretary of state for population, refugees, and migration, said`: an apposition
    with commas of its own, up to the first comma followed by a listed reporting verb."""
    name = _NAME_THEN_COMMA.match(after, head)
    if not name:
        return None
    for verb in _COMMA_VERB.finditer(after, name.end() - 2, name.end() + 200):
        if verb.group("verb") in VERBS:
            aside = after[name.end() : verb.start()]
            if _sentence_break(aside) or not plausible_np(name.group("name")):
                return None
            return name.group("name"), offset + name.start("name"), verb.group("verb"), None
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


def _name_then_verb(after: str, head: int, words: list[re.Match[str]], offset: int) -> Found | None:
    """`," Bennett shot back` / `," the senator quipped`: a name and an unlisted past-tense or
    present-tense verb right after a quotation that ends mid-sentence."""
    for i, w in enumerate(words[1:6], start=1):
        token = w.group()
        if token.islower() and token not in NP_INNER:
            if not re.search(r"(?:ed|es|s)$", token) or i > 4:
                return None
            return np_from_left(after[head : w.start()], offset + head, token)
    return None


def _inverted_np(after: str, words: list[re.Match[str]], offset: int) -> Found | None:
    """`said the Russian foreign minister` / `added Peskov, noting ...`; a participle never
    precedes its subject (`, adding that it would fail`)."""
    cue = words[0].group().rstrip(".")
    if cue.lower() in PARTICIPLES:
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
            CAP.match(token)
            or token.lower() in DETERMINERS
            or token.lower() not in _NP_STOP_AFTER | VERBS
            and re.match(r"(?:\s+[a-z][\w\-]*){0,3}\s+[A-Z]", after[w.end() :])
        ):
            return None  # `said retired Army Lt. Gen. Mick Bednarek` is allowed
        chosen.append(w)
        if token.endswith(".") and token[:-1].lower() not in _ABBREV:
            break
    while chosen and chosen[-1].group().lower() in FUNCTION_WORDS:
        chosen.pop()  # `wrote the authors of the “Growth Project,”`: cut at the title
    if not chosen:
        return None
    start, end = chosen[0].start(), chosen[-1].end()
    np, shift = clean_np(after[start:end].rstrip("."))
    if not np or not whole_phrase(np) or _object_phrase(np):
        return None
    return np, offset + start + shift, cue, None


def _coordinated_verb(token: str, after: str, w: re.Match[str]) -> bool:
    """`and` followed by a lowercase word after an inverted subject starts a second verb."""
    return token == "and" and bool(re.match(r"\s+[a-z]", after[w.end() :]))


def _object_phrase(np: str) -> bool:
    """`stressed the importance of overcoming challenges`: a lowercase `the X of Y` after a
    verb is its object unless its head names people (`said one of those advisers`)."""
    words = np.lower().split()
    if "of" not in words or any(CAP.match(w) for w in np.split()):
        return False
    head = words[-1].strip(".")
    return not (head in ROLE_WORDS or head.rstrip("s") in ROLE_WORDS or agent_noun(head))


_ABBREV = frozenset(
    split_words(
        """mr mrs ms dr sen rep gov gen col lt sgt st jr sr prof rev fr msgr adm maj capt"""
    )
)
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]?|(?i:" + "|".join(sorted(_ABBREV)) + r"))\.")


def _sentence_break(left: str) -> bool:
    """Punctuation between a quote and a verb that ends a sentence: not the dot of a title or
    an initial (`Gov.`, `Rep.`, `J.`) nor a bracketed party tag (`(D-Ore.)`)."""
    cleaned = _ABBREVIATION.sub(" ", _PAREN_ASIDE.sub(" ", left))
    return any(c in cleaned for c in '.;:?!“”"')


def phrase_before(before: str, offset: int) -> Found | None:
    """Speaker phrase in the words leading up to an opening mark.

    The last reporting verb wins (`Lavrov told reporters in Moscow: "`); `According to X, "`
    is tried first because it names the source directly.
    """
    matches = list(ACCORDING.finditer(before))
    if matches:
        acc = matches[-1]
        np = acc.group("np").strip()
        return np, offset + acc.start("np"), "according to", None
    as_x = list(_AS_X_PUT_IT.finditer(before))
    if as_x:
        m = as_x[-1]
        found = np_from_left(before[: m.start("verb")], offset, m.group("verb"), m.start("np"))
        if found:
            return found
    label = _name_label(before, offset)
    if label:
        return label
    verbs = verb_tokens(before)
    participle = None
    for verb in reversed(verbs):
        left = before[: verb.start()]
        if verb.group().lower() in PARTICIPLES:
            absolute = absolute_subject(left, offset, verb.group())
            if absolute:
                return absolute
            participle = participle or verb.group()
            if verb is not verbs[0] or left.rstrip().endswith(","):
                continue  # `Trump went after Bush, calling him "`: the subject opens it
        found = np_from_left(left, offset, verb.group())
        if not found and COORDINATED.search(left):
            found = sentence_subject(before, offset, verb.group())
        if found:
            return found
    stripped = before.strip()
    if verbs and stripped.endswith(":") and before[: verbs[0].start()].strip() == "":
        words = list(_WORD.finditer(before))  # inverted `Stated Stone:`
        found = _inverted_np(before.rstrip().rstrip(":"), words, offset)
        if found:
            return found
    if participle:  # `Warren appeared on MSNBC and endorsed Clinton, saying, "`
        found = sentence_subject(before, offset, participle)
        if found:
            return found
    if stripped.endswith(":") and len(before.split()) > 1:
        return sentence_subject(before, offset, ":")
    return _unlisted_verb_before(before, offset)


_NAME = r"[A-Z][\w.'’\-]*[a-z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*[a-z][\w.'’\-]*){0,3}"
_LABEL = re.compile(rf"(?:^\s*|\s[-—–]+\s+|\bfrom\s+)(?P<np>{_NAME}(?:\s+and\s+{_NAME})?):\s*$")


def _name_label(before: str, offset: int) -> Found | None:
    """`Bush: "..."`, `Pollsters agree - Carl Bialik: "..."`: a name alone before a colon,
    opening the clause or set off by a dash, labels the quote as that person's words.
    (`Stated Stone:` is an inverted verb and its subject.)"""
    m = _LABEL.search(before)
    if not m or m.group("np").split()[0].lower() in VERBS:
        return None
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return np, offset + m.start("np") + shift, ":", None


_WITH_SUBJECT = re.compile(r"\bwith\s+(?P<np>[^,;:“”\"]{2,80}?)\s*$")


def absolute_subject(left: str, offset: int, cue: str) -> Found | None:
    """`Republicans were irritated, with McCain calling it "a menu"`: in an absolute phrase
    (`with NP VERB-ing`) the participle's subject is the NP after `with`, not the sentence's."""
    m = _WITH_SUBJECT.search(left)
    if not m:
        return None
    words = m.group("np").split()
    while len(words) > 1 and (words[-1] in AUX or _is_adverb(words[-1])):
        words.pop()  # `with Trump reportedly yelling`
    np, shift = clean_np(" ".join(words))
    if not np or not plausible_np(np):
        return None
    return np, offset + m.start("np") + shift, cue, None


# `, Hillary shot back, “` / `Trump fumed: "`: a name and an unlisted past tense (or a verb with
# `back`) alone in the clause right before the quote.
_UNLISTED_BEFORE = re.compile(
    rf"(?:^|[.;,]\s+|\band\s+)\s*{_MODIFIER}(?P<np>{_NAME_RUN_RE})\s+"
    rf"(?P<verb>[a-z]+ed|[a-z]+\s+back)\s*[,:]\s*$"
)


def _unlisted_verb_before(before: str, offset: int) -> Found | None:
    """An attribution with a verb missing from the lexicon, right before the opening mark."""
    m = _UNLISTED_BEFORE.search(before)
    if not m:
        return None
    np, shift = clean_np(m.group("np"))
    if not np or not plausible_np(np):
        return None
    return np, offset + m.start("np") + shift, m.group("verb"), None


# `As The Post's Dana Milbank put it, "` / `as X wrote, "`
_AS_X_PUT_IT = re.compile(
    r"\b[Aa]s\s+(?P<np>[^,;:“”\"]{2,80}?)\s+(?P<verb>put|puts|wrote|writes|noted|notes|reported|"
    r"reports|said|says|explained|explains|observed|observes|pointed\s+out|points\s+out)"
    r"(?:\s+it)?(?:\s+(?:last|this|on|in|at)\b[^,;:“”\"]{0,40})?\s*,?\s*$"
)


# `X criticized the policy and said ...`: a verb coordinated with the sentence's first verb
COORDINATED = re.compile(r"\s(?:and|but)\s*$")


def np_from_left(left: str, offset: int, cue: str, floor: int = 0) -> Found | None:
    """The subject phrase ending right before a verb: after the last clause boundary.

    Handles an apposition (`Dmitry Peskov, the Kremlin spokesman, said`) by taking the part
    before it as the name and the apposition as the role. Parenthesised asides (`Blair (Mr)`,
    `Cruz (R-Texas)`) are blanked out first, keeping offsets, so their brackets do not cut
    the name off as a clause boundary would; so are sentence adverbs set off by commas
    (`Hunter, meanwhile, told`).
    """
    left = _PAREN_ASIDE.sub(lambda m: " " * len(m.group()), left)
    left = _ADVERB_ASIDE.sub(lambda m: " " * len(m.group()), left)
    tokens = list(_WORD.finditer(left))
    while (
        tokens
        and (tokens[-1].group() in AUX or _is_adverb(tokens[-1].group()))
        and "," not in left[tokens[-1].end() :]
    ):
        tokens.pop()  # not past a comma: `X, who spoke ... candidly, said` keeps its aside
    _drop_time(tokens)
    _drop_infinitive_lead(tokens)
    if not tokens:
        return None
    if tokens[-1].group().lower() == "who":
        return _antecedent(left, tokens[-1].start(), offset, cue)
    end = tokens[-1].end()
    if re.match(r"[,.!?]?[”\"]", left[end:]):
        return None  # `to promote “Celebrity Apprentice,” note that`: a quoted title
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
            role = clean_role(parts[-1]) if looks_like_role(parts[-1]) else None
            name_end = len(parts[0]) if len(parts) == 2 else len(parts[0]) + 1 + len(parts[1])
            segment_start = _segment_start(left, name_end)
            np = left[segment_start:name_end].strip()
    np = np.strip(" ,—–-()[]")
    np_pos = left.find(np, segment_start)
    np, shift = _after_leading_phrase(*_role_and_name(*clean_np(np)))
    if not np or not plausible_np(np):
        return None
    return np, offset + np_pos + shift, cue, role


_LEADING_PREPOSITIONS = frozenset(split_words("in at on during after before from with over at by"))


def _after_leading_phrase(np: str, shift: int) -> tuple[str, int]:
    """`In a Bloomberg interview Trump declared`: a prepositional phrase that opens the clause
    without a comma is no part of the subject; the name after the phrase's noun is, or the
    pronoun that ends it (`At the rally on Friday she said`)."""
    words = np.split()
    if plausible_np(np) or len(words) < 3 or words[0].lower() not in _LEADING_PREPOSITIONS:
        return np, shift
    if words[-1].lower() in PRONOUNS:  # `At the town hall this week she said`
        return words[-1], shift + np.rindex(" ") + 1
    name: list[str] = []
    for w in reversed(words[1:]):
        if not CAP.match(w):
            break
        name.insert(0, w)
    head = words[-len(name) - 1] if name else ""
    if not name or not head.islower() or head in FUNCTION_WORDS | _LEADING_PREPOSITIONS:
        return np, shift  # `at a rally in Washington`: the name is the place, not a subject
    kept = " ".join(name)
    return kept, shift + np.rindex(kept)


def _role_and_name(np: str, shift: int) -> tuple[str, int]:
    """`DoubleLine Capital portfolio manager Bonnie Baha`: when a long descriptor is no speaker
    phrase as a whole, its role noun and the name after it are."""
    words = np.split()
    if plausible_np(np) or len(words) < 4:
        return np, shift
    for i in range(len(words) - 3, 0, -1):
        name = words[i + 1 :]
        if words[i] in ROLE_WORDS and len(name) >= 2 and all(CAP.match(w) for w in name):
            return " ".join(words[i:]), shift + len(" ".join(words[:i])) + 1
    return np, shift


_WEEKDAYS = frozenset(split_words("monday tuesday wednesday thursday friday saturday sunday"))


def _drop_time(tokens: list[re.Match[str]]) -> None:
    """`who Beck on Wednesday called`: a time phrase between subject and verb is not part of
    the subject. Only weekdays and `last/this/next/on/in` + time word count, so a name such as
    `Theresa May` keeps its last word."""
    if len(tokens) < 2 or not is_time(tokens[-1].group()):
        return
    lead = tokens[-2].group().lower()
    if lead in ("last", "this", "next", "on", "in"):
        del tokens[-2:]
    elif tokens[-1].group().lower() in _WEEKDAYS:
        tokens.pop()


def _drop_infinitive_lead(tokens: list[re.Match[str]]) -> None:
    """`The email goes on to say`, `Trump declined to say`: the subject precedes `VERB (on) to`;
    so it does `had (this, a lot) to say` (`A report had this to say:`)."""
    if len(tokens) < 3 or tokens[-1].group() != "to":
        return
    tokens.pop()
    have = [i for i in range(max(0, len(tokens) - 3), len(tokens)) if tokens[i].group() in _HAVE]
    if have and have[-1] > 0:
        del tokens[have[-1] :]
        return
    if tokens[-1].group() in ("on", "up", "out", "back"):
        tokens.pop()
    if tokens and tokens[-1].group().islower() and len(tokens) > 1:
        tokens.pop()


_HAVE = frozenset(split_words("has had have"))


_ANTECEDENT = re.compile(
    r"(?P<name>[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})(?:,\s+(?:the|a|an)\s[^,;:“”\"]{1,60})?,\s*$"
)


def _antecedent(left: str, who: int, offset: int, cue: str) -> Found | None:
    """`Trump, who has called the pact "insanity,"`: the speaker is the name before `who`, also
    past an apposition (`said Reed, the group's strategist, who added`)."""
    m = _ANTECEDENT.search(left, 0, who)
    if not m or not plausible_np(m.group("name")):
        return None
    return m.group("name"), offset + m.start("name"), cue, None


_PAREN_ASIDE = re.compile(r"\([^()“”\"]{0,40}\)")
_ADVERB_ASIDE = re.compile(
    r",\s*(?:meanwhile|however|though|too|also|instead|likewise|moreover|in turn|in response"
    r"|for (?:his|her|its|their) part),\s*$"
)


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
    aside = first in _ASIDE_OPENERS or first.endswith("ing")  # `writing for the majority`
    if not (_apposition(app) or aside) or len(app.split()) > 14:
        return None
    name_end = len(left[:comma].rstrip())
    start = _segment_start(left, name_end)
    name = clean_np(left[start:name_end].strip())[0]  # `But Sen. Durbin, noting ..., said`
    if not name or not CAP.match(name.split()[0]) or not plausible_np(name):
        return None
    role = clean_role(app) if looks_like_role(app) and first not in ("who", "which") else None
    return start, name_end, role


# `Clinton, during a town hall in Columbus, Ohio, said`: an aside between subject and verb.
_ASIDE_OPENERS = frozenset(split_words("a an the during in at on asked after while when"))


def _apposition(part: str) -> bool:
    """`X, the Kremlin spokesman, said`, `X, who was an adviser, said`, `X, 49, said`."""
    stripped = part.strip()
    return (
        looks_like_role(stripped)
        or stripped.isdigit()
        or stripped.split(" ", 1)[0].lower() in ("who", "which")
    )


def _is_adverb(word: str) -> bool:
    """`flatly`, `repeatedly`: an -ly word between a subject and its verb is not the subject."""
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


def sentence_subject(sentence: str, offset: int, cue: str) -> Found | None:
    """The subject at the start of a sentence (`Trump then appeared ..., saying "..."`).

    Used for participle cues and colon-introduced quotes that have no reporting verb with a
    subject of its own: the leading name, role phrase or pronoun, up to the first lowercase
    word that cannot be part of it.
    """
    if sentence.lstrip()[:1] in OPENERS:
        return None
    # `Sen. Bernie Sanders (I-Vt.) on Saturday criticized`: a party tag is part of no word
    blanked = _PAREN_ASIDE.sub(lambda m: " " * len(m.group()), sentence)
    words = _after_intro(blanked, list(_WORD.finditer(blanked)))
    chosen: list[re.Match[str]] = []
    for i, w in enumerate(words[:10]):
        token = w.group()
        low = token.lower().strip(".")
        if chosen and "," in sentence[chosen[-1].end() : w.start()]:
            break  # `Sam Lau, the communications director ..., said`: the name before the comma
        if not chosen and low in PRONOUNS and low not in ("i", "we", "it"):
            chosen.append(w)
            break
        if not chosen and low in _NOT_NAMES:
            continue  # `Most said`, `Some Republicans said`: capitalised only as a first word
        if CAP.match(token) or (chosen and low in NP_INNER) or (not chosen and low in ("the",)):
            chosen.append(w)
            continue
        if chosen and _role_noun_before_name(token, sentence, w.end()):
            chosen.append(w)  # "Labour backbencher Stephen Pound": an unlisted role noun
            continue
        if len(chosen) == 1 and chosen[0].group().lower() in _ARTICLES and cue in PARTICIPLES:
            chosen += _common_noun(sentence, words[i : i + 4])
        break
    if not chosen:
        return None
    np, shift = clean_np(sentence[chosen[0].start() : chosen[-1].end()].rstrip("."))
    if not np or not plausible_np(np) or np.lower() in ("the",):
        return None
    return np, offset + chosen[0].start() + shift, cue, None


_NOT_NAMES = LEADING_ADVERBS | frozenset(
    split_words("most more many some several few all both each conversely nonetheless")
)


_ARTICLES = frozenset(split_words("the a an one another"))


def _common_noun(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """`The retired surgeon has ...`, `One operative inside the campaign tried ...`: after an
    article, up to three lowercase words are the subject when a verb follows them (an
    auxiliary, a reporting verb or a past tense), or one word and a preposition. A noun for an
    act or a quality (`The question ...`, `The timing of ...`) speaks for no one. Only for a
    participle cue (`..., saying`), which needs the sentence's subject and has no other."""
    for n, w in enumerate(words):
        low = w.group()
        if "," in sentence[words[0].start() : w.start()] or not low.islower():
            return []
        verb = low in AUX or low in VERBS or low.endswith("ed")
        if n and (verb or n == 1 and low in _NOUN_PREPOSITIONS):
            return [] if words[n - 1].group().endswith(_ABSTRACT) else words[:n]
    return []


_NOUN_PREPOSITIONS = PREPOSITIONS | frozenset(split_words("inside of from with for"))
_ABSTRACT = ("tion", "sion", "ing", "ment", "ness", "ity")


def _role_noun_before_name(token: str, sentence: str, end: int) -> bool:
    """A lowercase agent noun (`backbencher`, `campaigner`) right before a capitalised name
    belongs to the subject; verbs (`attacked Clinton`) do not end like agent nouns."""
    return agent_noun(token) and bool(re.match(r"\s+[A-Z][\w'’\-]+\s+[A-Z]", sentence[end:]))


def _after_intro(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Words after an introductory phrase closed by a comma (`However,`, `Later on Sunday,`,
    `Asked about it,`): the subject follows it. Only phrases that open with a sentence adverb,
    a preposition or a participle count, so `Smith, the mayor, said` keeps its subject; a
    participle-like word before a capitalised one is a name (`Carly Fiorina`, `Ed Rendell`)."""
    dateline = _DATELINE.match(sentence)  # `WASHINGTON, Aug. 24 (UPI) — In response to ...,`
    if dateline:
        words = [w for w in words if w.start() >= dateline.end()]
    words = _without_links(sentence, words)
    if not words:
        return words
    first = words[0].group().lower()
    named = len(words) > 1 and CAP.match(words[1].group())
    if not (first in _INTRO_WORDS or first.endswith(("ing", "ed", "ly")) and not named):
        return words
    # a subordinate clause (`When X suggested that ..., Rubio fired back:`) runs longer
    reach = 24 if first in _SUBORDINATORS else 14
    for i, w in enumerate(words[:reach]):
        if sentence[w.end() : w.end() + 1] != "," or _place_comma(sentence, w.end()):
            continue
        if not re.match(r",\s+\d{4}\b", sentence[w.end() :]):  # `On July 6, 2015, X`
            return _after_intro(sentence, words[i + 1 :])  # `On Thursday, after ..., X`
    return words


_SUBORDINATORS = frozenset(
    split_words("when while although though whereas because since if unless")
)


def _without_links(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """`And then Trump went on the attack, saying`: conjunctions before a capitalised word open
    no introductory phrase; the name after them is the subject. (`But a day later, X` keeps
    its intro phrase.)"""
    i = 0
    while i < len(words) and words[i].group().lower() in _LINKS:
        if sentence[words[i].end() : words[i].end() + 1] == ",":
            return words
        i += 1
    named = 0 < i < len(words) and CAP.match(words[i].group())
    return words[i:] if named and words[i].group().lower() not in _INTRO_WORDS else words


_LINKS = frozenset(split_words("and but so yet or then"))


_DATELINE = re.compile(r"[A-Z][A-Z .'\-]+,[^—–\n]{0,40}?\s[—–]\s*")
_INTRO_WORDS = (
    LEADING_ADVERBS
    | PREPOSITIONS
    | frozenset(
        split_words("""after before when while as although though if asked speaking for with""")
    )
    # `Hours later,`, `Amid the protests,`, `Back in September,`
    | frozenset(split_words("hours days weeks months years moments minutes amid amidst back"))
    # `Like Corker, Menendez rejected ...`: a comparison opens the sentence, its subject follows
    | frozenset(split_words("like unlike likewise similarly"))
)
