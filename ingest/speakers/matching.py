"""Which known speakers a written name can be, by ordered rules that keep one person from
standing in for another.

A question writes a name its own way ("varro", "Tobias Quint"); `match_name` tries an exact
form, then the surname with a compatible first name, then a close spelling only when nobody
carries the asked surname; `match_speaker` does so for every name a question writes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from ingest.speakers.keys import (
    canonical_key,
    comparison_words,
    first_names_compatible,
    given_names,
)
from ingest.speakers.lexicon import STOP_WORDS
from ingest.speakers.mentions import name_mentions
from ingest.speakers.offices import same_word

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
    if given_names(asked) and not given_names(known):
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
    return _same_surname(
        f"{asked.rsplit(' ', 1)[0]} {other}" if given_names(asked) else other, known
    )


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
    words = comparison_words(query_text)
    for name, role in (roles or {}).items():
        role_words = [w for w in comparison_words(role) if w not in STOP_WORDS]
        if role_words and all(any(same_word(w, x) for x in words) for w in role_words):
            scores[name] = max(scores.get(name, 0), len(NAME_RULES) - order["surname"])
    return sorted(scores, key=lambda n: (-scores[n], n))
