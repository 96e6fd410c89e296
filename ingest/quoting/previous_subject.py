"""The person a pronoun points back to when the sentence before names them as its subject
but quotes nothing.

News introduces a speaker in a sentence of their own and quotes them in the next: `Tom Reed
is a driver on the picket line. He said: "..."`, `Mr Reed, who has clashed with his leaders,
served as a minister. In a letter he wrote: "..."`. Such a subject
reports nothing, so the resolver has not met it as a speaker, and "he" went to the last
speaker before it (the minister whose plans the strikers oppose, the leader who welcomed the
defector). The subject of the sentence before is the pronoun's referent when the pronoun
opens its own sentence (after at most a lower-case opening phrase: `In a letter he wrote`)
and no quotation stands between them: in `"...," he said` the pronoun goes on with that
quotation's speaker, in `Hale has been in talks and he said` its own sentence names its
person, and a sentence that quotes someone has its speaker resolved already.
"""

from __future__ import annotations

import re

from ingest.quoting.lexicon import ARTICLES, AUX, CAP, PRONOUNS, ROLE_WORDS, TITLE_GENDER
from ingest.quoting.lexicon_openers import OPENING_PARTICIPLES, OPENING_PREPOSITIONS
from ingest.quoting.model import Findings
from ingest.quoting.nameshapes import plain_name
from ingest.quoting.narrative import NAME_RUN
from ingest.quoting.nounphrases import LEADING_ADVERBS
from ingest.quoting.sentence_subjects import sentence_subject
from ingest.speakers.article_links import titled_gender

# Words that may open a sentence before its subject pronoun (`But he said`, `In a letter he
# wrote`, `Speaking later, he added`).
OPENING_WORDS = OPENING_PREPOSITIONS | OPENING_PARTICIPLES | LEADING_ADVERBS


def previous_subject(doc: Findings, pos: int, gender: str) -> str | None:
    """The name that opens the sentence before the one holding the pronoun at `pos` (plain,
    or after a title of the pronoun's `gender`: `Mr Reed`), when the pronoun opens its
    sentence and no quotation opens or runs from that sentence's start up to `pos`."""
    index = next((i for i, (s, e) in enumerate(doc.sentences) if s <= pos < e), 0)
    if index == 0:
        return None  # the first sentence, or `pos` in no sentence
    if not _opens_sentence(doc.text[doc.sentences[index][0] : pos]):
        return None
    before_start, before_end = doc.sentences[index - 1]
    if any(p.open_pos < pos and p.end > before_start for p in doc.pieces):
        return None
    found = sentence_subject(doc.text[before_start:before_end], before_start, "")
    if not found or found.np.lower() in PRONOUNS or found.np.split()[0].lower() in AUX:
        return None
    title, _, rest = found.np.partition(" ")
    if TITLE_GENDER.get(title.lower().strip(".")) == gender and _name_after_title(rest):
        return found.np
    if not plain_name(found.np) and not _named_surname(doc, found.np, found.pos):
        return None
    known = titled_gender(doc.text, found.np.split()[-1])
    if known is not None:
        return found.np if known == gender else None
    after_subject = doc.text[found.pos + len(found.np) : before_end]
    if _names_another_person(after_subject) or _names_another_surname(doc, after_subject, pos):
        return None
    return found.np


def _named_surname(doc: Findings, np: str, pos: int) -> bool:
    """ "Vell tweeted her thanks." after "Ana Vell": a surname alone is a name when the
    article has named someone in full with it before (the last speaker had taken the "She"
    of the sentence after, and every "she added" continuing it)."""
    if len(np.split()) != 1 or not CAP.match(np):
        return False
    return re.search(rf"\b[A-Z][\w'’-]+\s+{re.escape(np)}\b", doc.text[:pos]) is not None


def _names_another_surname(doc: Findings, words: str, pos: int) -> bool:
    """`a move Reed has backed`: a surname standing alone (no capitalised word beside it) that
    the article wrote in full before, in the rest of the sentence after anything but a
    preposition or an article, names a person who could be the pronoun's as well as the
    subject (a manager's words went to the player the sentence before was about,
    docs/notes/lead37.md). Words of a longer capitalised run ("the Champions League") are no
    person's surname here."""
    tokens = [w.strip(",.;:!?()\"'“”‘’") for w in words.split()]
    for i, word in enumerate(tokens):
        if not CAP.match(word) or _capitalised(tokens, i - 1) or _capitalised(tokens, i + 1):
            continue
        if i and tokens[i - 1].lower() in OPENING_PREPOSITIONS | ARTICLES:
            continue
        if _named_surname(doc, word, pos):
            return True
    return False


def _capitalised(tokens: list[str], i: int) -> bool:
    return 0 <= i < len(tokens) and bool(CAP.match(tokens[i]))


def _names_another_person(words: str) -> bool:
    """`met Ana Vell`: a name the rest of the sentence writes after anything but a
    preposition or an article (`at Harbour House` is a place): of a gender unknown, it
    could be the pronoun's person as well as the subject."""
    for match in NAME_RUN.finditer(words):
        before = words[: match.start()].split()[-1:]
        if not before or before[0].lower() not in OPENING_PREPOSITIONS | ARTICLES:
            return True
    return False


def _opens_sentence(before: str) -> bool:
    """Nothing before the pronoun but a lower-case opening phrase: no other subject, no
    person named in the pronoun's own sentence."""
    words = before.split()
    if any(w[:1].isupper() for w in words[1:]):
        return False
    return not words or not words[0][:1].isupper() or words[0].lower() in OPENING_WORDS


def _name_after_title(words: str) -> bool:
    """`Reed` or `Tom Reed` after `Mr`: a surname alone is a name there."""
    return plain_name(words) or bool(CAP.match(words)) and words.lower() not in ROLE_WORDS
