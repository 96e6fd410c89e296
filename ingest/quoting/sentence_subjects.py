"""The subject that opens a sentence (`Reed then appeared ..., saying "..."`) and the subject of
an absolute phrase (`with Ruiz calling it "a menu"`): speakers of participles and colons."""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    AUX,
    CAP,
    OPENERS,
    PARTICIPLES,
    PRONOUNS,
    SUBORDINATORS,
    VERBS,
    split_words,
)
from ingest.quoting.model import Subject
from ingest.quoting.nounphrases import (
    LEADING_ADVERBS,
    NP_INNER,
    PREPOSITIONS,
    agent_noun,
    clean_np,
    plausible_np,
)
from ingest.quoting.officename import OfficeName, apposed_name
from ingest.quoting.subjects import PAREN_ASIDE, WORD, is_adverb, place_comma
from ingest.quoting.wholephrase import (
    PARTICIPLE_LINKS,
    continues_phrase,
    report_noun,
    whole_speaker,
)

_TWO_CAPITALS_NEXT = re.compile(r"\s+[A-Z][\w'’\-]+\s+[A-Z]")
_COMMA_YEAR = re.compile(r",\s+\d{4}\b")

_WITH_SUBJECT = re.compile(r"\bwith\s+(?P<np>[^,;:“”\"]{2,80}?)\s*$")


def absolute_subject(left: str, offset: int, cue: str) -> Subject | None:
    """`Republicans were irritated, with Ruiz calling it "a menu"`: in an absolute phrase
    (`with NP VERB-ing`) the participle's subject is the NP after `with`, not the sentence's."""
    m = _WITH_SUBJECT.search(left)
    if not m:
        return None
    words = m.group("np").split()
    while len(words) > 1 and (words[-1] in AUX or is_adverb(words[-1])):
        words.pop()  # `with Reed reportedly yelling`
    np, shift = clean_np(" ".join(words))
    if not np or not plausible_np(np):
        return None
    return Subject(np, offset + m.start("np") + shift, cue, None)


# A wire dateline opening an article's first sentence: `WASHINGTON (AP) — `, `Washington
# (HNS) – `, `LONDON — `: a place (with the agency in brackets, or in capitals) and a dash.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.’'\-]*(?:,?\s+[A-Z][\w.’'\-]*){0,3}\s+\([A-Z][\w ]{0,20}\)"
    r"|[A-Z][A-Z.’'\-]+(?:,?\s+[A-Z][A-Z.’'\-]+){0,3})\s*[–—-]{1,2}\s"
)


def sentence_subject(sentence: str, offset: int, cue: str) -> Subject | None:
    """The subject at the start of a sentence (`Reed then appeared ..., saying "..."`).

    Used for participle cues and colon-introduced quotes that have no reporting verb with a
    subject of its own: the leading name, role phrase or pronoun, up to the first lowercase
    word that cannot be part of it.
    """
    if sentence.lstrip()[:1] in OPENERS:
        return None
    # `Sen. Ada Lind (I-Vt.) on Saturday criticized`: a party tag is part of no word;
    # `Washington (HNS) – Vell said`: a wire dateline is no part of the subject either
    blanked = DATELINE.sub(lambda m: " " * len(m.group()), sentence)
    blanked = PAREN_ASIDE.sub(lambda m: " " * len(m.group()), blanked)
    words = _after_intro(blanked, list(WORD.finditer(blanked)))
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
            chosen.append(w)  # "Labour backbencher Sam Pound": an unlisted role noun
            continue
        if len(chosen) == 1 and chosen[0].group().lower() in _ARTICLES and cue in PARTICIPLES:
            chosen += _common_noun(sentence, words[i : i + 4])
        elif cue == ":" and _imperative(chosen, low):
            return None  # "Remember how it sounded then:": a verb, nobody's name
        elif CAP.match(chosen[-1].group()) if chosen else False:
            return _modified_subject(sentence, offset, cue, chosen, words[i:])
        break
    if not chosen:
        return None
    np, shift = clean_np(sentence[chosen[0].start() : chosen[-1].end()].rstrip("."))
    if not np or not plausible_np(np) or np.lower() in ("the",):
        return None
    apposed = _apposed_after(sentence, chosen[-1].end(), np)
    if apposed:
        return Subject(apposed.name, offset + apposed.shift, cue, apposed.office)
    return Subject(np, offset + chosen[0].start() + shift, cue, None)


_APPOSITION = re.compile(r"\s*,(?P<app>[^,;:“”\"]{3,60}),")


def _apposed_after(sentence: str, end: int, office: str) -> OfficeName | None:
    """`Tom Reed's Westland state director, Ana Vell, reached out ..., writing`: an office
    that opens the sentence with a name set off after it; the name is the subject (with the
    office as its role), as `np_from_left` reads it before a verb. The shift is in the
    sentence."""
    m = _APPOSITION.match(sentence, end)
    apposed = apposed_name(office, m.group("app")) if m else None
    if apposed is None or m is None:
        return None
    return apposed._replace(shift=m.start("app") + apposed.shift)


def _modified_subject(
    sentence: str,
    offset: int,
    cue: str,
    chosen: list[re.Match[str]],
    rest: list[re.Match[str]],
) -> Subject | None:
    """`Other analysts said`, `US oil giant Exxon said`: capitalised words followed by more of
    their noun phrase are its modifiers, so the subject is the whole phrase when a verb
    follows it and its head is a plural noun, or the name a descriptor introduces
    (`wholephrase`). Otherwise the capitalised words are the subject as they stand (`Reed
    went after Hale`)."""
    phrase = list(chosen)
    for w in rest[:6]:
        if "," in sentence[phrase[-1].end() : w.start()]:
            break
        words = [p.group() for p in phrase] + [w.group()]
        if not (
            continues_phrase(w.group())
            or report_noun(words, len(phrase))
            or CAP.match(w.group())
            and len(phrase) > len(chosen)
        ):
            break
        phrase.append(w)
    after = rest[len(phrase) - len(chosen)].group() if len(rest) > len(phrase) - len(chosen) else ""
    text, _ = clean_np(sentence[phrase[0].start() : phrase[-1].end()])
    whole = whole_speaker(text, 0) if len(phrase) > len(chosen) else None
    reports = report_noun([p.group() for p in phrase], len(phrase) - 1)
    if whole and whole[0] == text and not reports and not _verb_like(after, cue):
        whole = None  # `Reed wants to`: a plural-looking head needs a verb after it
    if whole is None:
        np, shift = clean_np(sentence[chosen[0].start() : chosen[-1].end()].rstrip("."))
        if not np or not plausible_np(np) or np.lower() in ("the",):
            return None
        return Subject(np, offset + chosen[0].start() + shift, cue, None)
    return Subject(whole[0], offset + max(sentence.find(whole[0], phrase[0].start()), 0), cue, None)


def _verb_like(word: str, cue: str) -> bool:
    """For a reporting cue, a word that can open the predicate after its subject: the cue, a
    listed verb or auxiliary, or a past form. Any other cue takes no plural group as speaker
    (`Harbor targets included ...` reports nothing)."""
    low = word.lower()
    if cue.lower() not in VERBS:
        return False
    return bool(low) and (low == cue or low in VERBS | AUX or low.endswith("ed"))


_NOT_NAMES = LEADING_ADVERBS | frozenset(
    split_words("most more many some several few all both each conversely nonetheless")
)


_ARTICLES = frozenset(split_words("the a an one another"))
# A clause word right after the one capitalised word that opens a sentence: that word is a
# verb in the imperative ("Remember how it sounded then:"), no subject.
_IMPERATIVE_OBJECTS = frozenset(split_words("how what why whether"))


def _imperative(chosen: list[re.Match[str]], next_word: str) -> bool:
    """The one word chosen is a verb in the imperative: a plain word that is no pronoun
    ("Remember", "Hear"; not "That's") right before a clause word. Only read before a colon
    (`cue`): the quotation it introduces is then nobody's named here, never "Remember"'s."""
    word = chosen[0].group() if len(chosen) == 1 else ""
    return word.isalpha() and word.lower() not in PRONOUNS and next_word in _IMPERATIVE_OBJECTS


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
    belongs to the subject; verbs (`attacked Vell`) do not end like agent nouns."""
    return agent_noun(token) and bool(_TWO_CAPITALS_NEXT.match(sentence[end:]))


def _after_intro(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """Words after an introductory phrase closed by a comma (`However,`, `Later on Sunday,`,
    `Asked about it,`): the subject follows it. Only phrases that open with a sentence adverb,
    a preposition or a participle count, so `Smith, the mayor, said` keeps its subject; a
    participle-like word before a capitalised one is a name (`Mia Voss`, `Ed Vint`)."""
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
    # a subordinate clause (`When X suggested that ..., Quell fired back:`) runs longer
    reach = 24 if first in SUBORDINATORS else 14
    for i, w in enumerate(words[:reach]):
        if sentence[w.end() : w.end() + 1] != "," or place_comma(sentence, w.end()):
            continue
        if not _COMMA_YEAR.match(sentence[w.end() :]):  # `On July 6, 2015, X`
            return _after_intro(sentence, words[i + 1 :])  # `On Thursday, after ..., X`
    return _after_participle_phrase(words)


def _after_participle_phrase(words: list[re.Match[str]]) -> list[re.Match[str]]:
    """`Speaking to the committee he urged ...`: a participle and its preposition or object
    open the sentence without a comma; its subject is the pronoun that follows the phrase,
    and with none the sentence has no subject to give (never the participle itself). A name
    ending like a participle (`Pickering said`) is followed by no such word."""
    first = words[0].group()
    if not (first.endswith("ing") and len(words) > 1 and words[1].group() in PARTICIPLE_LINKS):
        return words
    after = next((i for i, w in enumerate(words[:14]) if w.group().lower() in PRONOUNS), None)
    return words[after:] if after else []


def _without_links(sentence: str, words: list[re.Match[str]]) -> list[re.Match[str]]:
    """`And then Reed went on the attack, saying`: conjunctions before a capitalised word open
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
    # `Hours later,`, `Amid the protests,`, `Back in September,`, `Late last month,`
    | frozenset(split_words("hours days weeks months years moments minutes amid amidst back late"))
    # `Like Renko, Orvik rejected ...`: a comparison opens the sentence, its subject follows
    | frozenset(split_words("like unlike likewise similarly"))
)
