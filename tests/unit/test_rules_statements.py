"""Reported-statement rules, one table row per rule: the statement span, its speaker phrase,
cue and the rule that must have produced it. NER-free (`analyse`), so no spaCy is loaded."""

from __future__ import annotations

import re

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.cues import CUE_RULES
from ingest.quoting.model import Statement
from ingest.quoting.officename import office_modifier
from ingest.quoting.reported import STATEMENT_RULES
from ingest.quoting.subjects import ALPHA, name_head
from ingest.quoting.table import rule_names


def statement(text: str, span: str) -> Statement:
    """The statement whose text is `span`; fails listing what was found instead."""
    found = {text[s.start : s.end]: s for s in analyse(text).indirect}
    assert span in found, f"{span!r} not among {list(found)}"
    return found[span]


# (text, statement span, speaker phrase, cue, rule)
STATEMENTS = [
    (  # markup before the sentence is no part of the speaker's name
        '<tweet tweet-date="March 10, 2016\n">Orlo said that the harbour is "ready for spring."',
        'the harbour is "ready for spring."',
        "Orlo",
        "said",
        "that_clause",
    ),
    (  # an opening phrase is no statement: the sentence after its comma is (`_opening_phrase`)
        "In a statement on Monday, Harbourline said it would reopen the pier in May.",
        "it would reopen the pier in May",
        "Harbourline",
        "said",
        "thatless_clause",
    ),
    (
        "In some ports, Dana Orlo said, the cranes were idle for a week.",
        "In some ports, Dana Orlo said, the cranes were idle for a week",
        "Dana Orlo",
        "said",
        "interposed",
    ),
    (
        "Any fair reading of the plan, said Dana Orlo, a lawyer, would find it wrong.",
        "Any fair reading of the plan, said Dana Orlo, a lawyer, would find it wrong",
        "Dana Orlo",
        "said",
        "interposed_verb_first",
    ),
    (  # no verb goes on after the apposition: the clause before the attribution is all
        "The plan is dead, said Dana Orlo, a lawyer, in a statement.",
        "The plan is dead",
        "Dana Orlo",
        "said",
        "trailing_inverted",
    ),
    (
        "According to the city council, the bridge will reopen in May.",
        "the bridge will reopen in May",
        "the city council",
        "according to",
        "leading_according",
    ),
    (
        "As the Daily Ledger reported, the bridge will reopen in May.",
        "the bridge will reopen in May",
        "the Daily Ledger",
        "reported",
        "leading_according",
    ),
    (
        "The bridge will reopen in May, the mayor said.",
        "The bridge will reopen in May",
        "the mayor",
        "said",
        "trailing_attribution",
    ),
    (
        '"A costly mistake" if the council waits, the harbour will sink, said Dana Orlo.',
        '"A costly mistake" if the council waits, the harbour will sink',
        "Dana Orlo",
        "said",
        "trailing_inverted",
    ),
    (  # a name between commas before its verb and clause is the subject, the office before
        # it an apposition, not a statement (`attributions._opens_main_clause`)
        "Tom Reed's press secretary, Ana Vell, told the Westland Courier that the pier is safe.",
        "the pier is safe",
        "Ana Vell",
        "told",
        "that_clause",
    ),
    (
        "One delegate from the harbour slate, Ida Vale, told the Courier she backs the plan.",
        "she backs the plan",
        "Ida Vale",
        "told",
        "thatless_clause",
    ),
    (  # a wire dateline opening the sentence is no part of the participle's subject
        "Eastport (Wire News) – Dana Orlo took a swipe at the plan, saying that the harbour "
        "cannot wait.",
        "the harbour cannot wait",
        "Dana Orlo",
        "saying",
        "that_clause",
    ),
    (
        "EASTPORT — Dana Orlo took a swipe at the plan, saying that the harbour cannot wait.",
        "the harbour cannot wait",
        "Dana Orlo",
        "saying",
        "that_clause",
    ),
    (  # a speech verb after a comma and before a name opens no `said CLAUSE` of its own
        "The bridge will reopen in May, said Dana Orlo.",
        "The bridge will reopen in May",
        "Dana Orlo",
        "said",
        "trailing_inverted",
    ),
    (
        'In the poorer districts, she said, "nobody has seen a doctor" in months.',
        'In the poorer districts, she said, "nobody has seen a doctor" in months',
        "she",
        "said",
        "interposed",
    ),
    (
        "Dana Orlo said on Monday that the bridge would reopen in May.",
        "the bridge would reopen in May",
        "Dana Orlo",
        "said",
        "that_clause",
    ),
    (
        "Dana Orlo said the bridge would reopen in May.",
        "the bridge would reopen in May",
        "Dana Orlo",
        "said",
        "thatless_clause",
    ),
    (
        'Orlo called the plan "a costly mistake" on Monday.',
        'the plan "a costly mistake"',
        "Orlo",
        "called",
        "quoted_object",
    ),
    (
        'Orlo thanked the volunteers for "their tireless work".',
        'the volunteers for "their tireless work"',
        "Orlo",
        "thanked",
        "quoted_object",
    ),
    (
        'Orlo toured the pier for "a first look at the damage".',
        'the pier for "a first look at the damage"',
        "Orlo",
        "toured",
        "subject_verb_object",
    ),
    (
        'Orlo thanks voters who backed "the harbor plan" last year.',
        'voters who backed "the harbor plan" last year',
        "Orlo",
        "thanks",
        "subject_verb_object",
    ),
    (
        'They are touring the pier for "a first look at the damage".',
        'the pier for "a first look at the damage"',
        "They",
        "touring",
        "subject_verb_object",
    ),
    (
        "The minister expressed gratitude to the volunteers for their work.",
        "gratitude to the volunteers for their work",
        "The minister",
        "expressed",
        "noun_object:expressed_feeling",
    ),
    (  # thanks with no one thanked: what the thanks were for (`THANKED_FOR_VERBS`)
        "The President of Westland thanked for the assistance provided by the harbour states.",
        "the assistance provided by the harbour states",
        "The President of Westland",
        "thanked for",
        "noun_object:thanked_for",
    ),
    (
        "The minister called for a ceasefire in the region.",
        "a ceasefire in the region",
        "The minister",
        "called for",
        "noun_object:called_for",
    ),
    (
        "The council urged the residents to save water this summer.",
        "the residents to save water this summer",
        "The council",
        "urged",
        "noun_object:urged_to",
    ),
    (  # a held view before `that` (`_view_cue`): official readouts give positions this way
        "Dana Orlo believes that the harbour will reopen in May.",
        "the harbour will reopen in May",
        "Dana Orlo",
        "believes",
        "that_clause:view",
    ),
    (
        "The mayor is convinced that the harbour will reopen in May.",
        "the harbour will reopen in May",
        "The mayor",
        "convinced",
        "that_clause:view",
    ),
    (
        "Ms Orlo pointed out that the harbour had reopened in May.",
        "the harbour had reopened in May",
        "Ms Orlo",
        "pointed out",
        "that_clause:view",
    ),
]


@pytest.mark.parametrize(
    ("text", "span", "np", "cue", "rule"), STATEMENTS, ids=[row[4] for row in STATEMENTS]
)
def test_statement_rule(text: str, span: str, np: str, cue: str, rule: str) -> None:
    found = statement(text, span)
    assert (found.np, found.cue, found.rule) == (np, cue, rule)


# Chaining: each further reporting verb of a speaker starts a statement of its own.
# (text, spans with their speaker phrase, cue and rule, in text order)
CHAINS = [
    (
        "Orlo said the bridge would reopen in May, adding that the road would follow.",
        [
            ("the bridge would reopen in May", "Orlo", "said", "thatless_clause"),
            ("the road would follow", "Orlo", "adding", "chained_verb"),
        ],
    ),
    (
        "Orlo said the bridge would reopen in May and said the road would follow.",
        [
            ("the bridge would reopen in May", "Orlo", "said", "thatless_clause"),
            ("the road would follow", "Orlo", "said", "chained_verb"),
        ],
    ),
    (
        "Orlo said the bridge would reopen in May, while Lee said that the road would stay shut.",
        [
            ("the bridge would reopen in May", "Orlo", "said", "thatless_clause"),
            ("the road would stay shut", "Lee", "said", "chained_new_subject"),
        ],
    ),
    (
        'Orlo called the plan "a costly mistake" and ranked it "the worst in years."',
        [
            ('the plan "a costly mistake"', "Orlo", "called", "quoted_object"),
            ('it "the worst in years."', "Orlo", "ranked", "coordinated_object"),
        ],
    ),
    (
        # the participle's own subject is the attribution before it (resolved when quotes
        # are built: the speaker of the statement it follows)
        "The bridge will reopen in May, Orlo said, adding that the road would follow soon.",
        [
            ("The bridge will reopen in May", "Orlo", "said", "trailing_attribution"),
            ("the road would follow soon", "", "adding", "chained_participle"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CHAINS, ids=[c[0][:40] for c in CHAINS])
def test_chaining_rule(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    found = [(text[s.start : s.end], s.np, s.cue, s.rule) for s in analyse(text).indirect]
    assert found == expected


# End trims and frames: what the statement leaves out. (text, statement span, rule)
BOUNDS = [
    # a reported clause runs on past a comma after its quotation, to the end of its sentence
    (
        'Orlo said the repairs were "long overdue," given how long the bridge had been shut.',
        'the repairs were "long overdue," given how long the bridge had been shut',
        "thatless_clause",
    ),
    (
        'Orlo told the council that the dock is "ready," and that the ferry can sail in May.',
        'the dock is "ready," and that the ferry can sail in May',
        "that_clause",
    ),
    # unless a capital follows the comma: a sentence whose full stop is missing
    (
        'Orlo said that the airline "deeply regrets the delays," The inquiry will focus on fares.',
        'the airline "deeply regrets the delays,"',
        "that_clause",
    ),
    # a verb's quoted object still ends at a comma after the quotation
    (
        'Orlo called the plan "a costly mistake," given how long the bridge had been shut.',
        'the plan "a costly mistake,"',
        "quoted_object",
    ),
    # `, a swipe at ...`: the writer's comment on the statement
    (
        'Orlo said the plan was "a costly mistake," a swipe at her rival.',
        'the plan was "a costly mistake,"',
        "thatless_clause",
    ),
    # a dash and a conjunction open the writer's own clause
    (
        'Orlo said the plan was "a costly mistake" - but the council voted for it anyway.',
        'the plan was "a costly mistake"',
        "thatless_clause",
    ),
    # a dash no second dash closes, after the last quotation: the writer's comment
    (
        'Orlo said she was "encouraged" by the plan - a rare boost for the council.',
        'she was "encouraged" by the plan',
        "thatless_clause",
    ),
    (  # a dash pair is an aside inside the clause
        'Orlo said the "new" plan - which Lee wrote - would reopen the port.',
        'the "new" plan - which Lee wrote - would reopen the port',
        "thatless_clause",
    ),
    # a semicolon after the last quotation ends the reported clause
    (
        'Orlo said the plan was "a costly mistake" for the port; the council voted for it.',
        'the plan was "a costly mistake" for the port',
        "thatless_clause",
    ),
    # a comma, a name and a verb after the last quotation: the writer's next sentence
    (
        'Orlo called the plan "a costly mistake" before the vote, Lee jabbed at her on Monday.',
        'the plan "a costly mistake" before the vote',
        "quoted_object",
    ),
    # `, who ...` to the end after the last quotation: the writer's note on a person
    (
        'Orlo said she "can beat" the mayor, Dana Lee, who won the harbour vote in May.',
        'she "can beat" the mayor, Dana Lee',
        "thatless_clause",
    ),
    (  # a relative clause that a second comma closes sits inside the reported clause
        'Orlo said she was "pleased" that Lee, who chairs the board, will stay on.',
        'she was "pleased" that Lee, who chairs the board, will stay on',
        "thatless_clause",
    ),
    # where the words appeared
    (
        'Orlo called the plan "a costly mistake" in a radio interview.',
        'the plan "a costly mistake"',
        "quoted_object",
    ),
    # `, which ...` / `, as ...` after the last quotation: the writer's comment on it
    (
        'Orlo said the plan was "a costly mistake" for the port, which angered the council.',
        'the plan was "a costly mistake" for the port',
        "thatless_clause",
    ),
    (
        'Lee said the city had "done its part" on the levee, as have the two counties.',
        'the city had "done its part" on the levee',
        "thatless_clause",
    ),
    # `while` and a name a few words after the last quotation: a clause about someone else
    (
        'Orlo accuses Lee of a "cheap trick" on the levee while Lee rebuilds the dock.',
        'Lee of a "cheap trick" on the levee',
        "quoted_object",
    ),
    # a quotation that a colon introduces is what the verb's subject said, not the words
    # between the verb and the colon
    (
        'Dana Orlo responded pointedly, with a smile: "It can happen at any age." They laughed.',
        '"It can happen at any age."',
        "quoted_object",
    ),
    # `what X calls "..."` is a noun phrase of the writer's sentence
    (
        'Critics railed against what Orlo calls the "harbour scheme" and left the hall.',
        'what Orlo calls the "harbour scheme"',
        "quoted_object",
    ),
]


@pytest.mark.parametrize(("text", "span", "rule"), BOUNDS, ids=[b[0][:40] for b in BOUNDS])
def test_statement_bounds(text: str, span: str, rule: str) -> None:
    assert statement(text, span).rule == rule


# Sentences that report no statement: (case, text)
NO_STATEMENTS = [
    (  # a prepositional phrase after the verb is a topic, not said words (`_prepositional_object`)
        "a_topic_after_about_is_no_object",
        'Dana Orlo talked about the "harbour lobby" and its money.',
    ),
    (
        "a_place_after_in_is_no_object",
        'The mayor joined in the "harbour parade" on Sunday.',
    ),
    (  # a phrase before the subject is no clause that the words after its comma attribute
        "an_opening_prepositional_phrase_is_no_statement",
        "In a statement on Monday, Dana Orlo thanked the harbour workers.",
    ),
    (
        "an_opening_participle_phrase_is_no_statement",
        "Speaking on the radio, Dana Orlo thanked the harbour workers.",
    ),
    (
        "an_opening_time_phrase_is_no_statement",
        "For his part, the mayor thanked the harbour workers for their help.",
    ),
    (  # an -s word after a number or a possessive is a noun (`_counted_noun`)
        "a_counted_noun_is_no_verb",
        'Two hours after the "harbour hearing" ended, the council voted.',
    ),
    (
        "an_owned_noun_is_no_verb",
        'Her links to the "harbour lobby" have drawn criticism from the council.',
    ),
    (  # verbs of having, moving and handling things (`NARRATIVE_VERBS`)
        "a_narrative_verb_reports_no_object",
        'Dana Orlo signed the harbor law "On the Protection of Piers" on Monday.',
    ),
    (
        "a_narrative_verb_in_its_past_form",
        'Mayor Dana Orlo laid flowers at the memorial "To the Harbor Workers of 1921" today.',
    ),
    (  # a form of `be` and its complement (`BE_FORMS`), not a verb and its object
        "a_copula_and_an_adjective_report_no_object",
        'They are surprisingly skeptical of the "harbor economy" that their town built.',
    ),
    (
        "a_copula_and_a_noun_report_no_object",
        'He is now host of "The Harbor Hour" on the local station.',
    ),
    (
        "a_linking_verb_and_its_complement_report_no_object",
        'Orlo appears weak before the "harbor offensive" of the council.',
    ),
    (  # `Party elders did ...`: the -s word before an auxiliary or past tense is a noun
        "a_plural_noun_before_an_auxiliary_is_no_verb",
        'Harbor elders did produce an "autopsy" about the need to change.',
    ),
    (
        "a_plural_noun_before_a_past_tense_is_no_verb",
        'Harbor targets included the port fund, marked as a "high priority" donor.',
    ),
    (  # a passive participle opening the sentence: the mayor was reminded (`_opens_sentence`)
        "an_opening_passive_participle_reports_nothing",
        "Reminded that the harbour had closed, the mayor went home.",
    ),
    (  # a cue after `to` is what the clause led to, no attribution (`_infinitive_cue`)
        "an_infinitive_after_the_comma_attributes_nothing",
        "Ten million harbour tickets were sold in May, prompting Ana Vell to declare it a record.",
    ),
    (  # a name and its office before the verb say nothing (`_names_only`)
        "a_name_and_its_office_are_no_statement",
        "Dana Orlo, Harbour and Ferries Minister, announced the decision in Lowtown.",
    ),
    (  # a passive view names no one who holds it
        "a_passive_belief_is_no_statement",
        "It is also believed that the harbour will reopen in May.",
    ),
    (
        "a_passive_particle_view_is_no_statement",
        "It should be pointed out that the harbour reopened in May.",
    ),
    (  # the `that` after a noun opens a relative clause, not the view's content
        "a_that_after_the_object_of_a_view_is_relative",
        'Orlo believes in journalism that "takes sides."',
    ),
    (  # a negated view is a doubt, not the clause as the subject's view
        "a_negated_view_is_no_statement",
        "Her advisers are not convinced that the harbour will reopen in May.",
    ),
    (
        "a_negated_belief_is_no_statement",
        "Orlo doesn't believe that the harbour will reopen in May.",
    ),
    (  # a view verb is no speech verb after a quote
        "a_view_verb_needs_its_that",
        "Orlo believes the harbour will reopen in May.",
    ),
]


@pytest.mark.parametrize(("case", "text"), NO_STATEMENTS, ids=[r[0] for r in NO_STATEMENTS])
def test_no_statement(case: str, text: str) -> None:
    assert not analyse(text).indirect


# Known gaps, kept visible: each must fail until a rule fixes it (then move it up).
KNOWN_GAPS = [
    pytest.param(
        "Orlo's claim that the bridge was safe drew criticism from engineers.",
        "the bridge was safe",
        id="a reporting noun's clause runs on into the main verb",
    ),
]


@pytest.mark.parametrize(("text", "span"), KNOWN_GAPS)
@pytest.mark.xfail(strict=True, reason="known gap of the statement rules")
def test_known_statement_gaps(text: str, span: str) -> None:
    statement(text, span)


def test_every_statement_and_cue_rule_has_a_case() -> None:
    tested = {row[4] for row in STATEMENTS}
    tested |= {rule for _, rows in CHAINS for *_, rule in rows}
    names = set(rule_names(STATEMENT_RULES)) - {"reporting_verb"}  # its cues name themselves
    names |= set(rule_names(CUE_RULES)) - {"noun_object"}  # `noun_object:NAME` per family
    assert names <= tested, names - tested


# (text, the verb-like word, is it the head of a name): `subjects.name_head`
NAME_HEADS = [
    pytest.param("leaders said the United States should act", "States", True, id="the United"),
    pytest.param("the Foreign States and their allies", "States", True, id="the Foreign"),
    pytest.param("Mayor Ana Vell Says Piers Will Reopen", "Says", False, id="a headline verb"),
    pytest.param("The Mayor Says Piers Will Reopen", "Says", False, id="a headline The"),
    pytest.param("the mayor says the piers will reopen", "says", False, id="a lowercase verb"),
    pytest.param("the Mayor, Says Vell", "Says", False, id="punctuation between"),
]


@pytest.mark.parametrize(("text", "word", "head"), NAME_HEADS)
def test_name_head(text: str, word: str, head: bool) -> None:
    assert name_head(text, *_word_at(text, word)) is head


def _word_at(text: str, word: str) -> tuple[list[re.Match[str]], int]:
    """The text's words and the index of `word` among them, as `verb_tokens` passes them."""
    words = list(ALPHA.finditer(text))
    return words, next(n for n, w in enumerate(words) if w.group() == word)


# (text, the verb-like word, is it part of the office after it): `subjects.office_modifier`
OFFICE_MODIFIERS = [
    pytest.param("Tom Reed's Westland state director, Ana Vell,", "state", True, id="owner's"),
    pytest.param("Westland state senator Ana Vell said", "state", True, id="before a name"),
    pytest.param("Tom Reed said officials lied", "said", False, id="a plural object"),
    pytest.param("the directors state director pay rose", "state", False, id="lowercase before"),
    pytest.param("Tom Reed, state director", "state", False, id="comma before"),
    pytest.param("Westland state the plan works", "state", False, id="no office after"),
    pytest.param("Ana Vell told host Tom Reed", "told", False, id="an irregular past"),
    pytest.param("Ana Vell warned aide Tom Reed", "warned", False, id="a past"),
    pytest.param("Ana Vell tells aide Tom Reed", "tells", False, id="a third person"),
]


@pytest.mark.parametrize(("text", "word", "modifier"), OFFICE_MODIFIERS)
def test_office_modifier(text: str, word: str, modifier: bool) -> None:
    assert office_modifier(text, *_word_at(text, word)) is modifier
