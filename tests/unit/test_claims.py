"""Claims, quotations, speaker phrases and markup: the extractors verification is built on."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.claims import bindings, bound_in, date_words, name_words, names, negations, numbers
from app.markup import strip_markup
from app.quote_align import align, quotations
from app.said_by import speaker_phrases


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("in 1999", {1999}),
        ("$50bn", {50_000_000_000}),
        ("50 billion dollars", {50_000_000_000}),
        ("£600m", {600_000_000}),
        ("1,250 people", {1250}),
        ("76% and 76 per cent", {76}),
        ("$1.13bn", {1_130_000_000}),
        ("two ministers and one aide", {2}),
        ("the 21st century", {21}),
        ("no number here", set()),
    ],
)
def test_numbers_are_normalised(text: str, values: set[int]) -> None:
    assert numbers(text) == {Decimal(v).normalize() for v in values}


def test_names_in_any_script_and_not_inside_handles() -> None:
    assert name_words("José Núñez of the U.S.") == ["josé", "núñez", "us"]
    found = {n.text for n in names("He thanked @realDonaldTrump and iTunes in Paris.")}
    assert "Paris" in found and not found & {"DonaldTrump", "Tunes"}


TWO_ACCORDS = "the port signed the Harlow Accord of 1999 and the Brent Accord of 2010 ."


@pytest.mark.parametrize(
    ("claim", "bound"),
    [
        ("the Harlow Accord of 1999 and the Brent Accord of 2010", [True, True]),
        ("the Harlow Accord of 2010 and the Brent Accord of 1999", [False, False]),
        ("in 1999 and in 2010", [True, True]),  # no name before them: nothing to bind
        ("the Harlow Accord of 2,010", [False]),  # the same value, however written
        ("the Harlow Accord of $1999", [True]),  # a currency sign does not change the value
    ],
)
def test_numbers_stay_with_the_name_before_them(claim: str, bound: list[bool]) -> None:
    assert [bound_in(b, TWO_ACCORDS) for b in bindings(claim)] == bound


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("on Tuesday in March", {"tuesday", "march"}),
        ("they may agree", set()),
        ("since May", {"may"}),
    ],
)
def test_date_words(text: str, found: set[str]) -> None:
    assert date_words(text) == found


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("they agreed", 0),
        ("they did not agree", 1),
        ("they didn't agree", 1),
        ("they never agreed", 1),
        ("it is unlikely", 1),
        ("they denied it", 1),
        ("they failed to agree", 1),
        ("it is not impossible", 2),
    ],
)
def test_negations(text: str, count: int) -> None:
    assert negations(text) == count


@pytest.mark.parametrize(
    ("text", "quoted", "style"),
    [
        ("He said “we will stay” today.", "we will stay", "curly_double"),
        ('He said "we will stay" today.', "we will stay", "straight_double"),
        ("He said ‘we will stay’ today.", "we will stay", "curly_single"),
        ("He said 'we will stay' today.", "we will stay", "straight_single"),
        ("He said «we will stay» today.", "we will stay", "guillemets"),
        ("He said „we will stay“ today.", "we will stay", "low_high"),
        ("He said ‘the port’s future’ is safe.", "the port’s future", "curly_single"),
        ("He said “stop “moaning” now” today.", "stop “moaning” now", "curly_double"),  # nested
    ],
)
def test_every_quote_style_is_found(text: str, quoted: str, style: str) -> None:
    [found] = quotations(text)
    assert (found.text, found.style) == (quoted, style)


@pytest.mark.parametrize(
    "text",
    ["The union's view and the workers' pay.", "Don't say it isn't so.", "Rock 'n roll"],
)
def test_apostrophes_are_not_quotations(text: str) -> None:
    assert quotations(text) == []


PASSAGE = "The union had not agreed, in the end, to extend shifts at the expense of safety."


@pytest.mark.parametrize(
    ("quoted", "problem"),
    [
        ("the union had not agreed", None),
        ("The union had not agreed ... to extend shifts", None),
        ("the union had … in the end, to extend shifts", "an ellipsis hides it"),
        ("the union had not agreed (...) at the expense of safety", None),
        ("the union (...) to extend shifts", "an ellipsis hides it"),
        ("the union had ... agreed", "an ellipsis hides it"),
        ("to extend shifts ... the union", "not in the cited passage"),  # out of order
        ("the union had agreed", "not in the cited passage"),
        ("the unions had not agreed", "not in the cited passage"),
        ("at the expense safety", "not in the cited passage"),  # a word left out
        ("shifts at the 2 expense", "not in the cited passage"),  # a number put in
    ],
)
def test_quotations_align_piecewise_in_order(quoted: str, problem: str | None) -> None:
    misquote = align(quoted, PASSAGE)
    assert (misquote.reason if misquote else None) == problem


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        ("Hanna Velloso said the port is open.", [("Hanna Velloso", "who_then_verb")]),
        ("In Elmsworth on Tuesday, Velloso said so.", [("Velloso", "who_then_verb")]),
        ("The port is open, said the harbour master.", [("the harbour master", "verb_then_who")]),
        ("“It is open,” the union leader added.", [("the union leader", "who_then_verb")]),
        ("According to the port authority, it is open.", [("the port authority", "according_to")]),
        ("The port has long been open.", []),
    ],
)
def test_speaker_phrases(sentence: str, phrases: list[tuple[str, str]]) -> None:
    assert [(p.text, p.rule) for p in speaker_phrases(sentence)] == phrases


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("The port is open <b>now</b> [1].", "The port is open now [1]."),
        ("Open [1]. <script>alert(1)</script>Closed [2].", "Open [1]. Closed [2]."),
        ("Open ![x](http://e.test/a.png) [1].", "Open [1]."),
        ("See [the port](javascript:alert(1)) [1].", "See the port [1]."),
        ('Open <img src="x" onerror="alert(1)"> [1].', "Open [1]."),
        ("Go javascript:alert(1) now [1].", "Go now [1]."),
        ("Plain text, 3 < 4 and 5 > 2 [1].", "Plain text, 3 < 4 and 5 > 2 [1]."),
    ],
)
def test_markup_is_stripped(text: str, clean: str) -> None:
    assert strip_markup(text) == clean
