"""The words question understanding knows, in one place: every rule table is built from these.

Lemmas, lowercase. A verb is a cue when asking what its subject said, thought or how they
reacted; a stance noun does the same for its possessor ("X's view"). Listener verbs take the
person spoken to as object ("tell the committee"), which is never the topic.
"""

from __future__ import annotations

_LEXICON_TEXT = {
    "speech_verb": """
        say tell state claim warn describe call argue predict admit insist suggest promise vow
        accuse deny announce declare complain criticise criticize mention remark comment
        compare dismiss praise blame urge explain add refer express voice question speak talk
        reply answer boast concede joke label apologise apologize justify pitch defend
        acknowledge confirm reveal stress emphasise emphasize note threaten demand ask pledge
        quote write testify recall brand dub characterise characterize""",
    "mental_verb": """
        think believe see want feel hope fear expect plan intend consider regard view know
        wish prefer worry doubt""",
    "reaction_verb": """
        react respond welcome reject hail slam condemn applaud oppose support back""",
    # A verb that is a cue only with "of" after it: "What did X make of the reply?"
    "cue_with_of": "make",
    # A verb that is a cue with the particle "up": "Why did X bring up the tariffs?"
    "cue_with_up": "bring",
    "stance_noun": """
        view views position stance reaction response take opinion verdict comment comments
        remark remarks word words statement assessment attitude thought thoughts plan plans
        answer reply message warning criticism explanation account argument feeling feelings
        concern concerns complaint complaints objection objections prediction predictions
        advice excuse demand demands promise pledge case point proposal plea appeal pitch
        intention intentions quote quotes quotation quotations""",
    # Verbs whose object is what the speaker judged, so the topic: "criticise the answer",
    # "welcome the proposal" (a stance noun after other cues is what was asked for).
    "judging_verb": """
        criticise criticize praise dismiss deny defend justify blame question welcome reject
        hail slam condemn applaud oppose support back accept endorse""",
    # A verb that is a cue with a stance noun as object: "make the case", "give a warning".
    "cue_with_stance_object": "make give issue offer deliver raise voice express",
    "listener_verb": "tell inform brief assure warn remind promise ask urge give",
    # A verb that asks the assistant for a stance noun: "Give me a quote from X on Y".
    "request_verb": "give show find get bring share",
    # The preposition that links a cue to what it is about: "say about", "view of", "react to".
    "topic_preposition": "about on regarding concerning of over to towards toward for with as",
    "complementiser": "that",
    # A who-said question opening: "Which minister warned ...", "Whose spokesman said ...".
    "who_opener": "who which whose",
    # A who-said opening that describes nobody in particular: "Which person said ...".
    "anyone_noun": "person people one man woman someone somebody anyone anybody speaker",
    # The auxiliary a question opens with before its subject and bare verb ("How did X say").
    "do_aux": "do does did",
    # Words that join an office to the body it belongs to: "editor of", "director at".
    "office_joiner": "of at for",
    # Words that join an office's words ("spokesman for the Munich prosecutor", "editor of
    # gadget magazine Stuff"): where news introduces the holder, the rest must stand.
    "description_joiner": "the a an of for at in to on and with",
    # Speech verbs that say nothing about the statement: scaffolding even in who-said questions.
    "plain_speech": "say tell quote talk speak",
    # Nouns of a phrase that only links two topics: "in connection with Y", "in relation to Y",
    # "with regard to Y".
    "link_noun": "connection relation regard respect reference",
    # The prepositions around a link noun: before it ("in", "with") and taking Y ("with", "to").
    "link_opener": "in with",
    "link_preposition": "with to",
    "wh_word": "what why how who whom whose which when where whether",
    # Verbs that carry no topic around a cue: "have to say", "want to do about".
    "light_verb": "do have make get",
    # What a question may ask about as a text, never a speaker: "What figure does the report on
    # the budget give?", "What does the article say about Y?".
    "document_noun": """
        report story article piece coverage document paper study survey item text release
        transcript""",
    # Where words were said ("in his statement", "in an interview with the BBC"): the medium,
    # not the topic; what it was about stays ("in his speech about NATO").
    "medium_noun": """
        statement interview speech letter address remark comment message briefing conference
        post tweet column article broadcast podcast testimony memoir book op-ed video""",
    "about_preposition": "about on regarding concerning over",
    # Fact frames ("What figure does the report on X give for Y?"): the words that say what
    # kind of answer is wanted, and how the source hands it over, are scaffolding; Y (what is
    # measured or dated) and X (what the source is about) are the topic.
    # The noun a fact question asks for by kind ("what figure", "which year", "what share of"):
    # no topic unless modified ("the unemployment rate" keeps "rate").
    "answer_type_noun": """
        figure figures number numbers amount amounts sum total date day month year percentage
        percent proportion share rate price cost value age estimate count tally""",
    # Answer types the text writes beside the figure ("17 percent", "a 40% share", "the rate
    # rose to 3%"): kept in the topic though they ask for the kind of answer.
    "held_measure_noun": "percentage percent proportion share rate",
    # The word after "how" that asks for a quantity ("how many troops", "how much money").
    "how_degree": "many much long old often far big large high fast",
    # What "how much" asks for when it names only money ("How much money ..."): the answer type.
    "money_noun": "money cash",
    # Verbs by which a source hands over a figure ("does the report give / put / cite for Y",
    # "is mentioned for Y"): no topic when they carry the answer type.
    "giving_verb": """
        give put cite mention quote state report estimate provide list record show offer""",
    # Prepositions linking the handed-over figure to what it measures ("give for Y", "put on
    # Y", "the number of Y", "put at"): scaffolding, their object the topic.
    "measure_preposition": "for on of to at",
    # Prepositions that introduce a text as the source ("in the report", "from the article").
    "source_preposition": "in from",
    # Prepositions linking a text to what it is about ("the report on X"): X is the topic.
    "text_about_preposition": "on about of regarding concerning",
    # The question put to a speaker ("answer the question about Y"): what they answered, not
    # the topic, which is what the question was about.
    "question_noun": "question questions query queries",
    "scaffold_adverb": "else also too again exactly actually really ever just further",
    # A time phrase that points at a time from where the asker stands ("in that week", "last
    # year", "the same day", "this month"): when something was said or happened, which the
    # article writes as a date or not at all, so no topic word a passage must hold. The
    # time nouns, and the words that make one point.
    "time_noun": """
        day days week weeks weekend month months year years morning afternoon evening night
        season spring summer autumn fall winter quarter period time""",
    "pointing_time": "that this these those last next previous same coming past following",
    # Days named from where the asker stands: a time only when the cue hangs on them ("What
    # did X say on Monday?"), not in a name ("Super Tuesday", "today's films").
    "day_name": "monday tuesday wednesday thursday friday saturday sunday today yesterday",
    # Prepositions a time hangs on ("in that week", "on Monday"); after another ("about that
    # week") the time is what the cue is about.
    "time_preposition": "in on at during over for by since until within throughout",
    # Opening a follow-up that continues the last question: "And what did X say?"
    "continuation_opener": "and but so",
    "continuation_adverb": "also too",
    # A follow-up that keeps the person and changes the topic: "What about Y?", "How about Y?"
    "what_about": "what how",
    "anaphor": "it that this those these there same",
    "third_person": "he she him her his hers they them their",
    "more": "else more other also again",
}

LEXICON: dict[str, frozenset[str]] = {
    word_class: frozenset(words.split()) for word_class, words in _LEXICON_TEXT.items()
}

CUE_VERBS = LEXICON["speech_verb"] | LEXICON["mental_verb"] | LEXICON["reaction_verb"]
# Cues that need an object ("X's view" of what? "How did X react?" to what?): said with none in a
# follow-up, they are about the topic already under discussion.
RELATIONAL_CUES = LEXICON["stance_noun"] | LEXICON["reaction_verb"]
