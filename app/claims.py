"""The checkable claims of a written sentence: numbers, named things and polarity.

Word overlap cannot tell "the declaration of 1999" from "the declaration of 2009", nor "agreed
not to expand" from "agreed to expand": both share nearly every word with the passage. These
small extractors pull out what must match exactly:
- numbers, normalised so "$50bn", "50 billion" and "50,000,000,000" are one value;
- names: spaCy NER (the model ingest already loads, once per process) plus capitalised words,
  which must all occur in the cited passages;
- polarity: negators and the un-/in- antonyms of one small table, counted per clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from ingest.quoting.ner import phrase_entities


def _spaced(text: str) -> list[str]:
    return text.split()


def word_set(text: str) -> frozenset[str]:
    """A table of words written as one spaced string."""
    return frozenset(_spaced(text))


# Multipliers a news number may carry ("$1.13bn", "600 million", "76 per cent").
MULTIPLIERS: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
}
# Spelled-out numbers a paraphrase may use for a digit ("two" for "2"); "one" is left out: it is
# mostly a pronoun ("one of them").
NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        _spaced(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
    if value >= 2
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "dozen": 12}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:st|nd|rd|th)?"
    r"(?:\s?(?P<mult>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
    r"|(?<!\w)(?P<word>" + "|".join(NUMBER_WORDS) + r")"
    r"(?:\s(?P<wmult>thousand|million|billion))?\b",
    re.IGNORECASE,
)
# Month and weekday names: a changed date word is a changed claim.
DATE_WORDS = word_set(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)

# Words that flip a clause's polarity. One table; the un-/in- antonyms map to their base word so
# "unlikely" reads as "not likely" on both sides of the comparison.
NEGATORS = word_set(
    "not n't never no none nobody nothing neither nor nowhere cannot without deny denies denied "
    "denying reject rejects rejected rejecting refuse refuses refused refusing fail fails failed "
    "failing unable"
)
ANTONYMS: dict[str, str] = {
    word: base
    for word, base in (
        ("unlikely", "likely"), ("impossible", "possible"), ("unacceptable", "acceptable"),
        ("illegal", "legal"), ("unlawful", "lawful"), ("irresponsible", "responsible"),
        ("inappropriate", "appropriate"), ("unclear", "clear"), ("unfair", "fair"),
        ("unnecessary", "necessary"), ("insufficient", "sufficient"), ("incomplete", "complete"),
        ("inadequate", "adequate"), ("unwilling", "willing"), ("unsuccessful", "successful"),
        ("inconsistent", "consistent"), ("ineffective", "effective"), ("incorrect", "correct"),
        ("disagree", "agree"), ("disagreed", "agreed"), ("dishonest", "honest"),
        ("unsafe", "safe"), ("unstable", "stable"), ("uncertain", "certain"),
        ("unaware", "aware"), ("invalid", "valid"), ("unpopular", "popular"),
        ("unhappy", "happy"), ("unable", "able"), ("unprepared", "prepared"),
        ("unacceptably", "acceptably"), ("illegally", "legally"), ("unfairly", "fairly"),
        ("disapprove", "approve"), ("disapproved", "approved"), ("unwelcome", "welcome"),
        ("unjustified", "justified"), ("unconstitutional", "constitutional"),
        ("unreasonable", "reasonable"), ("unlimited", "limited"), ("unknown", "known"),
    )
}  # fmt: skip
_IRREGULAR_NEGATIVES = {"won't": "will", "can't": "can", "shan't": "shall"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|n['’]t")  # letters in any script, and digits
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()\u2013\u2014]|\s-\s|\b(?:but|while|whereas|although|though)\b"
)  # a comma inside a number ("10,000") is no clause break
# Entity labels whose words must occur in the passage; numeric labels go through `numbers`.
NAME_LABELS = word_set("PERSON ORG GPE NORP LOC FAC EVENT PRODUCT LAW WORK_OF_ART LANGUAGE")
_ACRONYM_DOT = re.compile(r"(?<=\b[A-Z])\.(?=[A-Z]\b)")  # "D.C." reads as "DC."
_NAME_WORD = re.compile(r"(?<![\w@#])[A-Z][\w'’.-]*")  # not inside "@realDonald" or "iTunes"


class Name(NamedTuple):
    """A named thing in a sentence and how it was found (an NER label, or "CAPITALISED")."""

    text: str
    label: str


def numbers(text: str) -> set[Decimal]:
    """Every number in `text` as a value: "$1.13bn" -> 1130000000, "76%" -> 76, "two" -> 2."""
    found: set[Decimal] = set()
    for match in _NUMBER.finditer(text):
        if match.group("num"):
            try:
                value = Decimal(match.group("num").replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the pattern only admits digits
                continue
            mult = (match.group("mult") or "").lower()
        else:
            value = Decimal(NUMBER_WORDS[match.group("word").lower()])
            mult = (match.group("wmult") or "").lower()
        found.add((value * MULTIPLIERS.get(mult, Decimal(1))).normalize())
    return found


class Binding(NamedTuple):
    """A number and the name written right before it ("Istanbul Declaration of" 1999)."""

    value: Decimal
    name: tuple[str, ...]  # lowercased words of the capitalised run before the number


_TOKEN = re.compile(r"[$£€]?\d[\d,.]*\w*%?|[A-Za-z][\w'’-]*")
_LINKS = frozenset({"of", "in", "the", "from", "since", "on"})
BINDING_REACH = 3  # words allowed between a name and its number besides the name


def bindings(text: str) -> list[Binding]:
    """Each number in `text` with the capitalised name just before it, if there is one."""
    tokens = _TOKEN.findall(text.replace("’", "'"))
    found = []
    for i, token in enumerate(tokens):
        values = numbers(token) if token[:1].isdigit() or token[:1] in "$£€" else set()
        if len(values) != 1:
            continue
        j = i - 1
        while j >= 0 and i - j <= BINDING_REACH and tokens[j].lower() in _LINKS:
            j -= 1
        run: list[str] = []
        while j >= 0 and tokens[j][:1].isupper() and len(run) < 4:
            run.insert(0, tokens[j].lower())
            j -= 1
        found.append(Binding(values.pop(), tuple(run)))
    return found


def bound_in(binding: Binding, passage: str) -> bool:
    """The passage writes this number with the same name right before it (or never writes the
    number in the same form, so nothing can be said)."""
    tokens = _TOKEN.findall(passage.replace("’", "'"))
    reach = len(binding.name) + BINDING_REACH
    seen = False
    for i, token in enumerate(tokens):
        if (token[:1].isdigit() or token[:1] in "$£€") and numbers(token) == {binding.value}:
            seen = True
            window = {t.lower() for t in tokens[max(0, i - reach) : i]}
            if set(binding.name) <= window:
                return True
    return not seen


def shown(value: Decimal) -> str:
    """A normalised number as a reader writes it: 2.01E+3 -> "2010"."""
    return format(value, "f")


def date_words(text: str) -> set[str]:
    """Month and weekday names in `text`, lowercased ("May" counts only when capitalised)."""
    return {
        w.lower()
        for w in re.findall(r"[A-Za-z]+", text)
        if w.lower() in DATE_WORDS and (w[0].isupper() or w.lower() != "may")
    }


def names(sentence: str) -> list[Name]:
    """Named things in a sentence: spaCy's entities, and capitalised words after its first word
    (NER misses some names; a capitalised word mid-sentence is a name in news prose)."""
    found = [
        Name(sentence[start:end], label)
        for label, start, end in phrase_entities([sentence])[sentence]
        if label in NAME_LABELS
    ]
    first = re.match(r"\W*\w+", sentence)
    for match in _NAME_WORD.finditer(sentence, first.end() if first else 0):
        before = sentence[: match.start()].rstrip()
        if before[-1:] in ".!?:“\"‘'«„(" or match.group().upper() == match.group() == "I":
            continue  # a new sentence or a quotation starts here
        found.append(Name(match.group(), "CAPITALISED"))
    return found


def prefetch(sentences: Iterable[str]) -> None:
    """Run NER over many sentences in one batch (the eval checks thousands)."""
    phrase_entities(list(sentences))


def name_words(text: str) -> list[str]:
    """The words of a name that must be found, lowercased ("the", possessive 's dropped)."""
    words = []
    for word in _WORD.findall(_ACRONYM_DOT.sub("", text)):
        word = re.sub(r"['’]s$", "", word).lower()
        if word not in {"the", "of", "and", "a", "an"} and len(word) > 1:
            words.append(word)
    return words


def same_word(word: str, known: set[str]) -> bool:
    """`word` occurs in `known`, or shares its first five letters with a word there (Russia and
    Russian, Ukraine and Ukrainian, America and American)."""
    if word in known:
        return True
    if len(word) < 5:
        return False
    return any(k[:5] == word[:5] and abs(len(k) - len(word)) <= 3 for k in known)


def words(text: str) -> list[str]:
    """Lowercased words with contractions split off ("didn't" -> "did", "n't")."""
    out = []
    for word in _WORD.findall(text.replace("’", "'")):
        lower = word.lower()
        if lower in _IRREGULAR_NEGATIVES:
            out += [_IRREGULAR_NEGATIVES[lower], "n't"]
        elif lower.endswith("n't") and len(lower) > 3:
            out += [lower[:-3], "n't"]
        else:
            out.append(lower)
    return out


def expand_contractions(text: str) -> str:
    """ "don't" -> "do not", so a contraction and its long form share their words."""
    return " ".join("not" if w == "n't" else w for w in words(text))


def clauses(text: str) -> list[str]:
    """Clauses split at commas, semicolons, dashes and contrastive conjunctions."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


def negations(text: str) -> int:
    """How many polarity flips `text` holds: negators plus un-/in- antonyms."""
    return sum(1 for w in words(text) if w in NEGATORS or w in ANTONYMS)


def polarity_free(text: str) -> list[str]:
    """The words of `text` with negators dropped and antonyms replaced by their base word, so a
    clause and its negation align on the same words."""
    return [ANTONYMS.get(w, w) for w in words(text) if w not in NEGATORS]
