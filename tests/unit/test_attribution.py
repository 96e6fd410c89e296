"""The PolNeAR scorer's grouping of predicted quote pieces into attribution units."""

from evals.attribution import prediction_units
from ingest.quotes import extract_quotes


def _units(text: str) -> list[tuple[tuple[int, int], ...]]:
    return [u.spans for u in prediction_units("doc", text, extract_quotes(text), "quoted")]


def test_pieces_around_a_long_source_phrase_are_one_unit() -> None:
    text = (
        '"We are not doing very well," said Soe Min, a party member who ran against Suu Kyi '
        'in a 2012 parliamentary by-election and lost. "But the votes are still counting."'
    )
    assert len(_units(text)) == 1


def test_a_second_reporting_verb_starts_a_second_unit() -> None:
    text = (
        '"We are not doing very well," Soe Min said on Monday. He later added, '
        '"But the votes are still counting."'
    )
    quotes = extract_quotes(text)
    assert {q.speaker for q in quotes} == {"Soe Min"}
    assert len(_units(text)) == 2


def test_an_unquoted_transcript_turn_is_no_quoted_unit() -> None:
    text = (
        "Q&A with Senator Jane Doe.\n\n"
        "Q: What about the budget?\n\n"
        "A: It is a big mistake, and everybody is making it.\n\n"
        'Q: And the tax plan?\n\nA: I call it "a gift to the rich," and I mean it.'
    )
    quotes = extract_quotes(text)
    assert [q.kind for q in quotes].count("transcript") == 4
    assert len(_units(text)) == 1


def test_pieces_whose_comma_sits_inside_a_nested_quote_are_one_unit() -> None:
    text = (
        "“He is like, ‘Let us write new songs in the studio,’” Keidis continued. “So we "
        "wrote all new songs, and it is a good thing we did.”"
    )
    assert len(_units(text)) == 1


def test_error_kinds_say_how_a_prediction_misses_its_gold() -> None:
    from evals.attribution import Unit
    from evals.attribution_errors import _missed_kind, _spurious_kind

    text = 'Ortiz said the harbor deal was "a scam" and would cost the city millions.'
    clause = (text.index("the harbor"), text.index(" and would"))
    direct = Unit("doc", ((text.index("a scam"), text.index('" and')),), "Ortiz", "direct")
    wide = Unit("doc", ((0, len(text) - 1),), "Ortiz", "indirect")
    gold = set(range(*clause))
    preds = [direct, wide]
    chars = [set(range(*u.spans[0])) for u in preds]
    assert _missed_kind([direct], chars[:1], gold) == "missed_overlap_G4_direct_inside_gold"
    assert _missed_kind([wide], chars[1:], gold) == "missed_overlap_G2b_indirect_both_wider"
    assert _missed_kind([], [], gold) == "missed_none"
    assert _spurious_kind(1, preds, chars, [gold]) == "spurious_overlap_indirect_S3_contains_gold"
