"""Answer composition through `QuoteDesk.ask` on the fake desk: who is cited, from which
article, when it abstains, and that every cited or quoted word is the speaker's own."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from app.answer.answerer import ExtractiveAnswerer
from app.types import Answer, Filters

# question, expected answer speaker, article of the first citation (None: the answer abstains)
CASES = [
    ("What did Alma Ruiz say about the bridge?", "Alma Ruiz", "fake-harbour"),
    ("What did Priya Shah say?", "Priya Shah", "fake-orchard"),
    ("Who said prices for apples will rise?", "Priya Shah", "fake-orchard"),
    ("Who said the steel is tired?", "Alma Ruiz", "fake-harbour"),
    ("What did the mayor say about the night ferry?", "Alma Ruiz", "fake-ferry"),
    ("What is the capital of Mongolia?", None, None),
    ("What did Boris Vance say about taxes?", None, None),
]
# “words” [n]: what an answer puts inside quotation marks and the citation it gives for them.
QUOTED = re.compile(r"“(.*?)”\s*\[(\d+)\]")


def quoted_segments(answer: Answer) -> list[tuple[str, int]]:
    return [(m.group(1), int(m.group(2))) for m in QUOTED.finditer(answer.answer)]


@pytest.mark.parametrize(("question", "speaker", "first_article"), CASES)
def test_speaker_and_source_of_each_answer(fake_desk, question, speaker, first_article) -> None:
    answer = fake_desk.ask(question)
    assert answer.speaker == speaker
    if first_article is None:
        assert answer.abstained and answer.citations == []
        return
    assert not answer.abstained
    assert answer.citations[0].article_id == first_article
    assert {c.speaker for c in answer.citations} == {speaker}
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize(
    "question",
    [
        "What did Alma Ruiz say about the bridge?",
        "What did Priya Shah say?",
        "When will repairs to the harbour bridge begin?",
        "How many years has the bridge carried traffic?",
    ],
)
def test_citations_are_verbatim_and_quotes_are_the_speakers_words(fake_desk, question) -> None:
    answer = fake_desk.ask(question)
    assert answer.citations
    for citation in answer.citations:
        article = fake_desk.article(citation.article_id)
        assert article.text[citation.start : citation.end] == citation.text
    by_number = {c.n: c for c in answer.citations}
    for words, n in quoted_segments(answer):
        cited = by_number[n]
        said = [q.text for q in fake_desk.quotes(cited.article_id) if q.speaker == cited.speaker]
        assert any(words.strip(" ,.") in text for text in said), (words, said)


def test_filters_narrow_the_answer_and_say_so(fake_desk) -> None:
    later = fake_desk.ask("What did Alma Ruiz say?", filters=Filters(since="2031-06-20"))
    assert [c.article_id for c in later.citations] == ["fake-ferry"]
    assert later.notice == "Filtered to articles dated from 2031-06-20"

    elsewhere = fake_desk.ask("What did Alma Ruiz say?", filters=Filters(source="Farm Weekly"))
    assert elsewhere.abstained and elsewhere.citations == []
    assert elsewhere.notice == "Filtered to Farm Weekly"


def test_the_speaker_filter_wins_over_the_question(fake_desk) -> None:
    answer = fake_desk.ask("What did the growers say?", filters=Filters(speaker="Priya Shah"))
    assert answer.speaker == "Priya Shah"
    assert {c.speaker for c in answer.citations} == {"Priya Shah"}


@pytest.mark.parametrize("question", ["", "   ", "\x00\x01\x02"])
def test_an_empty_question_asks_for_one(fake_desk, question: str) -> None:
    answer = fake_desk.ask(question)
    assert answer.abstained and answer.answer == "Please ask a question."


def test_written_mode_without_an_llm_shows_the_quotes_and_says_why(fake_desk) -> None:
    answer = fake_desk.ask("What did Priya Shah say?", mode="written")
    assert answer.notice == "No LLM configured; showing quoted passages"
    assert not answer.written and answer.citations


def test_an_unknown_mode_is_refused(fake_desk) -> None:
    with pytest.raises(ValueError, match="mode must be one of"):
        fake_desk.ask("What did Priya Shah say?", mode="poem")


def test_an_overlong_question_is_cut_not_refused(fake_desk) -> None:
    answer = fake_desk.ask("What did Priya Shah say about the blossom? " + "frost " * 2000)
    assert answer.speaker == "Priya Shah" and answer.citations


def test_an_office_nobody_holds_is_said_before_anything_else(fake_desk) -> None:
    answer = fake_desk.ask("What did the harbour minister say about the bridge?")
    assert answer.answer.startswith("No speaker in the articles is known as the harbour minister")


def test_citations_keep_rank_order_a_weaker_quotation_is_not_moved_first(
    fake_desk, monkeypatch
) -> None:
    """A quotation ranked below a report stays below it: moved first it reads as the answer."""
    ranked_evidence = ExtractiveAnswerer.evidence

    def reports_first(self, *args, **kwargs):
        evidence = ranked_evidence(self, *args, **kwargs)
        reports = [c for c in evidence.candidates if c.unit.kind == "indirect"]
        order = reports[:1] + [c for c in evidence.candidates if c.unit.kind == "direct"]
        scored = [replace(c, score=0.9 - 0.01 * i) for i, c in enumerate(order)]
        return replace(evidence, candidates=scored, answerable=1.0)

    monkeypatch.setattr(ExtractiveAnswerer, "evidence", reports_first)
    answer = fake_desk.ask("What did Tom Hale say about the bridge?")
    kinds = [c.kind for c in answer.citations]
    assert kinds[0] == "indirect" and "direct" in kinds, answer.answer
