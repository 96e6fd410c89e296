"""Speaker rules that start from a noun: a cue written as a noun ("Did X comment on ...", "X's
view", "the reaction of X") and "according to X".

They are entries of `SPEAKER_RULES` (`app.question_parse.speaker_rules`), which orders them
with the rules that start from a cue verb.
"""

from __future__ import annotations

from app.lexicon_questions import CUE_VERBS, LEXICON
from app.question_parse.cues import by_depth
from app.question_parse.pipeline import Doc, Token
from app.question_parse.slot import SpeakerSlot, speaker_slot
from ingest.quoting.lexicon import ROLE_WORDS


def name_before_cue_noun(doc: Doc) -> SpeakerSlot | None:
    """ "Did X comment on ...": spaCy may read the cue as a noun (or a verb) compounded with the
    name before it; the name is still the speaker. So is a role ("Did the foreign minister
    comment on ...", "Did the President of X comment on ...") when the cue noun is the subject
    of the opening "did"/"does" and names its topic: no other reading of those words asks
    anything."""
    for cue in (t for t in doc if t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() in CUE_VERBS):
        if cue.dep_ == "pobj":
            # The object of a preposition is a topic ("What figure does the report give for
            # the Westland plan?", "... in the report on Vell apologises?"): not the stance
            # asked for, so the name before it is nobody's voice.
            continue
        names = [
            c
            for c in cue.children
            if c.dep_ in ("compound", "amod") and _name_like(c) and not _hyphen_joined(c)
        ]
        # The name right before the cue; one before a common noun modifies an office ("Did
        # the Westland boss comment on ...": the boss, not Westland).
        if names and names[-1].right_edge.i == cue.i - 1:
            return speaker_slot("name_before_cue_noun", names[-1], (cue,))
        if _cue_noun_after_did(cue):
            role = [
                c
                for c in cue.lefts
                if c.dep_ in _ROLE_MODIFIERS and c.pos_ in ("NOUN", "PROPN", "ADJ")
            ]
            if role and role[-1].right_edge.i == cue.i - 1:
                first = min(t.i for c in cue.lefts for t in c.subtree)
                return speaker_slot("name_before_cue_noun", role[-1], (cue,), first_token=first)
        if names:
            return speaker_slot("name_before_cue_noun", names[-1], (cue,))
    return None


# How spaCy hangs the words of an office on a cue noun it took for their head: "the chief deputy
# attorney general comment" has "attorney" as a noun modifier and "general" as an adjective.
_ROLE_MODIFIERS = frozenset({"compound", "nsubj", "nmod", "amod"})


def _hyphen_joined(token: Token) -> bool:
    """ "the Reed-Hale phone call", "the Vell-Lind talks": names joined by a hyphen name
    an event between them, not who speaks."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-"
    return before or (token.i + 1 < len(doc) and doc[token.i + 1].text == "-")


def _cue_noun_after_did(cue: Token) -> bool:
    """ "Did the minister comment on Y?" read as "did [the minister comment]": the cue noun is
    the subject of a sentence-opening "do" and has a topic preposition after it."""
    root = cue.head
    return (
        cue.dep_ == "nsubj"
        and root.dep_ == "ROOT"
        and root.i == 0
        and root.lemma_.lower() == "do"
        and any(c.dep_ == "prep" and c.lower_ in LEXICON["topic_preposition"] for c in cue.children)
    )


def _name_like(token: Token) -> bool:
    """A proper noun, or a capitalised word inside the question that spaCy tagged otherwise:
    an unfamiliar surname ("Did Ostby comment on ..." tags it NOUN), or a surname that is
    also an English word ("Did Sharp comment on ..." tags it ADJ, another one VERB)."""
    return token.pos_ == "PROPN" or (
        token.pos_ in ("NOUN", "ADJ", "VERB") and token.i > 0 and token.is_title
    )


def possessor_of_stance(doc: Doc) -> SpeakerSlot | None:
    """ "What was X's view of ...", "X's reaction to ...", "X's take on ...": the possessor."""
    for noun in by_depth(doc, lambda t: t.lemma_.lower() in LEXICON["stance_noun"]):
        for child in noun.children:
            if child.dep_ != "poss":
                continue
            office = _office_before_possessor(noun, child)
            if office is not None:
                return speaker_slot("possessor_of_stance", office, (noun,), last_token=child.i + 1)
            return speaker_slot("possessor_of_stance", child, (noun,))  # "his view" too
    return None


def _office_before_possessor(noun: Token, possessor: Token) -> Token | None:
    """ "the President of Westland's view": spaCy reads "the President of [Westland's view]";
    the possessor is the whole office, whose head noun is returned."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or possessor.pos_ != "PROPN":
        return None
    head = prep.head
    return head if head.pos_ in ("NOUN", "PROPN") and head.i < possessor.i else None


def object_of_according_to(doc: Doc) -> SpeakerSlot | None:
    """ "According to X, ...": the object of "according to"."""
    found = _according_to(doc)
    return speaker_slot("object_of_according_to", found[2], found[:2]) if found else None


def person_according_to(doc: Doc) -> SpeakerSlot | None:
    """ "Had A and B spoken ..., according to the president?": a person or office after
    "according to" is the source of what is asked, whatever the verbs inside the question do
    ("according to their age" is no source: that waits for the other rules)."""
    found = _according_to(doc)
    if not found:
        return None
    according, to, pobj = found
    if pobj.pos_ != "PROPN" and pobj.lemma_.lower() not in ROLE_WORDS:
        return None
    return speaker_slot("person_according_to", pobj, (according, to))


def _according_to(doc: Doc) -> tuple[Token, Token, Token] | None:
    """The "according", "to" and object of the first "according to X"."""
    for according in (t for t in doc if t.lower_ == "according"):
        for to in (c for c in according.children if c.lower_ == "to"):
            for pobj in (c for c in to.children if c.dep_ == "pobj"):
                return according, to, pobj
    return None


def stance_of_someone(doc: Doc) -> SpeakerSlot | None:
    """ "What was the reaction of X to ...", "the response from X": a stance noun's source."""
    for noun in by_depth(doc, lambda t: t.lemma_.lower() in LEXICON["stance_noun"]):
        for prep in (c for c in noun.children if c.lower_ in ("of", "from")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if (hung := _person_hung_on_topic(pobj)) is not None:
                    return speaker_slot(
                        "stance_of_someone", hung.head, (noun, prep, hung), hung.i - 1
                    )
                # a person or an office ("a quote from the Westland chief executive")
                if pobj.pos_ == "PROPN" or pobj.lemma_.lower() in ROLE_WORDS:
                    # "a quote from the President of X on Y": spaCy may hang "on Y" on the
                    # person; it is what the quote is about, not part of the name.
                    # (or on a word of the office: "the editor of Westland Weekly on Y";
                    # "for" stays in the office: "the spokesman for the Westland prosecutor")
                    about = [
                        c
                        for c in pobj.subtree
                        if c.dep_ == "prep"
                        and c.i > pobj.i
                        and c.lower_ in LEXICON["about_preposition"]
                    ][:1]
                    last = about[0].i - 1 if about else None
                    return speaker_slot("stance_of_someone", pobj, (noun, prep, *about), last)
    return None


def _person_hung_on_topic(pobj: Token) -> Token | None:
    """The "on" of "a quote from X on Y" when spaCy made Y the source and hung X, with "on Y"
    after it, on Y as a modifier (seen with a surname that is also a word): the person is the
    proper noun before the preposition, Y what the quote is about."""
    for prep in pobj.subtree:
        if (
            prep.dep_ == "prep"
            and prep.i < pobj.i
            and prep.lower_ in LEXICON["about_preposition"]
            and prep.head.pos_ == "PROPN"
            and prep.head.i < prep.i
        ):
            return prep
    return None
