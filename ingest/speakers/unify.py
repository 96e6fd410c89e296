"""One name per person: the speakers of an article, or of many, unified.

Unification rule (documented because it decides merges): two names belong together when their
surnames (last token after stripping titles) are equal and their first names are compatible
(equal, one an initial of the other, or one missing). A bare surname joins the only cluster with
that surname; when several full names share the surname it joins the most frequent one if that
one is strictly more frequent than each other, and otherwise stays on its own. Within one article
that names several people of the surname in full, it is the first of them written instead.

The naming output is produced here, so `NAMING_VERSION` lives here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from ingest.quoting.lexicon_speakers import NAME_AMPERSANDS
from ingest.speakers.article_links import first_namesake, link_in_article
from ingest.speakers.keys import (
    canonical_key,
    comparison_words,
    first_names_compatible,
    given_names,
    person_words,
    strip_titles,
    surname,
)
from ingest.speakers.lexicon import (
    ARTICLES,
    BODIES,
    HEAD_LINKS,
    NAME_JOINERS,
    NOT_PERSON_WORDS,
    OFFICE_HEADS,
    OFFICE_LINKS,
    PARTICLES,
)
from ingest.speakers.offices import is_office, role_head
from ingest.speakers.written_people import written_people

# Bump when the naming rules of `ingest.speakers` change (`strip_titles`, `canonical_key`, the
# article links, `unify_speakers`): a speaker index stored by another version is then built
# again, not read back.
# 21: an office never unifies with the place or body it is the office of, and a bare place
# joins no body or office named by it ("Westland" was "President of Westland"'s speaker); the
# offices `written_people` reads before names (att38);
# 20: of a dash-joined double office written before a name ("Deputy Prime Minister - Minister
# for Ports of Westland Ana Vell"), the first is the person's office when the second is none
# (`written_people`), so "the Deputy Prime Minister" links to her (att35);
# 19: "First Lady" is an office (`OFFICE_HEADS`), and a place-qualified office is the one
# holder the article writes with the bare office (`bare_office_holder`) (att34);
# 18: "Adviser" is an office (`OFFICE_HEADS`) and an office may be held "to" another
# ("Adviser to the President"), so a bare "Adviser" is the office the article links to its
# holder, not a title stripped to join "Economic Adviser" (att32);
# 17: a bare surname in an article that names namesakes in full is the first one written
# ("Vell" was the husband quoted once in full in an article about his wife; `first_namesake`);
# 16: "Sir Ivo" (stripped to "Ivo") is the one person the article names with that given name
# when it writes the honorific with it (`knight_to_full_name`);
# 15: church offices, "Whip" and "Agent" before a name are titles ("Senate Minority Whip Ann
# Vell" was "Whip Ann Vell", a name no question asks for; "Pastor Ann Vell", "Agent Ann Vell");
# 14: a slogan or headline phrase ending with a surname ("Never Reed", "Jews Against Reed",
# "Bashing Reed") is no second person of that surname, so "Reed" links to Tom Reed;
# 13: a speaker written with an "&" ("Vell & Marsh") is a name the question can ask for, and
# office words ("Bank of England") join names across articles again (12 shadowed them).
NAMING_VERSION = 21


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
    by_surname: dict[_GroupKey, list[str]] = defaultdict(list)
    mapping: dict[str, str] = {}
    for name in counts:
        if text or _names_someone(name):
            key = surname(name) if text else _key_across_articles(name)
            by_surname[_GroupKey(key, _office_only(name))].append(name)
        else:
            mapping[name] = name
    for group, members in by_surname.items():
        namesake = first_namesake(group.key, people, text)
        mapping.update(_unify_group(members, counts, namesake))
    if text:
        links = link_in_article(set(mapping.values()), text, people)
        mapping = {n: links[t].name if t in links else t for n, t in mapping.items()}
    return mapping


class _GroupKey(NamedTuple):
    """What names must share to be unified: the surname (or an office's whole key), and
    whether they are offices naming nobody. An office never unifies with a place or a body:
    "President of Norland" had become the speaker "Norland", and "Norland" the office, so
    neither was an office-only speaker linked to its holder."""

    key: str
    office_only: bool


def _office_only(name: str) -> bool:
    """An office naming no person: its head kept by `strip_titles` ("President of Norland"),
    or lost to what it is the office of ("President of the Norland Republic" strips to
    "Norland Republic", "head of the Mayor's Office" to "Mayor's Office"). Not an office
    written before a name ("Minister of Harbours of the Norland Republic Ana Vell")."""
    if not is_office(name):
        return False
    kept = strip_titles(name)
    return role_head(name) in comparison_words(kept) or _stripped_to_its_place(name, kept)


def _key_across_articles(name: str) -> str:
    """What must agree for speakers of different articles to merge: a person's surname, but an
    office's or a body's whole name ("Foreign Minister", "Security Council"), whose last word
    is no surname: merged by it, every minister of the press corpus had become one speaker and
    the Defense Council the Security Council."""
    last = surname(name)
    return canonical_key(name) if last in OFFICE_HEADS | BODIES else last


def _names_someone(name: str) -> bool:
    """Whether a speaker string is written as a name (capitalised words after any leading
    article or title: "Nils Varo", "the Kremlin", "Prime Minister Ann Vell"), which may
    merge with names of its surname in other articles. A description ("Russia's foreign
    minister", "the minister", "a spokesman for Vodafone") names nobody outside its article:
    its last word is no surname, and merging by it made every minister of a corpus one
    speaker. Within one article it does refer back ("the archbishop" after "the South African
    archbishop")."""
    words = strip_titles(name).split()
    if words and words[0].lower() in ARTICLES:
        words = words[1:]
    return bool(words) and all(
        w[:1].isupper() or w in NAME_JOINERS | PARTICLES | NAME_AMPERSANDS for w in words
    )


def _unify_group(
    members: list[str], counts: Counter[str], first_namesake: str | None = None
) -> dict[str, str]:
    """Cluster the names sharing one surname. An office whose titles strip its own head is
    no full name, though its key looks like one ("head of the President's Office" keys as
    "president office"). `first_namesake`: see `_bare_target`."""
    full = [m for m in members if given_names(canonical_key(m)) and not _loses_its_head(m)]
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
    place = any(_of_a_place(name) for name in full)
    for name in bare:
        # With nobody to join, an office keeps its words ("Deputy Prime Minister", not the
        # "Minister" its titles leave): another office is another speaker. A bare place
        # joins nobody where a body or an office is named by it (`_of_a_place`).
        office = is_office(name)
        alone = name if office else strip_titles(name) or name
        joins = target is not None and (office or not place)
        mapping[name] = mapping[target[0]] if joins else alone
    return mapping


def _of_a_place(name: str) -> bool:
    """A body or an office named by a place ("Harbour Board of Westland"), whose last word is
    that place, not a surname: where one is written, a bare "Westland" is the place, never
    that body's speaker nor another full name's ("Divide Westland", a slogan)."""
    words = strip_titles(name).lower().split()
    return len(words) > 2 and words[-2] in HEAD_LINKS


def _loses_its_head(name: str) -> bool:
    """An office ("head of the President's Office") whose stripped form lacks its head noun
    and is no person's name ("Minister of Infrastructure Ana Vell" strips to Ana Vell)."""
    kept = strip_titles(name)
    if not is_office(name) or role_head(name) in comparison_words(kept):
        return False
    words = kept.split()
    possessive = any(w.endswith(("'s", "’s")) for w in words)
    return not person_words(words) or possessive or _stripped_to_its_place(name, kept)


def _stripped_to_its_place(name: str, kept: str) -> bool:
    """`strip_titles` left only what the office is the office of ("Norland Republic"), not a
    name after it: the words after its last link word are at most two ("Republic of
    Westland", "United States of America"), or a body's. "Republic of Westland Ana Vell" and
    "Interior Ana Vell" end with a person's name."""
    if _office_place(name) != kept:
        return False
    words = kept.split()
    links = [i for i, w in enumerate(words) if w.lower() in OFFICE_LINKS]
    tail = words[links[-1] + 1 :] if links else words
    return len(tail) <= 2 or tail[-1].lower() in NOT_PERSON_WORDS


def _office_place(name: str) -> str:
    """What an office is the office of: the words after its first link word and an article
    ("Norland Republic" of "President of the Norland Republic"); "" without a link word."""
    words = name.split()
    links = [i for i, w in enumerate(words) if w.lower() in OFFICE_LINKS]
    place = words[links[0] + 1 :] if links else []
    if place and place[0].lower() in ARTICLES:
        place = place[1:]
    return " ".join(place)


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
