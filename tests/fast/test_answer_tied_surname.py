"""A full name asked, only the surname quoted: the answer takes the surname's words when the
article quoting them names that person, and otherwise says no article quotes them (made-up
store, fake embedder)."""

from __future__ import annotations

import pytest

from tests.helpers import fake_desk_with

ARTICLE = {
    "id": "quill-1",
    # The full name only in the headline: extraction leaves the quotes to "Quill" (a name in
    # the text itself links the surname to it at ingest, tests/unit/test_article_links.py).
    "title": "Ora Leo Quill returns to the stage",
    "text": (
        "The singer can add another title to his list.\n\n"
        '"I love the harbour and the ferries that leave it," Quill said.\n\n'
        '"The harbour is where I learned to sing," Quill added.\n\n'
        "The show plays the Pier Hall from May 5 through May 12."
    ),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    return fake_desk_with(tmp_path_factory.mktemp("tied"), [ARTICLE])


def test_the_article_ties_the_full_name_to_the_surname(desk) -> None:
    assert [s.name for s in desk.speaker_index().speakers()] == ["Quill"]
    answer = desk.ask("What did Ora Leo Quill say about the harbour?")
    assert not answer.abstained
    assert answer.citations and "harbour" in answer.citations[0].text
    assert "No article quotes" not in answer.answer


def test_a_first_name_no_article_gives_is_said(desk) -> None:
    answer = desk.ask("What did Jan Quill say about the harbour?")
    assert answer.answer.startswith("No article quotes Jan Quill")
