"""What the stored passages hold, word by word: how rare a topic's terms are among them, and
which of a question's words or names none of them holds.

Why apart from candidate finding: the answer asks whether the store ever names a topic before
any candidate is ranked, and the unit covers weigh the topic's terms by the same index.
"""

from __future__ import annotations

import re

from app.retrieval import HybridRetriever

_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_NEVER_A_TERM = "\x00"  # no tokeniser keeps a NUL: its idf is that of an unseen term


class StoreWords:
    """The store's passages as words, through the retriever's lexicon and chunk index: a test
    of whether they ever hold a word is a test of its idf (`_unseen`)."""

    def __init__(self, retriever: HybridRetriever) -> None:
        self.retriever = retriever

    def unseen_names(self, topic: str) -> float:
        """The share of the topic's names (capitalised words: people, places, bodies, events)
        that no stored passage contains: a question about a thing the articles never name
        cannot be answered from them. Only names count, as a common word missing from a small
        store says little, while a missing name says the same in a store of any size."""
        names = [word for word in _NAME.findall(topic) if self.retriever.lexicon.terms(word)]
        if not names:
            return 0.0
        return sum(self._unseen_word(word) for word in names) / len(names)

    def unseen_name(self, topic: str) -> str | None:
        """The first name of the topic (a run of capitalised words: "Ola Tamm", "Westland
        Mining Board") with a word that no stored passage holds, as the question writes it;
        None when every name occurs somewhere. No article can mention the thing such a name
        names, so nobody in them said anything about it: a who-said question about it was
        otherwise answered with whoever said the nearest words ("in the story about <a company
        no article names>"). The same test as `unseen_names`, word by word, which the fitted
        answerability models of the other families also read."""
        for run in _NAME_RUN.findall(topic):
            if any(self._unseen_word(word) for word in run.split()):
                return run
        return None

    def _unseen_word(self, word: str) -> bool:
        """The one test of both: the word has search terms and no stored passage holds any of
        them (a word of stop words only is no evidence either way)."""
        terms = self.retriever.lexicon.terms(word)
        return bool(terms) and all(self._unseen(t) for t in terms)

    def nothing_seen(self, topic: str) -> bool:
        """No word of the topic occurs in any stored passage ("football" in a store about
        diplomacy): then no passage can be about it, however close a vector lands."""
        terms = set(self.retriever.lexicon.terms(topic))
        return bool(terms) and all(self._unseen(t) for t in terms)

    def _unseen(self, term: str) -> bool:
        """A term is unseen when its idf equals that of a term no text can hold."""
        return self.retriever.bm25.idf(term) >= self.retriever.bm25.idf(_NEVER_A_TERM) - 1e-6

    def topic_idf(self, topic: str) -> dict[str, float]:
        """Topic terms weighted by their rarity among the chunks (common words count less), in
        the topic's order: the covers sum these weights, and a float sum in a set's order (which
        follows the process's hash seed) moved the features in their last bit between runs."""
        terms = dict.fromkeys(self.retriever.lexicon.terms(topic))
        return {t: self.retriever.bm25.idf(t) for t in terms}
