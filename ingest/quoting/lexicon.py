"""Word lists shared by the quotation passes: reporting verbs, auxiliaries, pronouns, role
nouns, titles and quote marks.

Lexicons are whitespace-separated strings so they stay readable and easy to extend; a set
look-up per word is far cheaper than one large alternation regex. Lists used by a single pass
live in that pass's module.
"""

from __future__ import annotations

import re


def split_words(text: str) -> list[str]:
    """Lexicons are written as one whitespace-separated string to keep them readable."""
    return text.split()


# Verbs of praise, blame and allegation (`blasted the plan as "..."`, `alleges that`, `touted`)
# report words as much as `say` does: news quotes their object. (`referring to X` after a
# quote names a topic, not a statement, so only `referred`/`refers` are listed.)
_VERB_STEMS = split_words(
    """say says said saying tell tells told telling add adds added adding explain explains
    explained explaining conclude concludes concluded warn warns warned warning note notes
    noted noting admit admits admitted insist insists insisted insisting claim claims
    claimed claiming argue argues argued arguing assert asserts asserted state states stated
    declare declares declared announce announces announced stress stresses stressed
    stressing emphasize emphasizes emphasized emphasise emphasises emphasised recall recalls
    recalled remark remarks remarked reply replies replied respond responds responded answer
    answers answered ask asks asked write writes wrote tweet tweets tweeted post posts
    posted suggest suggests suggested predict predicts predicted acknowledge acknowledges
    acknowledged concede concedes conceded complain complains complained charge charges
    charged accuse accuses accused urge urges urged continue continues continued joke jokes
    joked quip quips quipped boast boasts boasted vow vows vowed promise promises promised
    pledge pledges pledged repeat repeats repeated reiterate reiterates reiterated confirm
    confirms confirmed deny denies denied describe describes described call calls called
    report reports reported observe observes observed comment comments commented counter
    counters countered retort retorts retorted shout shouts shouted yell yells yelled
    exclaim exclaims exclaimed maintain maintains maintained contend contends contended
    agree agrees agreed testify testifies testified mused muses declared objected disclosed
    revealed reveals reveal cautioned cautions cautioned lamented laments scoffed scoffs
    chimed hinted hints estimated estimates recounted recounts reasoned reasons sighed sighs
    whispered wonders wondered asking telling writing tweeting blog blogs blogged texted
    quoted chanted read reads opine opines opined retorted echoed echoes pressed
    elaborated elaborates surmised mocked mocks interjected calling describing accusing stating
    declaring asserting urging suggesting predicting acknowledging conceding complaining
    charging vowing promising pledging repeating confirming denying announcing admitting
    recalling replying responding joking boasting dismissing dismissed dismisses labeling
    labelling labeled labelled branding branded shouting yelling chanting remarking quipping
    exclaiming concluding emphasizing observing commenting countering retorting maintaining
    contending testifying reiterating revealing disclosing cautioning lamenting scoffing
    hinting recounting whispering quoting echoing elaborating mocking interjecting opining
    blogging answering imply implies implied implying allege alleges alleged alleging mention
    mentions mentioned assure assures assured assuring remind reminds reminded reminding inform
    informs informed brag brags bragged bragging swear swears swore proclaim proclaims
    proclaimed speculate speculates speculated cite cites cited citing referred refers blamed
    blames blaming blasted blasts blasting thanked thanking praised praises praising criticized
    criticizes criticizing criticised questioned questioning credited dubbed dubs dubbing
    bemoaned bemoans bemoaning demanded demanding proclaiming denounced denounces denouncing
    decried decries decrying confessed confesses groused grouses sniped snipes fumed chided
    chides chiding hailed hails hailing slammed slams slamming touted touts touting portrayed
    portrays portraying portray speculating scolded scolds scolding railed barked"""
)
VERBS = frozenset(_VERB_STEMS)
# `..., saying "..."` has no subject of its own: the sentence subject is the speaker.
PARTICIPLES = frozenset(v for v in VERBS if v.endswith("ing"))
AUX = frozenset(
    split_words(
        """has had have is was were are be been will would also later then previously repeatedly
    once again recently reportedly just simply further quickly flatly never not always often
    publicly privately bluntly angrily firmly"""
    )
)
PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "o",
    "i": "s",
    "we": "s",
}
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
# Nouns that end an organisation's or a place's name, never a person's first name.
ORG_HEADS = frozenset(
    split_words(
        """federation republic service council ministry committee court bank corporation
    region territory district office commission chamber duma union academy university
    institute company group railways concern organisation organization foundation society
    agency fund board assembly parliament government administration party city state
    kingdom emirates troops guard"""
    )
)
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}

OPENERS = {'"': '"', "“": "”", "«": "»", "„": "“"}
CAP = re.compile(r"^[A-Z][\w'’.\-]*$")


DETERMINERS = frozenset(
    split_words("""the a an his her their its this that one another my our your""")
)
