"""`article_people` keeps what it read of an article for the next question that meets it, within
a bound in characters of the texts kept; a kept answer is the one a fresh read gives, and a
caller changing its list changes nothing kept."""

from __future__ import annotations

import pytest

import app.speaker_index as speaker_index
from app.speaker_index import ArticlePerson, _PeopleCache, article_people

HEADLINE = "Talks with Westland President Ana Vell"
TEXT = "Tom Reed, the Mayor of Ola Tamm Bay, met Bob Hale."


def test_a_second_read_is_the_kept_one_and_equal_to_a_fresh_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = _PeopleCache(10_000)
    monkeypatch.setattr(speaker_index, "_PEOPLE", cache)
    first = article_people(HEADLINE, TEXT)
    assert first == speaker_index._read_people(HEADLINE, TEXT)
    assert ArticlePerson("Ana Vell", ("Westland President",)) in first
    reads: list[str] = []
    monkeypatch.setattr(speaker_index, "_read_people", lambda h, t: reads.append(t) or [])
    kept = list(cache.get((HEADLINE, TEXT)) or ())
    first.clear()  # the caller's own list
    assert article_people(HEADLINE, TEXT) == kept != []
    assert reads == []  # kept: not read again
    assert article_people("", "Ida Vale spoke.") == [] and reads == ["Ida Vale spoke."]


def test_the_texts_kept_stay_within_the_bound_oldest_out_first() -> None:
    cache = _PeopleCache(limit=25)
    people = (ArticlePerson("Tom Reed", ()),)
    cache.put(("", "a" * 10), people)
    cache.put(("", "b" * 10), people)
    assert cache.chars == 20
    cache.get(("", "a" * 10))  # used last: the other goes first
    cache.put(("h", "c" * 9), people)
    assert cache.chars == 20 and cache.get(("", "b" * 10)) is None
    assert cache.get(("", "a" * 10)) == people
    cache.put(("", "d" * 26), people)  # over the bound alone: never kept
    assert cache.get(("", "d" * 26)) is None and cache.chars == 20
