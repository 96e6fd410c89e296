"""Who-said questions nobody in the articles answers: a name no article holds is declined
plainly, and a statement no quotation comes close to is declined with the closest quotation
shown as the closest, never framed as the answer (issue 16)."""

from __future__ import annotations

import pytest

from app.said_it import NOBODY_SAID

# question, the answer's first words, declined
CASES = [
    # A named thing no article mentions: nobody in them said anything about it.
    ("Who said the steel in Westland is tired?", "No article mentions Westland.", True),
    (
        "Which person was quoted on the bridge in the story about Westland Mining?",
        "No article mentions Westland Mining.",
        True,
    ),
    # A statement nobody made, near no quotation in words or meaning: the closest, as such.
    ("Who said that the council will sell the bridge?", NOBODY_SAID, True),
    ("Who spoke about the night nurses and the apple blossom?", NOBODY_SAID, True),
    # A statement of two phrases, a quotation on one whose passage has no word of the other.
    ("Who spoke about the bridge traffic and the apple prices?", NOBODY_SAID, True),
    # ... or only a common word of the other ("night", in two articles), not its rarest ("shift").
    ("Who spoke about the blossom and the night shift?", NOBODY_SAID, True),
    # ... asked as a clause: the absent phrase is far in meaning from every sentence there too.
    ("Who said that the bridge traffic and the apple prices would rise?", NOBODY_SAID, True),
    # A statement of one phrase met by one common word of it alone ("night", in two articles;
    # the rarer "shift" in no passage), or by none, the story's words alone near.
    (
        "Which person was quoted on the night shift in the story about the orchard growers?",
        NOBODY_SAID,
        True,
    ),
    (
        "Which person was quoted on the night shift in the story about the harbour bridge?",
        NOBODY_SAID,
        True,
    ),
    # A statement of one phrase whose words stand in two sentences ("steel", "lane"), in an
    # article holding only part of the story asked about ("city", not "ferry").
    (
        "Which person was quoted on the steel lanes in the story about the city ferry?",
        NOBODY_SAID,
        True,
    ),
    # ... or one of two phrases so, no story asked about to vouch for it.
    ("Who spoke about the steel lanes and the traffic?", NOBODY_SAID, True),
    # A quotation from an article that never names the story asked about.
    (
        "Which person was quoted on the tired steel in the story about the valley orchards?",
        NOBODY_SAID,
        True,
    ),
    ("Who talked about the tired steel in connection with the frost fans?", NOBODY_SAID, True),
    # ... or names one word of it only ("city", not "ferry"): an article on another story.
    ("Who talked about the tired steel in connection with the city ferry?", NOBODY_SAID, True),
    # Statements that were made are answered with their speaker, every phrase in the passage,
    # the story asked about in the article.
    (
        "Which person was quoted on the tired steel in the story about the harbour bridge?",
        "Alma Ruiz",
        False,
    ),
    ("Who talked about the apple prices in connection with the late frost?", "Priya Shah", False),
    # ... its words apart, but the whole story asked about in the passage; or together in one.
    (
        "Which person was quoted on the steel lanes in the story about the harbour bridge?",
        "Alma Ruiz",
        False,
    ),
    ("Who spoke about the tired steel and the traffic?", "Alma Ruiz", False),
    ("Who said something about the blossom and the apple prices?", "Priya Shah said", False),
    ("Who spoke about the nurses and the bakers?", "Alma Ruiz", False),
    ("Who spoke about the blossom and the single night?", "Priya Shah said", False),
    ("Who spoke about the single night?", "Priya Shah said", False),
    ("Who talked about the bakers in connection with the night ferry?", "Alma Ruiz", False),
    ("Who said the steel is tired?", "Alma Ruiz", False),
    ("Who said prices for apples will rise?", "Priya Shah said", False),
]


@pytest.mark.parametrize(("question", "start", "declined"), CASES)
def test_who_said_answers_and_declines(fake_desk, question, start, declined) -> None:
    answer = fake_desk.ask(question)
    assert answer.answer.startswith(start)
    assert answer.abstained is declined


def test_the_closest_quotation_is_cited_but_nobody_is_said_to_have_said_it(fake_desk) -> None:
    answer = fake_desk.ask("Who said that the council will sell the bridge?")
    assert answer.speaker is None and len(answer.citations) == 1
    assert answer.citations[0].speaker == "Alma Ruiz"
    assert answer.citations[0].text in fake_desk.article(answer.citations[0].article_id).text


def test_a_name_no_article_holds_declines_a_general_question_too(fake_desk) -> None:
    answer = fake_desk.ask("When will the bridge in Westland open?")
    assert answer.abstained and not answer.citations
    assert answer.answer == "No article mentions Westland."
