"""Question templates: a named, ordered table, so every item records the form it was asked in.

Each template says which kind it makes and what it needs from the statement (a role written
next to the name, a reporting verb of a certain family, a pronoun the article uses for the
person). `{ref}` is filled with the full name, the surname or 'the <role>'; the form used is
appended to the template name (`st_describe:surname`).
"""

from __future__ import annotations

from typing import NamedTuple


class Template(NamedTuple):
    name: str
    kind: str
    text: str
    cues: frozenset[str] = frozenset()  # reporting-verb lemmas it fits; empty: any
    needs: frozenset[str] = frozenset()  # "pronoun", "np2", "topic2"


def _t(name: str, kind: str, text: str, cues: str = "", needs: str = "") -> Template:
    return Template(name, kind, text, frozenset(cues.split()), frozenset(needs.split()))


TEMPLATES: tuple[Template, ...] = (
    # speaker_topic: the asked person's words on a topic phrased from the article around them
    _t("st_say", "speaker_topic", "What did {ref} say about {topic}?"),
    _t("st_tell", "speaker_topic", "Tell me what {ref} said about {topic}."),
    _t("st_describe", "speaker_topic", "How did {ref} describe {topic}?"),
    _t("st_think", "speaker_topic", "What does {ref} think about {topic}?"),
    _t("st_see", "speaker_topic", "How does {ref} see {topic}?"),
    _t("st_view", "speaker_topic", "What was {ref}'s view on {topic}?"),
    _t("st_did", "speaker_topic", "Did {ref} comment on {topic}?"),
    _t("st_why", "speaker_topic", "Why did {ref} bring up {topic}?"),
    _t("st_how", "speaker_topic", "How did {ref} react to {topic}?"),
    _t("st_quote", "speaker_topic", "Give me a quote from {ref} on {topic}."),
    _t("st_warn", "speaker_topic", "What did {ref} warn about {topic}?", cues="warn"),
    _t("st_want", "speaker_topic", "What does {ref} want on {topic}?", cues="want"),
    _t("st_deny", "speaker_topic", "What did {ref} deny about {topic}?", cues="deny"),
    _t("st_respond", "speaker_topic", "How did {ref} respond on {topic}?", cues="respond"),
    _t("st_admit", "speaker_topic", "What did {ref} admit about {topic}?", cues="admit"),
    _t("st_stress", "speaker_topic", "What did {ref} stress about {topic}?", cues="stress insist"),
    _t("st_explain", "speaker_topic", "How did {ref} explain {topic}?", cues="explain"),
    # who_said: a paraphrase built from the quote's noun phrases, never the quote itself
    _t("ws_spoke", "who_said", "Who spoke about {np1} and {np2}?", needs="np2"),
    _t("ws_talked", "who_said", "Who talked about {np1} in connection with {topic}?"),
    _t("ws_quoted", "who_said", "Which person was quoted on {np1} in the story about {topic}?"),
    _t("ws_warned", "who_said", "Who warned about {np1}?", cues="warn"),
    _t("ws_said_that", "who_said", "Who said something about {np1} and {np2}?", needs="np2"),
    # fact: a number or date from a reported sentence
    _t("fact_percent", "fact", "What percentage is given for {np} in the report on {topic}?"),
    _t("fact_money", "fact", "How much money is mentioned for {np} in the report on {topic}?"),
    _t("fact_count", "fact", "How many {unit} are mentioned for {np} in the report on {topic}?"),
    _t("fact_figure", "fact", "What figure does the report on {topic} give for {np}?"),
    _t("fact_year", "fact", "Which year is given for {np} in the report on {topic}?"),
    # followup: asked after an earlier question about the same person
    _t("fu_pronoun", "followup", "And what did {pronoun} say about {topic}?", needs="pronoun"),
    _t("fu_surname", "followup", "And what did {surname} say about {topic}?"),
    _t("fu_what_about", "followup", "What about {topic}?"),
    _t("fu_describe", "followup", "How did {pronoun} describe {topic}?", needs="pronoun"),
    _t("fu_other_it", "followup", "And what did {full} say about it?", needs="other_person"),
    _t("fu_other_surname", "followup", "What was {surname}'s view?", needs="other_person"),
    # unanswerable: the corpus holds no answer (checked by scanning it)
    _t("un_person_topic", "unanswerable", "What did {ref} say about {topic}?"),
    _t("un_person_topic_think", "unanswerable", "What does {ref} think about {topic}?"),
    _t("un_invented_person", "unanswerable", "What did {ref} say about {topic}?"),
    _t("un_invented_thing", "unanswerable", "What did {ref} say about {topic}?"),
)


def eligible(kind: str, cue: str, available: set[str]) -> list[Template]:
    """Templates of a kind that fit the statement's reporting verb and available fillers."""
    return [
        t
        for t in TEMPLATES
        if t.kind == kind and (not t.cues or cue in t.cues) and t.needs <= available
    ]
