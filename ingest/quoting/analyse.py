"""The rule passes that need no NER, run over one text: transcript labels, quote pieces and
their speaker phrases, reported statements, roles and narrative names, gathered in `Findings`.

Everything here is rules over the text, so the rule tables can be tested on made-up text
without loading spaCy; speakers are resolved afterwards (`build`), with NER on the phrases.
"""

from __future__ import annotations

from ingest.quoting.according import source_of_statement
from ingest.quoting.attributions import opening_subjects
from ingest.quoting.descriptions import context_sentences
from ingest.quoting.labels import QA_LABELS, find_labels
from ingest.quoting.marks import attach_phrase, find_pieces
from ingest.quoting.model import Findings
from ingest.quoting.nameshapes import plain_name
from ingest.quoting.narrative import narrative_names
from ingest.quoting.quoted_turns import quoted_label
from ingest.quoting.reported import find_indirect
from ingest.quoting.roles import find_roles
from ingest.text import paragraph_spans, sentence_spans


def analyse(text: str) -> Findings:
    """Run the NER-free passes: turns, quote pieces, speaker phrases, roles, reported speech."""
    doc = Findings(text=text, paragraphs=paragraph_spans(text), sentences=[])
    for p_start, p_end in doc.paragraphs:
        doc.sentences.extend(sentence_spans(text, p_start, p_end))
    doc.labels = find_labels(text)
    doc.phrases |= {lab.text for lab in doc.labels}
    qa = [lab.pos for lab in doc.labels if lab.text.lower() in QA_LABELS]
    if qa:
        doc.preamble = text[max(0, qa[0] - 300) : qa[0]].strip()
        doc.phrases.add(doc.preamble)
    doc.pieces = find_pieces(text, doc.paragraphs)
    for piece in doc.pieces:
        labelled = quoted_label(text, piece)
        if labelled:  # `"Lena Brook: Seriously, ..."`: the label names the speaker
            piece.attribute(labelled.subject)
            piece.start = labelled.body
            continue
        attach_phrase(doc, piece)
    doc.indirect = [source_of_statement(text, s) for s in find_indirect(doc)]
    doc.roles = find_roles(text)
    doc.phrases |= {p.np for p in doc.pieces if p.np}
    # a guessed subject is kept only if NER backs it up (`X's Ada Orvik agreed. "..."`)
    doc.phrases |= {p.fallback.np for p in doc.pieces if p.fallback}
    doc.phrases |= {s.np for s in doc.indirect}
    doc.subjects = opening_subjects(doc)
    doc.phrases |= {s.np for s in doc.subjects}
    doc.phrases |= {r.name for r in doc.roles if not plain_name(r.name)}
    doc.names = narrative_names(doc)
    # `the company said`: the names before it. Read for nearly every description (226 of 236
    # sentences in 300 BBC articles even when read lazily), so labelled in the batch.
    doc.phrases |= context_sentences(doc)
    return doc


def later_phrases(doc: Findings) -> set[str]:
    """Phrases the rules read now and then, for NER to label only when a rule asks
    (`ner.LazyEntities`): the narrative names, read when a pronoun or an epithet speaker
    points back and NER must confirm the name, and the names of people given a role that are
    plain names (`Westland spokesman Eda Kron`), which the resolver takes as they stand
    (`Resolver._person_in`). Of the 355 such phrases of 300 BBC articles, NER was asked
    about 15; of the 667 of 300 press articles, none."""
    plain_roles = {r.name for r in doc.roles if plain_name(r.name)}
    return {n.name for n in doc.names} | plain_roles
