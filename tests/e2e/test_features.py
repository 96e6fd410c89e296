"""The quote desk tools on the bundled sample store, through `QuoteDesk` and the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from app.cli import cli

pytestmark = pytest.mark.slow

PESKOV = "Dmitry Peskov"
LAVROV_QUOTE = "There is no positive reaction on the main issue in this document"
PESKOV_QUOTE = (
    "All the papers are with the president. It will take some time to analyze them, "
    "we will not rush to any conclusion."
)


@pytest.fixture(scope="module")
def run_cli(sample_desk):
    store = str(sample_desk.settings.store_dir)

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--store", store, *args])

    return invoke


# (case, quotation, named speaker, verdict, speaker of the best occurrence)
CHECK_CASES = [
    ("verbatim, curly marks", f"“{LAVROV_QUOTE},”", None, "exact", "Sergei Lavrov"),
    ("right speaker named", LAVROV_QUOTE, "Lavrov", "exact", "Sergei Lavrov"),
    (
        "word changed",
        LAVROV_QUOTE.replace("positive", "negative"),
        None,
        "misquoted",
        "Sergei Lavrov",
    ),
    ("other speaker named", LAVROV_QUOTE, "Dmitry Peskov", "misattributed", "Sergei Lavrov"),
    ("a cut clause", "It will take some time to analyze them", None, "out_of_context", PESKOV),
    ("never said", "The harbour bridge opens in May after a long delay", None, "not_found", None),
]


@pytest.mark.parametrize(
    ("quotation", "speaker", "verdict", "said_by"),
    [case[1:] for case in CHECK_CASES],
    ids=[case[0] for case in CHECK_CASES],
)
def test_check(sample_desk, quotation, speaker, verdict, said_by) -> None:
    result = sample_desk.check(quotation, speaker)
    assert result.verdict == verdict
    assert (result.best.record.speaker if result.best else None) == said_by


def test_check_locates_the_words_in_the_article(sample_desk) -> None:
    result = sample_desk.check("It will take some time to analyze them")
    best = result.best
    article = sample_desk.article(best.record.article_id)
    assert article.text[best.record.start : best.record.end] == best.record.quote == PESKOV_QUOTE
    assert best.record.published == "2022-01-27" and best.record.paragraph > 1


def test_check_diff_shows_the_changed_word(sample_desk) -> None:
    result = sample_desk.check(LAVROV_QUOTE.replace("positive", "negative"))
    changes = [(d.op, d.given, d.stored) for d in result.best.diff if d.op != "equal"]
    assert changes == [("changed", "negative", "positive")]


def test_timeline_is_dated_cited_and_one_speakers(sample_desk) -> None:
    found = sample_desk.timeline("Peskov")
    assert found.speaker == "Dmitry Peskov"
    assert len(found.records) >= 5
    assert {r.speaker for r in found.records} == {"Dmitry Peskov"}
    assert [g.date for g in found.groups] == ["2022-01-27"]
    assert [(m.month, m.count) for m in found.months] == [("2022-01", len(found.records))]


def test_timeline_dates_filter(sample_desk) -> None:
    assert sample_desk.timeline("Peskov", since="2022-02-01").records == []
    with pytest.raises(ValueError, match="since"):
        sample_desk.timeline("Peskov", since="last week")


def test_timeline_topic_narrows(sample_desk) -> None:
    everything = sample_desk.timeline("Lavrov").records
    alliances = sample_desk.timeline("Lavrov", topic="alliances").records
    assert 0 < len(alliances) < len(everything)
    # every quote that names the topic is kept; a quote close to it in meaning may be too
    # (pooled quote vectors admit one about the leaders' signed commitments, cosine 0.40)
    naming = {r.quote_id for r in everything if "alliance" in r.quote.lower()}
    assert naming and naming <= {r.quote_id for r in alliances}


def test_compare_never_mixes_speakers(sample_desk) -> None:
    found = sample_desk.compare("Lavrov", "Peskov", topic="NATO security concerns")
    assert (found.left.speaker, found.right.speaker) == ("Sergei Lavrov", "Dmitry Peskov")
    assert found.left.records and found.right.records
    assert {r.speaker for r in found.left.records} == {"Sergei Lavrov"}
    assert {r.speaker for r in found.right.records} == {"Dmitry Peskov"}


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [("Lavrov", "Sergei Lavrov", "same speaker"), ("Lavrov", "Zzyzx Qwerty", "no speaker")],
)
def test_compare_refuses_bad_pairs(sample_desk, first, second, message) -> None:
    with pytest.raises(ValueError, match=message):
        sample_desk.compare(first, second)


def test_speaker_profile(sample_desk) -> None:
    profile = sample_desk.speaker_profile("Peskov")
    stored = sample_desk.speaker_index().info("Dmitry Peskov")
    assert (profile.quotes, profile.articles) == (stored.quotes, 1)
    assert profile.roles[0].name == "Kremlin spokesman"
    assert [(s.name, s.count) for s in profile.sources] == [("CNN", stored.quotes)]
    assert profile.recent and profile.recent[0].speaker == "Dmitry Peskov"


def test_export_rows_match_the_store(sample_desk) -> None:
    rows = list(csv.DictReader(io.StringIO(sample_desk.export("csv", speaker="Lavrov"))))
    assert len(rows) == sample_desk.speaker_index().info("Sergei Lavrov").quotes
    text = sample_desk.article(rows[0]["article_id"]).text
    for row in rows:
        assert row["speaker"] == "Sergei Lavrov" and row["source"] == "CNN"
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]


def test_export_needs_one_subject(sample_desk) -> None:
    with pytest.raises(ValueError, match="either"):
        sample_desk.export("csv")


def test_cli_check_json_and_text(run_cli) -> None:
    result = run_cli("check", LAVROV_QUOTE, "--speaker", "Peskov", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "misattributed"
    assert data["best"]["record"]["speaker"] == "Sergei Lavrov"
    text = run_cli("check", LAVROV_QUOTE.replace("positive", "negative"))
    assert text.exit_code == 0 and text.output.startswith("MISQUOTED")
    assert "[-positive-]{+negative+}" in text.output


def test_cli_timeline_and_compare(run_cli) -> None:
    timeline = run_cli("timeline", "Peskov", "--until", "2022-01-31")
    assert timeline.exit_code == 0, timeline.output
    assert timeline.output.startswith("Dmitry Peskov: ") and "\n2022-01-27\n" in timeline.output
    compared = run_cli("compare", "Lavrov", "Peskov", "--topic", "NATO")
    assert compared.exit_code == 0, compared.output
    assert compared.output.index("Sergei Lavrov") < compared.output.index("Dmitry Peskov")


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_cli_export_formats(run_cli, tmp_path, fmt) -> None:
    out = tmp_path / f"peskov.{fmt}"
    result = run_cli("export", "Peskov", "--format", fmt, "--output", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Dmitry Peskov" in text and "The president has already read the written answers" in text


def test_cli_export_answer(run_cli) -> None:
    question = "What did Lavrov say about the OSCE?"
    result = run_cli("export", "--answer", question, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["article_id"] == "cnn-2022-01-27-lavrov-peskov" for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "Zzyzx Qwerty"], "no speaker named"),
        (["timeline", "Peskov", "--since", "soon"], "since must be a date"),
        (["export"], "give a SPEAKER or --answer"),
        (["compare", "Lavrov", "Lavrov"], "same speaker"),
    ],
)
def test_cli_bad_input_is_one_clear_line(run_cli, args, message) -> None:
    result = run_cli(*args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
