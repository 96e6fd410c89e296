"""Cue words of statements that official readouts report without a speech verb: a fifth
lexicon module, because `lexicon.py` is at its size limit. Same conventions: whitespace-
separated strings, sets looked up per lowercase word."""

from __future__ import annotations

from ingest.quoting.lexicon import split_words, verb_forms

# A held view reported with `that` (`X believes that ...`, `X is convinced that ...`, `X
# pointed out that ...`): official readouts give a leader's position this way, and answers
# had no speaker for it. Only before `that` (`cues._that_cues`), never as a speech verb after
# a quote. `believe` is active only (`It is believed that` names no one); the adjectives
# follow a form of `be`; a particle verb is read with its particle.
VIEW_VERBS = verb_forms("believe", "sp")
VIEW_ADJECTIVES = frozenset(split_words("convinced confident"))
# A negated view is a doubt: `advisers are not convinced that X` does not hold X, so the
# clause is no statement of theirs. Words looked up just before the view (`doesn't believe`).
VIEW_NEGATIONS = frozenset(split_words("not n't never no doesn't don't didn't isn't aren't"))
THAT_PARTICLE_VERBS = {"out": verb_forms("point", "bsp")}

# A lowercase determiner that opens a run of capitalised words makes the run a name, whose
# last word is its head noun even when spelled like a reporting verb: `the United States
# should ...`, `the Foreign States and ...` (`subjects.verb_tokens`). A headline writes its
# determiner capitalised (`The Mayor Says ...`), so only the lowercase forms are listed.
NAME_DETERMINERS = frozenset(split_words("the"))

# Thanks with no one named as thanked (`The President thanked for the assistance provided by
# ...`): readouts give what a leader said in thanks this way; the object after `for` is the
# statement (`cues._NOUN_OBJECTS`). With an object (`thanked the workers for their help`) the
# thanks report no words and make no statement.
THANKED_FOR_VERBS = frozenset(("thanked for",))
# `a work, called X, was found`: participles that name a thing, never a speaker's.
NAMING_PARTICIPLES = frozenset(split_words("called named dubbed titled entitled"))
# `He was told that ...`: verbs whose object is the hearer; after a form of `be` their subject
# is the one told, never the speaker.
HEARER_VERBS = frozenset(split_words("told asked warned assured informed reminded advised"))
