"""Words that open a phrase set before a sentence's subject (`In a statement, Ana Vell said
...`, `Speaking on Tuesday, ...`): a second lexicon module, because `lexicon.py` is at its size
limit. Same conventions: whitespace-separated strings, sets looked up per word."""

from __future__ import annotations

from ingest.quoting.lexicon import DAYS_NEAR, PARTICIPLES, WEEKDAYS, split_words

# Prepositions that open such a phrase: `At the same time`, `For his part`, `Despite ...`.
OPENING_PREPOSITIONS = frozenset(
    split_words(
        """in at on during for to with without after before as from over under within among
    amid across through throughout following regarding concerning despite by until since upon"""
    )
)
# Participles that open it: the reporting verbs' (`Speaking on Westland Radio`, `Answering
# questions`) and a few of turning to a topic (`Turning to the economy`, `Touching on security`).
OPENING_PARTICIPLES = PARTICIPLES | frozenset(
    split_words("speaking turning touching referring addressing looking playing")
)
# The longest such phrase, in words, before the comma.
OPENING_PHRASE_WORDS = 8
# Words of a time phrase set before the subject (`Earlier this month`, `Late last year`, `Two
# days ago`, `The next morning`): a phrase of these words alone, before a comma, is no clause.
TIME_PHRASE_WORDS = (
    WEEKDAYS
    | DAYS_NEAR
    | frozenset(
        split_words(
            """january february march april may june july august september october november
    december early earlier late later last this next past the a few several one two three four
    five six seven eight nine ten ago day days week weeks month months year years morning
    afternoon evening night weekend decade decades"""
        )
    )
)
# Words that can only be a time in a phrase of time words (`On Monday`, `Last April`): a
# month alone may be a name (`May`, `April`); a weekday or `today` alone is a time too.
TIME_ANCHORS = (
    WEEKDAYS
    | DAYS_NEAR
    | frozenset(
        split_words(
            """early earlier late later last next ago day days week weeks month months year
    years morning afternoon evening night weekend"""
        )
    )
)
