"""The word tables the speaker rules are built from, in one place.

Titles, parties, occupations, offices, bodies, name particles and the words that open a
sentence or a clause rather than a name: every rule of `ingest.speakers` reads its words from
here, so a table is written once and each rule names the table it asks (rules are data).
"""

from __future__ import annotations

from ingest.quoting.lexicon import CLAUSE_OPENERS, ORG_HEADS, REPORTING_VERBS, WEEKDAYS
from ingest.quoting.lexicon_openers import OPENING_PREPOSITIONS
from ingest.quoting.lexicon_speakers import NAME_AMPERSANDS


def _lexicon(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


# Honorifics and office titles that precede a name and are never part of it.
TITLES = frozenset(
    _lexicon(
        """mr mrs ms miss mx dr prof professor sir dame lord lady sen senator rep representative
    gov governor president pres vice prime minister foreign defence defense secretary
    ambassador mayor judge justice gen general col colonel capt captain lt lieutenant sgt
    adm admiral cmdr rev reverend fr father hon honourable honorable king queen prince
    princess pope chancellor speaker chairman chairwoman chair ceo director deputy
    congressman congresswoman councilman councilwoman commissioner attorney spokesman
    spokeswoman spokesperson minority majority leader former acting chief sheikh the whip
    pastor bishop archbishop cardinal rabbi imam agent"""
    )
)
# Parties and memberships written before a name ("Tory MP Ann Vell", "Lib Dem Ann Vell"):
# not the name, but a party alone speaks as itself.
AFFILIATIONS = frozenset(
    _lexicon(
        """mp mps mep meps msp msps mla mlas am td tory tories labour conservative conservatives
    liberal lib dem dems democrat democrats democratic republican republicans gop green
    greens independent snp ukip plaid"""
    )
)
# Occupations written before a full name ("Singer Ben Vint", "Pop star Ann Vell"): who
# the person is, not their name; alone ("the singer") they are no one's name either.
OCCUPATIONS = frozenset(
    _lexicon(
        """singer star actor actress rapper comedian comic author writer novelist poet
    playwright producer presenter broadcaster journalist columnist chef designer model
    musician guitarist drummer frontman artist photographer striker midfielder defender
    goalkeeper winger forward captain coach manager boss player champion boxer golfer sprinter
    athlete cyclist jockey trainer referee analyst economist strategist lawyer barrister
    campaigner activist businessman businesswoman tycoon entrepreneur billionaire banker
    investor scientist researcher surgeon doctor historian"""
    )
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "qc", "kc"})
# Function words no name, office or role is told apart by.
STOP_WORDS = frozenset(
    _lexicon("""the a an of in on about and or to for what did does say said who how""")
)


# Articles before a speaker written as a name ("the Kremlin").
ARTICLES = frozenset(_lexicon("the a an"))
# Lowercase words besides name particles ("de", "van") that a written office may hold:
# "President of Westland Sven Ostby".
NAME_JOINERS = frozenset(_lexicon("of the and for"))
# Words after an office's head noun that open what the office is held in or for ("Minister of
# Health", "Adviser to the President", "Spokesman for the Council"): the head is the word
# before the first of them, so an adviser to a president is no president.
HEAD_LINKS = frozenset(_lexicon("of to for"))
# Of those, the ones after which a phrase is still an office with no name in it ("Adviser to
# the President"); "a spokesman for the Harbour Council" speaks as the body (`is_office`).
OFFICE_LINKS = frozenset(_lexicon("of to"))


# Offices whose holder an official release opens with ("Ana Vell met ... The President of
# Westland stressed ..."); staff offices (spokesman, minister) are somebody else there.
# Office heads that are also surnames ("Ana King", "Tom Prince"): such a name is a person.
OFFICE_SURNAMES = frozenset(_lexicon("king queen prince"))
HEAD_OF_STATE = frozenset(_lexicon("president king queen emir sultan monarch"))
OFFICE_HEADS = frozenset(
    _lexicon(
        """president premier chancellor minister secretary leader head governor mayor king queen
    prince princess ambassador spokesman spokeswoman spokesperson chairman chairwoman chief
    director commissioner emir sultan monarch adviser advisor lady"""
    )
)
# Relatives named by another person's office ("the wife of the President of Westland Ana
# Vell"): the name after that office is the relative's, who does not hold it.
KIN_NOUNS = frozenset(
    _lexicon(
        """wife husband spouse partner widow widower son daughter mother father brother sister
    grandson granddaughter nephew niece"""
    )
)
QUANTIFIERS = frozenset(_lexicon("several various both all each every few former ex"))
# One-word speakers that name a body, never a person's surname ("Police", "Institute").
BODIES = ORG_HEADS | frozenset(_lexicon("police army club team firm officials campaign"))
# Words of a body, an office or a work after a party or a possessive, never of a person's
# name: "Democratic National Convention", "St Fintian's High School", "Tamm's Care Act".
NOT_PERSON_WORDS = (
    BODIES
    | OFFICE_HEADS
    | frozenset(
        _lexicon(
            """convention association school college act fellowship house institution
    network times post news journal magazine standard daily hits motor motors"""
        )
    )
)


# Honorifics written with a given name, not a surname ("Sir Ivo", "Dame Ida").
GIVEN_NAME_HONORIFICS = frozenset(_lexicon("Sir Dame"))


# What a place name's adjective adds to the shared stem ("russia"/"russian", "china"/"chinese");
# other endings make another word ("federal"/"federated").
ADJECTIVE_ENDINGS = frozenset({"", "n", "an", "ian", "ese", "ish", "i", "s", "es", "ern", "y"})


# Offices written as a noun and a postpositive "general" ("Attorney General", "Surgeon
# General", "Director General"): the noun names the office, so the holder is no general, and
# a question about "the General" (an officer) means someone else.
_GENERAL_OFFICE_WORDS = """
    attorney solicitor surgeon secretary director governor postmaster inspector consul
    auditor comptroller advocate procurator prosecutor registrar paymaster accountant"""
GENERAL_OFFICES = frozenset(_lexicon(_GENERAL_OFFICE_WORDS))


# News refers back to a leader by function as often as by title.
FUNCTION_OFFICES = {
    ("head", "state"): frozenset({"president", "king", "queen", "monarch", "emir", "sultan"}),
    ("head", "government"): frozenset({"prime", "premier", "chancellor"}),
}


_PARTICLE_WORDS = "de la le van von der den al bin da di du del dos ibn y"
_NOT_NAME_START_WORDS = """
    meanwhile however but and also now then yet still later earlier speaking asked writing
    filing according after before when while if as in on at for the a an this that these those
    sources officials critics analysts experts how what why who where which other others behind
    there it he she we they his her their its one some many most every each all both any no"""
_DEMONYM_WORDS = """
    american british russian french german chinese japanese italian spanish israeli iraqi
    iranian indian australian canadian european african ukrainian palestinian syrian turkish
    korean brazilian mexican irish scottish welsh english dutch swiss swedish polish greek
    egyptian saudi afghan pakistani"""
# Capitalised at the start of a question, never a name there.
_QUESTION_OPENER_WORDS = """
    did does do has have had is was were are will would can could should may might must shall
    whom whose or so i you us me my our your"""
_IMPERATIVE_OPENER_WORDS = "like unlike see let thanks"
# Months that are no given names ("May", "June", "April" and "August" are)
_MONTH_WORDS = "january february march september october november december"
PARTICLES = frozenset(_PARTICLE_WORDS.split())
ABBREVIATIONS = frozenset(_lexicon("st jr sr mt ft gen col sgt capt lt gov sen rep prof u.s u.k"))
# Unions `name_mentions` asks of every word, built once rather than per word.
NAME_JOINERS_INSIDE = PARTICLES | NAME_AMPERSANDS  # lowercase words inside a name
NOT_SENTENCE_ENDS = TITLES | ABBREVIATIONS  # a full stop after these ends no sentence
NOT_NAME_STARTS = frozenset(_NOT_NAME_START_WORDS.split())
NOT_NAMES = (
    NOT_NAME_STARTS | frozenset(_QUESTION_OPENER_WORDS.split()) | STOP_WORDS | NAME_AMPERSANDS
)
DEMONYMS = frozenset(_DEMONYM_WORDS.split())
# A capital on these is the sentence's, never a given name: a clause opener, a reporting
# verb put first ("Although Lane admitted ...", "Stated Stone: ..."), a preposition ("With
# Dorr injured, ...") or an imperative or preposition-like opener ("Like Renko, ...",
# "See Sexton's ...", "Thanks to Vell ...", "Let Vell ..."), a month or a weekday.
NOT_GIVEN_NAMES = (
    CLAUSE_OPENERS
    | REPORTING_VERBS
    | OPENING_PREPOSITIONS
    | frozenset(_IMPERATIVE_OPENER_WORDS.split())
    | frozenset(_MONTH_WORDS.split())
    | WEEKDAYS  # "On Monday Karl Osk insisted ...", "On Thursday Intel announced ..."
)
# `_no_given_name`'s words, joined once: built per call, the union of these tables cost more
# CPU than the rest of `written_people` (perf28).
NO_GIVEN_NAME_WORDS = NOT_NAMES | QUANTIFIERS | NOT_GIVEN_NAMES | AFFILIATIONS


# Participles that open a role as adjectives ("Acting president", "Retired general"); any other
# -ing or -ed first word opens a clause ("Speaking in Lowtown", "Asked about").
_ROLE_PARTICIPLE_WORDS = """
    acting managing leading ruling governing outgoing incoming presiding founding serving
    visiting reigning retired elected appointed designated embattled disgraced veteran"""
_REPORTING_WORDS = """
    said says say told tells tell added adds speaking asked writing talking commenting
    according insisted warned claimed argued explained noted stated quoted"""
_RELATIVE_WORDS = "who whose whom which that where when"
_ROLE_FUNCTION_WORDS = """
    in at on for with by from to into as than he she it they his her its their him them"""
# Titles written before a name, which role extraction can leave at a role's end.
HONORIFICS = frozenset(_lexicon("mr mrs ms miss mx dr prof sir dame lord lady rev"))
# Offices whose head is a form of address ("First Lady", "First Sea Lord"): the honorific
# ends the office, no name follows it. Stripped as a trailing honorific, "First Lady" was
# recorded as no role, so no record said who holds it.
HONORIFIC_OFFICES = frozenset({("first", "lady"), ("sea", "lord"), ("law", "lord")})


def honorific_office(words: list[str]) -> bool:
    """The last two words are an office headed by an honorific (`HONORIFIC_OFFICES`)."""
    pair = tuple(w.strip(".").lower() for w in words[-2:])
    return pair in HONORIFIC_OFFICES


ROLE_PARTICIPLES = frozenset(_ROLE_PARTICIPLE_WORDS.split())
ROLE_REPORTING = frozenset(_REPORTING_WORDS.split())
ROLE_RELATIVE = frozenset(_RELATIVE_WORDS.split())
ROLE_FUNCTION = frozenset(_ROLE_FUNCTION_WORDS.split()) | STOP_WORDS


# Words that make another office of the same title: the shadow or former foreign secretary is
# not the Foreign Secretary a question asks about, unless it says so.
_OTHER_OFFICE_WORDS = "shadow former ex deputy vice assistant junior under"
OTHER_OFFICE = frozenset(_OTHER_OFFICE_WORDS.split())


# Words of a role phrase that say when, not which office: "the new champion" is the champion.
_WHEN_WORDS = "new current incumbent present sitting reigning"
ROLE_TIME_WORDS = frozenset(_WHEN_WORDS.split())


# Heads news uses for one office holder: "the Lowtown manager" is written "the Lowtown boss".
HEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "manager": ("boss", "coach"),
    "boss": ("manager", "chief", "head"),
    "coach": ("manager", "boss"),
    # "the alliance chief" is its "Secretary General", "Director", "Chairman" or "Leader".
    "chief": ("head", "boss", "leader", "chairman", "chair", "director", "general"),
    "head": ("chief", "boss"),
    "spokesman": ("spokeswoman", "spokesperson"),
    "spokeswoman": ("spokesman", "spokesperson"),
    "spokesperson": ("spokesman", "spokeswoman"),
}
