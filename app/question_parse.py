"""Reading a question with spaCy's dependency parse: who it asks about, and what about.

Keyword stripping read "Why did X say he was quitting Y?" as the topic "Why quitting" and took
any name in the question for the speaker. The parse says which word is the subject of the
speech verb, which is its listener ("tell the committee") and which are scaffolding, so the
speaker is the person whose words are asked for and the topic is what is left.

Two ordered tables of named rules, both built from `app.lexicon_questions.LEXICON`:
`SPEAKER_RULES` find the speaker slot (the first rule that finds one wins), and
`SCAFFOLDING_RULES` say which words are not the topic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from app.lexicon_questions import CUE_VERBS, LEXICON, RELATIONAL_CUES
from app.question_facts import frame_words
from app.question_story import link_noun, story_hint
from ingest.quoting.lexicon import ROLE_WORDS
from ingest.quoting.lexicon_speakers import NAME_AMPERSANDS
from ingest.quoting.ner import load_spacy

# spaCy's types are kept out of the signatures: a question parse is read here and nowhere else.
Token = Any
Doc = Any

_LOCK = threading.Lock()
_PIPELINE: list[Any] = []  # loaded once per process, on the first question


def _nlp() -> Any:
    """The English pipeline without NER (names come from the speaker index, not from NER);
    loaded on the first question, so importing the app stays fast, and only once even when
    the first questions arrive together."""
    with _LOCK:
        if not _PIPELINE:
            # Only the pipes read here (`pos_`, `dep_`, `lemma_`, the tree): not NER, nor the
            # sentence recogniser this model loads disabled.
            _PIPELINE.append(load_spacy(exclude=["ner", "senter"]))
        return _PIPELINE[0]


@dataclass(frozen=True)
class SpeakerSlot:
    """The words a question uses for the person whose words it asks for."""

    rule: str  # the SPEAKER_RULES entry that found it
    phrase: str  # as written, without a possessive: "Alan Smith", "the Westland spokesman"
    tokens: frozenset[int]  # token positions of the phrase (its possessive marker included)
    cue: frozenset[int]  # the cue: "say", "view", "according to"
    is_name: bool  # written as a name (capitalised head, no article) rather than a role
    pronoun: bool  # "he", "she", "they": the person of the last turn
    asks_who: bool  # "Who said ...", "Which minister warned ...": the name is the answer


@dataclass(frozen=True)
class ParsedQuestion:
    slot: SpeakerSlot | None
    topic: str  # the question minus its scaffolding and the speaker slot
    topic_with_speaker: str  # the same, the speaker's words kept (when they resolve to no one)
    what_about: str | None  # "What about Y?": Y
    continues: bool  # "And what did ...", "... too": continues the last question's topic
    points_back: bool  # "it", "that", "there": refers to the last topic
    third_person: bool  # "he", "his", "they": refers to the last person
    pronoun_subject: bool  # the main clause's subject is "he"/"she"/"they": "Is he quitting?"
    # ... and it is the active subject of the main verb ("Has he ever changed a policy ..."):
    # the pronoun counterpart of `SUBJECT_OF_MAIN_VERB`, asked about in their own words too.
    pronoun_acts: bool = False
    # "... about/on Y", or a topic of `OWN_TOPIC_WORDS` content words ("Has he ever changed a
    # policy because of pressure from the press?"): the question states its own topic
    names_topic: bool = False
    # The cue is a reaction to something ("X's view", "How did X react?"): without an object
    # it refers to a topic the conversation already has.
    relational_cue: bool = False
    # The story a who-said question names ("... in connection with Y", "... in the story
    # about Y", `app.question_story`): Y, out of `topic` when words are left there.
    story_hint: str = ""
    # A who-said question asks about a statement as a clause of its cue ("Who said that the
    # tolls and the fares would rise?"), not about things spoken of ("Who spoke about the
    # tolls and the fares?"): its phrases re-word what was said.
    clause: bool = False


class _SpeakerRule(NamedTuple):
    name: str
    find: Callable[[Doc], SpeakerSlot | None]


class _ScaffoldRule(NamedTuple):
    name: str
    drops: Callable[[Token, frozenset[int]], bool]  # (token, cue positions) -> not topic
    # Read only in who-said questions: the who-said trees were refitted on topics cleaned by
    # these (q25); the general and speaker trees read topics without them (docs/notes/q26.md).
    who_said_only: bool = False


# ----- speaker rules ---------------------------------------------------------------------

_SIDE_CLAUSES = frozenset({"advcl", "relcl", "acl"})
_WORD_JOINERS = frozenset({"-", "–", "/", "'", "’"})  # "48-year-old", inside a phrase


def _joined_by_ampersand(token: Token) -> bool:
    """A conjunct whose coordinator is "&" ("Spencer" of "Marks & Spencer")."""
    return token.dep_ == "conj" and any(
        c.dep_ == "cc" and c.text in NAME_AMPERSANDS for c in token.head.children
    )


def _is_cue_verb(token: Token) -> bool:
    """A speech, mental or reaction verb of the question itself: not one inside an adverbial
    or relative clause ("Where was X when he spoke?", "Why did X resign after he criticised
    Y?" ask about X, not X's words)."""
    if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
        return False
    if any(t.dep_ in _SIDE_CLAUSES for t in (token, *token.ancestors)):
        return False
    if token.lemma_.lower() in LEXICON["cue_with_of"] and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children
    ):
        return True
    if token.lemma_.lower() in LEXICON["cue_with_up"] and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in token.children
    ):
        return True
    if token.lemma_.lower() in LEXICON["cue_with_stance_object"] and (
        any(_asked_stance(c) for c in token.children)
        or (token.dep_ == "ROOT" and any(_asked_stance(t) for t in token.doc[:3]))
    ):
        return True
    return _cue_lemma(token) in CUE_VERBS


def _cue_lemma(token: Token) -> str:
    """The token's lemma, or the verb in "-e" its "-ed" form was cut from when only that is a
    cue: spaCy reads "hoped" as "hop", which made "Who hoped that ...?" no who-said question."""
    lemma = token.lemma_.lower()
    cut = lemma not in CUE_VERBS and token.lower_ == f"{lemma}ed"
    return f"{lemma}e" if cut and f"{lemma}e" in CUE_VERBS else lemma


def _asked_stance(token: Token) -> bool:
    """A stance noun as the object of the verb ("make the case") or as what the question asks
    for ("What warning did X give ...", which spaCy may attach anywhere)."""
    if token.lemma_.lower() not in LEXICON["stance_noun"]:
        return False
    opens = token.i == 1 and token.doc[0].lower_ in LEXICON["wh_word"]
    return opens or token.dep_ in ("dobj", "dative")


def _stance_asked_for(token: Token, cue: frozenset[int]) -> bool:
    """A stance noun that names what is asked for ("What warning did X give", "explain his
    position"), not what the speaker judged: "criticise the answer" asks about the answer."""
    if not _asked_stance(token) or not (token.head.i in cue or token.i == 1):
        return False
    if token.i == 1:
        return True
    # "explain his position", "give a warning": the speaker's own stance, or the stance a
    # giving cue makes; "How did X describe statements?" asks about the statements.
    verb = token.head.lemma_.lower()
    owned = any(c.dep_ == "poss" for c in token.children)
    made = verb in LEXICON["cue_with_stance_object"]
    return (owned or made) and verb not in LEXICON["judging_verb"]


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _by_depth(doc: Doc, keep: Callable[[Token], bool]) -> list[Token]:
    """Candidate cue words, the main verb first: "What did X say when Y warned ..." asks X."""

    def depth(token: Token) -> int:
        steps = 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
        return steps

    return sorted((t for t in doc if keep(t)), key=lambda t: (depth(t), t.i))


def _slot(
    rule: str,
    phrase_root: Token,
    cue: tuple[Token, ...],
    last_token: int | None = None,
    first_token: int | None = None,
) -> SpeakerSlot:
    """The phrase headed by `phrase_root` (without coordinated names or a relative clause),
    ending at `last_token` at the latest, starting at `first_token` at the latest (words a
    misparse hung elsewhere)."""
    # "the foreign minister, Tom Reed": the name in apposition to an office is who is
    # asked about; any other apposition ("Reed, the minister") only describes.
    named = [
        c
        for c in phrase_root.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and phrase_root.pos_ == "NOUN"
    ]
    first, last = _phrase_span(phrase_root, named)
    if last_token is not None:
        last = min(last, last_token)
    if first_token is not None:
        first = min(first, first_token)
    doc = phrase_root.doc
    tokens = list(doc[first : last + 1])
    words = tokens[:-1] if tokens[-1].dep_ == "case" else tokens  # "X's view": X
    phrase = "".join(t.text_with_ws for t in words).strip()
    asks_who = any(t.lower_ in LEXICON["wh_word"] for t in words) or _asked_by_opener(doc, first)
    has_article = any(t.dep_ == "det" and t.lower_ in ("the", "a", "an") for t in words)
    is_name = phrase_root.text[:1].isupper() and not has_article and not asks_who
    return SpeakerSlot(
        rule=rule,
        phrase=phrase,
        tokens=frozenset(t.i for t in tokens) | _described_by(phrase_root, named, last),
        cue=frozenset(t.i for t in cue),
        is_name=is_name,
        pronoun=phrase_root.pos_ == "PRON" and not asks_who,
        asks_who=asks_who,
    )


def _phrase_span(phrase_root: Token, named: list[Token]) -> tuple[int, int]:
    """First and last token of the one unbroken stretch around the head, without its
    coordinated names, clauses and describing appositions (a misparse may hang later words
    on a name), with a name in apposition to an office and the comma before it."""
    skip = {
        d.i
        for c in phrase_root.children
        if c.dep_ in ("conj", "cc", "relcl", "acl", "punct", "appos") or c.pos_ in ("AUX", "VERB")
        if c not in named
        and c.text not in _WORD_JOINERS | NAME_AMPERSANDS  # "Kilroy-Silk"
        and not _joined_by_ampersand(c)
        for d in c.subtree
    }
    inside = {
        t.i
        for t in phrase_root.subtree
        if t.i not in skip and (not t.is_punct or t.text in _WORD_JOINERS | NAME_AMPERSANDS)
    }
    for name in named:  # with the comma between office and name
        inside |= set(range(phrase_root.i, name.right_edge.i + 1))
    first = last = phrase_root.i
    while first - 1 in inside:
        first -= 1
    while last + 1 in inside:
        last += 1
    return first, last


def _described_by(phrase_root: Token, named: list[Token], last: int) -> set[int]:
    """The tokens of a describing apposition after the phrase ("Reed, the foreign minister,")
    with the punctuation around it: not the topic either."""
    described = {
        d.i
        for c in phrase_root.children
        if c.dep_ == "appos" and c not in named and c.i > last
        for d in c.subtree
    }
    if described:
        described |= {t.i for t in phrase_root.doc[last + 1 : max(described) + 2] if t.is_punct}
    return described


def _asked_by_opener(doc: Doc, first: int) -> bool:
    """ "Which Lowtown councillor suggested ...", where spaCy detaches "Which" from the
    subject: the question opens with who/which/whose and only modifiers (no auxiliary, as in
    "Who did X criticise?") stand between it and the phrase."""
    words = [t for t in doc[:first] if not (t.i == 0 and t.pos_ == "CCONJ")]
    return (
        bool(words)
        and words[0].lower_ in LEXICON["who_opener"]
        and not any(t.pos_ == "AUX" or t.is_punct for t in words[1:])
    )


def _subject_of_cue_verb(doc: Doc) -> SpeakerSlot | None:
    """ "Why did X say ...", "How did X react to ...", "Who warned that ...": the active
    subject of a speech, mental or reaction verb, or of the verb it completes ("What did X
    have to say", "X wants to say"). A nominal subject before a clausal one: spaCy may read a
    fronted wh-object as the clausal subject ("What issue did X want the board to look at?"),
    which made a question about X's words a who-said question."""
    for verb in _by_depth(doc, lambda t: _is_cue_verb(t) and not _passive(t)):
        holders = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
        for holder in holders:
            subjects = [c for c in holder.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                child = min(subjects, key=lambda c: c.dep_ != "nsubj")
                return _slot("subject_of_cue_verb", child, (verb,))
    return None


def _name_before_cue_noun(doc: Doc) -> SpeakerSlot | None:
    """ "Did X comment on ...": spaCy may read the cue as a noun (or a verb) compounded with the
    name before it; the name is still the speaker. So is a role ("Did the foreign minister
    comment on ...", "Did the President of X comment on ...") when the cue noun is the subject
    of the opening "did"/"does" and names its topic: no other reading of those words asks
    anything."""
    for cue in (t for t in doc if t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() in CUE_VERBS):
        if cue.dep_ == "pobj":
            # The object of a preposition is a topic ("What figure does the report give for
            # the Lib Dem plan?", "... in the report on Anelka apologises?"): not the stance
            # asked for, so the name before it is nobody's voice.
            continue
        names = [
            c
            for c in cue.children
            if c.dep_ in ("compound", "amod") and _name_like(c) and not _hyphen_joined(c)
        ]
        # The name right before the cue; one before a common noun modifies an office ("Did
        # the Liverpool boss comment on ...": the boss, not Liverpool).
        if names and names[-1].right_edge.i == cue.i - 1:
            return _slot("name_before_cue_noun", names[-1], (cue,))
        if _cue_noun_after_did(cue):
            role = [
                c
                for c in cue.lefts
                if c.dep_ in _ROLE_MODIFIERS and c.pos_ in ("NOUN", "PROPN", "ADJ")
            ]
            if role and role[-1].right_edge.i == cue.i - 1:
                first = min(t.i for c in cue.lefts for t in c.subtree)
                return _slot("name_before_cue_noun", role[-1], (cue,), first_token=first)
        if names:
            return _slot("name_before_cue_noun", names[-1], (cue,))
    return None


# How spaCy hangs the words of an office on a cue noun it took for their head: "the assistant US
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


def _agent_of_passive_cue(doc: Doc) -> SpeakerSlot | None:
    """ "What was described by X as ...": the agent of a passive cue verb."""
    for verb in _by_depth(doc, lambda t: _is_cue_verb(t) and _passive(t)):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                return _slot("agent_of_passive_cue", pobj, (verb, agent))
    return None


def _subject_of_passive_quote(doc: Doc) -> SpeakerSlot | None:
    """ "Who was quoted as saying ...", "Was X quoted on ...": being quoted is speaking (spaCy
    may read the second as a participle after the name: then the name is its head)."""
    for verb in _by_depth(doc, lambda t: t.lemma_.lower() == "quote"):
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            return _slot("subject_of_passive_quote", verb.head, (verb,))
        if not _passive(verb):
            continue
        for child in verb.children:
            if child.dep_ in ("nsubjpass", "nsubj"):
                return _slot("subject_of_passive_quote", child, (verb,))
    return None


def _possessor_of_stance(doc: Doc) -> SpeakerSlot | None:
    """ "What was X's view of ...", "X's reaction to ...", "X's take on ...": the possessor."""
    for noun in _by_depth(doc, lambda t: t.lemma_.lower() in LEXICON["stance_noun"]):
        for child in noun.children:
            if child.dep_ != "poss":
                continue
            office = _office_before_possessor(noun, child)
            if office is not None:
                return _slot("possessor_of_stance", office, (noun,), last_token=child.i + 1)
            return _slot("possessor_of_stance", child, (noun,))  # "his view" too
    return None


def _office_before_possessor(noun: Token, possessor: Token) -> Token | None:
    """ "the President of Westland's view": spaCy reads "the President of [Westland's view]";
    the possessor is the whole office, whose head noun is returned."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or possessor.pos_ != "PROPN":
        return None
    head = prep.head
    return head if head.pos_ in ("NOUN", "PROPN") and head.i < possessor.i else None


def _object_of_according_to(doc: Doc) -> SpeakerSlot | None:
    """ "According to X, ...": the object of "according to"."""
    found = _according_to(doc)
    return _slot("object_of_according_to", found[2], found[:2]) if found else None


def _person_according_to(doc: Doc) -> SpeakerSlot | None:
    """ "Had A and B spoken ..., according to the president?": a person or office after
    "according to" is the source of what is asked, whatever the verbs inside the question do
    ("according to their sex" is no source: that waits for the other rules)."""
    found = _according_to(doc)
    if not found:
        return None
    according, to, pobj = found
    if pobj.pos_ != "PROPN" and pobj.lemma_.lower() not in ROLE_WORDS:
        return None
    return _slot("person_according_to", pobj, (according, to))


def _according_to(doc: Doc) -> tuple[Token, Token, Token] | None:
    """The "according", "to" and object of the first "according to X"."""
    for according in (t for t in doc if t.lower_ == "according"):
        for to in (c for c in according.children if c.lower_ == "to"):
            for pobj in (c for c in to.children if c.dep_ == "pobj"):
                return according, to, pobj
    return None


def _stance_of_someone(doc: Doc) -> SpeakerSlot | None:
    """ "What was the reaction of X to ...", "the response from X": a stance noun's source."""
    for noun in _by_depth(doc, lambda t: t.lemma_.lower() in LEXICON["stance_noun"]):
        for prep in (c for c in noun.children if c.lower_ in ("of", "from")):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                # a person or an office ("a quote from the Forest chief executive")
                if pobj.pos_ == "PROPN" or pobj.lemma_.lower() in ROLE_WORDS:
                    # "a quote from the President of X on Y": spaCy may hang "on Y" on the
                    # person; it is what the quote is about, not part of the name.
                    # (or on a word of the office: "the editor of Stuff Essentials on Y";
                    # "for" stays in the office: "the spokesman for the Munich prosecutor")
                    about = [
                        c
                        for c in pobj.subtree
                        if c.dep_ == "prep"
                        and c.i > pobj.i
                        and c.lower_ in LEXICON["about_preposition"]
                    ][:1]
                    last = about[0].i - 1 if about else None
                    return _slot("stance_of_someone", pobj, (noun, prep, *about), last)
    return None


def _subject_of_saying_clause(doc: Doc) -> SpeakerSlot | None:
    """ "Which singer left the tour saying it ...": the subject of a verb whose participle
    clause is the speech (spaCy attaches "saying" as an adverbial clause)."""
    for verb in doc:
        if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.lemma_.lower() in CUE_VERBS:
            for child in verb.head.children:
                if child.dep_ == "nsubj":
                    return _slot("subject_of_saying_clause", child, (verb,))
    return None


def _between_did_and_cue(doc: Doc) -> SpeakerSlot | None:
    """ "How did the director of products at Telewest describe cable?", where spaCy reads the
    cue as a noun and the office as the sentence's root, or "How did Townsend describe ...",
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
        t.pos_ == "AUX" or (t.is_punct and t.text not in _WORD_JOINERS) for t in words
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
    for root in (t for t in doc if t.dep_ == "ROOT" and not _passive(t)):
        for child in root.children:
            if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN"):
                slot = _slot(SUBJECT_OF_MAIN_VERB, child, ())
                return None if slot.asks_who else slot  # "How many seats did ... win"
    return None


SUBJECT_OF_MAIN_VERB = "subject_of_main_verb"
# A follow-up whose own topic has this many content words asks about that, not the last topic
# ("Did he see room for talks?" still needs it).
OWN_TOPIC_WORDS = 4
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def _pronoun_acts(doc: Doc) -> bool:
    """ "Has he ever changed a policy ...", "Will she stand again?": a third-person pronoun is
    the active subject of the main verb, as a name is in `_subject_of_main_verb`; "Why was he
    sacked?" (a passive) is about him as a subject of news."""
    return any(
        child.dep_ == "nsubj" and child.lower_ in LEXICON["third_person"]
        for root in doc
        if root.dep_ == "ROOT" and not _passive(root)
        for child in root.children
    )


SPEAKER_RULES: tuple[_SpeakerRule, ...] = (
    _SpeakerRule("person_according_to", _person_according_to),
    _SpeakerRule("subject_of_cue_verb", _subject_of_cue_verb),
    _SpeakerRule("agent_of_passive_cue", _agent_of_passive_cue),
    _SpeakerRule("subject_of_passive_quote", _subject_of_passive_quote),
    _SpeakerRule("possessor_of_stance", _possessor_of_stance),
    _SpeakerRule("object_of_according_to", _object_of_according_to),
    _SpeakerRule("stance_of_someone", _stance_of_someone),
    _SpeakerRule("name_before_cue_noun", _name_before_cue_noun),
    _SpeakerRule("subject_of_saying_clause", _subject_of_saying_clause),
    _SpeakerRule("between_did_and_cue", _between_did_and_cue),
    _SpeakerRule(SUBJECT_OF_MAIN_VERB, _subject_of_main_verb),
)


# ----- scaffolding rules -----------------------------------------------------------------


def _listener(token: Token, cue: frozenset[int]) -> bool:
    """The person or body spoken to ("tell the committee about ..."): not the topic. What
    was said to them stays, when spaCy hangs it on the listener ("the council about the
    pier"); only its "about" goes."""
    inside_topic = False
    for ancestor in (token, *token.ancestors):
        head = ancestor.head
        if head.i in cue and ancestor.dep_ in ("dobj", "dative", "iobj"):
            listens = head.lemma_.lower() in LEXICON["listener_verb"]
            return listens and (not inside_topic or token.dep_ == "prep")
        if ancestor.dep_ == "prep" and ancestor.lower_ in LEXICON["topic_preposition"]:
            inside_topic = inside_topic or ancestor.i != token.i
    return False


def _cue_group(doc: Doc, cue: frozenset[int]) -> frozenset[int]:
    """The cue with the verbs that only extend it: light verbs ("have to say", "want to do
    about") and cue verbs under it ("quoted as saying"), so their prepositions and particles
    are scaffolding like the cue's own."""

    def extends(token: Token) -> bool:
        near = {token.head.i, token.head.head.i} | {c.i for c in token.children}
        if token.pos_ not in ("VERB", "AUX") or not near & cue or token.i in cue:
            return False
        lemma = token.lemma_.lower()
        return lemma in LEXICON["light_verb"] or (lemma in CUE_VERBS and token.head.i not in cue)

    return cue | {t.i for t in doc if extends(t)}


def _question_word(token: Token) -> bool:
    """The wh-word that makes the question ("Why did ...", "And how ...", "By how much ...",
    "According to X, how long ..."); one inside the topic stays ("... knew where the
    money went")."""
    if token.lower_ not in LEXICON["wh_word"]:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is None or before.is_punct or before.pos_ in ("CCONJ", "ADP")


def _joins_words(token: Token) -> bool:
    """A hyphen or slash written inside a word ("48-year-old"), which the topic keeps."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (
        token.text in _WORD_JOINERS
        and not token.whitespace_
        and before is not None
        and not before.whitespace_
    )


def _unit_of(token: Token) -> bool:
    """A percent sign written after a number ("7%", "a 5% rise"): part of the quantity."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text == "%" and before is not None and before.like_num and not before.whitespace_


SCAFFOLDING_RULES: tuple[_ScaffoldRule, ...] = (
    _ScaffoldRule(
        "punctuation", lambda t, cue: t.is_punct and not _joins_words(t) and not _unit_of(t)
    ),
    _ScaffoldRule("cue", lambda t, cue: t.i in cue),
    _ScaffoldRule("question_word", lambda t, cue: _question_word(t)),
    _ScaffoldRule("auxiliary", lambda t, cue: t.pos_ == "AUX" or t.dep_ in ("aux", "auxpass")),
    _ScaffoldRule("pronoun", lambda t, cue: t.pos_ == "PRON"),
    _ScaffoldRule("determiner", lambda t, cue: t.pos_ == "DET"),
    _ScaffoldRule("opening_conjunction", lambda t, cue: t.i == 0 and t.pos_ == "CCONJ"),
    _ScaffoldRule("scaffold_adverb", lambda t, cue: t.lower_ in LEXICON["scaffold_adverb"]),
    _ScaffoldRule(
        "cue_preposition",
        lambda t, cue: t.head.i in cue and t.lower_ in LEXICON["topic_preposition"],
    ),
    _ScaffoldRule("cue_particle", lambda t, cue: t.head.i in cue and t.dep_ in ("prt", "mark")),
    _ScaffoldRule(
        "complementiser", lambda t, cue: t.dep_ == "mark" and t.lower_ in LEXICON["complementiser"]
    ),
    _ScaffoldRule("more_of_the_same", lambda t, cue: t.lower_ == "more" and t.head.i in cue),
    _ScaffoldRule("something_about", lambda t, cue: _about_something(t, cue), who_said_only=True),
    _ScaffoldRule("topic_link", lambda t, cue: _topic_link(t), who_said_only=True),
    _ScaffoldRule("listener", _listener),
    _ScaffoldRule("stance_object", lambda t, cue: _stance_asked_for(t, cue)),
    _ScaffoldRule("negation", lambda t, cue: t.dep_ == "neg" and t.head.i in cue),
    _ScaffoldRule("request", lambda t, cue: _requests_the_cue(t, cue)),
    _ScaffoldRule("question_answered", lambda t, cue: _question_answered(t, cue)),
    _ScaffoldRule("medium", lambda t, cue: _medium(t, cue)),
    _ScaffoldRule(
        "request_preposition",
        lambda t, cue: t.lower_ in LEXICON["topic_preposition"] and _requests_the_cue(t.head, cue),
    ),
)


def _about_something(token: Token, cue: frozenset[int]) -> bool:
    """ "Who said something about Y?", "Did X say anything on Y?": the preposition after the
    pronoun object of the cue is the cue's own "about"."""
    head = token.head
    return (
        token.lower_ in LEXICON["topic_preposition"] and head.pos_ == "PRON" and head.head.i in cue
    )


def _topic_link(token: Token) -> bool:
    """ "in connection with Y", "in relation to Y", "with regard to Y": the words that link Y
    to the rest; Y stays."""
    if link_noun(token):
        return True
    if token.dep_ == "prep" and link_noun(token.head):
        return token.lower_ in LEXICON["link_preposition"]  # "with" of "connection with"
    objects = [c for c in token.children if c.dep_ == "pobj"]
    return token.dep_ == "prep" and any(link_noun(o) for o in objects)


def _question_answered(token: Token, cue: frozenset[int]) -> bool:
    """ "How did X answer the question about Y?", "respond to questions on Y": the question put
    to the speaker is the cue's object, not the topic; what it was about stays (its "about"
    goes as the cue's preposition would)."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "to":
        head = head.head  # "respond to a question"
    if token.lemma_.lower() in LEXICON["question_noun"] and head.i in cue:
        return True
    return (
        token.lower_ in LEXICON["topic_preposition"]
        and token.head.lemma_.lower() in LEXICON["question_noun"]
        and _question_answered(token.head, cue)
    )


def _medium(token: Token, cue: frozenset[int]) -> bool:
    """ "What did X say in his statement?", "... in an interview with the BBC?": the cue's "in"
    phrase naming where the words were said is no topic; what that speech was about stays
    ("in his speech about NATO": NATO; its "about" goes as the cue's own would)."""
    about = False  # the token is inside an "about" phrase of the medium
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ == "in" and ancestor.head.i in cue:
            objects = [c for c in ancestor.children if c.dep_ == "pobj"]
            medium = bool(objects) and objects[0].lemma_.lower() in LEXICON["medium_noun"]
            if token.head.i == ancestor.i:
                return medium  # the medium noun itself
            return medium and not about
        about = about or (
            ancestor.dep_ == "prep" and ancestor.lower_ in LEXICON["about_preposition"]
        )
    if token.dep_ == "prep" and token.lower_ == "in" and token.head.i in cue:
        objects = [c for c in token.children if c.dep_ == "pobj"]
        return bool(objects) and objects[0].lemma_.lower() in LEXICON["medium_noun"]
    return False


def _requests_the_cue(token: Token, cue: frozenset[int]) -> bool:
    """ "Give me a quote from X on Y", "Show me X's comments on Y": the verb asking for the
    cue noun is the request, not the topic."""
    return token.lemma_.lower() in LEXICON["request_verb"] and any(
        child.i in cue and child.dep_ == "dobj" for child in token.children
    )


def _scaffolding(token: Token, cue: frozenset[int], who_said: bool) -> str | None:
    rules = (r for r in SCAFFOLDING_RULES if who_said or not r.who_said_only)
    return next((rule.name for rule in rules if rule.drops(token, cue)), None)


def _text(doc: Doc, keep: Callable[[Token], bool]) -> str:
    """The kept words, one space apart; words written together stay together ("US's",
    "48-year-old", "book-scanning")."""
    words: list[str] = []
    previous: Token | None = None
    for token in (t for t in doc if keep(t)):
        joined = previous is not None and previous.i == token.i - 1 and not previous.whitespace_
        if words and (joined or token.dep_ == "case"):
            words[-1] += token.text
        else:
            words.append(token.text)
        previous = token
    return " ".join(words)


def _what_about(doc: Doc) -> str | None:
    """ "What about the budget?", "And how about Y?": the Y of a follow-up that changes topic;
    "And the health minister?", a follow-up of an opening "and" and a phrase with no verb,
    asks the same."""
    words = [t for t in doc if not t.is_punct and not (t.i == 0 and t.pos_ == "CCONJ")]
    if len(words) > 2 and words[0].lower_ in LEXICON["what_about"] and words[1].lower_ == "about":
        return "".join(t.text_with_ws for t in words[2:]).strip()
    opens = len(doc) > 1 and doc[0].lower_ in LEXICON["continuation_opener"]
    if opens and words and not any(t.pos_ in ("VERB", "AUX") or _question_word(t) for t in words):
        return "".join(t.text_with_ws for t in words).strip()
    return None


def _names_a_text(doc: Doc, slot: SpeakerSlot) -> bool:
    """A phrase headed by a document noun with a determiner or a complement ("the report on
    Y", "the article") is what the question asks about, not who: its words stay in the topic.
    A bare plural may still be asked as a source ("What did Studies say ...")."""
    heads = [
        doc[i] for i in slot.tokens if doc[i].head.i not in slot.tokens or doc[i].head == doc[i]
    ]
    return any(
        t.lemma_.lower() in LEXICON["document_noun"]
        and any(c.dep_ in ("det", "prep") for c in t.children)
        for t in heads
    )


@lru_cache(maxsize=1024)
def parse_question(question: str) -> ParsedQuestion:
    """The speaker slot and topic of one question (a few milliseconds on a short one; cached,
    since a conversation re-reads its earlier questions)."""
    doc = _nlp()(question)
    slot = next(
        (
            found
            for rule in SPEAKER_RULES
            if (found := rule.find(doc)) and not _names_a_text(doc, found)
        ),
        None,
    )
    cue = _cue_group(doc, slot.cue) if slot else frozenset()
    if slot is None:
        # "What was said about X?": a cue verb is still no topic word.
        cue = _cue_group(doc, frozenset(t.i for t in doc if _is_cue_verb(t) and t.dep_ == "ROOT"))
    elif slot.asks_who:
        # "Which councillor complained that ...": the verb says what kind of statement it was
        # and may be in the article's report of it; only a plain "said"/"told" is scaffolding.
        plain = frozenset(i for i in slot.cue if doc[i].lemma_.lower() in LEXICON["plain_speech"])
        cue = _cue_group(doc, plain) if plain else plain
    speaker = slot.tokens if slot and not slot.asks_who else frozenset()
    # The fact frame and a text named as source ("What figure does the report on X give for
    # Y?"): `app.question_facts`.
    who_said = bool(slot and slot.asks_who)
    scaffold = {t.i for t in doc if _scaffolding(t, cue, who_said)}
    scaffold |= frame_words(doc) if who_said else frozenset()
    # A who-said question keeps every name: they are what was said, not who said it; a
    # speaker that would fit anyone ("Which person ...") is no topic.
    if slot and slot.asks_who:
        scaffold -= {t.i for t in doc if t.pos_ == "PROPN"}
        scaffold |= {i for i in slot.tokens if doc[i].lower_ in LEXICON["anyone_noun"]}
    story = _story_words(doc, scaffold | speaker) if slot and slot.asks_who else frozenset()
    lowered = [t.lower_ for t in doc]
    return ParsedQuestion(
        slot=slot,
        topic=_text(doc, lambda t: t.i not in scaffold and t.i not in speaker and t.i not in story),
        topic_with_speaker=_text(doc, lambda t: t.i not in scaffold),
        what_about=_what_about(doc),
        continues=(bool(lowered) and lowered[0] in LEXICON["continuation_opener"])
        or bool(LEXICON["continuation_adverb"] & set(lowered)),
        points_back=any(
            t.lower_ in LEXICON["anaphor"] and t.pos_ in ("PRON", "ADV", "DET") and t.dep_ != "mark"
            for t in doc
        ),
        third_person=any(w in LEXICON["third_person"] for w in lowered),
        names_topic=any(w in ("about", "on", "regarding", "concerning") for w in lowered)
        or sum(t.pos_ in _CONTENT_POS for t in doc if t.i not in scaffold and t.i not in speaker)
        >= OWN_TOPIC_WORDS,
        pronoun_subject=any(
            t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in LEXICON["third_person"] for t in doc
        ),
        relational_cue=any(doc[i].lemma_.lower() in RELATIONAL_CUES for i in cue),
        pronoun_acts=_pronoun_acts(doc),
        story_hint=_text(doc, lambda t: t.i in story and t.i not in scaffold),
        clause=slot is not None
        and slot.asks_who
        and any(c.dep_ == "ccomp" for i in slot.cue for c in doc[i].children),
    )


def _story_words(doc: Doc, scaffold: set[int] | frozenset[int]) -> frozenset[int]:
    """The topic words of the story a who-said question names (`story_hint`), when the topic
    keeps a word without them: else the story is all the question says it is about."""
    hint = story_hint(doc)
    if hint is None:
        return frozenset()
    topic = [t for t in doc if t.i not in scaffold and not t.is_punct]
    kept = [t for t in topic if t.i not in hint.positions]
    return hint.positions if kept and len(kept) < len(topic) else frozenset()
