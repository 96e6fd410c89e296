"""Doubled apostrophes read as quotation marks (`ingest.quoting.apostrophes`): the view's
table of cases, and quotes found through it end to end, their words the article's own."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.quoting.apostrophes import article_span, marks_view

# (case, text, view): the view is as long as the text and changes only marks
VIEWS = [
    ("opens_a_paragraph", "''We will win.''", " “We will win.” "),
    ("closes_before_comma_speech", "''Yes,'' she said.", " “Yes,”  she said."),
    ("opens_after_a_space", "He said ''no'' twice.", "He said  “no”  twice."),
    ("opens_after_a_bracket", "(''Never'')", "( “Never” )"),
    ("closes_before_a_full_stop", "a ''scare''.", "a  “scare” ."),
    ("single_apostrophes_stay", "Ana's view, the players' bus.", "Ana's view, the players' bus."),
    ("between_two_words_stays", "a''b", "a''b"),
    ("between_two_spaces_stays", "a '' b", "a '' b"),
    ("tripled_closes_an_inner_quotation", "said 'no,''' he", "said 'no,'”  he"),
    ("tripled_opens_an_inner_quotation", "'''Sir, no.", " “'Sir, no."),
    ("tripled_between_two_spaces_stays", "a ''' b", "a ''' b"),
]


@pytest.mark.parametrize(("case", "text", "view"), VIEWS, ids=[c[0] for c in VIEWS])
def test_marks_view(case: str, text: str, view: str) -> None:
    assert marks_view(text) == view
    assert len(marks_view(text)) == len(text)


def test_text_without_doubled_apostrophes_is_its_own_view() -> None:
    text = "“Fine,” said Ola Tamm."
    assert marks_view(text) is text


def test_article_span_widens_to_both_apostrophes() -> None:
    text = "said: ''It is a disgrace.'' Then"
    inner = text.index("'It")
    assert text[slice(*article_span(text, inner, inner + 20))] == "''It is a disgrace.''"
    plain = text.index("It")
    assert article_span(text, plain, plain + 17) == (plain, plain + 17)


def test_article_span_of_an_inner_quotation_stops_at_its_single_mark() -> None:
    text = "''We said 'no,''' Ola Tamm said."
    end = text.index(",") + 2  # the view's closing mark stands on the second apostrophe
    assert text[slice(*article_span(text, 2, end))] == "We said 'no,'"
    opening = "He said '''Sir, no,'' and left."
    start = opening.index("S") - 1  # the single mark, after the view's opening mark
    assert opening[slice(*article_span(opening, start, start + 9))] == "'Sir, no,"


# (case, text, the quote's first words, speaker, rule): fail without the view (no quote found)
SPEAKERS = [
    (
        "speaker_after_the_closing_marks",
        "Wages rose.\n\n''We may be seeing wage growth,'' the economist Ana Vell wrote.",
        "We may be seeing",
        "Ana Vell",
        "name_then_verb",
    ),
    (
        "verb_then_name_after_the_marks",
        "''The bridge opens in May,'' said Tom Reed, the mayor of Westland.",
        "The bridge opens",
        "Tom Reed",
        "verb_then_name",
    ),
    (
        "an_inner_quotation_closed_with_the_outer_one_keeps_the_speaker_after",
        "''We were told, 'Westland is a special case,''' Ida Vale said. ''It is not.''",
        "We were told",
        "Ida Vale",
        "name_then_verb",
    ),
    (
        "second_sentence_continues_the_speaker",
        "''We will win,'' Ida Vale said. ''And we will rebuild.''",
        "And we will rebuild",
        "Ida Vale",
        "continues_previous",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "words", "speaker", "rule"), SPEAKERS, ids=[c[0] for c in SPEAKERS]
)
def test_quotes_between_doubled_apostrophes(
    case: str, text: str, words: str, speaker: str, rule: str
) -> None:
    quotes = extract_quotes(text)
    found = [q for q in quotes if q.kind == "direct" and q.text.startswith(words)]
    assert found, [q.text for q in quotes]
    assert (found[0].speaker, found[0].rule) == (speaker, rule)
    assert all(text[q.start : q.end] == q.text for q in quotes)
    assert not any(q.text.startswith(("“", "”")) or q.text.endswith(" ”") for q in quotes)
