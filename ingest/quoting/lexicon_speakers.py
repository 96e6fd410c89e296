"""Words that tell a speaker phrase from a clause, and what an apposition after a name may
hold: a fourth lexicon module, because `lexicon.py` is at its size limit. Same conventions:
whitespace-separated strings, sets looked up per lowercase word (curly apostrophes straight)."""

from __future__ import annotations

from ingest.quoting.lexicon import PAST, split_words, verb_forms

# A finite auxiliary or modal: written in lowercase inside a speaker phrase, the phrase runs
# into its own verb group (`The Home Office has already`, `hosts don't`) or is a whole clause
# (`it had complied fully`). Capitalised, `May` and `Will` are names and are not looked up.
FINITE_AUXILIARIES = frozenset(
    split_words(
        """do does did is are was were am has have had will would can could should may might
    must shall don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't won't
    wouldn't can't cannot couldn't shouldn't mustn't"""
    )
)
# Words that may follow an auxiliary in a verb group before its verb (`has already`, `could
# only`, `does not`, `will still`): after them the phrase holds no more of the speaker.
VERB_GROUP_ADVERBS = frozenset(
    split_words(
        """not n't never already still only also just yet even ever now then later again once
    long since previously repeatedly reportedly recently further always often"""
    )
)
# Non-finite auxiliaries in the same verb group (`a reporter can be heard asking`): after one
# of `be`, `been`, `being` the group's participle may follow (`heard`, `quoted`).
NON_FINITE_AUXILIARIES = frozenset(split_words("be been being have"))
PASSIVE_AUXILIARIES = frozenset(split_words("be been being"))
# `said Britain had to set an example`: a form of `have` ending a speaker phrase is the
# clause's own verb (obligation, possession), not an auxiliary before the reporting verb,
# so the phrase is a misread clause and names no one.
HAVE_FORMS = frozenset(split_words("has had have"))
# A relative pronoun before an auxiliary closes the noun phrase it follows (`Voters who were
# polled`: the voters are the speaker, the relative clause describes them).
RELATIVE_PRONOUNS = frozenset(split_words("who which that whose"))
# What stands between a name and `who` in a row of appositions (`Ida Dorr, 24, from
# Manchester, who said`): a place or a body the person is from, part of the description.
APPOSITION_PREPOSITIONS = frozenset(split_words("from of in at"))
# A modal between a subject and its verb makes the act a claim about what someone would do
# (`according to X, the media would call him a "chicken"`): X's claim, not the media's words.
MODALS = frozenset(split_words("would could might may will shall should can must"))
# What joins one name's words besides its particles: `Vell & Marsh`, `Quill & Hale`
# are one organisation, never two speakers (extraction, naming and the question parser).
NAME_AMPERSANDS = frozenset({"&"})
# Plural nouns for what reports without a named author, or for unnamed informants. `reports`
# is also a verb, which ended the subject before it: `Multiple news reports said` gave the
# speaker `Multiple news`, a fragment. After a quantifier (`SOURCE_QUANTIFIERS`) or a modifier
# of reports (`REPORT_MODIFIERS`: `news`) such a word is the subject's head, and the subject
# becomes the whole phrase (`Multiple news reports`, `Several sources`): the source as the
# article names it, resolved as no person, never its modifiers alone. After a name or a noun
# of its own it stays a verb (`Harbourwire reports`, `the agency reports that`).
REPORT_PLURALS = frozenset(split_words("reports polls surveys studies accounts stories sources"))
SOURCE_QUANTIFIERS = frozenset(
    split_words(
        """multiple several many some other numerous various few both most all earlier recent
    previous new conflicting separate two three four five"""
    )
)
REPORT_MODIFIERS = frozenset(split_words("news media press"))
# Capitalised words that stand before a surname in a slogan, a headline or a group's name and
# are never a given name: "Never Reed", "Maybe Tom Reed", "Again Dorr", "Jews Against
# Reed", "Team Vell". Taken for a second person of the surname, they kept the surname
# alone ("Reed said") from being linked to the one person the article names in full
# (`ingest.speakers`).
NOT_GIVEN_WORDS = frozenset(
    split_words("""never maybe again against versus not also even only just still perhaps team""")
)
# A participle opening a headline or a slogan before a surname (`Bashing Reed`, `Rebuking
# Reed`) is a verb form, never a given name; none of the corpora's given names ends in -ing
# at this length (Irving is shorter). A past form (`Endorsed Reed`) is one only where the
# text also writes it in lower case: Alfred, Mohamed and Magomed are names.
PARTICIPLE_ENDING = "ing"
PARTICIPLE_MIN_LENGTH = 7
PAST_ENDING = "ed"
# Words that open an office before its head word (`Prime Minister`, `Deputy Chairman`): where a
# label is cut to start at its office (`labels._speech_after_heading`), they stay with it.
OFFICE_PREFIXES = frozenset(split_words("prime deputy vice first acting chief senior executive"))
# Words that qualify a title's head in a joint title (`founder and managing director`,
# `chairman and chief operating officer`): with `ROLE_WORDS` they make the second title of
# one person, so the `and` between the titles joins no two people (`titles.and_joins_titles`).
TITLE_MODIFIERS = frozenset(
    split_words(
        """managing operating financial technical artistic creative executive vice deputy
    senior general founding principal acting interim joint"""
    )
)
# Finite verbs that agree only with a plural subject: after a coordinated subject (`Ana Vell
# and the leadership of the Union, in particular Tom Reed, are taking ...`) they show the
# sentence is about several people, none of whom a later `he` or `she` names alone.
PLURAL_FINITE_VERBS = frozenset(split_words("are were have"))
# A reporting word in its base form between a name and an office noun modifies the office
# (`Westland state director`); an inflected one is a verb with its object (`Reed told host
# Ana Vell`): its endings, and the past forms that no ending marks.
INFLECTED_ENDINGS = ("s", "ed", "ing")
IRREGULAR_PAST_FORMS = verb_forms("say tell write swear", PAST)
# Verbs whose object is the listener (`told the Westland Courier`, `informed Tom Reed about`):
# after a clause and its comma the phrase they introduce is the listener, never the speaker.
LISTENER_VERBS = verb_forms("tell inform assure brief thank notify congratulate instruct", "bsp")
# Owned nouns that speak for their owner (`said Tom Reed's office`), beside offices and agent
# nouns: after an inverted verb they are the speaker, not the verb's object.
SPEAKING_BODIES = frozenset(split_words("office campaign team staff government spokesman"))
# Prepositions before a capitalised phrase (`confirmed on Westland Radio`, `died in Lowtown`):
# after an inverted verb the phrase is a place, a medium or an object, not the speaker.
NAME_PREPOSITIONS = frozenset(split_words("in at on from to into for by with near"))
# Abbreviations that close a name (`Tom Reed Jr.`): the dot after them may end the sentence,
# unlike a title's (`Mr. Reed`, `Gov. Ana Vell`).
SUFFIX_ABBREVIATIONS = frozenset(split_words("jr sr"))
# People an owner's possessive names beside the owner (`Reed's son`, `Vell's longtime
# advisers`, `Reed's right-hand woman`): relatives, staff who serve them, friends and foes.
# A speaker phrase cut at such an owner names that other person, never the owner. The
# spokesperson is not here: `Reed's spokesman` speaks for the owner (`SPEAKING_BODIES`).
OWNED_PEOPLE = frozenset(
    split_words(
        """wife wives husband husbands spouse son sons daughter daughters mother father
    parents brother brothers sister sisters child children family nephew niece grandson
    granddaughter friend friends ally allies associate associates aide aides adviser advisers
    advisor advisors lawyer lawyers attorney attorneys assistant assistants deputy deputies
    colleague colleagues peer peers supporter supporters backer backers critic critics rival
    rivals opponent opponents man woman men women"""
    )
)
