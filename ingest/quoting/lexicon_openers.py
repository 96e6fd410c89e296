"""Words that open a phrase set before a sentence's subject (`In a statement, Ana Vell said
...`, `Speaking on Tuesday, ...`): a second lexicon module, because `lexicon.py` is at its size
limit. Same conventions: whitespace-separated strings, sets looked up per word."""

from __future__ import annotations

from ingest.quoting.lexicon import PARTICIPLES, split_words

# Prepositions that open such a phrase: `At the same time`, `For his part`, `Despite ...`.
OPENING_PREPOSITIONS = frozenset(
    split_words(
        """in at on during for to with without after before as from over under within among
    amid across through throughout following regarding concerning despite by until since upon"""
    )
)
# Participles that open it: the reporting verbs' (`Speaking on the BBC`, `Answering questions`)
# and a few of turning to a topic (`Turning to the economy`, `Touching on security`).
OPENING_PARTICIPLES = PARTICIPLES | frozenset(
    split_words("speaking turning touching referring addressing looking playing")
)
# The longest such phrase, in words, before the comma.
OPENING_PHRASE_WORDS = 8
