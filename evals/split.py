"""Dev/test split of evaluation items by article (stdlib only, so the verifier can use it).

Every generated or hand-written question is assigned to the split of the article its gold span
comes from, so a ranker fitted on dev never sees a test article. The split is a hash of the
article id, not a random draw: it is the same on every machine and every run, adding articles
never moves the old ones, and the hand-written sets can be split by the same rule. Articles
that are exact duplicates of each other (the BBC's `duplicates.json` groups) are hashed by
their group's first id, so a story and its copy always fall in the same split.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

SPLITS = ("dev", "test")
# Questions from articles outside the eval subset (`evals.generate --fit`): they train the
# ranker beside dev and are never scored, so no article hash assigns them.
FIT = "fit"
SALT = "quotedesk-split-v1"


def stable_hash(key: str, salt: str = SALT) -> int:
    """A 64-bit integer from sha256: stable across processes (unlike `hash()`)."""
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def group_keys(groups: Iterable[Sequence[str]]) -> dict[str, str]:
    """article id -> the id its split is hashed by: the sorted-first id of its duplicate group."""
    keys: dict[str, str] = {}
    for group in groups:
        first = min(group)
        for article_id in group:
            keys[article_id] = first
    return keys


def split_of(article_id: str, keys: Mapping[str, str] | None = None) -> str:
    """'dev' or 'test' for an article: about half each."""
    key = (keys or {}).get(article_id, article_id)
    return SPLITS[stable_hash(key) % 2]
