"""Passive hearer verbs: `Vell was told ...` names the one told, never who spoke; both the
verb rules (`verb_subjects`) and the before-quote rules (`subjects_before`) read it."""

from __future__ import annotations

from ingest.quoting.lexicon import AUX, BE_FORMS
from ingest.quoting.lexicon_cues import HEARER_VERBS
from ingest.quoting.lexicon_speakers import PASSIVE_AUXILIARIES
from ingest.quoting.subjects import verb_tokens


def hearer_passive(left: str, verb: str) -> bool:
    """Whether `verb` (`told`, `asked`, `warned` ...) after the words `left` of its sentence is
    a passive whose subject is the hearer: right after a form of `be` (and `also`, `later`
    ...), with no reporting verb before it. `Reed was told "inappropriate" images ...`: the
    quotation is not Reed's; the subject had been stored as the speaker."""
    if verb.lower() not in HEARER_VERBS or verb_tokens(left):
        return False
    words = [w.lower() for w in left.split()[-2:]]
    if words and words[-1] in AUX - BE_FORMS:
        words.pop()
    return bool(words) and words[-1] in BE_FORMS | PASSIVE_AUXILIARIES
