"""Properties every extractive answer must have, checked over many real answers (issue 17).

An answer may only put words inside quotation marks that its speaker said, and may only name
as speaking the person whose words it cites:
- `quote_outside_span`: each “...” of an answer's sentence is a substring of the content span
  (the words between the article's own marks) of one quotation that overlaps a citation that
  sentence marks, or is written with those same marks in the cited text itself (an article
  sentence cited as written keeps its own marks: a title, a scare quote);
- `unpaired_mark`: every “ the answer shows is closed by a ” in the same sentence, and no ”
  closes what was never opened (an unpaired mark leaves the reader to guess where words end);
- `wrong_speaker`: each person the answer names as saying something ("X said: “...”", "X
  also said: “...”") is the speaker of the citation that sentence marks;
- `framed_twice`: words framed as X's speech never name X as saying them again ("X said: “...,
  X said”"): the frame would attribute the attribution.

The same checks run in `tests/e2e/test_answer_properties.py` over a small store and here over
whole stores:

    python -m evals.answer_properties --store /work/stores/bbc \
        --dataset evals/generated/bbc-dev.jsonl --limit 500 [--out FILE.json]

Prints the number of answers, citations and violations per rule, and exits 1 when any are found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.types import MARKER, Answer, Citation, marker_numbers

if TYPE_CHECKING:
    from app.api import QuoteDesk
    from ingest.types import Quote

QuotesOf = Callable[[str], Sequence["Quote"]]

OPEN, CLOSE = "“", "”"
# "Tom Reed said: “", "Reed also said: “", "Tom Reed (Foreign Minister) said: “":
# the frames an answer writes around a quotation.
_FRAME = re.compile(r"(?P<who>[^:“”\[\]]+?)(?P<also> also)? said: “")
_ROLE = re.compile(r"\s*\([^()]*\)$")
# A reported sentence's opening pronoun replaced by its speaker: "[Ana Vell] stressed ..."
_BRACKETED = re.compile(r"^\s*\[(?P<who>[^\]\d][^\]]*)\]")
# A speaker named as saying something inside the quoted words: "..., Reed said" / "said
# Mr Reed" / "Reed told reporters".
_REPORTING = r"(?:said|says|told|tells|added|adds|stated|noted|stressed|explained|replied)"
_TITLES = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.? )?"


class Violation(NamedTuple):
    """One broken property of one answer."""

    question: str
    rule: str
    detail: str


class Segment(NamedTuple):
    """One sentence of an answer and the citation numbers its marker names."""

    text: str
    numbers: tuple[int, ...]


def segments(answer: Answer) -> list[Segment]:
    """The answer split at its markers: each piece of text with the numbers that follow it."""
    found: list[Segment] = []
    position = 0
    for match in MARKER.finditer(answer.answer):
        found.append(Segment(answer.answer[position : match.start()], tuple(marker_numbers(match))))
        position = match.end()
    return found


def answer_violations(answer: Answer, quotes_of: QuotesOf) -> list[Violation]:
    """Every property the answer breaks (empty for a good answer). A decline that cites is
    checked too: it shows the closest quotation ("No quotation in the articles says that;
    the closest one: ..."), framed like any answer's."""
    if answer.written or (answer.abstained and not answer.citations):
        return []
    by_number = {c.n: c for c in answer.citations}
    found: list[Violation] = []
    for segment in segments(answer):
        cited = [by_number[n] for n in segment.numbers if n in by_number]
        found.extend(_mark_violations(answer.question, segment, cited, quotes_of))
        found.extend(_frame_violations(answer.question, segment, cited))
    return found


def _pairs(text: str) -> tuple[list[str], list[str]]:
    """The words inside each “...” pair, and a description of each mark left unpaired."""
    inside: list[str] = []
    unpaired: list[str] = []
    opened: int | None = None
    for position, char in enumerate(text):
        if char == OPEN:
            if opened is not None and text[:position].rstrip(" \t").endswith("\n"):
                continue  # a quotation's next paragraph opens with “ and is not closed before
            if opened is not None:
                unpaired.append(f"“ at {opened} never closed: {text[opened : opened + 60]!r}")
            opened = position
        elif char == CLOSE:
            if opened is None:
                unpaired.append(f"” at {position} never opened: {text[: position + 1][-60:]!r}")
            else:
                inside.append(text[opened + 1 : position])
                opened = None
    if opened is not None:
        unpaired.append(f"“ at {opened} never closed: {text[opened : opened + 60]!r}")
    return inside, unpaired


def _as_written(text: str) -> str:
    """Undo the answer's display of article brackets ("［1］" for "[1]")."""
    return text.replace("［", "[").replace("］", "]")


def _mark_violations(
    question: str, segment: Segment, cited: Sequence[Citation], quotes_of: QuotesOf
) -> Iterable[Violation]:
    inside, unpaired = _pairs(segment.text)
    for problem in unpaired:
        yield Violation(question, "unpaired_mark", problem)
    if not inside:
        return
    spans = [
        q.text
        for c in cited
        for q in quotes_of(c.article_id)
        if q.kind != "indirect" and q.start < c.end and c.start < q.end
    ]
    own_marks = [c.text for c in cited]  # a sentence cited as written keeps the article's marks
    for words in inside:
        words = _as_written(words)
        if any(words in span for span in spans):
            continue
        if any(f"{OPEN}{words}{CLOSE}" in text for text in own_marks):
            continue  # the article's own marks, in its sentence as written ("“Scandal,”")
        yield Violation(question, "quote_outside_span", words[:160])


def _describes(who: str, speaker: str) -> bool:
    """A speaker described, not named ("bank", "some analysts"), is written as a subject:
    "The bank said", "Some analysts said"."""
    return speaker[:1].islower() and who.casefold() in (
        speaker.casefold(),
        f"the {speaker}".casefold(),
    )


def _frame_violations(
    question: str, segment: Segment, cited: Sequence[Citation]
) -> Iterable[Violation]:
    speakers = [c.speaker for c in cited if c.speaker]
    if (named := _BRACKETED.match(segment.text)) and named.group("who") not in speakers:
        yield Violation(question, "wrong_speaker", f"[{named.group('who')}] for {speakers}")
    for match in _FRAME.finditer(segment.text):
        who = _ROLE.sub("", match.group("who").strip())
        if match.group("also"):  # "Reed also said": the surname of the cited speaker
            named = any(s.split()[-1] == who or _describes(who, s) for s in speakers)
        else:
            named = who in speakers or any(_describes(who, s) for s in speakers)
        if not named:
            yield Violation(question, "wrong_speaker", f"{who!r} framed; cited {speakers}")
            continue
        words = segment.text[match.end() :]
        surname = re.escape(who.split()[-1])
        naming = re.compile(
            rf"\b{surname}\b(?:\s+\w+){{0,2}}\s+{_REPORTING}\b|\b{_REPORTING}\s+{_TITLES}"
            rf"(?:\w+\s+)?{surname}\b"
        )
        if hit := naming.search(words):
            yield Violation(question, "framed_twice", f"{who!r} frames {hit.group(0)!r}")


# ----- over a store -------------------------------------------------------------------------


class Report(NamedTuple):
    """What one run over a question set found."""

    answers: int
    abstained: int
    citations: int
    quoted: int  # “...” pairs checked
    violations: list[Violation]
    checked: int  # answers whose citations were checked: all that cite, declines too


def check_questions(desk: QuoteDesk, rows: Iterable[dict]) -> Report:
    """Ask every question (its `context` turns first, in one conversation) and check every
    answer, the context turns' answers included."""
    quotes: dict[str, list[Quote]] = {}

    def quotes_of(article_id: str) -> list[Quote]:
        if article_id not in quotes:
            quotes[article_id] = desk.quotes(article_id)
        return quotes[article_id]

    answers = abstained = citations = quoted = checked = 0
    violations: list[Violation] = []
    for row in rows:
        history: list[Answer] = []
        for question in [*(row.get("context") or []), row["question"]]:
            answer = desk.ask(question, history, mode="quotes")
            history.append(answer)
            answers += 1
            abstained += answer.abstained
            citations += len(answer.citations)
            cites = bool(answer.citations) and not answer.written
            checked += cites
            quoted += len(_pairs(answer.answer)[0]) if cites else 0
            violations.extend(answer_violations(answer, quotes_of))
    return Report(answers, abstained, citations, quoted, violations, checked)


def main(argv: list[str] | None = None) -> int:
    from app.api import QuoteDesk
    from evals.run import limit_rows

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="store folder (read only)")
    ap.add_argument("--dataset", type=Path, action="append", required=True)
    ap.add_argument("--limit", type=int, default=None, help="questions per dataset")
    ap.add_argument("--out", type=Path, default=None, help="write every violation as JSON")
    args = ap.parse_args(argv)
    desk = QuoteDesk.open(args.store)
    rows: list[dict] = []
    for path in args.dataset:
        lines = path.read_text(encoding="utf-8").splitlines()
        rows.extend(limit_rows([json.loads(line) for line in lines if line.strip()], args.limit))
    report = check_questions(desk, rows)
    counts = Counter(v.rule for v in report.violations)
    print(
        f"{len(rows)} questions, {report.answers} answers ({report.abstained} declined), "
        f"{report.citations} citations, {report.quoted} quoted passages checked"
    )
    print("violations:", dict(counts) or 0)
    for violation in report.violations[:20]:
        print(f"  {violation.rule}: {violation.question} -> {violation.detail}")
    if args.out:
        args.out.write_text(
            json.dumps([v._asdict() for v in report.violations], indent=1, ensure_ascii=False),
            encoding="utf-8",
        )
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
