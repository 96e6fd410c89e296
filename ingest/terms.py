"""The terms a text is searched by: lower-cased words of two or more characters, English stop
words (plus reporting verbs, which every quotation shares) removed, Snowball-stemmed.

Why one place: the lexical index (ingest/lexical.py) is written at ingest from these terms and
queried with them, and answer verification and evidence scoring compare the same stems, so the
three always agree on what a word is. The index stores the terms pre-tokenised (tantivy splits
them on white space), so ranking keeps this stemming and these stop words.
"""

from __future__ import annotations

import functools
import re

# Words of two or more characters. The same matches as scikit-learn's `\b\w\w+\b`, which the
# index was first written with, a quarter faster: a greedy run of word characters can only
# end where a word does, and scanning never starts one inside a word (a word's first
# character is tried before its second), so neither `\b` ever decides a match.
_TOKEN = re.compile(r"\w\w+")
TERM_CACHE_WORDS = 1 << 17  # words whose terms a Lexicon keeps (about 15 MB when full)


class Lexicon:
    """Tokenising and stemming shared by lexical search and sentence scoring."""

    def __init__(self) -> None:
        import Stemmer

        self._stemmer = Stemmer.Stemmer("english")
        # Each word's term, None for a stop word: a text's words are mostly ones seen before,
        # and one look-up per word costs about half the CPU of filtering, respelling and
        # stemming it again (the paragraphs of the 2,225 BBC articles, 29,275 distinct words:
        # 0.43-0.62 s against 0.82-1.11 s in five runs on a busy machine). Replaced by an
        # empty one when full, so a long-running app's stays bounded (replaced, not cleared:
        # a thread amid `terms` keeps the one it read).
        self._terms: dict[str, str | None] = {}

    def __getstate__(self) -> dict:
        return {}  # the stemmer is a C object: an unpickled copy makes a new one

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def terms(self, text: str) -> list[str]:
        known = self._terms
        words = _TOKEN.findall(text.lower())
        try:
            # Most texts hold only words seen before: one pass, no list of the unseen ones
            # (`ask` tokenises up to a thousand candidate units per question).
            return [term for word in words if (term := known[word]) is not None]
        except KeyError:
            pass
        new = [word for word in words if word not in known]
        if new:
            if len(known) + len(new) > TERM_CACHE_WORDS:
                known = self._terms = {}
                new = words
            for word in set(new):
                known[word] = None if word in STOPWORDS else self._stem(word)
        return [term for word in words if (term := known[word]) is not None]

    def _stem(self, word: str) -> str:
        return self._stemmer.stemWord(american_spelling(word))


@functools.lru_cache(maxsize=1 << 16)
def american_spelling(word: str) -> str:
    """One spelling for British and American forms, which the stemmer keeps apart
    ("hospitalisation" and "hospitalization" stem to "hospitalis" and "hospit"): news from
    both sides is searched with questions typed either way. Both the index and the query
    pass through here, so a word the rules bend ("raised" -> "raized") still meets itself.
    Cached: ingest asks for the same few thousand words again and again (532k regex calls,
    0.9 s per 300 BBC articles uncached, `profile_ingest --no-model`). A word with none of
    the endings (`_ANY_SPELLING`, one search) is no British form and is kept as it is."""
    if not _ANY_SPELLING.search(word):
        return word
    for pattern, replacement in _SPELLINGS:
        word, count = pattern.subn(replacement, word)
        if count:
            return word
    return word


# British endings -> American ones, first match only; short words ("rise", "tour") are kept.
_SPELLINGS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=\w{3})is(e|ed|es|ing|ation|ations|ational)$", r"iz\1"),  # organise, -isation
        (r"(?<=\w{2})ys(e|ed|es|ing)$", r"yz\1"),  # analyse
        (r"(?<=\w{3})our(s|ed|ing|ite|ites|able)?$", r"or\1"),  # colour, favourite
        (r"(?<=\w{3})tre(s)?$", r"ter\1"),  # centre, theatre
        (r"^(def|off|lic|pret)ence(s)?$", r"\1ense\2"),  # defence, licence
        (r"^programme(s)?$", r"program\1"),
    )
)
# Every ending of `_SPELLINGS` in one pattern, without what each asks of the letters before it:
# most words end in none of them, and one search rules them all out.
_ANY_SPELLING = re.compile(
    r"(?:[iy]s(?:e|ed|es|ing|ation|ations|ational)|our(?:s|ed|ing|ite|ites|able)?|tres?"
    r"|ences?|mmes?)$"
)


STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "say",
        "said",
        "says",
        "tell",
        "told",
        "think",
        "thought",
        "view",
        "views",
        "according",
        "mention",
        "mentioned",
        "describe",
        "described",
        "comment",
        "commented",
        "talk",
        "talked",
        "speak",
        "spoke",
        "else",
    ]
)
