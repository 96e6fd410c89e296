"""The spaCy pipeline that reads questions, loaded once per process, and the names its tokens
go by in this package's signatures."""

from __future__ import annotations

import threading
from typing import Any

from ingest.quoting.ner import load_spacy

# spaCy's types are kept out of the signatures: a question parse is read in this package only.
Token = Any
Doc = Any

_LOCK = threading.Lock()
_PIPELINE: list[Any] = []  # loaded once per process, on the first question


def nlp() -> Any:
    """The English pipeline without NER (names come from the speaker index, not from NER);
    loaded on the first question, so importing the app stays fast, and only once even when
    the first questions arrive together."""
    with _LOCK:
        if not _PIPELINE:
            # Only the pipes read here (`pos_`, `dep_`, `lemma_`, the tree): not NER, nor the
            # sentence recogniser this model loads disabled.
            _PIPELINE.append(load_spacy(exclude=["ner", "senter"]))
        return _PIPELINE[0]
