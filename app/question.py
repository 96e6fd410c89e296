"""Question understanding: who is asked about, what about, and what the previous turn left open.

The question is parsed (`app.question_parse`): the speaker is the word in speaker position (the
subject of "say", the possessor of "view", the object of "according to"), resolved against the
speaker index as a name (`SpeakerIndex.resolve`) or a role (`SpeakerIndex.role_holders`); the
topic is what is left once the speaker and the question's scaffolding are removed. Other names
in the question stay in the topic: they are what the speaker talked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from app.lexicon_questions import LEXICON
from app.quantities import quantity_asked
from app.question_parse.parse import ParsedQuestion, parse_question
from app.question_parse.slot import SpeakerSlot
from app.question_parse.speaker_rules import SUBJECT_OF_MAIN_VERB
from app.speaker_index import SpeakerIndex
from ingest.quoting.lexicon import ORG_HEADS, ROLE_WORDS
from ingest.quoting.nameshapes import without_possessive
from ingest.speakers.keys import strip_titles
from ingest.speakers.lexicon import OFFICE_HEADS
from ingest.speakers.mentions import name_mentions
from ingest.speakers.offices import role_head

_NOT_NAME_WORDS = ROLE_WORDS | ORG_HEADS  # an office or a body: no word of a person's name

Kind = Literal["speaker_topic", "who_said", "general"]

_WHO_IS_NAMED = re.compile(
    r"^\s*(?:and\s+)?who\s+(?:is|was)\s+(?!he\b|she\b|they\b|this\b|that\b)\S", re.I
)
_WHO_IS = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|was|are)\s+(he|she|they|this|that)\b", re.I)
LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)  # "the plan" is asked as "plan"
# "<owner>'s <thing>": the thing owned, which ends the phrase (`_owned_thing`).
_POSSESSIVE = re.compile(r"\w['’]s\s+(?P<thing>\w.*?)[\s?.!]*$")


@dataclass(frozen=True)
class Intent:
    kind: Kind
    topic: str  # the words that rank passages
    speakers: list[str] = field(default_factory=list)  # canonical names from the index
    unknown_person: str | None = None  # a name asked about that nobody in the store carries
    wants_more: bool = False  # "what else did he say": skip what was already cited
    who_is: bool = False  # "who is he?"
    asks_words: bool = True  # the question asks what someone said (not just about them)
    quantity: str | None = None  # the kind of number asked for ("year", "money": `app.quantities`)
    role: str | None = None  # the role phrase asked ("Westland aide"), when it gave the speaker
    # Others the speaker's words may mean, most quoted first: other holders of the role, or
    # others with the asked surname; the answer may prefer one whose articles fit the topic.
    alternatives: list[str] = field(default_factory=list)
    # An office asked about ("the defence minister") that no speaker in the store holds: the
    # answer must say so before citing anyone else.
    unheld_role: str | None = None
    # How a who-said question describes the speaker it asks for ("Which Harbour United
    # striker ...": "Harbour United striker"); None when it describes anyone ("Who ...",
    # "Which person ..."). Also an office asked for that no quotation records as a role ("Did
    # the Manchester City boss comment on ..."), with the topic of that person's words.
    described_as: str | None = None
    described_topic: str = ""
    # The story a who-said question names ("... in the story about Y", `app.question_story`):
    # a hint to the article, searched with `topic`; the quotations ranked close are reordered
    # by `topic` alone (`app.reorder.topic_first`).
    story_hint: str = ""
    # The who-said statement is a clause of the cue ("Who said that A and B would rise?"):
    # a re-wording of what was said, whose phrases may be in the passage in other words.
    clause: bool = False
    # The question less its scaffolding and fact frame (`ParsedQuestion.measured`): what a
    # passage answering a question for a number holds (`app.answer.declines.figure_held`).
    measured: str = ""
    # `AskedPerson.asked_person` has read this intent: its guesses, each checked by its own
    # evidence searches, are not made again when `evidence` is called on the answer's intent.
    person_found: bool = False


@dataclass(frozen=True)
class Turn:
    """What a follow-up can carry over from an earlier answer."""

    speaker: str | None
    topic: str | None
    cited_spans: frozenset[tuple[str, int]] = frozenset()  # (article id, start) of each citation

    @property
    def cited_articles(self) -> frozenset[str]:
        """The articles the earlier answer cited: the story a follow-up is asked about."""
        return frozenset(article for article, _ in self.cited_spans)


@dataclass(frozen=True)
class _Resolved:
    """Who a speaker slot names, or the name nobody in the store carries."""

    speakers: list[str] = field(default_factory=list)
    role: str | None = None
    alternatives: list[str] = field(default_factory=list)
    unknown: str | None = None
    unheld_role: str | None = None
    described: str | None = None  # an office no recorded role matches ("the Forest chairman")


def understand(question: str, index: SpeakerIndex, previous: Turn | None = None) -> Intent:
    """Classify the question and resolve its speaker and topic, using the previous turn
    (`_understood`), with what a passage answering it for a number holds (`Intent.measured`)."""
    intent = _understood(question, index, previous)
    return replace(intent, measured=parse_question(question).measured)


def _understood(question: str, index: SpeakerIndex, previous: Turn | None) -> Intent:
    """The question's kind, speaker and topic, using the previous turn."""
    parsed = parse_question(question)
    words = set(re.findall(r"[\w'’]+", question.lower()))
    quantity = quantity_asked(question)
    who_is = bool(_WHO_IS_NAMED.match(question)) or (
        previous is not None and bool(_WHO_IS.search(question))
    )
    wants_more = previous is not None and bool(LEXICON["more"] & words)
    if parsed.slot is not None and parsed.slot.asks_who:
        # "Who said Pryce never forgot ...": names in it are what was said about.
        topic = _carry_topic(parsed.topic, parsed, previous, _Resolved(), carried=False)
        described = _description(parsed.slot.phrase)
        return Intent(
            "who_said",
            topic or question,
            quantity=quantity,
            described_as=described,
            story_hint=parsed.story_hint,
            clause=parsed.clause,
        )
    if quantity and parsed.slot is not None and parsed.slot.rule == SUBJECT_OF_MAIN_VERB:
        # "How many goals did X score?": the number is in the report, not in X's words.
        parsed = replace(parsed, slot=None)
    asked = _asked_person(question, parsed, index, previous, who_is, quantity)
    found, topic = asked.found, asked.topic
    if not who_is and parsed.what_about is None and not (wants_more and not topic):
        topic = _carry_topic(topic, parsed, previous, found, asked.carried)
    if found.speakers and (asked.asks_words or who_is):
        return Intent(
            "speaker_topic",
            topic,
            found.speakers,
            None,
            wants_more,
            who_is,
            True,
            quantity,
            found.role,
            found.alternatives,
        )
    if found.speakers:
        # About a person but not their words ("Until when does X's contract run?"): the
        # narrative answers it; sentences inside that person's quotes are still labelled.
        # A person carried over from the last turn ("Is he leaving the band?") is named in the
        # words that rank passages, since the question itself only says "he".
        about = f"{found.speakers[0]} {question}" if asked.carried else question
        return Intent("general", about, found.speakers, None, asks_words=False, quantity=quantity)
    return Intent(
        "general",
        topic or question,
        [],
        found.unknown,
        quantity=quantity,
        alternatives=found.alternatives,
        unheld_role=found.unheld_role,
        described_as=found.described,
        described_topic=parsed.topic if found.described else "",
    )


def _description(phrase: str) -> str | None:
    """The words a who-said question describes its speaker with ("Which Green backbencher" ->
    "Green backbencher"), None when they would fit anyone ("Who", "Which person")."""
    words = [w for w in phrase.split() if w.lower() not in LEXICON["who_opener"]]
    if not words or words[-1].lower() in LEXICON["anyone_noun"]:
        return None
    return " ".join(words)


@dataclass(frozen=True)
class _Asked:
    """Whose words (or whom) a question asks about, and its own topic."""

    found: _Resolved
    topic: str
    asks_words: bool = False
    carried: bool = False  # the person comes from the previous turn


def _asked_person(
    question: str,
    parsed: ParsedQuestion,
    index: SpeakerIndex,
    previous: Turn | None,
    who_is: bool,
    quantity: str | None,
) -> _Asked:
    """The person in speaker position, else one the question names, else the last one."""
    slot = parsed.slot
    last_person = previous.speaker if previous is not None else None
    if previous is not None and parsed.what_about is not None:
        return _what_about(parsed.what_about, index, previous)
    asked = _Asked(_Resolved(), parsed.topic_with_speaker)
    if who_is:
        asked = _Asked(_Resolved(index.find(question)), "")
    elif slot is not None and slot.pronoun:
        # "What did he say?": the last person, or one this question names by a capitalised
        # name before the pronoun ("Did Pryce mean it when he said ..."); a name after it is
        # what he spoke about ("What did he say about Federer?"); lowercase words are no names.
        before = _before_pronoun(question, slot.phrase)
        named = index.find(before) if before[1:] != before[1:].lower() else []
        asked = _Asked(_Resolved(named), parsed.topic, asks_words=True, carried=not named)
    elif slot is not None:
        found = _resolve_slot(slot, index)
        topic = parsed.topic if found.speakers else parsed.topic_with_speaker
        asked = _Asked(found, topic, asks_words=bool(found.speakers) and _asks_words(slot))
    elif parsed.pronoun_acts and last_person and not quantity:
        # "Has he ever changed a policy because of the press?" asks for his words as the
        # named "Has X ever changed ..." does (`SUBJECT_OF_MAIN_VERB`); "How many goals did he
        # score?" is in the report.
        asked = _Asked(_Resolved(), parsed.topic, asks_words=True, carried=True)
    elif not (parsed.pronoun_subject and last_person):
        # No speaker position ("Why was X sacked?"): a named person is what the question is
        # about, not whose words it asks for. With "he" as its subject ("Did he resign
        # because of the press?") the person is the last one, and lowercase words are not
        # names ("press" of some University Press).
        asked = _Asked(_Resolved(index.find(question)), parsed.topic_with_speaker)
    if (
        last_person
        and not asked.found.speakers
        and asked.found.unknown is None
        and (parsed.third_person or who_is or asked.carried)
    ):
        return replace(asked, found=_Resolved([last_person]), carried=True)
    return replace(asked, carried=False)


def _before_pronoun(question: str, pronoun: str) -> str:
    """The words of the question before its first use of the pronoun that is its speaker."""
    found = re.search(rf"\b{re.escape(pronoun)}\b", question, re.IGNORECASE)
    return question[: found.start()] if found else question


def _resolve_slot(slot: SpeakerSlot, index: SpeakerIndex) -> _Resolved:
    """A name resolves by name first, then as a role ("Chancellor"); a role phrase by role
    first, then by a name it ends in ("the Westland", or "pryce" typed in lowercase), never by
    a name inside it ("the Westland spokesman" is not the Westland). A capitalised name that
    neither finds is an unknown person; an office nobody holds is recorded as such, to be
    said in the answer; any other unknown role is only topic."""
    if slot.pronoun:
        return _Resolved()
    phrase = LEADING_ARTICLE.sub("", slot.phrase)
    by_name = _by_name(phrase, index)
    if by_name.speakers and (slot.is_name or _ends_in_full_name(phrase)):
        return by_name  # "the Russian foreign minister Tom Reed" is Reed
    # "judges" (a plural common noun) are several people acting, not one office holder.
    holders = [] if _plural_common(phrase) else [h.name for h in index.role_holders(slot.phrase)]
    if holders:
        return _Resolved(holders[:1], phrase, holders[1:])
    if slot.is_name:
        name = strip_titles(phrase) or phrase
        return _Resolved(unknown=name, alternatives=index.bare_surname_speakers(name))
    # An office no quotation records: the articles may still introduce its holder in those
    # words ("Manchester City boss Kevin Keegan"), which the answer looks for.
    described = None if _plural_common(phrase) else slot.phrase
    if role_head(phrase) in OFFICE_HEADS and not _named_exactly(phrase, by_name):
        # An office nobody holds: a "speaker" named by its last word ("Minister" for "the
        # defence minister") is someone else, or extraction debris.
        return _Resolved(unheld_role=slot.phrase, described=described)
    if by_name.speakers and not _office_of_body(phrase):
        return by_name  # "the Westland": the body speaks
    return _Resolved(described=described)


def _office_of_body(phrase: str) -> bool:
    """ "the editor of gadget magazine Stuff", "the director of products at Telewest": an
    office of the body the phrase ends in, whose holder is asked for, not the body."""
    words = phrase.lower().split()
    joined = any(w in LEXICON["office_joiner"] for w in words[1:-1])
    return joined and role_head(phrase) in ROLE_WORDS


def _ends_in_full_name(phrase: str) -> bool:
    """The phrase ends in a given name and a surname, both capitalised ("... Tom Reed")."""
    mentions = [m for m in name_mentions(phrase) if m.start + len(m.text) == len(phrase)]
    words = mentions[-1].text.split() if mentions else []
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _named_exactly(phrase: str, found: _Resolved) -> bool:
    """The speaker found carries the whole phrase as its name ("the Chancellor")."""
    return any(s.lower() == phrase.lower() for s in found.speakers)


def _asks_words(slot: SpeakerSlot) -> bool:
    """Does the person in speaker position speak in this question? A name as the subject of
    any verb does ("Has X ever changed a policy?" is answered by X's words on it); a plural
    common noun only with a speech verb: "Why did judges throw out the lawsuit?" asks what
    happened, and a one-word speaker stored as "Judges" (one article's reviewers) is another
    group of judges."""
    return slot.rule != SUBJECT_OF_MAIN_VERB or not _plural_common(
        LEADING_ARTICLE.sub("", slot.phrase)
    )


def _plural_common(phrase: str) -> bool:
    """A lowercase plural head noun ("judges", "the officials"); "boss" is singular."""
    words = phrase.split()
    head = words[-1] if words else ""
    return head.islower() and head.endswith("s") and not head.endswith(("ss", "us", "is"))


def _by_name(phrase: str, index: SpeakerIndex) -> _Resolved:
    """The speakers named by the name that ends the phrase ("Chancellor Ida Brandt")."""
    mentions = [m for m in name_mentions(phrase) if m.start + len(m.text) == len(phrase)]
    names = index.resolve(mentions[-1].text) if mentions else []
    return _Resolved(names[:1], None, names[1:])


def _what_about(subject: str, index: SpeakerIndex, previous: Turn) -> _Asked:
    """ "What about Y?": Y is a new person on the same topic, or a new topic for the same
    person (or, with no person, simply the new topic)."""
    if previous.speaker and _owned_thing(subject):
        # "What about Tom Reed's harbour plan?": the same person on a new topic.
        return _Asked(
            _Resolved([previous.speaker]), LEADING_ARTICLE.sub("", subject), asks_words=True
        )
    named = _without_modifiers(subject)
    names = index.find(named) if any(w[:1].isupper() for w in named.split()) else []
    if not _POSSESSIVE.search(subject):
        # "What about President Executive Order?": a name or office that does not end the
        # phrase modifies the thing asked about, a new topic for the same person. An owner's
        # thing ("Vell's view", "Westland's mayor") is `_owned_thing`'s.
        names = _ending_phrase(names, named, index)
    if subject.islower() and role_head(subject) in OFFICE_HEADS:
        # "What about the health minister?" (an office typed in lowercase, which `find` does
        # not read): the office's holder on the same topic.
        names = [holder.name for holder in index.role_holders(subject)]
    if names and _office_only(names[0]):
        # "What about President?": a stored speaker that is only an office ("President",
        # "RMA Head") gathers the words of whoever an article left unnamed, often several
        # holders; the office's holders named in full are asked for instead, and the answer
        # picks the one the topic means (`app.answer.asked.AskedPerson._holders_for_topic`).
        holders = [h.name for h in index.role_holders(named) if person_name(h.name)]
        if holders:
            found = _Resolved(holders[:1], named, holders[1:])
            return _Asked(found, previous.topic or "", asks_words=True)
    if names:
        return _Asked(_Resolved(names[:1]), previous.topic or "", asks_words=True)
    topic = LEADING_ARTICLE.sub("", subject)
    if previous.speaker:
        return _Asked(_Resolved([previous.speaker]), topic, asks_words=True)
    return _Asked(_Resolved(), topic)


def _ending_phrase(names: list[str], phrase: str, index: SpeakerIndex) -> list[str]:
    """The found speakers whose words end the phrase, when any is named in it by a word of
    how they are known (name, other spellings, role): "the harbour secretary" or "Secretary
    Vell" ask for Ida Vell, harbour secretary, and "Harbour Secretary Order" for none, a thing
    named after the speaker's words. With none named in it (a misspelled name
    `SpeakerIndex.find` still matched), the speakers as found."""
    words = [without_possessive(w) for w in _WORD.findall(phrase.lower())]
    known = {name: _known_words(name, index) for name in names}
    if not words or not any(known[name].intersection(words) for name in names):
        return names
    return [name for name in names if words[-1] in known[name]]


def _known_words(name: str, index: SpeakerIndex) -> set[str]:
    """The words a speaker is known by: name, other spellings, role."""
    info = index.info(name)
    known_as = [info.role or "", *info.aliases] if info else []
    forms = [name, *index.members(name), *known_as]
    return {without_possessive(w) for form in forms for w in _WORD.findall(form.lower())}


_WORD = re.compile(r"[\w'’.-]+")


def _owned_thing(subject: str) -> bool:
    """ "Tom Reed's harbour plan", "Westland's new budget": a thing someone owns is a topic,
    so a follow-up "What about <it>?" keeps the person last asked about; the owner's words
    are meant only when the thing is their words ("Tom Reed's view", a stance noun; "Tom
    Reed's testimony", a medium) or the thing is an office ("Westland's mayor", a person).
    The owner read as the new speaker cited their words on PolNeAR fit where the question
    asked the last person on the owner's policy (docs/notes/ans27.md)."""
    owned = _POSSESSIVE.search(subject)
    if owned is None:
        return False
    head = owned.group("thing").split()[-1].lower()
    return not (
        head in LEXICON["stance_noun"]
        or head in LEXICON["medium_noun"]
        or role_head(owned.group("thing")) in OFFICE_HEADS
    )


def _office_only(name: str) -> bool:
    """A stored speaker that names an office and nobody ("President", "RMA Head"): office
    words and acronyms only, headed by an office ("Adam Head" is a person)."""
    words = name.split()
    return role_head(name) in OFFICE_HEADS and all(
        w.isupper() or w.lower() in ROLE_WORDS for w in words
    )


def person_name(name: str) -> bool:
    """Two or more capitalised words, none of them an office or a body ("Ida Vale", not
    "Ukrainian President" or "Harbour Council")."""
    words = name.split()
    return len(words) >= 2 and all(
        w[:1].isupper() and w.lower() not in _NOT_NAME_WORDS for w in words
    )


def _without_modifiers(phrase: str) -> str:
    """ "the Russian fleet" -> "the fleet": capitalised words before a lowercase one modify it
    (a nationality, a place: "the High Street shops") and name nobody, though they may be
    spelled like a speaker ("Russians", a misread "Let Russia"); an owner still names someone
    ("Vell's view")."""
    kept: list[str] = []
    run: list[str] = []  # the capitalised words since the last lowercase one
    for word in phrase.split():
        if word[:1].isupper():
            run.append(word)
            continue
        if run and without_possessive(run[-1]) != run[-1]:
            kept += run
        kept.append(word)
        run = []
    return " ".join(kept + run)


def _carry_topic(
    topic: str, parsed: ParsedQuestion, previous: Turn | None, found: _Resolved, carried: bool
) -> str:
    """A follow-up inherits the last topic when it points back ("about it"), says "he" of the
    last person or of no one it names ("Did he see room for talks?" is still about the last
    question's subject) unless it names its own ("... about Y?"), continues ("And what did
    the opposition leader say?"), names nothing new ("And what else?") or asks for a reaction
    with no object ("What was X's view?": of what was just discussed); "What did X say?"
    asks about X, not the old topic."""
    if previous is None or not previous.topic:
        return topic
    named_new = bool(found.speakers) and not carried
    carries = (
        parsed.points_back
        or (parsed.third_person and (carried or not found.speakers) and not parsed.names_topic)
        or (not topic and (parsed.continues or not named_new or parsed.relational_cue))
    )
    return f"{topic} {previous.topic}".strip() if carries else topic
