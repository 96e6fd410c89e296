"""`SPEAKER_RULES`, the ordered table that finds the speaker slot (the first rule that finds
one wins), and its rules that start from a verb: the subject of a cue verb, the agent of a
passive one, the subject of the main verb.

The rules that start from a noun are in `app.question_parse.speaker_nouns`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from app.lexicon_questions import CUE_VERBS, LEXICON
from app.question_parse.cues import by_depth, is_cue_verb, passive
from app.question_parse.pipeline import Doc
from app.question_parse.slot import WORD_JOINERS, SpeakerSlot, speaker_slot
from app.question_parse.speaker_nouns import (
    name_before_cue_noun,
    object_of_according_to,
    person_according_to,
    possessor_of_stance,
    stance_of_someone,
)


class _SpeakerRule(NamedTuple):
    name: str
    find: Callable[[Doc], SpeakerSlot | None]


def _subject_of_cue_verb(doc: Doc) -> SpeakerSlot | None:
    """ "Why did X say ...", "How did X react to ...", "Who warned that ...": the active
    subject of a speech, mental or reaction verb, or of the verb it completes ("What did X
    have to say", "X wants to say"). A nominal subject before a clausal one: spaCy may read a
    fronted wh-object as the clausal subject ("What issue did X want the board to look at?"),
    which made a question about X's words a who-said question."""
    for verb in by_depth(doc, lambda t: is_cue_verb(t) and not passive(t)):
        holders = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        for holder in holders:
            subjects = [c for c in holder.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                child = min(subjects, key=lambda c: c.dep_ != "nsubj")
                return speaker_slot("subject_of_cue_verb", child, (verb,))
    return None


def _agent_of_passive_cue(doc: Doc) -> SpeakerSlot | None:
    """ "What was described by X as ...": the agent of a passive cue verb."""
    for verb in by_depth(doc, lambda t: is_cue_verb(t) and passive(t)):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                return speaker_slot("agent_of_passive_cue", pobj, (verb, agent))
    return None


def _subject_of_passive_quote(doc: Doc) -> SpeakerSlot | None:
    """ "Who was quoted as saying ...", "Was X quoted on ...": being quoted is speaking (spaCy
    may read the second as a participle after the name: then the name is its head)."""
    for verb in by_depth(doc, lambda t: t.lemma_.lower() == "quote"):
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            return speaker_slot("subject_of_passive_quote", verb.head, (verb,))
        if not passive(verb):
            continue
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "nsubj"):
                return speaker_slot("subject_of_passive_quote", child, (verb,))
    return None


def _subject_of_saying_clause(doc: Doc) -> SpeakerSlot | None:
    """ "Which singer left the tour saying it ...": the subject of a verb whose participle
    clause is the speech (spaCy attaches "saying" as an adverbial clause)."""
    for verb in doc:
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.lemma_.lower() in CUE_VERBS:
            for child in verb.head.children:
                if child.dep_ == "nsubj":
                    return speaker_slot("subject_of_saying_clause", child, (verb,))
    return None


def _between_did_and_cue(doc: Doc) -> SpeakerSlot | None:
    """ "How did the director of sales at Westland criticise tolls?", where spaCy reads the cue
    as a noun and the office as the sentence's root, or "How did Lind criticise ...",
    the name as the root verb: the words between the opening "did"/"does" and the first bare
    cue verb after them, when they hold a noun or a capitalised word and no clause of their
    own."""
    aux = next((t for t in doc[:2] if t.lower_ in LEXICON["do_aux"]), None)
    if aux is None:
        return None
    cue = next((t for t in doc[aux.i + 2 :] if t.lower_ in CUE_VERBS), None)
    if cue is None:
        return None
    words = doc[aux.i + 1 : cue.i]
    if not any(t.pos_ in ("NOUN", "PROPN") or t.is_title for t in words) or any(
        t.pos_ == "AUX" or (t.is_punct and t.text not in WORD_JOINERS) for t in words
    ):
        return None
    has_article = words[0].lower_ in ("the", "a", "an")
    return SpeakerSlot(
        rule="between_did_and_cue",
        phrase=words.text,
        tokens=frozenset(range(words.start, words.end)),
        cue=frozenset({cue.i}),
        is_name=words[0].text[:1].isupper() and not has_article,
        pronoun=False,
        asks_who=False,
    )


def _subject_of_main_verb(doc: Doc) -> SpeakerSlot | None:
    """ "Why did X decide to ...", "Would X be open to ...": a person the question names as the
    active subject of its main verb is asked about in their own words too; only a passive
    ("Why was X sacked?") or an object ("Why did the club sack X?") makes them plainly the
    subject of news. Pronouns are left to the follow-up rules."""
    for root in (t for t in doc if t.dep_ == "ROOT" and not passive(t)):
        for child in root.children:
            if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN"):
                slot = speaker_slot(SUBJECT_OF_MAIN_VERB, child, ())
                return None if slot.asks_who else slot  # "How many seats did ... win"
    return None


SUBJECT_OF_MAIN_VERB = "subject_of_main_verb"


SPEAKER_RULES: tuple[_SpeakerRule, ...] = (
    _SpeakerRule("person_according_to", person_according_to),
    _SpeakerRule("subject_of_cue_verb", _subject_of_cue_verb),
    _SpeakerRule("agent_of_passive_cue", _agent_of_passive_cue),
    _SpeakerRule("subject_of_passive_quote", _subject_of_passive_quote),
    _SpeakerRule("possessor_of_stance", possessor_of_stance),
    _SpeakerRule("object_of_according_to", object_of_according_to),
    _SpeakerRule("stance_of_someone", stance_of_someone),
    _SpeakerRule("name_before_cue_noun", name_before_cue_noun),
    _SpeakerRule("subject_of_saying_clause", _subject_of_saying_clause),
    _SpeakerRule("between_did_and_cue", _between_did_and_cue),
    _SpeakerRule(SUBJECT_OF_MAIN_VERB, _subject_of_main_verb),
)
