"""Stable identifiers: the same article always gets the same id and chunk ids."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.types import Article

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Whitespace-insensitive form, so re-wrapping a file does not make a new article."""
    return _WS.sub(" ", text).strip().lower()


def derive_article_id(text: str, url: str | None = None) -> str:
    """Id for an article that came without one: from its url if any, else from its text."""
    basis = url.strip() if url and url.strip() else normalise_text(text)
    return "a-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def article_hash(article: Article) -> str:
    """Content hash over the text and every stored field: a change to any replaces the article."""
    h = hashlib.sha1()
    for part in (
        article.text,
        article.title,
        article.source,
        article.published,
        article.url,
        article.section,
    ):
        h.update((part or "").encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def chunk_id(article_id: str, index: int) -> str:
    return f"{article_id}:{index}"


def quote_id(article_id: str, index: int) -> str:
    return f"{article_id}:q{index}"
