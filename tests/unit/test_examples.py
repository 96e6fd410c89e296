"""Example questions come from the loaded store, never from a fixed list."""

from __future__ import annotations

from app.examples import choose_examples
from app.speaker_index import SpeakerIndex
from ingest.types import Quote


def quote(text: str, speaker: str, kind: str = "direct") -> tuple[Quote, str]:
    return Quote(text, 0, len(text), kind=kind, speaker=speaker), "a1"


QUOTES = [
    quote("The ferry timetable will change in spring", "Alma Ruiz"),
    quote("Passengers want a later ferry on Sundays", "Alma Ruiz"),
    quote("We are listening to passengers", "Alma Ruiz"),
    quote("The bridge budget is fixed and the bridge opens in May", "Tomas Berry"),
    quote("Passengers will like it", "Tomas Berry"),
    quote("It is fine", "report"),
]


def test_examples_ask_about_the_most_quoted_speakers_and_a_real_quote() -> None:
    index = SpeakerIndex(QUOTES)
    named = [s for s in index.speakers() if s.name != "report"]
    examples = choose_examples(QUOTES, named, index.canonical)
    assert examples == [
        "What did Alma Ruiz say about ferry?",
        "What did Tomas Berry say about bridge?",
        "Who said “The ferry timetable will change in spring”?",
    ]
    excerpt = examples[2].split("“")[1].split("”")[0]
    assert any(excerpt in q.text for q, _ in QUOTES)  # the speaker's own words


def test_a_topic_is_not_a_verb_form() -> None:
    quotes = [quote(f"We logged {n} boats at the harbour", "Alma Ruiz") for n in range(3)]
    index = SpeakerIndex(quotes)
    [topic, _] = choose_examples(quotes, index.speakers(), index.canonical)
    assert topic == "What did Alma Ruiz say about harbour?"  # at a tie, the later word


def test_no_attributed_quotes_means_no_examples() -> None:
    assert choose_examples([], [], str) == []


def test_a_speaker_without_a_recurring_word_gets_a_plain_question() -> None:
    quotes = [quote("Short words only", "Rui Almeida")]
    index = SpeakerIndex(quotes)
    assert choose_examples(quotes, index.speakers(), index.canonical) == [
        "What did Rui Almeida say?"
    ]
