"""Lexical search: the tokenising and stemming that BM25 and sentence scoring share, and a BM25
index that a reload can extend instead of rebuilding.

Why our own index rather than bm25s's (which it replaced, and scores exactly like; a unit test
compares the two): a reload after another process's ingest, or a new process starting from a
stale start-up cache, changes a handful of articles among tens of thousands, and bm25s can only
re-tokenise and re-index every text. Here each text's term ids are kept, so only new texts are
stemmed, and the score matrix is built with numpy in one pass: a new process after a 5-article
ingest into a 20k-article store opened in 57 s with bm25s (a busy machine) and 15 s with this
(`open_after_ingest` in benchmarks/bench_query.py, 2 cores).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
K1, B = 1.5, 0.75  # bm25s's defaults, with its default Lucene idf


class Lexicon:
    """Tokenising and stemming shared by BM25 and sentence scoring, so both agree on terms."""

    def __init__(self) -> None:
        import Stemmer

        self._stemmer = Stemmer.Stemmer("english")

    def __getstate__(self) -> dict:
        return {}  # the stemmer is a C object: a cached BM25 index gets a new one on load

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def terms(self, text: str) -> list[str]:
        return self._stemmer.stemWords(
            [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]
        )


class Bm25Index:
    """BM25 over a list of texts; results are positions into that list.

    Holds every text's term ids (flat, with offsets) so that `extended` can reuse them, and a
    term-major score matrix (postings of each term: document positions and precomputed BM25
    scores), so that a query adds up a few postings lists.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        texts: Sequence[str],
        reused: tuple[Bm25Index, Sequence[int]] | None = None,
    ) -> None:
        """`reused`: an earlier index and positions in it whose texts come first, unchanged
        and in that order, ahead of `texts`; their term ids are copied, not recomputed."""
        self._lexicon = lexicon
        old, positions = reused or (None, ())
        self._vocab: dict[str, int] = dict(old._vocab) if old else {}
        pieces = [old._terms_of(positions)] if old else []
        lengths = [old._lengths()[np.asarray(positions, dtype=np.int64)]] if old else []
        for text in texts:
            ids = [self._vocab.setdefault(t, len(self._vocab)) for t in lexicon.terms(text)]
            pieces.append(np.asarray(ids or [self._vocab.setdefault("_", len(self._vocab))]))
            lengths.append(np.asarray([len(pieces[-1])]))
        self._terms = np.concatenate(pieces).astype(np.int32) if pieces else np.zeros(0, np.int32)
        counts = np.concatenate(lengths) if lengths else np.zeros(0, np.int64)
        self._starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self._size = len(counts)
        self._index()

    def extended(self, positions: Sequence[int], texts: Sequence[str]) -> Bm25Index:
        """A new index over the texts at `positions` here, then `texts`."""
        return Bm25Index(self._lexicon, texts, (self, positions))

    def _lengths(self) -> np.ndarray:
        return np.diff(self._starts)

    def _terms_of(self, positions: Sequence[int]) -> np.ndarray:
        """The term ids of these texts, concatenated in that order."""
        if not len(positions):
            return np.zeros(0, np.int32)
        picked = np.asarray(positions, dtype=np.int64)
        lengths = self._lengths()[picked]
        # Position of every kept term: its text's start plus its rank within the text.
        within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return self._terms[np.repeat(self._starts[picked], lengths) + within]

    def _index(self) -> None:
        """Term-major postings with Lucene BM25 scores, as bm25s computes them."""
        n = self._size
        lengths = self._lengths()
        docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
        pairs, tf = np.unique(self._terms.astype(np.int64) * max(n, 1) + docs, return_counts=True)
        terms, docs = pairs // max(n, 1), pairs % max(n, 1)
        df = np.bincount(terms, minlength=len(self._vocab))
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths[docs] / (lengths.mean() if n else 1.0))
        self._idf = idf
        self._postings = docs.astype(np.int32)
        self._scores = (idf[terms] * tf / (norm + tf)).astype(np.float32)
        self._offsets = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)

    def idf(self, term: str) -> float:
        """How rare a (stemmed) term is among the texts; an unseen term is rarest."""
        t = self._vocab.get(term)
        if t is None or t >= len(self._idf):
            return float(np.log(1 + (self._size + 0.5) / 0.5))
        return float(self._idf[t])

    def scores(self, query: str) -> np.ndarray:
        """Every text's score for `query` (a repeated query term counts again, as in bm25s)."""
        total = np.zeros(self._size, dtype=np.float32)
        for term in self._lexicon.terms(query):
            t = self._vocab.get(term)
            if t is not None and t + 1 < len(self._offsets):
                start, end = self._offsets[t], self._offsets[t + 1]
                total[self._postings[start:end]] += self._scores[start:end]
        return total

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Positions and scores, best first; `mask` (0/1 per text) leaves texts out."""
        if not self._size:
            return []
        scores = self.scores(query)
        if mask is not None:
            scores *= mask
        k = min(k, self._size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


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
