"""Speaker name normalisation, unification and look-up.

Quotes name their speakers the way the article does ("Lavrov", "Sergei Lavrov", "Mr. Lavrov",
"S. Lavrov"). Retrieval needs one name per person, within an article and across the corpus, and
question understanding needs to map free text ("what did lavrof say", "the Kremlin spokesman")
back to those names. Everything here is a pure function of its arguments.

Unification rule (documented because it decides merges): two names belong together when their
surnames (last token after stripping titles) are equal and their first names are compatible
(equal, one an initial of the other, or one missing). A bare surname joins the only cluster with
that surname; when several full names share the surname it joins the most frequent one if that
one is strictly more frequent than each other, and otherwise stays on its own.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping


def _lexicon(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


# Honorifics and office titles that precede a name and are never part of it.
TITLES = frozenset(
    _lexicon(
        """mr mrs ms miss mx dr prof professor sir dame lord lady sen senator rep representative
    gov governor president pres vice prime minister foreign defence defense secretary
    ambassador mayor judge justice gen general col colonel capt captain lt lieutenant sgt
    adm admiral cmdr rev reverend fr father hon honourable honorable king queen prince
    princess pope chancellor speaker chairman chairwoman chair ceo director deputy
    congressman congresswoman councilman councilwoman commissioner attorney spokesman
    spokeswoman spokesperson minority majority leader former acting chief sheikh the"""
    )
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_PARTY_TAG = re.compile(r",?\s+[RDI]-[A-Z][\w.]*\.?$")  # "Paul Ryan, R-Wis."
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w\s'’.-]")
_STOP = frozenset(
    _lexicon("""the a an of in on about and or to for what did does say said who how""")
)


def _ascii_fold(text: str) -> str:
    """Drop diacritics so "Zelenskyy" style variants compare on letters only."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_titles(name: str) -> str:
    """Remove leading titles/roles, parenthesised tags and suffixes, keeping original casing.

    "Russian Foreign Minister Sergei Lavrov" keeps only the name when the leading words are
    titles or adjectives of a title ("Russian" before "Foreign Minister").
    """
    name = _PARTY_TAG.sub("", _PAREN.sub("", name)).strip(" ,;:")
    tokens = name.split()
    while tokens and _POSSESSIVE.sub("", tokens[-1]).strip(".,").lower() in SUFFIXES:
        tokens.pop()
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        if token.strip(".,").lower() in TITLES:
            last_title = i
    rest = tokens[last_title + 1 :]
    if last_title >= 0 and rest and not rest[0][:1].isupper():
        lowercase = [i for i, token in enumerate(rest) if not token[:1].isupper()]
        if len(rest) - lowercase[-1] <= 2:  # "President of Ukraine": an office, no name
            return " ".join(tokens)
    return " ".join(rest)


@functools.lru_cache(maxsize=1 << 16)
def canonical_key(name: str) -> str:
    """Comparison key: ASCII-folded, lowercase, titles, punctuation and possessives removed.

    Cached: building the speaker index asks for the key of every quote's speaker as written,
    the same few thousand strings again and again (99k calls at 20k articles, most of the
    first question's time under cProfile)."""
    stripped = strip_titles(_ascii_fold(name))
    tokens = [_POSSESSIVE.sub("", t) for t in _NON_WORD.sub(" ", stripped).split()]
    tokens = [t.strip(".'’-").lower() for t in tokens]
    return " ".join(t for t in tokens if t)


def surname(name: str) -> str:
    """Last token of the canonical key: the part that must agree for two names to merge."""
    key = canonical_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def _given(key: str) -> list[str]:
    return key.split()[:-1]


def first_names_compatible(a: str, b: str) -> bool:
    """True when the given names of two keys with the same surname can be one person.

    Only the first given name is compared, so middle names and initials ("Donald J. Trump")
    do not split a person; "Hillary" and "Bill" do.
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


def _display_score(name: str, counts: Counter[str]) -> tuple[int, int, int]:
    """Prefer the fullest form (more tokens, no bare initials), then frequency, then length."""
    clean = strip_titles(name)
    tokens = clean.split()
    initials = sum(1 for t in tokens if len(t.strip(".")) == 1)
    return (len(tokens) - initials, counts[name], len(clean))


def unify_speakers(names: Iterable[str]) -> dict[str, str]:
    """Map every given name to its cluster's canonical form (fullest name, titles stripped).

    Repeated names count as frequency, which only matters for bare surnames shared by several
    full names (see the module docstring).
    """
    counts: Counter[str] = Counter(n for n in names if n and n.strip())
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in counts:
        by_surname[surname(name)].append(name)
    mapping: dict[str, str] = {}
    for members in by_surname.values():
        mapping.update(_unify_group(members, counts))
    return mapping


def _unify_group(members: list[str], counts: Counter[str]) -> dict[str, str]:
    """Cluster the names sharing one surname."""
    full = [m for m in members if _given(canonical_key(m))]
    bare = [m for m in members if not _given(canonical_key(m))]
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
    target = _bare_target(clusters, counts)
    for name in bare:
        mapping[name] = mapping[target[0]] if target else strip_titles(name) or name
    return mapping


def _bare_target(clusters: list[list[str]], counts: Counter[str]) -> list[str] | None:
    """The cluster a bare surname joins: the only one, or a strictly most frequent one."""
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
    return [_POSSESSIVE.sub("", t).lower() for t in re.findall(r"[\w'’-]+", _ascii_fold(text))]


def _same_word(a: str, b: str) -> bool:
    """Equal, or sharing a long prefix: "russia"/"russian", "ukraine"/"ukrainian"."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= min(len(a), len(b)) - 2


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
    if not m or not r or _head(mention).rstrip("s") != _head(role).rstrip("s"):
        return False  # the head names the office holder: "the ministry" is no "minister"
    return all(any(_same_word(w, x) for x in r) for w in m)


# News refers back to a leader by function as often as by title.
_FUNCTION_OFFICES = {
    ("head", "state"): frozenset({"president", "king", "queen", "monarch", "emir", "sultan"}),
    ("head", "government"): frozenset({"prime", "premier", "chancellor"}),
}


def _head(phrase: str) -> str:
    """Head noun of a role phrase: the last word before "of", else the last content word."""
    words = _words(phrase)
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    content = [w for w in words if w not in _STOP]
    return content[-1] if content else ""


# difflib ratio for "a small spelling variant" of a name: one wrong letter in six passes
# ("Lavrof"), one in five does not ("Mates" is not "Gates").
CLOSE_SPELLING = 0.82


def match_speaker(
    query_text: str,
    known_names: Iterable[str],
    roles: Mapping[str, str] | None = None,
    cutoff: float = CLOSE_SPELLING,
) -> list[str]:
    """Known speakers a free-text question refers to, best first.

    Scores: full name 3, surname 2, a close spelling of the surname 1 (difflib ratio >= cutoff,
    words of 4+ letters), a role phrase from `roles` (name -> role) whose words all appear 2.
    """
    words = _words(query_text)
    word_set = set(words)
    query_key = " " + " ".join(words) + " "
    scores: dict[str, int] = {}
    for name in known_names:
        key = canonical_key(name)
        if not key:
            continue
        last = key.rsplit(" ", 1)[-1]
        if " " in key and f" {key} " in query_key:
            scores[name] = 3
        elif last in word_set:
            if _other_first_name(query_text, last, key):
                continue
            scores[name] = 2
        elif len(last) >= 4 and (close := difflib.get_close_matches(last, words, 1, cutoff)):
            if _other_first_name(query_text, close[0], key):
                continue
            scores[name] = 1
    for name, role in (roles or {}).items():
        role_words = [w for w in _words(role) if w not in _STOP]
        if role_words and all(any(_same_word(w, x) for x in words) for w in role_words):
            scores[name] = max(scores.get(name, 0), 2)
    return sorted(scores, key=lambda n: (-scores[n], n))


def _other_first_name(query_text: str, last: str, key: str) -> bool:
    """The question writes this surname after a first name that is not this person's:
    "George Michael" is not "Alun Michael" (titles, possessives and a question's capitalised
    first word are not first names: "Mr Michael", "Labour's Michael", "Did Michael say")."""
    before = re.finditer(rf"\b([A-Z][\w'’-]*)\s+(?i:{re.escape(last)})\b", _ascii_fold(query_text))
    given = [
        m.group(1).lower()
        for m in before
        if m.start(1) > 0
        and not _POSSESSIVE.search(m.group(1))
        and m.group(1).strip(".").lower() not in TITLES | _NOT_NAME_STARTS
    ]
    return bool(given) and not any(first_names_compatible(f"{g} {last}", key) for g in given)


_PARTICLE_WORDS = "de la le van von der den al bin da di du del dos ibn y"
_NOT_NAME_START_WORDS = """
    meanwhile however but and also now then yet still later earlier speaking asked writing
    filing according after before when while if as in on at for the a an this that these those
    sources officials critics analysts experts how what why who where which other others behind
    there it he she we they his her their its one some many most"""
_DEMONYM_WORDS = """
    american british russian french german chinese japanese italian spanish israeli iraqi
    iranian indian australian canadian european african ukrainian palestinian syrian turkish
    korean brazilian mexican irish scottish welsh english dutch swiss swedish polish greek
    egyptian saudi afghan pakistani"""
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_NOT_NAME_STARTS = frozenset(_NOT_NAME_START_WORDS.split())
_DEMONYMS = frozenset(_DEMONYM_WORDS.split())


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
    return all(t[:1].isupper() or t.lower() in _PARTICLES for t in tokens)
