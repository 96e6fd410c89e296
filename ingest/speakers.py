"""Speaker name normalisation, unification and look-up.

Quotes name their speakers the way the article does ("Varo", "Nils Varo", "Mr. Varo",
"S. Varo"). Retrieval needs one name per person, within an article and across the corpus, and
question understanding needs to map free text ("what did varro say", "the Westland spokesman")
back to those names. Everything here is a pure function of its arguments.

Unification rule (documented because it decides merges): two names belong together when their
surnames (last token after stripping titles) are equal and their first names are compatible
(equal, one an initial of the other, or one missing). A bare surname joins the only cluster with
that surname; when several full names share the surname it joins the most frequent one if that
one is strictly more frequent than each other, and otherwise stays on its own. Within one article
that names several people of the surname in full, it is the first of them written instead.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from ingest.quoting.lexicon import (
    CLAUSE_OPENERS,
    ORG_HEADS,
    REPORTING_VERBS,
    ROLE_WORDS,
    TITLE_GENDER,
    WEEKDAYS,
    after_staff_phrase,
)
from ingest.quoting.lexicon_openers import (
    OPENING_PARTICIPLES,
    OPENING_PHRASE_WORDS,
    OPENING_PREPOSITIONS,
)
from ingest.quoting.lexicon_speakers import (
    NAME_AMPERSANDS,
    NOT_GIVEN_WORDS,
    PARTICIPLE_ENDING,
    PARTICIPLE_MIN_LENGTH,
    PAST_ENDING,
)


def _lexicon(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


# Bump when the naming rules here change (`strip_titles`, `canonical_key`, `unify_speakers`):
# a speaker index stored by another version is then built again, not read back.
# 17: a bare surname in an article that names namesakes in full is the first one written
# ("Vell" was the husband quoted once in full in an article about his wife; `_first_namesake`);
# 16: "Sir Ivo" (stripped to "Ivo") is the one person the article names with that given name
# when it writes the honorific with it (`knight_to_full_name`);
# 15: church offices, "Whip" and "Agent" before a name are titles ("Senate Minority Whip Ann
# Vell" was "Whip Ann Vell", a name no question asks for; "Pastor Ann Vell", "Agent Ann Vell");
# 14: a slogan or headline phrase ending with a surname ("Never Reed", "Jews Against Reed",
# "Bashing Reed") is no second person of that surname, so "Reed" links to Tom Reed;
# 13: a speaker written with an "&" ("Vell & Marsh") is a name the question can ask for, and
# office words ("Bank of England") join names across articles again (12 shadowed them).
NAMING_VERSION = 17

# Honorifics and office titles that precede a name and are never part of it.
TITLES = frozenset(
    _lexicon(
        """mr mrs ms miss mx dr prof professor sir dame lord lady sen senator rep representative
    gov governor president pres vice prime minister foreign defence defense secretary
    ambassador mayor judge justice gen general col colonel capt captain lt lieutenant sgt
    adm admiral cmdr rev reverend fr father hon honourable honorable king queen prince
    princess pope chancellor speaker chairman chairwoman chair ceo director deputy
    congressman congresswoman councilman councilwoman commissioner attorney spokesman
    spokeswoman spokesperson minority majority leader former acting chief sheikh the whip
    pastor bishop archbishop cardinal rabbi imam agent"""
    )
)
# Parties and memberships written before a name ("Tory MP Ann Vell", "Lib Dem Ann Vell"):
# not the name, but a party alone speaks as itself.
AFFILIATIONS = frozenset(
    _lexicon(
        """mp mps mep meps msp msps mla mlas am td tory tories labour conservative conservatives
    liberal lib dem dems democrat democrats democratic republican republicans gop green
    greens independent snp ukip plaid"""
    )
)
# Occupations written before a full name ("Singer Ben Vint", "Pop star Ann Vell"): who
# the person is, not their name; alone ("the singer") they are no one's name either.
OCCUPATIONS = frozenset(
    _lexicon(
        """singer star actor actress rapper comedian comic author writer novelist poet
    playwright producer presenter broadcaster journalist columnist chef designer model
    musician guitarist drummer frontman artist photographer striker midfielder defender
    goalkeeper winger forward captain coach manager boss player champion boxer golfer sprinter
    athlete cyclist jockey trainer referee analyst economist strategist lawyer barrister
    campaigner activist businessman businesswoman tycoon entrepreneur billionaire banker
    investor scientist researcher surgeon doctor historian"""
    )
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "qc", "kc"})
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_PARTY_TAG = re.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")  # "Jon Pelk, R-Wis."
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w\s'’.-]")
_STOP = frozenset(
    _lexicon("""the a an of in on about and or to for what did does say said who how""")
)


def _ascii_fold(text: str) -> str:
    """Drop diacritics so "Dunskyy" style variants compare on letters only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def strip_titles(name: str) -> str:
    """Remove leading titles/roles, parenthesised tags and suffixes, keeping original casing.

    "Westland Foreign Minister Nils Varo" keeps only the name when the leading words are
    titles or adjectives of a title ("Russian" before "Foreign Minister").

    Cached: quote finding strips every run of capitalised words of every article
    (`name_mentions`), the same names and titles again and again (perf28).
    """
    name = _PARTY_TAG.sub("", _PAREN.sub("", name)).strip(" ,;:")
    tokens = name.split()
    while tokens and _POSSESSIVE.sub("", tokens[-1]).strip(".,").lower() in SUFFIXES:
        tokens.pop()
    if _speaks_for_someone(tokens):
        return " ".join(tokens)  # "spokesman for Prime Minister X" is not X
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        if _describes_who_follows(token, tokens[i + 1 :]):
            last_title = i
    rest = tokens[last_title + 1 :]
    if last_title >= 0 and rest and not rest[0][:1].isupper():
        lowercase = [i for i, token in enumerate(rest) if not token[:1].isupper()]
        if len(rest) - lowercase[-1] <= 2:  # "President of Ukraine": an office, no name
            return " ".join(tokens)
        # "President of Westland Rafe Dunnik": the office's place, then the name.
        return " ".join(_trailing_name(rest[lowercase[-1] + 1 :]))
    return " ".join(rest)


def _describes_who_follows(token: str, following: Sequence[str]) -> bool:
    """A word written before a name that is no part of it: a title ("Minister", always); a
    party or membership ("Tory MP", "Lib Dem"), an occupation ("Singer", "Pop star") or a
    possessive ("Plaid Cymru's"), only with a full name after it, since "Labour Party", "Star"
    and "Westland TV's" alone are what speaks."""
    word = token.strip(".,").lower()
    if word in TITLES:
        return True
    return _person_words(following) and (
        word in AFFILIATIONS or word in OCCUPATIONS or bool(_POSSESSIVE.search(word))
    )


def _person_words(tokens: Sequence[str]) -> bool:
    """Two or three capitalised words, none of a body or an office: a person's full name."""
    return 2 <= len(tokens) <= 3 and all(
        t[:1].isupper() and t.strip(".,").lower() not in _NOT_PERSON_WORDS for t in tokens
    )


def _trailing_name(tokens: Sequence[str]) -> list[str]:
    """A person's name at the end of capitalised words that begin with a place ("Ukraine
    Rafe Dunnik"): the last two words, with initials before them ("Bob W. Hale")."""
    start = max(0, len(tokens) - 2)
    while start > 0 and len(tokens[start].strip(".")) == 1:
        start -= 1
    return list(tokens[start:])


def _speaks_for_someone(tokens: Sequence[str]) -> bool:
    """ "an aide to X", "spokesman for Prime Minister X": staff named by the person they
    serve, whose words they are not. A body's spokesman ("a spokesman for the LSE", "for
    Vodafone") speaks as the body, as news writes it: that stays the body's."""
    start = after_staff_phrase(tokens)
    if start is None:
        return False
    served = tokens[start:]
    named = len(served) >= 2 and all(t[:1].isupper() for t in served[-2:])
    return named and served[0].lower() != "the"


# Slavic surname endings transliterated several ways ("Dunsky", "Dunskyy", "Dunskiy";
# "Tamyak", "Tamiak"): the press service and the wire agencies each keep their own, and a
# question typed one way must find the person quoted under another. (ending, its key), tried
# on the last word of a name only.
_SLAVIC_ENDINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=sk)(?:yy|yi|iy|ij|ii|yj)$"), "y"),
    (re.compile(r"(?<=[bcdfghklmnprstvz])i(?=ak$|uk$)"), "y"),
)


def _surname_key(word: str) -> str:
    """A surname with its transliterated ending spelt one way (`_SLAVIC_ENDINGS`)."""
    for ending, key in _SLAVIC_ENDINGS:
        word = ending.sub(key, word)
    return word


@functools.lru_cache(maxsize=1 << 16)
def canonical_key(name: str) -> str:
    """Comparison key: ASCII-folded, lowercase, titles, punctuation and possessives removed.

    Cached: building the speaker index asks for the key of every quote's speaker as written,
    the same few thousand strings again and again (99k calls at 20k articles, most of the
    first question's time under cProfile)."""
    stripped = strip_titles(_ascii_fold(name))
    tokens = [_POSSESSIVE.sub("", t) for t in _NON_WORD.sub(" ", stripped).split()]
    tokens = [t for t in (t.strip(".'’-").lower() for t in tokens) if t]
    return " ".join([*tokens[:-1], _surname_key(tokens[-1])] if tokens else [])


def surname(name: str) -> str:
    """Last token of the canonical key: the part that must agree for two names to merge."""
    key = canonical_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def _given(key: str) -> list[str]:
    return key.split()[:-1]


def first_names_compatible(a: str, b: str) -> bool:
    """True when the given names of two keys with the same surname can be one person.

    Only the first given name is compared, so middle names and initials ("Tom J. Reed")
    do not split a person; "Ana" and "Bob" do.
    """
    ga, gb = _given(a), _given(b)
    if not ga or not gb:
        return True
    fa, fb = ga[0], gb[0]
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return False


def speakers_named(person: str, speakers: Iterable[str]) -> set[str]:
    """The speakers a person written in the article may be: the same last word, and given
    names that can be one person's. `Former President Bob Vell` gives his office to the
    speaker `Vell` or `Bob Vell`, never to `Ana Vell`, who shares the surname
    only (an article on her campaign that mentions him made her "former President")."""
    last = person.split()[-1]
    key = canonical_key(person)
    return {
        s
        for s in speakers
        if s.split()[-1] == last and first_names_compatible(canonical_key(s), key)
    }


def _display_score(name: str, counts: Counter[str]) -> tuple[int, int, int]:
    """Prefer the fullest form (more tokens, no bare initials), then frequency, then length."""
    clean = strip_titles(name)
    tokens = clean.split()
    initials = sum(1 for t in tokens if len(t.strip(".")) == 1)
    return (len(tokens) - initials, counts[name], len(clean))


def unify_speakers(names: Iterable[str], text: str = "") -> dict[str, str]:
    """Map every given name to its cluster's canonical form (fullest name, titles stripped).

    Repeated names count as frequency, which only matters for bare surnames shared by several
    full names (see the module docstring). With the article's `text` (one article's speakers
    only), a speaker the article names by surname or by office alone is then linked to the
    person the text names in full (`link_in_article`); without it (speakers of many
    articles), a description merges with nothing (`_names_someone`).
    """
    counts: Counter[str] = Counter(n for n in names if n and n.strip())
    people = written_people(text) if text else []
    by_surname: dict[str, list[str]] = defaultdict(list)
    mapping: dict[str, str] = {}
    for name in counts:
        if text or _names_someone(name):
            by_surname[surname(name) if text else _key_across_articles(name)].append(name)
        else:
            mapping[name] = name
    for key, members in by_surname.items():
        mapping.update(_unify_group(members, counts, _first_namesake(key, people, text)))
    if text:
        links = link_in_article(set(mapping.values()), text, people)
        mapping = {n: links[t].name if t in links else t for n, t in mapping.items()}
    return mapping


def _key_across_articles(name: str) -> str:
    """What must agree for speakers of different articles to merge: a person's surname, but an
    office's or a body's whole name ("Foreign Minister", "Security Council"), whose last word
    is no surname: merged by it, every minister of the press corpus had become one speaker and
    the Defense Council the Security Council."""
    last = surname(name)
    return canonical_key(name) if last in OFFICE_HEADS | _BODIES else last


def _names_someone(name: str) -> bool:
    """Whether a speaker string is written as a name (capitalised words after any leading
    article or title: "Nils Varo", "the Kremlin", "Prime Minister Ann Vell"), which may
    merge with names of its surname in other articles. A description ("Russia's foreign
    minister", "the minister", "a spokesman for Vodafone") names nobody outside its article:
    its last word is no surname, and merging by it made every minister of a corpus one
    speaker. Within one article it does refer back ("the archbishop" after "the South African
    archbishop")."""
    words = strip_titles(name).split()
    if words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return bool(words) and all(
        w[:1].isupper() or w in _NAME_JOINERS | _PARTICLES | NAME_AMPERSANDS for w in words
    )


_ARTICLES = frozenset(_lexicon("the a an"))
# Lowercase words besides name particles ("de", "van") that a written office may hold:
# "President of Westland Sven Ostby".
_NAME_JOINERS = frozenset(_lexicon("of the and for"))


# ----- linking within one article ----------------------------------------------------------
# A speaker written by surname only ("Vellan") or by office only ("the President of Westland")
# is the person the same article names in full. Only within the article: across articles a
# surname or an office may be somebody else.

# Offices whose holder an official release opens with ("Ana Vell met ... The President of
# Westland stressed ..."); staff offices (spokesman, minister) are somebody else there.
HEAD_OF_STATE = frozenset(_lexicon("president king queen emir sultan monarch"))
OFFICE_HEADS = frozenset(
    _lexicon(
        """president premier chancellor minister secretary leader head governor mayor king queen
    prince princess ambassador spokesman spokeswoman spokesperson chairman chairwoman chief
    director commissioner emir sultan monarch"""
    )
)
# The capitalised office words right before a name: "Prime Minister ", "President of the
# Republic of Westland ".
_OFFICE_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|the|and|for)\s+)*)+)$")
_OF_PLACE = re.compile(r"\bof\s+$")
_FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|$)", re.DOTALL)
# A capitalised office phrase: "President", "Prime Minister of the Republic of Westland".
_OFFICE_PHRASE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*(?:\s+of(?:\s+the)?(?:\s+[A-Z][\w'’-]*)+)?"
)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&-]+$")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_WORD_LETTERS = 4  # title case leaves short words ("of", "on", "a") in lower case
_COMPOUND_NOUN = re.compile(r"\w-[a-z]")  # "Oscar-winner", "Tory-led": no given name
_DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")
_OWNER_MARKS = frozenset({"'s", "’s"})  # "Ana Vell's", an owner's name right before it
_QUANTIFIERS = frozenset(_lexicon("several various both all each every few former ex"))
_SENTENCE_START = re.compile(r"(?:^|[.!?”\"]\s+|\n)$")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")
# One-word speakers that name a body, never a person's surname ("Police", "Institute").
_BODIES = ORG_HEADS | frozenset(_lexicon("police army club team firm officials campaign"))
# Words of a body, an office or a work after a party or a possessive, never of a person's
# name: "Democratic National Convention", "St Fintian's High School", "Tamm's Care Act".
_NOT_PERSON_WORDS = (
    _BODIES
    | OFFICE_HEADS
    | frozenset(
        _lexicon(
            """convention association school college act fellowship house institution
    network times post news journal magazine standard daily hits motor motors"""
        )
    )
)


class WrittenPerson(NamedTuple):
    """A person the text names with a given name and surname, and the office written right
    before that mention, if any ("Prime Minister" for "Prime Minister Ana Vell")."""

    name: str
    start: int
    office: str | None


class Link(NamedTuple):
    """Whom a speaker of one article is, and the rule that said so (its own name: no rule)."""

    name: str
    rule: str


def is_office(phrase: str) -> bool:
    """An office with no name in it: "President", "President of Westland", "Westland leader"
    (the head noun is an office and no word follows it but an "of" phrase)."""
    words = _words(phrase)
    head = role_head(phrase)
    if head not in OFFICE_HEADS or not words or words[0] in ("a", "an"):
        return False  # "a minister" is anyone's office, "A Little Princess" a title
    after = words[words.index(head) + 1 :]
    return not after or after[0] == "of"


def written_people(text: str) -> list[WrittenPerson]:
    """People named in full in the text, in order, with the office written before each."""
    people: list[WrittenPerson] = []
    headline = _title_case_headline(text)
    for mention in name_mentions(text):
        name, start = mention
        words = name.split()
        acronyms = [i for i, word in enumerate(words[:-1]) if _ACRONYM.match(word)]
        if acronyms:  # "DJ Ana Vell", "Lib Dem MP Ana Vell" name her; "MG Rover" is a firm
            words = words[acronyms[-1] + 1 :]
            start = text.index(words[0], start)
        while words and _no_given_name(words[0]):
            words = words[1:]  # "Several Opec", "Although Lane", "With Vell", "Oscar-winner Vell"
        if len(words) > 2 and words[0].lower() in _DEMONYMS:
            words = words[1:]  # "Australian Ana Vell"; not "European Commission"
        words = _last_two_names(_after_organisation(words))
        if len(words) < 2:
            continue
        name = " ".join(words)
        start = text.index(words[0], start)
        # a title-case headline capitalises every word, as a sentence does its first
        opening = _SENTENCE_START.search(text[max(0, start - 3) : start]) or start < headline + 3
        place = _OF_PLACE.search(text[max(0, start - 5) : start])
        # a title-case headline's owner is no evidence ("Celebrating Ana Vell's Speech")
        owner = start >= headline and _owner_named_first(words, text, start)
        given = _given_name_first(words, text) or owner
        if len(words) >= 3 and (opening and not given or place):
            # "President of Westland Ana Vell": the first word is the office's place;
            # "Novelist Ana Vell, who ...": a sentence's capital, not a given name
            start = text.index(words[1], start)
            name = " ".join(words[1:])
        if len(name.split()) < 2 or not is_named_speaker(name) or _slogan(name.split(), text):
            continue
        before = _OFFICE_BEFORE.search(text[max(0, start - 80) : start])
        office = before.group(1).strip() if before else None
        people.append(WrittenPerson(name, start, office if office and is_office(office) else None))
    return people


def _no_given_name(word: str) -> bool:
    """A capitalised word before a surname that is no given name: a sentence opener or a
    quantifier ("Although Lane", "Several Opec"), a preposition or imperative opening the
    sentence ("With Vell", "Like Vell", "See Vell"), a month ("In March Vell ..."), a party
    ("Republicans Vell"), titles ("Senators Vell"), a compound noun ("Oscar-winner Vell") or
    an abbreviation ("U.S. Ana Vell"). Taken for one, it made a second person of the surname,
    so that "Vell" linked to no one."""
    lowered = word.lower()
    return (
        lowered in _NO_GIVEN_NAME_WORDS
        or lowered.removesuffix("s") in TITLES  # "Senators Vell and Tamm"
        or _COMPOUND_NOUN.search(word) is not None
        or _DOTTED_ABBREVIATION.match(word) is not None  # "U.S. Ana Vell"
    )


def _slogan(words: list[str], text: str) -> bool:
    """`Never Reed`, `Jews Against Reed`, `Bashing Reed`: a slogan, a headline's words or a
    group's name ending with a surname, not a person. A word of `NOT_GIVEN_WORDS` or a
    preposition (`With Reed`) before the surname, or a first word that is a participle or a
    past form the text also writes in lower case, is no given name. Taken for a second person
    of the surname, such a phrase kept `Reed said` from being linked to the one Tom Reed
    the article names."""
    if any(w.lower() in NOT_GIVEN_WORDS | OPENING_PREPOSITIONS for w in words[:-1]):
        return True
    first = words[0].lower()
    if len(first) >= PARTICIPLE_MIN_LENGTH and first.endswith(PARTICIPLE_ENDING):
        return True
    past = first.endswith(PAST_ENDING) and len(first) > len(PAST_ENDING) + 2
    return past and re.search(rf"\b{re.escape(first)}\b", text) is not None


def _title_case_headline(text: str) -> int:
    """Where the article's first line ends when it is a headline in title case ("Celebrating
    Ana Vell's Speech"), else 0: its first word is no more a given name than a sentence's."""
    first = text.split("\n", 1)[0]
    return len(first) if title_case_line(first) and "\n" in text else 0


def title_case_line(line: str) -> bool:
    """A line in title case (`Ana Vell Put On The Defensive Over Harbour Policy.`): three or
    more words of four letters or more, all capitalised. News writes headlines so, never
    speech or narrative, whatever a colon before them looks like."""
    words = [w for w in _TITLE_WORD.findall(line) if len(w) >= _TITLE_WORD_LETTERS]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _last_two_names(words: list[str]) -> list[str]:
    """A person's name at the end of four or more capitalised words: the last two, with the
    initials and particles among them ("Presidential Aide Ana Vell", "Occupied Territories
    Ana J. Vell", "Nine Things Ana von Vell"). A run that long is no one's name, and taken
    for one it made a second person of the surname, so that "Vell" linked to no one."""
    full = [i for i, word in enumerate(words) if not _inside_name(word)]
    if len(full) < 4:
        return words
    start = full[-2]
    while start > 0 and _inside_name(words[start - 1]):
        start -= 1  # "Counsel W. Ana Vell"
    return words[start:]


def _inside_name(word: str) -> bool:
    """An initial or a particle, which stand inside a name ("Ana J. Vell", "Ana von Vell")."""
    return len(word.strip(".")) == 1 or word in _PARTICLES


def _given_name_first(words: list[str], text: str) -> bool:
    """Whether the first of three or more capitalised words at a sentence's start is the
    given name: an initial or a particle follows it ("Ana J. Vell", "Ana von Vell"), or the
    text writes the whole name again ("Ora Leo Vell plays ..." and "... with Ora Leo Vell")."""
    return _inside_name(words[1]) or text.count(" ".join(words)) > 1


def _owner_named_first(words: list[str], text: str, start: int) -> bool:
    """Whether three or more capitalised words at a sentence's start that own something are
    one person's name ("Ora Leo Vell's new show opens"): the first word is the given name
    unless it is an occupation or role ("Novelist Ana Vell's book") or the text writes it in
    lower case as a common word ("Rival Ana Vell's plan" and "her rival"). Without this the
    owner lost the given name, and her surname linked to "Leo Vell"."""
    last = text.find(words[-1], start)
    if last < 0 or text[last + len(words[-1]) :][:2] not in _OWNER_MARKS:
        return False
    first = words[0].lower()
    if first in OCCUPATIONS or first in ROLE_WORDS:
        return False
    return re.search(rf"\b{re.escape(first)}\b", text) is None


def _after_organisation(words: list[str]) -> list[str]:
    """ "Defense Council Ana Vell" (of "Secretary of the National Security and Defense Council
    Ana Vell", "Head of the President's Office Ana Vell"): the words after an organisation's
    head noun are the person, the organisation is part of the office written before them."""
    heads = [i for i, word in enumerate(words[:-2]) if word.lower() in ORG_HEADS]
    return words[heads[-1] + 1 :] if heads else words


def _one_person(names: Iterable[str]) -> str | None:
    """The fullest name when all names can be one person (same surname, compatible first
    names), else None."""
    names = list(dict.fromkeys(names))
    if not names:
        return None
    keys = [canonical_key(n) for n in names]
    if len({k.rsplit(" ", 1)[-1] for k in keys}) != 1:
        return None
    if not all(first_names_compatible(a, b) for a in keys for b in keys):
        return None
    return max(names, key=lambda n: (len(n.split()), len(n)))


def _surname_to_full_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Vellan" is "Kai Vellan" when the article names exactly one person so."""
    if len(speaker.split()) != 1 or is_office(speaker) or not is_named_speaker(speaker):
        return None
    if speaker.isupper() or speaker.lower() in _BODIES:  # "EU", "Police"
        return None
    key = canonical_key(speaker)
    named = [p.name for p in people if surname(p.name) == key]
    return _one_person(named) or _first_namesake(key, people, text)


def _first_namesake(key: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """Of several people an article names in full with one surname ("Ana Vell" and, in a
    later sentence, her husband "Bob Vell"), the first: news writing introduces its subject
    first and tells a namesake who comes later by the full name, so the bare surname is the
    first's. None when the names can all be one person, or when another namesake is written
    in the first one's sentence ("Ana Vell and Bob Vell met": nobody is told apart). A
    headline's words make no person ("Understated Vell Raises ...": `_short_first_line`).
    An article that writes the surname after a gendered title ("Mr. Vell", "Mrs. Vell")
    tells its namesakes apart by the title, not by who came first: None then too; and for a
    body's or an office's head word ("Trade Organisation"), which is no surname."""
    if key in OFFICE_HEADS | _BODIES:
        return None
    headline = max(_title_case_headline(text), _short_first_line(text))
    named = [p for p in people if surname(p.name) == key and p.start >= headline]
    if not named or _one_person(p.name for p in named):
        return None
    if titled_gender(text, named[0].name.split()[-1]) is not None:
        return None
    first = canonical_key(named[0].name)
    other = next(
        (p for p in named if not first_names_compatible(first, canonical_key(p.name))), None
    )
    if other is None or not _SENTENCE_END.search(text, named[0].start, other.start):
        return None
    return named[0].name


# A first line at most this long, alone in its paragraph, is a headline (or a one-line lead,
# which then only keeps its names out of `_first_namesake`, the cautious side).
HEADLINE_MAX_CHARACTERS = 150


def _short_first_line(text: str) -> int:
    """Where the first line ends when it is a short paragraph of its own, else 0."""
    first, _, rest = text.partition("\n")
    alone = rest.lstrip(" \t").startswith("\n")
    return len(first) if alone and len(first) <= HEADLINE_MAX_CHARACTERS else 0


def titled_gender(text: str, surname: str) -> str | None:
    """The gender of the first title the article writes before `surname` (`Ms Vell`), if
    any: a pronoun of the other gender does not point at them, and namesakes written with
    titles are told apart by them."""
    for match in re.finditer(rf"\b(\w+)\.? {re.escape(surname)}\b", text):
        gender = TITLE_GENDER.get(match.group(1).lower())
        if gender:
            return gender
    return None


def _knight_to_full_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Sir Ivo" (the speaker "Ivo" once the title is stripped) is "Ivo Vell" when the article
    writes the honorific with that given name and names exactly one person with it: a knight or
    dame is called by title and given name, never by the given name alone, so this is no
    first name matched to a surname."""
    if len(speaker.split()) != 1 or is_office(speaker) or speaker.isupper():
        return None
    written = (rf"\b{honorific} {re.escape(speaker)}\b" for honorific in GIVEN_NAME_HONORIFICS)
    if not any(re.search(pattern, text) for pattern in written):
        return None
    return _one_person(p.name for p in people if p.name.split()[0] == speaker)


def _office_written_with_name(
    speaker: str, people: Sequence[WrittenPerson], text: str
) -> str | None:
    """ "President of Westland" is the one person the article writes with that office."""
    if not is_office(speaker):
        return None
    holder = _one_person(p.name for p in people if _holds(p, speaker))
    if holder and len(_content_words(speaker)) == 1 and people[0].start == 0:
        # a bare office ("the President") is the article's own subject, not a visitor's title
        return holder if _one_person([holder, people[0].name]) else None
    return holder


def _holds(person: WrittenPerson, office: str) -> bool:
    """The text writes the person with this office (a deputy's or shadow's is another)."""
    return bool(person.office) and _fits(office, person.office or "")


def _fits(office: str, written: str) -> bool:
    return role_matches(office, written) and same_office(office, written)


def _content_words(phrase: str) -> list[str]:
    return [w for w in _words(phrase) if w not in _STOP]


def _office_of_lead_subject(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """An office no one is written with is the person the article opens with ("Ana Vell met
    the mayors. ... The President of Westland stressed ..."), unless the text writes that
    person with another office or anyone else with this one."""
    if not is_office(speaker) or not people or not _opens_article(people[0], text):
        return None
    if not role_keywords(speaker) & HEAD_OF_STATE:
        return None  # a spokesman or a minister is rarely the person an article opens with
    if " of " not in speaker:
        # A bare "the President" is often someone the article never names (in general news
        # the sitting president): linking it to the opening person cost PolNeAR dev speaker
        # accuracy 0.904 -> 0.899. "The President of Westland" says whose office it is.
        return None
    lead = people[0]
    if _office_in_first_sentence(speaker, text):
        return None  # "Ana Vell reported to the President": the lead is someone else
    same = [p for p in people if _one_person([p.name, lead.name])]
    if any(p.office and not _fits(speaker, p.office) for p in same):
        return None
    others = [p for p in people if p not in same]
    if any(_holds(p, speaker) for p in others) or _office_before_other_name(speaker, text, lead):
        return None
    return _one_person(p.name for p in same)


def _opens_article(person: WrittenPerson, text: str) -> bool:
    """The article opens with the person, or with one short phrase and then the person
    ("During the telephone conversation, Ana Vell congratulated ...")."""
    lead = text[: person.start]
    if not lead:
        return True
    words = _words(lead)
    return (
        lead.endswith(", ")
        and lead.count(",") == 1
        and len(words) <= OPENING_PHRASE_WORDS
        and (words[0] in OPENING_PREPOSITIONS or words[0] in OPENING_PARTICIPLES)
    )


def _office_in_first_sentence(office: str, text: str) -> bool:
    """The article's first sentence writes this office itself."""
    first = _FIRST_SENTENCE.match(text)
    sentence = first.group(0) if first else text
    heads = role_keywords(office)
    for match in _OFFICE_PHRASE.finditer(sentence):
        phrase = match.group(0)
        if heads & set(_words(phrase)) and _fits(office, phrase):
            return True
    return False


def _place_before_name(speaker: str, people: Sequence[WrittenPerson], text: str) -> str | None:
    """ "Westland Ana Vell" (cut from "President of Westland Ana Vell") is Ana Vell."""
    if len(speaker.split()) < 3 or f"of {speaker}" not in text:
        return None
    return _one_person(p.name for p in people if p.office and speaker.endswith(f" {p.name}"))


def _office_before_other_name(office: str, text: str, lead: WrittenPerson) -> bool:
    """The text writes the office before someone else's name ("President Vell" when the lead
    is another person): then the office may be theirs."""
    for mention in name_mentions(text):
        before = _OFFICE_BEFORE.search(text[max(0, mention.start - 80) : mention.start])
        other = surname(mention.text) != surname(lead.name)
        if other and before and _fits(office, before.group(1).strip()):
            return True
    return False


class _LinkRule(NamedTuple):
    name: str
    find: Callable[[str, Sequence[WrittenPerson], str], str | None]


# Honorifics written with a given name, not a surname ("Sir Ivo", "Dame Ida").
GIVEN_NAME_HONORIFICS = frozenset(_lexicon("Sir Dame"))

# Ordered: the first rule that names someone decides.
ARTICLE_LINK_RULES: tuple[_LinkRule, ...] = (
    _LinkRule("surname_to_full_name", _surname_to_full_name),
    _LinkRule("knight_to_full_name", _knight_to_full_name),
    _LinkRule("place_before_name", _place_before_name),
    _LinkRule("office_written_with_name", _office_written_with_name),
    _LinkRule("office_of_lead_subject", _office_of_lead_subject),
)


def link_in_article(
    speakers: Iterable[str], text: str, people: Sequence[WrittenPerson] | None = None
) -> dict[str, Link]:
    """For each speaker of one article, the person the article names in full, where a rule
    finds one (see `ARTICLE_LINK_RULES`); speakers no rule links are left out. `people` is
    `written_people(text)` when the caller has it already."""
    people = written_people(text) if people is None else people
    links: dict[str, Link] = {}
    for speaker in speakers:
        for rule in ARTICLE_LINK_RULES:
            if (found := rule.find(speaker, people, text)) and found != speaker:
                links[speaker] = Link(found, rule.name)
                break
    return links


def _unify_group(
    members: list[str], counts: Counter[str], first_namesake: str | None = None
) -> dict[str, str]:
    """Cluster the names sharing one surname. An office whose titles strip its own head is
    no full name, though its key looks like one ("head of the President's Office" keys as
    "president office"). `first_namesake`: see `_bare_target`."""
    full = [m for m in members if _given(canonical_key(m)) and not _loses_its_head(m)]
    bare = [m for m in members if m not in full]
    clusters: list[list[str]] = []
    for name in sorted(full, key=lambda n: _display_score(n, counts), reverse=True):
        key = canonical_key(name)
        for cluster in clusters:
            if all(first_names_compatible(key, canonical_key(o)) for o in cluster):
                cluster.append(name)
                break
        else:
            clusters.append([name])
    mapping: dict[str, str] = {}
    for cluster in clusters:
        head = strip_titles(max(cluster, key=lambda n: _display_score(n, counts)))
        mapping.update({name: head for name in cluster})
    target = _bare_target(clusters, counts, first_namesake)
    for name in bare:
        # With nobody to join, an office keeps its words ("Deputy Prime Minister", not the
        # "Minister" its titles leave): another office is another speaker.
        alone = name if is_office(name) else strip_titles(name) or name
        mapping[name] = mapping[target[0]] if target else alone
    return mapping


def _loses_its_head(name: str) -> bool:
    """An office ("head of the President's Office") whose stripped form lacks its head noun
    and is no person's name ("Minister of Infrastructure Ana Vell" strips to Ana Vell)."""
    kept = strip_titles(name)
    if not is_office(name) or role_head(name) in _words(kept):
        return False
    words = kept.split()
    return not _person_words(words) or any(w.endswith(("'s", "’s")) for w in words)


def _bare_target(
    clusters: list[list[str]], counts: Counter[str], first_namesake: str | None = None
) -> list[str] | None:
    """The cluster a bare surname joins: the only one, or a strictly most frequent one. In an
    article that names namesakes in full (`first_namesake`, the first of them written), the
    first one's cluster, or none when that person is quoted under no full name: then
    `_surname_to_full_name` links the surname to them. Counting quotes had given "Vell",
    the subject of a whole article, to the husband quoted once in full."""
    if first_namesake:
        key = canonical_key(first_namesake)
        found = (c for c in clusters if first_names_compatible(key, canonical_key(c[0])))
        return next(found, None)
    if not clusters:
        return None
    if len(clusters) == 1:
        return clusters[0]
    freq = sorted(((sum(counts[n] for n in c), i) for i, c in enumerate(clusters)), reverse=True)
    if freq[0][0] > freq[1][0]:
        return clusters[freq[0][1]]
    return None


def _words(text: str) -> list[str]:
    """Comparison words: ASCII-folded, lowercase, possessives dropped."""
    return list(_word_tuple(text))


@functools.lru_cache(maxsize=1 << 16)
def _word_tuple(text: str) -> tuple[str, ...]:
    """`_words`, cached: the office and role rules ask for the words of the same few speakers
    and offices many times per article (perf28); a tuple, so no caller changes the cache."""
    return tuple(_POSSESSIVE.sub("", t).lower() for t in re.findall(r"[\w'’-]+", _ascii_fold(text)))


# What a place name's adjective adds to the shared stem ("russia"/"russian", "china"/"chinese");
# other endings make another word ("federal"/"federated").
_ADJECTIVE_ENDINGS = frozenset({"", "n", "an", "ian", "ese", "ish", "i", "s", "es", "ern", "y"})


def _same_word(a: str, b: str) -> bool:
    """Equal, or a place and its adjective: "russia"/"russian", "ukraine"/"ukrainian"."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    if common < 4 or common < min(len(a), len(b)) - 2:
        return False
    shorter, longer = sorted((a[common:], b[common:]), key=len)
    return len(shorter) <= 1 and longer in _ADJECTIVE_ENDINGS


def role_matches(mention: str, role: str) -> bool:
    """True when a role phrase ("the Russian foreign minister") fits a recorded role.

    The head noun must agree and every other content word of the mention must appear in the
    role, so "the minister" fits "Russian Foreign Minister" but "the defence minister" does
    not. The head is the last word, or the word before "of" ("the President" fits "President
    of Ukraine"). An office named by its function fits the titles that hold it ("the head of
    state" fits "Polish President").
    """
    m = [w for w in _words(mention) if w not in _STOP]
    r = [w for w in _words(role) if w not in _STOP]
    titles = _FUNCTION_OFFICES.get(tuple(m[-2:]))
    if titles is not None:
        return bool(titles & set(r)) and all(any(_same_word(w, x) for x in r) for w in m[:-2])
    if not m or not r or role_head(mention).rstrip("s") != role_head(role).rstrip("s"):
        return False  # the head names the office holder: "the ministry" is no "minister"
    if general_office(m) != general_office(r):
        return False  # "the General" is no "Attorney General", nor the other way round
    return all(any(_same_word(w, x) for x in r) for w in m)


# Offices written as a noun and a postpositive "general" ("Attorney General", "Surgeon
# General", "Director General"): the noun names the office, so the holder is no general, and
# a question about "the General" (an officer) means someone else.
_GENERAL_OFFICE_WORDS = """
    attorney solicitor surgeon secretary director governor postmaster inspector consul
    auditor comptroller advocate procurator prosecutor registrar paymaster accountant"""
GENERAL_OFFICES = frozenset(_lexicon(_GENERAL_OFFICE_WORDS))


def general_office(words: Sequence[str]) -> str | None:
    """The office noun before a postpositive "general" in comparison words (`_words`):
    "attorney" for ["michigan", "attorney", "general"], None for ["general"] or ["lieutenant",
    "general"] (a rank of general)."""
    for before, word in zip(words, words[1:], strict=False):
        if word == "general" and before in GENERAL_OFFICES:
            return before
    return None


# News refers back to a leader by function as often as by title.
_FUNCTION_OFFICES = {
    ("head", "state"): frozenset({"president", "king", "queen", "monarch", "emir", "sultan"}),
    ("head", "government"): frozenset({"prime", "premier", "chancellor"}),
}


def role_head(phrase: str) -> str:
    """Head noun of a role phrase: the last word before "of", else the last content word."""
    words = _words(phrase)
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    content = [w for w in words if w not in _STOP]
    return content[-1] if content else ""


# difflib ratio for "a small spelling variant" of a name: one wrong letter in six passes
# ("Lavrof"), one in five does not ("Mates" is not "Gates").
CLOSE_SPELLING = 0.82


class NameMatch(NamedTuple):
    """A known speaker one written name can be, and the rule that allowed it."""

    name: str
    rule: str


class _NameRule(NamedTuple):
    name: str
    fits: Callable[[str, str], bool]  # (asked key, known key) -> may be the same person


def _same_surname(asked: str, known: str) -> bool:
    """Same surname, and a first name on both sides when the question gives one: "Tobias
    Quint" is never the one-word speaker "Quint" unless the index linked them (then the
    exact rule finds the full name), nor "Tobias" (whose surname is "tobias")."""
    if asked.rsplit(" ", 1)[-1] != known.rsplit(" ", 1)[-1]:
        return False
    if _given(asked) and not _given(known):
        return False
    return first_names_compatible(asked, known)


def _close_surname(asked: str, known: str) -> bool:
    """A misspelt surname ("Haloway" for Halloway), with the same first-name conditions."""
    last, other = asked.rsplit(" ", 1)[-1], known.rsplit(" ", 1)[-1]
    if len(last) < 4 or difflib.SequenceMatcher(None, last, other).ratio() < CLOSE_SPELLING:
        return False
    if _edits(last, other) > (1 if len(last) <= 7 else 2):
        return False  # "Parsons" is not a misspelt "Pearson": two edits in seven letters
    if last[0] != other[0] or abs(len(last) - len(other)) > 1:
        return False  # "Albright" is not a misspelt "Bright": another name, not a slip
    return _same_surname(f"{asked.rsplit(' ', 1)[0]} {other}" if _given(asked) else other, known)


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) between two short words."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


# Best first; the first rule that finds anyone decides, so an exact full name always beats a
# surname, and a close spelling is tried only when nobody carries the asked surname at all.
NAME_RULES: tuple[_NameRule, ...] = (
    _NameRule("exact", lambda asked, known: asked == known),
    _NameRule("surname", _same_surname),
    _NameRule("close_spelling", _close_surname),
)


class NameForm(NamedTuple):
    """One way a speaker is written (full name, alias, name as stored) and the speaker."""

    form: str
    name: str


def match_name(mention: str, known: Iterable[NameForm]) -> list[NameMatch]:
    """The speakers a written name can be, found by the first rule of `NAME_RULES` that finds
    anyone.

    Exact forms are compared as written; the surname rules compare canonical names only, so a
    one-word alias never carries a two-word question to its speaker. A first name never
    matches a surname ("Owen Marsh" is not Ivo Owen): only surnames are compared.
    """
    asked = canonical_key(mention)
    if not asked:
        return []
    known = list(known)
    canonical_keys = {form.name: canonical_key(form.name) for form in known}
    last = asked.rsplit(" ", 1)[-1]
    if any(k.rsplit(" ", 1)[-1] == last for k in canonical_keys.values() if k):
        rules = NAME_RULES[:2]  # someone has this very surname: no spelling guesses
    else:
        rules = NAME_RULES
    for rule in rules:
        if rule.name == "exact":
            found = {f.name for f in known if canonical_key(f.form) == asked}
        else:
            found = {name for name, key in canonical_keys.items() if key and rule.fits(asked, key)}
        if found:
            return [NameMatch(name, rule.name) for name in sorted(found)]
    return []


class Mention(NamedTuple):
    """A run of capitalised words in free text that may be a name, and where it starts."""

    text: str
    start: int


# `AT&T` is one word, and a lone `&` joins a name's words (`Vell & Marsh`, `Quill &
# Gamble`) as a particle does, so neither is cut at the `&` (issue 17).
_WORD = re.compile(r"[\w'’.-]+(?:&[\w'’.-]+)*|&")
# The next of those words that opens with a capital, where no name is open: a letter that may
# be a capital (A-Z, or any word character beyond ASCII, read by `isupper`; one character class
# first, so the search skips to it at C speed) that starts a word (no word character or joining
# `&` before it; an `&` with no word before it is a word of its own).
_CAPITAL_WORD = re.compile(
    r"[^\W\x00-@\[-\x7f](?:(?<![\w'’.&-].)|(?<=(?<![\w'’.-])&.))[\w'’.-]*(?:&[\w'’.-]+)*"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # a single line break may be a hard wrap


def name_mentions(text: str) -> list[Mention]:
    """Runs of capitalised words ("Owen Pryce", "Mr Pryce", "Pryce's"), titles and
    possessives removed, question and sentence openers ("What", "Did", "Meanwhile") skipped.

    In an all-lowercase text every content word may be a name: each word and each pair of
    neighbouring words is a mention, pairs first, so "michael howard" is tried whole.

    One pass over the words; with no run open, the search jumps to the next word that opens
    with a capital (`_CAPITAL_WORD`): a lowercase word then neither ends nor starts a name,
    and most words of an article are such words (the ingest calls this once per article over
    every word, `written_people`).
    """
    if text[1:] == text[1:].lower():
        return _lowercase_mentions(text)
    mentions: list[Mention] = []
    run: list[re.Match[str]] = []
    pos = 0
    while match := (_WORD if run else _CAPITAL_WORD).search(text, pos):
        pos = match.end()
        word = match.group()
        if not run and not word[:1].isupper():
            continue  # nothing to end and nothing to start
        if not word.strip(".'’-"):
            continue  # punctuation alone is no word; the gap it leaves ends a name below
        lowered = _POSSESSIVE.sub("", word).strip(".").lower()
        joins = (
            (word[:1].isupper() and lowered not in _NOT_NAMES)
            or (run and lowered in _NAME_JOINERS_INSIDE)
            or (run and lowered in TITLES and word[:1].isupper())
        )
        if (
            joins
            and run
            and (gap := text[run[-1].end() : match.start()])
            and (gap.strip() or _PARAGRAPH_BREAK.search(gap))
        ):
            joins = False  # punctuation or a paragraph break between two words ends a name
        if joins and run and _ends_sentence(run[-1].group()):
            joins = False  # "... Ana Vell. The President ...": a full stop ends a name
        if joins:
            run.append(match)
            if _POSSESSIVE.search(word) and word[-2:] in ("'s", "’s"):
                mentions.extend(_mention(text, run))
                run = []
            continue
        if run:
            mentions.extend(_mention(text, run))
        run = [match] if word[:1].isupper() and lowered not in _NOT_NAMES else []
    if run:
        mentions.extend(_mention(text, run))
    return mentions


def _lowercase_mentions(text: str) -> list[Mention]:
    """An all-lowercase text's mentions: every content word, and every pair of neighbours."""
    words = [m for m in _WORD.finditer(text) if m.group().strip(".'’-")]
    content = [m for m in words if _POSSESSIVE.sub("", m.group()).lower() not in _NOT_NAMES]
    pairs = [
        Mention(f"{a.group()} {b.group()}", a.start())
        for a, b in zip(content, content[1:], strict=False)
        if text[a.end() : b.start()].strip() == ""
    ]
    return pairs + [Mention(m.group(), m.start()) for m in content]


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no initial ("W.") or title ("Mr.", "Gen."), also
    inside a closing quotation mark ("... ‘Very Good Reporter.’ Billionaire Ana Vell")."""
    word = word.rstrip("'’")
    bare = word.rstrip(".")
    return word.endswith(".") and len(bare) > 1 and bare.lower() not in _NOT_SENTENCE_ENDS


def _mention(text: str, run: list[re.Match[str]]) -> list[Mention]:
    """The name in a run of capitalised words, without titles before it."""
    while run and run[-1].group().strip(".").lower() in _NAME_JOINERS_INSIDE:
        run = run[:-1]
    if not run:
        return []
    phrase = text[run[0].start() : run[-1].end()]
    name = strip_titles(_POSSESSIVE.sub("", phrase).strip("."))
    if not canonical_key(name):
        return []
    return [Mention(name, run[0].start() + phrase.find(name.split()[0]))]


def match_speaker(
    query_text: str,
    known_names: Iterable[str],
    roles: Mapping[str, str] | None = None,
) -> list[str]:
    """Known speakers a free-text question refers to, best first.

    Each name the text writes is matched by `match_name` (exact, then surname with a
    compatible first name, then a close spelling when nobody has the surname); a role phrase
    from `roles` (name -> role) whose words all appear in the text counts as a surname match.
    """
    known = [NameForm(name, name) for name in known_names]
    order = {rule.name: rank for rank, rule in enumerate(NAME_RULES)}
    scores: dict[str, int] = {}
    for mention in name_mentions(query_text):
        for found in match_name(mention.text, known):
            score = len(NAME_RULES) - order[found.rule]
            scores[found.name] = max(scores.get(found.name, 0), score)
    words = _words(query_text)
    for name, role in (roles or {}).items():
        role_words = [w for w in _words(role) if w not in _STOP]
        if role_words and all(any(_same_word(w, x) for x in words) for w in role_words):
            scores[name] = max(scores.get(name, 0), len(NAME_RULES) - order["surname"])
    return sorted(scores, key=lambda n: (-scores[n], n))


_PARTICLE_WORDS = "de la le van von der den al bin da di du del dos ibn y"
_NOT_NAME_START_WORDS = """
    meanwhile however but and also now then yet still later earlier speaking asked writing
    filing according after before when while if as in on at for the a an this that these those
    sources officials critics analysts experts how what why who where which other others behind
    there it he she we they his her their its one some many most every each all both any no"""
_DEMONYM_WORDS = """
    american british russian french german chinese japanese italian spanish israeli iraqi
    iranian indian australian canadian european african ukrainian palestinian syrian turkish
    korean brazilian mexican irish scottish welsh english dutch swiss swedish polish greek
    egyptian saudi afghan pakistani"""
# Capitalised at the start of a question, never a name there.
_QUESTION_OPENER_WORDS = """
    did does do has have had is was were are will would can could should may might must shall
    whom whose or so i you us me my our your"""
_IMPERATIVE_OPENER_WORDS = "like unlike see let thanks"
# Months that are no given names ("May", "June", "April" and "August" are)
_MONTH_WORDS = "january february march september october november december"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_ABBREVIATIONS = frozenset(_lexicon("st jr sr mt ft gen col sgt capt lt gov sen rep prof u.s u.k"))
# Unions `name_mentions` asks of every word, built once rather than per word.
_NAME_JOINERS_INSIDE = _PARTICLES | NAME_AMPERSANDS  # lowercase words inside a name
_NOT_SENTENCE_ENDS = TITLES | _ABBREVIATIONS  # a full stop after these ends no sentence
_NOT_NAME_STARTS = frozenset(_NOT_NAME_START_WORDS.split())
_NOT_NAMES = _NOT_NAME_STARTS | frozenset(_QUESTION_OPENER_WORDS.split()) | _STOP | NAME_AMPERSANDS
_DEMONYMS = frozenset(_DEMONYM_WORDS.split())
# A capital on these is the sentence's, never a given name: a clause opener, a reporting
# verb put first ("Although Lane admitted ...", "Stated Stone: ..."), a preposition ("With
# Dorr injured, ...") or an imperative or preposition-like opener ("Like Renko, ...",
# "See Sexton's ...", "Thanks to Vell ...", "Let Vell ..."), a month or a weekday.
_NOT_GIVEN_NAMES = (
    CLAUSE_OPENERS
    | REPORTING_VERBS
    | OPENING_PREPOSITIONS
    | frozenset(_IMPERATIVE_OPENER_WORDS.split())
    | frozenset(_MONTH_WORDS.split())
    | WEEKDAYS  # "On Monday Karl Osk insisted ...", "On Thursday Intel announced ..."
)
# `_no_given_name`'s words, joined once: built per call, the union of these tables cost more
# CPU than the rest of `written_people` (perf28).
_NO_GIVEN_NAME_WORDS = _NOT_NAMES | _QUANTIFIERS | _NOT_GIVEN_NAMES | AFFILIATIONS


def is_named_speaker(name: str) -> bool:
    """Whether a speaker string reads as a person's or organisation's name.

    Extraction sometimes takes a sentence opener ("Meanwhile Labour"), a phrase ("Filing for"),
    a role without a name ("England captain") or a nationality ("American") as the speaker;
    such strings must not be matched against questions or merged across articles.
    """
    tokens = name.split()
    if not tokens or tokens[0].lower().strip(".,") in _NOT_NAME_STARTS:
        return False
    if len(tokens) == 1 and tokens[0].lower() in _DEMONYMS:
        return False
    return all(t[:1].isupper() or t.lower() in _PARTICLES | NAME_AMPERSANDS for t in tokens)


def role_keywords(phrase: str) -> frozenset[str]:
    """Words one of which every role that `role_matches` the phrase contains (singular): its
    head noun, or the titles of an office named by its function ("head of state")."""
    words = [w for w in _words(phrase) if w not in _STOP]
    titles = _FUNCTION_OFFICES.get(tuple(words[-2:]))
    if titles is not None:
        return titles
    head = role_head(phrase)
    return frozenset({head.rstrip("s")}) if head else frozenset()


# Participles that open a role as adjectives ("Acting president", "Retired general"); any other
# -ing or -ed first word opens a clause ("Speaking in Lowtown", "Asked about").
_ROLE_PARTICIPLE_WORDS = """
    acting managing leading ruling governing outgoing incoming presiding founding serving
    visiting reigning retired elected appointed designated embattled disgraced veteran"""
_REPORTING_WORDS = """
    said says say told tells tell added adds speaking asked writing talking commenting
    according insisted warned claimed argued explained noted stated quoted"""
_RELATIVE_WORDS = "who whose whom which that where when"
_ROLE_FUNCTION_WORDS = """
    in at on for with by from to into as than he she it they his her its their him them"""
# Titles written before a name, which role extraction can leave at a role's end.
_HONORIFICS = frozenset(_lexicon("mr mrs ms miss mx dr prof sir dame lord lady rev"))
_ROLE_PARTICIPLES = frozenset(_ROLE_PARTICIPLE_WORDS.split())
_REPORTING = frozenset(_REPORTING_WORDS.split())
_RELATIVE = frozenset(_RELATIVE_WORDS.split())
_ROLE_FUNCTION = frozenset(_ROLE_FUNCTION_WORDS.split()) | _STOP
_ROLE_CHARACTERS = re.compile(r"^[\w .&'’-]+$")
MAX_ROLE_WORDS = 8


class _RoleRule(NamedTuple):
    name: str
    junk: Callable[[str, list[str]], bool]  # (the role, its words lowercased)


def _opens_clause(words: list[str]) -> bool:
    first = words[0]
    if first in _ROLE_PARTICIPLES:
        return False
    return first in _NOT_NAME_STARTS or first.endswith(("ing", "ed"))


# Why a recorded role is not a noun phrase naming an office; the first rule that fires names
# the problem. Extraction leaves such debris at times ("Speaking in Lowtown Mr").
ROLE_JUNK_RULES: tuple[_RoleRule, ...] = (
    _RoleRule("empty", lambda role, words: not words),
    _RoleRule("not_words", lambda role, words: not _ROLE_CHARACTERS.match(role.strip())),
    _RoleRule("too_long", lambda role, words: len(words) > MAX_ROLE_WORDS),
    _RoleRule("opens_a_clause", lambda role, words: _opens_clause(words)),
    _RoleRule("reporting_verb", lambda role, words: any(w in _REPORTING for w in words)),
    _RoleRule("relative_clause", lambda role, words: any(w in _RELATIVE for w in words)),
    _RoleRule("ends_in_a_function_word", lambda role, words: words[-1] in _ROLE_FUNCTION),
    _RoleRule("ends_in_an_honorific", lambda role, words: words[-1].strip(".") in _HONORIFICS),
)


def role_problem(role: str) -> str | None:
    """The name of the first junk rule a role breaks, or None for a usable role."""
    words = [w.lower() for w in role.split()]
    return next((rule.name for rule in ROLE_JUNK_RULES if rule.junk(role, words)), None)


def usable_role(role: str | None) -> str | None:
    """A recorded role as it may be shown and matched: a trailing honorific left by extraction
    dropped ("Manchester United manager Sir" from "... manager Sir Ivo Renko"), None when
    what is left is no role."""
    words = (role or "").split()
    while words and words[-1].strip(".").lower() in _HONORIFICS:
        words.pop()
    cleaned = " ".join(words)
    return cleaned if cleaned and role_problem(cleaned) is None else None


# Words that make another office of the same title: the shadow or former foreign secretary is
# not the Foreign Secretary a question asks about, unless it says so.
_OTHER_OFFICE_WORDS = "shadow former ex deputy vice assistant junior under"
_OTHER_OFFICE = frozenset(_OTHER_OFFICE_WORDS.split())


def same_office(phrase: str, role: str) -> bool:
    """False when the role carries a word that makes it another office ("Shadow foreign
    secretary", "Former chancellor") and the phrase does not say it."""
    asked = set(_words(phrase))
    return not any(w in _OTHER_OFFICE and w not in asked for w in _words(role))


# Words of a role phrase that say when, not which office: "the new champion" is the champion.
_WHEN_WORDS = "new current incumbent present sitting reigning"
_WHEN = frozenset(_WHEN_WORDS.split())


# Heads news uses for one office holder: "the Lowtown manager" is written "the Lowtown boss".
HEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "manager": ("boss", "coach"),
    "boss": ("manager", "chief", "head"),
    "coach": ("manager", "boss"),
    # "the alliance chief" is its "Secretary General", "Director", "Chairman" or "Leader".
    "chief": ("head", "boss", "leader", "chairman", "chair", "director", "general"),
    "head": ("chief", "boss"),
    "spokesman": ("spokeswoman", "spokesperson"),
    "spokeswoman": ("spokesman", "spokesperson"),
    "spokesperson": ("spokesman", "spokeswoman"),
}


def role_phrase_variants(phrase: str) -> list[str]:
    """The ways to look a role phrase up, as asked first: without words of time ("the new
    Open champion" is the Open champion), then with another head news uses for the same
    holder ("the Lowtown manager", "the Lowtown boss"), then without a nationality."""
    words = [w for w in phrase.split() if w.lower() not in _WHEN]
    asked = " ".join(words)
    head = role_head(asked)
    variants = [asked]
    for synonym in HEAD_SYNONYMS.get(head, ()):
        variants.append(" ".join(synonym if _words(w) == [head] else w for w in words))
    # "the Russian defence minister" is recorded as "Defence Minister" in a Russian release:
    # the nationality is where the office is, which the articles the holder is quoted in say.
    national = [w for w in words if _POSSESSIVE.sub("", w).lower() not in _DEMONYMS]
    if len(national) < len(words) and role_head(" ".join(national)) == head:
        variants.append(" ".join(national))
    return variants
