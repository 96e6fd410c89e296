"""Words of a speaker written as a description that refers back to someone the article names
(`the company said`, `the striker said`): a fourth lexicon module, because `lexicon.py` is at
its size limit. Same conventions: whitespace-separated strings, sets looked up per word."""

from __future__ import annotations

from ingest.quoting.lexicon import split_words

# Heads of a description that means an organisation the article named (`Shares in Vellcorp fell
# ... The company said`). Offices (`the ministry`) and parties are left to other rules, and so
# is `the group`: as often a group of people (`A group of MPs`, a pressure group) or an event's
# organisers as a company, and on PolNeAR train it took a wrong name.
ORG_DESCRIPTIONS = frozenset(
    split_words(
        """company firm bank airline club carrier retailer operator network broadcaster
    manufacturer maker carmaker insurer lender chain supermarket conglomerate corporation
    studio publisher charity"""
    )
)
# Words in the name of a public body (`Harbour Senate`, `Liberal Party`): NER tags it ORG,
# but it is none of the companies, firms, clubs or groups `ORG_DESCRIPTIONS` refer back to.
PUBLIC_BODY_WORDS = frozenset(
    split_words(
        """party senate house congress parliament assembly council committee ministry
    department court government commission administration"""
    )
)
# Heads of a description that means a person by what they do (`And the striker said`).
PERSON_DESCRIPTIONS = frozenset(
    split_words(
        """striker midfielder defender keeper goalkeeper winger forward playmaker skipper
    player coach actor actress singer star veteran author director writer novelist comedian
    presenter musician rapper singer-songwriter film-maker filmmaker producer designer artist
    champion boxer golfer sprinter athlete runner batsman bowler jockey cyclist driver rider
    tennis-player frontman"""
    )
)
# Words that may stand between `the` and the head without changing whom it means (`the
# former striker`); a capitalised word (`the Arsenal striker`) is a name, left to NER.
DESCRIPTION_MODIFIERS = frozenset(
    split_words(
        """former young veteran experienced new injured troubled embattled struggling
    outspoken retired legendary influential"""
    )
)
# Nationality nouns that mean one person (`said the Briton`): `resolve._is_epithet` takes
# them as epithets even where NER gives the phrase no NORP label.
DEMONYMS = frozenset(
    split_words(
        """Briton Scot Swede Dane Spaniard Frenchman Frenchwoman Dutchman Welshman
    Welshwoman Irishman Englishman Englishwoman Scotsman Scotswoman Finn Pole Serb Croat Swiss
    Kiwi Aussie Argentine Brazilian"""
    )
)
