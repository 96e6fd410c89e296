"""People named inside a coordinated subject of a plural verb.

`President Ana Vell and the leadership of the Union, in particular Council President Tom
Reed, are now taking a very active position. "We are in a strong position," he said.`: the
sentence before the quote is about several people at once, so a singular pronoun in the
attribution names none of them; it continues the person the paragraph is about (the last
singular mention before that sentence). Read as a mention, the last name of the subject
(`Tom Reed`) took the quote.
"""

from __future__ import annotations

from ingest.quoting.lexicon import CONJUNCTIONS, OPENERS, PRONOUNS, VERBS
from ingest.quoting.lexicon_speakers import FINITE_AUXILIARIES, PLURAL_FINITE_VERBS
from ingest.quoting.subjects import WORD
from ingest.text import Span


def in_plural_subject(text: str, sentences: list[Span], pos: int) -> bool:
    """Whether `pos` lies in the subject of its sentence and that subject is a coordination
    whose verb is plural: the words before the first plural finite verb (`are`, `were`,
    `have`) hold an `and`, no verb of their own and no quotation."""
    start, end = next(((s, e) for s, e in sentences if s <= pos < e), (pos, pos))
    subject: list[str] = []
    for w in WORD.finditer(text, start, end):
        token = w.group()
        if token in PLURAL_FINITE_VERBS:
            return (
                w.start() > pos
                and any(t in CONJUNCTIONS for t in subject)
                and not any(ch in text[start : w.start()] for ch in OPENERS)
            )
        if token.islower() and _clause_word(token):
            return False  # a clause of its own before the verb: not one subject phrase
        subject.append(token)
    return False


def _clause_word(token: str) -> bool:
    """A lowercase word that makes the words before the plural verb a clause, not a subject
    phrase: a reporting verb, an auxiliary, a past tense (`visited`) or a pronoun (`they`)."""
    return (
        token in VERBS or token in FINITE_AUXILIARIES or token in PRONOUNS or token.endswith("ed")
    )
