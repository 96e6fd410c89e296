"""Who said what: quotations, transcript turns and reported speech, with their speakers.

Pipeline, per text (all offsets index the original text; `text[q.start:q.end] == q.text`):

1. Transcript turns (`Nils Varo: ...`, `Question:` / `Answer:`), at line starts and inline
   (the Kremlin corpus lost its paragraph breaks). Quotation marks inside a turn are the
   turn speaker's own words and are not extracted again.
2. Direct quotations between straight or curly marks (doubled apostrophes read as marks,
   `quoting.apostrophes`). A quote left open at the end of a
   paragraph continues when the next paragraph opens with a mark (news convention); such a
   quotation is ONE Quote whose text holds the paragraph break and the inner opening mark
   verbatim, so the chunker keeps its paragraphs together. A quote split by its attribution
   (`"First," he said, "second."`) gives one Quote per piece, each with the speaker, so no
   Quote text ever contains attribution words. One- or two-word quotes and short Title Case
   titles are dropped unless a reporting verb attributes them explicitly.
3. Reported speech: `X said/explained/warned ... that CLAUSE` (text = CLAUSE), `X said CLAUSE`,
   `CLAUSE, X said.`, `According to X, CLAUSE`, and a verb whose object carries a partial quote
   (`X called the plan "foolish"`: text = `the plan "foolish"`), all kind "indirect". The
   partial quote itself is also kept as a direct Quote. Each further reporting verb of the
   same subject (`..., adding that ...`, `... and said ...`) starts a statement of its own.
4. Attribution: a speaker phrase next to a reporting verb, after the quote (`," Varo said`,
   `," added the Russian foreign minister`) or before it (`Varo told reporters: "`,
   `According to X, "`). Phrases are resolved to people: names (spaCy NER on the phrase only),
   role nouns via roles introduced earlier ("the Westland spokesman"), pronouns via the most
   recent compatible speaker or mentioned person, and unattributed quote paragraphs continue
   the previous quote's speaker. Names are unified per article (`ingest.speakers`).

spaCy runs only on the short speaker phrases and transcript labels, batched with `nlp.pipe`
and cached, so extraction costs a small fraction of embedding time; phrases the rules seldom
read (`analyse.later_phrases`) are labelled only when a rule asks (`ner.LazyEntities`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ingest.quoting.analyse import analyse, later_phrases
from ingest.quoting.apostrophes import article_span, marks_view
from ingest.quoting.build import build_quotes
from ingest.quoting.ner import SPACY_MODEL, LazyEntities, load_ner, phrase_entities
from ingest.types import Quote


def load_models() -> None:
    """Load the NER pipeline now (about 1.3 s), not inside the first extraction: ingest loads
    it beside the embedding model (`Ingestor.warm`)."""
    load_ner()


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation, transcript turn and reported statement in `text`, sorted by start."""
    return extract_quotes_many([text])[0]


def extract_quotes_many(texts: Sequence[str]) -> list[list[Quote]]:
    """`extract_quotes` for many texts, with one batched NER pass over all speaker phrases."""
    views = [marks_view(t) for t in texts]
    docs = [analyse(v) for v in views]
    phrases: set[str] = set()
    later: set[str] = set()
    for doc in docs:
        phrases |= doc.phrases
        later |= later_phrases(doc)
    entities = LazyEntities(phrase_entities(phrases) if phrases else {}, later)
    found = [build_quotes(doc, entities) for doc in docs]
    return [
        quotes if view is text else [_in_article(text, q) for q in quotes]
        for text, view, quotes in zip(texts, views, found, strict=True)
    ]


def _in_article(text: str, quote: Quote) -> Quote:
    """A quote found in the view of doubled apostrophes, its words read from the article."""
    start, end = article_span(text, quote.start, quote.end)
    return replace(quote, text=text[start:end], start=start, end=end)


__all__ = ["SPACY_MODEL", "extract_quotes", "extract_quotes_many", "load_models"]
