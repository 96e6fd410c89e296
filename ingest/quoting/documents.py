"""A document as speaker: `The message reads, in part: "..."` quotes whoever sent the message.

Official news quotes greetings, letters and statements through the document ("The message
reads", "the statement said"); the words are the author's, and the author is the subject of
the sentence that introduced the document before ("Sven Ostby sent a message of greetings
to ..."). Kept apart from the resolver, which asks this module only for that subject.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import (
    DOCUMENT_DETERMINERS,
    DOCUMENT_NOUNS,
    GREETING_VERBS,
    SENDING_VERBS,
    alternation,
)
from ingest.quoting.model import Findings, Subject
from ingest.quoting.sentence_subjects import sentence_subject

_DOCUMENT = re.compile(
    rf"(?:{alternation(DOCUMENT_DETERMINERS)})\s+"
    rf"(?P<noun>{alternation(DOCUMENT_NOUNS)})",
    re.IGNORECASE,
)


def document_noun(phrase: str) -> str | None:
    """The document a speaker phrase is (`The message` -> `message`), or None."""
    found = _DOCUMENT.fullmatch(phrase.strip())
    return found.group("noun").lower() if found else None


def document_author(doc: Findings, pos: int) -> Subject | None:
    """The person who sent the document: the subject of the last sentence before the one at
    `pos` that has them send one or congratulate someone (`Sven Ostby also sent a message
    of greetings to ...`, `President Tamm released a statement`, `Sven Ostby
    congratulated ...`), or None. A sentence that names a document another way (`The Times
    said Kell provided a statement`, `An IAAF statement said`) ends the search: its subject
    did not send it."""
    current = next((s for s, e in doc.sentences if s <= pos < e), pos)
    for start, end in reversed(doc.sentences):
        if end > current:
            continue
        subject = sentence_subject(doc.text[start:end], start, "")
        after = subject.pos + len(subject.np) if subject is not None else end
        if (
            subject is not None
            and not document_noun(subject.np)
            and _SENDS.match(doc.text, after, end)
        ):
            return subject
        if _NAMED.search(doc.text, start, end):
            return None
    return None


_NAMED = re.compile(rf"\b{alternation(DOCUMENT_NOUNS)}\b", re.IGNORECASE)
# What follows the sender: `also sent a message`, `released a written statement`, `congratulated`.
_SENDS = re.compile(
    rf"\s+(?:\w+ly\s+|also\s+)?(?:{alternation(GREETING_VERBS)}\b|{alternation(SENDING_VERBS)}"
    rf"(?:\s+[\w'’-]+){{0,3}}?\s+{alternation(DOCUMENT_NOUNS)}\b)"
)
