"""The question generator (evals/generate) on made-up articles: its attribution patterns,
names and roles, the split, evidence windows, unanswerable checks and determinism."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from evals.datasets import verify
from evals.generate import precision
from evals.generate.__main__ import main as generate_main
from evals.generate.build import _pick, _template, _usable_role
from evals.generate.corpora import Article, pick_subset, read_articles
from evals.generate.items import find_evidence
from evals.generate.polnear import gold_statements, source_reference
from evals.generate.statements import (
    find_statements,
    full_name,
    head_of_state,
    quotations,
    role_of,
    transcript_turns,
)
from evals.generate.templates import eligible
from evals.generate.text import CorpusIndex, Span, norm, sentence_spans, windows
from evals.generate.topics import PhraseFinder, best_topic, stems
from evals.split import group_keys, split_of
from tests.helpers import SHARED


def article(
    text: str, id: str = "a1", title: str = "A made-up story", source: str = "Daily Test"
) -> Article:
    record = {"id": id, "title": title, "source": source, "text": text}
    return Article(id=id, title=title, text=text, source=source, url=None, record=record)


# ----- quotations -------------------------------------------------------------------------------

QUOTATION_CASES = [
    (
        'He said: "We will build a new bridge over the river."',
        ["We will build a new bridge over the river."],
    ),
    (
        '"The plan is sound," said Mr Orvel. "It will work."',
        ["The plan is sound,", "It will work."],
    ),
    ("“Curly marks work too,” she said.", ["Curly marks work too,"]),
    # a quote left open at a paragraph end never pairs with a later mark
    ('"First paragraph of a long quote.\n\n"Second part," he said.', ["Second part,"]),
    ('The so-called "reform" failed.', ["reform"]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTATION_CASES)
def test_quotations(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in quotations(text)] == expected


# ----- statements: one case per rule ------------------------------------------------------------

STATEMENT_CASES = [
    (
        "Harbour minister Tomas Orvel opened the dock. "
        '"We expect the new dock to double the trade in grain next year," said Mr Orvel.',
        "quote_verb_name",
        "Tomas Orvel",
        "We expect the new dock to double",
    ),
    (
        "Clara Wendt runs the museum. "
        '"The collection will travel to four cities in the spring," Ms Wendt told reporters.',
        "quote_name_verb",
        "Clara Wendt",
        "The collection will travel",
    ),
    (
        "Economist Ravi Lestrange was cautious. "
        'Ravi Lestrange warned: "Prices for wheat could rise sharply before the winter."',
        "name_verb_quote",
        "Ravi Lestrange",
        "Prices for wheat could rise",
    ),
    (
        "The meeting began. * * * Chairman of the Board Petra Solvik: Good morning, colleagues. "
        "Our harbour handled more ships this year than in any year before. "
        "We expect the new terminal to open in the spring. Anton Mirsk: Thank you for the report "
        "on the terminal and the ships in the harbour this year. Petra Solvik: Thank you.",
        "transcript_label",
        "Petra Solvik",
        "Our harbour handled more ships",
    ),
    (
        "President of Freedonia Aldo Brenn met the mayors. "
        "The President stressed that the regions will receive new funds for schools and roads.",
        "readout",
        "Aldo Brenn",
        "The President stressed that the regions",
    ),
]


@pytest.mark.parametrize(("text", "rule", "speaker", "quote_start"), STATEMENT_CASES)
def test_statement_rules(text: str, rule: str, speaker: str, quote_start: str) -> None:
    source = "President of Freedonia (press office)" if rule == "readout" else "Daily Test"
    found = find_statements(article(text, source=source))
    match = [s for s in found if text[s.start : s.end].startswith(quote_start)]
    assert match, [text[s.start : s.end] for s in found]
    assert (match[0].rule, match[0].speaker) == (rule, speaker)


NOT_ATTRIBUTED = [
    # a pronoun is never resolved: precision over recall
    'Tomas Orvel came. "We expect the new dock to double the trade," he said.',
    # only a surname in the whole article: no full name, no statement
    '"We expect the new dock to double the trade in grain," said Mr Orvel.',
    # a quote that ends its sentence: the name after it opens a new one
    'Tomas Orvel spoke. "The harbour will close for the whole winter season." '
    "Orvel says the ships will go south.",
    # a scare quote with no speaker next to it
    'The "historic and unprecedented agreement for all the harbour workers" was signed.',
]


@pytest.mark.parametrize("text", NOT_ATTRIBUTED)
def test_doubtful_quotes_are_dropped(text: str) -> None:
    assert find_statements(article(text)) == []


NAME_CASES = [
    ("Mr Orvel spoke. Later Tomas Orvel left.", "Orvel", "Tomas Orvel"),
    ("President of Freedonia Aldo Brenn spoke. Aldo Brenn left.", "Brenn", "Aldo Brenn"),
    # a capitalised word before the name (an organisation) is not a first name
    (
        "Chairman of the Harbour Board Petra Solvik: hello. Petra Solvik: bye.",
        "Solvik",
        "Petra Solvik",
    ),
    ("Mr Orvel spoke.", "Orvel", None),
    # an organisation's word before the name, written in lower case elsewhere in the article
    (
        "Minister of Fisheries Tomas Orvel: hello. Fisheries Tomas Orvel said the fisheries grew.",
        "Orvel",
        "Tomas Orvel",
    ),
    ("Addressing Lina Orvel, he spoke.", "Orvel", "Lina Orvel"),
    # a long form seen once, its shorter ending seen too: the shorter one
    ("Minister of Sea and Fisheries Tomas Orvel: hello. Tomas Orvel: bye.", "Orvel", "Tomas Orvel"),
    # two different people with the same surname: no safe canonical name
    ("Tomas Orvel and Lina Orvel spoke.", "Orvel", None),
]


@pytest.mark.parametrize(("text", "surname", "expected"), NAME_CASES)
def test_full_name(text: str, surname: str, expected: str | None) -> None:
    assert full_name(text, surname) == expected


ROLE_CASES = [
    ("Harbour minister Tomas Orvel opened the dock.", "Tomas Orvel", "Harbour minister"),
    ("Tomas Orvel, the harbour spokesman, said so.", "Tomas Orvel", "harbour spokesman"),
    ("Tomas Orvel opened the dock.", "Tomas Orvel", None),
]


@pytest.mark.parametrize(("text", "name", "expected"), ROLE_CASES)
def test_role_of(text: str, name: str, expected: str | None) -> None:
    assert role_of(text, name) == expected


USABLE_ROLES = [
    ("Westland spokesman", True),
    ("Prime Minister of Freedonia", True),
    ("Foreign Minister", True),
    ("Director General of Russian", False),  # cut from a longer organisation name
    ("Council for Civil Society and Human Right President of Russia", False),  # too long
]


@pytest.mark.parametrize(("role", "usable"), USABLE_ROLES)
def test_roles_asked_by(role: str, usable: bool) -> None:
    assert _usable_role(role) is usable


def test_head_of_state_comes_from_the_publisher() -> None:
    release = article(
        "President of Freedonia Aldo Brenn met President of Sylvania Rufus Tarn.",
        source="President of Freedonia (press office)",
    )
    assert head_of_state(release) == "Aldo Brenn"
    assert head_of_state(article(release.text, source="Daily Test")) is None


def test_transcript_needs_two_labels() -> None:
    one = article("Opening remarks. Petra Solvik: Good morning to all the colleagues here today.")
    assert transcript_turns(one) == []


SUBJECT_CASES = [
    ("Harbour sales rose 12% to £4m in the last quarter.", "12%", "harbour sales"),
    ("Orvel, who has scored 817 points in 52 games, kicked the goal.", "817", "Orvel"),
    ("The museum was founded in 1946 by the city council.", "1946", "the museum"),
    ("It rose 5% last year.", "5%", None),  # a pronoun subject says nothing
]


@pytest.fixture(scope="module")
def finder() -> PhraseFinder:
    return PhraseFinder()


@pytest.mark.parametrize(("sentence", "number", "expected"), SUBJECT_CASES)
def test_fact_subject(
    finder: PhraseFinder, sentence: str, number: str, expected: str | None
) -> None:
    (found,) = finder.subjects([(sentence, sentence.index(number))])
    assert (found.text if found else None) == expected


TOPIC_CASES = [
    # the phrase sharing a stem with the quote wins; vague heads and pronouns never do
    (
        ["Orvel backs grain terminal plan", "It was a big day"],
        "the terminal will bring jobs",
        "grain terminal plan",
    ),
    (["The meeting", "the new harbour"], "ships in our harbour", "the new harbour"),
    (["the things", "his remarks"], "jobs on the coast", None),
]


@pytest.mark.parametrize(("texts", "quote", "expected"), TOPIC_CASES)
def test_topic_choice(
    finder: PhraseFinder, texts: list[str], quote: str, expected: str | None
) -> None:
    candidates = [p for phrases in finder.phrases(texts) for p in phrases]
    topic = best_topic(candidates, quote)
    assert (topic.text if topic else None) == expected


# ----- split ------------------------------------------------------------------------------------


def test_split_is_stable_and_balanced() -> None:
    ids = [f"story-{i}" for i in range(2000)]
    first = [split_of(i) for i in ids]
    assert first == [split_of(i) for i in ids]
    assert 0.45 < first.count("dev") / len(ids) < 0.55


def test_duplicate_groups_share_a_split() -> None:
    groups = [[f"x-{i}", f"y-{i}"] for i in range(200)]
    keys = group_keys(groups)
    assert all(split_of(a, keys) == split_of(b, keys) for a, b in groups)
    assert {split_of(a, keys) for a, _ in groups} == {"dev", "test"}


def test_subset_is_stratified_and_stable() -> None:
    arts = [article("t", id=f"{s}-{i}", source=s) for s in ("north", "south") for i in range(50)]
    picked = pick_subset(arts, 20)
    assert [a.source for a in picked].count("north") == 10
    assert picked == pick_subset(list(reversed(arts))[::-1], 20)


# ----- evidence windows -------------------------------------------------------------------------


def test_sentences_do_not_split_on_abbreviations() -> None:
    text = "Mr. Orvel met Dr. Wendt in St. Ives. They spoke for an hour."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Mr. Orvel met Dr. Wendt in St. Ives.",
        "They spoke for an hour.",
    ]


def test_windows_are_4_to_15_words() -> None:
    text = " ".join(f"w{i}" for i in range(40)) + "."
    spans = windows(text, Span(0, len(text)))
    assert spans and all(4 <= len(text[s.start : s.end].split()) <= 15 for s in spans)
    assert windows("Too short here.", Span(0, 15)) == []


def test_evidence_one_window_per_sentence_and_gold_includes_copies() -> None:
    quote = (
        "The northern harbour will get a second grain terminal next year. "
        "Ships from the coast will no longer wait for days to unload."
    )
    texts = {
        "a1": f'"{quote}" said Tomas Orvel.',
        "a2": f"Copied story. {quote}",
        "a3": "An unrelated story about the orchestra.",
    }
    index = CorpusIndex(texts)
    start = texts["a1"].index(quote)
    evidence = find_evidence(index, "a1", texts["a1"], (Span(start, start + len(quote)),))
    assert evidence is not None
    assert len(evidence.evidence_any) == 2
    assert all(e in texts["a1"] and 4 <= len(e.split()) <= 15 for e in evidence.evidence_any)
    assert evidence.gold_docs == ["a1", "a2"]


def test_stock_phrases_are_not_evidence() -> None:
    phrase = "We are very pleased with the result of the meeting today"
    texts = {f"a{i}": f"Story {i}. {phrase}." for i in range(8)}
    index = CorpusIndex(texts)
    start = texts["a0"].index(phrase)
    assert find_evidence(index, "a0", texts["a0"], (Span(start, start + len(phrase)),)) is None


def test_near_copies_are_found_for_the_verifier_rule() -> None:
    index = CorpusIndex(
        {"a1": "The Harbour, it said, is open.", "a2": "the harbour it said is open"}
    )
    assert index.exact("The Harbour, it said") == {"a1"}
    assert index.near("The Harbour, it said") == {"a1", "a2"}
    assert index.with_all_words(["harbour", "open"]) == {"a1", "a2"}
    assert index.with_all_words(["harbour", "orchestra"]) == set()


def test_words_are_looked_up_in_headline_and_lead_too() -> None:
    """A head of state's greetings name the sender only in the lead: the pairing check of
    unanswerable items must see it, or it calls the greetings' own topic unanswerable."""
    record = {
        "id": "k1",
        "title": "Greetings to the Harbour Regatta",
        "summary": "Tomas Orvel sent greetings to the regatta.",
        "text": 'The message reads, in part: "The regatta is a fine tradition."',
    }
    article = Article("k1", record["title"], record["text"], "", None, record)
    index = CorpusIndex({"k1": article.text}, {"k1": article.readable})
    assert index.with_all_words(["orvel", "regatta"]) == {"k1"}
    assert index.exact("Tomas Orvel") == set()  # evidence is searched in the body only
    assert CorpusIndex({"k1": article.text}).with_all_words(["orvel", "regatta"]) == set()


# ----- whole corpus: determinism, format, unanswerable checks, the verifier --------------------


CARGOES = tuple(
    [
        "barley",
        "copper",
        "timber",
        "salmon",
        "cotton",
        "marble",
        "walnut",
        "indigo",
        "pepper",
        "cobalt",
        "nickel",
        "tobacco",
        "saffron",
        "coffee",
        "cocoa",
        "lumber",
        "granite",
        "sulphur",
        "amber",
        "ivory",
        "linen",
        "rubber",
        "quartz",
        "wheat",
    ]
)
TOWNS = tuple(
    [
        "Norbury",
        "Ashvale",
        "Brinmoor",
        "Coldharbour",
        "Dunwick",
        "Elmsford",
        "Fallowby",
        "Greystead",
        "Harrowdene",
        "Ivybridge",
        "Kestrelton",
        "Lindhurst",
        "Marlowe",
        "Northam",
        "Oakridge",
        "Penhallow",
        "Quarrington",
        "Redmarsh",
        "Saltcombe",
        "Thornbury",
        "Upwell",
        "Westland",
        "Yarmley",
        "Zennor",
    ]
)


def _corpus(root: Path) -> None:
    folder = root / "bbc"
    folder.mkdir(parents=True)
    people = [
        ("Tomas", "Orvel", "harbour minister"),
        ("Clara", "Wendt", "museum director"),
        ("Ravi", "Lestrange", "chief economist"),
        ("Petra", "Solvik", "union leader"),
    ]
    records = []
    for i in range(24):
        first, last, role = people[i % 4]
        # Each article's own cargo and town: a person's statements in different articles
        # are about different things, so the questions pass the specificity check.
        cargo, town = CARGOES[i], TOWNS[i]
        text = (
            f"The {role} {first} {last} visited the town of {town} on Monday.\n\n"
            f'"The new {cargo} terminal number {i} will bring jobs to the whole coast of {town},"'
            f" said Mr {last}.\n\n"
            f"The terminal cost £{i + 3}m and employs {i + 40} workers from the region.\n\n"
            f'"Exports of {cargo} from the {town} harbour rose sharply after the storms," '
            f"{first} {last} added. "
            f'"We also expect the fishing fleet to grow next year in {town}," he said.'
        )
        records.append(
            {
                "id": f"bbc-test-{i:03d}",
                "title": f"{cargo.capitalize()} terminal {i} opens in {town}",
                "source": "Daily Test",
                "section": "test",
                "published": None,
                "text": text,
            }
        )
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    (folder / "duplicates.json").write_text("[]")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    _corpus(root)
    out = tmp_path_factory.mktemp("generated")
    assert generate_main(["--corpus-root", str(root), "--out", str(out), "--corpora", "bbc"]) == 0
    return out


def _rows(folder: Path) -> list[dict]:
    return [
        json.loads(line)
        for split in ("dev", "test")
        for line in open(folder / f"bbc-{split}.jsonl")
    ]


def test_generation_is_deterministic(generated: Path, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _corpus(root)
    assert (
        generate_main(
            ["--corpus-root", str(root), "--out", str(tmp_path / "again"), "--corpora", "bbc"]
        )
        == 0
    )
    for name in ("bbc-dev.jsonl", "bbc-test.jsonl", "bbc-articles.jsonl"):
        assert (generated / name).read_text() == (tmp_path / "again" / name).read_text()


def test_items_have_the_dataset_format(generated: Path) -> None:
    rows = _rows(generated)
    assert {r["kind"] for r in rows} >= {"speaker_topic", "who_said", "fact", "unanswerable"}
    allowed = set(verify.REQUIRED + verify.OPTIONAL)
    for row in rows:
        assert set(verify.REQUIRED) <= set(row) <= allowed
        if row["kind"] != "unanswerable":
            assert row["split"] == split_of(row["gold_spans"][0][0])
        if row["kind"] == "who_said":
            assert row["speaker"].split()[-1] in row["expect_in_answer"]
            assert "terminal number" not in row["question"]
            assert row["phrase_articles"] >= 1  # the gold article holds its own phrases


def test_unanswerable_items_pair_nothing_the_corpus_pairs(generated: Path) -> None:
    rows = [r for r in _rows(generated) if r["kind"] == "unanswerable"]
    assert rows
    articles = read_articles(generated / "bbc-articles.jsonl")
    texts = [set(norm(a.readable).split()) for a in articles]
    for row in rows:
        topic = row["question"].split(" about ", 1)[1].rstrip("?")
        asked = norm(row["speaker"]).split()[-1:] + [w for w in norm(topic).split() if stems(w)]
        assert not any(set(asked) <= words for words in texts), row["question"]
        if row["template"] == "un_invented_person":
            assert not any(asked[0] in words for words in texts)


def test_generated_files_pass_the_verifier(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(generated / "bbc-dev.jsonl"), str(generated / "bbc-test.jsonl")]
    assert verify.main(files) == 0, capsys.readouterr().out


def _rewrite(folder: Path, tmp: Path, change) -> Path:  # noqa: ANN001 - a row editor
    """A copy of the generated folder with the first answerable dev row edited."""
    out = tmp / "edited"
    out.mkdir()
    for name in ("bbc-articles.jsonl", "duplicates.json"):
        (out / name).write_text((folder / name).read_text())
    with open(folder / "bbc-dev.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    first = next(i for i, r in enumerate(rows) if r["kind"] == "speaker_topic")
    change(rows[first])
    (out / "bbc-dev.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return out / "bbc-dev.jsonl"


VERIFIER_CATCHES = [
    ("split", lambda r: r.update(split="test"), "hashes to"),
    ("span", lambda r: r.update(gold_spans=[[r["gold_spans"][0][0], 0, 5]]), "not inside any gold"),
    ("field", lambda r: r.update(colour="red"), "unknown field"),
    ("gold", lambda r: r.update(gold_docs=["bbc-test-999"]), "not in corpus"),
]


@pytest.mark.parametrize(("name", "change", "message"), VERIFIER_CATCHES)
def test_verifier_catches_bad_rows(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name, change, message
) -> None:  # noqa: ANN001
    path = _rewrite(generated, tmp_path, change)
    assert verify.main([str(path)]) == 1
    assert message in capsys.readouterr().out


# ----- the pattern precision check (evals/generate/precision.py) ------------------------------

NAMED_SOURCES = [("Tomas Orvel", True), ("he", False), ("The minister", False), (None, False)]


@pytest.mark.parametrize(("source", "named"), NAMED_SOURCES)
def test_gold_sources_that_can_confirm_a_name(source: str | None, named: bool) -> None:
    assert precision._named(source) is named


def test_statement_inside_gold_content() -> None:
    statement = find_statements(
        article('Tomas Orvel came. "We will open the new dock in the spring," said Mr Orvel.')
    )[0]
    inside = precision.GoldAttribution(((statement.start - 1, statement.end + 1),), "Orvel")
    elsewhere = precision.GoldAttribution(((0, 10),), "Orvel")
    assert precision._inside(statement, inside) == 1.0
    assert precision._inside(statement, elsewhere) == 0.0


@pytest.mark.parametrize(("cue", "own"), [("warn", "st_warn"), ("deny", "st_deny"), ("say", None)])
def test_questions_use_the_articles_reporting_verb(cue: str, own: str | None) -> None:
    rng = random.Random(3)
    picked = [_pick(eligible("speaker_topic", cue, set()), rng).name for _ in range(200)]
    if own is None:
        assert all(not _template(name).cues for name in picked)
    else:
        assert 0.45 < picked.count(own) / len(picked) < 0.75


POLNEAR = SHARED / "corpus" / "polnear"


@pytest.mark.skipif(not (POLNEAR / "data").exists(), reason="needs ../shared PolNeAR")
@pytest.mark.parametrize(
    ("source", "name", "role"),
    [
        # an apposition: the person comes first, an organisation's name last
        (
            "Ola Tamm, a Middle East analyst at the Center for Regional Studies",
            "Ola Tamm",
            None,
        ),
        ("Vell, Lind's attorney,", "Vell", None),
        ("Sen. Alma Ruiz, R-Wis.,", "Alma Ruiz", "Sen"),
        # a role before the comma: the name after it
        (
            "Hale's campaign chairman, Ida Vale",
            "Ida Vale",
            "Hale's campaign chairman",
        ),
        ("Civic Watch President Priya Shah", "Priya Shah", "Civic Watch President"),
    ],
)
def test_polnear_sources_name_the_person_of_an_apposition(
    source: str, name: str, role: str | None
) -> None:
    ref = source_reference(source)
    assert ref is not None and ref.name == name
    assert ref.role == role


def test_polnear_items_come_from_the_train_gold() -> None:
    """The generator reads PolNeAR's quoted train attributions (it broke silently once when
    the scorer's gold loader changed its signature)."""
    train = [
        a for a in read_articles(POLNEAR / "articles.jsonl") if a.record.get("section") == "train"
    ]
    gold = gold_statements(POLNEAR, train[:40])
    assert sum(len(found) for found in gold.values()) >= 20
    assert all(key.startswith("polnear-") for key in gold)
