"""Poll shares as speakers (`ingest/quoting/shares.py`): which phrases are a share of the
people asked, and the statements a share reports. NER-free (`analyse`): no spaCy."""

from __future__ import annotations

import pytest

from ingest.quoting.analyse import analyse
from ingest.quoting.shares import share_phrase

# (phrase, whether it is a poll share)
SHARES = [
    ("21 percent", True),
    ("31% of Republicans", True),
    ("About four in 10", True),
    ("Six in 10 Republicans", True),
    ("At least half of voters in each state", True),
    ("Roughly two-thirds of voters", True),
    ("Nearly a third", True),
    ("More than 40 percent of voters", True),
    ("Most", False),  # no share in it: a determiner
    ("10 people", False),  # a count, not a share
    ("half the time", False),  # no group after the share
    ("The council", False),
    ("about 28 percent of the bosses polled for the survey in the first week", False),  # long
]


@pytest.mark.parametrize(("phrase", "expected"), SHARES, ids=[row[0] for row in SHARES])
def test_share_phrase(phrase: str, expected: bool) -> None:
    assert share_phrase(phrase) is expected


# (text, statement span, speaker phrase, rule)
SHARE_STATEMENTS = [
    (
        'In a national poll, 31% of Republicans said they were "extremely enthusiastic."',
        'they were "extremely enthusiastic."',
        "31% of Republicans",
        "thatless_clause",
    ),
    (
        'About four in 10 said they were "angry" with the way the council is run.',
        'they were "angry" with the way the council is run',
        "About four in 10",
        "thatless_clause",
    ),
    (
        'Six in 10 Republicans said that the delegates "should vote for the leader."',
        'the delegates "should vote for the leader."',
        "Six in 10 Republicans",
        "that_clause",
    ),
]


@pytest.mark.parametrize(
    ("text", "span", "np", "rule"), SHARE_STATEMENTS, ids=[row[2] for row in SHARE_STATEMENTS]
)
def test_share_statement(text: str, span: str, np: str, rule: str) -> None:
    found = {text[s.start : s.end]: s for s in analyse(text).indirect}
    assert span in found, f"{span!r} not among {list(found)}"
    assert (found[span].np, found[span].rule) == (np, rule)
