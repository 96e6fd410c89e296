"""Words of a finding named as a source (`according to research from analysts Quillstat`): a
third lexicon module, because `lexicon.py` is at its size limit. Same conventions:
whitespace-separated strings, sets looked up per word."""

from __future__ import annotations

from ingest.quoting.lexicon import split_words

# What a body publishes and news cites as the source of a claim: the body speaks through it.
FINDING_NOUNS = frozenset(
    split_words(
        """research study studies survey surveys report reports figures data statistics poll
    polls analysis estimates forecast forecasts findings index"""
    )
)
# Words between the article and the finding noun (`the latest survey`, `new figures`).
FINDING_MODIFIERS = frozenset(
    split_words(
        """the a an new latest recent separate another further official preliminary
    provisional fresh annual monthly quarterly weekly lending industry government"""
    )
)
# `research from X`, `a study by X`: the body follows these (`a survey of voters` names no body).
FINDING_PREPOSITIONS = frozenset(split_words("from by"))
# Lower-case words inside an organisation's name (`Vell Internet and Westland Life Project`).
NAME_INNER_WORDS = frozenset(split_words("and of for the &"))
