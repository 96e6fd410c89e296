"""The one lexicon of the quotation rules: every word list a rule or a regex uses lives here.

Lexicons are whitespace-separated strings so they stay readable and easy to extend; a set
look-up per word is far cheaper than one large alternation regex. A regex that needs a word
list builds its alternation with `alternation(LIST)`, so a list is never written inside a
pattern and a word added here reaches every rule that uses the list.

Reporting verbs are written as lemmas, grouped by which of their forms report speech: a suffix
rule (`inflect`) makes the forms, so `warn` gives `warns warned warning`. The groups exist because
a form that is mostly a noun (`demands`, `questions`, `blame`) would read nouns as verbs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def split_words(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of the words, longest first (a word never loses to
    its own prefix); a space inside an entry matches any run of spaces."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


# --- reporting verbs, by lemma -----------------------------------------------------------------

# Final consonants doubled before -ed/-ing (`admitted`, `quipping`), and irregular past forms.
_DOUBLED = frozenset(split_words("admit quip brag dub slam blog refer"))
_IRREGULAR_PAST = {
    "say": "said",
    "tell": "told",
    "write": "wrote",
    "swear": "swore",
    "read": "read",
}

# Form classes: b = base, s = third person, p = past, i = -ing.
BASE, THIRD, PAST, ING = "b", "s", "p", "i"


def inflect(lemma: str, forms: str) -> set[str]:
    """The forms of `lemma` named by `forms` (a string of the letters b, s, p, i)."""
    out: set[str] = set()
    if BASE in forms:
        out.add(lemma)
    if THIRD in forms:
        out.add(_third_person(lemma))
    if PAST in forms:
        out.add(_past(lemma))
    if ING in forms:
        out.add(_present_participle(lemma))
    return out


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _past(lemma: str) -> str:
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma in _DOUBLED:
        return lemma + lemma[-1] + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _present_participle(lemma: str) -> str:
    if lemma in _DOUBLED:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("e") and not lemma.endswith("ee"):
        return lemma[:-1] + "ing"
    return lemma + "ing"


def verb_forms(lemmas: str, forms: str) -> frozenset[str]:
    """Every listed form of every lemma in a whitespace-separated lemma list."""
    return frozenset(f for lemma in split_words(lemmas) for f in inflect(lemma, forms))


# Verbs of praise, blame and allegation (`blasted the plan as "..."`, `alleges that`, `touted`)
# report words as much as `say` does: news quotes their object.
REPORTING_VERBS = (
    verb_forms(
        """accuse acknowledge add admit allege announce answer argue ask assert assure blog boast
        brag call charge cite claim comment complain concede conclude confirm contend counter
        declare deny describe emphasize exclaim explain imply insist joke maintain note observe
        opine pledge portray predict proclaim promise quip recall reiterate remark remind
        repeat reply respond retort reveal say shout speculate state stress suggest tell
        testify tweet urge vow warn write yell""",
        "bspi",
    )
    # `agreeing`, `continuing` open clauses of the narrator's own
    | verb_forms("agree continue emphasise inform mention post report swear", "bsp")
    # the base form is mostly a noun or an imperative (`the blame`, `a hint`)
    | verb_forms(
        """bemoan blame blast caution chide criticize decry denounce dismiss dub echo elaborate
        hail hint lament mock praise recount scoff scold slam tout""",
        "spi",
    )
    # the -s form is mostly a noun too (`demands`, `questions`, `thanks`, `quotes`)
    | verb_forms("brand chant demand disclose interject question quote thank whisper", "pi")
    # `referring to X` after a quote names a topic, not a statement; `musing` is an adjective
    | verb_forms("confess estimate grouse muse read reason refer sigh snipe wonder", "sp")
    | verb_forms("bark chime credit criticise fume object press rail surmise text", "p")
    | frozenset(split_words("labeled labelled labeling labelling"))
)
VERBS = REPORTING_VERBS
# `..., saying "..."` has no subject of its own: the sentence subject is the speaker.
PARTICIPLES = frozenset(v for v in VERBS if v.endswith("ing"))
# Verbs that report a clause without `that` (`X said the plan failed`).
THATLESS_VERBS = (
    verb_forms("say tell", "bsp")
    | verb_forms("add warn insist argue claim note suggest predict", "sp")
    | verb_forms("stress complain assert", "p")
)
# Verbs that open a further statement of a new subject (`, while Vale said that B`).
NEW_SUBJECT_VERBS = verb_forms("say tell add argue note write claim insist warn", "sp")
# Finite verbs that chain a statement after `and`/`but` whatever their ending.
FINITE_CHAIN_VERBS = verb_forms("say tell write add", "sp")
# Plain speech verbs: after them a quote is the statement unless it sits inside a clause.
SPEECH_VERBS = verb_forms("say tell", "bs") | verb_forms("say tell", "p")
# Past forms that interpose an attribution (`There was, she said, "..."`).
INTERPOSED_PAST = frozenset(split_words("said told wrote"))
# `As X reported, CLAUSE` / `As X put it, "...`: verbs that name a source in an `as` clause.
AS_SOURCE_VERBS = verb_forms("report write note", "sp") | verb_forms("explain observe", "p")
AS_PUT_IT_VERBS = (
    frozenset(split_words("put puts"))
    | verb_forms("write note report say explain observe", "sp")
    | frozenset(("pointed out", "points out"))
)

BE_FORMS = frozenset(split_words("is was were are be been"))  # after them only a participle
AUX = BE_FORMS | frozenset(
    split_words("""has had have will would also later then previously repeatedly once again
    recently reportedly just simply further quickly flatly never not always often publicly
    privately bluntly angrily firmly""")
)
# Adverbs between `and`/a comma and a chained verb (`, and then added`).
SEQUENCE_ADVERBS = frozenset(split_words("also then later"))
CHAIN_ADVERBS = SEQUENCE_ADVERBS | {"again"}
COORDINATION_ADVERBS = CHAIN_ADVERBS | {"recently"}

# After a sentence's subject, verbs of having, moving, making and handling things (`X received
# / laid / signed / inspected ... "..."`): the writer's narrative around a title or a scare
# quote, not words the subject said (`subject_verb_object` makes no statement of them).
NARRATIVE_VERBS = verb_forms(
    """block complete crisscross deploy earn headline inspect invite join launch open owe
    profile receive schedule search sign swap""",
    "bspi",
) | frozenset(
    split_words("""build builds built building catch catches caught catching choose chooses
    chose chosen choosing hold holds held holding lay lays laid laying run runs ran running
    shake shakes shook shaking stride strides strode striding submit submits submitted
    submitting take takes took taken taking""")
)
# `," Orlo shot back.`, `," he went on`: a verb and particle that together report speech after
# a quote, though the verb alone (`shot`, `went`) does not.
SPEECH_PHRASAL_VERBS = frozenset(
    f"{verb} {particle}"
    for verbs, particle in (
        ("shot shoots fired fires hit hits pushed pushes", "back"),
        ("went goes", "on"),
        ("cut cuts chimed chimes weighed weighs", "in"),
        ("piped pipes", "up"),
    )
    for verb in split_words(verbs)
)

# --- time --------------------------------------------------------------------------------------

WEEKDAYS = frozenset(split_words("monday tuesday wednesday thursday friday saturday sunday"))
WEEKDAY_NAMES = frozenset(w.capitalize() for w in WEEKDAYS)
DAYS_NEAR = frozenset(split_words("today yesterday"))

# --- clause structure --------------------------------------------------------------------------

# Words that end the clause a subject phrase sits in (`... that Smith said`): conjunctions,
# subordinators, relatives and question words.
BOUNDARY_WORDS = frozenset(
    split_words(
        """that and but as when while because where after before so if since though although which
    who whom whose what how why whether or nor than until unless once"""
    )
)
# Words that open a subordinate clause: `Although X admitted that A, he claimed B`.
SUBORDINATORS = frozenset(split_words("when while although though whereas because since if unless"))
# A sentence opening with one of these is a subordinate clause split off at its comma.
LEADING_SUBORDINATORS = frozenset(
    w.capitalize() for w in SUBORDINATORS | {"once", "even though", "even as"}
)
# Words after which a word starts a new clause or is a relative (the interposed rule's check).
CLAUSE_OPENERS = SUBORDINATORS | frozenset(
    split_words("who which that and but or as where after before once")
)
# Subject words that may open a clause reported without `that`.
THATLESS_CLAUSE_OPENERS = frozenset(
    split_words("""he she they it we I there the a an his her their its this these because if
    although though unless""")
)
# Objects between a speech verb and a `that`-less clause (`told reporters the plan failed`).
AUDIENCE_OBJECTS = frozenset(split_words("reporters CNN journalists him her them us me"))
AUDIENCE_NOUNS = frozenset(split_words("crowd audience"))
SUBJECT_PRONOUNS = frozenset(split_words("he she they it we I"))
THIRD_PERSON_SUBJECTS = frozenset(split_words("he she they"))
CONJUNCTIONS = frozenset(split_words("and but"))
COORDINATORS = CONJUNCTIONS | {"or"}
ARTICLES = frozenset(split_words("the a an"))
INDEFINITE_ARTICLES = frozenset(split_words("a an"))
RELATIVES = frozenset(split_words("who which"))
# `on Monday`, `last week`, `this morning`: words that open a time phrase after a verb
TIME_LEADS = frozenset(split_words("last this on in at"))
# `X, a spokesman for Y,`: prepositions after a past participle that open a clause of its own
CLAUSE_PREPOSITIONS = frozenset(split_words("by in to at from with on for about"))
# `an aide to X`, `a spokesman for Prime Minister X`: staff who speak for the person named after
# them, never as that person
STAFF_NOUNS = frozenset(
    split_words(
        """adviser advisor aide spokesman spokeswoman spokesperson assistant lawyer attorney
    counsel deputy representative envoy"""
    )
)
ON_BEHALF_PREPOSITIONS = frozenset(split_words("to for"))


def after_staff_phrase(words: Sequence[str]) -> int | None:
    """Where the person served starts, after the last `STAFF to/for` in `words` (`an aide to
    | President X`); None when there is none. Every rule about staff reads it from here."""
    for n in range(len(words) - 1, 0, -1):
        staff = words[n - 1].lower()
        if words[n].lower() in ON_BEHALF_PREPOSITIONS and (
            staff in STAFF_NOUNS or staff.endswith("s") and staff[:-1] in STAFF_NOUNS
        ):
            return n + 1
    return None


# `Jon Lewk, familiar with the talks`: an affiliation after a name
AFFILIATION_ADJECTIVES = frozenset(split_words("familiar close"))
AFFILIATION_PREPOSITIONS = frozenset(split_words("to with on in for about under"))
# `in Salem, New Hampshire`: prepositions before a place name
PLACE_NAME_PREPOSITIONS = frozenset(split_words("in at from of near outside"))
CONTRAST_LINKS = frozenset(("while", "whereas", "even as"))
TIME_LINKS = frozenset(split_words("while whereas before after when although though")) | {"even as"}
LEAD_LINKS = frozenset(split_words("and but while as"))
# `..., which raised concerns`, `..., as have her rivals`: a comma and one of these after a
# statement's last quotation open the writer's comment on it
COMMENT_LINKS = frozenset(split_words("which as"))
DASH_CONJUNCTIONS = frozenset(split_words("and but while although though whereas"))
CHAIN_LINKS = frozenset(split_words("and but while before after"))
NEW_SUBJECT_LINKS = frozenset(split_words("and but while whereas"))

# --- official readouts: verbs whose noun-phrase object is the statement ----------------------

NEED_VERBS = frozenset(
    split_words("""stated stressed emphasised emphasized underlined underscored highlighted
    reaffirmed reiterated noted""")
) | {"pointed out"}
NEED_NOUNS = frozenset(
    split_words("""need importance necessity significance readiness willingness commitment
    intention desire priority urgency inadmissibility unacceptability""")
)
POSSESSIVE_DETERMINERS = frozenset(split_words("the its his her their our"))
FEELING_VERBS = frozenset(split_words("expressed expresses voiced"))
FEELING_MODIFIERS = frozenset(split_words("his her their its deep sincere strong full great"))
FEELING_NOUNS = frozenset(
    split_words("""gratitude concern hope support condolences regret appreciation confidence
    interest readiness solidarity satisfaction thanks disappointment outrage indignation""")
)
CALL_FOR_VERBS = frozenset(("called for", "calls for"))
URGE_VERBS = frozenset(split_words("urged urges"))
WELCOME_VERBS = frozenset(split_words("welcomed welcomes condemned condemns"))
ACT_DETERMINERS = frozenset(split_words("the this these that a an its"))
GUEST_DETERMINERS = frozenset(split_words("the his her their our a"))
# Endings of a noun naming an act or a decision (`the shelling`, `decision`, `agreement`,
# `talks`): what a welcomed or condemned object ends with when no determiner opens it.
ACT_NOUN_ENDINGS = frozenset(split_words("ing ion ment s"))
# Endings of an inflected verb form (`praised`, `pushes`, `says`) after a quote.
VERB_ENDINGS = frozenset(split_words("ed es s"))
# Documents quoted as if they spoke (`The message reads:`) and verbs that send them (`documents`).
DOCUMENT_NOUNS = frozenset(split_words("message letter telegram greetings condolences statement"))
SENDING_VERBS = frozenset(split_words("sent sends addressed released issued extended offered"))
GREETING_VERBS = frozenset(split_words("congratulated congratulates"))  # a greeting is a message
DOCUMENT_DETERMINERS = POSSESSIVE_DETERMINERS | frozenset(split_words("this that"))

# --- writer's comments and media after a statement ---------------------------------------------

# `..., a swipe at his rivals`: an apposition naming the speech act
SPEECH_ACT_NOUNS = frozenset(
    split_words("""swipe jab dig reference nod allusion acknowledgment acknowledgement admission
    charge accusation assertion move reversal rebuke retort rebuttal concession departure shift
    critique boast threat jibe barb""")
)
# `in a tweet`, `during an interview`: where the words appeared
MEDIUM_NOUNS = frozenset(
    split_words("""tweet interview statement post speech show op-ed letter email e-mail video ad
    debate rally appearance call""")
)
MEDIUM_PREPOSITIONS = frozenset(split_words("in on during"))
# `the spokesman in the room`: a place after a speaker phrase is no part of it
PLACE_PREPOSITIONS = frozenset(split_words("in at on inside outside near"))
PLACE_DETERMINERS = frozenset(split_words("the a an this his her"))
MEDIUM_DETERMINERS = frozenset(split_words("a an his her their its the"))

# --- people and names --------------------------------------------------------------------------

PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "o",
    "i": "s",
    "we": "s",
}
POSSESSIVE_OWNERS = {"his": "he", "her": "she", "their": "they"}
# Speaker phrases that name no one (`nobody.py`): the person talking or talked to, openers.
FIRST_SECOND_PERSON = frozenset(split_words("i me my mine we us our ours you your yours"))
NOT_NAME_OPENERS = frozenset(split_words("such only just nearly almost maybe perhaps therefore"))
NOT_NAME_OPENERS |= frozenset(split_words("thus however usually also still how why let please"))
POSSESSIVE_PRONOUNS = frozenset(POSSESSIVE_OWNERS) | {"its"}
ROLE_WORDS = frozenset(
    split_words(
        """minister spokesman spokeswoman spokesperson president secretary senator governor mayor
    chairman chairwoman chair chief director ceo executive leader candidate nominee adviser
    advisor ambassador official chancellor representative congressman congresswoman lawmaker
    commissioner attorney general judge justice speaker manager analyst economist professor
    head founder coach captain anchor host correspondent editor strategist pollster aide
    envoy diplomat premier king queen prince princess pope commander officer deputy sen rep
    gov ombudsman prosecutor sheriff inspector administrator negotiator surrogate campaigner
    strategist chairperson treasurer ceo"""
    )
)
# An office without a qualifier: `president`, `prime minister`, `head of state`.
BARE_OFFICES = frozenset(
    {"president", "prime minister", "premier", "chancellor", "head of state", "head of government"}
)
# `President of Westland Rafe Dunnik`, `Minister of Infrastructure Enzo Vint`:
# the preposition between an office and its place, and how many words of a name follow it.
OFFICE_PREPOSITIONS = frozenset(split_words("of"))
NAME_WORDS_AFTER_PLACE = 2
# Nouns that end an organisation's or a place's name, never a person's first name.
ORG_HEADS = frozenset(
    split_words(
        """federation republic service council ministry committee court bank corporation
    region territory district office commission chamber duma union academy university
    institute company group railways concern organisation organization foundation society
    agency fund board assembly association parliament government administration party city state
    kingdom emirates troops guard"""
    )
)
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}
# Abbreviated titles whose dot ends no sentence (`Gov.`, `Lt.`).
# Titles and suffixes written with a dot inside a name (`Dr. Ward`, `Smith Jr.`).
NAME_ABBREVIATIONS = frozenset(split_words("mr mrs ms dr st jr sr"))
ABBREVIATIONS = NAME_ABBREVIATIONS | frozenset(
    split_words("sen rep gov gen col lt sgt prof rev fr msgr adm maj capt")
)
# `Hunter, meanwhile, told`: sentence adverbs set off by commas inside a subject phrase.
COMMA_ADVERBS = (
    frozenset(split_words("meanwhile however though too also instead likewise moreover"))
    | frozenset(("in turn", "in response"))
    | frozenset(f"for {owner} part" for owner in split_words("his her its their"))
)
# `Ana von der Vell`, `Omar bin Tamm`: lowercase particles inside a name
NAME_PARTICLES = frozenset(split_words("de del der den van von bin al da dos la le"))

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
CAP = re.compile(r"^[A-Z][\w'’.\-&]*$")  # `AT&T`, `M&S`: one word


DETERMINERS = frozenset(
    split_words("""the a an his her their its this that one another my our your""")
)

# --- verbs in general --------------------------------------------------------------------------

# Between a reporting verb and its `that`, another `that` or a finite verb of the clause
# (`said the campaign is "pleased" that ...`) puts the `that` inside the reported clause.
CLAUSE_MARKERS = frozenset(split_words("that is was are were has have had will would can could"))
THAT_INSIDE = CLAUSE_MARKERS | frozenset(split_words("should may might must"))
IRREGULAR_PAST = frozenset(
    split_words("""made took sent thought gave went came held led kept left felt brought bought
    caught taught spoke broke chose drove rose won lost paid laid met put set read cut hit saw
    wrote told said sang began ran drew threw did gone done seen given taken written spoken
    known shown drawn thrown""")
)
CLOSERS = frozenset('"”»')
