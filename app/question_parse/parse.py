"""`parse_question`: one question read into a `ParsedQuestion`, its speaker slot, topic and
follow-up signals.

It runs the speaker rules, then the scaffolding rules, and keeps what neither takes as the
topic; the fact frame and a named story of a who-said question come from `app.question_facts`
and `app.question_story`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.lexicon_questions import LEXICON, RELATIONAL_CUES
from app.question_facts import frame_words, measured_words
from app.question_parse.cues import cue_group, is_cue_verb, passive
from app.question_parse.pipeline import Doc, Token, nlp
from app.question_parse.scaffolding import question_word, scaffolding, stray_punctuation
from app.question_parse.slot import SpeakerSlot
from app.question_parse.speaker_rules import SPEAKER_RULES
from app.question_story import story_hint


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
    # ... and it is the active subject of the main verb ("Has he ever changed a law ..."):
    # the pronoun counterpart of `SUBJECT_OF_MAIN_VERB`, asked about in their own words too.
    pronoun_acts: bool = False
    # "... about/on Y", or a topic of `OWN_TOPIC_WORDS` content words ("Has he ever changed a
    # law because of pressure from the unions?"): the question states its own topic
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
    # The question without its scaffolding and fact frame, the kind of number asked included
    # (`app.question_facts.measured_words`): what a passage answering a fact question holds.
    measured: str = ""


# A follow-up whose own topic has this many content words asks about that, not the last topic
# ("Did he see room for talks?" still needs it).
OWN_TOPIC_WORDS = 4
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def _pronoun_acts(doc: Doc) -> bool:
    """ "Has he ever changed a law ...", "Will she stand again?": a third-person pronoun is
    the active subject of the main verb, as a name is in `speaker_rules.SUBJECT_OF_MAIN_VERB`;
    "Why was he sacked?" (a passive) is about him as a subject of news."""
    return any(
        child.dep_ == "nsubj" and child.lower_ in LEXICON["third_person"]
        for root in doc
        if root.dep_ == "ROOT" and not passive(root)
        for child in root.children
    )


def _text(doc: Doc, keep: Callable[[Token], bool]) -> str:
    """The kept words, one space apart; words written together stay together ("US's",
    "52-year-old", "ticket-selling")."""
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
    asks the same. A word written with a hyphen stays one ("the so-called plan", "the
    80-odd piers"): run together, it would be a word no article holds."""
    words = [t for t in doc if not stray_punctuation(t) and not (t.i == 0 and t.pos_ == "CCONJ")]
    if len(words) > 2 and words[0].lower_ in LEXICON["what_about"] and words[1].lower_ == "about":
        return _text(doc, lambda t: t.i >= words[2].i and not stray_punctuation(t))
    opens = len(doc) > 1 and doc[0].lower_ in LEXICON["continuation_opener"]
    if opens and words and not any(t.pos_ in ("VERB", "AUX") or question_word(t) for t in words):
        return _text(doc, lambda t: t.i >= words[0].i and not stray_punctuation(t))
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
    doc = nlp()(question)
    slot = next(
        (
            found
            for rule in SPEAKER_RULES
            if (found := rule.find(doc)) and not _names_a_text(doc, found)
        ),
        None,
    )
    cue = cue_group(doc, slot.cue) if slot else frozenset()
    if slot is None:
        # "What was said about X?": a cue verb is still no topic word.
        cue = cue_group(doc, frozenset(t.i for t in doc if is_cue_verb(t) and t.dep_ == "ROOT"))
    elif slot.asks_who:
        # "Which councillor complained that ...": the verb says what kind of statement it was
        # and may be in the article's report of it; only a plain "said"/"told" is scaffolding.
        plain = frozenset(i for i in slot.cue if doc[i].lemma_.lower() in LEXICON["plain_speech"])
        cue = cue_group(doc, plain) if plain else plain
    speaker = slot.tokens if slot and not slot.asks_who else frozenset()
    # The fact frame and a text named as source ("What figure does the report on X give for
    # Y?"): `app.question_facts`.
    who_said = bool(slot and slot.asks_who)
    scaffold = {t.i for t in doc if scaffolding(t, cue, who_said)}
    scaffold |= frame_words(doc) if who_said else frozenset()
    # A who-said question keeps every name: they are what was said, not who said it; a
    # speaker that would fit anyone ("Which person ...") is no topic.
    if slot and slot.asks_who:
        scaffold -= {t.i for t in doc if t.pos_ == "PROPN"}
        scaffold |= {i for i in slot.tokens if doc[i].lower_ in LEXICON["anyone_noun"]}
    story = _story_words(doc, scaffold | speaker) if slot and slot.asks_who else frozenset()
    lowered, frame = [t.lower_ for t in doc], measured_words(doc)
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
        names_topic=_names_topic(doc, scaffold | speaker),
        pronoun_subject=any(
            t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in LEXICON["third_person"] for t in doc
        ),
        relational_cue=any(doc[i].lemma_.lower() in RELATIONAL_CUES for i in cue),
        pronoun_acts=_pronoun_acts(doc),
        story_hint=_text(doc, lambda t: t.i in story and t.i not in scaffold),
        clause=slot is not None
        and slot.asks_who
        and any(c.dep_ == "ccomp" for i in slot.cue for c in doc[i].children),
        measured=_text(doc, lambda t: t.i not in scaffold and t.i not in frame),
    )


def _names_topic(doc: Doc, taken: set[int] | frozenset[int]) -> bool:
    """ "... about/on Y", or `OWN_TOPIC_WORDS` content words left when the scaffolding and
    the speaker (`taken`) are out: the question states its own topic."""
    if any(t.lower_ in ("about", "on", "regarding", "concerning") for t in doc):
        return True
    return sum(t.pos_ in _CONTENT_POS for t in doc if t.i not in taken) >= OWN_TOPIC_WORDS


def _story_words(doc: Doc, scaffold: set[int] | frozenset[int]) -> frozenset[int]:
    """The topic words of the story a who-said question names (`story_hint`), when the topic
    keeps a word without them: else the story is all the question says it is about."""
    hint = story_hint(doc)
    if hint is None:
        return frozenset()
    topic = [t for t in doc if t.i not in scaffold and not t.is_punct]
    kept = [t for t in topic if t.i not in hint.positions]
    return hint.positions if kept and len(kept) < len(topic) else frozenset()
